"""The clause grammar (docs/clause-grammar.md): a clause's stored text -> a sequence of typed
elements. Pure, no I/O.

The text is what a member typed or pasted in the chat, stored as is. It is never read as Markdown
or HTML: a line that matches no rule below is plain text, shown exactly as typed.

| lines                                                  | element                           |
|--------------------------------------------------------|-----------------------------------|
| separated by an empty line                             | paragraphs                        |
| `——…`, `●…`, `a)…` (level 1); `1)…` (level 2)          | a list (列项)                     |
| `注：…`, `注1：…`                                      | a note                            |
| `示例：…`, `示例1：…`                                  | an example                        |
| two or more lines with tabs, or beginning with `|`     | a table (first row: header);      |
|   a line `表：<title>` just before it; `注：` after    |   its title; its notes            |
| `公式：<formula>`, then `式中：` and `F——…；` lines     | a numbered formula                |
| `图：<title> [figures/<name>.png]`                     | a figure stored in the repository |
| `术语：<term> | <English>`, definition lines,          | a term entry (chapter 3)          |
|   `注：` lines, `来源：<source>`                       |                                   |
| in chapter 2, `<document number> <title>`              | a normative reference             |
| in 参考文献, each line                                 | a bibliography entry              |

Tables, figures, formulas and terms are numbered later, by the document (drafts/document.py):
nobody types a number, so nothing leaves a gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# (first line, last line) of the stored text an element came from, 0-based: for authorship.
Span = tuple[int, int]


class Role(StrEnum):
    """What a clause is for: it decides which lines are reference entries."""

    TEXT = "text"
    REFERENCES = "references"  # chapter 2, 规范性引用文件
    BIBLIOGRAPHY = "bibliography"  # 参考文献


@dataclass(frozen=True)
class Paragraph:
    text: str
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class ListItem:
    marker: str  # as typed: `——`, `●`, `a)`, `1)`
    level: int  # 1, or 2 for a sub-item
    text: str


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Note:
    label: str  # `注` or `注1`
    text: str
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Example:
    label: str  # `示例` or `示例1`
    text: str
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    notes: tuple[Note, ...] = ()
    number: str = ""  # `1`, `A.1`: given by the document
    span: Span = field(default=(0, 0), compare=False)

    @property
    def width(self) -> int:
        return max(len(row) for row in (self.header, *self.rows))


@dataclass(frozen=True)
class Figure:
    title: str
    path: str  # `figures/f0012.png`
    number: str = ""
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Formula:
    expression: str
    where: tuple[str, ...] = ()  # `F——载荷，单位为牛（N）；`
    number: str = ""
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Term:
    term: str
    english: str
    definition: str
    notes: tuple[Note, ...] = ()
    source: str = ""
    number: str = ""  # `3.1`
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class Reference:
    """A normative reference of chapter 2: `GB/T 12229—2005 通用阀门　碳素钢铸件技术条件`."""

    document: str
    title: str
    span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class BiblioEntry:
    text: str
    number: str = ""  # `1`, shown `[1]`
    span: Span = field(default=(0, 0), compare=False)


Element = (
    Paragraph
    | ListBlock
    | Note
    | Example
    | Table
    | Figure
    | Formula
    | Term
    | Reference
    | BiblioEntry
)

# -- markers ------------------------------------------------------------------------------------
# The grammar's markers, shared with the Word reader (drafts/importing/framework_reading.py),
# which recognises the same lines in a document.
COLON = "[：:]"
LIST_MARKER = r"(——|●|[a-z][)）]|[1-9][0-9]?[)）])"  # `——`, `●`, `a)`; `1)` a level down
NOTE_LABEL = r"(注\s*[0-9]*)"  # `注`, `注1`
EXAMPLE_LABEL = r"(示例\s*[0-9]*)"  # `示例`, `示例1`

_NOTE = re.compile(rf"{NOTE_LABEL}\s*{COLON}\s*(.*)", re.S)
_EXAMPLE = re.compile(rf"{EXAMPLE_LABEL}\s*{COLON}\s*(.*)", re.S)
_TABLE_TITLE = re.compile(rf"表\s*{COLON}\s*(.*)")
_FORMULA = re.compile(rf"公式\s*{COLON}\s*(.+)")
_WHERE = re.compile(rf"式中\s*{COLON}\s*(.*)")
_FIGURE = re.compile(rf"图\s*{COLON}\s*(.*?)\s*\[(figures/[A-Za-z0-9_-]{{1,40}}\.(?:png|jpe?g))\]")
_TERM = re.compile(rf"术语\s*{COLON}\s*(.+)")
_SOURCE = re.compile(rf"来源\s*{COLON}\s*(.+)")
_ITEM = re.compile(rf"{LIST_MARKER}\s*(.*)", re.S)
_SEPARATOR_ROW = re.compile(r"[\s|:\-—]+")
# A document number: `GB/T 12229`, `GB/T 12229—2005`, `JB/T 450`, `T/CVA 003—2019`,
# `ISO 5208:2015`, `ISO/IEC 17025`, `IEC 60534-2-1`.
DOCUMENT_NUMBER = re.compile(
    r"(?:[A-Z]{1,6}(?:/[A-Z]{1,6})*)\s?[0-9]+(?:\.[0-9]+)*(?:-[0-9]+)*(?:\s?(?:—|–|:)\s?[0-9]{4})?"
)
_REFERENCE = re.compile(rf"({DOCUMENT_NUMBER.pattern})(?:[\s　]+(.*))?")


def clean_text(text: str) -> str:
    """Line endings normalised, and every control or format character that no document can
    carry taken out (C0/C1 controls but tab and line break; bidi overrides and isolates), so that
    nothing a member types can reverse or hide the text around it in an export."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """A name or title as one line of plain text: line breaks and runs of spaces closed up,
    control and bidi characters taken out (an unclosed right-to-left override in a name would
    reverse the bot's own words after it)."""
    return " ".join(clean_text(text).split())


# What clean_text takes out, as one class (a draft's megabyte is scanned in C): the C0 and C1
# controls but tab and line break, and surrogates (Unicode's categories Cc and Cs: fixed for
# good); bidi embeddings, overrides, isolates and marks; the two noncharacters XML cannot hold.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufffe\uffff]"
)


