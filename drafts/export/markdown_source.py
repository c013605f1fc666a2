"""The draft as Markdown: a readable source of the text for reading and diffing, not for
publication. Member text is escaped only where a character would otherwise change the meaning."""

from __future__ import annotations

import re

from drafts import captions as cap
from drafts import elements as el
from drafts.document import Section
from drafts.export.contents import body_sections, heading_lines
from drafts.export.fixed_wording import WHERE
from drafts.export.front_matter import cover, front_parts
from drafts.export.model import Draft, lead_sentences, shown_elements

# Inline markup: emphasis, code, links and images, raw HTML and entities, strikethrough.
_INLINE = re.compile(r"[`*_\[\]]|\\(?=[!-/:-@\[-`{-~])|<(?=[A-Za-z/!?])|&(?=#?\w+;)|~~")
# What opens a block at the start of a line: headings, quotes, list items, rules, tables; a
# leading `=` is always escaped (`===` under a line would make it a heading).
_BLOCK_START = re.compile(r"#|>|=|[-+*](?=\s|$)|-+\s*$|\|")
_ORDERED_ITEM = re.compile(r"[0-9]+(?=[.)](?:\s|$))")


def md_text(text: str) -> str:
    """Member text as Markdown that reads, and renders, exactly as typed."""
    return "\n".join(_md_line(line) for line in text.split("\n"))


def _md_line(line: str) -> str:
    line = _INLINE.sub(lambda m: "".join("\\" + c for c in m.group(0)), line)
    if item := _ORDERED_ITEM.match(line):  # `1.` would open a list: escape its full stop
        return line[: item.end()] + "\\" + line[item.end() :]
    return "\\" + line if _BLOCK_START.match(line) else line


def _cell(text: str) -> str:
    return md_text(text).replace("|", "\\|").replace("\n", " ")


def _paragraph(text: str) -> str:
    return md_text(text).replace("\n", "  \n")


def element_markdown(element: el.Element) -> str:
    match element:
        case el.Paragraph(text=text):
            return _paragraph(text)
        case el.ListBlock(items=items):
            return "\n".join(
                ("    " if item.level > 1 else "")
                + f"- {md_text(item.marker)} {md_text(item.text)}"
                for item in items
            )
        case el.Note() | el.Example():
            return _paragraph(cap.labelled(element))
        case el.Table():
            width = element.width
            rows = [element.header, *element.rows]
            lines = [f"**{md_text(cap.table_caption(element))}**", ""]
            for index, row in enumerate(rows):
                cells = [*row, *([""] * (width - len(row)))]
                lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
                if index == 0:
                    lines.append("|" + "---|" * width)
            lines += ["", *(_paragraph(cap.labelled(note)) for note in element.notes)]
            return "\n".join(lines).rstrip()
        case el.Figure():
            return f"![{md_text(cap.figure_caption(element))}]({element.path})\n\n*{md_text(cap.figure_caption(element))}*"
        case el.Formula():
            lines = [f"{md_text(element.expression)}　{cap.formula_number(element)}"]
            if element.where:
                lines += ["", WHERE, *(md_text(w) for w in element.where)]
            return "  \n".join(lines)
        case el.Term():
            parts = [
                f"**{element.number}**",
                f"**{md_text(cap.term_heading(element))}**",
                _paragraph(element.definition),
                *(_paragraph(cap.labelled(note)) for note in element.notes),
                md_text(cap.term_source(element)),
            ]
            return "\n\n".join(part for part in parts if part)
        case el.Reference():
            return md_text(cap.reference_line(element))
        case el.BiblioEntry():
            return md_text(cap.biblio_line(element))
    raise TypeError(element)


def section_markdown(section: Section) -> str:
    title = "　".join(heading_lines(section))
    parts = [f"{'#' * min(section.level + 1, 6)} {md_text(title)}"]
    parts += [md_text(line) for line in lead_sentences(section)]
    parts += [element_markdown(element) for element in shown_elements(section)]
    return "\n\n".join(parts)


def draft_markdown(draft: Draft) -> str:
    """A readable source of the text, for reading and diffing: the cover's facts, the front
    matter, the body. The DOCX is the document to publish."""
    facts = cover(draft)
    lines = [
        facts.ics,
        facts.ccs,
        "团体标准",
        facts.number,
        facts.replaces,
        facts.english_title,
        facts.stage,
        facts.made_on,
        facts.patent_call,
        f"{facts.published}　{facts.effective}",
        facts.issuer,
    ]
    out = [f"# {md_text(' '.join(facts.title_lines))}", *(md_text(line) for line in lines if line)]
    for part in front_parts(draft):
        out.append(f"## {part.label}")
        out += [md_text(line) for line in part.lead]
        out += [element_markdown(e) for e in (part.section.elements if part.section else ())]
        out += [md_text(line) for line in part.tail]
    out += [section_markdown(section) for section in body_sections(draft.sections)]
    return "\n\n".join(out) + "\n"
