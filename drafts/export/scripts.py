"""Sub- and superscripts in a formula and its 式中 lines, as members type them: `p_t`, `x^2`,
`a_{max}`, `10^{-3}`. Pure: text in, the runs to lay out (each plain, subscript or superscript).

A `_` or `^` right after a character lowers or raises the next character, or the `{…}` group that
follows; anywhere else (at the start, after a space, before a space or the end) it is itself."""

from __future__ import annotations

from enum import StrEnum


class Place(StrEnum):
    LINE = ""
    SUB = "sub"
    SUP = "sup"


MARKS = {"_": Place.SUB, "^": Place.SUP}
Run = tuple[str, Place]


def script_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    plain = ""
    i = 0
    while i < len(text):
        char = text[i]
        after_base = i > 0 and not text[i - 1].isspace()
        script = _script_at(text, i) if char in MARKS and after_base else None
        if script is None:
            plain += char
            i += 1
            continue
        content, i = script
        runs += [(plain, Place.LINE), (content, MARKS[char])]
        plain = ""
    runs.append((plain, Place.LINE))
    return [run for run in runs if run[0]] or [("", Place.LINE)]


def _script_at(text: str, i: int) -> tuple[str, int] | None:
    """The scripted text after the mark at `i`, and where the text goes on."""
    rest = text[i + 1 :]
    if rest.startswith("{") and (end := rest.find("}")) > 1:
        return rest[1:end], i + end + 2
    if rest and not rest[0].isspace() and rest[0] not in "{}":
        return rest[0], i + 2
    return None
