"""Reading Word and Excel files, as pure functions: which files are refused and why, the outline
and clause texts of a framework in Word (heading styles, numbered paragraphs, Word's own
numbering, tables with merged cells, pictures, a file LibreOffice saved), what is skipped, what
is listed as not understood, and the rows of a filled comment form."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from drafts.document import role_of
from drafts.elements import (
    Element,
    Figure,
    Formula,
    ListBlock,
    Note,
    Paragraph,
    Table,
    Term,
    parse,
)
from drafts.export.model import load, shown_elements
from drafts.export.ooxml import outline_level
from drafts.export.word import draft_docx
from drafts.importing.comment_forms import FormRow, NoColumns, clause_word, read_form
from drafts.importing.docx_blocks import read_docx
from drafts.importing.framework_reading import Framework, read_framework
from drafts.importing.office_files import (
    DOWNLOAD_LIMIT,
    Kind,
    Unreadable,
    office_kind,
)
from drafts.repository import BRANCH
from tests import office_docs
from tests.conftest import needs_libreoffice
from tests.standard_draft import TITLE, write_standard

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def framework(data: bytes, existing: set[str] | None = None) -> Framework:
    """The file read to the model; each clause's elements are what its stored text reads as."""
    found = read_framework(
        read_docx(data), title=TITLE, existing=existing or set(), figure_prefix="t"
    )
    for clause in found.clauses:
        assert parse(clause.text, role_of(clause.number)) == list(clause.elements), clause.number
    return found


def outline(found: Framework) -> list[tuple[str, str, str]]:
    return [(c.number, c.title, c.annex) for c in found.clauses]


def texts(found: Framework) -> dict[str, str]:
    return {c.number: c.text for c in found.clauses}


# -- which files ---------------------------------------------------------------------------------
def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.docx", b"PK" + bytes(DOWNLOAD_LIMIT), "too_large"),
        ("a.docm", office_docs.plain_document(), "macros"),
        ("a.xlsm", office_docs.comment_sheet([]), "macros"),
        ("a.doc", OLE, "old_word"),
        ("a.xls", OLE, "old_excel"),
        ("a.docx", OLE, "encrypted"),
        ("a.xlsx", OLE, "encrypted"),
        ("a", OLE, "encrypted"),
        ("a.docx", b"PK\x03\x04 broken", "corrupt"),
        ("a.docx", b"PK" + bytes(DOWNLOAD_LIMIT - 2), "corrupt"),  # at the limit: read
        ("a.docx", _zip({"word/document.xml": b"<w/>"}), "corrupt"),  # no [Content_Types].xml
        ("a.docx", b"%PDF-1.7", "not_office"),
        ("a.docx", b"", "not_office"),
        (
            "a.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"macro"}),
            "macros",
        ),
        ("a.docx", _zip({"[Content_Types].xml": b"<Types/>"}), "not_office"),
        (
            "a.docx",
            _zip({"[Content_Types].xml": b"x", "big": bytes(201 * 1024 * 1024)}),
            "too_large",
        ),
    ],
)
def test_files_that_cannot_be_read_say_why(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable) as refused:
        office_kind(name, data)
    assert refused.value.key == reason


def test_word_and_excel_files_are_told_apart_by_their_content() -> None:
    assert office_kind("a.docx", office_docs.plain_document()) is Kind.DOCX
    assert office_kind("renamed.doc", office_docs.plain_document()) is Kind.DOCX
    assert office_kind("a.xlsx", office_docs.comment_sheet([])) is Kind.XLSX


# -- a framework in Word -----------------------------------------------------------------------
def test_heading_styles_give_the_outline_and_the_text_under_each_heading() -> None:
    found = framework(office_docs.styled_framework())
    assert outline(found) == [
        ("1", "范围", ""),
        ("4", "要求", ""),
        ("4.1", "材料", ""),
        ("4.2", "结构", ""),
        ("A", "压力试验方法", "规范性"),
        ("A.1", "试验装置", ""),
    ]
    body = texts(found)
    assert body["1"] == "本文件规定了闸阀的要求。"
    assert body["4"] == ""
    elements = parse(body["4.1"])
    assert [type(e) for e in elements] == [Paragraph, Table, Note, ListBlock]
    table = elements[1]
    assert isinstance(table, Table)
    assert table.title == "阀体材料力学性能"
    assert table.header == ("材料", "抗拉强度", "屈服强度")
    assert table.rows == (("WCB", "485", "250"), ("WC6", "485", "275"))
    assert [note.text for note in table.notes] == ["表中数值为最小值。"]
    [figure] = parse(body["4.2"])
    assert figure == Figure("闸阀结构示意", "figures/t-001.png")
    [(path, picture)] = found.clauses[3].figures
    assert path == "figures/t-001.png" and picture.startswith(b"\x89PNG")
    assert [(p.reason, p.excerpt) for p in found.problems] == [("picture_format", "image/gif")]
    assert found.skipped == 1  # the cover's title


