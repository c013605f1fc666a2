"""Ballot kinds, choices and the `| until … | rule … | secret` option grammar. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.args import UsageError, split_bars
from bot.domain.ids import parse_id
from drafts.elements import one_line
from drafts.vocabulary import BallotKind

QUESTION_LIMIT = 500


Kind = BallotKind


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


CHOICE_WORDS: dict[str, Choice] = {
    "yes": Choice.YES, "y": Choice.YES, "同意": Choice.YES, "赞成": Choice.YES,
    "no": Choice.NO, "n": Choice.NO, "不同意": Choice.NO, "反对": Choice.NO,
    "abstain": Choice.ABSTAIN, "a": Choice.ABSTAIN, "弃权": Choice.ABSTAIN,
}  # fmt: skip
_OPTION_WORDS = {"until": "until", "截止": "until", "rule": "rule", "规则": "rule"}
_SECRET_WORDS = {"secret", "无记名"}


@dataclass(frozen=True)
class Options:
    until: str | None = None
    rule: str | None = None
    secret: bool = False


def parse_options(parts: list[str], *, allow_secret: bool) -> Options:
    """`until <when>`, `rule <rule>`, `secret` — each at most once, in any order."""
    until = rule = None
    secret = False
    for part in parts:
        word, _, value = part.partition(" ")
        key = _OPTION_WORDS.get(word.lower())
        if key == "until" and until is None and value.strip():
            until = value.strip()
        elif key == "rule" and rule is None and value.strip():
            rule = value.strip()
        elif allow_secret and part.lower() in _SECRET_WORDS and not secret:
            secret = True
        else:
            raise UsageError()
    return Options(until, rule, secret)


def parse_motion(text: str) -> tuple[str, Options]:
    """`<question> [| until <when>] [| rule <rule>] [| secret]`."""
    parts = split_bars(text)
    question = one_line(parts[0]) if parts else ""
    if not question or len(question) > QUESTION_LIMIT:
        raise UsageError()
    return question, parse_options(parts[1:], allow_secret=True)


def parse_election(text: str) -> tuple[list[str], Options]:
    """`<unit> | <unit> [| …] [| until <when>]`: at least two distinct candidates."""
    parts = split_bars(text)
    candidates = [p for p in parts if _OPTION_WORDS.get(p.partition(" ")[0].lower()) is None]
    options = parse_options([p for p in parts if p not in candidates], allow_secret=False)
    if len(candidates) < 2 or not all(candidates) or len(set(candidates)) != len(candidates):
        raise UsageError()
    return candidates, options


def parse_advance(text: str) -> Options:
    """`/advance [| until <when>] [| rule <rule>]` (the text may start with the bar or not)."""
    parts = split_bars(text)
    if parts and not parts[0]:
        parts = parts[1:]
    return parse_options(parts, allow_secret=False)


def parse_ballot_ref(word: str) -> int | None:
    """`B2`, `b2` or `2` -> 2."""
    return parse_id(word.strip().upper().removeprefix("B"))
