"""Numbers people and buttons give: `B2`, `#12`, `C3`, a callback's id, a deep link's project.

Only ASCII digits count, and only as many as an id can have: `str.isdigit()` also accepts `²`
and `٣`, which `int()` then refuses or reads, and twenty digits overflow a database integer.
Pure."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # 1 … 999,999,999: every id the bot hands out


def parse_id(text: str) -> int | None:
    """`12` -> 12; anything else (a sign, a space, a Unicode digit, a tenth digit) -> None."""
    return int(text) if _NUMBER.fullmatch(text) else None