def is_table_row(line: str) -> bool:
    stripped = line.strip()
    return "\t" in line.strip(" ") or stripped.startswith("|")


def table_cells(line: str) -> tuple[str, ...]:
    """The cells of a pasted row (tabs from Excel/WPS) or a `| a | b |` row."""
    stripped = line.strip()
    if stripped.startswith("|"):
        inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
        return tuple(cell.strip() for cell in inner.split("|"))
    return tuple(cell.strip() for cell in line.strip("\n").split("\t"))


def _is_separator(line: str) -> bool:
    """`|---|:--:|`, the line Markdown puts under a header: not a row of the table."""
    stripped = line.strip()
    return stripped.startswith("|") and "-" in stripped and bool(_SEPARATOR_ROW.fullmatch(stripped))


def ragged_rows(text: str) -> list[int]:
    """1-based line numbers of table rows whose number of cells differs from their header's."""
    lines = clean_text(text).split("\n")
    bad: list[int] = []
    index = 0
    while index < len(lines):
        run = _table_run(lines, index)
        if run:
            rows = [i for i in run if not _is_separator(lines[i])]
            width = len(table_cells(lines[rows[0]]))
            bad += [i + 1 for i in rows[1:] if len(table_cells(lines[i])) != width]
            index = run[-1] + 1
        else:
            index += 1
    return bad


def _table_run(lines: list[str], start: int) -> list[int]:
    """The line indices of a table starting at `start` (two or more rows), or []."""
    end = start
    while end < len(lines) and lines[end].strip() and is_table_row(lines[end]):
        end += 1
    run = list(range(start, end))
    rows = [i for i in run if not _is_separator(lines[i])]
    return run if len(rows) >= 2 else []


def parse(text: str, role: Role = Role.TEXT) -> list[Element]:
    """The elements of a clause's stored text, in order."""
    lines = clean_text(text).split("\n")
    elements: list[Element] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        element, index = _element(lines, index, role)
        elements.append(element)
    return elements


