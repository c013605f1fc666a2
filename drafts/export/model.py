"""Everything an export shows, read from the repository at one ref: the document model of the
draft (drafts/document.py), its pictures, and the records (comments, ballots, patents)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from drafts.document import (
    REFERENCES_CHAPTER,
    TERMS_CHAPTER,
    Document,
    Section,
    in_reference_order,
)
from drafts.elements import Element, Reference
from drafts.export.text import NO_REFERENCES, NO_TERMS, REFERENCES_LEAD, TERMS_LEAD
from drafts.meta import Meta
from drafts.reading import read_document
from drafts.repository import DraftRepository


@dataclass(frozen=True)
class Draft:
    meta: Meta
    ref: str
    date: datetime  # the commit's date, in the alliance's time zone: an export is reproducible
    document: Document
    figures: dict[str, bytes]  # path in the repository -> the picture
    comments: list[dict[str, Any]]
    ballots: list[dict[str, Any]]
    patents: list[dict[str, Any]]
    drafters: tuple[str, ...] = ()  # the people who wrote the text, in the order they began

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.document.sections


def load(repo: DraftRepository, ref: str) -> Draft:
    document = read_document(repo, ref)
    meta = document.meta
    date = datetime.fromtimestamp(repo.commit_time(ref), UTC).astimezone(ZoneInfo(meta.timezone))
    paths = sorted({figure.path for figure in document.figures()})
    figures = {path: blob for path, blob in repo.read_blobs(paths, ref).items() if blob}
    return Draft(
        meta,
        ref,
        date,
        document,
        figures,
        _records(repo, ref, "comments/"),
        _records(repo, ref, "ballots/"),
        _records(repo, ref, "patents/"),
        tuple(dict.fromkeys(_person(name) for name in repo.authors(["clauses", "figures"], ref))),
    )


def lead_sentences(section: Section) -> list[str]:
    """The fixed sentences GB/T 1.1 puts at the head of chapters 2 and 3."""
    if section.number == REFERENCES_CHAPTER:
        has = any(isinstance(e, Reference) for e in section.elements)
        return [REFERENCES_LEAD if has else NO_REFERENCES]
    if section.number == TERMS_CHAPTER:
        return [TERMS_LEAD if section.elements else NO_TERMS]
    return []


def shown_elements(section: Section) -> list[Element]:
    """A section's elements in the order shown: chapter 2's references in the GB/T 1.1 order."""
    if section.number != REFERENCES_CHAPTER:
        return list(section.elements)
    others = [e for e in section.elements if not isinstance(e, Reference)]
    references = in_reference_order(e for e in section.elements if isinstance(e, Reference))
    return [*others, *references]


def _person(author: str) -> str:
    """`Li Wei` of the commit author `Li Wei (Chaoda Valve)`."""
    return author.split(" (", 1)[0]


def _records(repo: DraftRepository, ref: str, folder: str) -> list[dict[str, Any]]:
    texts = repo.read_many(sorted(repo.files(folder, ref)), ref)
    return [json.loads(text or "{}") for text in texts.values()]
