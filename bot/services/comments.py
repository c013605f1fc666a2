"""Consultation comments and dispositions.

Each comment records the clause text at that moment; comments and dispositions are committed as
`comments/C<n>.json`, so the comment resolution table can be rebuilt from the repository alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.domain.comments import Disposition
from bot.domain.roles import Action
from bot.domain.stages import Stage
from bot.i18n import msg
from bot.services.draft_io import commit_record, find_clause, read_meta
from bot.services.errors import Refused
from bot.services.projects import enrol, take_number
from bot.services.workspace import Workspace
from drafts.meta import Clause, clause_path
from drafts.records import CommentRecord, ReplyRecord
from storage.models import Comment, Project, Unit


@dataclass(frozen=True)
class Row:
    comment: Comment
    unit: Unit


async def comment(ws: Workspace, clause_text: str, reason: str, proposed: str | None) -> Comment:
    project, unit = commenting(ws)
    clause = find_clause(await read_meta(ws, project), clause_text)
    original = await clause_text_now(ws, project, clause)
    row = await add_comment(ws, project, unit, clause, original, reason, proposed)
    await _write(ws, project, row, unit)
    return row


def commenting(ws: Workspace) -> tuple[Project, Unit]:
    """The project and the caller's unit, while its consultation is open."""
    ws.require(Action.COMMENT)
    project = ws.require_project()
    if ws.unit is None:
        raise Refused("contribution.no_unit")
    if project.stage != Stage.CONSULTATION:
        raise Refused("comment.not_consultation", stage=msg(f"stage.{project.stage}"))
    if project.consultation_until is not None and project.consultation_until <= ws.now:
        raise Refused("comment.period_over")
    return project, ws.unit


async def clause_text_now(ws: Workspace, project: Project, clause: Clause) -> str:
    path = clause_path(clause.id)
    return (await ws.drafts.read(project.repository, lambda repo: repo.read(path) or "")).strip()


async def add_comment(
    ws: Workspace,
    project: Project,
    unit: Unit,
    clause: Clause,
    original: str,
    reason: str,
    proposed: str | None,
    *,
    record_enrolment: bool = True,
) -> Comment:
    """A new comment `C<n>` of `unit` on `clause`, with the clause's text at this moment; its
    unit joins the working group (`record_enrolment=False`: the caller commits the metadata)."""
    row = Comment(
        project_id=project.id,
        number=await take_number(ws, project, Project.comment_seq),
        clause_id=clause.id,
        clause_number=clause.number,
        original=original,
        proposed=proposed,
        reason=reason,
        author_id=ws.caller.user_id,
        unit_id=unit.id,
        created_at=ws.now,
    )
    ws.session.add(row)
    await ws.session.flush()
    await enrol(ws, project, unit, "activity", record=record_enrolment)
    return row


REPLIES = "replies/"  # `/comment none` records, one a unit


def reply_path(unit_id: int) -> str:
    return f"{REPLIES}u{unit_id:04d}.json"


def replied_unit(path: str) -> int:
    """The unit id a reply record's path names (the inverse of `reply_path`)."""
    return int(path.removeprefix(f"{REPLIES}u").removesuffix(".json"))


async def no_comments(ws: Workspace) -> Unit:
    """`/comment none`: the caller's unit replies to the consultation without comments — it
    counts among the units that replied (回函) in the comment table's 说明."""
    project, unit = commenting(ws)
    made = await ws.session.scalar(
        select(Comment.number).where(Comment.project_id == project.id, Comment.unit_id == unit.id)
    )
    if made is not None:
        raise Refused("comment.none_but_commented", unit=unit.label(), n=made)
    await enrol(ws, project, unit, "activity")
    record = ReplyRecord(unit.name, ws.caller.full_name, ws.now.isoformat())
    await commit_record(ws, project, reply_path(unit.id), record, f"{unit.name}: no comments")
    return unit


async def resolve(ws: Workspace, ref: int, disposition: Disposition, note: str) -> Comment:
    ws.require(Action.DECIDE)
    project = ws.require_project()
    if project.stage not in (Stage.CONSULTATION, Stage.REVIEW):
        raise Refused("comment.not_consultation", stage=msg(f"stage.{project.stage}"))
    row = await ws.session.scalar(
        select(Comment).where(Comment.project_id == project.id, Comment.number == ref)
    )
    if row is None:
        raise Refused("comment.unknown", n=ref)
    row.disposition = disposition
    row.note = note or None
    row.resolved_by = ws.caller.user_id
    row.resolved_at = ws.now
    await _write(ws, project, row, await ws.session.get_one(Unit, row.unit_id))
    return row


async def table(ws: Workspace, only_open: bool) -> list[Row]:
    ws.require(Action.READ)
    project = ws.require_project()
    query = (
        select(Comment, Unit)
        .join(Unit, Unit.id == Comment.unit_id)
        .where(Comment.project_id == project.id)
    )
    if only_open:
        query = query.where(Comment.disposition.is_(None))
    rows = await ws.session.execute(query.order_by(Comment.number))
    return [Row(c, u) for c, u in rows.all()]


async def unresolved(ws: Workspace, project: Project) -> list[int]:
    """The gate of consultation → review: comments still without a disposition."""
    numbers = await ws.session.scalars(
        select(Comment.number)
        .where(Comment.project_id == project.id, Comment.disposition.is_(None))
        .order_by(Comment.number)
    )
    return list(numbers.all())


async def _write(ws: Workspace, project: Project, row: Comment, unit: Unit) -> None:
    subject = f"C{row.number} {row.clause_number}: {row.disposition or 'comment'}"
    await commit_record(ws, project, comment_path(row), record_of(row, unit), subject)


def comment_path(row: Comment) -> str:
    return f"comments/C{row.number:04d}.json"


def record_of(row: Comment, unit: Unit) -> CommentRecord:
    """A comment as the repository keeps it: what the comment table is built from."""
    return CommentRecord(
        number=f"C{row.number}",
        clause=row.clause_number,
        original=row.original,
        proposed=row.proposed,
        reason=row.reason,
        unit=unit.name,
        created_at=row.created_at.isoformat(),
        disposition=row.disposition,
        note=row.note,
        resolved_at=row.resolved_at.isoformat() if row.resolved_at else None,
    )
