"""The tables. Telegram ids are 64-bit; every timestamp is stored in UTC."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from drafts.vocabulary import (
    BallotKind,
    BallotStatus,
    Conclusion,
    ContributionKind,
    ContributionStatus,
    Disposition,
    MeetingAnswer,
    Stage,
    UnitKind,
)
from storage.types import StrEnumColumn, UTCDateTime


class Base(DeclarativeBase):
    # Every time a model holds is an aware UTC datetime (SQLite would drop the zone).
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}

    @classmethod
    def table(cls) -> Table:
        """The model's table, for Core statements on paths that every update takes."""
        return cls.metadata.tables[cls.__tablename__]


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[UnitKind] = mapped_column(StrEnumColumn(UnitKind, 16))
    observer: Mapped[bool] = mapped_column(Boolean, default=False)
    # A seat of an expert panel (an expert's vote in a review meeting): never listed as a unit.
    panel: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    representatives: Mapped[list[Person]] = relationship(
        back_populates="unit", order_by="Person.id", lazy="raise"
    )

    def label(self) -> str:
        return unit_label(self.name, self.short_name)

    def short(self) -> str:
        return self.short_name or self.name


class UnitName(NamedTuple):
    """A unit as a ballot names it, read without the ORM (an electorate may be 10,000 units:
    a named tuple is made in half the time of a frozen dataclass)."""

    id: int
    name: str
    short_name: str | None

    def label(self) -> str:
        return unit_label(self.name, self.short_name)

    def short(self) -> str:
        return self.short_name or self.name


def unit_label(name: str, short_name: str | None) -> str:
    return f"{name}（{short_name}）" if short_name else name


class Person(Base):
    """A Telegram user the bot has seen."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(256), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    dm_open: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[datetime]

    unit: Mapped[Unit | None] = relationship(back_populates="representatives", lazy="raise")

    def display(self) -> str:
        return self.full_name or (f"@{self.username}" if self.username else str(self.id))


class JoinStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


class JoinRequest(Base):
    """A person's request to represent a unit, decided by the secretariat."""

    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    status: Mapped[JoinStatus] = mapped_column(StrEnumColumn(JoinStatus, 16))
    requested_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)


class RoleGrant(Base):
    """A role given in the chat: secretariat (alliance-wide) or chair (of one project)."""

    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    granted_by: Mapped[int] = mapped_column(BigInteger)
    granted_at: Mapped[datetime]


class Project(Base):
    """A standard being drafted, bound to one group chat or one forum topic (thread_id 0 = none)."""

    __tablename__ = "projects"
    __table_args__ = (
        UniqueConstraint("chat_id", "thread_id", name="uq_projects_place"),
        UniqueConstraint("repository", name="uq_projects_repository"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)
    stage: Mapped[Stage] = mapped_column(StrEnumColumn(Stage, 16))
    repository: Mapped[str] = mapped_column(String(32))  # generated key naming the git repository
    policy: Mapped[str] = mapped_column(String(8), default="review")  # review | open
    contribution_seq: Mapped[int] = mapped_column(Integer, default=0)
    ballot_seq: Mapped[int] = mapped_column(Integer, default=0)
    comment_seq: Mapped[int] = mapped_column(Integer, default=0)
    meeting_seq: Mapped[int] = mapped_column(Integer, default=0)
    opinion_seq: Mapped[int] = mapped_column(Integer, default=0)
    consultation_until: Mapped[datetime | None]
    standard_number: Mapped[str | None] = mapped_column(String(64))  # given at publication
    drafter_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    terminated_at: Mapped[datetime | None]  # /terminate: the project has ended
    terminated_reason: Mapped[str | None] = mapped_column(Text)


class WorkingGroupMember(Base):
    """A unit taking part in a project, and how it came to."""

    __tablename__ = "wg_members"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # drafter | added | activity
    added_at: Mapped[datetime]


class ChatSetting(Base):
    __tablename__ = "chat_settings"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))


