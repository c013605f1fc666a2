"""Elements as plain text for a chat message (`/section`): a table as aligned rows, a figure by
its caption (the picture itself is sent beside). Numbers come from the document model."""

from __future__ import annotations

import unicodedata

from drafts.captions import (
    biblio_line,
    figure_caption,
    formula_number,
    labelled,
    reference_line,
    table_caption,
    term_heading,
    term_source,
)
from drafts.elements import (
    BiblioEntry,
    Element,
    Example,
    Figure,
    Formula,
    ListBlock,
    Note,
    Paragraph,
    Reference,
    Table,
    Term,
)
from drafts.export.text import WHERE


def element_lines(element: Element) -> list[str]:
    match element:
        case Paragraph(text=text):
            return text.split("\n")
        case ListBlock(items=items):
            return [("  " * (item.level - 1)) + item.marker + item.text for item in items]
        case Note() | Example():
            return labelled(element).split("\n")
        case Table():
            return [table_caption(element), *aligned_rows(element), *map(labelled, element.notes)]
        case Figure():
            return [figure_caption(element)]
        case Formula():
            where = [WHERE, *element.where] if element.where else []
            return [f"{element.expression}　{formula_number(element)}", *where]
        case Term():
            lines = [element.number, term_heading(element), *element.definition.split("\n")]
            lines += [labelled(note) for note in element.notes]
            return lines + ([term_source(element)] if element.source else [])
        case Reference():
            return [reference_line(element)]
        case BiblioEntry():
            return [biblio_line(element)]
    raise TypeError(element)


def aligned_rows(table: Table) -> list[str]:
    """Rows with each column padded to its widest cell (a CJK character counts two)."""
    rows = [(*row, *[""] * (table.width - len(row))) for row in (table.header, *table.rows)]
    widths = [max(display_width(row[col]) for row in rows) for col in range(table.width)]
    return [
        " │ ".join(
            cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
