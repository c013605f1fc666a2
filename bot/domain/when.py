"""`<when>` in commands: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (alliance time zone) or relative `90m`,
`36h`, `3d`, `2w`. A date alone means the end of that day. Pure."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_RELATIVE = re.compile(r"([1-9][0-9]{0,3})\s*(m|min|h|d|w)")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# Long enough for any real ballot or consultation, short enough to catch a typo in the year.
LONGEST = timedelta(days=3 * 366)


class WhenError(ValueError):
    """Not a time this grammar knows."""


class InThePast(ValueError):
    """The time has passed already."""


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """The moment `text` names, in UTC; raises WhenError or InThePast."""
    word = text.strip().lower()
    if match := _RELATIVE.fullmatch(word):
        moment = now + timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    else:
        moment = _absolute(word, tz)
    if moment <= now:
        raise InThePast(text)
    if moment - now > LONGEST:
        raise WhenError(text)
    return moment.astimezone(UTC)


def _absolute(word: str, tz: ZoneInfo) -> datetime:
    for pattern, date_only in (("%Y-%m-%d %H:%M", False), ("%Y-%m-%d", True)):
        try:
            parsed = datetime.strptime(" ".join(word.split()), pattern)
        except ValueError:
            continue
        if date_only:
            parsed = datetime.combine(parsed.date(), time(23, 59))
        return parsed.replace(tzinfo=tz)
    raise WhenError(word)


def local(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def parse_duration(text: str) -> timedelta:
    """`90m`, `36h`, `3d`, `2w` as a span of time (WhenError otherwise)."""
    match = _RELATIVE.fullmatch(text.strip().lower())
    if match is None:
        raise WhenError(text)
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def split_span(span: timedelta) -> tuple[int, int, int]:
    """(days, hours, minutes) of a non-negative span, minutes rounded up."""
    minutes = max(0, math.ceil(span.total_seconds() / 60))
    return minutes // 1440, minutes % 1440 // 60, minutes % 60
