"""The few pieces of WordprocessingML that python-docx has no call for: fields, bookmarks,
paragraph borders, page-number formats, character spacing."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as DocxSection
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafts.export.scripts import Place, script_runs


def field(paragraph: Paragraph, instruction: str, result: str) -> Run:
    """A field (`PAGE`, `PAGEREF x \\h`) with its result as the file carries it until a word
    processor computes it again; the result's run is returned for formatting."""
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    _field_char(paragraph, "separate")
    shown = paragraph.add_run(result)
    _field_char(paragraph, "end")
    return shown


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def add_lines(paragraph: Paragraph, text: str) -> None:
    """Text whose line breaks stay line breaks inside the paragraph; python-docx writes runs of
    text, never markup."""
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def add_scripted(paragraph: Paragraph, text: str) -> None:
    """A formula's text, its sub- and superscripts as Word's (runs set lower or higher)."""
    for run_text, place in script_runs(text):
        run = paragraph.add_run(run_text)
        if place is Place.SUB:
            run.font.subscript = True
        elif place is Place.SUP:
            run.font.superscript = True


def repeat_header_row(table: Table) -> None:
    """The table's first row repeats at the top of every page the table runs over."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the whole paragraph, the target of a PAGEREF field."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(end)


def border(paragraph: Paragraph, side: str = "bottom", size: int = 6) -> None:
    """A rule along one side of the paragraph (size in eighths of a point)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_AFTER_BORDERS)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def page_numbers(section: DocxSection, fmt: str, start: int = 1) -> None:
    """How the section numbers its pages (`upperRoman`, `decimal`), restarting at `start`."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:fmt"), fmt)
    numbering.set(qn("w:start"), str(start))
    sect_pr.insert_element_before(numbering, *_AFTER_PAGE_NUMBERS)


def outline_level(paragraph_properties: BaseOxmlElement, level: int) -> None:
    """The level a paragraph style has in the navigation pane and a TOC field (0 = top)."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    paragraph_properties.insert_element_before(element, *_AFTER_OUTLINE_LEVEL)


def update_fields_on_open(settings: BaseOxmlElement) -> None:
    """Ask Word to compute the fields (the 目次's page numbers) when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.insert_element_before(update, *_AFTER_UPDATE_FIELDS)


# Word refuses a file whose elements are out of the schema's order: each new element goes
# before the first of those the schema puts after it.
_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", *_AFTER_OUTLINE_LEVEL,
)  # fmt: skip
_AFTER_PAGE_NUMBERS = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def dropdown(paragraph: Paragraph, items: list[str], prompt: str) -> None:
    """A content control showing `prompt` whose drop-down list offers `items` (Word's 下拉列表
    内容控件): the filled-in value is what the cell then holds."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    choices = OxmlElement("w:dropDownList")
    for item in [prompt, *items]:
        entry = OxmlElement("w:listItem")
        entry.set(qn("w:displayText"), item)
        entry.set(qn("w:value"), item)
        choices.append(entry)
    properties.append(choices)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = prompt
    run.append(text)
    content.append(run)
    sdt.append(properties)
    sdt.append(content)
    paragraph._p.append(sdt)
