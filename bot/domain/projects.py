"""The `/newproject` argument grammar."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.args import UsageError, split_bars
from drafts.elements import one_line

CODE_LIMIT = 64
TITLE_LIMIT = 300


@dataclass(frozen=True)
class NewProject:
    code: str
    title: str


def parse_new_project(text: str) -> NewProject:
    """`<code> | <title>`, e.g. `T/CVA 012—2027 | 石油天然气工业用钢制闸阀`."""
    parts = split_bars(text)
    if len(parts) != 2 or not all(parts):
        raise UsageError()
    code, title = parts
    if len(code) > CODE_LIMIT or len(title) > TITLE_LIMIT or "\n" in code:
        raise UsageError()
    return NewProject(one_line(code), one_line(title))