def _element(lines: list[str], at: int, role: Role) -> tuple[Element, int]:
    """The element starting at line `at`, and the index of the line after it."""
    line = lines[at].strip()
    titled = _TABLE_TITLE.fullmatch(line)
    if titled and at + 1 < len(lines) and _table_run(lines, at + 1):
        return _table(lines, at + 1, titled.group(1).strip(), first=at)
    if _table_run(lines, at):
        return _table(lines, at, "", first=at)
    if match := _FIGURE.fullmatch(line):
        return Figure(match.group(1), match.group(2), span=(at, at)), at + 1
    if match := _FORMULA.fullmatch(line):
        return _formula(lines, at, match.group(1).strip())
    if match := _TERM.fullmatch(line):
        return _term(lines, at, match.group(1))
    if match := _NOTE.fullmatch(line):
        return Note(_label(match.group(1)), match.group(2), span=(at, at)), at + 1
    if match := _EXAMPLE.fullmatch(line):
        return Example(_label(match.group(1)), match.group(2), span=(at, at)), at + 1
    if role is Role.BIBLIOGRAPHY:
        return BiblioEntry(line, span=(at, at)), at + 1
    if role is Role.REFERENCES and (match := _REFERENCE.fullmatch(line)):
        return Reference(match.group(1), (match.group(2) or "").strip(), span=(at, at)), at + 1
    if _ITEM.fullmatch(line):
        return _list(lines, at)
    return _paragraph(lines, at, role)


def _label(word: str) -> str:
    return "".join(word.split())


def _starts_element(line: str, role: Role) -> bool:
    stripped = line.strip()
    markers = (_NOTE, _EXAMPLE, _FORMULA, _FIGURE, _TERM, _ITEM)
    if any(marker.fullmatch(stripped) for marker in markers) or is_table_row(line):
        return True
    if _TABLE_TITLE.fullmatch(stripped):
        return True
    return role is Role.REFERENCES and bool(_REFERENCE.fullmatch(stripped))


def _paragraph(lines: list[str], at: int, role: Role) -> tuple[Paragraph, int]:
    end = at + 1
    while end < len(lines) and lines[end].strip() and not _starts_element(lines[end], role):
        end += 1
    text = "\n".join(line.strip() for line in lines[at:end])
    return Paragraph(text, span=(at, end - 1)), end


def _list(lines: list[str], at: int) -> tuple[ListBlock, int]:
    items: list[ListItem] = []
    end = at
    while end < len(lines) and (match := _ITEM.fullmatch(lines[end].strip())):
        marker = match.group(1)
        level = 2 if marker[0].isdigit() or marker == "●" else 1
        items.append(ListItem(marker, level, match.group(2)))
        end += 1
    return ListBlock(tuple(items), span=(at, end - 1)), end


def _table(lines: list[str], start: int, title: str, first: int) -> tuple[Table, int]:
    run = _table_run(lines, start)
    rows = [table_cells(lines[i]) for i in run if not _is_separator(lines[i])]
    end = run[-1] + 1
    notes: list[Note] = []
    while end < len(lines) and (match := _NOTE.fullmatch(lines[end].strip())):
        notes.append(Note(_label(match.group(1)), match.group(2), span=(end, end)))
        end += 1
    table = Table(rows[0], tuple(rows[1:]), title, tuple(notes), span=(first, end - 1))
    return table, end


def _formula(lines: list[str], at: int, expression: str) -> tuple[Formula, int]:
    where: list[str] = []
    end = at + 1
    if end < len(lines) and (match := _WHERE.fullmatch(lines[end].strip())):
        if match.group(1).strip():
            where.append(match.group(1).strip())
        end += 1
        while end < len(lines) and "——" in lines[end] and not lines[end].strip().startswith("——"):
            where.append(lines[end].strip())
            end += 1
    return Formula(expression, tuple(where), span=(at, end - 1)), end


