"""Which reminder of a deadline goes out. Pure.

A deadline has reminders at offsets before it (default 3 days, 1 day, 2 hours) and one at the
deadline itself (offset 0). When several have fallen due at once — the bot was down — only the
latest of them is sent: the one closest to the deadline, which is the deadline notice itself once
that is due. The others are marked superseded, never sent late.
"""

from __future__ import annotations

from datetime import datetime, timedelta

DEFAULT_OFFSETS = (timedelta(days=3), timedelta(days=1), timedelta(hours=2))


def schedule(
    due_at: datetime, now: datetime, offsets: tuple[timedelta, ...]
) -> list[tuple[int, datetime]]:
    """(offset in seconds, fire time) of the reminders still ahead; always the deadline notice."""
    times = [
        (int(offset.total_seconds()), due_at - offset)
        for offset in sorted(set(offsets), reverse=True)
    ]
    return [(offset, when) for offset, when in times if when > now] + [(0, due_at)]


def to_send(due_offsets: list[int]) -> int:
    """Of the offsets that have all fallen due, the one to send (the others are superseded)."""
    return min(due_offsets)
