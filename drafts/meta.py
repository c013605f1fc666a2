"""The project's metadata file in the repository (`meta/project.json`).

It holds what the text files do not: code, title, stage, drafter, policy and the outline — each
clause's stable id (which names its file), number, title and assigned unit. Clause ids are handed
out from `next_clause`, so they never depend on anything a user typed.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace

from drafts.numbering import OutlineLine, parent, sort_key

META_PATH = "meta/project.json"
_YEAR_DASH = re.compile(r"\s*[-‐‑–－—]\s*(\d{4})$")


def standard_number(text: str) -> str:
    """`T/CVA 012-2027` as a standard writes it: an em dash before the year."""
    return _YEAR_DASH.sub(r"—\1", " ".join(text.split()))


def clause_path(clause_id: str) -> str:
    return f"clauses/{clause_id}.md"


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str


@dataclass(frozen=True)
class Clause:
    id: str
    number: str
    title: str
    assigned: UnitRef | None = None
    annex: str = ""  # an annex's designation (规范性 / 资料性); empty for every other clause


@dataclass(frozen=True)
class Meta:
    code: str
    title: str
    stage: str
    policy: str = "review"
    drafter: UnitRef | None = None
    number: str | None = None  # the published standard number
    next_clause: int = 1
    clauses: tuple[Clause, ...] = field(default_factory=tuple)
    # What exports need beyond the text, so that the repository alone tells the whole story.
    alliance: str = ""
    timezone: str = "Asia/Shanghai"
    working_group: tuple[UnitRef, ...] = field(default_factory=tuple)
    # The cover's and the 前言's facts (/meta, /publish); empty ones print as the usual blanks.
    english_title: str = ""
    ics: str = ""
    ccs: str = ""
    replaces: str = ""  # the number of the standard this one replaces
    replaces_title: str = ""
    proposer: str = ""  # 提出单位: the alliance when empty
    owner: str = ""  # 归口单位: the alliance when empty
    published_on: str = ""  # YYYY-MM-DD: the day of /publish
    effective_on: str = ""  # YYYY-MM-DD: 实施

    def clause(self, number: str) -> Clause | None:
        return next((clause for clause in self.clauses if clause.number == number), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @staticmethod
    def from_json(text: str) -> Meta:
        data = json.loads(text)
        data["drafter"] = UnitRef(**data["drafter"]) if data.get("drafter") else None
        data["working_group"] = tuple(UnitRef(**unit) for unit in data.get("working_group", []))
        data["clauses"] = tuple(
            Clause(
                id=item["id"],
                number=item["number"],
                title=item["title"],
                assigned=UnitRef(**item["assigned"]) if item.get("assigned") else None,
                annex=item.get("annex", ""),
            )
            for item in data["clauses"]
        )
        return Meta(**data)


@dataclass(frozen=True)
class Merge:
    meta: Meta
    added: list[Clause]
    retitled: list[Clause]
    orphans: list[OutlineLine]  # lines whose parent clause does not exist


def merge_outline(meta: Meta, lines: list[OutlineLine]) -> Merge:
    """New numbers are added, titles of existing numbers change, nothing is ever removed."""
    by_number = {clause.number: clause for clause in meta.clauses}
    next_clause = meta.next_clause
    added: list[Clause] = []
    retitled: list[Clause] = []
    for line in lines:
        existing = by_number.get(line.number)
        if existing is None:
            clause = Clause(f"c{next_clause:04d}", line.number, line.title, annex=line.annex)
            next_clause += 1
            added.append(clause)
            by_number[line.number] = clause
        elif (existing.title, existing.annex) != (line.title, line.annex):
            by_number[line.number] = replace(existing, title=line.title, annex=line.annex)
            retitled.append(by_number[line.number])
    orphans = [
        line for line in lines if (up := parent(line.number)) is not None and up not in by_number
    ]
    clauses = tuple(sorted(by_number.values(), key=lambda clause: sort_key(clause.number)))
    return Merge(replace(meta, clauses=clauses, next_clause=next_clause), added, retitled, orphans)
