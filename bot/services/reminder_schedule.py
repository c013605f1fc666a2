"""Placing a deadline and scheduling its reminders; used by /deadline, by a ballot opened with a
closing time, and by entering consultation. (Sending them is bot/services/deadlines.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from bot.domain.reminders import schedule
from bot.i18n import Msg, msg
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from storage.models import Ballot, Deadline, DeadlineTarget, Reminder

CLAUSE, CONSULTATION, PATENTS, BALLOT, MEETING = DeadlineTarget


@dataclass(frozen=True)
class Target:
    kind: DeadlineTarget
    ref: str  # clause id or ballot id; "" for consultation and patents
    label: Msg


async def place(ws: Workspace, target: Target, due_at: datetime | None) -> Deadline | None:
    """Replace the target's deadline (cancelling the old one's unsent reminders) and schedule
    the new one's reminders; None removes it."""
    project = ws.require_project()
    existing = await active_deadline(ws, project.id, target)
    if existing is not None:
        existing.active = False
        await ws.session.execute(
            update(Reminder)
            .where(Reminder.deadline_id == existing.id, Reminder.sent_at.is_(None))
            .values(sent_at=ws.now, outcome="cancelled")
        )
    elif due_at is None:
        raise Refused("deadline.none", target=target.label)
    await _apply_to_target(ws, target, due_at)
    if due_at is None:
        return None
    deadline = Deadline(
        project_id=project.id, target=target.kind, ref=target.ref, due_at=due_at, active=True,
        set_by=ws.caller.user_id, set_at=ws.now,
    )  # fmt: skip
    ws.session.add(deadline)
    await ws.session.flush()
    ws.session.add_all(
        Reminder(deadline_id=deadline.id, offset=offset, fire_at=when)
        for offset, when in schedule(due_at, ws.now, ws.settings.reminders)
    )
    return deadline


CONSULTATION_TARGET = Target(CONSULTATION, "", msg("target.consultation"))
PATENTS_TARGET = Target(PATENTS, "", msg("target.patents"))


async def active_deadline(ws: Workspace, project_id: int, target: Target) -> Deadline | None:
    return await ws.session.scalar(
        select(Deadline).where(
            Deadline.project_id == project_id, Deadline.target == target.kind,
            Deadline.ref == target.ref, Deadline.active.is_(True),
        )
    )  # fmt: skip


async def _apply_to_target(ws: Workspace, target: Target, due_at: datetime | None) -> None:
    """A ballot closes at its deadline; the consultation takes comments until it."""
    project = ws.require_project()
    if target.kind == BALLOT:
        ballot = await ws.session.get_one(Ballot, int(target.ref))
        ballot.closes_at = due_at
    elif target.kind == CONSULTATION:
        project.consultation_until = due_at
