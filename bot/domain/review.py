"""The collective review's arguments and its quorum. Pure.

`/meeting <when> | <place or link> [| 紧急]`, `/attend <name> | <unit> [| <title>]`,
`/conclude pass|revise|fail [<text>]`, `/review letter [| until <when>]`, and the quorum of a
meeting: those present at least 2/3 of the reviewing body, in exact fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil

from bot.domain.args import UsageError, parse_user_ref, required, split_bars, split_first
from bot.domain.ballots import Options, parse_options
from bot.domain.contributions import clean
from bot.domain.ids import parse_id
from drafts.elements import one_line
from drafts.vocabulary import Conclusion

PLACE_LIMIT = 300
NAME_LIMIT = 80
MINUTES_LIMIT = 2000
QUORUM = Fraction(2, 3)
URGENT_WORDS = {"紧急", "urgent"}

CONCLUSION_WORDS = {
    "pass": Conclusion.PASS, "通过": Conclusion.PASS,
    "revise": Conclusion.REVISE, "修改后通过": Conclusion.REVISE,
    "fail": Conclusion.FAIL, "不通过": Conclusion.FAIL,
}  # fmt: skip


@dataclass(frozen=True)
class MeetingPlan:
    when: str
    place: str
    urgent: bool


def parse_meeting(text: str) -> MeetingPlan:
    """`<when> | <place or video link> [| 紧急]`: a time, a place, and whether it is urgent."""
    parts = split_bars(text)
    urgent = len(parts) == 3 and parts[2].lower() in URGENT_WORDS
    if len(parts) not in (2, 3) or (len(parts) == 3 and not urgent):
        raise UsageError()
    when, place = parts[0], one_line(parts[1])
    if not when or not place or len(place) > PLACE_LIMIT:
        raise UsageError()
    return MeetingPlan(when, place, urgent)


@dataclass(frozen=True)
class Attendee:
    name: str
    unit: str
    title: str


def parse_attendee(text: str) -> Attendee:
    """`<name> | <unit or affiliation> [| <title or post>]`."""
    parts = [one_line(part) for part in split_bars(text)]
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise UsageError()
    if any(len(part) > NAME_LIMIT for part in parts):
        raise UsageError()
    return Attendee(parts[0], parts[1], parts[2] if len(parts) == 3 else "")


@dataclass(frozen=True)
class NewExpert:
    name: str
    affiliation: str
    title: str
    username: str | None


def parse_expert(text: str) -> NewExpert:
    """`<name> | <affiliation> | <title or post> [| @user]`."""
    parts = split_bars(text)
    username = None
    if len(parts) == 4:
        username = parse_user_ref(parts.pop()).username
        if username is None:  # a numeric id: the panel knows experts by their username
            raise UsageError()
    if len(parts) != 3:
        raise UsageError()
    person = parse_attendee(" | ".join(parts))
    if not person.title:
        raise UsageError()
    return NewExpert(person.name, person.unit, person.title, username)


def parse_conclusion(text: str) -> tuple[Conclusion, str]:
    """`pass|revise|fail [<text>]` (or 通过 / 修改后通过 / 不通过)."""
    word, rest = split_first(required(text))
    conclusion = CONCLUSION_WORDS.get(word.lower())
    if conclusion is None or len(rest) > MINUTES_LIMIT:
        raise UsageError()
    return conclusion, clean(rest)


def parse_minutes(text: str) -> str:
    line = clean(required(text))
    if not line or len(line) > MINUTES_LIMIT:
        raise UsageError()
    return line


def parse_letter(text: str) -> Options:
    """`letter [| until <when>]` (函审, by correspondence)."""
    parts = split_bars(text)
    if not parts or parts[0].lower() not in {"letter", "函审"}:
        raise UsageError()
    return parse_options(parts[1:], allow_secret=False)


def parse_opinion_ref(word: str) -> int | None:
    """`O3`, `o3` -> 3 (an opinion's number always carries its letter: `3` is a comment's)."""
    word = word.strip().upper()
    return parse_id(word[1:]) if word.startswith("O") else None


def quorum_needed(body: int) -> int:
    """The fewest present for a meeting of a reviewing body of `body` to vote: ⌈2/3·body⌉."""
    return ceil(QUORUM * body)


def quorum_holds(body: int, present: int) -> bool:
    return body > 0 and present >= quorum_needed(body)
