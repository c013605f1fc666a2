"""One model of the draft: the clauses in outline order, each a sequence of typed elements, and the
numbering of tables, figures, formulas, terms and bibliography entries, computed once in document
order and annex-aware (`表1`, `表A.1`). Pure: built from the metadata and the clause texts.

Every view and writer walks this model (HTML, DOCX, Markdown, `/section`), so all of them number
alike and none of them parses member text again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from drafts.elements import (
    BiblioEntry,
    Element,
    Figure,
    Formula,
    Reference,
    Role,
    Table,
    Term,
    parse,
)
from drafts.meta import Clause, Meta
from drafts.numbering import BIBLIOGRAPHY, annex_of, is_unnumbered

REFERENCES_CHAPTER = "2"
TERMS_CHAPTER = "3"


def role_of(number: str) -> Role:
    """Chapter 2 is always the normative references, 参考文献 the bibliography (GB/T 1.1)."""
    if number == REFERENCES_CHAPTER:
        return Role.REFERENCES
    if number == BIBLIOGRAPHY:
        return Role.BIBLIOGRAPHY
    return Role.TEXT


@dataclass(frozen=True)
class Section:
    clause: Clause
    text: str  # the stored text, as typed
    elements: tuple[Element, ...]

    @property
    def number(self) -> str:
        return self.clause.number

    @property
    def level(self) -> int:
        return 1 if is_unnumbered(self.number) else self.number.count(".") + 1


@dataclass(frozen=True)
class Document:
    meta: Meta
    sections: tuple[Section, ...]

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def elements(self) -> Iterator[tuple[Section, Element]]:
        for section in self.sections:
            for element in section.elements:
                yield section, element

    def tables(self) -> list[Table]:
        return [e for _, e in self.elements() if isinstance(e, Table)]

    def figures(self) -> list[Figure]:
        return [e for _, e in self.elements() if isinstance(e, Figure)]

    def terms(self) -> list[Term]:
        return [e for _, e in self.elements() if isinstance(e, Term)]

    def references(self) -> list[Reference]:
        """Chapter 2's entries in the GB/T 1.1 order."""
        return in_reference_order(e for _, e in self.elements() if isinstance(e, Reference))


def build(meta: Meta, texts: Mapping[str, str]) -> Document:
    """The document of `meta`'s outline with `texts` (clause id -> stored text)."""
    return Document(meta, build_sections(meta.clauses, texts))


def build_sections(clauses: Iterable[Clause], texts: Mapping[str, str]) -> tuple[Section, ...]:
    """`clauses` with their `texts` (clause id -> stored text) as sections whose tables, figures,
    formulas, terms and bibliography entries are numbered through them all."""
    counters: dict[tuple[str, str], int] = {}

    def next_number(kind: str, scope: str) -> str:
        counters[kind, scope] = counters.get((kind, scope), 0) + 1
        count = counters[kind, scope]
        return f"{scope}.{count}" if scope and kind != "biblio" else str(count)

    sections = []
    for clause in clauses:
        text = texts.get(clause.id, "").strip("\n")
        scope = annex_of(clause.number) or ""
        numbered: list[Element] = []
        for element in parse(text, role_of(clause.number)):
            if isinstance(element, Table | Figure | Formula):
                kind = type(element).__name__
                element = replace(element, number=next_number(kind, scope))
            elif isinstance(element, Term):
                element = replace(element, number=next_number("term", clause.number))
            elif isinstance(element, BiblioEntry):
                element = replace(element, number=next_number("biblio", ""))
            numbered.append(element)
        sections.append(Section(clause, text, tuple(numbered)))
    return tuple(sections)


# GB/T 1.1—2020 8.6.2: national, industry, local, group standards; ISO, ISO/IEC, IEC; other
# international documents; anything else.
_PREFIX = re.compile(r"[A-Z]+(?:/[A-Z]+)*")
_GROUPS = {"GB": 0, "GB/T": 1, "GB/Z": 2, "ISO": 6, "ISO/IEC": 7, "IEC": 8}
_INTERNATIONAL = {"ITU", "OIML", "CODEX", "ISO/TS", "ISO/TR", "IEC/TS", "IEC/TR"}
_FOREIGN_TWO_LETTER = {"EN", "BS", "NF"}  # two letters like an industry code, but not Chinese


def in_reference_order(references: Iterable[Reference]) -> list[Reference]:
    return sorted(references, key=lambda ref: reference_key(ref.document))


def reference_key(document: str) -> tuple[int, str, tuple[int, ...]]:
    match = _PREFIX.match(document)
    prefix = match.group(0) if match else ""
    digits = tuple(int(n) for n in re.findall(r"[0-9]+", document[len(prefix) :]))
    group = _GROUPS.get(prefix)
    if group is None:
        if prefix.startswith("T/"):
            group = 5
        elif prefix.startswith("DB"):
            group = 4
        elif prefix in _INTERNATIONAL:
            group = 9
        elif re.fullmatch(r"[A-Z]{2}(?:/[TZ])?", prefix) and prefix not in _FOREIGN_TWO_LETTER:
            group = 3  # an industry standard: JB/T, HG/T, NB/T …
        else:
            group = 10
    return group, prefix, digits
