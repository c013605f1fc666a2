"""The draft as one HTML page, built as an element tree from the document model.

Member text only ever becomes text nodes of the tree (ElementTree escapes them when it writes), so
nothing a member types can become markup, a link or script: by construction, not by escaping.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from drafts import captions as cap
from drafts import elements as el
from drafts.document import Section
from drafts.export.contents import body_sections, entries, heading_lines
from drafts.export.fixed_wording import WHERE
from drafts.export.front_matter import Cover, cover, document_number, front_parts, title_lines
from drafts.export.model import Draft, lead_sentences, shown_elements
from drafts.export.scripts import Place, script_runs
from drafts.numbering import BIBLIOGRAPHY, is_annex

STYLE = """
body{font-family:'Times New Roman','SimSun','Songti SC','Noto Serif CJK SC',serif;font-size:10.5pt;
max-width:165mm;margin:2em auto;line-height:1.6;color:#000}
h1,h2,h3,h4,h5,h6,.caption,.term-name,.term-number,.cover .hei,.annex-head,.toc h2,.front h2{
font-family:'Times New Roman','SimHei','Heiti SC','Noto Sans CJK SC',sans-serif;font-weight:normal}
h2,h3,h4,h5,h6{font-size:10.5pt;margin:1em 0 0.5em}
.name,.front h2,.toc h2,.biblio-part h2{text-align:center;font-size:16pt;margin:1.5em 0}
.annex-head{text-align:center;font-size:10.5pt;margin:0 0 1.5em}.annex-head span{display:block}
p{text-indent:2em;text-align:justify;margin:0}
p,td,th,li,caption,figcaption{unicode-bidi:plaintext}
.cover p{text-indent:0}.cover .codes{display:flex;justify-content:space-between;align-items:start}
.cover .group{font-size:36pt;font-weight:bold}.cover .kind{font-size:40pt;text-align:center;margin:1em 0 0.4em}
.cover .number{text-align:right;font-size:14pt}.cover .replaces{text-align:right}
.cover .rule{border-bottom:1.5pt solid #000;margin-bottom:6em}
.cover .title{font-size:26pt;text-align:center}.cover .english{font-size:14pt;text-align:center;margin-top:1em}
.cover .stage{font-size:14pt;text-align:center;margin-top:3em}.cover .centre{text-align:center}
.cover .foot{margin-top:8em;border-bottom:1.5pt solid #000;display:flex;justify-content:space-between;font-size:14pt}
.cover .issuer{text-align:center;font-size:16pt;margin-top:0.3em}
.toc ol{list-style:none;padding:0}.toc a{color:#000;text-decoration:none}
.list{list-style:none;padding-left:2em;margin:0}.level-2{padding-left:2em}
.note,.example,tfoot td,td,th{font-size:9pt}
table{border-collapse:collapse;margin:0.5em auto}td,th{border:1px solid #000;padding:0 0.4em;font-weight:normal}
caption,figcaption{text-align:center;margin:0.5em 0}figure{text-align:center;margin:1em 0}
figure img{max-width:100%}.formula{display:flex;justify-content:space-between;padding-left:4em}
.term-number,.term-name,.reference,.biblio{text-indent:0}.reference,.biblio{padding-left:2em}
.end-line{width:25%;margin:2em auto;border-top:1px solid #000}
@page{size:A4;margin:25mm 20mm 20mm 25mm}
@media print{body{max-width:none;margin:0}.toc,.front,main,.annex,.biblio-part{break-before:page}
thead{display:table-header-group}}
"""


def draft_html(draft: Draft) -> bytes:
    html = ET.Element("html", lang="zh-CN")
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", charset="utf-8")
    _text(head, "title", f"{document_number(draft)} {draft.meta.title}")
    _text(head, "style", STYLE)
    body = ET.SubElement(html, "body")
    _cover(body, cover(draft))
    parts = front_parts(draft)
    nav = ET.SubElement(body, "nav", {"class": "toc"})
    _text(nav, "h2", "目\u3000\u3000次")
    items = ET.SubElement(nav, "ol")
    for entry in entries(parts, draft.sections):
        _text(ET.SubElement(items, "li"), "a", entry.label).set("href", f"#{_anchor(entry.key)}")
    for part in parts:
        front = ET.SubElement(body, "section", {"class": "front", "id": _anchor(part.key)})
        _text(front, "h2", part.title)
        for line in part.lead:
            _text(front, "p", line)
        for element in part.section.elements if part.section else ():
            _element(front, element, draft.figures)
        for line in part.tail:
            _text(front, "p", line)
    main = ET.SubElement(body, "main")
    for line in title_lines(draft.meta.title):
        _text(main, "h1", line, "name")
    for section in body_sections(draft.sections):
        _section(main, section, draft)
    ET.SubElement(body, "div", {"class": "end-line"})
    return b"<!DOCTYPE html>\n" + ET.tostring(html, encoding="utf-8", method="html") + b"\n"


def _cover(body: ET.Element, facts: Cover) -> None:
    page = ET.SubElement(body, "section", {"class": "cover"})
    codes = ET.SubElement(page, "div", {"class": "codes"})
    left = ET.SubElement(codes, "div")
    _text(left, "p", facts.ics, "hei")
    _text(left, "p", facts.ccs, "hei")
    _text(codes, "p", facts.group_code, "hei group")
    _text(page, "p", "团 体 标 准", "hei kind")
    _text(page, "p", facts.number, "hei number")
    if facts.replaces:
        _text(page, "p", facts.replaces, "hei replaces")
    ET.SubElement(page, "div", {"class": "rule"})
    for line in facts.title_lines:
        _text(page, "p", line, "hei title")
    if facts.english_title:
        _text(page, "p", facts.english_title, "english")
    if facts.stage:
        _text(page, "p", facts.stage, "hei stage")
        _text(page, "p", facts.made_on, "centre")
    if facts.patent_call:
        _text(page, "p", facts.patent_call, "centre")
    foot = ET.SubElement(page, "div", {"class": "foot hei"})
    _text(foot, "span", facts.published)
    _text(foot, "span", facts.effective)
    _text(page, "p", facts.issuer, "hei issuer")


def _anchor(key: str) -> str:
    return f"s-{key}"  # a stable generated key, never text a member typed


def _section(parent: ET.Element, section: Section, draft: Draft) -> None:
    level = min(section.level + 1, 6)
    if is_annex(section.number):
        holder = ET.SubElement(parent, "section", {"class": "annex"})
        head = ET.SubElement(
            holder, "h2", {"class": "annex-head", "id": _anchor(section.clause.id)}
        )
        for line in heading_lines(section):
            _text(head, "span", line)
    else:
        css = "biblio-part" if section.number == BIBLIOGRAPHY else None
        holder = ET.SubElement(parent, "section", {"class": css} if css else {})
        _text(holder, f"h{level}", heading_lines(section)[0]).set("id", _anchor(section.clause.id))
    for line in lead_sentences(section):
        _text(holder, "p", line)
    for element in shown_elements(section):
        _element(holder, element, draft.figures)


def element_nodes(element: el.Element, figures: Mapping[str, bytes]) -> list[ET.Element]:
    """An element as the page lays it out (the reading view shows each one on its own)."""
    holder = ET.Element("div")
    _element(holder, element, figures)
    return list(holder)


def _element(parent: ET.Element, element: el.Element, figures: Mapping[str, bytes]) -> None:
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
            picture = figures.get(element.path)
            if picture is None:
                _text(figure, "p", "（图片缺失）")
            else:
                kind = "png" if picture.startswith(b"\x89PNG") else "jpeg"
                source = f"data:image/{kind};base64," + base64.b64encode(picture).decode()
                ET.SubElement(figure, "img", src=source, alt=f"图{element.number}")
            _text(figure, "figcaption", cap.figure_caption(element))
        case el.Formula():
            row = ET.SubElement(parent, "div", {"class": "formula"})
            _scripted(ET.SubElement(row, "span"), element.expression)
            _text(row, "span", cap.formula_number(element))
            if element.where:
                _text(parent, "p", WHERE, "where")
                for line in element.where:
                    _scripted(ET.SubElement(parent, "p", {"class": "where"}), line)
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


def _scripted(node: ET.Element, text: str) -> None:
    """A formula's text with its sub- and superscripts as <sub> and <sup>."""
    last: ET.Element | None = None
    for run, place in script_runs(text):
        if place is Place.LINE:
            if last is None:
                node.text = (node.text or "") + run
            else:
                last.tail = (last.tail or "") + run
            continue
        last = ET.SubElement(node, place.value)
        last.text = run


def _lines(node: ET.Element, text: str) -> None:
    """Text with its line breaks kept as <br>: each line a text node."""
    first, *rest = text.split("\n")
    node.text = first
    for line in rest:
        ET.SubElement(node, "br").tail = line