def test_numbered_paragraphs_give_the_outline_without_heading_styles() -> None:
    found = framework(office_docs.numbered_framework())
    assert outline(found) == [
        ("前言", "前言", ""),
        ("1", "范围", ""),
        ("4", "要求", ""),
        ("4.1", "材料", ""),
        ("B", "选型", "资料性"),
    ]
    assert texts(found)["1"] == "本文件适用于 DN50～DN600 的闸阀。\n\n2019年发布的版本已废止。"
    assert found.skipped == 1  # `T/CVA 012—2027` before the first heading


def test_headings_word_numbers_itself_are_numbered_by_their_level() -> None:
    found = framework(office_docs.auto_numbered_framework())
    assert [c.number for c in found.clauses] == ["1", "2", "2.1", "2.2", "3"]
    assert texts(found)["2.2"] == "结构的内容。"


def test_merged_cells_keep_their_text_once_and_the_grid_square() -> None:
    [table] = parse(texts(framework(office_docs.merged_table()))["5"])
    assert isinstance(table, Table)
    assert table.header == ("项目", "要求", "")
    assert table.rows == (("壳体", "1.5 倍", "无泄漏"), ("", "1.1 倍", "无渗漏"))


@needs_libreoffice
def test_a_docx_saved_by_libreoffice_is_read(tmp_path: Path) -> None:
    found = framework(office_docs.libreoffice_framework(tmp_path))
    assert outline(found) == [
        ("1", "范围", ""),
        ("4", "要求", ""),
        ("4.1", "材料", ""),
        ("4.2", "结构", ""),
    ]
    elements = parse(texts(found)["4.1"])
    assert [type(e) for e in elements] == [Paragraph, Table]
    assert elements[1] == Table(("材料", "硬度"), (("F316", "HB 200"),), "球体材料")
    assert parse(texts(found)["4.2"]) == [Note("注", "结构长度见 GB/T 12221。")]


def test_what_cannot_be_taken_is_listed_by_paragraph() -> None:
    doc = Document()
    doc.add_heading("4 要求", level=1)
    doc.add_heading("5.1 孤立的条", level=2)  # its parent 5 is nowhere
    doc.add_paragraph("这段不会被导入。")
    doc.add_heading("4 要求", level=1)  # repeated
    doc.add_heading("6 检验", level=1)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "只有"
    table.rows[0].cells[1].text = "一行"
    doc.add_heading("深一级", level=3)  # skips level 2 under chapter 6
    found = framework(office_docs.saved(doc))
    assert [c.number for c in found.clauses] == ["4", "6"]
    assert [(p.paragraph, p.reason) for p in found.problems] == [
        (2, "orphan"),
        (4, "repeated"),
        (5, "one_row_table"),
        (6, "level"),
    ]
    assert texts(found)["6"] == "只有　一行"
    assert framework(office_docs.saved(doc), existing={"5"}).clauses[1].number == "5.1"


def test_an_equation_object_is_listed() -> None:
    doc = Document()
    doc.add_heading("5 试验", level=1)
    paragraph = doc.add_paragraph()
    math = paragraph._p.makeelement(
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath", {}
    )
    paragraph._p.append(math)
    found = framework(office_docs.saved(doc))
    assert [(p.paragraph, p.reason) for p in found.problems] == [(2, "math")]


def test_a_draft_exported_to_word_reads_back_as_the_same_draft(tmp_path: Path) -> None:
    """The exports' own words (cover, 目次, the name above chapter 1, the fixed sentences of
    前言 and chapters 2 and 3, the 引言's patent statement, numbers of tables and terms) are
    skipped; every clause reads back with its title, designation and elements."""
    repo = write_standard(tmp_path / "draft.git")
    draft = load(repo, BRANCH)
    found = framework(draft_docx(draft))
    assert found.problems == ()
    assert outline(found) == [
        (s.clause.number, s.clause.title, s.clause.annex) for s in draft.document.sections
    ]
    for clause, section in zip(found.clauses, draft.document.sections, strict=True):
        read = parse(clause.text, role_of(clause.number))
        assert as_shown(read) == as_shown(shown_elements(section)), clause.number
    assert found.fixed >= 5


def as_shown(elements: Sequence[Element]) -> list[Element]:
    """Elements as a reader of the document sees them: a paragraph of several lines is that
    many paragraphs in Word (each line is one, so that a justified line is not stretched);
    numbers are the document's, not the text's."""
    out: list[Element] = []
    for element in elements:
        if isinstance(element, Paragraph):
            out += [Paragraph(line) for line in element.text.split("\n")]
        else:
            out.append(replace(element, number="") if hasattr(element, "number") else element)
    return out


