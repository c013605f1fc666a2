"""Patent licensing commitments: modes, what counts as weakening, and the grammars of
the one-line forms and of a patent line. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.args import UsageError, split_bars
from drafts.numbering import NotANumber, normalize

POOL_NAME_LIMIT = 100
TITLE_LIMIT = 200
PATENTS_LIMIT = 50


class Mode(StrEnum):
    FREE = "free"  # 免费许可 (RAND-Free)
    RAND = "rand"  # 收费许可 (RAND)
    POOL = "pool"  # 专利池
    REFUSE = "refuse"  # 不同意许可


# How much a mode commits the holder to license; a lower value than before is a weakening.
STRENGTH = {Mode.FREE: 3, Mode.RAND: 2, Mode.POOL: 2, Mode.REFUSE: 1}


def weakens(before: Mode | None, after: Mode | None) -> bool:
    """free → rand/pool → refuse (a `none known` declaration commits nothing either way)."""
    return before is not None and after is not None and STRENGTH[after] < STRENGTH[before]


_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,/\-]{2,39}")
_STATUS_WORDS = {"granted": "granted", "授权": "granted", "已授权": "granted",
                 "pending": "pending", "申请中": "pending", "在审": "pending"}  # fmt: skip


@dataclass(frozen=True)
class Patent:
    number: str
    title: str = ""
    jurisdiction: str = ""
    clauses: tuple[str, ...] = ()
    status: str = ""  # granted | pending | "" (not given in a one-line form)


@dataclass(frozen=True)
class Declaration:
    """What a unit declares: no essential patents known (mode None), or patents and a mode."""

    mode: Mode | None
    patents: tuple[Patent, ...] = ()
    pool: str | None = None


def parse_numbers(text: str) -> tuple[Patent, ...]:
    """Numbers separated by spaces, `，` or `、` (a `,` belongs to numbers like US10,123,456B2)."""
    words = [word for word in re.split(r"[\s，、]+", text.strip()) if word]
    if not words or len(words) > PATENTS_LIMIT or not all(_NUMBER.fullmatch(w) for w in words):
        raise UsageError()
    if len(set(words)) != len(words):
        raise UsageError()
    return tuple(Patent(word) for word in words)


def parse_one_line(text: str) -> Declaration:
    """`none` | `free <numbers…>` | `rand <numbers…>` | `pool <pool name> | <numbers…>` |
    `refuse <numbers…>`."""
    word, _, rest = text.strip().partition(" ")
    word = word.lower()
    if word in {"none", "无"} and not rest.strip():
        return Declaration(None)
    if word == Mode.POOL:
        parts = split_bars(rest)
        if len(parts) != 2 or not parts[0] or len(parts[0]) > POOL_NAME_LIMIT:
            raise UsageError()
        return Declaration(Mode.POOL, parse_numbers(parts[1]), pool=parts[0])
    if word in {Mode.FREE, Mode.RAND, Mode.REFUSE}:
        return Declaration(Mode(word), parse_numbers(rest))
    raise UsageError()


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    reason: str  # a catalog key


def parse_patent_lines(text: str) -> tuple[Patent, ...]:
    """One patent a line: `<number> | <title> | <jurisdiction> | <clauses> | granted|pending`.
    Raises PatentLinesError listing every bad line; nothing is taken from a text with one."""
    patents: list[Patent] = []
    problems: list[LineProblem] = []
    seen: set[str] = set()
    for index, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [part.strip() for part in raw.split("|")]
        reason = _line_problem(parts, seen)
        if reason:
            problems.append(LineProblem(index, raw.strip()[:60], reason))
            continue
        number, title, jurisdiction, clauses, status = parts
        seen.add(number)
        patents.append(
            Patent(
                number,
                title,
                jurisdiction.upper(),
                _clauses(clauses),
                _STATUS_WORDS[status.lower()],
            )
        )
    if problems or not patents or len(patents) > PATENTS_LIMIT:
        raise PatentLinesError(problems)
    return tuple(patents)


class PatentLinesError(ValueError):
    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__(f"{len(problems)} bad patent line(s)")
        self.problems = problems


def _line_problem(parts: list[str], seen: set[str]) -> str | None:
    if len(parts) != 5:
        return "patent.line.fields"
    number, title, jurisdiction, clauses, status = parts
    if not _NUMBER.fullmatch(number):
        return "patent.line.number"
    if number in seen:
        return "patent.line.repeated"
    if not title or len(title) > TITLE_LIMIT:
        return "patent.line.title"
    if not re.fullmatch(r"[A-Za-z]{2,3}|中国|美国|欧洲|日本|韩国", jurisdiction):
        return "patent.line.jurisdiction"
    try:
        _clauses(clauses)
    except NotANumber:
        return "patent.line.clauses"
    if status.lower() not in _STATUS_WORDS:
        return "patent.line.status"
    return None


def _clauses(text: str) -> tuple[str, ...]:
    words = [word for word in re.split(r"[\s,，、]+", text.strip()) if word]
    if not words:
        raise NotANumber(text)
    return tuple(normalize(word) for word in words)
