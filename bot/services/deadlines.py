"""Deadlines and state-aware reminders.

Deadlines and their reminders live in the database. A sweep (at start-up and then every few
seconds) claims each due reminder with a compare-and-swap on `sent_at`, so racing sweeps send it
once; of several that fell due together only the latest is sent. The claim is `sending` until its
messages are stored in the outbox (which delivers them): a database failure releases it for the
next sweep, and one left by a process that died is released at start-up — so none is lost, and
only a crash in the moment between storing and confirming can send one twice. A reminder names only the
units that have not acted, and none goes out when all have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from bot.domain.ballots import parse_ballot_ref
from bot.domain.reminders import to_send
from bot.domain.roles import Action
from bot.domain.stages import Stage
from bot.domain.when import split_span
from bot.i18n import Msg, msg
from bot.runtime import Runtime
from bot.services import ballots, review_meeting
from bot.services.ballots import parse_deadline
from bot.services.comments import REPLIES, replied_unit
from bot.services.draft_io import find_clause, read_meta
from bot.services.errors import Refused
from bot.services.patents import missing_commitments
from bot.services.projects import working_group
from bot.services.reminder_schedule import (
    BALLOT,
    CLAUSE,
    CONSULTATION,
    CONSULTATION_TARGET,
    MEETING,
    PATENTS,
    PATENTS_TARGET,
    Target,
    place,
)
from bot.services.review_meeting import meeting_target
from bot.services.workspace import Workspace, system_workspace
from drafts.meta import clause_path
from storage.models import (
    Ballot,
    Comment,
    Deadline,
    Meeting,
    MeetingStatus,
    Person,
    Reminder,
    Unit,
    UnitName,
)

OFF_WORDS = {"off", "none", "取消"}
SENDING = "sending"  # claimed; its messages are not stored in the outbox yet


@dataclass(frozen=True)
class Notice:
    """A reminder to deliver: one message to the project's chat, and direct messages."""

    reminder_id: int  # to confirm or release once its messages are stored in the outbox
    chat_id: int
    thread_id: int
    lang: str
    lines: list[Msg]
    direct: list[tuple[int, list[Msg]]]  # (person id, lines) for representatives with a DM open


async def set_deadline(
    ws: Workspace, target_text: str, when_text: str
) -> tuple[Target, Deadline | None]:
    """Set, move (`<when>`) or remove (`off`) a deadline; its old reminders never fire."""
    ws.require(Action.MANAGE_PROJECT)
    target = await _target(ws, target_text)
    off = when_text.strip().lower() in OFF_WORDS
    due_at = None if off else parse_deadline(ws, when_text)
    return target, await place(ws, target, due_at)


async def upcoming(ws: Workspace) -> list[tuple[Target, Deadline]]:
    ws.require(Action.READ)
    project = ws.require_project()
    rows = await ws.session.scalars(
        select(Deadline)
        .where(
            Deadline.project_id == project.id, Deadline.active.is_(True), Deadline.due_at > ws.now
        )
        .order_by(Deadline.due_at)
    )
    return [(await _describe(ws, d), d) for d in rows.all()]


async def due_projects(runtime: Runtime) -> list[int]:
    """Projects with a reminder due now."""
    async with runtime.db.session() as session:
        rows = await session.scalars(
            select(Deadline.project_id)
            .join(Reminder, Reminder.deadline_id == Deadline.id)
            .where(Reminder.sent_at.is_(None), Reminder.fire_at <= runtime.clock())
            .distinct()
        )
        return list(rows.all())


async def release_unconfirmed(runtime: Runtime) -> None:
    """At start-up: the claims of a process that died before confirming are due again."""
    async with runtime.db.session() as session:
        await session.execute(
            update(Reminder).where(Reminder.outcome == SENDING).values(sent_at=None, outcome=None)
        )
        await session.commit()


async def confirm(runtime: Runtime, reminder_id: int) -> None:
    """The reminder's messages are stored in the outbox, which delivers them (or records that
    Telegram refused them for good)."""
    await _settle(runtime, reminder_id, sent_at=runtime.clock(), outcome="sent")


async def release(runtime: Runtime, reminder_id: int) -> None:
    """The reminder's messages could not be stored just now: the next sweep tries again."""
    await _settle(runtime, reminder_id, sent_at=None, outcome=None)


