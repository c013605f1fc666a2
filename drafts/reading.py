"""The document model of a repository at a ref, in one read of every clause file."""

from __future__ import annotations

from drafts.document import Document, build
from drafts.meta import META_PATH, Meta, clause_path
from drafts.notes import TITLES, section_path
from drafts.repository import BRANCH, DraftRepository


def read_document(repo: DraftRepository, ref: str = BRANCH) -> Document:
    meta = Meta.from_json(repo.read(META_PATH, ref) or "")
    texts = repo.read_many([clause_path(c.id) for c in meta.clauses], ref)
    return build(meta, {c.id: texts[clause_path(c.id)] or "" for c in meta.clauses})


def read_notes(repo: DraftRepository, ref: str = BRANCH) -> dict[int, str]:
    """The 编制说明's sections as written (section -> text; empty for one nobody wrote)."""
    numbers = range(1, len(TITLES) + 1)
    texts = repo.read_many([section_path(n) for n in numbers], ref)
    return {n: texts[section_path(n)] or "" for n in numbers}