def _term(lines: list[str], at: int, head: str) -> tuple[Term, int]:
    term, _, english = head.partition("|")
    definition: list[str] = []
    notes: list[Note] = []
    source = ""
    end = at + 1
    while end < len(lines) and lines[end].strip() and not _TERM.fullmatch(lines[end].strip()):
        line = lines[end].strip()
        if match := _NOTE.fullmatch(line):
            notes.append(Note(_label(match.group(1)), match.group(2), span=(end, end)))
        elif match := _SOURCE.fullmatch(line):
            source = match.group(1).strip()
        else:
            definition.append(line)
        end += 1
    entry = Term(
        term.strip(),
        english.strip(),
        "\n".join(definition),
        tuple(notes),
        source,
        span=(at, end - 1),
    )
    return entry, end


PICTURE_LIMIT = 10 * 1024 * 1024  # bytes: a figure's picture


def picture_kind(data: bytes) -> str | None:
    """`png` or `jpg` by the file's own signature (never by its name), None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


# -- the stored forms the chat commands write ---------------------------------------------------
def term_text(term: str, english: str, definition: str, source: str = "") -> str:
    lines = [f"术语：{term} | {english}".rstrip(" |"), definition]
    if source:
        lines.append(f"来源：{source}")
    return "\n".join(lines)


def figure_text(title: str, path: str) -> str:
    return f"图：{title} [{path}]"


def written(elements: Sequence[Element]) -> str:
    """Elements in the stored form, the clause grammar `parse` reads: each element apart by an
    empty line; for every element `parse` gives, `parse(written([e])) == [e]`."""
    return "\n\n".join(_written(element) for element in elements)


def _written(element: Element) -> str:
    match element:
        case Paragraph(text=text) | BiblioEntry(text=text):
            return text
        case ListBlock(items=items):
            return "\n".join(
                item.marker + (" " if item.marker[-1] in ")）" else "") + item.text
                for item in items
            )
        case Note(label=label, text=text) | Example(label=label, text=text):
            return f"{label}：{text}"
        case Table():
            lines = [f"表：{element.title}"] if element.title else []
            lines += [table_line(row) for row in (element.header, *element.rows)]
            lines += [f"{note.label}：{note.text}" for note in element.notes]
            return "\n".join(lines)
        case Figure(title=title, path=path):
            return figure_text(title, path)
        case Formula(expression=expression, where=where):
            lines = [f"公式：{expression}"]
            if where:
                lines += [f"式中：{where[0]}", *where[1:]]
            return "\n".join(lines)
        case Term():
            head = element.term + (f" | {element.english}" if element.english else "")
            lines = [f"术语：{head or '|'}"]  # `|` alone: a term with neither name yet
            lines += [line for line in element.definition.split("\n") if line]
            lines += [f"{note.label}：{note.text}" for note in element.notes]
            lines += [f"来源：{element.source}"] if element.source else []
            return "\n".join(lines)
        case Reference(document=document, title=title):
            return f"{document}　{title}" if title else document
    raise TypeError(element)


def table_line(row: Sequence[str]) -> str:
    """A row in the stored form: cells apart by tabs (a one-column row as `| cell |`); a `|`
    that would make the row read as `| a | b |` is written full-width."""
    if len(row) == 1:
        return f"| {row[0].replace('|', '｜')} |"
    first = "｜" + row[0][1:] if row[0].startswith("|") else row[0]
    return "\t".join((first, *row[1:]))


def split_reference(text: str) -> tuple[str, str] | None:
    """`GB/T 12229 通用阀门` -> ("GB/T 12229", "通用阀门"); None when it starts with no number."""
    match = _REFERENCE.fullmatch(text.strip())
    if match is None:
        return None
    return match.group(1), (match.group(2) or "").strip()


def texts_of(element: Element) -> list[str]:
    """Every piece of member text an element carries, in the order a writer shows them."""
    match element:
        case Paragraph(text=text) | BiblioEntry(text=text):
            return [text]
        case Note(text=text) | Example(text=text):
            return [text]
        case ListBlock(items=items):
            return [item.text for item in items]
        case Table():
            cells = [cell for row in (element.header, *element.rows) for cell in row]
            return [element.title, *cells, *(note.text for note in element.notes)]
        case Figure(title=title):
            return [title]
        case Formula():
            return [element.expression, *element.where]
        case Term():
            notes = [note.text for note in element.notes]
            return [element.term, element.english, element.definition, *notes, element.source]
        case Reference():
            return [element.document, element.title]
    raise TypeError(element)
