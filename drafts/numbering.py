"""Clause numbers of an outline (GB/T 1.1 style) and the `/framework` line grammar. Pure.

A clause is addressed by its number: `4`, `4.2`, `4.2.1`; annexes `A`, `A.1`; the unnumbered
front matter 前言 (foreword) and 引言 (introduction), and the back matter 参考文献 (bibliography).
An annex line of `/framework` carries its designation: `A 试验方法 (规范性)` or `B … (资料性)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.elements import one_line

TITLE_LIMIT = 200
_NUMERIC = re.compile(r"[1-9][0-9]{0,2}(?:\.[1-9][0-9]{0,2}){0,5}")
_ANNEX = re.compile(r"[A-Z](?:\.[1-9][0-9]{0,2}){0,5}")
# Unnumbered front and back matter: the word a user may type -> the stored key.
FRONT_MATTER = {"前言": "前言", "foreword": "前言", "引言": "引言", "introduction": "引言"}
BACK_MATTER = {"参考文献": "参考文献", "bibliography": "参考文献"}
_UNNUMBERED = FRONT_MATTER | BACK_MATTER
_FRONT_ORDER = {"前言": 0, "引言": 1}
BIBLIOGRAPHY = "参考文献"
# An annex's designation as typed -> as shown (GB/T 1.1: 规范性 or 资料性).
DESIGNATIONS = {
    "规范性": "规范性",
    "normative": "规范性",
    "资料性": "资料性",
    "informative": "资料性",
}
_DESIGNATION = re.compile(r"(.*?)\s*[(（]\s*(规范性|资料性|normative|informative)\s*[)）]", re.I)


class NotANumber(ValueError):
    """The text is not a clause number."""


def normalize(text: str) -> str:
    """The canonical form of a clause number, or NotANumber."""
    word = text.strip().rstrip("．.")
    if word.lower() in _UNNUMBERED:
        return _UNNUMBERED[word.lower()]
    word = word.replace("．", ".")
    if _NUMERIC.fullmatch(word) or _ANNEX.fullmatch(word):  # annexes are capital letters
        return word
    raise NotANumber(text)


def sort_key(number: str) -> tuple[int, tuple[int, ...]]:
    if number in _FRONT_ORDER:
        return (0, (_FRONT_ORDER[number],))
    if number == BIBLIOGRAPHY:
        return (3, ())
    head, *rest = number.split(".")
    if head.isdigit():
        return (1, (int(head), *map(int, rest)))
    return (2, (ord(head), *map(int, rest)))


def parent(number: str) -> str | None:
    return number.rsplit(".", 1)[0] if "." in number else None


def is_unnumbered(number: str) -> bool:
    """前言, 引言 and 参考文献: shown by their titles, never by a number."""
    return number in _FRONT_ORDER or number == BIBLIOGRAPHY


def heading(number: str, title: str, gap: str = " ") -> str:
    """A clause's heading, wherever it is shown: `4.2 材料` in the chat, `4.2　材料` (a full-width
    gap) in the exported standard; front and back matter by their titles alone."""
    return title if is_unnumbered(number) else f"{number}{gap}{title}"


def is_annex(number: str) -> bool:
    """`A`, `B` …: an annex itself (not one of its clauses)."""
    return len(number) == 1 and number.isalpha() and number.isupper()


def annex_of(number: str) -> str | None:
    """The letter of the annex a clause belongs to (`A.1.2` -> `A`), None in the body."""
    head = number.split(".", 1)[0]
    return head if is_annex(head) else None


@dataclass(frozen=True)
class OutlineLine:
    line: int  # 1-based, within the message
    number: str
    title: str
    annex: str = ""  # an annex's designation: 规范性 or 资料性


@dataclass(frozen=True)
class LineError:
    line: int
    text: str
    reason: str  # a catalog key


class OutlineError(Exception):
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} bad outline line(s)")
        self.errors = errors


def parse_outline(text: str) -> list[OutlineLine]:
    """Lines `<number> <title>`; blank lines are skipped; any bad line rejects the whole text."""
    lines: list[OutlineLine] = []
    errors: list[LineError] = []
    seen: set[str] = set()
    for index, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        word, _, title = raw.strip().partition(" ")
        title = one_line(title)
        try:
            number = normalize(word)
        except NotANumber:
            errors.append(LineError(index, raw.strip(), "outline.bad_number"))
            continue
        annex = ""
        if is_annex(number):
            title, annex = _designation(title)
            if not annex:
                errors.append(LineError(index, raw.strip(), "outline.annex_designation"))
                continue
        if not title:
            if not is_unnumbered(number):
                errors.append(LineError(index, raw.strip(), "outline.no_title"))
                continue
            title = number
        if len(title) > TITLE_LIMIT:
            errors.append(LineError(index, raw.strip()[:40] + "…", "outline.title_too_long"))
        elif number in seen:
            errors.append(LineError(index, raw.strip(), "outline.repeated"))
        else:
            seen.add(number)
            lines.append(OutlineLine(index, number, title, annex))
    if errors:
        raise OutlineError(errors)
    if not lines:
        raise OutlineError([])
    return lines


def _designation(title: str) -> tuple[str, str]:
    """`试验方法 (规范性)` -> ("试验方法", "规范性"); no designation -> (title, "")."""
    match = _DESIGNATION.fullmatch(title)
    if match is None:
        return title, ""
    return match.group(1).strip(), DESIGNATIONS[match.group(2).lower()]


# The usual skeleton of a standard, in the chat's language.
TEMPLATE: dict[str, list[tuple[str, str]]] = {
    "zh": [
        ("前言", "前言"),
        ("1", "范围"),
        ("2", "规范性引用文件"),
        ("3", "术语和定义"),
        ("4", "要求"),
        ("5", "试验方法"),
        ("6", "检验规则"),
        ("7", "标志、包装、运输和贮存"),
    ],
    "en": [
        ("前言", "Foreword"),
        ("1", "Scope"),
        ("2", "Normative references"),
        ("3", "Terms and definitions"),
        ("4", "Requirements"),
        ("5", "Test methods"),
        ("6", "Inspection rules"),
        ("7", "Marking, packaging, transport and storage"),
    ],
}


def template(lang: str) -> list[OutlineLine]:
    return [OutlineLine(0, number, title) for number, title in TEMPLATE[lang]]


def roman(number: int) -> str:
    """Upper-case Roman numerals, as Word and LibreOffice number the front matter."""
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        out += letters * count
    return out
