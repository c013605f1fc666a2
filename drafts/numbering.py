"""Clause numbers of an outline (GB/T 1.1 style) and the `/framework` line grammar. Pure.

A clause is addressed by its number: `4`, `4.2`, `4.2.1`; annexes `A`, `A.1`; and the unnumbered
front matter 前言 (foreword) and 引言 (introduction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_LIMIT = 200
_NUMERIC = re.compile(r"[1-9][0-9]{0,2}(?:\.[1-9][0-9]{0,2}){0,5}")
_ANNEX = re.compile(r"[A-Z](?:\.[1-9][0-9]{0,2}){0,5}")
# Unnumbered front matter: the word a user may type -> the stored key.
FRONT_MATTER = {"前言": "前言", "foreword": "前言", "引言": "引言", "introduction": "引言"}
_FRONT_ORDER = {"前言": 0, "引言": 1}


class NotANumber(ValueError):
    """The text is not a clause number."""


def normalize(text: str) -> str:
    """The canonical form of a clause number, or NotANumber."""
    word = text.strip().rstrip("．.")
    if word.lower() in FRONT_MATTER:
        return FRONT_MATTER[word.lower()]
    word = word.replace("．", ".")
    if _NUMERIC.fullmatch(word) or _ANNEX.fullmatch(word):  # annexes are capital letters
        return word
    raise NotANumber(text)


def sort_key(number: str) -> tuple[int, tuple[int, ...]]:
    if number in _FRONT_ORDER:
        return (0, (_FRONT_ORDER[number],))
    head, *rest = number.split(".")
    if head.isdigit():
        return (1, (int(head), *map(int, rest)))
    return (2, (ord(head), *map(int, rest)))


def parent(number: str) -> str | None:
    return number.rsplit(".", 1)[0] if "." in number else None


def is_front_matter(number: str) -> bool:
    return number in _FRONT_ORDER


@dataclass(frozen=True)
class OutlineLine:
    line: int  # 1-based, within the message
    number: str
    title: str


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
        title = " ".join(title.split())
        try:
            number = normalize(word)
        except NotANumber:
            errors.append(LineError(index, raw.strip(), "outline.bad_number"))
            continue
        if not title:
            if not is_front_matter(number):
                errors.append(LineError(index, raw.strip(), "outline.no_title"))
                continue
            title = number
        if len(title) > TITLE_LIMIT:
            errors.append(LineError(index, raw.strip()[:40] + "…", "outline.title_too_long"))
        elif number in seen:
            errors.append(LineError(index, raw.strip(), "outline.repeated"))
        else:
            seen.add(number)
            lines.append(OutlineLine(index, number, title))
    if errors:
        raise OutlineError(errors)
    if not lines:
        raise OutlineError([])
    return lines


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
