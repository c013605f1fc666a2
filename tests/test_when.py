"""The `<when>` grammar at its edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.reminders import DEFAULT_OFFSETS, schedule, to_send
from bot.domain.when import InThePast, WhenError, local, parse_duration, parse_when, split_span

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", NOW + timedelta(minutes=90)),
        ("36h", NOW + timedelta(hours=36)),
        ("3d", NOW + timedelta(days=3)),
        ("2w", NOW + timedelta(weeks=2)),
        ("2027-03-01 18:30", datetime(2027, 3, 1, 10, 30, tzinfo=UTC)),
        ("2027-03-05", datetime(2027, 3, 5, 15, 59, tzinfo=UTC)),  # 23:59 Shanghai
        (" 2027-03-01  10:01 ", datetime(2027, 3, 1, 2, 1, tzinfo=UTC)),
    ],
)
def test_when(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, SHANGHAI) == expected


@pytest.mark.parametrize(
    "text", ["", "soon", "0d", "3 days", "2027-13-01", "2027-02-30", "10000d", "2031-01-01", "-3d"]
)
def test_not_a_time(text: str) -> None:
    with pytest.raises(WhenError):
        parse_when(text, NOW, SHANGHAI)


@pytest.mark.parametrize("text", ["2027-03-01 10:00", "2027-02-28", "2026-12-31 23:59"])
def test_in_the_past(text: str) -> None:
    with pytest.raises(InThePast):
        parse_when(text, NOW, SHANGHAI)


def test_local() -> None:
    assert local(NOW, SHANGHAI) == "2027-03-01 10:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("2h", timedelta(hours=2)),
        (" 3D ", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
    ],
)
def test_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "0d", "3", "d", "3 days", "-1h"])
def test_bad_duration(text: str) -> None:
    with pytest.raises(WhenError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (timedelta(0), (0, 0, 0)),
        (timedelta(seconds=1), (0, 0, 1)),
        (timedelta(hours=25, minutes=30), (1, 1, 30)),
        (timedelta(seconds=-5), (0, 0, 0)),
    ],
)
def test_split_span(span: timedelta, expected: tuple[int, int, int]) -> None:
    assert split_span(span) == expected


def test_reminder_schedule_skips_what_has_passed_and_always_keeps_the_deadline() -> None:
    due = NOW + timedelta(days=2)
    assert schedule(due, NOW, DEFAULT_OFFSETS) == [
        (86400, due - timedelta(days=1)),
        (7200, due - timedelta(hours=2)),
        (0, due),
    ]
    assert schedule(NOW + timedelta(hours=1), NOW, DEFAULT_OFFSETS) == [
        (0, NOW + timedelta(hours=1))
    ]
    assert to_send([259200, 86400]) == 86400 and to_send([86400, 0]) == 0
