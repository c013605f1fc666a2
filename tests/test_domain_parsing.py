"""Pure argument grammars and the permission table."""

from __future__ import annotations

import pytest

from bot.domain.args import UsageError, UserRef, parse_user_ref, split_bars, split_first
from bot.domain.projects import parse_new_project
from bot.domain.roles import Action, Role, is_allowed, roles_needed
from bot.domain.units import NewUnit, UnitKind, parse_new_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("朝达阀门", NewUnit("朝达阀门", None, UnitKind.OTHER, False)),
        ("朝达阀门 | 朝达", NewUnit("朝达阀门", "朝达", UnitKind.OTHER, False)),
        ("朝达阀门 | 朝达 | 企业", NewUnit("朝达阀门", "朝达", UnitKind.ENTERPRISE, False)),
        ("X | x | University | Observer", NewUnit("X", "x", UnitKind.UNIVERSITY, True)),
        ("X | observer", NewUnit("X", None, UnitKind.OTHER, True)),
        ("X | 观察员 | 用户", NewUnit("X", None, UnitKind.USER, True)),
        ("X |  | 高校", NewUnit("X", None, UnitKind.UNIVERSITY, False)),
    ],
)
def test_new_unit(text: str, expected: NewUnit) -> None:
    assert parse_new_unit(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "| 简称",
        "X | a | b",
        "X | 企业 | 高校",
        "X | observer | observer",
        "名" * 101,
        "X | " + "s" * 31,
    ],
)
def test_bad_new_unit(text: str) -> None:
    with pytest.raises(UsageError):
        parse_new_unit(text)


def test_new_project() -> None:
    parsed = parse_new_project(" T/CVA 012—2027 |  石油天然气工业用\n钢制闸阀 ")
    assert (parsed.code, parsed.title) == ("T/CVA 012—2027", "石油天然气工业用 钢制闸阀")


@pytest.mark.parametrize(
    "text", ["", "T/A", "| t", "c |", "a | b | c", "c" * 65 + " | t", "c | " + "t" * 301]
)
def test_bad_new_project(text: str) -> None:
    with pytest.raises(UsageError):
        parse_new_project(text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("@liwei", UserRef(username="liwei")),
        ("@Li_Wei_2", UserRef(username="Li_Wei_2")),
        ("12345", UserRef(user_id=12345)),
    ],
)
def test_user_ref(word: str, expected: UserRef) -> None:
    assert parse_user_ref(word) == expected


@pytest.mark.parametrize("word", ["liwei", "@li", "@1abc", "0", "-5", "12a", "@" + "a" * 33, ""])
def test_bad_user_ref(word: str) -> None:
    with pytest.raises(UsageError):
        parse_user_ref(word)


def test_split_helpers() -> None:
    assert split_bars("") == []
    assert split_bars(" a | b c |") == ["a", "b c", ""]
    assert split_first("  add 朝达\n第二行 ") == ("add", "朝达\n第二行")
    assert split_first("") == ("", "")


# Who may do what, written out by hand (not computed from the table under test): one row an
# action, a column a role held alone — member, drafter, observer, chair, secretariat, self, anyone.
WHO_MAY = """
read            y y y y y y y
join            y y y y y y y
set_language    . . . y y y .
contribute      y y . y . . .
edit_framework  . y . y . . .
decide          . y . y . . .
vote            y y . y . . .
declare_patents y y y y . . .
comment         y y y y . . .
export          . . . y y . .
manage_project  . . . y y . .
administer      . . . . y . .
"""
ROLE_COLUMNS = (
    Role.MEMBER,
    Role.DRAFTER,
    Role.OBSERVER,
    Role.CHAIR,
    Role.SECRETARIAT,
    Role.SELF,
    Role.ANYONE,
)


def test_anyone_may_read_and_only_listed_roles_may_act() -> None:
    rows = [line.split() for line in WHO_MAY.strip().splitlines()]
    assert {Action(row[0]) for row in rows} == set(Action) and set(ROLE_COLUMNS) == set(Role)
    for action, *marks in rows:
        for role, mark in zip(ROLE_COLUMNS, marks, strict=True):
            assert is_allowed(frozenset({role}), Action(action)) == (mark == "y"), (action, role)


def test_denials_name_roles_in_a_stable_order() -> None:
    assert roles_needed(Action.MANAGE_PROJECT) == (Role.CHAIR, Role.SECRETARIAT)
    assert roles_needed(Action.SET_LANGUAGE) == (Role.CHAIR, Role.SECRETARIAT, Role.SELF)
    assert all(roles_needed(action) for action in Action)
