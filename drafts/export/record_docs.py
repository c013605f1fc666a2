"""What the documents of the approval package share: an A4 Word file (landscape for the comment
table) with the standard's styles, a centred title, headings, body lines and ruled tables whose
header row repeats on every page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Length, Mm
from docx.table import Table

from drafts.export.ooxml import add_lines, repeat_header_row
from drafts.export.packaging import new_document
from drafts.export.word_styles import BODY, CELL, FRONT_TITLE, HEADINGS, add_styles


def record_document(title: str, *, landscape: bool = False) -> DocxDocument:
    doc = new_document()
    add_styles(doc)
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(20)
    heading = doc.add_paragraph(title, style=FRONT_TITLE)
    heading.paragraph_format.page_break_before = False
    return doc


def heading(doc: DocxDocument, text: str, level: int = 1) -> None:
    doc.add_paragraph(text, style=HEADINGS[level - 1])


def lines(doc: DocxDocument, *texts: str) -> None:
    """Body paragraphs, one a line of each text: member text only ever becomes runs of text."""
    for text in texts:
        for line in text.split("\n"):
            doc.add_paragraph(line, style=BODY)


def grid(
    doc: DocxDocument, header: list[str], rows: list[list[str]], widths: Sequence[Length]
) -> Table:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by; cells carry theirs for Word
    for row, values in zip(table.rows, [header, *rows], strict=True):
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].style = CELL
            add_lines(cell.paragraphs[0], value)
    repeat_header_row(table)
    return table


def day(stamp: str | None, zone: tzinfo) -> str:
    """`2026-12-01 14:30` in the alliance's time zone, from a stored ISO timestamp."""
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp).astimezone(zone).strftime("%Y-%m-%d %H:%M")
