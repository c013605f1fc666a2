"""The document model of a repository at a ref, in one read of every clause file."""

from __future__ import annotations

from drafts.document import Document, build
from drafts.meta import META_PATH, Meta, clause_path
from drafts.repository import BRANCH, DraftRepository


def read_document(repo: DraftRepository, ref: str = BRANCH) -> Document:
    meta = Meta.from_json(repo.read(META_PATH, ref) or "")
    texts = repo.read_many([clause_path(c.id) for c in meta.clauses], ref)
    return build(meta, {c.id: texts[clause_path(c.id)] or "" for c in meta.clauses})
