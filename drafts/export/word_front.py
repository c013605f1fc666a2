"""The Word pages before the body: the cover (its foot in the cover's own footer, so that it sits
at the bottom of the page), the 目次, and the headers and footers of every section."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from drafts.export.contents import Entry
from drafts.export.front_matter import Cover
from drafts.export.ooxml import border, field
from drafts.export.packaging import HEADING_FONT, LATIN_FONT
from drafts.export.word_styles import FRONT_TITLE, TEXT_WIDTH, TOC
from drafts.numbering import roman

TOC_TITLE = "目\u3000\u3000次"


def write_cover(doc: DocxDocument, facts: Cover) -> None:
    # ICS on the line of the large group code (a tab away), CCS under it: paragraphs, not a
    # table, so that the document's tables are the standard's own.
    codes = doc.add_paragraph()
    codes.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _run(codes, facts.ics + "\t", Pt(10.5), heading=True)
    _run(codes, facts.group_code, Pt(36), heading=True, bold=True)
    _run(doc.add_paragraph(), facts.ccs, Pt(10.5), heading=True)
    kind = _centred(doc, "团 体 标 准", Pt(40), before=Pt(48))
    kind.paragraph_format.space_after = Pt(18)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(number, facts.number, Pt(14), heading=True)
    if facts.replaces:
        replaced = doc.add_paragraph()
        replaced.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(replaced, facts.replaces, Pt(10.5), heading=True)
    border(number if not facts.replaces else replaced, "bottom", 12)
    for index, line in enumerate(facts.title_lines):
        _centred(doc, line, Pt(26), before=Pt(120) if index == 0 else Pt(6))
    if facts.english_title:
        english = _centred(doc, facts.english_title, Pt(14), before=Pt(18), heading=False)
        for run in english.runs:
            run.font.name = LATIN_FONT
    if facts.stage:
        _centred(doc, facts.stage, Pt(14), before=Pt(48))
        _centred(doc, facts.made_on, Pt(10.5), before=Pt(6), heading=False)
    if facts.patent_call:
        _centred(doc, facts.patent_call, Pt(10.5), before=Pt(30), heading=False)


def write_cover_foot(section: DocxSection, facts: Cover) -> None:
    """`发布` left, `实施` right, a full-width rule, the issuing body: at the foot of the cover."""
    footer = section.footer
    footer.is_linked_to_previous = False
    dates = footer.paragraphs[0]
    dates.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _run(dates, f"{facts.published}\t{facts.effective}", Pt(14), heading=True)
    border(dates, "bottom", 12)
    issuer = footer.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer.paragraph_format.space_before = Pt(6)
    _run(issuer, facts.issuer, Pt(16), heading=True)


def write_contents(doc: DocxDocument, listed: list[Entry], pages: dict[str, int]) -> None:
    """The 目次 written out: each entry its text, a dotted tab and its page — a PAGEREF field
    for the body (computed by the word processor), the Roman number for the front matter."""
    title = doc.add_paragraph(TOC_TITLE, style=FRONT_TITLE)
    title.paragraph_format.page_break_before = False  # the section already starts the page
    for entry in listed:
        line = doc.add_paragraph(style=TOC)
        line.add_run(f"{entry.label}\t")
        page = pages.get(entry.key, 1)
        if entry.front:
            line.add_run(roman(page))
        else:
            field(line, f"PAGEREF {bookmark_name(entry.key)} \\h", str(page))


def bookmark_name(key: str) -> str:
    return f"_Toc_{key}"


def write_running_heads(section: DocxSection, number: str) -> None:
    """The standard's number in the header, the page number in the footer, both at the outer
    edge: right on odd pages, left on even ones."""
    pairs = (
        (section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    )
    for header, footer, edge in pairs:
        header.is_linked_to_previous = False
        footer.is_linked_to_previous = False
        head = header.paragraphs[0]
        head.alignment = edge
        _run(head, number, Pt(10.5), heading=True)
        foot = footer.paragraphs[0]
        foot.alignment = edge
        field(foot, "PAGE", "1")


def _centred(
    doc: DocxDocument, text: str, size: Pt, *, before: Pt, heading: bool = True
) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = before
    _run(paragraph, text, size, heading=heading)
    return paragraph


def _run(paragraph: Paragraph, text: str, size: Pt, *, heading: bool, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    if heading:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT)
