"""Consultation comments and their dispositions. Pure."""

from __future__ import annotations

from bot.domain.args import UsageError, split_first
from bot.domain.contributions import TEXT_LIMIT, clean
from bot.domain.ids import parse_id
from drafts.vocabulary import Disposition

PROPOSAL_MARK = "=>"


DISPOSITION_WORDS = {
    "accept": Disposition.ACCEPT, "采纳": Disposition.ACCEPT,
    "partial": Disposition.PARTIAL, "部分采纳": Disposition.PARTIAL,
    "reject": Disposition.REJECT, "不采纳": Disposition.REJECT,
}  # fmt: skip


def parse_comment(text: str) -> tuple[str, str, str | None]:
    """`<clause> <reason>` with an optional line `=> <proposed text>`: (clause, reason, proposal)."""
    clause, rest = split_first(text)
    reason_part, mark, proposal_part = rest.partition(PROPOSAL_MARK)
    reason, proposal = clean(reason_part), clean(proposal_part) if mark else None
    if not clause or not reason or (mark and not proposal):
        raise UsageError()
    if len(reason) > TEXT_LIMIT or (proposal and len(proposal) > TEXT_LIMIT):
        raise UsageError()
    return clause, reason, proposal


def parse_comment_ref(word: str) -> int | None:
    """`C3`, `c3` or `3` -> 3."""
    return parse_id(word.strip().upper().removeprefix("C"))


def parse_resolution(text: str) -> tuple[int, Disposition, str]:
    """`C<n> accept|partial|reject <note>`; a partial or reject needs its note."""
    ref_word, rest = split_first(text)
    word, note = split_first(rest)
    ref = parse_comment_ref(ref_word)
    disposition = DISPOSITION_WORDS.get(word.lower())
    if ref is None or disposition is None:
        raise UsageError()
    if disposition is not Disposition.ACCEPT and not note.strip():
        raise UsageError()
    return ref, disposition, note.strip()
