"""`/terminate`: a project ends before publication. Its open ballots close uncounted, its
deadlines and their reminders stop, an open review meeting is cancelled, and the repository is
tagged `terminated`; the exports still work, and every command that would change the project
answers that it has ended (handlers/base.py)."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.domain.roles import Action
from bot.services.ballots import close_uncounted
from bot.services.draft_io import commit_record
from bot.services.errors import Refused
from bot.services.review_meeting import end, open_meeting
from bot.services.workspace import Workspace
from drafts.records import TerminationRecord
from drafts.repository import DraftRepository
from storage.models import Deadline, Reminder

TAG = "terminated"


async def terminate(ws: Workspace, reason: str) -> list[int]:
    """End the project; returns the numbers of the ballots it closed."""
    ws.require(Action.ADMINISTER)
    project = ws.require_project()
    if project.terminated_at is not None:
        raise Refused("project.terminated", code=project.code)
    meeting = await open_meeting(ws)
    if meeting is not None:
        await end(ws, meeting)
    closed = await close_uncounted(ws, TAG)
    deadlines = select(Deadline.id).where(
        Deadline.project_id == project.id, Deadline.active.is_(True)
    )
    await ws.session.execute(
        update(Reminder)
        .where(Reminder.deadline_id.in_(deadlines), Reminder.sent_at.is_(None))
        .values(sent_at=ws.now, outcome="cancelled")
    )
    await ws.session.execute(
        update(Deadline)
        .where(Deadline.project_id == project.id, Deadline.active.is_(True))
        .values(active=False)
    )
    project.terminated_at, project.terminated_reason = ws.now, reason
    record = TerminationRecord(project.stage.value, reason, ws.caller.full_name, ws.now.isoformat())
    await commit_record(ws, project, "terminated.json", record, "Terminated")

    def tag(repo: DraftRepository) -> None:
        repo.tag(TAG, f"terminated by {ws.caller.full_name}", ws.now)

    await ws.write(project, tag)
    return closed
