"""What the reading view's pages receive, as JSON: the draft's elements as trees of tags and text
(laid out by the HTML export's own writer, so member text stays text nodes), authorship, ballots."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, tzinfo
from typing import Any

from bot.domain.ballots import Kind
from bot.i18n import msg, render
from bot.services.ballots import BallotView
from bot.services.outline import Written
from bot.services.reading import ClauseView, DraftPage
from drafts.document import Section
from drafts.export.contents import heading_lines
from drafts.export.html_page import element_nodes
from drafts.export.model import lead_sentences, shown_elements
from handlers.ballots import title

Json = dict[str, Any]


def tree(node: ET.Element) -> Json:
    """`{"t": tag, "a": attributes, "c": children}`, a child text a string: the page builds it
    with createElement and text nodes, never by parsing markup."""
    children: list[Any] = [node.text] if node.text else []
    for child in node:
        children.append(tree(child))
        if child.tail:
            children.append(child.tail)
    return {"t": node.tag, "a": dict(node.attrib), "c": children}


def page_json(lang: str, page: DraftPage) -> Json:
    return {
        "code": page.project.code,
        "title": page.project.title,
        "stage": render(lang, f"stage.{page.project.stage.value}"),
        "ref": page.ref,
        "tags": page.tags,
        "page": page.page,
        "pages": page.pages,
        "can_decide": page.can_decide,
        "clauses": [{**view.laid_out, **_discussion(lang, view)} for view in page.clauses],
    }


def clause_body(section: Section, pictures: dict[str, bytes]) -> Json:
    """A clause's part of a page that is the same for every reader: laid out once a page
    (bot/services/reading.py keeps it)."""
    indexes = {id(e): i for i, e in enumerate(section.elements)}
    return {
        "id": section.clause.id,
        "number": section.number,
        "level": section.level,
        "heading": heading_lines(section),
        "lead": lead_sentences(section),
        "elements": [
            {"index": indexes[id(e)], "nodes": [tree(n) for n in element_nodes(e, pictures)]}
            for e in shown_elements(section)
        ],
    }


def _discussion(lang: str, view: ClauseView) -> Json:
    return {
        "contributions": [
            {"number": c.number, "kind": c.kind, "text": c.text, "unit": c.unit}
            for c in view.contributions
        ],
        "comments": [
            {
                "number": c.number,
                "unit": c.unit,
                "reason": c.reason,
                "proposed": c.proposed,
                "disposition": c.disposition and render(lang, f"disposition.{c.disposition}"),
                "note": c.note,
            }
            for c in view.comments
        ],
    }


def authors_json(found: Written | None, timezone: tzinfo) -> Json:
    """Each hand in the element with the day it wrote there, in the alliance's time zone."""
    credits = found.credits if found else []
    return {
        "authors": [
            {
                "who": str(c),
                "date": datetime.fromtimestamp(c.time, timezone).strftime("%Y-%m-%d"),
            }
            for c in credits
        ]
    }


def ballot_json(lang: str, view: BallotView) -> Json:
    b = view.ballot
    if b.kind == Kind.ELECTION:
        choices = [{"value": f"u{c.id}", "label": c.short()} for c in view.candidates]
    else:
        choices = [
            {"value": word, "label": render(lang, f"choice.{word}")}
            for word in ("yes", "no", "abstain")
        ]
    return {
        "number": b.number,
        "title": render(lang, title(view)),
        "stage": b.kind == Kind.STAGE,
        "choices": choices,
        "tally": render(
            lang,
            msg(
                "web.ui.tally",
                cast=view.tally.cast,
                eligible=view.tally.eligible,
                yes=view.tally.yes,
                no=view.tally.no,
                abstain=view.tally.abstain,
            ),
        ),
    }


UI_WORDS = (
    "comment",
    "reason",
    "proposed",
    "send",
    "authors",
    "previous",
    "next",
    "ballots",
    "latest",
    "why_no",
    "propose",
    "proposal",
    "replace_all",
    "accept",
    "reject",
    "why_reject",
    "changes",
    "choose",
    "none",
    "card",
)


def words(lang: str) -> dict[str, str]:
    """The page's own words, in the chat's language."""
    return {word: render(lang, f"web.ui.{word}") for word in UI_WORDS}
