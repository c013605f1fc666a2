"""A filled 征求意见反馈表 -> its rows: the table of a Word file, or the first sheet of an Excel
file (read-only, the values Excel saved: no formula is evaluated). Pure: bytes in, rows out.

The header row is found by what its cells mean, over the usual wordings (章条号 / 章条编号 /
条款, 意见内容 / 修改意见及理由 / 意见和建议, 理由, 修改建议, 提出单位, and the ISO commenting
template's Clause / Comments / Proposed change / MB/NC) in the first rows, so a title row above it
does no harm. Cells are read as displayed (Excel's number format: `7.10` stays 7.10), a merged
cell's text carried down the rows it spans; a cell naming several clauses gives a comment on each;
totals and signature rows are marked, not taken. Rows are numbered as the person sees them:
Excel's row numbers, or the row's place in the Word table.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, untyped
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from drafts.importing.docx_blocks import Grid, read_docx
from drafts.importing.office_files import Kind, Unreadable

HEADER_SEARCH_ROWS = 20
ROW_LIMIT = 5000
_SPACES = re.compile(r"[\s\u3000]+")
# A header's meaning, tried in this order over its words with spaces removed, lower case: the
# handling column (处理意见) before the comment, `Type of comment` is no comment, a header that names
# the comment and its reason or proposal (修改意见及理由, 意见和建议) is the comment column.
_MEANINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("handling", ("处理", "采纳", "答复", "secretariat", "observation")),
    ("type", ("typeof", "意见类型", "意见类别")),
    ("clause", ("章条", "章节", "条款", "条文", "条号", "clause")),
    ("number", ("序号", "no.")),
    ("line", ("行号", "linenumber")),
    ("comment", ("意见", "comment")),
    ("reason", ("理由", "依据", "reason", "justification")),
    ("proposal", ("建议", "proposal", "proposed")),
    ("unit", ("单位", "unit", "mb/nc", "organi", "member")),
)
FIELDS = ("clause", "comment", "reason", "proposal", "unit")
# A row that closes the form rather than comments on the draft: totals, who filled it, signatures.
_FOOTER = re.compile(
    r"(合计|总计|共计|小计|填表人|填写人|联系人|联系电话|签字|签名|审核|批准|日期|盖章|说明|注[：:]|total)",
    re.I,
)
_SEVERAL = re.compile(r"[、,，;；/]|和|及")


@dataclass(frozen=True)
class FormRow:
    row: int  # as the person sees it: Excel's row number, or the row in the Word table
    clause: str
    comment: str
    reason: str
    proposal: str
    unit: str
    ignored: str = ""  # why the row is not a comment though it holds text: `footer`

    @property
    def empty(self) -> bool:
        return not any((self.clause, self.comment, self.reason, self.proposal, self.ignored))


class NoColumns(Unreadable):
    """No row of the file names the form's columns."""

    def __init__(self) -> None:
        super().__init__("no_columns")


def read_form(kind: Kind, data: bytes) -> list[FormRow]:
    if kind is Kind.XLSX:
        return _rows(_sheet_rows(data))
    for block in read_docx(data):
        if isinstance(block, Grid):
            try:
                return _rows(enumerate(_carried_down(block), start=1))
            except NoColumns:
                continue
    raise NoColumns()


def _carried_down(grid: Grid) -> list[tuple[str, ...]]:
    """A Word table's rows with a vertically merged cell's text in every row it spans: one
    章条编号 cell beside several comments names the clause of each."""
    rows = [list(row) for row in grid.rows]
    for row, column in sorted(grid.continued):
        if row > 0:
            rows[row][column] = rows[row - 1][column]
    return [tuple(row) for row in rows]


