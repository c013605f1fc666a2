"""How the body's headings read and what the 目次 lists, the same in every writer."""

from __future__ import annotations

from dataclasses import dataclass

from drafts.captions import GAP
from drafts.document import Section
from drafts.export.front_matter import FrontPart
from drafts.numbering import BIBLIOGRAPHY, heading, is_annex, is_unnumbered

BIBLIOGRAPHY_TITLE = "参\u3000考\u3000文\u3000献"


@dataclass(frozen=True)
class Entry:
    key: str  # the bookmark / anchor: `foreword`, `introduction` or the clause's stable id
    label: str
    front: bool  # in the front matter: numbered in Roman


def heading_text(section: Section) -> str:
    """`4.1　材料`: number and title apart by one character's width."""
    return heading(section.number, section.clause.title, GAP)


def annex_lines(section: Section) -> list[str]:
    """The annex heading block: `附　录　A`, `（规范性）`, the title."""
    lines = [f"附{GAP}录{GAP}{section.number}", section.clause.title]
    if section.clause.annex:
        lines.insert(1, f"（{section.clause.annex}）")
    return lines


def heading_lines(section: Section) -> list[str]:
    """The heading as shown: the annex block, the spaced 参考文献, or the numbered title."""
    if is_annex(section.number):
        return annex_lines(section)
    if section.number == BIBLIOGRAPHY:
        return [BIBLIOGRAPHY_TITLE]
    return [heading_text(section)]


def body_sections(sections: tuple[Section, ...]) -> list[Section]:
    """The sections after the front matter (前言 and 引言 are laid out by front_matter)."""
    return [s for s in sections if not (is_unnumbered(s.number) and s.number != BIBLIOGRAPHY)]


def entries(parts: list[FrontPart], sections: tuple[Section, ...]) -> list[Entry]:
    """前言, 引言, each chapter, each annex with its designation, 参考文献."""
    listed = [Entry(part.key, part.label, True) for part in parts]
    for section in body_sections(sections):
        if is_annex(section.number):
            kind = f"（{section.clause.annex}）" if section.clause.annex else ""
            label = f"附录{section.number}{kind}{GAP}{section.clause.title}"
        elif section.level == 1:
            label = heading_text(section)
        else:
            continue
        listed.append(Entry(section.clause.id, label, False))
    return listed
