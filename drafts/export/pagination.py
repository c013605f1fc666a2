"""Where the pages fall, estimated: the 目次's page numbers as a file carries them before a word
processor lays the document out. The body's numbers are fields that LibreOffice fills from its
layout (and Word on opening, asked by the file to update its fields); the front matter's Roman
numbers are written out, and its pages are few and simple enough to count this way."""

from __future__ import annotations

from math import ceil

from drafts import elements as el
from drafts.document import Section
from drafts.export.contents import Entry

LINES_PER_PAGE = 40  # 五号 on the A4 text block, with the headings' spacing
CHARS_PER_LINE = 40  # full-width characters on a 165 mm line, less the first-line indent


def text_lines(text: str) -> int:
    return sum(max(1, ceil(_width(line) / CHARS_PER_LINE)) for line in text.split("\n"))


def section_lines(section: Section) -> int:
    lines = 2  # the heading and its spacing
    for element in section.elements:
        lines += sum(text_lines(text) for text in el.texts_of(element) if text)
        if isinstance(element, el.Table):
            lines += 2 + len(element.rows) // 2  # the caption, borders and wrapped cells
        elif isinstance(element, el.Figure):
            lines += 15
    return lines


def pages(lines: int) -> int:
    return max(1, ceil(lines / LINES_PER_PAGE))


def body_pages(sections: list[Section], starts_page: set[str]) -> dict[str, int]:
    """The page each section starts on, from 1; those in `starts_page` open a new page."""
    found: dict[str, int] = {}
    page, used = 1, 2  # the standard's name atop the first page
    for section in sections:
        if section.clause.id in starts_page and used:
            page, used = page + 1, 0
        found[section.clause.id] = page
        used += section_lines(section)
        page, used = page + (used - 1) // LINES_PER_PAGE, (used - 1) % LINES_PER_PAGE + 1
    return found


def front_pages(entries: list[Entry], part_lines: dict[str, int]) -> dict[str, int]:
    """The page each front-matter part starts on: the 目次 is page 1."""
    page = 1 + pages(len(entries) + 3)
    found: dict[str, int] = {}
    for key, lines in part_lines.items():
        found[key] = page
        page += pages(lines)
    return found


def _width(line: str) -> float:
    """A Latin letter or digit is half as wide as a Chinese character."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in line)
