"""Reading the repository's story: `/history [<clause>]` and `/diff [<tag or stage>]`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.contributions import diff_lines
from bot.domain.roles import Action
from bot.domain.stages import resolve_tag
from bot.services.draft_io import find_clause, read_meta
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from drafts.meta import META_PATH, Clause, Meta, clause_path
from drafts.repository import BRANCH, DraftRepository, LogEntry

HISTORY_LIMIT = 10


@dataclass(frozen=True)
class ClauseChange:
    number: str
    title: str
    old_title: str | None  # None: the clause is new since the base
    lines: list[str]


async def history(ws: Workspace, clause_text: str) -> tuple[Clause | None, list[LogEntry]]:
    ws.require(Action.READ)
    project = ws.require_project()
    clause = find_clause(await read_meta(ws, project), clause_text) if clause_text.strip() else None
    path = clause_path(clause.id) if clause else None
    entries = await ws.drafts.read(project.repository, lambda repo: repo.log(path, HISTORY_LIMIT))
    return clause, entries


async def diff(
    ws: Workspace, ref_text: str, to_text: str = ""
) -> tuple[str | None, list[ClauseChange]]:
    """What changed since a tag (default: the latest) up to another (default: the latest text);
    the base is None for 'since the start'."""
    ws.require(Action.READ)
    project = ws.require_project()
    word, to_word = ref_text.strip(), to_text.strip()

    def compute(repo: DraftRepository) -> tuple[str | None, list[ClauseChange]]:
        tags = repo.tags()
        base = _resolve(word, tags)
        to = _resolve(to_word, tags) if to_word else None
        return base, changes_since(repo, base, to or BRANCH)

    return await ws.drafts.read(project.repository, compute)


def _resolve(word: str, tags: list[str]) -> str | None:
    if not word:
        return tags[-1] if tags else None
    found = resolve_tag(word, tags)
    if found is None:
        raise Refused("diff.unknown_ref", ref=word[:40], tags=tags or "—")
    return found


def changes_since(repo: DraftRepository, base: str | None, to: str = BRANCH) -> list[ClauseChange]:
    """Clauses new, retitled or with changed text since `base` (None: since the start) up to
    `to` (the latest text)."""
    new_meta = Meta.from_json(repo.read(META_PATH, to) or "")
    old_text = repo.read(META_PATH, base) if base else None
    old_clauses = {c.id: c for c in Meta.from_json(old_text).clauses} if old_text else {}
    changed = set(repo.changed(base, "clauses/", to)) if base else set(repo.sizes("clauses/", to))
    changes = []
    for clause in new_meta.clauses:
        old = old_clauses.get(clause.id)
        path = clause_path(clause.id)
        lines: list[str] = []
        if path in changed:
            before = (repo.read(path, base) if base else None) or ""
            lines = diff_lines(before, repo.read(path, to) or "")
        if old is None or old.title != clause.title or lines:
            changes.append(
                ClauseChange(clause.number, clause.title, old.title if old else None, lines)
            )
    return changes
