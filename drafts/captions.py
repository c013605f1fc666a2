"""How numbered and labelled elements are captioned, the same in every view (GB/T 1.1)."""

from __future__ import annotations

from drafts.elements import BiblioEntry, Example, Figure, Formula, Note, Reference, Table, Term

GAP = "\u3000"  # the full-width space between a number and its title: `表1　材料力学性能`


CONTINUED = "（续）"  # after the label on each page a table is continued on: `表1（续）`


def table_caption(table: Table) -> str:
    head = f"表{table.number}"
    return f"{head}{GAP}{table.title}" if table.title else head


def figure_caption(figure: Figure) -> str:
    return f"图{figure.number}{GAP}{figure.title}" if figure.title else f"图{figure.number}"


def formula_number(formula: Formula) -> str:
    return f"（{formula.number}）"


def labelled(element: Note | Example) -> str:
    return f"{element.label}：{element.text}"


def term_heading(term: Term) -> str:
    """`闸阀　gate valve`."""
    return f"{term.term}{GAP}{term.english}" if term.english else term.term


def term_source(term: Term) -> str:
    return f"[来源：{term.source}]" if term.source else ""


def reference_line(reference: Reference) -> str:
    if not reference.title:
        return reference.document
    return f"{reference.document}{GAP}{reference.title}"


def biblio_line(entry: BiblioEntry) -> str:
    return f"[{entry.number}]{GAP}{entry.text}"
