"""What the reading view shows: the draft a page of clauses at a time (at the latest text or a
stage), who wrote an element, each clause's open contributions and comments, open ballots.

Only the project's people read it — a unit's representatives (observers too), its chairs and
the secretariat; a stranger sees nothing of the project."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any, Generic, TypeVar

from sqlalchemy import bindparam, exists, func, select

from bot.domain.contributions import Status
from bot.domain.roles import Action, Role
from bot.domain.stages import resolve_tag
from bot.runtime import Runtime
from bot.services import ballots
from bot.services.errors import Refused
from bot.services.outline import Written, written
from bot.services.workspace import Caller, Workspace
from drafts.document import Document, Section
from drafts.elements import Figure
from drafts.meta import META_PATH, clause_path
from drafts.reading import read_document
from drafts.repository import BRANCH, DraftRepository, Refs
from storage.models import Comment, Contribution, Person, Project, RoleGrant, Unit

PAGE_CLAUSES = 30  # a 1,000-clause draft is read a page at a time
Pictures = dict[str, bytes]  # a figure's file by its path
Content = tuple[str, ...]  # the object ids of DRAFT_PATHS at a commit
LayOut = Callable[[Section, Pictures], Any]  # a clause as a page shows it
DRAFT_PATHS = (META_PATH, "clauses", "figures")  # all a draft's text is read from
K = TypeVar("K")
V = TypeVar("V")


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
    laid_out: Any  # as the page's layout gave it
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
    can_decide: bool  # the reader may accept or reject contributions (drafter, chair)


def require_reader(ws: Workspace) -> Project:
    project = ws.require_project()
    ws.require(Action.READ)
    if ws.unit is None and not ws.roles & {Role.CHAIR, Role.SECRETARIAT}:
        raise Refused("web.stranger")
    return project


async def draft_page(ws: Workspace, page: int, lay_out: LayOut, stage: str = "") -> DraftPage:
    """A page of the draft, its clauses laid out by `lay_out` (the reading view's one layout: a
    page is laid out once for every reader, in the worker thread that reads it)."""
    project = require_reader(ws)

    def read(repo: DraftRepository, make: bool = True) -> tuple[str, list[str], _Page]:
        refs = _refs(repo, make)
        ref, commit = _shown(refs, stage)
        if commit is None:  # before the draft's first commit
            return ref, list(refs.tags), _Page(0, 1, [], [])
        return ref, list(refs.tags), _page(repo, commit, page, lay_out, make)

    try:  # a page kept is served on the loop: a thread's hand-over costs more than the reading
        found = read(ws.drafts.repository(project.repository), make=False)
    except _NotKept:
        found = await ws.drafts.read(project.repository, read)
    ref, tags, read_page = found
    ids = [s.clause.id for s in read_page.sections]
    open_by_clause = await _open_contributions(ws, project, ids)
    said = await _comments_by_clause(ws, project, ids)
    views = [
        ClauseView(s, laid_out, open_by_clause.get(s.clause.id, []), said.get(s.clause.id, []))
        for s, laid_out in zip(read_page.sections, read_page.laid_out, strict=True)
    ]
    return DraftPage(
        project, ref, tags, read_page.page, read_page.pages, views, ws.allows(Action.DECIDE)
    )


async def authors(ws: Workspace, clause_id: str, index: int, stage: str = "") -> Written | None:
    """Who wrote element `index` of a clause at the latest text or a stage (git blame), or
    None when the clause has no such element (the draft changed under the reader)."""
    project = require_reader(ws)

    def read(repo: DraftRepository) -> Written | None:
        _, commit = _shown(_refs(repo), stage)
        if commit is None:
            return None
        sections = _draft(repo, commit).document.sections
        section = next((s for s in sections if s.clause.id == clause_id), None)
        if section is None or not 0 <= index < len(section.elements):
            return None
        return written(section.elements[index], repo.blame(clause_path(clause_id), commit))

    return await ws.drafts.read(project.repository, read)


class _NotKept(Exception):
    """What a page needs is not kept yet: it is read from the repository in a worker thread."""


class _Kept(Generic[K, V]):
    """The last `size` values by key, each made once: fifty readers opening a new text at once
    wait for one reading of it, not fifty (repositories are read in worker threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: OrderedDict[K, V] = OrderedDict()
        self.making: dict[K, Lock] = {}
        self.lock = Lock()

    def get(self, key: K, make: Callable[[], V], making_allowed: bool = True) -> V:
        """The value kept for `key`, made now if need be (or, when making is not allowed,
        _NotKept raised)."""
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
            if not making_allowed:
                raise _NotKept
            making = self.making.setdefault(key, Lock())
        with making:  # the first thread makes it; the others wait for it here
            with self.lock:
                if key in self.values:
                    return self.values[key]
            made = make()
            with self.lock:
                self.values[key] = made
                del self.making[key]
                while len(self.values) > self.size:
                    self.values.popitem(last=False)
        return made


@dataclass(frozen=True)
class _Page:
    page: int
    pages: int
    sections: list[Section]
    laid_out: list[Any]  # each clause as `lay_out` gave it


# The draft as last read, by what it is made of (the metadata, clauses and figures, not the
# commit: a comment or a vote commits too, and changes none of them): the elements of a clause
# are numbered across the whole document, so a page needs it whole, and a thousand readers of
# one text need it read once.
_DOCUMENTS: _Kept[tuple[Path, Content], _Draft] = _Kept(16)
_PAGES: _Kept[tuple[Path, Content, int], _Page] = _Kept(256)
_CONTENTS: _Kept[tuple[Path, str], Content] = _Kept(1024)
# Each repository's refs, kept while the files git keeps them in stay the same: a page then
# starts no git process at all.
_REFS: dict[Path, tuple[tuple[object, ...], Refs]] = {}


def _shown(refs: Refs, stage: str) -> tuple[str, str | None]:
    """The ref a reader asked for (a stage's tag, or the branch) and its commit."""
    if not stage:
        return BRANCH, refs.head
    tags = list(refs.tags)
    found = resolve_tag(stage, tags)
    if found is None:
        raise Refused("diff.unknown_ref", ref=stage[:40], tags=tags or "—")
    return found, refs.tags[found]


def _refs(repo: DraftRepository, make: bool = True) -> Refs:
    stamp = repo.ref_stamp()  # before reading: a ref moved meanwhile gives a new stamp next time
    kept = _REFS.get(repo.path)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    if not make:
        raise _NotKept
    refs = repo.refs()
    _REFS[repo.path] = (stamp, refs)
    return refs


def _content_of(repo: DraftRepository, commit: str, make: bool = True) -> Content:
    """What the draft's text at `commit` is made of, as object ids."""
    key = (repo.path, commit)
    return _CONTENTS.get(key, lambda: repo.object_ids(DRAFT_PATHS, commit), make)


@dataclass(frozen=True)
class _Draft:
    document: Document
    pictures: Pictures | None  # all its figures, read with it, unless they are too large


FIGURES_KEPT = 16 << 20  # bytes of figures kept with a draft; beyond, each page reads its own


def _read(repo: DraftRepository, commit: str) -> _Draft:
    document = read_document(repo, commit)
    paths = [e.path for s in document.sections for e in s.elements if isinstance(e, Figure)]
    pictures = {p: blob for p, blob in repo.read_blobs(paths, commit).items() if blob}
    kept = sum(map(len, pictures.values())) <= FIGURES_KEPT
    return _Draft(document, pictures if kept else None)


def _draft(repo: DraftRepository, commit: str, make: bool = True) -> _Draft:
    key = (repo.path, _content_of(repo, commit, make))
    return _DOCUMENTS.get(key, lambda: _read(repo, commit), make)


def _page(
    repo: DraftRepository, commit: str, page: int, lay_out: LayOut, make: bool = True
) -> _Page:
    draft = _draft(repo, commit, make)
    sections = draft.document.sections
    pages = max(1, -(-len(sections) // PAGE_CLAUSES))
    shown_page = min(max(page, 0), pages - 1)

    def read() -> _Page:
        shown = list(sections[shown_page * PAGE_CLAUSES : (shown_page + 1) * PAGE_CLAUSES])
        paths = [e.path for s in shown for e in s.elements if isinstance(e, Figure)]
        if draft.pictures is not None:
            pictures = {p: draft.pictures[p] for p in paths if p in draft.pictures}
        else:
            pictures = {p: blob for p, blob in repo.read_blobs(paths, commit).items() if blob}
        laid_out = [lay_out(section, pictures) for section in shown]
        return _Page(shown_page, pages, shown, laid_out)

    return _PAGES.get((repo.path, _content_of(repo, commit, make), shown_page), read, make)


@dataclass(frozen=True)
class ProjectEntry:
    id: int
    code: str
    title: str


async def readable_projects(runtime: Runtime, caller: Caller) -> list[ProjectEntry]:
    """The projects a person may read, for the reading view opened from the private chat's
    menu (no project in its launch): all live ones for a unit's representative or the
    secretariat, as in each project's group, and those they chair for a chair of no unit."""
    async with runtime.db.session() as session:
        person = (await session.execute(_PERSON, {"person": caller.user_id})).one()
        everything = (
            person.unit or person.secretariat or caller.user_id in runtime.settings.secretariat
        )
        rows = await session.execute(_LIVE if everything else _CHAIRED, {"person": caller.user_id})
        return [ProjectEntry(r.id, r.code, r.title) for r in rows]


_PERSON = select(
    select(Person.unit_id).where(Person.id == bindparam("person")).scalar_subquery().label("unit"),
    exists()
    .where(RoleGrant.person_id == bindparam("person"), RoleGrant.role == Role.SECRETARIAT.value)
    .label("secretariat"),
)
_LIVE = (
    select(Project.id, Project.code, Project.title)
    .where(Project.terminated_at.is_(None))
    .order_by(Project.id)
)
_CHAIRED = _LIVE.where(
    exists().where(
        RoleGrant.person_id == bindparam("person"),
        RoleGrant.role == Role.CHAIR.value,
        RoleGrant.project_id == Project.id,
    )
)


async def open_ballots(ws: Workspace) -> list[ballots.BallotView]:
    require_reader(ws)
    return await ballots.list_ballots(ws, recent_closed=0)


# A page's discussion, in two statements built once (a page is asked for often; building a
# statement costs more than running it), of the page's clauses only.
_UNIT = func.coalesce(Unit.short_name, Unit.name).label("unit")  # as Unit.short() names it
_OPEN = (
    select(
        Contribution.clause_id,
        Contribution.number,
        Contribution.kind,
        Contribution.text,
        _UNIT,
    )
    .join(Unit, Unit.id == Contribution.unit_id)
    .where(
        Contribution.project_id == bindparam("project"),
        Contribution.status == Status.OPEN.value,
        Contribution.note_section.is_(None),
        Contribution.clause_id.in_(bindparam("clauses", expanding=True)),
    )
    .order_by(Contribution.number)
)
_SAID = (
    select(
        Comment.clause_id,
        Comment.number,
        Comment.reason,
        Comment.proposed,
        Comment.disposition,
        Comment.note,
        _UNIT,
    )
    .join(Unit, Unit.id == Comment.unit_id)
    .where(
        Comment.project_id == bindparam("project"),
        Comment.clause_id.in_(bindparam("clauses", expanding=True)),
    )
    .order_by(Comment.number)
)


async def _open_contributions(
    ws: Workspace, project: Project, clause_ids: list[str]
) -> dict[str, list[OpenContribution]]:
    found: dict[str, list[OpenContribution]] = {}
    for row in await ws.session.execute(_OPEN, {"project": project.id, "clauses": clause_ids}):
        found.setdefault(row.clause_id, []).append(
            OpenContribution(row.number, row.kind.value, row.text, row.unit)
        )
    return found


async def _comments_by_clause(
    ws: Workspace, project: Project, clause_ids: list[str]
) -> dict[str, list[ClauseComment]]:
    found: dict[str, list[ClauseComment]] = {}
    for row in await ws.session.execute(_SAID, {"project": project.id, "clauses": clause_ids}):
        found.setdefault(row.clause_id, []).append(
            ClauseComment(
                row.number,
                row.unit,
                row.reason,
                row.proposed,
                row.disposition.value if row.disposition else None,
                row.note,
            )
        )
    return found
