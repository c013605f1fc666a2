"""The clause grammar and the document model: each element at its edges, numbering across
chapters and annexes, and — by property tests — that no writer shows anything but what was typed
and no writer emits an element the grammar did not produce. Pure (no bot, no repository)."""

from __future__ import annotations

import html.parser
import io
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, datetime

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.checks import check
from drafts.document import build, reference_key
from drafts.elements import (
    BiblioEntry,
    Example,
    Figure,
    Formula,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Reference,
    Role,
    Table,
    Term,
    clean_text,
    parse,
    ragged_rows,
    texts_of,
    written,
)
from drafts.export.html_page import draft_html
from drafts.export.markdown_source import md_text
from drafts.export.model import Draft
from drafts.export.word import draft_docx
from drafts.meta import Clause, Meta


def test_paragraphs_keep_their_line_breaks_and_today_s_files_read_unchanged() -> None:
    text = "第一段第一行。\n第一段第二行。\n\n第二段。\n"
    assert parse(text) == [Paragraph("第一段第一行。\n第一段第二行。"), Paragraph("第二段。")]


def test_a_table_pasted_from_excel_with_title_and_notes() -> None:
    text = "表：材料力学性能\n材料\t抗拉强度/MPa\t屈服强度/MPa\nWCB\t485\t250\nWC6\t485\t275\n注：数值为最小值。\n注2：按 GB/T 228.1 测定。"
    [table] = parse(text)
    assert table == Table(
        ("材料", "抗拉强度/MPa", "屈服强度/MPa"),
        (("WCB", "485", "250"), ("WC6", "485", "275")),
        "材料力学性能",
        (Note("注", "数值为最小值。"), Note("注2", "按 GB/T 228.1 测定。")),
    )
    assert table.span == (0, 5)


def test_a_table_between_bars_skips_the_markdown_rule_under_its_header() -> None:
    [table] = parse("| 公称尺寸 | 壁厚 |\n|---|:---:|\n| DN50 | 8 |")
    assert (table.header, table.rows) == (("公称尺寸", "壁厚"), (("DN50", "8"),))


def test_one_line_with_a_tab_or_a_bar_is_text_not_a_table() -> None:
    assert parse("a\tb") == [Paragraph("a\tb")]
    assert parse("| 只有一行 |") == [Paragraph("| 只有一行 |")]
    assert parse("表：没有表格的标题") == [Paragraph("表：没有表格的标题")]


def test_ragged_rows_are_found_by_line_number() -> None:
    assert ragged_rows("说明\n\na\tb\tc\n1\t2\n3\t4\t5\n6\t7\t8\t9") == [4, 6]
    assert ragged_rows("| a | b |\n|---|---|\n| 1 | 2 |") == []


def test_lists_notes_examples() -> None:
    text = "阀门应符合下列要求：\n——壳体试验；\n——密封试验：\n1) 高压；\n2）低压。\na) 另一种列项\n注：说明。\n注1：第一条。\n示例：DN50。\n示例2：DN80。"
    assert parse(text) == [
        Paragraph("阀门应符合下列要求："),
        ListBlock(
            (
                ListItem("——", 1, "壳体试验；"),
                ListItem("——", 1, "密封试验："),
                ListItem("1)", 2, "高压；"),
                ListItem("2）", 2, "低压。"),
                ListItem("a)", 1, "另一种列项"),
            )
        ),
        Note("注", "说明。"),
        Note("注1", "第一条。"),
        Example("示例", "DN50。"),
        Example("示例2", "DN80。"),
    ]


def test_formula_with_its_where_lines() -> None:
    text = "公式：F = p × A\n式中：\nF——载荷，单位为牛（N）；\nA——面积，单位为平方毫米（mm²）。\n后文。"
    assert parse(text) == [
        Formula("F = p × A", ("F——载荷，单位为牛（N）；", "A——面积，单位为平方毫米（mm²）。")),
        Paragraph("后文。"),
    ]
    assert parse("公式：E = mc²\n式中：E——能量；") == [Formula("E = mc²", ("E——能量；",))]


