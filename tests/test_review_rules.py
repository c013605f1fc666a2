"""The collective review's pure rules at their edges: the quorum of a meeting for every reviewing
body of 1 to 12 against its formula (present ≥ 2/3 of the body), and the arguments of /meeting,
/attend, /conclude, /review and the opinion references."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.domain.args import UsageError
from bot.domain.review import (
    parse_attendee,
    parse_conclusion,
    parse_letter,
    parse_meeting,
    parse_minutes,
    parse_opinion_ref,
    quorum_holds,
    quorum_needed,
)
from drafts.vocabulary import Conclusion


def test_the_quorum_on_every_body_of_one_to_twelve() -> None:
    for body in range(1, 13):
        for present in range(body + 1):
            expected = Fraction(present) >= Fraction(2, 3) * body
            assert quorum_holds(body, present) is expected, (body, present)
        needed = quorum_needed(body)
        assert quorum_holds(body, needed) and not quorum_holds(body, needed - 1), body


@pytest.mark.parametrize(
    ("body", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (9, 6), (12, 8)]
)
def test_the_quorum_in_whole_people(body: int, needed: int) -> None:
    assert quorum_needed(body) == needed


def test_an_empty_body_never_has_a_quorum() -> None:
    assert not quorum_holds(0, 0)


def test_a_meeting_needs_a_time_and_a_place() -> None:
    plan = parse_meeting("2027-01-05 09:30 | 上海 会议室 A")
    assert (plan.when, plan.place, plan.urgent) == ("2027-01-05 09:30", "上海 会议室 A", False)
    assert parse_meeting("3d | https://meeting.example/x | 紧急").urgent
    assert parse_meeting("3d | 线上 | URGENT").urgent
    for bad in (
        "",
        "3d",
        "3d |",
        "| 上海",
        "3d | 上海 | 尽快",
        "3d | 上海 | 紧急 | 多余",
        "3d | " + "长" * 301,
    ):
        with pytest.raises(UsageError):
            parse_meeting(bad)


def test_an_attendee_has_a_name_and_a_unit() -> None:
    person = parse_attendee(" 王教授 | 浙江大学 | 教授 ")
    assert (person.name, person.unit, person.title) == ("王教授", "浙江大学", "教授")
    assert parse_attendee("周工 | 上阀所").title == ""
    for bad in ("王教授", "| 浙江大学", "王教授 |", "a | b | c | d", "名" * 81 + " | 单位"):
        with pytest.raises(UsageError):
            parse_attendee(bad)


def test_a_conclusion_in_either_language() -> None:
    assert parse_conclusion("pass") == (Conclusion.PASS, "")
    assert parse_conclusion("修改后通过 按意见修改") == (Conclusion.REVISE, "按意见修改")
    assert parse_conclusion("FAIL") == (Conclusion.FAIL, "")
    for bad in ("", "maybe", "通过了"):
        with pytest.raises(UsageError):
            parse_conclusion(bad)


def test_minutes_and_letters_and_opinion_refs() -> None:
    assert parse_minutes("  专家组逐条审查  ") == "专家组逐条审查"
    with pytest.raises(UsageError):
        parse_minutes("   ")
    assert parse_letter("letter").until is None
    assert parse_letter("函审 | until 14d").until == "14d"
    for bad in ("", "meeting", "letter | secret", "letter | until 3d | until 4d"):
        with pytest.raises(UsageError):
            parse_letter(bad)
    assert [parse_opinion_ref(w) for w in ("O3", "o12", "3", "C3", "O", "Ox")] == [
        3,
        12,
        None,
        None,
        None,
        None,
    ]
