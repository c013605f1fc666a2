"""The review meeting (审查会) of a project in review: its notice with the materials, the units'
answers, check-in and attendance, the quorum, the vote among those present, the conclusion and
the minutes. Every step rewrites the meeting's record in the repository
(`review/meetings/meeting-<n>.json`), so the 审查会议纪要 and the 签到表 are built from the
repository alone.

The reviewing body is the working group's voting units, one representative each; a person present
makes their unit present, and the unit votes through its representatives on Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from bot.domain.ballots import Options
from bot.domain.review import MeetingPlan, quorum_holds, quorum_needed
from bot.domain.roles import Action
from bot.domain.stages import Stage, latest_tag
from bot.domain.when import local
from bot.i18n import msg
from bot.services import experts
from bot.services.ballots import BallotView, cast, open_meeting_ballot, parse_deadline
from bot.services.draft_io import commit_record
from bot.services.errors import Refused
from bot.services.projects import enrol, take_number, working_group
from bot.services.reminder_schedule import MEETING, Target, active_deadline, place
from bot.services.workspace import Workspace
from drafts.export.formats import File, review_materials
from drafts.records import (
    MEETINGS,
    AttendeeRecord,
    MeetingRecord,
    MinuteRecord,
    ReplyToNotice,
)
from drafts.vocabulary import BallotStatus, Conclusion, MeetingAnswer
from storage.models import (
    Attendance,
    Ballot,
    Meeting,
    MeetingReply,
    MeetingStatus,
    MinuteLine,
    Person,
    Project,
    Unit,
)

SCHEDULED, VOTING, CONCLUDED, CANCELLED = MeetingStatus
OPEN_STATES = (SCHEDULED, VOTING)


def meeting_path(number: int) -> str:
    return f"{MEETINGS}meeting-{number}.json"


def meeting_target(meeting: Meeting) -> Target:
    return Target(MEETING, str(meeting.id), msg("target.meeting", n=meeting.number))


@dataclass(frozen=True)
class Notice:
    meeting: Meeting
    body: list[Unit]
    materials: list[File]
    tag: str  # the review tag the materials were built at
    invited: list[int]  # people of the reviewing units with a private chat open


async def schedule(ws: Workspace, plan: MeetingPlan) -> Notice:
    """`/meeting <when> | <place>`: schedule the project's review meeting and build its notice."""
    ws.require(Action.MANAGE_PROJECT)
    project = in_review(ws)
    if (open_one := await open_meeting(ws)) is not None:
        raise Refused("meeting.already", n=open_one.number)
    letter = await ws.session.scalar(
        select(Ballot.number).where(
            Ballot.project_id == project.id,
            Ballot.target_stage == Stage.APPROVAL.value,
            Ballot.status == BallotStatus.OPEN,
        )
    )
    if letter is not None:
        raise Refused("meeting.letter_open", n=letter)
    when = parse_deadline(ws, plan.when)
    earliest = ws.now + ws.settings.review_notice
    if when < earliest and not plan.urgent:
        raise Refused("meeting.too_soon", earliest=local(earliest, ws.settings.timezone))
    body = await reviewing_body(ws)
    if not body:
        raise Refused("ballot.no_electorate")
    tags = await ws.drafts.read(project.repository, lambda repo: repo.tags())
    tag = latest_tag(Stage.REVIEW.value, tags)
    assert tag is not None, "a project in review has its review tag"
    meeting = Meeting(
        project_id=project.id,
        number=await take_number(ws, project, Project.meeting_seq),
        scheduled_at=when,
        place=plan.place,
        urgent=plan.urgent,
        status=SCHEDULED,
        checkin_open=False,
        convened_by=ws.caller.user_id,
        convened_at=ws.now,
        chat_id=ws.place.chat_id,
        thread_id=ws.place.thread_id,
    )
    ws.session.add(meeting)
    await ws.session.flush()
    await place(ws, meeting_target(meeting), when)  # reminders to the units not yet answered
    await write_record(ws, meeting, "scheduled")
    invited = await ws.session.scalars(
        select(Person.id)
        .where(await _invited(ws, body), Person.dm_open.is_(True))
        .order_by(Person.id)
    )
    # The meeting stands before the materials are built (seconds, with the PDF): a failure
    # there leaves it scheduled, and `/meeting` shows it.
    await ws.checkpoint()
    materials = await ws.drafts.read(project.repository, lambda repo: review_materials(repo, tag))
    return Notice(meeting, body, materials, tag, list(invited.all()))


async def _invited(ws: Workspace, body: list[Unit]) -> ColumnElement[bool]:
    """The people the notice goes to: the reviewing units' representatives, or the experts."""
    if not by_panel(ws):
        return Person.unit_id.in_([u.id for u in body])
    names = [e.username.lower() for e in await experts.panel(ws) if e.username]
    return func.lower(Person.username).in_(names)