def test_figure_lines_name_only_files_under_figures() -> None:
    assert parse("图：结构示意图 [figures/f0003.png]") == [
        Figure("结构示意图", "figures/f0003.png")
    ]
    for text in ("图：x [../meta/project.json]", "图：x [figures/a.svg]", "图：x [http://e/x.png]"):
        assert parse(text) == [Paragraph(text)]


def test_term_entry() -> None:
    text = "术语：闸阀 | gate valve\n启闭件（闸板）由阀杆带动，沿阀座密封面作直线升降运动的阀门。\n注：也称闸门阀。\n来源：GB/T 21465—2008，3.1.1"
    assert parse(text) == [
        Term(
            "闸阀",
            "gate valve",
            "启闭件（闸板）由阀杆带动，沿阀座密封面作直线升降运动的阀门。",
            (Note("注", "也称闸门阀。"),),
            "GB/T 21465—2008，3.1.1",
        )
    ]


def test_references_only_in_chapter_2_and_bibliography_entries_only_in_参考文献() -> None:
    text = "GB/T 12229—2005　通用阀门　碳素钢铸件技术条件\nISO 5208:2015 工业阀门　压力试验"
    assert parse(text, Role.REFERENCES) == [
        Reference("GB/T 12229—2005", "通用阀门　碳素钢铸件技术条件"),
        Reference("ISO 5208:2015", "工业阀门　压力试验"),
    ]
    assert parse(text) == [Paragraph(text)]
    assert parse("GB/T 1047 管道元件\n《阀门设计手册》", Role.BIBLIOGRAPHY) == [
        BiblioEntry("GB/T 1047 管道元件"),
        BiblioEntry("《阀门设计手册》"),
    ]


def test_references_sort_in_the_gbt_1_1_order() -> None:
    documents = [
        "ISO 5208", "JB/T 450", "GB/T 12229", "T/CVA 003", "GB 150", "IEC 60534",
        "GB/T 9124", "ISO/IEC 17025", "ASME B16.34", "GB/Z 1", "DB31 5", "EN 12516",
    ]  # fmt: skip
    assert sorted(documents, key=reference_key) == [
        "GB 150", "GB/T 9124", "GB/T 12229", "GB/Z 1", "JB/T 450", "DB31 5", "T/CVA 003",
        "ISO 5208", "ISO/IEC 17025", "IEC 60534", "ASME B16.34", "EN 12516",
    ]  # fmt: skip


def test_control_and_bidi_characters_are_taken_out() -> None:
    assert clean_text("a\u202eb\x00c\x1bd\u2066e\ufffef\r\ng\th") == "abcdef\ng\th"


def test_every_code_point_is_kept_or_taken_out_by_its_category() -> None:
    bidi = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
    marks = {0x200E, 0x200F, 0x061C}  # left-to-right, right-to-left and Arabic letter marks
    for point in range(0x110000):
        char = chr(point)
        if char == "\r":
            continue  # a line break of its own kind: becomes "\n"
        hidden = (
            unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n"
        ) or point in bidi | marks | {0xFFFE, 0xFFFF}
        assert clean_text(f"a{char}b") == ("ab" if hidden else f"a{char}b"), hex(point)


def _meta(*clauses: Clause) -> Meta:
    return Meta(code="T/X 1—2027", title="标题", stage="working", clauses=clauses)


TABLE = "表：t\na\tb\n1\t2"
FIGURE = "图：f [figures/f0001.png]"
FORMULA = "公式：x = y"


