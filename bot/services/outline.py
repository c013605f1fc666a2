"""The framework drafter, the outline and clause assignments, and reading clauses."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from bot.domain.contributions import Status
from bot.domain.roles import Action
from bot.domain.stages import Stage
from bot.i18n import Lines, msg
from bot.services.draft_io import find_clause, read_meta, unit_ref, with_clause, write_meta
from bot.services.errors import Refused, bad_lines
from bot.services.people import find_unit
from bot.services.projects import enrol
from bot.services.workspace import Workspace
from drafts.document import Section
from drafts.elements import Element, Figure
from drafts.meta import Clause, Merge, Meta, clause_path, merge_outline
from drafts.numbering import OutlineError, OutlineLine, parse_outline, template
from drafts.reading import read_document
from drafts.repository import BlameLine, DraftRepository
from storage.models import Contribution, Project, Unit

# The outline is frozen once the draft goes for approval.
FROZEN_STAGES = frozenset({Stage.APPROVAL, Stage.PUBLISHED})


@dataclass(frozen=True)
class OutlineRow:
    clause: Clause
    has_text: bool
    open_contributions: list[int]


@dataclass(frozen=True)
class Credit:
    """One hand in an element: "Name (Unit)", the contribution's `#n`, when it was written."""

    name: str
    mark: str
    time: int  # seconds since the epoch

    def __str__(self) -> str:
        return f"{self.name} {self.mark}".strip()


@dataclass(frozen=True)
class Written:
    """An element of a clause and who wrote it, each hand once, in order of appearance."""

    element: Element
    credits: list[Credit]

    @property
    def authors(self) -> list[str]:
        return [str(credit) for credit in self.credits]


@dataclass(frozen=True)
class SectionView:
    clause: Clause
    elements: list[Written]
    pictures: dict[str, bytes]  # the figures' files, by path


async def designate_drafter(ws: Workspace, unit_text: str) -> Unit:
    ws.require(Action.MANAGE_PROJECT)
    unit = await find_unit(ws, unit_text)
    await set_drafter(ws, unit)
    return unit


async def set_drafter(ws: Workspace, unit: Unit) -> None:
    """Designate `unit` (by the chair, or as the winner of an election)."""
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    if project.stage in FROZEN_STAGES:
        raise Refused("stage.frozen", stage=msg(f"stage.{project.stage}"))
    if unit.observer:
        raise Refused("drafter.observer", unit=unit.label())
    if project.drafter_unit_id == unit.id:
        raise Refused("drafter.same", unit=unit.label())
    stage = Stage.FRAMEWORK if project.stage == Stage.PROPOSAL else project.stage
    await write_meta(
        ws,
        project,
        lambda meta: replace(meta, drafter=unit_ref(unit), stage=stage),
        f"Framework drafter: {unit.name}",
    )
    project.drafter_unit_id = unit.id
    project.stage = stage
    await enrol(ws, project, unit, "drafter")


def framework_project(ws: Workspace) -> Project:
    """The project whose outline the caller may set now: its drafter designated, not frozen."""
    ws.require(Action.EDIT_FRAMEWORK)
    project = ws.require_project()
    if project.drafter_unit_id is None:
        raise Refused("framework.no_drafter")
    if project.stage in FROZEN_STAGES:
        raise Refused("stage.frozen", stage=msg(f"stage.{project.stage}"))
    return project


async def set_framework(ws: Workspace, text: str, *, use_template: bool = False) -> Merge:
    project = framework_project(ws)
    lines = template(ws.lang) if use_template else _parse(text)
    meta = await read_meta(ws, project)
    merge = merge_outline(meta, lines)
    if merge.orphans:
        raise Refused(
            "outline.orphans",
            lines=Lines(msg("outline.orphan", line=o.line, number=o.number) for o in merge.orphans),
        )
    if merge.added or merge.retitled:
        await write_meta(
            ws, project, lambda now: merge_outline(now, lines).meta, _framework_subject(merge)
        )
    return merge


async def assign(ws: Workspace, clause_text: str, unit_text: str) -> tuple[Clause, Unit]:
    ws.require(Action.EDIT_FRAMEWORK)
    project = ws.require_project()
    meta = await read_meta(ws, project)
    clause = find_clause(meta, clause_text)
    unit = await find_unit(ws, unit_text)
    if unit.observer:
        raise Refused("assign.observer", unit=unit.label())
    if clause.assigned is not None and clause.assigned.id == unit.id:
        raise Refused("assign.same", number=clause.number, unit=unit.label())
    ref = unit_ref(unit)
    await write_meta(
        ws,
        project,
        lambda meta: with_clause(meta, clause.id, assigned=ref),
        f"Assign {clause.number} to {unit.name}",
    )
    await enrol(ws, project, unit, "added")
    return replace(clause, assigned=ref), unit


async def outline(ws: Workspace) -> tuple[Meta, list[OutlineRow]]:
    ws.require(Action.READ)
    project = ws.require_project()
    meta = await read_meta(ws, project)
    sizes = await ws.drafts.read(project.repository, lambda repo: repo.sizes("clauses/"))
    open_rows = (
        await ws.session.execute(
            select(Contribution.clause_id, Contribution.number)
            .where(
                Contribution.project_id == project.id,
                Contribution.status == Status.OPEN.value,
                Contribution.note_section.is_(None),  # the 编制说明's are listed by /note
            )
            .order_by(Contribution.number)
        )
    ).all()
    pending: dict[str, list[int]] = {}
    for clause_id, number in open_rows:
        pending.setdefault(clause_id, []).append(number)
    rows = [
        OutlineRow(clause, sizes.get(clause_path(clause.id), 0) > 0, pending.get(clause.id, []))
        for clause in meta.clauses
    ]
    return meta, rows


async def section(ws: Workspace, clause_text: str) -> SectionView:
    """A clause as its elements, numbered as in the whole draft, each with its authors (from
    git blame), and the pictures of its figures."""
    ws.require(Action.READ)
    project = ws.require_project()
    clause = find_clause(await read_meta(ws, project), clause_text)
    path = clause_path(clause.id)

    def read(repo: DraftRepository) -> tuple[Section | None, list[BlameLine], dict[str, bytes]]:
        found = read_document(repo).section(clause.number)
        if found is None or not found.elements:
            return found, [], {}
        paths = [e.path for e in found.elements if isinstance(e, Figure)]
        pictures = {p: blob for p, blob in repo.read_blobs(paths).items() if blob}
        return found, repo.blame(path), pictures

    found, blame, pictures = await ws.drafts.read(project.repository, read)
    if found is None:
        return SectionView(clause, [], {})
    return SectionView(clause, [written(e, blame) for e in found.elements], pictures)


def written(element: Element, blame: list[BlameLine]) -> Written:
    first, last = element.span
    credits: dict[str, Credit] = {}
    for line in blame[first : last + 1]:
        credit = Credit(line.author, line.subject.split(" ", 1)[0], line.time)
        credits.setdefault(str(credit), credit)
    return Written(element, list(credits.values()))


def _parse(text: str) -> list[OutlineLine]:
    try:
        return parse_outline(text)
    except OutlineError as error:
        if not error.errors:
            raise Refused("outline.empty") from None
        raise bad_lines("outline.invalid", "outline.error_line", error.errors) from None


def _framework_subject(merge: Merge) -> str:
    added = ", ".join(c.number for c in merge.added) or "-"
    retitled = ", ".join(c.number for c in merge.retitled) or "-"
    return f"Framework: added {added}; retitled {retitled}"
