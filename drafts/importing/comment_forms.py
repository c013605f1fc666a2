"""A filled 征求意见反馈表 -> its rows: the table of a Word file, or the first sheet of an Excel
file (read-only, the values Excel saved: no formula is evaluated). Pure: bytes in, rows out.

The header row is found by its names, matched loosely (章条号 / 章节号 / 条款 / 章条编号, 意见 /
修改意见 / 意见内容, 理由, 修改建议, 提出单位) in the first rows, so a title row above it does no
harm. Rows are numbered as the person sees them: Excel's row numbers, or the row's place in
the Word table.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from drafts.importing.docx_blocks import Grid, read_docx
from drafts.importing.office_files import Kind, Unreadable

HEADER_SEARCH_ROWS = 20
ROW_LIMIT = 5000
# Field -> header words, most specific first; a header is the first field one of whose words it
# contains (`理由或修改建议` is the reason, `处理意见` is not the comment: it comes after it).
FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号",)),
    ("clause", ("章条", "章节", "条款", "条文", "clause")),
    ("reason", ("理由", "依据", "reason")),
    ("proposal", ("修改建议", "建议", "proposal", "proposed")),
    ("comment", ("意见", "comment")),
    ("unit", ("单位", "unit")),
)
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class FormRow:
    row: int  # as the person sees it: Excel's row number, or the row in the Word table
    clause: str
    comment: str
    reason: str
    proposal: str
    unit: str

    @property
    def empty(self) -> bool:
        return not any((self.clause, self.comment, self.reason, self.proposal))


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
                return _rows(enumerate(block.rows, start=1))
            except NoColumns:
                continue
    raise NoColumns()


def _sheet_rows(data: bytes) -> list[tuple[int, tuple[str, ...]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise Unreadable("corrupt") from None
    try:
        if not book.worksheets:
            raise NoColumns()
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > ROW_LIMIT:
                raise Unreadable("too_many_rows")
            rows.append((number, tuple(_cell(value) for value in values)))
        return rows
    finally:
        book.close()


def _cell(value: object) -> str:
    """A cell as the person typed it: 4 and 4.0 are clause `4`, a date is its day."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def _rows(rows: Iterable[tuple[int, Sequence[str]]]) -> list[FormRow]:
    listed = list(rows)
    for position, (_, cells) in enumerate(listed[:HEADER_SEARCH_ROWS]):
        columns = header_columns(cells)
        if "clause" in columns and "comment" in columns:
            return [_row(number, cells, columns) for number, cells in listed[position + 1 :]]
    raise NoColumns()


def header_columns(cells: Sequence[str]) -> dict[str, int]:
    """Field -> column index, the first column of each field."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _SPACES.sub("", cell).lower()
        if not name:
            continue
        for field_name, words in FIELDS:
            if any(word in name for word in words):
                columns.setdefault(field_name, index)
                break
    return columns


def _row(number: int, cells: Sequence[str], columns: dict[str, int]) -> FormRow:
    def value(field_name: str) -> str:
        index = columns.get(field_name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    return FormRow(
        number,
        clause_word(value("clause")),
        value("comment"),
        value("reason"),
        value("proposal"),
        value("unit"),
    )


_CLAUSE_WORD = re.compile(
    r"第?[\s\u3000]*(附[\s\u3000]*录[\s\u3000]*[A-Z](?:[.．][0-9]+)*|[A-Z](?:[.．][0-9]+)+"
    r"|[0-9]+(?:[.．][0-9]+)*|前言|引言|参考文献)"
)
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
