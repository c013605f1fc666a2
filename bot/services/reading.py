"""What the reading view shows: the draft a page of clauses at a time (at the latest text or a
stage), who wrote an element, each clause's open contributions and comments, open ballots.

Only the project's people read it — a unit's representatives (observers too), its chairs and
the secretariat; a stranger sees nothing of the project."""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from sqlalchemy import select

from bot.domain.contributions import Status
from bot.domain.roles import Action, Role
from bot.domain.stages import resolve_tag
from bot.services import ballots, comments
from bot.services.errors import Refused
from bot.services.outline import Written, written
from bot.services.workspace import Workspace
from drafts.document import Document, Section
from drafts.elements import Figure
from drafts.meta import clause_path
from drafts.reading import read_document
from drafts.repository import BRANCH, DraftRepository
from storage.models import Contribution, Project, Unit

PAGE_CLAUSES = 30  # a 1,000-clause draft is read a page at a time
Pictures = dict[str, bytes]  # a figure's file by its path


@dataclass(frozen=True)
class ClauseComment:
    number: int
    unit: str
    reason: str
    proposed: str | None
    disposition: str | None
    note: str | None


@dataclass(frozen=True)
class OpenContribution:
    number: int
    kind: str  # add | replace
    text: str
    unit: str


@dataclass(frozen=True)
class ClauseView:
    section: Section
    contributions: list[OpenContribution]
    comments: list[ClauseComment]


@dataclass(frozen=True)
class DraftPage:
    project: Project
    ref: str  # the tag read, or the branch
    tags: list[str]
    page: int
    pages: int
    clauses: list[ClauseView]
    pictures: dict[str, bytes]
    can_decide: bool  # the reader may accept or reject contributions (drafter, chair)


def require_reader(ws: Workspace) -> Project:
    project = ws.require_project()
    ws.require(Action.READ)
    if ws.unit is None and not ws.roles & {Role.CHAIR, Role.SECRETARIAT}:
        raise Refused("web.stranger")
    return project


async def draft_page(ws: Workspace, page: int, stage: str = "") -> DraftPage:
    project = require_reader(ws)

    def read(repo: DraftRepository) -> tuple[str, list[str], int, int, list[Section], Pictures]:
        tags = repo.tags()
        ref = BRANCH
        if stage:
            found = resolve_tag(stage, tags)
            if found is None:
                raise Refused("diff.unknown_ref", ref=stage[:40], tags=tags or "—")
            ref = found
        sections = _document(repo, ref).sections
        pages = max(1, -(-len(sections) // PAGE_CLAUSES))
        shown_page = min(max(page, 0), pages - 1)
        shown = list(sections[shown_page * PAGE_CLAUSES : (shown_page + 1) * PAGE_CLAUSES])
        paths = [e.path for s in shown for e in s.elements if isinstance(e, Figure)]
        pictures = {p: blob for p, blob in repo.read_blobs(paths, ref).items() if blob}
        return ref, tags, shown_page, pages, shown, pictures

    ref, tags, page, pages, shown, pictures = await ws.drafts.read(project.repository, read)
    open_by_clause = await _open_contributions(ws, project)
    said = await _comments_by_clause(ws)
    views = [
        ClauseView(s, open_by_clause.get(s.clause.id, []), said.get(s.clause.id, [])) for s in shown
    ]
    return DraftPage(project, ref, tags, page, pages, views, pictures, ws.allows(Action.DECIDE))


async def authors(ws: Workspace, clause_id: str, index: int) -> Written | None:
    """Who wrote element `index` of a clause at the latest text (git blame), or None when
    the clause has no such element (the draft changed under the reader)."""
    project = require_reader(ws)

    def read(repo: DraftRepository) -> Written | None:
        sections = _document(repo, BRANCH).sections
        section = next((s for s in sections if s.clause.id == clause_id), None)
        if section is None or not 0 <= index < len(section.elements):
            return None
        return written(section.elements[index], repo.blame(clause_path(clause_id)))

    return await ws.drafts.read(project.repository, read)


# The draft as last read, by commit: the elements of a clause are numbered across the whole
# document, so a page needs it whole, and a thousand readers of one text need it read once.
_READ: dict[tuple[str, str | None], Document] = {}
_READING = Lock()  # repositories are read in worker threads
READ_KEPT = 16


def _document(repo: DraftRepository, ref: str) -> Document:
    key = (str(repo.path), repo.resolve(ref))
    with _READING:
        found = _READ.get(key)
    if found is None:
        found = read_document(repo, ref)
        with _READING:
            _READ[key] = found
            while len(_READ) > READ_KEPT:
                del _READ[next(iter(_READ))]
    return found


async def open_ballots(ws: Workspace) -> list[ballots.BallotView]:
    require_reader(ws)
    return await ballots.list_ballots(ws, recent_closed=0)


async def _open_contributions(ws: Workspace, project: Project) -> dict[str, list[OpenContribution]]:
    rows = await ws.session.execute(
        select(Contribution, Unit)
        .join(Unit, Unit.id == Contribution.unit_id)
        .where(
            Contribution.project_id == project.id,
            Contribution.status == Status.OPEN.value,
            Contribution.note_section.is_(None),
        )
        .order_by(Contribution.number)
    )
    found: dict[str, list[OpenContribution]] = {}
    for c, unit in rows:
        found.setdefault(c.clause_id, []).append(
            OpenContribution(c.number, c.kind.value, c.text, unit.short())
        )
    return found


async def _comments_by_clause(ws: Workspace) -> dict[str, list[ClauseComment]]:
    found: dict[str, list[ClauseComment]] = {}
    for row in await comments.table(ws, only_open=False):
        c = row.comment
        found.setdefault(c.clause_id, []).append(
            ClauseComment(
                c.number,
                row.unit.short(),
                c.reason,
                c.proposed,
                c.disposition.value if c.disposition else None,
                c.note,
            )
        )
    return found
