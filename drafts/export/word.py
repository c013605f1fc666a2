"""The draft as a Word document (python-docx) in the form of a group standard: the cover, the
目次 and the front matter numbered in Roman, the body from Arabic 1, the standard's number in
every header (docs/standard-form.md). The body walks the document model; each element gets its
style (word_styles.py).

python-docx writes runs of text, never markup: member text stays text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from itertools import count

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Emu
from docx.text.paragraph import Paragraph as DocxParagraph

from drafts import captions as cap
from drafts import elements as el
from drafts.document import Section
from drafts.export.contents import body_sections, entries, heading_lines
from drafts.export.fixed_wording import WHERE
from drafts.export.front_matter import FrontPart, cover, front_parts, title_lines
from drafts.export.model import Draft, lead_sentences, shown_elements
from drafts.export.ooxml import (
    add_lines,
    add_scripted,
    bookmark,
    border,
    page_numbers,
    repeat_header_row,
    update_fields_on_open,
)
from drafts.export.packaging import new_document, save
from drafts.export.pagination import body_pages, front_pages, section_lines, text_lines
from drafts.export.word_front import (
    bookmark_name,
    write_contents,
    write_cover,
    write_cover_foot,
    write_running_heads,
)
from drafts.export.word_styles import (
    ANNEX,
    BODY,
    CAPTION,
    CELL,
    END_LINE,
    FRONT_TITLE,
    HEADINGS,
    INDENT,
    ITEM,
    NAME,
    NOTE,
    REFERENCE,
    STYLES,
    TABLE,
    TERM_NUMBER,
    TEXT_WIDTH,
    add_styles,
)
from drafts.numbering import BIBLIOGRAPHY, is_annex


def draft_docx(draft: Draft, stage_line: str | None = None) -> bytes:
    """The standard; `stage_line` stands for the cover's `（征求意见稿）` (a redline's 修订稿)."""
    doc = new_document()
    add_styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    update_fields_on_open(doc.settings.element)
    facts = cover(draft)
    if stage_line is not None:
        facts = replace(facts, stage=stage_line)
    parts = front_parts(draft)
    listed = entries(parts, draft.sections)
    sections = body_sections(draft.sections)
    write_cover(doc, facts)
    doc.add_section(WD_SECTION.NEW_PAGE)
    new_pages = {s.clause.id for s in sections if is_annex(s.number) or s.number == BIBLIOGRAPHY}
    write_contents(
        doc,
        listed,
        front_pages(listed, {part.key: _part_lines(part) for part in parts})
        | body_pages(sections, new_pages),
    )
    writer = _Writer(doc, draft, {entry.key for entry in listed})
    for part in parts:
        writer.front_part(part)
    doc.add_section(WD_SECTION.NEW_PAGE)
    for line in title_lines(draft.meta.title):
        writer.add(NAME, line)
    for section in sections:
        writer.section(section)
    border(writer.add(END_LINE), "bottom", 6)
    cover_section, front, body = doc.sections
    write_cover_foot(cover_section, facts)
    write_running_heads(front, facts.number)
    page_numbers(front, "upperRoman")
    page_numbers(body, "decimal")
    return save(doc, draft.date)


def write_elements(doc: DocxDocument, draft: Draft, elements: Iterable[el.Element]) -> None:
    """Member text in another document of the package (the 编制说明), in the standard's styles."""
    writer = _Writer(doc, draft, set())
    for element in elements:
        writer.element(element)


def _part_lines(part: FrontPart) -> int:
    texts = [*part.lead, *part.tail]
    return (
        4 + sum(text_lines(t) for t in texts) + (section_lines(part.section) if part.section else 0)
    )