async def _settle(runtime: Runtime, reminder_id: int, **values: object) -> None:
    async with runtime.db.session() as session:
        await session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.outcome == SENDING)
            .values(**values)
        )
        await session.commit()


async def collect(runtime: Runtime, project_id: int) -> list[Notice]:
    """Claim the project's due reminders and say what to send (the claims are committed before
    sending, and confirmed or released after)."""
    notices = []
    async with system_workspace(runtime, project_id) as ws:
        due = (
            await ws.session.execute(
                select(Reminder, Deadline)
                .join(Deadline, Deadline.id == Reminder.deadline_id)
                .where(
                    Deadline.project_id == project_id,
                    Reminder.sent_at.is_(None),
                    Reminder.fire_at <= ws.now,
                )
                .order_by(Reminder.fire_at)
            )
        ).all()
        by_deadline: dict[int, list[Reminder]] = {}
        deadlines: dict[int, Deadline] = {}
        for reminder, deadline in due:
            if await _claim(ws, reminder):
                by_deadline.setdefault(deadline.id, []).append(reminder)
                deadlines[deadline.id] = deadline
        for deadline_id, claimed in by_deadline.items():
            chosen = to_send([r.offset for r in claimed])
            sending = next(r for r in claimed if r.offset == chosen)
            for reminder in claimed:
                reminder.outcome = SENDING if reminder is sending else "superseded"
            notice = await _notice(ws, sending.id, deadlines[deadline_id], chosen)
            if notice is None:
                sending.outcome = "nobody"
            else:
                notices.append(notice)
        await ws.session.commit()
    return notices


