"""Word's "accept all" and "reject all" done on a redline's XML, written apart from the code that
makes redlines: what a reader of the file would get either way, to compare with the exports."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
STAGE_LINE = re.compile(r"（\S*稿）")  # the cover's stage line: the redline's says 修订稿


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def body(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def decided(root: etree._Element, *, accept: bool) -> etree._Element:
    """The document with every tracked change accepted (or rejected)."""
    root = etree.fromstring(etree.tostring(root))
    gone, kept = ("del", "ins") if accept else ("ins", "del")
    # Paragraphs and rows whose mark the decision takes away go whole.
    for mark in root.xpath(f"//w:pPr/w:rPr/w:{gone}", namespaces=NS):
        paragraph = mark.getparent().getparent().getparent()
        paragraph.getparent().remove(paragraph)
    for mark in root.xpath(f"//w:trPr/w:{gone}", namespaces=NS):
        row = mark.getparent().getparent()
        row.getparent().remove(row)
    for element in root.xpath(f"//w:{gone}", namespaces=NS):
        element.getparent().remove(element)
    for element in root.xpath(f"//w:{kept}", namespaces=NS):
        parent = element.getparent()
        if parent.tag in (_q("rPr"), _q("trPr")):  # a mark that stays: the mark goes
            parent.remove(element)
            continue
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    for text in root.iter(_q("delText")):
        text.tag = _q("t")
    for table in root.iter(_q("tbl")):
        if table.find(_q("tr")) is None:
            table.getparent().remove(table)
    return root


def paragraphs(root: etree._Element) -> list[str]:
    """Every paragraph's text in document order (table cells too), the stage line left out."""
    texts = []
    for paragraph in root.iter(_q("p")):
        parts = []
        for element in paragraph.iter(_q("t"), _q("tab"), _q("br")):
            if element.tag == _q("t"):
                parts.append(element.text or "")
            else:
                parts.append("\t" if element.tag == _q("tab") else "\n")
        text = "".join(parts)
        if not STAGE_LINE.fullmatch(text):
            texts.append(text)
    return texts


def changes(root: etree._Element) -> list[tuple[str, str, str]]:
    """(kind, author, text) of each tracked change with text in it."""
    found = []
    for element in root.iter(_q("ins"), _q("del")):
        text = "".join(t.text or "" for t in element.iter(_q("t"), _q("delText")))
        if text:
            found.append((etree.QName(element).localname, element.get(_q("author")), text))
    return found
