"""Files stamped with the draft's date, so that a tag exports to the same bytes whenever: zip
archives, and Word documents (which are zip archives) with fixed core properties."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
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
    _template_leftovers_dropped(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    # python-docx stamps every zip entry with the current time; stamp them with the draft's date.
    return zip_files([(info.filename, source.read(info)) for info in source.infolist()], when)


def _template_leftovers_dropped(doc: DocxDocument) -> None:
    """python-docx's template brings some 160 styles the file never uses (355 KB of XML) and a
    copy of them for Word 2010 that knows none of ours: Word and LibreOffice read all of it each
    time the file opens, and the copy could show Word 2010 other styles than ours. The unused
    template styles are dropped (Word still offers its built-in ones), and the copy with them;
    the styles this project defines stay, used or not, for whoever edits the file."""
    styles = doc.styles.element
    used = _referenced(doc) | {s.style_id for s in doc.styles if s.element.default}
    pending = list(used)
    while pending:  # what the kept styles are based on, continue with or are linked to
        style = styles.get_by_id(pending.pop())
        for tag in ("w:basedOn", "w:next", "w:link"):
            follows = style.find(qn(tag)) if style is not None else None
            if follows is not None and follows.get(qn("w:val")) not in used:
                used.add(follows.get(qn("w:val")))
                pending.append(follows.get(qn("w:val")))
    for style in list(styles.style_lst):
        if style.styleId in _template_style_ids() and style.styleId not in used:
            styles.remove(style)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype == _STYLES_FOR_WORD_2010:
            doc.part.drop_rel(rel_id)


_STYLES_FOR_WORD_2010 = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_REFERENCES = "|".join(
    f".//w:{tag}/@w:val" for tag in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")
)


def _referenced(doc: DocxDocument) -> set[str]:
    """The style ids the document's parts (body, headers, footers, numbering…) refer to."""
    found: set[str] = set()
    styles_part = doc.part.part_related_by(RT.STYLES)
    for part in doc.part.package.iter_parts():
        if isinstance(part, XmlPart) and part is not styles_part:
            found.update(part.element.xpath(_REFERENCES))
    return found


@cache
def _template_style_ids() -> frozenset[str]:
    return frozenset(style.style_id for style in Document().styles)


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
