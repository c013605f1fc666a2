"""Deadlines and reminders through the real Application, with a controllable clock, on SQLite and
PostgreSQL: state-aware, one message per group, once across restarts and racing sweeps, never lost
to a crash or the network, superseded when several fell due together, cancelled when the deadline
moves."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select
from telegram.error import Forbidden, NetworkError

from bot.config import Settings
from bot.jobs.schedule import tick
from bot.offline import ApiCall
from bot.simulator import private_chat
from storage.models import OutboxMessage, Reminder
from tests.actors import CHAIR, GROUP, LI, NOBODY, SEC, SUN, ZHANG
from tests.conftest import Bot, Clock, started


@pytest.fixture
async def three(drafting_bot: Bot) -> Bot:
    """Voting units 朝达 (李伟), 华理 (张敏), 上阀所 (孙磊) in the working group; 李伟 has a DM open."""
    bot = drafting_bot
    await bot.say(SEC, GROUP, "/unit add 上海阀门研究所 | 上阀所")
    await bot.say(SUN, GROUP, "/join 上阀所")
    await bot.say(SEC, GROUP, "/approve @sunlei")
    for unit in ("华理", "上阀所"):
        await bot.say(CHAIR, GROUP, f"/wg add {unit}")
    await bot.say(LI, private_chat(LI), "/start")
    return bot


async def _swept(bot: Bot) -> list[ApiCall]:
    before = len(bot.transport.calls)
    await bot.sim.observe(tick(bot.sim.application))
    return [c for c in bot.transport.calls[before:] if c.method == "sendMessage"]


async def test_deadline_refusals(three: Bot) -> None:
    bot = three
    for text, expected in (
        ("/deadline", "用法：/deadline"),
        ("/deadline patents", "用法：/deadline"),
        ("/deadline patents 2020-01-01", "「2020-01-01」已经过去了。"),
        ("/deadline patents soon", "「soon」不是时间"),
        ("/deadline 9.9 3d", "框架中没有条款 9.9"),
        ("/deadline 4.1 3d", "条款 4.1 尚未分配单位"),
        ("/deadline consultation 3d", "项目不在征求意见稿阶段"),
        ("/deadline B7 3d", "没有投票 B7。"),
        ("/deadline patents off", "专利许可承诺 没有截止时间。"),
    ):
        [answer] = await bot.say(CHAIR, GROUP, text)
        assert answer.startswith(expected), (text, answer)
    [member] = await bot.say(LI, GROUP, "/deadline patents 3d")
    assert member.startswith("无权执行")
    assert await bot.rows(select(Reminder.id)) == []


async def test_ballot_reminders_name_only_units_that_have_not_voted(
    three: Bot, clock: Clock
) -> None:
    bot = three
    await bot.say(CHAIR, GROUP, "/ballot 议题")
    [set_] = await bot.say(CHAIR, GROUP, "/deadline B1 4d")
    assert set_.startswith("已设定截止时间：投票 B1 — ") and "还有 4 天 0 小时" in set_
    [listing] = await bot.say(NOBODY, GROUP, "/deadlines")
    assert listing.splitlines()[1].startswith("• 投票 B1 — ")
    assert await _swept(bot) == []  # nothing due yet
    clock.advance(days=1, minutes=1)  # the 3-days-before reminder is due
    sent = await _swept(bot)
    group = [c for c in sent if c.params["chat_id"] == GROUP.id]
    assert len(group) == 1  # one message per group, listing everyone missing
    assert (
        "尚未完成：朝达、华理、上阀所" in group[0].text
        and "@liwei" in group[0].text
        and "@sunlei" in group[0].text
    )
    direct = [c for c in sent if c.params["chat_id"] == LI.id]
    assert len(direct) == 1 and direct[0].text.startswith("⏰ T/CVA 012—2027：投票 B1 将于")
    assert await _swept(bot) == []  # not twice
    await bot.say(LI, GROUP, "/vote B1 yes")
    clock.advance(days=2)  # the 1-day-before reminder
    [later] = [c for c in await _swept(bot) if c.params["chat_id"] == GROUP.id]
    assert "尚未完成：华理、上阀所" in later.text and "@liwei" not in later.text
    await bot.say(ZHANG, GROUP, "/vote B1 yes")
    await bot.say(SUN, GROUP, "/vote B1 no")
    clock.advance(hours=23)  # the 2-hours-before reminder: everyone voted, nothing goes out
    assert await _swept(bot) == []
    clock.advance(hours=2)  # the deadline: the ballot closes and posts its result instead
    [result] = await _swept(bot)
    assert result.text.startswith("✅ 已结束，通过 — 投票 B1：议题")
    outcomes = [o for (o,) in await bot.rows(select(Reminder.outcome).order_by(Reminder.fire_at))]
    assert outcomes == ["sent", "sent", "nobody", "nobody"]


async def test_clause_reminder_stops_once_the_text_is_in(three: Bot, clock: Clock) -> None:
    bot = three
    await bot.say(LI, GROUP, "/assign 4.2 华理")
    await bot.say(CHAIR, GROUP, "/deadline 4.2 2d")
    clock.advance(days=1, minutes=1)
    [reminder] = [c for c in await _swept(bot) if c.params["chat_id"] == GROUP.id]
    assert (
        reminder.text.startswith("⏰ 条款 4.2 结构 的条文 将于")
        and "尚未完成：华理。@zhangmin" in reminder.text
    )
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
    await bot.say(LI, GROUP, "/accept #1")
    clock.advance(days=1)
    assert await _swept(bot) == []


async def test_racing_sweeps_send_once(three: Bot, clock: Clock) -> None:
    """Three sweeps at once claim the same due reminder: on PostgreSQL in three transactions on
    three connections, where the claim's guarded update lets one win. On SQLite they cannot race:
    the process has one connection (storage/database.py), so the sweeps' units of work run one
    after another and the later ones must find the reminder claimed."""
    bot = three
    await bot.say(CHAIR, GROUP, "/deadline patents 4d")
    clock.advance(days=1, minutes=1)
    calls = await bot.sim.observe(
        asyncio.gather(
            tick(bot.sim.application), tick(bot.sim.application), tick(bot.sim.application)
        )
    )
    sent = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == GROUP.id]
    assert len(sent) == 1 and "专利许可承诺 将于" in sent[0].text


async def test_fallen_due_while_down_sends_only_the_deadline_notice_once(
    three: Bot, clock: Clock, settings: Settings
) -> None:
    bot = three
    await bot.say(ZHANG, GROUP, "/patent none")
    await bot.say(CHAIR, GROUP, "/deadline patents 3d")
    clock.advance(days=5)  # every reminder and the deadline fell due while the bot was down
    async with started(settings, clock) as again:
        sent = [
            c
            for c in again.transport.calls
            if c.method == "sendMessage" and c.params["chat_id"] == GROUP.id
        ]
        assert len(sent) == 1
        assert (
            sent[0].text.startswith("⌛ 专利许可承诺 已到截止时间")
            and "未完成：朝达、上阀所" in sent[0].text
        )
        outcomes = sorted(o for (o,) in await again.rows(select(Reminder.outcome)))
        assert outcomes == [
            "sent",
            "superseded",
            "superseded",
        ]  # 1 day, 2 hours before; the deadline
    async with started(settings, clock) as third:  # and never again
        assert [c for c in third.transport.calls if c.method == "sendMessage"] == []


async def test_moving_or_removing_a_deadline_leaves_no_stale_reminder(
    three: Bot, clock: Clock
) -> None:
    bot = three
    await bot.say(CHAIR, GROUP, "/deadline patents 3d")
    await bot.say(CHAIR, GROUP, "/deadline patents 10d")
    clock.advance(days=2, minutes=1)  # the old 1-day-before reminder would be due now
    assert await _swept(bot) == []
    [removed] = await bot.say(CHAIR, GROUP, "/deadline patents off")
    assert removed == "已取消截止时间：专利许可承诺。"
    clock.advance(days=10)
    assert await _swept(bot) == []
    assert await bot.say(NOBODY, GROUP, "/deadlines") == ["没有即将到来的截止时间。"]


async def test_the_end_of_the_comment_period_sums_up_the_comments(three: Bot, clock: Clock) -> None:
    bot = three
    await bot.say(CHAIR, GROUP, "/advance | until 5d")
    [listing] = await bot.say(NOBODY, GROUP, "/deadlines")
    assert "• 征求意见期 — " in listing
    await bot.say(ZHANG, GROUP, "/comment 4.1 缺少硬度要求")
    await bot.say(SUN, GROUP, "/comment none")  # a reply without comments counts as acting
    clock.advance(days=2, minutes=1)
    [before] = await _swept(bot)
    assert before.text.startswith("⏰ 征求意见将于") and "目前已收到 1 条意见" in before.text
    assert before.text.endswith("\n尚未回函的单位：朝达（没有意见请发 /comment none）。")
    await bot.say(LI, GROUP, "/resolve C1 accept")
    clock.advance(days=3)
    [end] = await _swept(bot)
    assert end.text.startswith("⌛ 征求意见期已于") and "共收到 1 条意见，0 条尚待处理" in end.text


class PowerCut(BaseException):
    """The process dies: not an error anything in it handles."""


def _failing(bot: Bot, monkeypatch: pytest.MonkeyPatch, error: BaseException, times: int) -> None:
    """The next `times` messages to the group fail with `error`."""
    answer = bot.transport.do_request
    left = [times]

    async def do_request(url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        data = args[0] if args else kwargs.get("request_data")
        to_group = data is not None and data.parameters.get("chat_id") == GROUP.id
        if url.endswith("/sendMessage") and to_group and left[0] > 0:
            left[0] -= 1
            raise error
        return await answer(url, method, *args, **kwargs)

    monkeypatch.setattr(bot.transport, "do_request", do_request)


async def _outcomes(bot: Bot) -> list[str | None]:
    return [o for (o,) in await bot.rows(select(Reminder.outcome).order_by(Reminder.fire_at))]


async def test_a_crash_while_the_reminder_is_sent_loses_it_not(
    three: Bot, clock: Clock, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reminder is confirmed once it is in the outbox; a crash mid-send leaves it owed
    there, and the next start sends it (and the sweep never claims it again)."""
    bot = three
    await bot.say(CHAIR, GROUP, "/deadline patents 4d")
    clock.advance(days=1, minutes=1)
    _failing(bot, monkeypatch, PowerCut(), 1)
    await bot.sim.observe(tick(bot.sim.application))  # the group's sender dies mid-send
    assert (await _outcomes(bot))[0] == "sent"  # handed to the outbox
    owed = await bot.rows(select(OutboxMessage.chat_id).where(OutboxMessage.state == "pending"))
    assert owed == [(GROUP.id,)]
    async with started(settings, clock) as again:
        [group] = [c for c in again.transport.calls if c.method == "sendMessage"]
        assert group.params["chat_id"] == GROUP.id and "专利许可承诺 将于" in group.text
        assert await _outcomes(again) == ["sent", None, None, None]
        assert await _swept(again) == []
    async with started(settings, clock) as third:  # and not again
        assert [c for c in third.transport.calls if c.method == "sendMessage"] == []


