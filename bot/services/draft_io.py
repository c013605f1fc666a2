"""Reading and writing a project's manuscript repository from the services.

The repository is written first and the database second; every write goes through the
journal (`Workspace.write`, bot/services/journal.py), which takes back a write whose database
side failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Protocol
from uuid import uuid4

from bot.services.errors import Refused
from bot.services.workspace import SYSTEM, Workspace
from drafts.meta import META_PATH, Clause, Meta, UnitRef
from drafts.numbering import NotANumber, normalize
from drafts.repository import BOT, Changes, DraftRepository, Identity, Parent
from drafts.store import DraftStore
from storage.models import Person, Project, Unit


def new_repository_key() -> str:
    return uuid4().hex


def identity(person_name: str, person_id: int, unit: Unit | None) -> Identity:
    """`Li Wei (Chaoda Valve) <tg-1234@users.manuscript>`: the person and the unit they act for."""
    name = f"{person_name} ({unit.short_name or unit.name})" if unit else person_name
    return Identity.clean(name, f"tg-{person_id}@users.manuscript")


def caller_identity(ws: Workspace) -> Identity:
    if ws.caller == SYSTEM:
        return Identity(*BOT)
    return identity(ws.caller.full_name, ws.caller.user_id, ws.unit)


def person_identity(person: Person, unit: Unit) -> Identity:
    return identity(person.display(), person.id, unit)


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(unit.id, unit.name)


def meta_of(project: Project, alliance: str, timezone: str) -> Meta:
    """The metadata of a project that has no repository yet."""
    return Meta(
        code=project.code,
        title=project.title,
        stage=project.stage,
        policy=project.policy,
        alliance=alliance,
        timezone=timezone,
    )


async def read_meta(ws: Workspace, project: Project) -> Meta:
    meta = await ws.drafts.meta(project.repository)
    if meta is None:
        raise RuntimeError(f"project {project.code} has no repository metadata")
    return meta


async def write_meta(
    ws: Workspace, project: Project, change: Callable[[Meta], Meta], subject: str
) -> str | None:
    """Commit `change` applied to the metadata, authored by the person acting now. The change
    is applied to the metadata of the commit it is made on — again on a new head when another
    writer moved the branch first — so no writer undoes another's change to the metadata."""

    def contents(parent: Parent) -> Meta:
        return change(meta_at(parent))

    commit = _meta_commit(contents, caller_identity(ws), subject, ws.now)
    return await ws.write(project, commit)


def meta_at(parent: Parent) -> Meta:
    """The metadata of the commit a write is built on."""
    text = parent(META_PATH)
    if text is None:
        raise RuntimeError(f"repository {parent.repo.path.name} has no metadata")
    return Meta.from_json(text)


async def commit_meta(
    drafts: DraftStore, key: str, meta: Meta, author: Identity, subject: str, when: datetime
) -> str | None:
    """The metadata of a repository that has none (start-up repairs a project without one)."""
    return await drafts.write(key, _meta_commit(lambda _: meta, author, subject, when))


def _meta_commit(
    contents: Callable[[Parent], Meta], author: Identity, subject: str, when: datetime
) -> Callable[[DraftRepository], str | None]:
    def commit(repo: DraftRepository) -> str | None:
        if not repo.exists():
            repo.init()
        return repo.commit(
            lambda parent: {META_PATH: contents(parent).to_json()},
            author=author,
            message=subject + "\n",
            when=when,
        )

    return commit


class Record(Protocol):
    """A record the repository keeps (drafts/records.py)."""

    def to_json(self) -> str: ...


async def commit_record(
    ws: Workspace, project: Project, path: str, record: Record, subject: str
) -> None:
    """Commit a record (a ballot, a comment, a patent commitment) authored by the person acting
    now; the same record twice still makes a commit, so every event is in the history."""
    await commit_files(ws, project, {path: record.to_json()}, subject, allow_empty=True)


async def commit_files(
    ws: Workspace,
    project: Project,
    changes: Changes,
    subject: str,
    *,
    allow_empty: bool = False,
) -> str | None:
    """One commit of `changes` (path -> text, or bytes for a picture; or a function of the
    parent commit giving them) authored by the person acting now; None when nothing changed."""
    author = caller_identity(ws)

    def commit(repo: DraftRepository) -> str | None:
        return repo.commit(
            changes, author=author, message=subject + "\n", when=ws.now, allow_empty=allow_empty
        )

    return await ws.write(project, commit)


async def create_repository(ws: Workspace, project: Project) -> None:
    meta = meta_of(project, ws.settings.alliance_name, str(ws.settings.timezone))
    subject = f"Create project {project.code}"
    await ws.write(project, _meta_commit(lambda _: meta, caller_identity(ws), subject, ws.now))


def find_clause(meta: Meta, text: str) -> Clause:
    try:
        number = normalize(text)
    except NotANumber:
        raise Refused("clause.not_a_number", text=text.strip()[:40]) from None
    clause = meta.clause(number)
    if clause is None:
        raise Refused("clause.unknown", number=number)
    return clause


def with_clause(meta: Meta, clause_id: str, **changes: object) -> Meta:
    """The metadata with these attributes of one clause changed."""
    clauses = tuple(replace(c, **changes) if c.id == clause_id else c for c in meta.clauses)  # type: ignore[arg-type]
    return replace(meta, clauses=clauses)