def test_terms_and_formulas_read_back() -> None:
    doc = Document()
    doc.add_heading("3 术语和定义", level=1)
    doc.add_paragraph("下列术语和定义适用于本文件。")
    doc.add_paragraph("3.1")
    doc.add_paragraph("闸阀\u3000gate valve")
    doc.add_paragraph("启闭件为闸板的阀门。")
    doc.add_paragraph("注：闸板沿通道中心线垂直移动。")
    doc.add_paragraph("[来源：GB/T 21465—2008，3.1]")
    doc.add_heading("5 试验", level=1)
    doc.add_paragraph("\tp = 1.5 × PN\t（1）")
    doc.add_paragraph("式中：")
    doc.add_paragraph("p——试验压力，单位为兆帕（MPa）；")
    found = framework(office_docs.saved(doc))
    assert found.fixed == 1
    [term] = parse(texts(found)["3"])
    assert term == Term(
        "闸阀",
        "gate valve",
        "启闭件为闸板的阀门。",
        (Note("注", "闸板沿通道中心线垂直移动。"),),
        "GB/T 21465—2008，3.1",
    )
    [formula] = parse(texts(found)["5"])
    assert formula == Formula("p = 1.5 × PN", ("p——试验压力，单位为兆帕（MPa）；",))


# -- a filled comment form ---------------------------------------------------------------------
def test_a_sheet_is_read_under_its_header_with_excel_row_numbers() -> None:
    sheet = office_docs.comment_sheet(
        [(1, 4.1, "意见一", "理由一", "建议一", "朝达"), (2, 4.0, "意见二", None, None, None)]
    )
    assert read_form(Kind.XLSX, sheet) == [
        FormRow(3, "4.1", "意见一", "理由一", "建议一", "朝达"),
        FormRow(4, "4", "意见二", "", "", ""),
    ]


def test_header_names_are_matched_loosely() -> None:
    header = (
        "序 号",
        "标准章条编号",
        "意见内容",
        "理由或依据",
        "建议修改为",
        "提出单位",
        "处理意见",
    )
    rows = read_form(
        Kind.XLSX,
        office_docs.comment_sheet([(1, "A.1", "意见", "依据", "改为", "华理", "采纳")], header),
    )
    assert rows == [FormRow(3, "A.1", "意见", "依据", "改为", "华理")]
    docx = office_docs.comment_docx([("1", "第5条", "意见")], ("序号", "条款", "修改意见"))
    assert read_form(Kind.DOCX, docx) == [FormRow(2, "5", "意见", "", "", "")]


def test_a_form_without_the_columns_is_refused() -> None:
    with pytest.raises(NoColumns):
        read_form(Kind.XLSX, office_docs.comment_sheet([("x", "y")], ("编号", "说明")))
    with pytest.raises(NoColumns):
        read_form(Kind.DOCX, office_docs.plain_document())


def test_a_date_cell_and_an_untouched_drop_down_are_plain_values() -> None:
    sheet = office_docs.comment_sheet([(1, "（选择章条）", datetime(2026, 12, 1), "", "", "")])
    [row] = read_form(Kind.XLSX, sheet)
    assert row.clause == "" and row.comment == "2026-12-01"


@pytest.mark.parametrize(
    ("cell", "word"),
    [
        ("4.1", "4.1"),
        ("第4.1条", "4.1"),
        ("4.1 材料", "4.1"),
        ("4．2", "4．2"),
        ("附录A", "A"),
        ("附 录 B", "B"),
        ("A.1", "A.1"),
        ("前言", "前言"),
        ("全文", "全文"),
        ("（选择章条）", ""),
        ("", ""),
    ],
)
def test_the_clause_a_cell_names(cell: str, word: str) -> None:
    assert clause_word(cell) == word


def test_chinese_heading_style_names_and_outline_levels_are_headings() -> None:
    """WPS names its heading styles 标题 1…; a custom style is a heading by its outline level."""
    doc = Document()
    chinese = doc.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    custom = doc.styles.add_style("我的章标题", WD_STYLE_TYPE.PARAGRAPH)
    outline_level(custom.element.get_or_add_pPr(), 1)  # level 2
    doc.add_paragraph("4 要求", style=chinese)
    doc.add_paragraph("4.1 材料", style=custom)
    doc.add_paragraph("阀体材料应符合 GB/T 12229。")
    found = framework(office_docs.saved(doc))
    assert outline(found) == [("4", "要求", ""), ("4.1", "材料", "")]
    assert texts(found)["4.1"] == "阀体材料应符合 GB/T 12229。"


def test_a_headings_title_is_one_line_without_control_characters() -> None:
    """Titles go into the outline as `/framework`'s do: no bidi override, no line break."""
    doc = Document()
    doc.add_heading("4 要\u202e求", level=1)
    doc.add_heading("附录A（规范性）试验\n方法", level=1)
    assert outline(framework(office_docs.saved(doc))) == [
        ("4", "要求", ""),
        ("A", "试验 方法", "规范性"),
    ]
