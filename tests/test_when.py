"""The `<when>` grammar at its edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.when import InThePast, WhenError, local, parse_when

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
