"""A Word document's body as a flat sequence of blocks, in reading order: paragraphs (their text,
style, heading level and pictures) and tables (a grid of cell texts). Pure: bytes in, blocks out.

A paragraph's text is what Word displays: the label its numbering writes (`4.1　`, `附录A`,
`表1　`, `注1：`, `a)`; drafts/importing/word_numbering.py) and then its own text. Its style's name
says what it is for in a template made on the GB/T 1.1 model (drafts/importing/template_styles.py).

The text is read from the XML itself rather than python-docx's `Paragraph.text`, which misses
what Word keeps in content controls (a picked clause number), in tracked insertions and in
simple fields; text boxes and the fallback copies of drawings are left out, so nothing is read
twice.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from zipfile import BadZipFile

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, untyped

from drafts.importing.office_files import Unreadable, as_document
from drafts.importing.template_styles import Role, level_of, role_of
from drafts.importing.word_numbering import Counters, Numbering, read_numbering

_DIGIT = re.compile(r"[0-9]")
MAX_SPAN = 64  # columns a table's cell may span
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.I)
_SKIPPED = {qn("w:txbxContent"), qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")}
_SKIPPED.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_VML_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath"


@dataclass(frozen=True)
class Picture:
    data: bytes
    content_type: str


@dataclass(frozen=True)
class Para:
    index: int  # 1-based among the body's paragraphs: how problems are reported
    text: str  # as displayed: the numbering's label, then the paragraph's own text
    style: str  # the style's name, `Normal` when none
    level: int  # 1–9 for a heading (by its style name or outline level), 0 for body text
    numbered: bool  # Word numbers it itself (a list, or an auto-numbered heading)
    pictures: tuple[Picture, ...] = ()
    math: bool = False  # holds an equation object, whose text cannot be read as a line
    label: str = ""  # the part of `text` Word's numbering writes, with its separator
    role: Role = Role.BODY  # what its style is for, by the style's name

    @property
    def own(self) -> str:
        """The text typed in the paragraph, without the numbering's label."""
        return self.text[len(self.label) :]


@dataclass(frozen=True)
class Grid:
    index: int  # the paragraph index the table follows
    rows: tuple[tuple[str, ...], ...]
    # Row positions whose cells are one cell merged across the whole width (a table's notes).
    full_rows: frozenset[int] = field(default_factory=frozenset)
    # (row, column) of the cells that continue a vertically merged cell above them (text "").
    continued: frozenset[tuple[int, int]] = field(default_factory=frozenset)


Block = Para | Grid


def read_docx(data: bytes) -> list[Block]:
    try:
        doc = Document(io.BytesIO(as_document(data)))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, BadZipFile):
        raise Unreadable("corrupt") from None
    return list(_Reader(doc).blocks())


@dataclass(frozen=True)
class _Style:
    name: str
    level: int
    numbered: bool
    num_id: str | None  # from the style or the nearest it is based on that says
    ilvl: int | None
    role: Role


_UNSTYLED = _Style("Normal", 0, False, None, None, Role.BODY)


class _Reader:
    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.numbering = _numbering(doc)
        self.styles = _style_facts(doc)
        self.counters = Counters(self.numbering)
        self.count = 0

    def blocks(self) -> Iterator[Block]:
        for child in _body_children(self.doc.element.body):
            if child.tag == qn("w:p"):
                self.count += 1
                yield self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                yield self.table(child)

    def paragraph(self, p: etree._Element) -> Para:
        p_pr = p.find(qn("w:pPr"))
        style_id = (_val(p_pr, "w:pStyle") if p_pr is not None else None) or ""
        style = self.styles.get(style_id, _UNSTYLED)
        own_level = _outline(p_pr)
        level = style.level if own_level is None or style.role is Role.HEADING else own_level
        label, numbered = self.label(p_pr, style_id, style)
        return Para(
            self.count,
            label + paragraph_text(p),
            style.name,
            level,
            numbered,
            tuple(self.pictures(p)),
            any(True for _ in p.iter(_MATH)),
            label,
            style.role,
        )

    def label(self, p_pr: etree._Element | None, style_id: str, style: _Style) -> tuple[str, bool]:
        """What Word's numbering writes before the paragraph, with its separator ("" if none),
        and whether Word numbers it at all (a bullet writes no label a reader could use)."""
        own = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        num_id = _val(own, "w:numId") if own is not None else None
        num_id = num_id if num_id is not None else style.num_id
        if num_id is None or num_id == "0":
            return "", False
        ilvl = _level_number(_val(own, "w:ilvl")) if own is not None else None
        ilvl = ilvl if ilvl is not None else style.ilvl
        if ilvl is None:
            ilvl = self.numbering.styled_level(num_id, style_id) or 0
        shown = self.counters.label(num_id, ilvl)
        if shown is None:  # a numbering the file does not define: numbered, label unknown
            return "", True
        text, separator, fmt = shown
        if not text:
            return "", fmt == "bullet"
        return text + separator, True

    def pictures(self, p: etree._Element) -> Iterator[Picture]:
        related = self.doc.part.related_parts
        for node in p.iter(_BLIP, _VML_IMAGE):
            rel = node.get(_EMBED) or node.get(_VML_ID)
            part = related.get(rel) if rel else None
            if part is not None:
                yield Picture(part.blob, part.content_type)

    def table(self, tbl: etree._Element) -> Grid:
        width = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
        rows: list[tuple[str, ...]] = []
        full: set[int] = set()
        below: set[tuple[int, int]] = set()
        for tr in tbl.iter(qn("w:tr")):
            if _ancestor_table(tr) is not tbl:
                continue  # a row of a table nested in a cell: its text is the cell's
            cells: list[str] = []
            tcs = tr.findall(qn("w:tc"))
            for tc in tcs:
                tc_pr = tc.find(qn("w:tcPr"))
                span = _count(_val(tc_pr, "w:gridSpan")) if tc_pr is not None else 1
                merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
                text = "" if continued else self.cell_text(tc)
                if continued:
                    below.add((len(rows), len(cells)))
                cells += [text] + [""] * (span - 1)  # a merged cell's text once, at its start
            if len(tcs) == 1 and len(cells) > 1:
                full.add(len(rows))
            rows.append(tuple(cells))
        width = max([width, *(len(row) for row in rows)], default=0)
        padded = tuple(row + ("",) * (width - len(row)) for row in rows)
        return Grid(self.count, padded, frozenset(full), frozenset(below))

    def cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs as displayed, one line each."""
        lines = [self.paragraph(p).text for p in tc.iter(qn("w:p"))]
        return "\n".join(line for line in lines if line.strip()).strip()


def _numbering(doc: DocxDocument) -> Numbering:
    try:
        part = doc.part.numbering_part
    except (KeyError, NotImplementedError):
        return read_numbering(None)
    return read_numbering(part.element)


def _body_children(body: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables, with block-level content controls opened."""
    for child in body:
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_children(content)
        else:
            yield child


