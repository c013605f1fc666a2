"""Word's numbering as Word displays it, from numbering.xml alone: number formats at their edges,
level texts (`%1%2.%3`, `%10.%2`, a level in format none), counters shared by the instances of
one abstract numbering, restarts of deeper levels (and `w:lvlRestart`), `w:startOverride`,
`w:isLgl`, bullets, and numberings a file names but does not define. Pure."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml

from drafts.importing.word_numbering import Counters, formatted, read_numbering

pytestmark = pytest.mark.pure

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbering(body: str) -> Counters:
    return Counters(read_numbering(parse_xml(f"<w:numbering {_W}>{body}</w:numbering>")))


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(key: str, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{key}">{"".join(levels)}</w:abstractNum>'


def num(num_id: str, key: str, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{key}"/>{overrides}</w:num>'


def shown(counters: Counters, *steps: tuple[str, int]) -> list[str]:
    out = []
    for num_id, ilvl in steps:
        found = counters.label(num_id, ilvl)
        out.append("?" if found is None else found[0] + found[1])
    return out


@pytest.mark.parametrize(
    ("number", "fmt", "text"),
    [
        (1, "decimal", "1"),
        (10, "decimal", "10"),
        (1, "upperLetter", "A"),
        (26, "upperLetter", "Z"),
        (27, "upperLetter", "AA"),
        (28, "lowerLetter", "bb"),
        (0, "upperLetter", ""),
        (4, "upperRoman", "IV"),
        (9, "lowerRoman", "ix"),
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (99, "chineseCountingThousand", "九十九"),
        (100, "chineseCounting", "100"),
        (1, "ideographTraditional", "甲"),
        (10, "ideographTraditional", "癸"),
        (11, "ideographTraditional", "11"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (3, "decimalZero", "03"),
        (12, "decimalFullWidth", "１２"),
        (5, "none", ""),
        (7, "someFormatNotKnown", "7"),
    ],
)
def test_number_formats(number: int, fmt: str, text: str) -> None:
    assert formatted(number, fmt) == text


def test_chapter_and_clause_levels_after_a_level_that_shows_nothing() -> None:
    """The template's clause numbering: level 0 (前言标题) in format none, so `%1%2.%3` is `4.1`."""
    counters = numbering(
        abstract(
            "31",
            level(0, "none", "%1"),
            level(1, "decimal", "%1%2\u3000", extra='<w:suff w:val="nothing"/>'),
            level(2, "decimal", "%1%2.%3\u3000", extra='<w:suff w:val="nothing"/>'),
            level(3, "decimal", "%1%2.%3.%4\u3000", extra='<w:suff w:val="nothing"/>'),
        )
        + num("2", "31")
    )
    steps = [("2", 0), ("2", 1), ("2", 1), ("2", 2), ("2", 3), ("2", 3), ("2", 2), ("2", 1)]
    steps += [("2", 3)]  # a level skipped: the one above it shows its start
    assert shown(counters, *steps) == [
        "\t",  # nothing but the level's separator
        "1\u3000",
        "2\u3000",
        "2.1\u3000",
        "2.1.1\u3000",
        "2.1.2\u3000",
        "2.2\u3000",
        "3\u3000",
        "3.1.1\u3000",
    ]


def test_annex_letters_and_their_clauses() -> None:
    counters = numbering(
        abstract(
            "27",
            level(0, "upperLetter", "附录%1", extra='<w:suff w:val="nothing"/>'),
            level(1, "decimal", "%1.%2\u3000", extra='<w:suff w:val="nothing"/>'),
        )
        + num("5", "27")
    )
    assert shown(counters, ("5", 0), ("5", 1), ("5", 1), ("5", 0), ("5", 1)) == [
        "附录A",
        "A.1\u3000",
        "A.2\u3000",
        "附录B",
        "B.1\u3000",
    ]


def test_percent_ten_is_level_one_then_a_zero() -> None:
    """The template's 引言 clauses: `%10.%2` is 0.1 — there is no tenth level."""
    counters = numbering(
        abstract("3", level(0, "none", "%1"), level(1, "decimal", "%10.%2 ")) + num("36", "3")
    )
    assert shown(counters, ("36", 0), ("36", 1), ("36", 1)) == ["\t", "0.1 \t", "0.2 \t"]


def test_instances_of_one_abstract_share_its_counters_until_an_override_restarts_them() -> None:
    counters = numbering(
        abstract("2", level(0, "decimal", "注%1：", extra='<w:suff w:val="nothing"/>'))
        + num("25", "2")
        + num("38", "2")
        + num(
            "40",
            "2",
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
        )
    )
    steps = [("25", 0), ("25", 0), ("38", 0), ("40", 0), ("40", 0)]
    assert shown(counters, *steps) == ["注1：", "注2：", "注3：", "注1：", "注2："]


def test_start_values_and_a_level_that_never_restarts() -> None:
    counters = numbering(
        abstract(
            "9",
            level(0, "decimal", "%1."),
            level(1, "lowerLetter", "%2)", start=3, extra='<w:lvlRestart w:val="0"/>'),
            level(2, "decimal", "(%3)"),
        )
        + num("7", "9")
    )
    steps = [("7", 1), ("7", 2), ("7", 0), ("7", 1), ("7", 2)]
    assert shown(counters, *steps) == ["c)\t", "(1)\t", "1.\t", "d)\t", "(1)\t"]


def test_legal_numbering_shows_every_level_in_decimal() -> None:
    counters = numbering(
        abstract(
            "4",
            level(0, "upperRoman", "%1"),
            level(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
        )
        + num("3", "4")
    )
    assert shown(counters, ("3", 0), ("3", 0), ("3", 1)) == ["I\t", "II\t", "2.1\t"]


def test_bullets_write_no_label_and_unknown_numberings_are_not_labels() -> None:
    counters = numbering(
        abstract("1", level(0, "bullet", "\uf06c")) + num("28", "1") + num("99", "missing")
    )
    assert counters.label("28", 0) == ("", "\t", "bullet")
    assert counters.label("99", 0) is None  # its abstract is not in the file
    assert counters.label("28", 4) is None  # a level the abstract does not have
    assert counters.label("7", 0) is None  # a numId the file does not have
    assert counters.label("0", 0) is None  # numbering switched off


def test_a_numbering_defined_through_a_numbering_style() -> None:
    """`w:numStyleLink`: the abstract is empty and takes its levels from the one that defines
    the numbering style."""
    counters = numbering(
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="Headings"/>'
        + level(0, "decimal", "%1")
        + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Headings"/></w:abstractNum>'
        + num("5", "2")
    )
    assert shown(counters, ("5", 0), ("5", 0)) == ["1\t", "2\t"]