class ProcessedUpdate(Base):
    """Update ids already handled, so a redelivered update has no second effect."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(index=True)


class Contribution(Base):
    """Proposed text for a clause (`#number` within its project) and what became of it."""

    __tablename__ = "contributions"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_contributions_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    clause_id: Mapped[str] = mapped_column(String(16))  # the stable clause id of the outline
    clause_number: Mapped[str] = mapped_column(String(32))  # as it was numbered when proposed
    kind: Mapped[ContributionKind] = mapped_column(StrEnumColumn(ContributionKind, 8))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    status: Mapped[ContributionStatus] = mapped_column(StrEnumColumn(ContributionStatus, 12))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None]
    commit_sha: Mapped[str | None] = mapped_column(String(40))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # where the proposal message is
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    # Proposed under the `open` policy and committed, but not merged yet: start-up merges it.
    merge_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    # A proposed figure's picture (PNG or JPEG); written to `figures/` when accepted.
    picture: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # A section (1–12) of the 编制说明 the text is for (`/note`); None for a clause of the standard.
    # A note's clause_id is `note-<section>` and its clause_number the section's numeral.
    note_section: Mapped[int | None] = mapped_column(Integer)


class Ballot(Base):
    """A vote of units (`B<number>` within its project): a motion, a stage ballot or an election."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_ballots_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[BallotKind] = mapped_column(StrEnumColumn(BallotKind, 12))
    question: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(120))
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    target_stage: Mapped[str | None] = mapped_column(String(16))  # for a stage ballot
    status: Mapped[BallotStatus] = mapped_column(StrEnumColumn(BallotStatus, 8), index=True)
    opened_by: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[datetime]
    closes_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(BigInteger)  # None: closed by its deadline
    outcome: Mapped[str | None] = mapped_column(String(12))  # passed | failed | elected | no_winner
    winner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class BallotVoter(Base):
    """The electorate, a snapshot taken when the ballot opens."""

    __tablename__ = "ballot_voters"

    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)


class BallotCandidate(Base):
    __tablename__ = "ballot_candidates"

    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class Vote(Base):
    """A unit's current vote; a new one from any of its representatives replaces it."""

    __tablename__ = "votes"

    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    choice: Mapped[str] = mapped_column(String(16))  # yes | no | abstain | u<candidate unit id>
    comment: Mapped[str | None] = mapped_column(Text)
    voter_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    cast_at: Mapped[datetime]
    # Where it stands in the order people acted: the id of the Telegram update that cast it
    # (Telegram numbers updates in that order) times 65,536, or for a vote from the reading view
    # a step after every update received before it (bot/domain/voting.py); None for votes cast
    # before migration 0013.
    acted: Mapped[int | None] = mapped_column(BigInteger)


class PendingNo(Base):
    """A `no` pressed on a stage ballot, waiting for the comment that makes it count."""

    __tablename__ = "pending_no_votes"

    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    prompt_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    asked_at: Mapped[datetime]


class PatentDeclaration(Base):
    """A unit's patent licensing commitment in a project. Never edited nor deleted: the latest
    one is the unit's commitment; the earlier ones are its history."""

    __tablename__ = "patent_declarations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    declarant_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    declared_at: Mapped[datetime]
    mode: Mapped[str | None] = mapped_column(String(8))  # None: no essential patents known
    pool: Mapped[str | None] = mapped_column(String(100))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("patent_declarations.id"))
    weakened: Mapped[bool] = mapped_column(Boolean, default=False)


class DeclaredPatent(Base):
    __tablename__ = "declared_patents"

    declaration_id: Mapped[int] = mapped_column(
        ForeignKey("patent_declarations.id"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200), default="")
    jurisdiction: Mapped[str] = mapped_column(String(8), default="")
    clauses: Mapped[str] = mapped_column(String(200), default="")  # space-separated numbers
    status: Mapped[str] = mapped_column(String(8), default="")  # granted | pending | ""