def _ancestor_table(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != qn("w:tbl"):
        parent = parent.getparent()
    return parent


def paragraph_text(p: etree._Element) -> str:
    """The text a reader sees: tabs and line breaks kept, page breaks dropped."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


_SCRIPT_MARKS = {"subscript": "_", "superscript": "^"}


def _script_mark(run: etree._Element) -> str | None:
    """`_` for a subscript run, `^` for a superscript one (Word's vertAlign)."""
    align = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
    return _SCRIPT_MARKS.get(align.get(qn("w:val"), "")) if align is not None else None


def _collect(node: etree._Element, parts: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == qn("w:r") and (mark := _script_mark(child)):
            inner: list[str] = []  # a sub- or superscript run, as the clause grammar writes it
            _collect(child, inner)
            text = "".join(inner)
            if text:
                parts.append(f"{mark}{text}" if len(text) == 1 else f"{mark}{{{text}}}")
        elif tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab") and node.tag == qn("w:r"):
            parts.append("\t")
        elif tag == qn("w:br"):
            if child.get(qn("w:type")) not in {"page", "column"}:
                parts.append("\n")
        elif tag == qn("w:cr"):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif (
            tag == qn("w:sdt")
            and child.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None
        ):
            continue  # an unfilled content control shows its prompt, not a value
        elif tag != qn("w:tbl"):
            _collect(child, parts)


def _style_facts(doc: DocxDocument) -> dict[str, _Style]:
    """Style id -> its facts, inherited along `basedOn`: the heading level (by a heading style's
    name — Heading 1, 标题 1, 章标题, 一级条标题 — or its outline level), its numbering, its role."""
    found: dict[str, etree._Element] = {}
    for style in doc.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if style_id and style.get(qn("w:type")) in {"paragraph", None}:
            found[style_id] = style
    facts: dict[str, _Style] = {}

    def fact(style_id: str, depth: int = 0) -> _Style:
        if style_id in facts:
            return facts[style_id]
        style = found[style_id]
        name = _val(style, "w:name") or style_id
        role = role_of(name)
        p_pr = style.find(qn("w:pPr"))
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        num_id = _val(num_pr, "w:numId")
        ilvl = _level_number(_val(num_pr, "w:ilvl"))
        named = _HEADING_NAME.fullmatch(name.strip())
        own = _outline(p_pr)
        level = int(named.group(1)) if named else (own or 0)
        base = _val(style, "w:basedOn")
        if base in found and base != style_id and depth < 10:
            inherited = fact(base, depth + 1)
            if not named and own is None:
                level = inherited.level
            num_id = num_id if num_id is not None else inherited.num_id
            ilvl = ilvl if ilvl is not None else inherited.ilvl
        if role is Role.HEADING:
            level = level_of(name) or level
        elif role in {Role.ANNEX, Role.FRONT}:
            level = 1
        elif role in {Role.UNTITLED, Role.TERM, Role.ANNEX_TITLE}:
            level = 0
        facts[style_id] = _Style(name, level, num_id not in {None, "0"}, num_id, ilvl, role)
        return facts[style_id]

    for style_id in found:
        fact(style_id)
    return facts


def _outline(p_pr: etree._Element | None) -> int | None:
    """The heading level an outline level gives (0 -> 1); None when not set, 0 for body text."""
    value = _val(p_pr, "w:outlineLvl") if p_pr is not None else None
    if value is None or not _DIGIT.fullmatch(value):
        return None
    return int(value) + 1 if int(value) < 9 else 0


def _level_number(value: str | None) -> int | None:
    """A numbering level (`w:ilvl`), 0–8; None when absent or not one."""
    return int(value) if value is not None and re.fullmatch(r"[0-8]", value) else None


def _count(value: str | None) -> int:
    """A cell's span: 1 to 64 columns, whatever the file says (a forged `99999999` is 64)."""
    if value is None or not re.fullmatch(r"[0-9]{1,4}", value):
        return 1
    return max(1, min(int(value), MAX_SPAN))


def _val(node: etree._Element | None, child: str) -> str | None:
    if node is None:
        return None
    found = node.find(qn(child))
    return None if found is None else found.get(qn("w:val"))