def _sheet_rows(data: bytes) -> list[tuple[int, tuple[str, ...]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise Unreadable("corrupt") from None
    try:
        if not book.worksheets:
            raise NoColumns()
        sheet = book.worksheets[0]
        rows: list[tuple[int, tuple[str, ...]]] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            if number > ROW_LIMIT:
                raise Unreadable("too_many_rows")
            shown = tuple(_cell(c.value, getattr(c, "number_format", "General")) for c in cells)
            rows.append((number, shown))
    finally:
        book.close()
    return _merged_down(rows, _first_sheet_merges(data))


def _first_sheet_merges(data: bytes) -> list[tuple[int, int, int]]:
    """The first sheet's merged ranges that span rows: (column, first row, last row), 1-based.
    Read from the sheet's XML, since openpyxl's read-only sheets do not keep them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = etree.fromstring(archive.read("xl/workbook.xml"))
            first = book.find(f"{_SHEET_NS}sheets/{_SHEET_NS}sheet")
            rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            rel_id = first.get(f"{{{_REL_NS}}}id") if first is not None else None
            target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
            if target is None:
                return []
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            ranges = []
            for _, node in etree.iterparse(
                io.BytesIO(archive.read(path)), tag=f"{_SHEET_NS}mergeCell"
            ):
                ranges.append(node.get("ref", ""))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return []
    spans = []
    for ref in ranges:
        try:
            low_col, low_row, _, high_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if low_col and low_row and high_row and high_row > low_row:
            spans.append((low_col, low_row, high_row))
    return spans


def _merged_down(
    rows: list[tuple[int, tuple[str, ...]]], spans: list[tuple[int, int, int]]
) -> list[tuple[int, tuple[str, ...]]]:
    by_number = {number: list(cells) for number, cells in rows}
    for column, first, last in spans:
        top = by_number.get(first)
        value = top[column - 1] if top is not None and column - 1 < len(top) else ""
        for number in range(first + 1, last + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            cells += [""] * (column - len(cells))
            cells[column - 1] = value
    return [(number, tuple(by_number[number])) for number, _ in rows]


_DECIMALS = re.compile(r"[#0,]*\.(0+)(?:[^0#?]|$)")


def _cell(value: object, number_format: str = "General") -> str:
    """A cell as Excel displays it: `7.10` in format 0.00 stays 7.10, 4 and 4.0 are `4`, a date
    is its day."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        decimals = _DECIMALS.match(number_format or "")
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def _rows(rows: Iterable[tuple[int, Sequence[str]]]) -> list[FormRow]:
    listed = list(rows)
    for position, (_, cells) in enumerate(listed[:HEADER_SEARCH_ROWS]):
        columns = header_columns(cells)
        if "clause" in columns and "comment" in columns:
            found: list[FormRow] = []
            for number, row in listed[position + 1 :]:
                found += _row(number, row, columns)
            return found
    raise NoColumns()


def header_meaning(cell: str) -> str | None:
    """What a header cell names: a field of FIELDS, another column of the form, or None."""
    name = _SPACES.sub("", cell).lower()
    if not name:
        return None
    return next((meaning for meaning, words in _MEANINGS if any(w in name for w in words)), None)


def header_columns(cells: Sequence[str]) -> dict[str, int]:
    """Field -> column index, the first column of each field."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        meaning = header_meaning(cell)
        if meaning in FIELDS:
            columns.setdefault(meaning, index)
    return columns


def _row(number: int, cells: Sequence[str], columns: dict[str, int]) -> list[FormRow]:
    def value(field_name: str) -> str:
        index = columns.get(field_name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    texts = (value("comment"), value("reason"), value("proposal"), value("unit"))
    words = clause_words(value("clause"))
    first = next((cell.strip() for cell in cells if cell.strip()), "")
    numbered = any(_CLAUSE_WORD.fullmatch(word) for word in words)
    if not numbered and _FOOTER.match(_SPACES.sub("", first)):
        return [FormRow(number, "", "", "", "", "", ignored="footer")]
    return [FormRow(number, word, *texts) for word in words or [""]]


def clause_words(cell: str) -> list[str]:
    """The clause numbers one cell names: `7.2.1、7.2.2` is two; `4.1 材料` one."""
    parts = [part for part in _SEVERAL.split(cell) if part.strip()]
    if len(parts) > 1:
        words = [clause_word(part) for part in parts]
        if all(_CLAUSE_WORD.fullmatch(word) for word in words):
            return words
    word = clause_word(cell)
    return [word] if word else []


_CLAUSE_WORD = re.compile(
    r"第?[\s\u3000]*(附[\s\u3000]*录[\s\u3000]*[A-Z](?:[.．][0-9]+)*|[A-Z](?:[.．][0-9]+)+"
    r"|[0-9]+(?:[.．][0-9]+)*|前言|引言|参考文献)"
)
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PICK_PROMPT = "（选择章条）"  # what the blank form's drop-down shows before a clause is picked


def clause_word(text: str) -> str:
    """The clause number a cell names: `第4.1条` -> `4.1`, `附录A` -> `A`, `4.1 材料` -> `4.1`;
    the text itself when it names none (an untouched drop-down names nothing)."""
    if text.strip() == PICK_PROMPT:
        return ""
    match = _CLAUSE_WORD.match(text.strip())
    if match is None:
        return text.strip()
    word = match.group(1)
    return re.sub(r"附[\s\u3000]*录[\s\u3000]*", "", word)