def test_numbering_across_chapters_and_annexes() -> None:
    meta = _meta(
        Clause("c1", "3", "术语和定义"),
        Clause("c2", "4", "要求"),
        Clause("c3", "4.1", "材料"),
        Clause("c4", "5", "试验"),
        Clause("c5", "A", "试验方法", annex="规范性"),
        Clause("c6", "A.1", "装置"),
        Clause("c7", "B", "资料", annex="资料性"),
        Clause("c8", "参考文献", "参考文献"),
    )
    texts = {
        "c1": "术语：甲 | a\n定义甲。\n\n术语：乙 | b\n定义乙。",
        "c2": f"{TABLE}\n\n{FORMULA}",
        "c3": f"{FIGURE}\n\n{TABLE}",
        "c4": f"{FORMULA}\n\n{TABLE}\n\n{FIGURE}",
        "c5": f"{TABLE}\n\n{FORMULA}",
        "c6": f"{TABLE}\n\n{FIGURE}\n\n{FORMULA}",
        "c7": TABLE,
        "c8": "甲\n乙",
    }
    document = build(meta, texts)
    assert [t.number for t in document.tables()] == ["1", "2", "3", "A.1", "A.2", "B.1"]
    assert [f.number for f in document.figures()] == ["1", "2", "A.1"]
    formulas = [e.number for _, e in document.elements() if isinstance(e, Formula)]
    assert formulas == ["1", "2", "A.1", "A.2"]
    assert [t.number for t in document.terms()] == ["3.1", "3.2"]
    assert [e.number for _, e in document.elements() if isinstance(e, BiblioEntry)] == ["1", "2"]
    # Accepting a table into an earlier clause, or moving a clause, renumbers: nothing is typed.
    texts["c3"] = f"{TABLE}\n\n{texts['c3']}"
    assert [t.number for t in build(meta, texts).tables()] == [
        "1",
        "2",
        "3",
        "4",
        "A.1",
        "A.2",
        "B.1",
    ]
    moved = replace(meta, clauses=(meta.clauses[0], meta.clauses[1], meta.clauses[3]))
    assert [t.number for t in build(moved, texts).tables()] == ["1", "2"]


def test_check_finds_exactly_the_seeded_faults() -> None:
    meta = _meta(
        Clause("c1", "1", "范围"),
        Clause("c2", "2", "规范性引用文件"),
        Clause("c3", "3", "术语和定义"),
        Clause("c4", "4", "要求"),
        Clause("c5", "4.1", "材料"),
        Clause("c6", "4.2", "结构"),
        Clause("c7", "5", "试验"),
        Clause("c8", "A", "试验方法", annex="规范性"),
        Clause("c9", "B", "选型"),
    )
    texts = {
        "c1": "本文件规定了闸阀的要求。",
        "c2": "GB/T 12229 通用阀门\nGB/T 9124 钢制管法兰",
        "c3": "术语：闸阀 | gate valve\n定义。\n\n术语：闸板 | wedge\n定义。",
        "c5": "材料应符合 GB/T 12229—2005 和 JB/T 450 的规定，见表1。\n\n" + TABLE + "\n\n" + TABLE,
        "c7": "试验方法见附录A。\n\n" + FIGURE,
        "c8": "装置。",
        "c9": "见附录B。",
    }
    found = {(f.kind, f.clause, f.detail) for f in check(build(meta, texts))}
    assert found == {
        ("check.empty", "4.2", ""),  # 4 has sub-clauses: not empty
        ("check.citation_unlisted", "4.1", "JB/T 450"),
        ("check.reference_uncited", "2", "GB/T 9124"),  # the dated citation counts for 12229
        ("check.unreferenced", "4.1", "表2"),
        ("check.unreferenced", "5", "图1"),
        ("check.term_unused", "3", "闸板"),  # 闸阀 is used in chapter 1
        ("check.annex_designation", "B", ""),
    }
    empty = {(f.kind, f.clause) for f in check(build(meta, {}))}
    assert {("check.no_references", "2"), ("check.no_terms", "3")} <= empty