def in_review(ws: Workspace) -> Project:
    project = ws.require_project()
    if project.stage != Stage.REVIEW:
        raise Refused("meeting.not_review", stage=msg(f"stage.{project.stage}"))
    return project


def by_panel(ws: Workspace) -> bool:
    return ws.settings.review_body == "experts"


async def reviewing_body(ws: Workspace) -> list[Unit]:
    """Who reviews: the working group's voting units, or the seats of the panel's voting experts."""
    if by_panel(ws):
        return await experts.voting_seats(ws)
    return [unit for unit in await working_group(ws) if not unit.observer]


async def open_meeting(ws: Workspace) -> Meeting | None:
    """The project's meeting that is scheduled or voting, if any."""
    return await ws.session.scalar(
        select(Meeting).where(
            Meeting.project_id == ws.require_project().id, Meeting.status.in_(OPEN_STATES)
        )
    )


async def latest_meeting(ws: Workspace) -> Meeting | None:
    """The project's latest meeting that was not cancelled."""
    return await ws.session.scalar(
        select(Meeting)
        .where(Meeting.project_id == ws.require_project().id, Meeting.status != CANCELLED)
        .order_by(Meeting.number.desc())
        .limit(1)
    )


async def require_meeting(ws: Workspace) -> Meeting:
    """The meeting a step at it belongs to: the open one, else the latest (for opinions and
    minutes written after its conclusion)."""
    in_review(ws)
    meeting = await open_meeting(ws) or await latest_meeting(ws)
    if meeting is None:
        raise Refused("meeting.none")
    return meeting


async def require_open(ws: Workspace) -> Meeting:
    in_review(ws)
    meeting = await open_meeting(ws)
    if meeting is None:
        raise Refused("meeting.none")
    return meeting


async def require_scheduled(ws: Workspace, refusal: str) -> Meeting:
    """The open meeting, before its vote (`refusal` says what its vote has closed)."""
    meeting = await require_open(ws)
    if meeting.status != SCHEDULED:
        raise Refused(refusal, n=meeting.number)
    return meeting


@dataclass(frozen=True)
class Card:
    meeting: Meeting
    body: list[Unit]
    answers: list[MeetingReply]  # the units' answers, in the order given
    attendance: list[Attendance]
    present: list[Unit]
    ballot: Ballot | None

    @property
    def replies(self) -> dict[int, MeetingAnswer]:
        """Unit id -> its answer."""
        return {reply.unit_id: reply.answer for reply in self.answers}

    @property
    def quorum(self) -> int:
        return quorum_needed(len(self.body))


async def card(ws: Workspace, meeting: Meeting | None = None) -> Card:
    ws.require(Action.READ)
    meeting = meeting or await require_meeting(ws)
    body = await reviewing_body(ws)
    answers = list(
        (
            await ws.session.scalars(
                select(MeetingReply)
                .where(MeetingReply.meeting_id == meeting.id)
                .order_by(MeetingReply.answered_at, MeetingReply.unit_id)
            )
        ).all()
    )
    attendance = list(
        (
            await ws.session.scalars(
                select(Attendance)
                .where(Attendance.meeting_id == meeting.id)
                .order_by(Attendance.arrived_at, Attendance.id)
            )
        ).all()
    )
    counted = {a.unit_id for a in attendance}
    ballot = await ws.session.get(Ballot, meeting.ballot_id) if meeting.ballot_id else None
    return Card(meeting, body, answers, attendance, [u for u in body if u.id in counted], ballot)


async def meeting_by_id(ws: Workspace, meeting_id: int) -> Meeting | None:
    """A meeting of this chat's project (a button may carry any id)."""
    meeting = await ws.session.get(Meeting, meeting_id)
    project = ws.require_project()
    return meeting if meeting is not None and meeting.project_id == project.id else None


async def answer(ws: Workspace, meeting: Meeting, reply: MeetingAnswer) -> Unit:
    """A reviewing unit's representative answers the notice: 参加 or 请假 (the latest counts)."""
    unit = await _reviewing_unit(ws, meeting)
    if meeting.status != SCHEDULED:
        raise Refused("meeting.answers_over", n=meeting.number)
    row = await ws.session.get(MeetingReply, (meeting.id, unit.id))
    if row is None:
        ws.session.add(
            MeetingReply(
                meeting_id=meeting.id,
                unit_id=unit.id,
                answer=reply,
                person_id=ws.caller.user_id,
                answered_at=ws.now,
            )
        )
    else:
        row.answer, row.person_id, row.answered_at = reply, ws.caller.user_id, ws.now
    await ws.session.flush()
    await write_record(ws, meeting, f"{reply} of {unit.name}")
    return unit


