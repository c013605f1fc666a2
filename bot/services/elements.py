"""Proposals of a standard's elements beyond plain text: term entries (chapter 3), normative
references (chapter 2), bibliography entries (参考文献) and figures. Each is a contribution like
any other: the same buttons, `/accept`, and the contributor as the commit's author."""

from __future__ import annotations

from bot.domain.contributions import Kind
from bot.domain.elements import ReferenceArgs, TermArgs
from bot.services.contributions import Target, propose
from bot.services.workspace import Workspace
from drafts.document import REFERENCES_CHAPTER, TERMS_CHAPTER
from drafts.elements import figure_text, term_text
from drafts.numbering import BIBLIOGRAPHY
from storage.models import Contribution

Proposal = tuple[Contribution, Target]


async def propose_term(ws: Workspace, term: TermArgs) -> Proposal:
    text = term_text(term.term, term.english, term.definition, term.source)
    return await propose(ws, TERMS_CHAPTER, text, Kind.ADD)


async def propose_reference(ws: Workspace, reference: ReferenceArgs) -> Proposal:
    chapter = BIBLIOGRAPHY if reference.bibliography else REFERENCES_CHAPTER
    return await propose(ws, chapter, reference.text, Kind.ADD)


async def propose_figure(
    ws: Workspace, clause_text: str, title: str, picture: bytes, kind: str
) -> Proposal:
    """The picture goes to `figures/f<n>.<kind>`, named by the proposal's own number `#n`."""
    return await propose(
        ws,
        clause_text,
        lambda number: figure_text(title, f"figures/f{number:04d}.{kind}"),
        Kind.ADD,
        picture=picture,
    )