class PatentForm(Base):
    """A person's step-by-step declaration in the private chat, kept across restarts."""

    __tablename__ = "patent_forms"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    step: Mapped[str] = mapped_column(
        String(16)
    )  # project | essential | patents | mode | pool | confirm
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the answers so far
    updated_at: Mapped[datetime]


class Comment(Base):
    """A consultation comment (`C<number>`) on a clause, and its disposition."""

    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_comments_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    clause_id: Mapped[str] = mapped_column(String(16))
    clause_number: Mapped[str] = mapped_column(String(32))
    original: Mapped[str] = mapped_column(Text)  # the clause text when the comment was made
    proposed: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime]
    disposition: Mapped[Disposition | None] = mapped_column(StrEnumColumn(Disposition, 8))
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[int | None] = mapped_column(BigInteger)
    resolved_at: Mapped[datetime | None]


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"  # notice out; answers and, once the chair opens it, check-in
    VOTING = "voting"  # the vote is open or closed; check-in is over
    CONCLUDED = "concluded"
    CANCELLED = "cancelled"


class Meeting(Base):
    """A review meeting (审查会, `/meeting`) of a project in review."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_meetings_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    scheduled_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)  # sooner than the notice period
    status: Mapped[MeetingStatus] = mapped_column(StrEnumColumn(MeetingStatus, 12))
    checkin_open: Mapped[bool] = mapped_column(Boolean, default=False)
    ballot_id: Mapped[int | None] = mapped_column(ForeignKey("ballots.id"))
    conclusion: Mapped[Conclusion | None] = mapped_column(StrEnumColumn(Conclusion, 8))
    conclusion_text: Mapped[str | None] = mapped_column(Text)
    concluded_at: Mapped[datetime | None]
    convened_by: Mapped[int] = mapped_column(BigInteger)  # the chair who scheduled it
    convened_at: Mapped[datetime]
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(BigInteger, default=0)


class MeetingReply(Base):
    """A unit's answer to the notice: it comes (参加) or is excused (请假); the latest counts."""

    __tablename__ = "meeting_replies"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    answer: Mapped[MeetingAnswer] = mapped_column(StrEnumColumn(MeetingAnswer, 8))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    answered_at: Mapped[datetime]


class Attendance(Base):
    """One person present at a review meeting: checked in with the button (person_id set) or
    recorded by the secretary (`/attend`). `unit_id` is the reviewing unit they make present."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_attendance_person"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    name: Mapped[str] = mapped_column(String(120))
    affiliation: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(120), default="")
    arrived_at: Mapped[datetime]
    recorded_by: Mapped[int] = mapped_column(BigInteger)


class MinuteLine(Base):
    """A line of a review meeting's minutes (`/minutes`), with who wrote it."""

    __tablename__ = "minute_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    written_at: Mapped[datetime]


class Expert(Base):
    """A member of a project's expert panel (`/expert add`), who need not use Telegram. The
    expert votes in a review meeting through a seat of their own (a `panel` unit); `unit_id` is
    the registered unit of their affiliation, if any (a drafting unit's expert may not vote)."""

    __tablename__ = "experts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    name: Mapped[str] = mapped_column(String(80))
    affiliation: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(80), default="")
    username: Mapped[str | None] = mapped_column(String(64))  # their Telegram @username
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_by: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[datetime]


class Opinion(Base):
    """A review opinion (审查意见, `O<number>`) the meeting gave on a clause, and its disposition."""

    __tablename__ = "opinions"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_opinions_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    number: Mapped[int] = mapped_column(Integer)
    clause_id: Mapped[str] = mapped_column(String(16))
    clause_number: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    proposed: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    created_at: Mapped[datetime]
    disposition: Mapped[Disposition | None] = mapped_column(StrEnumColumn(Disposition, 8))
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[int | None] = mapped_column(BigInteger)
    resolved_at: Mapped[datetime | None]