async def open_checkin(ws: Workspace) -> Meeting:
    """`/checkin`: the chair says the meeting has begun; the 签到 button is posted."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_scheduled(ws, "meeting.checkin_over")
    if not meeting.checkin_open:
        meeting.checkin_open = True
        await write_record(ws, meeting, "check-in opened")
    return meeting


async def check_in(ws: Workspace, meeting: Meeting) -> Attendance:
    """The 签到 button: a representative of a reviewing unit is present from now."""
    unit = await _reviewing_unit(ws, meeting)
    if meeting.status != SCHEDULED or not meeting.checkin_open:
        raise Refused("meeting.checkin_closed", n=meeting.number)
    earlier = await ws.session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.person_id == ws.caller.user_id
        )
    )
    if earlier is not None:
        raise Refused(
            "meeting.checked_in_before",
            when=local(earlier.arrived_at, ws.settings.timezone),
        )
    expert = await experts.expert_of_caller(ws) if unit.panel else None
    row = Attendance(
        meeting_id=meeting.id,
        person_id=ws.caller.user_id,
        unit_id=unit.id,
        name=expert.name if expert else ws.caller.full_name[:120],
        affiliation=expert.affiliation if expert else unit.name,
        title=expert.title if expert else "",
        arrived_at=ws.now,
        recorded_by=ws.caller.user_id,
    )
    ws.session.add(row)
    await ws.session.flush()
    await write_record(ws, meeting, f"check-in of {unit.name}")
    return row


async def attend(ws: Workspace, name: str, affiliation: str, title: str) -> Attendance:
    """`/attend`: the secretary records someone present who does not use Telegram. Named with a
    reviewing unit, they make it present; otherwise they attend as a guest (an invited expert)."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_scheduled(ws, "meeting.attend_after_vote")
    body = await reviewing_body(ws)
    if by_panel(ws):  # an expert of the panel, by name
        expert = await experts.expert_named(ws, name)
        seat = expert.seat_id if expert is not None else None
        unit = next((u for u in body if u.id == seat), None)
    else:
        wanted = affiliation.strip().lower()
        unit = next(
            (u for u in body if wanted in {u.name.lower(), (u.short_name or "").lower()}), None
        )
    row = Attendance(
        meeting_id=meeting.id,
        person_id=None,
        unit_id=unit.id if unit else None,
        name=name,
        affiliation=unit.name if unit and not unit.panel else affiliation,
        title=title,
        arrived_at=ws.now,
        recorded_by=ws.caller.user_id,
    )
    ws.session.add(row)
    await ws.session.flush()
    await write_record(ws, meeting, f"attendance of {name}")
    return row


@dataclass(frozen=True)
class MeetingVote:
    meeting: Meeting
    view: BallotView
    body: int
    present: int


async def open_vote(ws: Workspace, options: Options) -> MeetingVote:
    """`/meeting vote`: check-in closes; the units present vote under the rule `meeting`, when
    they are a quorum of the reviewing body."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_scheduled(ws, "meeting.vote_opened")
    now = await card(ws, meeting)
    body, present = len(now.body), len(now.present)
    if not quorum_holds(body, present):
        raise Refused("meeting.no_quorum", body=body, present=present, needed=now.quorum)
    view = await open_meeting_ballot(ws, now.present, options)
    meeting.status, meeting.checkin_open, meeting.ballot_id = VOTING, False, view.ballot.id
    await write_record(ws, meeting, f"vote B{view.ballot.number} opened")
    return MeetingVote(meeting, view, body, present)


async def vote_for_expert(ws: Workspace, ballot_ref: int, name: str, choice: str) -> BallotView:
    """`/expert vote`: the secretary records the vote of an expert present without Telegram (one
    with a username votes in person)."""
    ws.require(Action.MANAGE_PROJECT)
    if not by_panel(ws):
        raise Refused("expert.not_panel_review")
    expert = await experts.expert_named(ws, name)
    if expert is None:
        raise Refused("expert.unknown", name=name)
    if expert.username:
        raise Refused("expert.votes_in_person", name=expert.name, user=expert.username)
    return await cast(
        ws, ballot_ref, choice, "", seat=await ws.session.get_one(Unit, expert.seat_id)
    )


async def conclude(ws: Workspace, conclusion: Conclusion, text: str) -> Meeting:
    """`/conclude`: the meeting's conclusion, which must agree with its closed vote."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_open(ws)
    ballot = await ws.session.get(Ballot, meeting.ballot_id) if meeting.ballot_id else None
    if ballot is None:
        raise Refused("meeting.no_vote", n=meeting.number)
    if ballot.status == BallotStatus.OPEN:
        raise Refused("meeting.vote_still_open", n=ballot.number)
    passed = ballot.outcome == "passed"
    if passed == (conclusion is Conclusion.FAIL):
        raise Refused(
            "meeting.conclusion_contradicts",
            n=ballot.number,
            outcome=msg(f"outcome.{ballot.outcome}"),
            conclusion=msg(f"conclusion.{conclusion}"),
        )
    meeting.status, meeting.conclusion = CONCLUDED, conclusion
    meeting.conclusion_text, meeting.concluded_at = text or None, ws.now
    await _stop_reminders(ws, meeting)
    await write_record(ws, meeting, f"concluded {conclusion}")
    return meeting