class _Writer:
    def __init__(self, doc: DocxDocument, draft: Draft, listed: set[str]) -> None:
        self.doc = doc
        self.draft = draft
        self.listed = listed  # what the 目次 points to, by key: those headings get a bookmark
        self.bookmarks = count(1)
        # python-docx finds a style by name with a search of every style, each time: a
        # 1,000-clause draft spent most of its time there. The ids are looked up once.
        self.style_ids = {name: doc.styles[name].style_id for name in (*STYLES, TABLE)}

    def add(self, style: str, text: str = "") -> DocxParagraph:
        paragraph = self.doc.add_paragraph(text)
        self.restyle(paragraph, style)
        return paragraph

    def restyle(self, paragraph: DocxParagraph, style: str) -> None:
        paragraph._p.style = self.style_ids[style]

    def body(self, text: str) -> None:
        """Body text, each typed line a justified paragraph with its first-line indent: a line
        break inside a justified paragraph would stretch the line before it across the page."""
        for line in text.split("\n"):
            self.add(BODY, line)

    def front_part(self, part: FrontPart) -> None:
        self._mark(self.add(FRONT_TITLE, part.title), part.key)
        for line in part.lead:
            self.body(line)
        if part.section:
            for element in part.section.elements:
                self.element(element)
        for line in part.tail:
            self.body(line)

    def section(self, section: Section) -> None:
        if is_annex(section.number):
            style = ANNEX
        elif section.number == BIBLIOGRAPHY:
            style = FRONT_TITLE
        else:
            style = HEADINGS[min(section.level, len(HEADINGS)) - 1]
        heading = self.add(style)
        add_lines(heading, "\n".join(heading_lines(section)))
        self._mark(heading, section.clause.id)
        for line in lead_sentences(section):
            self.body(line)
        for element in shown_elements(section):
            self.element(element)

    def _mark(self, paragraph: DocxParagraph, key: str) -> None:
        if key in self.listed:
            bookmark(paragraph, bookmark_name(key), next(self.bookmarks))

    def element(self, element: el.Element) -> None:
        match element:
            case el.Paragraph(text=text):
                self.body(text)
            case el.ListBlock(items=items):
                for item in items:
                    paragraph = self.add(ITEM)
                    if item.level > 1:
                        paragraph.paragraph_format.left_indent = INDENT * item.level
                    add_lines(paragraph, f"{item.marker}{item.text}")
            case el.Note() | el.Example():
                add_lines(self.add(NOTE), cap.labelled(element))
            case el.Table():
                self.table(element)
            case el.Figure():
                self.figure(element)
            case el.Formula():
                self.formula(element)
            case el.Term():
                self.add(TERM_NUMBER, element.number)
                add_lines(self.add(TERM_NUMBER), cap.term_heading(element))
                self.body(element.definition)
                for note in element.notes:
                    add_lines(self.add(NOTE), cap.labelled(note))
                if element.source:
                    self.body(cap.term_source(element))
            case el.Reference():
                add_lines(self.add(REFERENCE), cap.reference_line(element))
            case el.BiblioEntry():
                add_lines(self.add(REFERENCE), cap.biblio_line(element))
            case _:
                raise TypeError(element)

    def table(self, table: el.Table) -> None:
        add_lines(self.add(CAPTION), cap.table_caption(table))
        width = table.width
        rows = [table.header, *table.rows]
        grid = self.doc.add_table(rows=len(rows) + (1 if table.notes else 0), cols=width)
        grid._tbl.tblPr.style = self.style_ids[TABLE]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, values in zip(grid.rows, rows, strict=False):
            for cell, value in zip(
                row.cells, (*values, *[""] * (width - len(values))), strict=True
            ):
                self.restyle(cell.paragraphs[0], CELL)
                add_lines(cell.paragraphs[0], value)
        repeat_header_row(grid)
        if table.notes:
            last = grid.rows[-1].cells
            merged = last[0].merge(last[-1]) if width > 1 else last[0]
            for index, note in enumerate(table.notes):
                paragraph = merged.paragraphs[0] if index == 0 else merged.add_paragraph()
                self.restyle(paragraph, CELL)
                add_lines(paragraph, cap.labelled(note))

    def figure(self, figure: el.Figure) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
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
        caption = self.add(CAPTION)
        caption.paragraph_format.keep_with_next = False
        add_lines(caption, cap.figure_caption(figure))

    def formula(self, formula: el.Formula) -> None:
        paragraph = self.doc.add_paragraph()
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t")
        add_scripted(paragraph, formula.expression)
        paragraph.add_run("\t" + cap.formula_number(formula))
        if formula.where:
            add_lines(self.add(BODY), WHERE)
            for line in formula.where:
                paragraph = self.add(ITEM)
                paragraph.paragraph_format.left_indent = INDENT * 2
                add_scripted(paragraph, line)