async def _claim(ws: Workspace, reminder: Reminder) -> bool:
    claimed = await ws.session.execute(
        update(Reminder)
        .where(Reminder.id == reminder.id, Reminder.sent_at.is_(None))
        .values(sent_at=ws.now)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


async def _notice(
    ws: Workspace, reminder_id: int, deadline: Deadline, offset: int
) -> Notice | None:
    if not deadline.active:
        return None
    project = ws.require_project()
    target = await _describe(ws, deadline)
    when = deadline.due_at.astimezone(ws.settings.timezone).strftime("%Y-%m-%d %H:%M")
    if deadline.target == CONSULTATION and project.stage != Stage.CONSULTATION:
        return None  # the project has moved on: the comment period is over
    if deadline.target == CONSULTATION:
        comments = list(
            (
                await ws.session.scalars(select(Comment).where(Comment.project_id == project.id))
            ).all()
        )
        waiting = sum(1 for c in comments if c.disposition is None)
        key = "reminder.consultation.due" if offset == 0 else "reminder.consultation.before"
        lines = [
            msg(
                key,
                when=when,
                left=left(deadline.due_at - ws.now),
                count=len(comments),
                open=waiting,
            )
        ]
        silent = await _not_replied(ws, comments) if offset else []
        if silent:
            lines.append(msg("reminder.consultation.silent", units=[u.short() for u in silent]))
        return Notice(reminder_id, project.chat_id, project.thread_id, ws.lang, lines, [])
    if deadline.target in (BALLOT, MEETING) and offset == 0:
        return None  # a ballot posts its result instead; a meeting begins with its check-in
    missing = await _missing(ws, deadline)
    if not missing:
        return None
    people = list(
        (
            await ws.session.scalars(
                select(Person)
                .where(Person.unit_id.in_([u.id for u in missing]))
                .order_by(Person.id)
            )
        ).all()
    )
    mentions = [f"@{p.username}" if p.username else p.display() for p in people] or msg("none")
    key = "reminder.due" if offset == 0 else "reminder.before"
    facts: dict[str, object] = {}
    if deadline.target == MEETING:
        key = "reminder.meeting"
        facts["place"] = (await ws.session.get_one(Meeting, int(deadline.ref))).place
    line = msg(
        key,
        target=target.label,
        when=when,
        left=left(deadline.due_at - ws.now),
        units=[u.short() for u in missing],
        people=mentions,
        **facts,
    )
    direct = [
        (
            p.id,
            [
                msg(
                    f"{key}.direct",
                    target=target.label,
                    code=project.code,
                    when=when,
                    left=left(deadline.due_at - ws.now),
                )
            ],
        )
        for p in people
        if p.dm_open
    ]
    return Notice(reminder_id, project.chat_id, project.thread_id, ws.lang, [line], direct)


async def _not_replied(ws: Workspace, comments: list[Comment]) -> list[Unit]:
    """Working-group units that have neither commented nor said they have no comments."""
    project = ws.require_project()
    files = await ws.drafts.read(project.repository, lambda repo: repo.files(REPLIES))
    replied = {replied_unit(path) for path in files}
    replied |= {c.unit_id for c in comments}
    return [unit for unit in await working_group(ws) if unit.id not in replied]


async def _missing(ws: Workspace, deadline: Deadline) -> list[Unit] | list[UnitName]:
    """The units that have not acted: nobody, once everyone has."""
    project = ws.require_project()
    if deadline.target == PATENTS:
        return (await missing_commitments(ws, project))[0]
    if deadline.target == BALLOT:
        ballot = await ws.session.get(Ballot, int(deadline.ref))
        if ballot is None or ballot.status != ballots.OPEN:
            return []
        view = await ballots.view(ws, ballot)
        return [u for u in view.eligible if u.id not in view.votes]
    if deadline.target == MEETING:
        meeting = await ws.session.get(Meeting, int(deadline.ref))
        if meeting is None or meeting.status != MeetingStatus.SCHEDULED:
            return []
        now = await review_meeting.card(ws, meeting)
        return [u for u in now.body if u.id not in now.replies]
    meta = await read_meta(ws, project)
    clause = next((c for c in meta.clauses if c.id == deadline.ref), None)
    if clause is None or clause.assigned is None:
        return []
    path = clause_path(clause.id)
    text = await ws.drafts.read(project.repository, lambda repo: repo.read(path) or "")
    unit = await ws.session.get(Unit, clause.assigned.id)
    return [unit] if unit is not None and not text.strip() else []


async def _target(ws: Workspace, text: str) -> Target:
    project = ws.require_project()
    word = text.strip()
    if word.lower() in {CONSULTATION, "征求意见"}:
        if project.stage != Stage.CONSULTATION:
            raise Refused("deadline.not_consultation")
        return CONSULTATION_TARGET
    if word.lower() in {PATENTS, "专利"}:
        return PATENTS_TARGET
    if word.upper().startswith("B") and (number := parse_ballot_ref(word)) is not None:
        ballot = await ws.session.scalar(
            select(Ballot).where(Ballot.project_id == project.id, Ballot.number == number)
        )
        if ballot is None:
            raise Refused("ballot.unknown", n=number)
        if ballot.status != ballots.OPEN:
            raise Refused("ballot.closed", n=number)
        return Target(BALLOT, str(ballot.id), msg("target.ballot", n=number))
    clause = find_clause(await read_meta(ws, project), word)
    if clause.assigned is None:
        raise Refused("deadline.unassigned", number=clause.number)
    return Target(CLAUSE, clause.id, msg("target.clause", number=clause.number, title=clause.title))


async def _describe(ws: Workspace, deadline: Deadline) -> Target:
    if deadline.target == CONSULTATION:
        return CONSULTATION_TARGET
    if deadline.target == PATENTS:
        return PATENTS_TARGET
    if deadline.target == BALLOT:
        ballot = await ws.session.get_one(Ballot, int(deadline.ref))
        return Target(BALLOT, deadline.ref, msg("target.ballot", n=ballot.number))
    if deadline.target == MEETING:
        return meeting_target(await ws.session.get_one(Meeting, int(deadline.ref)))
    meta = await read_meta(ws, ws.require_project())
    clause = next((c for c in meta.clauses if c.id == deadline.ref), None)
    label = (
        msg("target.clause", number=clause.number, title=clause.title) if clause else deadline.ref
    )
    return Target(CLAUSE, deadline.ref, label)  # type: ignore[arg-type]


def left(span: timedelta) -> Msg:
    days, hours, minutes = split_span(span)
    if days:
        return msg("left.days", days=days, hours=hours)
    if hours:
        return msg("left.hours", hours=hours, minutes=minutes)
    return msg("left.minutes", minutes=minutes)
