"""Elements as plain text for a chat message (`/section`): a table as aligned rows, a figure by
its caption (the picture itself is sent beside). Numbers come from the document model."""

from __future__ import annotations

import unicodedata

from drafts import captions as cap
from drafts import elements as el
from drafts.export.fixed_wording import WHERE


def element_lines(element: el.Element) -> list[str]:
    match element:
        case el.Paragraph(text=text):
            return text.split("\n")
        case el.ListBlock(items=items):
            return [("  " * (item.level - 1)) + item.marker + item.text for item in items]
        case el.Note() | el.Example():
            return cap.labelled(element).split("\n")
        case el.Table():
            return [
                cap.table_caption(element),
                *aligned_rows(element),
                *map(cap.labelled, element.notes),
            ]
        case el.Figure():
            return [cap.figure_caption(element)]
        case el.Formula():
            where = [WHERE, *element.where] if element.where else []
            return [f"{element.expression}　{cap.formula_number(element)}", *where]
        case el.Term():
            lines = [element.number, cap.term_heading(element), *element.definition.split("\n")]
            lines += [cap.labelled(note) for note in element.notes]
            return lines + ([cap.term_source(element)] if element.source else [])
        case el.Reference():
            return [cap.reference_line(element)]
        case el.BiblioEntry():
            return [cap.biblio_line(element)]
    raise TypeError(element)


def aligned_rows(table: el.Table) -> list[str]:
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
