"""The draft as a Word document (python-docx), walking the document model.

python-docx writes runs of text, never markup: member text stays text. Tables are real Word tables
with a header row repeated on every page; figures are inline pictures; formulas carry their
number at the right margin.
"""

from __future__ import annotations

import io

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from drafts import captions as cap
from drafts import elements as el
from drafts.document import Section
from drafts.export.front_matter import cover_lines, foreword
from drafts.export.model import Draft, lead_sentences, shown_elements
from drafts.export.packaging import HEADING_FONT, new_document, save
from drafts.export.text import WHERE
from drafts.numbering import BIBLIOGRAPHY, is_annex

TEXT_WIDTH = Mm(165)  # A4 less the 25 mm and 20 mm side margins
SMALL = Pt(9)  # 小五号: notes, examples, table notes
BODY = Pt(10.5)  # 五号


def draft_docx(draft: Draft) -> bytes:
    doc = new_document()
    doc.styles["Normal"].font.size = BODY  # type: ignore[attr-defined]
    for index, line in enumerate(cover_lines(draft)):
        if line:
            paragraph = doc.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if index == 2:
                paragraph.runs[0].font.size = Pt(26)
    _page_break(doc)
    doc.add_heading("目次", level=1)
    _toc_field(doc.add_paragraph())
    _page_break(doc)
    doc.add_heading("前言", level=1)
    for line in foreword(draft):
        _body(doc, line)
    writer = _Writer(doc, draft)
    for section in draft.sections:
        if section.number != "前言":
            writer.heading(section)
        for line in lead_sentences(section):
            _body(doc, line)
        for element in shown_elements(section):
            writer.element(element)
    return save(doc, draft.date)


class _Writer:
    def __init__(self, doc: DocxDocument, draft: Draft) -> None:
        self.doc = doc
        self.draft = draft

    def heading(self, section: Section) -> None:
        if is_annex(section.number):
            _page_break(self.doc)
            lines = [f"附　录　{section.number}", section.clause.title]
            if section.clause.annex:
                lines.insert(1, f"（{section.clause.annex}）")
            paragraph = self.doc.add_heading("", level=1)
            _lines(paragraph, "\n".join(lines))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            return
        if section.number == BIBLIOGRAPHY:  # on a page of its own, its title centred
            _page_break(self.doc)
            self.doc.add_heading(section.heading, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
            return
        self.doc.add_heading(section.heading, level=min(section.level, 9))

    def element(self, element: el.Element) -> None:
        doc = self.doc
        match element:
            case el.Paragraph(text=text):
                _body(doc, text)
            case el.ListBlock(items=items):
                for item in items:
                    paragraph = doc.add_paragraph()
                    paragraph.paragraph_format.left_indent = Pt(21 * item.level)
                    _lines(paragraph, f"{item.marker}{item.text}")
            case el.Note() | el.Example():
                _small(doc.add_paragraph(), cap.labelled(element))
            case el.Table():
                self.table(element)
            case el.Figure():
                self.figure(element)
            case el.Formula():
                self.formula(element)
            case el.Term():
                _caption(doc.add_paragraph(), element.number, WD_ALIGN_PARAGRAPH.LEFT)
                _caption(doc.add_paragraph(), cap.term_heading(element), WD_ALIGN_PARAGRAPH.LEFT)
                _body(doc, element.definition)
                for note in element.notes:
                    _small(doc.add_paragraph(), cap.labelled(note))
                if element.source:
                    _body(doc, cap.term_source(element))
            case el.Reference():
                _lines(doc.add_paragraph(), cap.reference_line(element))
            case el.BiblioEntry():
                _lines(doc.add_paragraph(), cap.biblio_line(element))
            case _:
                raise TypeError(element)

    def table(self, table: el.Table) -> None:
        _caption(self.doc.add_paragraph(), cap.table_caption(table), WD_ALIGN_PARAGRAPH.CENTER)
        width = table.width
        rows = [table.header, *table.rows]
        grid = self.doc.add_table(rows=len(rows) + (1 if table.notes else 0), cols=width)
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, values in zip(grid.rows, rows, strict=False):
            for cell, value in zip(
                row.cells, (*values, *[""] * (width - len(values))), strict=True
            ):
                _lines(cell.paragraphs[0], value)
        _repeat_header(grid)
        if table.notes:
            last = grid.rows[-1].cells
            merged = last[0].merge(last[-1]) if width > 1 else last[0]
            for index, note in enumerate(table.notes):
                paragraph = merged.paragraphs[0] if index == 0 else merged.add_paragraph()
                _small(paragraph, cap.labelled(note))

    def figure(self, figure: el.Figure) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture = self.draft.figures.get(figure.path)
        try:
            if picture is None:
                raise UnrecognizedImageError(figure.path)
            run = paragraph.add_run()
            shape = run.add_picture(io.BytesIO(picture))
            if shape.width > TEXT_WIDTH:  # scaled down to the text block, keeping its shape
                shape.height = Emu(shape.height * TEXT_WIDTH // shape.width)
                shape.width = TEXT_WIDTH
        except UnrecognizedImageError:
            paragraph.add_run("（图片缺失）")
        _caption(self.doc.add_paragraph(), cap.figure_caption(figure), WD_ALIGN_PARAGRAPH.CENTER)

    def formula(self, formula: el.Formula) -> None:
        paragraph = self.doc.add_paragraph()
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t")
        paragraph.add_run(formula.expression)
        paragraph.add_run("\t" + cap.formula_number(formula))
        if formula.where:
            _lines(self.doc.add_paragraph(), WHERE)
            for line in formula.where:
                paragraph = self.doc.add_paragraph()
                paragraph.paragraph_format.left_indent = Pt(42)
                _lines(paragraph, line)


def _body(doc: DocxDocument, text: str) -> None:
    """Body text, each typed line a justified paragraph with its first-line indent: a line break
    inside a justified paragraph would stretch the line before it across the page."""
    for line in text.split("\n"):
        paragraph = doc.add_paragraph(line)
        paragraph.paragraph_format.first_line_indent = Pt(21)  # two characters of 五号
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _lines(paragraph: DocxParagraph, text: str) -> None:
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break()  # a line break inside the paragraph
        paragraph.add_run(line)  # python-docx writes text, never markup


def _small(paragraph: DocxParagraph, text: str) -> None:
    _lines(paragraph, text)
    for run in paragraph.runs:
        run.font.size = SMALL


def _caption(paragraph: DocxParagraph, text: str, alignment: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = alignment
    run = paragraph.add_run(text)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT)


def _repeat_header(table: DocxTable) -> None:
    """The header row repeats at the top of every page the table runs over."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _toc_field(paragraph: DocxParagraph) -> None:
    """A table of contents that Word fills in when the document is opened (or F9)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-3" \\h \\z \\u')
    paragraph._p.append(field)
