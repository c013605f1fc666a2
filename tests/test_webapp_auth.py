"""The Mini App's launch data, checked as Telegram prescribes: signature, freshness, shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.domain.webapp_auth import NotSignedIn, Refusal, verify
from tests.actors import ZHANG
from tests.mini_app import TOKEN, launch_data

pytestmark = pytest.mark.pure
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def refusal(raw: str, *, now: datetime = NOW, token: str = TOKEN) -> Refusal:
    with pytest.raises(NotSignedIn) as raised:
        verify(raw, token, now, HOUR)
    return raised.value.why


def test_signed_launch_data_names_the_person_and_the_project() -> None:
    launch = verify(launch_data(ZHANG, NOW - timedelta(minutes=3), "p7"), TOKEN, NOW, HOUR)
    assert (launch.user_id, launch.username, launch.full_name) == (4, "zhangmin", "张敏")
    assert launch.start_param == "p7"
    assert launch.signed_at == NOW - timedelta(minutes=3)


@pytest.mark.parametrize("raw", ["", "   "])
def test_no_launch_data_is_missing(raw: str) -> None:
    assert refusal(raw) is Refusal.MISSING


def test_a_changed_field_breaks_the_signature() -> None:
    signed = launch_data(ZHANG, NOW, "p7")
    assert refusal(launch_data(ZHANG, NOW, "p7", start_param="p8")) is Refusal.FORGED
    other_person = signed.replace("%22id%22%3A4", "%22id%22%3A5")
    assert other_person != signed and refusal(other_person) is Refusal.FORGED


def test_another_bots_signature_is_refused() -> None:
    assert refusal(launch_data(ZHANG, NOW, "p7", token="2:other")) is Refusal.FORGED


def test_shape_faults_are_refused_as_forged() -> None:
    fields = dict(parse_qsl(launch_data(ZHANG, NOW, "p7")))
    without_hash = {k: v for k, v in fields.items() if k != "hash"}
    assert refusal(urlencode(without_hash)) is Refusal.FORGED
    assert refusal(urlencode(fields) + "&start_param=p8") is Refusal.FORGED  # a field twice
    assert refusal("not a query string") is Refusal.FORGED
    assert refusal(launch_data(ZHANG, NOW, "p7", hash="0" * 64)) is Refusal.FORGED


@pytest.mark.parametrize(
    ("age", "fresh"),
    [
        (timedelta(0), True),
        (HOUR, True),  # the edge is still accepted
        (HOUR + timedelta(seconds=1), False),
        (timedelta(days=2), False),
        (-timedelta(minutes=5), True),  # the signer's clock a little ahead
        (-timedelta(minutes=5, seconds=1), False),
    ],
)
def test_launch_data_older_than_allowed_is_stale(age: timedelta, fresh: bool) -> None:
    raw = launch_data(ZHANG, NOW - age, "p7")
    if fresh:
        assert verify(raw, TOKEN, NOW, HOUR).user_id == ZHANG.id
    else:
        assert refusal(raw) is Refusal.STALE


def test_the_signature_may_be_given_in_capitals() -> None:
    fields = dict(parse_qsl(launch_data(ZHANG, NOW, "p7")))
    fields["hash"] = fields["hash"].upper()
    assert verify(urlencode(fields), TOKEN, NOW, HOUR).user_id == ZHANG.id
