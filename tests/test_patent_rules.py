"""Patent commitment grammars and the weakening order. Pure."""

from __future__ import annotations

import pytest

from bot.domain.args import UsageError
from bot.domain.patents import (
    Declaration,
    Mode,
    Patent,
    PatentLinesError,
    parse_one_line,
    parse_patent_lines,
    weakens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", Declaration(None)),
        ("free ZL202110123456.7", Declaration(Mode.FREE, (Patent("ZL202110123456.7"),))),
        (
            "RAND CN1 CN2、CN3",
            Declaration(Mode.RAND, (Patent("CN1"), Patent("CN2"), Patent("CN3"))),
        ),
        (
            "pool 阀门专利池 | US10,123,456B2",
            Declaration(Mode.POOL, (Patent("US10,123,456B2"),), pool="阀门专利池"),
        ),
        ("refuse EP1234567", Declaration(Mode.REFUSE, (Patent("EP1234567"),))),
    ],
)
def test_one_line_forms(text: str, expected: Declaration) -> None:
    assert parse_one_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "none ZL1",
        "free",
        "gratis ZL123",
        "pool | ZL123",
        "pool 池",
        "pool 池 | ",
        "free ZL123 ZL123",
        "free 专利一号",
        "rand ab",
    ],
)
def test_bad_one_line_forms(text: str) -> None:
    with pytest.raises(UsageError):
        parse_one_line(text)


def test_patent_lines() -> None:
    patents = parse_patent_lines(
        "ZL202110123456.7 | 一种闸阀密封结构 | CN | 4.1, 4.2 | 已授权\n\nUS10123456B2 | Gate seal | us | A.1 | pending"
    )
    assert patents == (
        Patent("ZL202110123456.7", "一种闸阀密封结构", "CN", ("4.1", "4.2"), "granted"),
        Patent("US10123456B2", "Gate seal", "US", ("A.1",), "pending"),
    )


def test_every_bad_patent_line_is_reported() -> None:
    with pytest.raises(PatentLinesError) as raised:
        parse_patent_lines(
            "ZL1234 | 标题 | CN | 4.1 | granted\n"
            " | 标题 | CN | 4.1 | granted\n"
            "ZL5678 | 标题 | CN | 4.1\n"
            "ZL1234 | 重复 | CN | 4.1 | granted\n"
            "ZL9999 | 标题 | Atlantis | 4.1 | granted\n"
            "ZL8888 | 标题 | CN | 四 | granted\n"
            "ZL7777 | 标题 | CN | 4.1 | maybe\n"
            "ZL6666 |  | CN | 4.1 | granted"
        )
    assert [(p.line, p.reason) for p in raised.value.problems] == [
        (2, "patent.line.number"),
        (3, "patent.line.fields"),
        (4, "patent.line.repeated"),
        (5, "patent.line.jurisdiction"),
        (6, "patent.line.clauses"),
        (7, "patent.line.status"),
        (8, "patent.line.title"),
    ]
    with pytest.raises(PatentLinesError):
        parse_patent_lines("\n \n")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Mode.FREE, Mode.RAND, True), (Mode.FREE, Mode.POOL, True), (Mode.FREE, Mode.REFUSE, True),
        (Mode.RAND, Mode.REFUSE, True), (Mode.POOL, Mode.REFUSE, True), (Mode.RAND, Mode.POOL, False),
        (Mode.REFUSE, Mode.FREE, False), (Mode.RAND, Mode.FREE, False), (None, Mode.REFUSE, False),
        (Mode.FREE, None, False), (Mode.FREE, Mode.FREE, False),
    ],
)  # fmt: skip
def test_weakening(before: Mode | None, after: Mode | None, expected: bool) -> None:
    assert weakens(before, after) is expected
