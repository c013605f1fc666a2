"""The ballot message under a burst of votes, with the deployed behaviour (bot/outbox/plan.py):
the first vote's edit goes at once, the rest within the interval merge into one edit with the
latest tally, a close's result is final, and a waiting edit is owed across a restart. Time is the
outbox's virtual pace: `settle(everything=True)` lets the interval pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram.error import NetworkError

from bot.config import Settings
from bot.offline import ApiCall
from storage.models import Ballot, OutboxMessage
from tests.actors import CHAIR, GROUP, LI, SEC, ZHANG
from tests.conftest import Bot, Clock, make_settings, started, with_project

INTERVAL = 0.4


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return make_settings(tmp_path, db_url, live_edit_seconds=INTERVAL)


async def _open_ballot(bot: Bot) -> int:
    """朝达 (李伟) and 华理 (张敏) vote on B1; returns the ballot message's id."""
    for user, unit in ((LI, "朝达"), (ZHANG, "华理")):
        await bot.say(user, GROUP, f"/join {unit}")
        await bot.say(SEC, GROUP, f"/approve @{user.username}")
        await bot.say(CHAIR, GROUP, f"/wg add {unit}")
    await bot.say(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？")
    [message_id] = await bot.rows(select(Ballot.message_id))
    assert message_id[0] is not None
    return int(message_id[0])


def _edits(calls: list[ApiCall], message_id: int) -> list[ApiCall]:
    return [
        c for c in calls if c.method == "editMessageText" and c.params["message_id"] == message_id
    ]


async def test_a_burst_of_votes_is_one_edit_now_and_one_with_the_latest_tally(
    project_bot: Bot,
) -> None:
    bot = project_bot
    ballot = await _open_ballot(bot)
    first = await bot.calls(LI, GROUP, "/vote B1 yes")
    [now] = _edits(first, ballot)
    assert "同意 1 · 不同意 0 · 弃权 0" in now.text and now.params["reply_markup"]
    for user, vote in ((ZHANG, "no"), (LI, "abstain"), (ZHANG, "yes")):
        calls = await bot.calls(user, GROUP, f"/vote B1 {vote}")
        assert _edits(calls, ballot) == []  # merged into the edit that follows
        assert any(c.text.startswith("已记录") for c in calls)  # every vote is still answered
    await bot.sim.settle(everything=True)  # the interval passes
    [_, merged] = _edits(bot.transport.calls, ballot)
    assert "同意 1 · 不同意 0 · 弃权 1" in merged.text and merged.params["reply_markup"]
    states = await bot.rows(select(OutboxMessage.state).where(OutboxMessage.kind == "edit"))
    assert sorted(state for (state,) in states) == ["sent", "sent", "superseded", "superseded"]


async def test_a_close_goes_at_once_and_no_waiting_edit_follows_it(project_bot: Bot) -> None:
    bot = project_bot
    ballot = await _open_ballot(bot)
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 no")  # waits for the interval
    closing = await bot.calls(CHAIR, GROUP, "/close B1")
    [final] = _edits(closing, ballot)
    assert "reply_markup" not in final.params or not final.params["reply_markup"]
    await bot.sim.settle(everything=True)
    assert _edits(bot.transport.calls, ballot)[-1] is final  # nothing overwrote the result


async def test_a_waiting_edit_is_sent_after_a_restart(settings: Settings, clock: Clock) -> None:
    async with started(settings, clock) as bot:
        ballot = await _open_ballot(await with_project(bot))
        await bot.say(LI, GROUP, "/vote B1 yes")
        await bot.say(ZHANG, GROUP, "/vote B1 yes")
        assert len(_edits(bot.transport.calls, ballot)) == 1  # the second waits: then a stop
    async with started(settings, clock) as again:
        [last] = _edits(again.transport.calls, ballot)
    assert "同意 2 · 不同意 0 · 弃权 0" in last.text


async def test_a_merged_edit_lost_on_the_network_is_tried_again_until_it_lands(
    project_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = project_bot
    ballot = await _open_ballot(bot)
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 no")  # merged: sent when the interval ends
    attempts = []
    answer = bot.transport.do_request

    async def flaky(url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("/editMessageText"):
            attempts.append(url)
            if len(attempts) <= 3:
                raise NetworkError("connection reset")
        return await answer(url, method, *args, **kwargs)

    monkeypatch.setattr(bot.transport, "do_request", flaky)
    await bot.sim.settle(everything=True)
    assert len(attempts) == 4
    assert "同意 1 · 不同意 1 · 弃权 0" in _edits(bot.transport.calls, ballot)[-1].text
