"""The paragraph styles of a standard in Word, after the type table of GB/T 1.1 practice: body
text 宋体 五号 with a two-character indent, headings 黑体 五号 in black with outline levels, the
前言/目次 titles 黑体 三号, notes and table text 小五号. Writers name a style; they do not format."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from drafts.export.ooxml import outline_level
from drafts.export.packaging import EAST_ASIAN_FONT, HEADING_FONT, LATIN_FONT

TEXT_WIDTH = Mm(165)  # A4 less the 25 mm and 20 mm side margins
BODY_SIZE = Pt(10.5)  # 五号
SMALL_SIZE = Pt(9)  # 小五号
TITLE_SIZE = Pt(16)  # 三号
INDENT = Pt(21)  # two characters of 五号

BODY = "标准文件_正文"
FRONT_TITLE = "标准文件_前言、引言标题"
NAME = "标准文件_标准名称"
ANNEX = "标准文件_附录标识"
CAPTION = "标准文件_图表标题"
NOTE = "标准文件_注"
CELL = "标准文件_表格"
TERM_NUMBER = "标准文件_术语条目"
ITEM = "标准文件_列项"
REFERENCE = "标准文件_文件列表"
END_LINE = "标准文件_终结线"
TOC = "toc 1"  # Word's own name: its TOC field and its style gallery use it
HEADINGS = tuple(f"Heading {n}" for n in range(1, 6))  # 章, 条 to the fifth level
TABLE = "Table Grid"
STYLES = (BODY, FRONT_TITLE, NAME, ANNEX, CAPTION, NOTE, CELL, TERM_NUMBER, ITEM, REFERENCE,
          END_LINE, TOC, *HEADINGS)  # fmt: skip


def add_styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _style(doc, BODY, first_line=INDENT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, ITEM, align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=INDENT)
    _style(doc, REFERENCE, left=INDENT)
    _style(doc, NOTE, size=SMALL_SIZE, first_line=INDENT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, CELL, size=SMALL_SIZE)
    _style(doc, CAPTION, heading=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(6), after=Pt(6))
    _style(doc, TERM_NUMBER, heading=True, before=Pt(6))
    _style(doc, NAME, heading=True, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
           before=Pt(12), after=Pt(30))  # fmt: skip
    front = _style(doc, FRONT_TITLE, heading=True, size=TITLE_SIZE,
                   align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(24), after=Pt(24))  # fmt: skip
    front.paragraph_format.page_break_before = True
    outline_level(front.element.get_or_add_pPr(), 0)
    annex = _style(doc, ANNEX, heading=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(18))
    annex.paragraph_format.page_break_before = True
    outline_level(annex.element.get_or_add_pPr(), 0)
    end = _style(doc, END_LINE, before=Pt(18), left=(TEXT_WIDTH * 3) // 8)
    end.paragraph_format.right_indent = (TEXT_WIDTH * 3) // 8
    toc = _style(doc, TOC)
    toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT,
                                                WD_TAB_LEADER.DOTS)  # fmt: skip
    toc.paragraph_format.space_after = Pt(4)
    for level, name in enumerate(HEADINGS):
        heading = doc.styles[name]
        assert isinstance(heading, ParagraphStyle)
        _fonts(heading, HEADING_FONT)
        font = heading.font
        font.size, font.bold, font.italic = BODY_SIZE, False, False
        font.color.rgb = RGBColor(0, 0, 0)
        spacing = heading.paragraph_format
        spacing.space_before = Pt(12 if level == 0 else 6)
        spacing.space_after = Pt(6)
        spacing.keep_with_next = True
    for name in ("Header", "Footer"):
        style = doc.styles[name]
        assert isinstance(style, ParagraphStyle)
        style.font.size = BODY_SIZE
        style.paragraph_format.tab_stops.clear_all()  # Letter-page stops would misplace ours


def _style(
    doc: DocxDocument,
    name: str,
    *,
    heading: bool = False,
    size: Pt = BODY_SIZE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line: Pt | None = None,
    left: int | None = None,
    before: Pt | None = None,
    after: Pt | None = None,
) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = size
    style.font.name = LATIN_FONT
    _fonts(style, HEADING_FONT if heading else EAST_ASIAN_FONT)
    layout = style.paragraph_format
    layout.alignment = align
    layout.first_line_indent = first_line
    layout.left_indent = left
    layout.space_before = before
    layout.space_after = after
    if heading:
        layout.keep_with_next = True
    return style


def _fonts(style: ParagraphStyle, east_asian: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
