"""`/check`: the draft against the rules of a standard's form (GB/T 1.1). Pure, over the document.

Each finding names its clause. Chapters 2 and 3 left empty are findings too: the export then uses
the fixed sentence (本文件没有规范性引用文件。/ 本文件没有需要界定的术语和定义。), and says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from drafts.document import REFERENCES_CHAPTER, TERMS_CHAPTER, Document, Section
from drafts.elements import BiblioEntry, Element, Figure, Reference, Table, Term, texts_of
from drafts.notes import NUMERALS, TITLES, empty_sections
from drafts.numbering import BIBLIOGRAPHY, is_annex, parent

# A standard cited in running text: `GB/T 12229`, `JB/T 450—2008`, `T/CVA 003`, `ISO 5208:2015`.
CITATION = re.compile(
    r"(?<![A-Za-z])(GB(?:/[TZ])?|[A-Z]{2}/[TZ]|T/[A-Z]{2,}|ISO(?:/IEC)?|IEC|EN|API|ASME|ASTM)"
    r"\s?([0-9]+(?:\.[0-9]+)*(?:-[0-9]+)*)"
)


@dataclass(frozen=True)
class Finding:
    kind: str  # a catalog key under `check.`
    clause: str  # the clause number it names
    detail: str = ""  # the table, figure, document or term concerned


def check(document: Document) -> list[Finding]:
    findings: list[Finding] = []
    numbers = {s.number for s in document.sections}
    parents = {p for n in numbers if (p := parent(n)) is not None}
    pieces = [(s, e, "\n".join(texts_of(e))) for s, e in document.elements()]

    def mentioned(pattern: str, besides: Element | None = None) -> bool:
        wanted = re.compile(pattern)
        return any(wanted.search(text) for _, e, text in pieces if e is not besides)

    for section in document.sections:
        findings += _section_findings(section, section.number in parents)
    for owner, element, _ in pieces:
        if isinstance(element, Table) and not mentioned(
            rf"表\s*{re.escape(element.number)}(?![.0-9])", element
        ):
            findings.append(Finding("check.unreferenced", owner.number, f"表{element.number}"))
        elif isinstance(element, Figure) and not mentioned(
            rf"图\s*{re.escape(element.number)}(?![.0-9])", element
        ):
            findings.append(Finding("check.unreferenced", owner.number, f"图{element.number}"))
        elif (
            isinstance(element, Term)
            and element.term
            and not mentioned(re.escape(element.term), element)
        ):
            findings.append(Finding("check.term_unused", owner.number, element.term))
    for section in document.sections:
        if is_annex(section.number) and not mentioned(rf"附录\s*{section.number}(?![A-Za-z])"):
            findings.append(Finding("check.unreferenced", section.number, f"附录{section.number}"))
    findings += _citation_findings(document)
    return findings


def check_notes(texts: Mapping[int, str]) -> list[Finding]:
    """The 编制说明's sections nobody wrote (section -> text): each would read （待补充）."""
    return [
        Finding("check.note_empty", NUMERALS[n - 1], TITLES[n - 1]) for n in empty_sections(texts)
    ]


def _section_findings(section: Section, has_children: bool) -> list[Finding]:
    number = section.number
    if is_annex(number) and not section.clause.annex:
        return [Finding("check.annex_designation", number)]
    if section.elements or number == "前言":  # the foreword's sentences are the export's own
        return []
    if number == REFERENCES_CHAPTER:
        return [Finding("check.no_references", number)]
    if number == TERMS_CHAPTER:
        return [Finding("check.no_terms", number)]
    return [] if has_children else [Finding("check.empty", number)]


def _citation_findings(document: Document) -> list[Finding]:
    listed = {_base(ref.document): ref for ref in document.references()}
    cited: dict[str, str] = {}  # base number -> first clause citing it
    for section, element in document.elements():
        if section.number in {REFERENCES_CHAPTER, BIBLIOGRAPHY}:
            continue
        if isinstance(element, Reference | BiblioEntry):
            continue
        for text in texts_of(element) if not isinstance(element, Term) else [element.definition]:
            for match in CITATION.finditer(text):
                cited.setdefault(f"{match.group(1)} {match.group(2)}", section.number)
    bibliography = {
        f"{m.group(1)} {m.group(2)}"
        for s, e in document.elements()
        if isinstance(e, BiblioEntry)
        for m in CITATION.finditer(e.text)
    }
    findings = [
        Finding("check.citation_unlisted", clause, number)
        for number, clause in cited.items()
        if number not in listed and number not in bibliography
    ]
    findings += [
        Finding("check.reference_uncited", REFERENCES_CHAPTER, ref.document)
        for base, ref in listed.items()
        if base not in cited
    ]
    return findings


def _base(document: str) -> str:
    """`GB/T 12229—2005` -> `GB/T 12229`: a dated and an undated citation are the same document."""
    match = CITATION.match(document)
    return f"{match.group(1)} {match.group(2)}" if match else document
