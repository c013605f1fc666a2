"""Review opinions (审查意见): what the review meeting said about a clause (`O<n>`), recorded by
the chair or secretary, and each one's disposition. Committed as `review/opinions/O<n>.json`, the
rows of the 审查意见汇总处理表."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.roles import Action
from bot.services.draft_io import commit_record, find_clause, read_meta
from bot.services.errors import Refused
from bot.services.projects import take_number
from bot.services.review_meeting import in_review, require_meeting
from bot.services.workspace import Workspace
from drafts.records import OPINIONS, OpinionRecord
from drafts.vocabulary import Disposition
from storage.models import Meeting, Opinion, Person, Project


async def add(ws: Workspace, clause_text: str, text: str, proposed: str | None) -> Opinion:
    ws.require(Action.MANAGE_PROJECT)
    meeting = await require_meeting(ws)
    project = ws.require_project()
    clause = find_clause(await read_meta(ws, project), clause_text)
    row = Opinion(
        project_id=project.id,
        meeting_id=meeting.id,
        number=await take_number(ws, project, Project.opinion_seq),
        clause_id=clause.id,
        clause_number=clause.number,
        text=text,
        proposed=proposed,
        author_id=ws.caller.user_id,
        created_at=ws.now,
    )
    ws.session.add(row)
    await ws.session.flush()
    await _write(ws, row, "opinion")
    return row


async def resolve(ws: Workspace, ref: int, disposition: Disposition, note: str) -> Opinion:
    ws.require(Action.DECIDE)
    project = in_review(ws)
    row = await ws.session.scalar(
        select(Opinion).where(Opinion.project_id == project.id, Opinion.number == ref)
    )
    if row is None:
        raise Refused("opinion.unknown", n=ref)
    row.disposition, row.note = disposition, note or None
    row.resolved_by, row.resolved_at = ws.caller.user_id, ws.now
    await _write(ws, row, disposition.value)
    return row


async def unresolved(ws: Workspace, meeting: Meeting) -> list[int]:
    """The opinions of a meeting still without a disposition: they hold `revise` at review."""
    numbers = await ws.session.scalars(
        select(Opinion.number)
        .where(Opinion.meeting_id == meeting.id, Opinion.disposition.is_(None))
        .order_by(Opinion.number)
    )
    return list(numbers.all())


async def listed(ws: Workspace) -> list[Opinion]:
    ws.require(Action.READ)
    rows = await ws.session.scalars(
        select(Opinion)
        .where(Opinion.project_id == ws.require_project().id)
        .order_by(Opinion.number)
    )
    return list(rows.all())


async def _write(ws: Workspace, row: Opinion, what: str) -> None:
    project = ws.require_project()
    meeting = await ws.session.get_one(Meeting, row.meeting_id)
    author = await ws.session.get(Person, row.author_id)
    record = OpinionRecord(
        number=f"O{row.number}",
        meeting=meeting.number,
        clause=row.clause_number,
        text=row.text,
        proposed=row.proposed,
        recorded_by=author.display() if author else str(row.author_id),
        created_at=row.created_at.isoformat(),
        disposition=row.disposition.value if row.disposition else None,
        note=row.note,
        resolved_at=row.resolved_at.isoformat() if row.resolved_at else None,
    )
    subject = f"O{row.number} {row.clause_number}: {what}"
    await commit_record(ws, project, f"{OPINIONS}O{row.number:04d}.json", record, subject)