class DeadlineTarget(StrEnum):
    CLAUSE = "clause"  # a clause's text, due from its assigned unit
    CONSULTATION = "consultation"  # the end of the comment period
    PATENTS = "patents"  # the patent commitments
    BALLOT = "ballot"  # a ballot's close
    MEETING = "meeting"  # a review meeting: the units that have not answered its notice


class Deadline(Base):
    """A deadline of a project: a clause's text, the consultation, patent commitments, a ballot."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    target: Mapped[DeadlineTarget] = mapped_column(StrEnumColumn(DeadlineTarget, 16))
    ref: Mapped[str] = mapped_column(String(16), default="")  # clause id or ballot id
    due_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False once replaced or removed
    set_by: Mapped[int] = mapped_column(BigInteger)
    set_at: Mapped[datetime]


class Reminder(Base):
    """One reminder of a deadline (`offset` seconds before it; 0 is the deadline itself).
    `sent_at` is set exactly once, by whoever claims it first."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"), index=True)
    offset: Mapped[int] = mapped_column(Integer)
    fire_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(
        String(12)
    )  # sent | nobody | superseded | cancelled


class PendingImport(Base):
    """A Word or Excel file sent with /import, waiting for its sender's Confirm or Cancel. The file
    itself is kept, and read again on Confirm, so the preview survives a restart."""

    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    kind: Mapped[str] = mapped_column(String(16))  # framework | comments
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class QueuedUpdate(Base):
    """An update fetched from Telegram and not handled yet: confirmed to Telegram once it is here,
    so that a busy chat's backlog waits in the database, not in Telegram, and survives a crash."""

    __tablename__ = "queued_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lane: Mapped[str] = mapped_column(String(32), index=True)  # the chat (its buttons apart)
    payload: Mapped[str] = mapped_column(Text)  # the update as Telegram sent it (JSON)
    received_at: Mapped[datetime]


class RepositoryWrite(Base):
    """A write to a project's repository whose database side committed: its row commits in the
    same transaction as the update's effects. A commit in the repository carrying a write id
    (trailer `Write:`) that has no row here is an orphan — its database side failed or a crash
    came between the two — and is taken back (bot/services/journal.py)."""

    __tablename__ = "repository_writes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    made_at: Mapped[datetime]


class DeploymentTerm(Base):
    """Whose turn it is to write, in a deployment with a standby: each instance that takes the
    deployment's lock raises the term, and a transaction of an instance whose term has passed
    does not commit (storage/database.py) — whatever its connections still manage to do."""

    __tablename__ = "deployment_term"

    id: Mapped[int] = mapped_column(primary_key=True)  # the one row: 1
    term: Mapped[int] = mapped_column(BigInteger)


class OutboxState(StrEnum):
    """An outbox row's state (bot/outbox/sender.py): waiting, or done one way or another."""

    PENDING = "pending"
    SENT = "sent"
    REFUSED = "refused"  # for good: the chat or the message is gone
    SUPERSEDED = "superseded"  # a later edit of its message carries what it said


class OutboxMessage(Base):
    """A message, edit, file or picture the bot owes a chat. It commits in the same transaction
    as the effects it reports, and a sender per chat delivers it in order within Telegram's
    limits (bot/outbox/sender.py): an answer is never lost to a failed send, nor sent for work that
    rolled back."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "state", "chat_id", "id"),
        Index("ix_outbox_message", "chat_id", "message_id"),
        Index("ix_outbox_ref", "ref"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    update_id: Mapped[int | None] = mapped_column(BigInteger)  # the update it answers
    kind: Mapped[str] = mapped_column(String(16))  # message, edit, document, photo
    payload: Mapped[str] = mapped_column(Text)  # what to send (JSON, bot/outbox/sender.py)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # a file's bytes
    ref: Mapped[str | None] = mapped_column(String(64))  # whose message it is (ballot:17)
    state: Mapped[OutboxState] = mapped_column(
        StrEnumColumn(OutboxState, 16), default=OutboxState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # once sent
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