async def cancel(ws: Workspace) -> Meeting:
    """`/meeting cancel`: a meeting that will not be held (not once its vote has opened)."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_scheduled(ws, "meeting.vote_opened")
    await end(ws, meeting)
    return meeting


async def end(ws: Workspace, meeting: Meeting) -> None:
    """Cancel a meeting that has not voted, with its reminders."""
    meeting.status, meeting.checkin_open = CANCELLED, False
    await _stop_reminders(ws, meeting)
    await write_record(ws, meeting, "cancelled")


async def _stop_reminders(ws: Workspace, meeting: Meeting) -> None:
    if await active_deadline(ws, meeting.project_id, meeting_target(meeting)) is not None:
        await place(ws, meeting_target(meeting), None)


async def add_minutes(ws: Workspace, text: str) -> Meeting:
    """`/minutes`: a line of the meeting's record, attributed to whoever wrote it."""
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_meeting(ws)
    ws.session.add(
        MinuteLine(meeting_id=meeting.id, text=text, person_id=ws.caller.user_id, written_at=ws.now)
    )
    await ws.session.flush()
    await write_record(ws, meeting, "minutes")
    return meeting


async def _reviewing_unit(ws: Workspace, meeting: Meeting) -> Unit:
    """The caller's unit — or, for a panel, their expert seat — which must review."""
    unit = await experts.seat_of_caller(ws) if by_panel(ws) else ws.unit
    if unit is None or unit.id not in {u.id for u in await reviewing_body(ws)}:
        raise Refused(
            "meeting.not_on_panel" if by_panel(ws) else "meeting.not_in_body", n=meeting.number
        )
    if not unit.panel:
        await enrol(ws, ws.require_project(), unit, "activity")
    return unit


async def write_record(ws: Workspace, meeting: Meeting, step: str) -> None:
    """Rewrite the meeting's record from the database: every step is a commit."""
    project = ws.require_project()
    now = await card(ws, meeting)
    replies = now.answers
    named = {meeting.convened_by, *(r.person_id for r in replies)}
    people = {
        p.id: p for p in (await ws.session.scalars(select(Person).where(Person.id.in_(named))))
    }
    units = {u.id: u for u in now.body}
    minutes = await ws.session.execute(
        select(MinuteLine, Person, Unit)
        .join(Person, Person.id == MinuteLine.person_id)
        .outerjoin(Unit, Unit.id == Person.unit_id)
        .where(MinuteLine.meeting_id == meeting.id)
        .order_by(MinuteLine.id)
    )
    record = MeetingRecord(
        number=meeting.number,
        status=meeting.status.value,
        scheduled_at=meeting.scheduled_at.isoformat(),
        place=meeting.place,
        urgent=meeting.urgent,
        convened_by=_name(people, meeting.convened_by),
        convened_at=meeting.convened_at.isoformat(),
        body=tuple(u.name for u in now.body),
        replies=tuple(
            ReplyToNotice(
                units[r.unit_id].name if r.unit_id in units else str(r.unit_id),
                r.answer.value,
                _name(people, r.person_id),
                r.answered_at.isoformat(),
            )
            for r in replies
        ),
        attendance=tuple(
            AttendeeRecord(
                a.name,
                a.affiliation,
                a.title,
                a.arrived_at.isoformat(),
                "checkin" if a.person_id is not None else "recorded",
                units[a.unit_id].name if a.unit_id in units else None,
            )
            for a in now.attendance
        ),
        ballot=f"B{now.ballot.number}" if now.ballot else None,
        conclusion=meeting.conclusion.value if meeting.conclusion else None,
        conclusion_text=meeting.conclusion_text,
        concluded_at=meeting.concluded_at.isoformat() if meeting.concluded_at else None,
        minutes=tuple(
            MinuteRecord(line.text, _signed(person, unit), line.written_at.isoformat())
            for line, person, unit in minutes.all()
        ),
    )
    subject = f"Meeting {meeting.number}: {step}"
    await commit_record(ws, project, meeting_path(meeting.number), record, subject)


def _name(people: dict[int, Person], person_id: int) -> str:
    person = people.get(person_id)
    return person.display() if person else str(person_id)


def _signed(person: Person, unit: Unit | None) -> str:
    return f"{person.display()}（{unit.name}）" if unit else person.display()