# -- every writer shows what was typed, and nothing else ------------------------------------------
MARKERS = ["——", "a)", "1)", "注：", "注1：", "示例：", "表：", "公式：", "式中：", "图：", "术语：",
           "来源：", "\t", "|", "|---|", "GB/T 1 "]  # fmt: skip
HOSTILE = ["<script>", "</p>", "<img src=x>", "<a href='javascript:x'>", "&amp;", "&#60;", "# ",
           "===", "---", "[x][r]", "\n[r]: javascript:alert(1)", "![i](x.png)", "*", "_", "`",
           "\\", "~~", "<!--", "]]>", '"', "'", "\u202e", "\u2067", "\x00", "\x1b", "\x7f",
           "\u200f", "\r", "\ufffe"]  # fmt: skip
member_text = st.lists(
    st.one_of(
        st.sampled_from(MARKERS + HOSTILE + ["\n", "\n\n", " "]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    ),
    max_size=30,
).map("".join)


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [name for name, _ in attrs]
        self.in_body = self.in_body or tag == "main"

    def handle_data(self, data: str) -> None:
        if self.in_body:
            self.text.append(data)


GRAMMAR_TAGS = {"html", "head", "meta", "title", "style", "body", "section", "nav", "h1", "h2",
                "h3", "ul", "ol", "li", "a", "main", "p", "br", "table", "caption", "thead", "tbody",
                "tfoot", "tr", "th", "td", "figure", "figcaption", "div", "span"}  # fmt: skip


def _draft(text: str) -> Draft:
    meta = _meta(Clause("c1", "4", "要求"))
    document = build(meta, {"c1": clean_text(text)})
    return Draft(meta, "x", datetime(2027, 1, 1, tzinfo=UTC), document, {}, [], [], [])


@settings(max_examples=150, deadline=None)
@given(member_text)
def test_no_writer_emits_markup_from_member_text(text: str) -> None:
    draft = _draft(text)
    elements = list(draft.sections[0].elements)
    typed = [piece for element in elements for piece in texts_of(element) if piece]
    page = _Collector()
    page.feed(draft_html(draft).decode("utf-8"))
    assert page.tags <= GRAMMAR_TAGS  # no <script>, <img>, <h1> … from member text
    assert set(page.attributes) <= {"lang", "charset", "class", "id", "href", "colspan"}
    shown = "".join(page.text)
    for piece in typed:  # every piece of member text is shown as text, exactly
        for line in piece.split("\n"):
            assert line in shown
    document = docx.Document(io.BytesIO(draft_docx(draft)))
    words = "\n".join(p.text for p in document.paragraphs)
    words += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for piece in typed:
        for line in piece.split("\n"):
            assert line in words
    xml = zipfile.ZipFile(io.BytesIO(draft_docx(draft))).read("word/document.xml").decode()
    assert "<script" not in xml


@settings(max_examples=200, deadline=None)
@given(member_text)
def test_markdown_escapes_change_nothing_a_reader_sees(text: str) -> None:
    """Taking the escaping backslashes out gives back exactly what was typed."""
    for line in clean_text(text).split("\n"):
        escaped = md_text(line)
        assert _unescape(escaped) == line
        assert not escaped.startswith(("#", ">", "=", "|")) and "](" not in escaped.replace(
            "\\]", ""
        )


def _unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        if (
            text[index] == "\\"
            and index + 1 < len(text)
            and not text[index + 1].isalnum()
            and text[index + 1].isascii()
            and not text[index + 1].isspace()
        ):
            out.append(text[index + 1])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


@settings(max_examples=400)
@given(member_text, st.sampled_from(list(Role)))
def test_the_stored_form_written_from_the_model_reads_back_as_the_same_model(
    text: str, role: Role
) -> None:
    """The Word reader builds the model and stores it with `written`: whatever the grammar
    reads, written out, reads again as the same elements."""
    elements = parse(text, role)
    assert parse(written(elements), role) == elements
