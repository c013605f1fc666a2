"""The voting rules against a direct transcription of their formulas, over every small electorate."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.voting import PRESETS, RuleError, Tally, elect, evaluate, parse_rule

# The rules, transcribed formula by formula (E eligible, Y/N/A votes, P = Y+N+A).
FORMULAS: dict[str, Callable[[int, int, int, int], bool]] = {
    "consensus": lambda e, y, n, a: y >= 1 and n == 0,
    "majority": lambda e, y, n, a: (y + n + a) > F(e, 2) and y > n,
    "two-thirds": lambda e, y, n, a: (y + n + a) > F(e, 2) and y >= F(2, 3) * (y + n),
    "three-quarters": lambda e, y, n, a: (y + n + a) >= F(2, 3) * e and y >= F(3, 4) * (y + n + a),
    "committee": lambda e, y, n, a: (
        (y + n + a) >= F(3, 4) * e and y >= F(2, 3) * (y + n + a) and n <= F(1, 4) * (y + n + a)
    ),
    "ieee": lambda e, y, n, a: (
        (y + n + a) >= F(3, 4) * e and y >= F(3, 4) * (y + n) and a < F(3, 10) * (y + n + a)
    ),
    "oasis-special": lambda e, y, n, a: y >= F(2, 3) * e and n <= F(1, 4) * e,
    # A review meeting's vote: E is the units present; yes from at least 3/4 of them.
    "meeting": lambda e, y, n, a: y >= F(3, 4) * e,
}


def _all_tallies(limit: int = 12) -> list[tuple[int, int, int, int]]:
    return [
        (e, y, n, a)
        for e in range(0, limit + 1)
        for y in range(0, e + 1)
        for n in range(0, e + 1 - y)
        for a in range(0, e + 1 - y - n)
    ]


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_every_preset_matches_the_spec_on_every_small_electorate(name: str) -> None:
    rule = PRESETS[name]
    for e, y, n, a in _all_tallies():
        assert rule.passes(Tally(e, y, n, a)) == FORMULAS[name](e, y, n, a), (name, e, y, n, a)


def test_presets_are_exactly_the_spec_ones() -> None:
    assert set(PRESETS) == set(FORMULAS)


@pytest.mark.parametrize(
    ("name", "tally", "expected"),
    [
        # three-quarters, E=9: P ≥ 6 and Y ≥ 3/4·P.
        ("three-quarters", Tally(9, 6, 2, 0), True),  # P=8 ≥ 6 and Y=6 ≥ 3/4·8 exactly
        ("three-quarters", Tally(9, 5, 3, 0), False),  # Y=5 < 3/4·8
        ("three-quarters", Tally(9, 5, 0, 0), False),  # P=5 < 6
        ("three-quarters", Tally(9, 6, 0, 0), True),  # exactly the quorum
        ("majority", Tally(10, 3, 2, 0), False),  # P=5 is not > 5
        ("majority", Tally(10, 3, 2, 1), True),
        ("majority", Tally(10, 3, 3, 1), False),  # a tie is not a majority
        ("committee", Tally(8, 4, 2, 0), False),  # N=2 ≤ 1/4·6=1.5? no
        ("ieee", Tally(4, 3, 0, 1), True),  # A=1 < 3/10·4=1.2
        ("ieee", Tally(10, 5, 0, 3), False),  # A=3 < 2.4? no
        ("meeting", Tally(4, 3, 0, 0), True),  # Y=3 ≥ 3/4·4 exactly, one present not voting
        ("meeting", Tally(4, 2, 0, 2), False),  # abstaining counts as present
        ("meeting", Tally(5, 3, 0, 0), False),  # 3 < 3.75
        ("meeting", Tally(5, 4, 1, 0), True),
    ],
)
def test_boundaries(name: str, tally: Tally, expected: bool) -> None:
    e, y, n, a = tally.eligible, tally.yes, tally.no, tally.abstain
    assert FORMULAS[name](e, y, n, a) == expected == PRESETS[name].passes(tally)


def test_thresholds_are_whole_numbers() -> None:
    results = evaluate(PRESETS["committee"], Tally(9, 5, 1, 1))
    assert [(r.condition.count.value, r.bound, r.value, r.holds) for r in results] == [
        ("P", 7, 7, True),  # P ≥ 3/4·9 = 6.75 → 7
        ("Y", 5, 5, True),  # Y ≥ 2/3·7 = 4.67 → 5
        ("N", 1, 1, True),  # N ≤ 1/4·7 = 1.75 → 1
    ]
    [strict, _] = evaluate(PRESETS["majority"], Tally(10, 0, 0, 0))
    assert strict.bound == 6  # P > 5 → at least 6
    ieee = evaluate(PRESETS["ieee"], Tally(10, 5, 0, 5))
    assert ieee[2].bound == 2  # A < 3 → at most 2


def test_custom_rules() -> None:
    rule = parse_rule("quorum=3/4 approve=2/3/cast oppose<=1/4/cast")
    assert rule.conditions == PRESETS["committee"].conditions
    for e, y, n, a in _all_tallies(8):
        assert rule.passes(Tally(e, y, n, a)) == FORMULAS["committee"](e, y, n, a)
    decisive = parse_rule("approve=1/2/decisive")
    assert decisive.passes(Tally(10, 1, 1, 0)) and not decisive.passes(Tally(10, 1, 2, 0))
    assert parse_rule(" Majority ").name == "majority"


def test_a_custom_rules_fractions_are_of_the_votes_cast_unless_it_says() -> None:
    """`approve=` and `oppose<=` count against the units that voted (abstentions included) when
    no base is named: 2 yes, 1 no, 1 abstain is 2/4 of the cast, but 2/3 of yes and no."""
    approve = parse_rule("approve=2/3")
    assert not approve.passes(Tally(10, yes=2, no=1, abstain=1))  # 2 < 2/3 · 4 (of 3: would pass)
    assert approve.passes(Tally(10, yes=4, no=1, abstain=1))  # 4 ≥ 2/3 · 6 (of 10: would fail)
    assert parse_rule("approve=2/3/decisive").passes(Tally(10, yes=2, no=1, abstain=1))
    oppose = parse_rule("approve=0 oppose<=1/4")
    assert oppose.passes(Tally(10, yes=2, no=1, abstain=1))  # 1 ≤ 1/4 · 4 (of 3: would fail)
    assert not oppose.passes(Tally(10, yes=2, no=1, abstain=0))  # 1 > 1/4 · 3 (of 10: would pass)


@pytest.mark.parametrize(
    "text",
    ["", "supermajority", "quorum=3/4", "approve=3/2", "approve=1/0", "approve=2/3 approve=1/2",
     "oppose=1/4 approve=1/2", "approve<=1/2", "quorum=1/2/cast approve=1/2", "approve=2/3/nobody"],
)  # fmt: skip
def test_bad_custom_rules(text: str) -> None:
    with pytest.raises(RuleError):
        parse_rule(text)


@given(
    st.integers(0, 12).flatmap(
        lambda e: st.tuples(
            st.just(e), st.lists(st.one_of(st.none(), st.integers(1, 3)), max_size=e)
        )
    )
)
def test_election_winner_is_the_unique_leader_under_quorum(
    case: tuple[int, list[int | None]],
) -> None:
    eligible, choices = case
    result = elect(PRESETS["majority"], eligible, choices)
    votes = {c: choices.count(c) for c in {1, 2, 3} if choices.count(c)}
    assert result.counts == votes
    assert result.quorum == (len(choices) > F(eligible, 2))
    top = max(votes.values(), default=0)
    leaders = [c for c, v in votes.items() if v == top]
    expected = leaders[0] if result.quorum and top and len(leaders) == 1 else None
    assert result.winner == expected


def test_election_tie_has_no_winner() -> None:
    assert elect(PRESETS["majority"], 4, [1, 2, 1, 2]).winner is None
    assert elect(PRESETS["majority"], 4, [1, 2, 1, None]).winner == 1
    assert elect(PRESETS["majority"], 4, [1, 1]).winner is None  # P=2 is not > 2
