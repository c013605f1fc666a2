"""表N（续）: a table that runs onto another page is continued there under the title `表N（续）`,
over a repeat of its header row (GB/T 1.1).

Only a layout knows where a page ends, and LibreOffice's is the one our PDFs have: each DOCX is
converted to a tagged PDF, whose structure tree says on which pages each table row lies. A
captioned table that crosses a page is split in the DOCX before its first row past the first
page; the rest becomes a table of its own after a page break, titled `表N（续）`, and the DOCX is
converted again, until no captioned table crosses a page. Tables without a `表N` caption (the
records' forms) only repeat their header row, as Word does."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from copy import deepcopy
from datetime import datetime

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, PdfObject

from drafts.captions import CONTINUED
from drafts.export.pdf import convert, stamped

MAX_ROUNDS = 12  # a table is continued once a round: longer tables than this stay as they are
CAPTIONED = re.compile(r"表(?:[A-Z]\.)?\d+")  # 表3, 表A.1: the label that opens a table's title
Rows = list[tuple[int, int]]  # each row's first and last page, from 0


def paginated(documents: list[bytes], when: datetime) -> tuple[list[bytes], list[bytes]]:
    """The Word files with their tables continued where LibreOffice's pages break them, and
    their PDFs (stamped with `when`)."""
    documents = list(documents)
    pdfs: list[bytes] = [b""] * len(documents)
    pending = list(range(len(documents)))
    for _ in range(MAX_ROUNDS):
        converted = convert([documents[index] for index in pending])
        again = []
        for index, pdf in zip(pending, converted, strict=True):
            pdfs[index] = pdf
            split = continued(documents[index], table_rows(pdf))
            if split is not None:
                documents[index] = split
                again.append(index)
        if not again:
            break
        pending = again
    return documents, [stamped(pdf, when) for pdf in pdfs]


def break_at(rows: Rows) -> int | None:
    """Where a table whose row 0 is its header must be cut: before its first row not wholly on
    the header's page (1 means that the whole table belongs on the next page); None if it fits."""
    if not rows:
        return None
    page = rows[0][0]
    return next((index for index, (_, last) in enumerate(rows) if index and last > page), None)


def continued(docx: bytes, layout: list[Rows]) -> bytes | None:
    """The DOCX with the first page break of each captioned table laid out, or None when no
    captioned table crosses a page (or the layout does not match the file's tables)."""
    document = Document(io.BytesIO(docx))
    tables = document.element.body.findall(qn("w:tbl"))
    if len(tables) != len(layout):
        return None
    changed = False
    for table, rows in zip(tables, layout, strict=True):
        caption = table.getprevious()
        label = _label(caption)
        cut = break_at(rows)
        if label is None or cut is None or len(table.findall(qn("w:tr"))) != len(rows):
            continue
        if cut == 1:  # only the header fits: the table starts on the next page
            if _page_break_before(caption):
                continue  # it already does: a row taller than a page, nothing to gain
            _set_page_break_before(caption)
        else:
            _split(table, caption, label, cut)
        changed = True
    if not changed:
        return None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _label(caption: BaseOxmlElement | None) -> str | None:
    if caption is None or caption.tag != qn("w:p"):
        return None
    found = CAPTIONED.match("".join(text.text or "" for text in caption.iter(qn("w:t"))))
    return found[0] if found else None


def _split(table: BaseOxmlElement, caption: BaseOxmlElement, label: str, cut: int) -> None:
    """Rows from `cut` on move to a new table, under a repeat of the header row, after a
    page break and the title `表N（续）`."""
    rows = table.findall(qn("w:tr"))
    rest = OxmlElement("w:tbl")
    for part in ("w:tblPr", "w:tblGrid"):
        found = table.find(qn(part))
        if found is not None:
            rest.append(deepcopy(found))
    rest.append(deepcopy(rows[0]))
    for row in rows[cut:]:
        rest.append(row)  # moved, not copied
    title = OxmlElement("w:p")
    properties = caption.find(qn("w:pPr"))
    if properties is not None:
        title.append(deepcopy(properties))
        for mark in list(title.iter(qn("w:rPr"))):  # the mark's revision marks stay behind
            mark.getparent().remove(mark)
    run = OxmlElement("w:r")
    looks = caption.find(f"{qn('w:r')}/{qn('w:rPr')}")  # the title's first run's font
    if looks is not None:
        run.append(deepcopy(looks))
        for change in list(run.iter(qn("w:rPrChange"))):
            change.getparent().remove(change)
    text = OxmlElement("w:t")
    text.text = label + CONTINUED
    run.append(text)
    title.append(run)
    _set_page_break_before(title)
    table.addnext(title)
    title.addnext(rest)


def _page_break_before(paragraph: CT_P) -> bool:
    return paragraph.pPr is not None and bool(paragraph.pPr.pageBreakBefore_val)


def _set_page_break_before(paragraph: CT_P) -> None:
    paragraph.get_or_add_pPr().pageBreakBefore_val = True


def table_rows(pdf: bytes) -> list[Rows]:
    """Each table of a tagged PDF, in order: each of its rows' first and last page. A header
    row repeated on a later page is an artifact, not a row: each row is counted once."""
    reader = PdfReader(io.BytesIO(pdf))
    order = {
        page.indirect_reference.idnum: number
        for number, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }
    root = reader.root_object.get("/StructTreeRoot")
    if root is None:
        return []

    def pages(node: PdfObject | None, inherited: int | None) -> set[int]:
        node = _resolved(node)
        if not isinstance(node, DictionaryObject):  # a marked-content id, on the inherited page
            return {inherited} if isinstance(node, int) and inherited is not None else set()
        reference = node.get("/Pg")
        page = order.get(reference.idnum, inherited) if reference is not None else inherited
        found = {page} if page is not None and "/K" not in node else set()
        for kid in _kids(node):
            found |= pages(kid, page)
        return found

    tables: list[Rows] = []
    for table, inherited in _elements(root, "/Table", None, order):
        rows = []
        for row, page in _elements(table, "/TR", inherited, order, inside="/Table"):
            spread = pages(row, page)
            rows.append((min(spread), max(spread)) if spread else (-1, -1))
        tables.append(rows)
    return tables


def _elements(
    node: PdfObject | None,
    kind: str,
    inherited: int | None,
    order: dict[int, int],
    inside: str | None = None,
) -> Iterator[tuple[DictionaryObject, int | None]]:
    """The structure elements of a kind under a node, in reading order, with the page each
    inherits; not looking into elements of kind `inside` (a table's own nested tables)."""
    for kid in _kids(_resolved(node)):
        element = _resolved(kid)
        if not isinstance(element, DictionaryObject):
            continue
        reference = element.get("/Pg")
        page = order.get(reference.idnum, inherited) if reference is not None else inherited
        if element.get("/S") == kind:
            yield element, page
        elif element.get("/S") != inside:
            yield from _elements(element, kind, page, order, inside)


def _kids(node: PdfObject | None) -> list[PdfObject]:
    if not isinstance(node, DictionaryObject) or "/K" not in node:
        return []
    kids = _resolved(node["/K"])
    if kids is None:
        return []
    return list(kids) if isinstance(kids, list) else [kids]


def _resolved(node: PdfObject | None) -> PdfObject | None:
    return node.get_object() if isinstance(node, IndirectObject) else node
