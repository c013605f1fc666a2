"""Files stamped with the draft's date, so that a tag exports to the same bytes whenever: zip
archives, and Word documents (which are zip archives) with fixed core properties."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

File = tuple[str, bytes]
EAST_ASIAN_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def new_document() -> DocxDocument:
    """A Word document on A4 with the margins of a standard's text pages, Chinese fonts, black
    headings and Chinese as the language of the text."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    for lang in doc.styles.element.findall(f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang.set(qn("w:val"), "zh-CN")  # the template's default is en-US
        lang.set(qn("w:eastAsia"), "zh-CN")
    for style in doc.styles:
        if style.type != 1 or style.name not in _STYLED:  # paragraph styles we use
            continue
        heading = style.name.startswith("Heading") or style.name == "Title"
        font = style.font  # type: ignore[attr-defined]
        font.name = LATIN_FONT
        if heading:
            font.color.rgb = RGBColor(0, 0, 0)
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), HEADING_FONT if heading else EAST_ASIAN_FONT)
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = r_pr.makeelement(qn("w:lang"), {})
            r_pr.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    return doc


_STYLED = {"Normal", "Title", *(f"Heading {n}" for n in range(1, 10))}


def save(doc: DocxDocument, when: datetime) -> bytes:
    core = doc.core_properties
    naive = when.replace(tzinfo=None)
    core.created = core.modified = core.last_printed = naive
    core.author = core.last_modified_by = "manuscript-bot"
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    # python-docx stamps every zip entry with the current time; stamp them with the draft's date.
    return zip_files([(info.filename, source.read(info)) for info in source.infolist()], when)


def zip_files(files: list[File], when: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()
