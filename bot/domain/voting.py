"""The voting rules, in exact fractions (for their users: docs/voting.md).

A rule is a list of conditions `<count> <op> <fraction> · <base>`, where the count is Y (yes),
N (no), A (abstain) or P (units that voted) and the base is E (eligible units), P (cast),
D (decisive = Y + N), N, or 1 (a constant). Every threshold can be shown as a whole number of votes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Count(StrEnum):
    YES = "Y"
    NO = "N"
    ABSTAIN = "A"
    CAST = "P"


class Base(StrEnum):
    ELIGIBLE = "E"
    CAST = "P"
    DECISIVE = "D"
    NO = "N"
    ONE = "1"


class Op(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"


@dataclass(frozen=True)
class Tally:
    eligible: int
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    def count(self, count: Count) -> int:
        return {
            Count.YES: self.yes,
            Count.NO: self.no,
            Count.ABSTAIN: self.abstain,
            Count.CAST: self.cast,
        }[count]

    def base(self, base: Base) -> int:
        return {
            Base.ELIGIBLE: self.eligible,
            Base.CAST: self.cast,
            Base.DECISIVE: self.yes + self.no,
            Base.NO: self.no,
            Base.ONE: 1,
        }[base]


@dataclass(frozen=True)
class Condition:
    count: Count
    op: Op
    fraction: Fraction
    base: Base

    def bound(self, tally: Tally) -> int:
        """The whole-number bound on the count: `count ≥ bound` for ≥/>, `count ≤ bound` for ≤/<."""
        limit = self.fraction * tally.base(self.base)
        if self.op is Op.GE:
            return math.ceil(limit)
        if self.op is Op.GT:
            return math.floor(limit) + 1
        if self.op is Op.LE:
            return math.floor(limit)
        return math.ceil(limit) - 1

    @property
    def is_floor(self) -> bool:
        """True for `at least` conditions, False for `at most`."""
        return self.op in (Op.GE, Op.GT)

    def holds(self, tally: Tally) -> bool:
        value = tally.count(self.count)
        bound = self.bound(tally)
        return value >= bound if self.is_floor else value <= bound

    @property
    def is_quorum(self) -> bool:
        return self.count is Count.CAST and self.base is Base.ELIGIBLE


@dataclass(frozen=True)
class Rule:
    name: str
    conditions: tuple[Condition, ...]

    def passes(self, tally: Tally) -> bool:
        return all(condition.holds(tally) for condition in self.conditions)

    def quorum_holds(self, tally: Tally) -> bool:
        return all(c.holds(tally) for c in self.conditions if c.is_quorum)


def _c(count: Count, op: Op, fraction: Fraction | int, base: Base) -> Condition:
    return Condition(count, op, Fraction(fraction), base)


Y, N, A, P = Count.YES, Count.NO, Count.ABSTAIN, Count.CAST
F = Fraction
PRESETS: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("consensus", (_c(Y, Op.GE, 1, Base.ONE), _c(N, Op.LE, 0, Base.ONE))),
        Rule("majority", (_c(P, Op.GT, F(1, 2), Base.ELIGIBLE), _c(Y, Op.GT, 1, Base.NO))),
        Rule(
            "two-thirds",
            (_c(P, Op.GT, F(1, 2), Base.ELIGIBLE), _c(Y, Op.GE, F(2, 3), Base.DECISIVE)),
        ),
        Rule(
            "three-quarters",
            (_c(P, Op.GE, F(2, 3), Base.ELIGIBLE), _c(Y, Op.GE, F(3, 4), Base.CAST)),
        ),
        Rule(
            "committee",
            (
                _c(P, Op.GE, F(3, 4), Base.ELIGIBLE),
                _c(Y, Op.GE, F(2, 3), Base.CAST),
                _c(N, Op.LE, F(1, 4), Base.CAST),
            ),
        ),
        Rule(
            "ieee",
            (
                _c(P, Op.GE, F(3, 4), Base.ELIGIBLE),
                _c(Y, Op.GE, F(3, 4), Base.DECISIVE),
                _c(A, Op.LT, F(3, 10), Base.CAST),
            ),
        ),
        Rule(
            "oasis-special",
            (_c(Y, Op.GE, F(2, 3), Base.ELIGIBLE), _c(N, Op.LE, F(1, 4), Base.ELIGIBLE)),
        ),
        # A review meeting's vote among those present, who are its electorate: E = present.
        Rule("meeting", (_c(Y, Op.GE, F(3, 4), Base.ELIGIBLE),)),
    )
}

_BASES = {"cast": Base.CAST, "decisive": Base.DECISIVE, "eligible": Base.ELIGIBLE}
_FRACTION = r"([0-9]{1,4})(?:/([0-9]{1,4}))?"
_CUSTOM_PART = re.compile(
    rf"(quorum|approve|oppose)(=|<=)({_FRACTION})(?:/(cast|decisive|eligible))?"
)


class RuleError(ValueError):
    """Not a preset name nor a well-formed custom rule."""


def parse_rule(text: str) -> Rule:
    """A preset name, or `quorum=3/4 approve=2/3/cast oppose<=1/4/cast` (any of the three parts)."""
    words = text.strip().lower().split()
    if len(words) == 1 and words[0] in PRESETS:
        return PRESETS[words[0]]
    conditions: list[Condition] = []
    seen: set[str] = set()
    for word in words:
        match = _CUSTOM_PART.fullmatch(word)
        if match is None:
            raise RuleError(text)
        part, op, _, numerator, denominator, base = match.groups()
        if part in seen or int(denominator or 1) == 0:
            raise RuleError(text)
        fraction = Fraction(int(numerator), int(denominator or 1))
        if fraction > 1:
            raise RuleError(text)
        seen.add(part)
        if part == "quorum" and op == "=" and base in (None, "eligible"):
            conditions.append(Condition(P, Op.GE, fraction, Base.ELIGIBLE))
        elif part == "approve" and op == "=":
            conditions.append(Condition(Y, Op.GE, fraction, _BASES[base or "cast"]))
        elif part == "oppose" and op == "<=":
            conditions.append(Condition(N, Op.LE, fraction, _BASES[base or "cast"]))
        else:
            raise RuleError(text)
    if "approve" not in seen:
        raise RuleError(text)
    return Rule(" ".join(words), tuple(conditions))


@dataclass(frozen=True)
class ConditionResult:
    condition: Condition
    bound: int
    value: int
    holds: bool


def evaluate(rule: Rule, tally: Tally) -> list[ConditionResult]:
    return [
        ConditionResult(c, c.bound(tally), tally.count(c.count), c.holds(tally))
        for c in rule.conditions
    ]


@dataclass(frozen=True)
class ElectionResult:
    counts: dict[int, int]  # candidate -> votes
    quorum: bool
    winner: int | None  # None: no quorum, no votes, or a tie


def elect(rule: Rule, eligible: int, choices: list[int | None]) -> ElectionResult:
    """Each voting unit's choice (a candidate, or None to abstain); most votes wins if the rule's
    quorum holds; a tie has no winner."""
    counts: dict[int, int] = {}
    for choice in choices:
        if choice is not None:
            counts[choice] = counts.get(choice, 0) + 1
    tally = Tally(eligible, yes=sum(counts.values()), abstain=choices.count(None))
    quorum = rule.quorum_holds(tally)
    top = max(counts.values(), default=0)
    leaders = [candidate for candidate, votes in counts.items() if votes == top]
    winner = leaders[0] if quorum and top > 0 and len(leaders) == 1 else None
    return ElectionResult(counts, quorum, winner)


# A vote's place in the order people acted (a unit's later vote replaces its earlier one):
# Telegram's update ids, spaced so that a reading-view vote fits between two updates.
ACTED_STEP = 1 << 16


def chat_order(update_id: int) -> int:
    """The place of a vote cast by Telegram update `update_id`."""
    return update_id * ACTED_STEP


def web_order_after(last_update: int, standing: int | None) -> int:
    """The place of a reading-view vote: after update `last_update` (the last Telegram delivered)
    and after the unit's standing vote, before update `last_update + 1` (room for 65,535 votes
    of the reading view between two updates)."""
    return max(chat_order(last_update), standing or 0) + 1