async def test_a_reminder_the_network_lost_goes_out_once_it_is_back(
    three: Bot, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = three
    await bot.say(CHAIR, GROUP, "/deadline patents 4d")
    clock.advance(days=1, minutes=1)
    _failing(bot, monkeypatch, NetworkError("connection reset"), 1)
    sent = await _swept(bot)  # the group's tried again after a pause
    assert sorted(c.params["chat_id"] for c in sent) == sorted([GROUP.id, LI.id])
    assert await _swept(bot) == []
    assert (await _outcomes(bot))[0] == "sent"


async def test_a_refused_reminder_is_given_up_and_the_sweep_goes_on(
    three: Bot, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = three
    await bot.say(CHAIR, GROUP, "/ballot 议题")
    await bot.say(CHAIR, GROUP, "/deadline B1 4d")
    await bot.say(CHAIR, GROUP, "/deadline patents 4d")
    clock.advance(days=1, minutes=1)
    _failing(bot, monkeypatch, Forbidden("bot was kicked from the group chat"), 1)
    sent = await _swept(bot)  # the first refused, the second sent
    assert [c.params["chat_id"] for c in sent].count(GROUP.id) == 1
    refused = await bot.rows(select(OutboxMessage.chat_id).where(OutboxMessage.state == "refused"))
    assert refused == [(GROUP.id,)]
    assert await _swept(bot) == []  # a refusal is not retried
