"""Everything an export shows, read from the repository at one ref: the document model of the
draft (drafts/document.py), its pictures, and the records (comments, ballots, patents)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from drafts.document import (
    REFERENCES_CHAPTER,
    TERMS_CHAPTER,
    Document,
    Section,
    in_reference_order,
)
from drafts.elements import Element, Reference
from drafts.export.fixed_wording import NO_REFERENCES, NO_TERMS, REFERENCES_LEAD, TERMS_LEAD
from drafts.meta import Meta, clause_path
from drafts.notes import sections
from drafts.reading import read_document, read_notes
from drafts.records import (
    MEETINGS,
    OPINIONS,
    BallotRecord,
    CommentRecord,
    DeclarationRecord,
    MeetingRecord,
    OpinionRecord,
    ReplyRecord,
)
from drafts.repository import DraftRepository

R = TypeVar("R", covariant=True)


@dataclass(frozen=True)
class Draft:
    meta: Meta
    ref: str
    date: datetime  # the commit's date, in the alliance's time zone: an export is reproducible
    document: Document
    figures: dict[str, bytes]  # path in the repository -> the picture
    comments: list[CommentRecord]
    ballots: list[BallotRecord]
    patents: list[DeclarationRecord]
    drafters: tuple[str, ...] = ()  # the people who wrote the text, in the order they began
    # What the approval package reports beyond the records themselves:
    replies: list[ReplyRecord] = field(default_factory=list)  # `/comment none` of a unit
    story: tuple[tuple[datetime, str], ...] = ()  # each commit's time and subject, oldest first
    written: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (author, clause numbers) a commit
    superseded: dict[str, list[DeclarationRecord]] = field(default_factory=dict)  # unit -> older
    meetings: list[MeetingRecord] = field(default_factory=list)  # review meetings, by number
    opinions: list[OpinionRecord] = field(default_factory=list)  # their review opinions
    notes: tuple[Section, ...] = ()  # the 编制说明's twelve sections as the members wrote them

    @property
    def meeting(self) -> MeetingRecord | None:
        """The review meeting the package reports: the latest one held (not cancelled)."""
        held = [m for m in self.meetings if m.status != "cancelled"]
        return held[-1] if held else None

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.document.sections


def load(repo: DraftRepository, ref: str) -> Draft:
    document = read_document(repo, ref)
    meta = document.meta
    zone = ZoneInfo(meta.timezone)
    made = repo.commit_time(ref)
    date = datetime.fromtimestamp(made, UTC).astimezone(zone)
    written = repo.authorship(["clauses", "figures"], ref)
    numbers = {clause_path(clause.id): clause.number for clause in meta.clauses}
    patents = _records(repo, ref, "patents/", DeclarationRecord)
    paths = sorted({figure.path for figure in document.figures()})
    figures = {path: blob for path, blob in repo.read_blobs(paths, ref).items() if blob}
    return Draft(
        meta,
        ref,
        date,
        document,
        figures,
        _records(repo, ref, "comments/", CommentRecord),
        _records(repo, ref, "ballots/", BallotRecord),
        patents,
        tuple(dict.fromkeys(author_parts(name)[0] for name, _ in written)),
        _records(repo, ref, "replies/", ReplyRecord),
        tuple(
            (datetime.fromtimestamp(stamp, UTC).astimezone(zone), subject)
            for stamp, subject in repo.subjects(ref)
        ),
        tuple(
            (name, tuple(numbers[path] for path in paths if path in numbers))
            for name, paths in written
        ),
        {
            DeclarationRecord.from_json(current).unit: [
                DeclarationRecord.from_json(text) for text in older
            ]
            for current, *older in repo.versions(repo.files("patents/", ref), ref).values()
        },
        sorted(_records(repo, ref, MEETINGS, MeetingRecord), key=lambda m: m.number),
        _records(repo, ref, OPINIONS, OpinionRecord),
        sections(read_notes(repo, ref)),
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


def author_parts(author: str) -> tuple[str, str]:
    """(`Li Wei`, `Chaoda Valve`) of the commit author `Li Wei (Chaoda Valve)`; a name without a
    unit is its own unit."""
    person, _, unit = author.partition(" (")
    return person, unit.removesuffix(")") or person


class _Readable(Protocol[R]):
    def from_json(self, text: str) -> R: ...


def _records(repo: DraftRepository, ref: str, folder: str, kind: _Readable[R]) -> list[R]:
    texts = repo.read_many(sorted(repo.files(folder, ref)), ref)
    return [kind.from_json(text or "{}") for text in texts.values()]
