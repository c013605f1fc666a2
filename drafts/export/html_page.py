"""The draft as one HTML page, built as an element tree from the document model.

Member text only ever becomes text nodes of the tree (ElementTree escapes them when it writes), so
nothing a member types can become markup, a link or script: by construction, not by escaping.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from drafts import captions as cap
from drafts import elements as el
from drafts.document import Section
from drafts.export.front_matter import cover_lines, foreword
from drafts.export.model import Draft, lead_sentences, shown_elements
from drafts.export.text import WHERE
from drafts.numbering import is_annex, is_unnumbered

STYLE = """
body{font-family:'SimSun','Songti SC','Noto Serif CJK SC',serif;font-size:10.5pt;max-width:42em;
margin:2em auto;line-height:1.7;color:#000}
h1,h2,h3,h4,h5,h6,.caption,.term-name{font-family:'SimHei','Heiti SC','Noto Sans CJK SC',sans-serif;
font-weight:normal}
h1{text-align:center;font-size:16pt}h2{font-size:10.5pt}h3,h4,h5,h6{font-size:10.5pt}
.front h2,.toc h2,.annex-head{text-align:center;font-size:16pt}
.annex-head span{display:block;font-size:10.5pt}
p{text-indent:2em;text-align:justify;margin:0}
p,td,th,li,caption,figcaption{unicode-bidi:plaintext}
.cover p{text-indent:0;text-align:center}.cover .title{font-size:26pt}
.toc ul{list-style:none;padding:0}.list{list-style:none;padding-left:2em}.level-2{padding-left:2em}
.note,.example,tfoot td{font-size:9pt}
table{border-collapse:collapse;margin:0.5em auto}td,th{border:1px solid #000;padding:0 0.4em}
caption,figcaption{font-family:'SimHei',sans-serif;text-align:center}figure{text-align:center}
figure img{max-width:100%}.formula{display:flex;justify-content:space-between;padding-left:4em}
.term-number,.reference,.biblio{text-indent:0}.end-line{width:25%;margin:2em auto;border-top:1px solid #000}
@page{size:A4;margin:25mm 20mm 20mm 25mm}
@media print{body{max-width:none;margin:0}.cover,.toc,.front,.annex,.biblio-part{break-before:page}
thead{display:table-header-group}}
"""


def draft_html(draft: Draft) -> bytes:
    html = ET.Element("html", lang="zh-CN")
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", charset="utf-8")
    _text(head, "title", f"{draft.meta.number or draft.meta.code} {draft.meta.title}")
    _text(head, "style", STYLE)
    body = ET.SubElement(html, "body")
    cover = ET.SubElement(body, "section", {"class": "cover"})
    for index, line in enumerate(cover_lines(draft)):
        if line:
            _text(cover, "p", line, "title" if index == 2 else None)
    _toc(body, draft)
    front = ET.SubElement(body, "section", {"class": "front", "id": "foreword"})
    _text(front, "h2", "前　　言")
    for line in foreword(draft):
        _text(front, "p", line)
    main = ET.SubElement(body, "main")
    _text(main, "h1", draft.meta.title)
    for section in draft.sections:
        if section.number == "前言":
            for element in section.elements:
                _element(front, element, draft)
            continue
        _section(main, section, draft)
    ET.SubElement(body, "div", {"class": "end-line"})
    return b"<!DOCTYPE html>\n" + ET.tostring(html, encoding="utf-8", method="html") + b"\n"


def _toc(body: ET.Element, draft: Draft) -> None:
    nav = ET.SubElement(body, "nav", {"class": "toc"})
    _text(nav, "h2", "目　　次")
    items = ET.SubElement(nav, "ul")
    link = ET.SubElement(ET.SubElement(items, "li"), "a", href="#foreword")
    link.text = "前言"
    for section in draft.sections:
        if section.number != "前言" and section.level <= 2:
            anchor = ET.SubElement(ET.SubElement(items, "li"), "a", href=f"#{_anchor(section)}")
            anchor.text = _toc_entry(section)


def _toc_entry(section: Section) -> str:
    if is_annex(section.number) and section.clause.annex:
        return f"附录{section.number}（{section.clause.annex}）{section.clause.title}"
    return section.heading


def _anchor(section: Section) -> str:
    return f"s-{section.clause.id}"  # the stable generated id, never text a member typed


def _section(parent: ET.Element, section: Section, draft: Draft) -> None:
    level = min(section.level + 1, 6)
    if is_annex(section.number):
        holder = ET.SubElement(parent, "section", {"class": "annex"})
        head = ET.SubElement(holder, "h2", {"class": "annex-head", "id": _anchor(section)})
        _text(head, "span", f"附　录　{section.number}")
        if section.clause.annex:
            _text(head, "span", f"（{section.clause.annex}）")
        _text(head, "span", section.clause.title)
    else:
        css = "biblio-part" if is_unnumbered(section.number) else None
        holder = ET.SubElement(parent, "section", {"class": css} if css else {})
        heading = _text(holder, f"h{level}", section.heading)
        heading.set("id", _anchor(section))
    for line in lead_sentences(section):
        _text(holder, "p", line)
    for element in shown_elements(section):
        _element(holder, element, draft)


def _element(parent: ET.Element, element: el.Element, draft: Draft) -> None:
    match element:
        case el.Paragraph(text=text):
            _lines(ET.SubElement(parent, "p"), text)
        case el.ListBlock(items=items):
            holder = ET.SubElement(parent, "ul", {"class": "list"})
            for item in items:
                _text(holder, "li", f"{item.marker}{item.text}", f"level-{item.level}")
        case el.Note() | el.Example():
            _lines(
                ET.SubElement(parent, "p", {"class": type(element).__name__.lower()}),
                cap.labelled(element),
            )
        case el.Table():
            _table(parent, element)
        case el.Figure():
            figure = ET.SubElement(parent, "figure")
            picture = draft.figures.get(element.path)
            if picture is None:
                _text(figure, "p", "（图片缺失）")
            else:
                kind = "png" if picture.startswith(b"\x89PNG") else "jpeg"
                source = f"data:image/{kind};base64," + base64.b64encode(picture).decode()
                ET.SubElement(figure, "img", src=source, alt=f"图{element.number}")
            _text(figure, "figcaption", cap.figure_caption(element))
        case el.Formula():
            row = ET.SubElement(parent, "div", {"class": "formula"})
            _text(row, "span", element.expression)
            _text(row, "span", cap.formula_number(element))
            if element.where:
                _text(parent, "p", WHERE, "where")
                for line in element.where:
                    _text(parent, "p", line, "where")
        case el.Term():
            holder = ET.SubElement(parent, "div", {"class": "term"})
            _text(holder, "p", element.number, "term-number")
            _text(holder, "p", cap.term_heading(element), "term-name")
            _lines(ET.SubElement(holder, "p"), element.definition)
            for note in element.notes:
                _text(holder, "p", cap.labelled(note), "note")
            if element.source:
                _text(holder, "p", cap.term_source(element))
        case el.Reference():
            _text(parent, "p", cap.reference_line(element), "reference")
        case el.BiblioEntry():
            _text(parent, "p", cap.biblio_line(element), "biblio")
        case _:
            raise TypeError(element)


def _table(parent: ET.Element, table: el.Table) -> None:
    holder = ET.SubElement(parent, "table")
    _text(holder, "caption", cap.table_caption(table), "caption")
    width = table.width
    head = ET.SubElement(ET.SubElement(holder, "thead"), "tr")
    for cell in table.header:
        _text(head, "th", cell)
    body = ET.SubElement(holder, "tbody")
    for row in table.rows:
        line = ET.SubElement(body, "tr")
        for cell in (*row, *([""] * (width - len(row)))):
            _lines(ET.SubElement(line, "td"), cell)
    if table.notes:
        foot = ET.SubElement(ET.SubElement(ET.SubElement(holder, "tfoot"), "tr"), "td")
        foot.set("colspan", str(width))
        for note in table.notes:
            _text(foot, "p", cap.labelled(note), "note")


def _text(parent: ET.Element, tag: str, text: str, css: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, tag, {"class": css} if css else {})
    node.text = text
    return node


def _lines(node: ET.Element, text: str) -> None:
    """Text with its line breaks kept as <br>: each line a text node."""
    first, *rest = text.split("\n")
    node.text = first
    for line in rest:
        ET.SubElement(node, "br").tail = line
