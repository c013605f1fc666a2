"""Comment forms as people make them, read to rows: headers by meaning over the usual wordings
(Chinese, and the ISO commenting template's English), the comment column when a header names
both comment and reason, cells as Excel displays them, merged cells carried down in Excel and in
Word, several clause numbers in one cell, and totals and signature rows marked. Pure."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import Workbook

from drafts.importing.comment_forms import FormRow, clause_words, header_columns, read_form
from drafts.importing.office_files import Kind
from tests import office_docs
from tests.office_docs import saved

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (
            ("序号", "章条编号", "修改意见及理由", "提出单位"),
            {"clause": 1, "comment": 2, "unit": 3},
        ),
        (("章条号", "意见和建议", "处理意见"), {"clause": 0, "comment": 1}),
        (
            ("章条号", "修改意见", "理由或依据", "建议修改为", "处理结果"),
            {"clause": 0, "comment": 1, "reason": 2, "proposal": 3},
        ),
        (
            ("条款", "意见内容", "理由", "修改建议"),
            {"clause": 0, "comment": 1, "reason": 2, "proposal": 3},
        ),
        (
            (
                "MB/NC¹",
                "Line number\n(e.g. 17)",
                "Clause/\nSubclause\n(e.g. 3.1)",
                "Paragraph/\nFigure/ Table/\n(e.g. Table 1)",
                "Type of comment²",
                "Comments",
                "Proposed change",
                "Observations of the secretariat",
            ),
            {"unit": 0, "clause": 2, "comment": 5, "proposal": 6},
        ),
        (
            ("Clause No.", "Comment", "Reason", "Proposal"),
            {"clause": 0, "comment": 1, "reason": 2, "proposal": 3},
        ),
    ],
)
def test_headers_are_matched_by_meaning(header: tuple[str, ...], columns: dict[str, int]) -> None:
    assert header_columns(header) == columns


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("7.2.1、7.2.2", ["7.2.1", "7.2.2"]),
        ("7.2.1,7.2.2；7.3", ["7.2.1", "7.2.2", "7.3"]),
        ("4.1和4.2", ["4.1", "4.2"]),
        ("附录A.1、A.2", ["A.1", "A.2"]),
        ("4.1 材料、结构", ["4.1"]),  # one clause named with words: not split
        ("4.1 材料", ["4.1"]),
        ("3.1", ["3.1"]),
        ("", []),
    ],
)
def test_several_clauses_in_one_cell(cell: str, words: list[str]) -> None:
    assert clause_words(cell) == words


def _sheet(rows: list[list[object]], formats: dict[str, str], merges: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for cell, number_format in formats.items():
        sheet[cell].number_format = number_format
    for merged in merges:
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_form_read_as_displayed_with_merges_several_clauses_and_a_totals_row() -> None:
    data = _sheet(
        [
            ["征求意见汇总表"],
            ["序号", "章条编号", "修改意见及理由", "提出单位"],
            [1, 7.1, "7.10 与 7.1 不同。", "甲"],
            [2, 7.2, "第一条。", "乙"],
            [3, None, "第二条，同一章条。", "乙"],
            [4, "7.2.1、7.2.2", "两处都改。", "丙"],
            [5, 3.1, "术语定义不准确。", "丁"],
            [6, "A.1", "附录的条。", "丁"],
            ["合计", None, "6 条", None],
            ["填表人：张三", None, None, None],
        ],
        formats={"B3": "0.00", "B7": "0.0"},
        merges=["B4:B5"],
    )
    assert read_form(Kind.XLSX, data) == [
        FormRow(3, "7.10", "7.10 与 7.1 不同。", "", "", "甲"),
        FormRow(4, "7.2", "第一条。", "", "", "乙"),
        FormRow(5, "7.2", "第二条，同一章条。", "", "", "乙"),
        FormRow(6, "7.2.1", "两处都改。", "", "", "丙"),
        FormRow(6, "7.2.2", "两处都改。", "", "", "丙"),
        FormRow(7, "3.1", "术语定义不准确。", "", "", "丁"),
        FormRow(8, "A.1", "附录的条。", "", "", "丁"),
        FormRow(9, "", "", "", "", "", ignored="footer"),
        FormRow(10, "", "", "", "", "", ignored="footer"),
    ]


def test_a_word_form_with_a_vertically_merged_clause_cell() -> None:
    doc = Document()
    table = doc.add_table(rows=5, cols=3)
    rows = [
        ("章条编号", "意见和建议", "提出单位"),
        ("5.1", "第一条。", "甲"),
        ("", "第二条。", "甲"),
        ("", "第三条。", "乙"),
        ("签字：", "", ""),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(3, 0))
    assert read_form(Kind.DOCX, saved(doc)) == [
        FormRow(2, "5.1", "第一条。", "", "", "甲"),
        FormRow(3, "5.1", "第二条。", "", "", "甲"),
        FormRow(4, "5.1", "第三条。", "", "", "乙"),
        FormRow(5, "", "", "", "", "", ignored="footer"),
    ]


def test_the_iso_commenting_template() -> None:
    header = (
        "MB/NC¹",
        "Line number",
        "Clause/ Subclause",
        "Paragraph/ Figure/ Table",
        "Type of comment²",
        "Comments",
        "Proposed change",
        "Observations of the secretariat",
    )
    data = office_docs.comment_docx(
        [("CN", "17", "4.1", "Table 1", "te", "Wrong limit.", "Use 20 ms.", "")], header
    )
    assert read_form(Kind.DOCX, data) == [FormRow(2, "4.1", "Wrong limit.", "", "Use 20 ms.", "CN")]
