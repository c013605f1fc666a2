"""Everything an export shows, read from the repository at one ref."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from drafts.meta import META_PATH, Clause, Meta, clause_path
from drafts.numbering import is_front_matter
from drafts.repository import DraftRepository


@dataclass(frozen=True)
class Section:
    clause: Clause
    text: str

    @property
    def heading(self) -> str:
        number = self.clause.number
        if is_front_matter(number):
            return self.clause.title
        if number[0].isalpha() and "." not in number:
            return f"附录{number} {self.clause.title}"
        return f"{number} {self.clause.title}"

    @property
    def level(self) -> int:
        return 1 if is_front_matter(self.clause.number) else self.clause.number.count(".") + 1


@dataclass(frozen=True)
class Draft:
    meta: Meta
    ref: str
    date: datetime  # the commit's date, in the alliance's time zone: an export is reproducible
    sections: list[Section]
    comments: list[dict[str, Any]]
    ballots: list[dict[str, Any]]
    patents: list[dict[str, Any]]

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.clause.number == number), None)


def load(repo: DraftRepository, ref: str) -> Draft:
    meta = Meta.from_json(repo.read(META_PATH, ref) or "")
    date = datetime.fromtimestamp(repo.commit_time(ref), UTC).astimezone(ZoneInfo(meta.timezone))
    texts = repo.read_many([clause_path(c.id) for c in meta.clauses], ref)
    sections = [Section(c, (texts[clause_path(c.id)] or "").strip()) for c in meta.clauses]
    return Draft(
        meta,
        ref,
        date,
        sections,
        _records(repo, ref, "comments/"),
        _records(repo, ref, "ballots/"),
        _records(repo, ref, "patents/"),
    )


def _records(repo: DraftRepository, ref: str, folder: str) -> list[dict[str, Any]]:
    texts = repo.read_many(sorted(repo.files(folder, ref)), ref)
    return [json.loads(text or "{}") for text in texts.values()]
