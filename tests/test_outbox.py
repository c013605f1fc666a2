"""Answers through the outbox under Telegram's real limits and a flaky Bot API (the strict fake
of bot/offline.py: 20 messages a minute into a group, 30 a second, 429 with its wait): a busy
group holds up no other chat, its waiting acknowledgements merge with their buttons kept, every
effect applies once and every person is answered, never with a false apology, and a restart
delivers what was owed, once."""

from __future__ import annotations

import itertools
import re

from sqlalchemy import func, select

from bot.config import Settings
from bot.offline import ApiCall, Fault
from bot.simulator import VirtualPace, private_chat
from storage.models import Ballot, Comment, Contribution, OutboxMessage
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, Clock, started, with_project

APOLOGY = "抱歉"


def _pace(bot: Bot) -> VirtualPace:
    pace = bot.sim.application.bot_data.pace
    assert isinstance(pace, VirtualPace)
    return pace


def _into(calls: list[ApiCall], chat_id: int, method: str = "sendMessage") -> list[ApiCall]:
    return [c for c in calls if c.method == method and int(c.params.get("chat_id", 0)) == chat_id]


async def _consultation(bot: Bot) -> None:
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")


async def test_a_busy_group_holds_up_no_other_chat_and_its_acknowledgements_merge(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await _consultation(bot)
    ballot = await bot.calls(CHAIR, GROUP, "/ballot 是否增加 4.3？")
    yes = bot.buttons(ballot)["同意"]
    await bot.say(CHAIR, private_chat(CHAIR), "/help")
    pace = _pace(bot)
    start, before = pace.now(), len(bot.transport.calls)
    for n in range(50):  # one batch: nobody waits for an answer before sending the next
        await bot.sim.send(ZHANG, GROUP, f"/comment 4.1 第 {n + 1} 条意见", settle=False)
    help_ = await bot.sim.send(CHAIR, private_chat(CHAIR), "/help", settle=False)
    pressed = await bot.press(LI, yes, settle=False)
    # Both answered at once: no time passed on the outbox's clock while the group's 50 wait.
    assert pace.now() == start
    assert help_ and _into(help_, CHAIR.id)[0].text
    [toast] = [c for c in pressed if c.method == "answerCallbackQuery"]
    assert toast.params["text"] == "已记录 朝达 在 B1 的投票：同意"
    waiting = await bot.rows(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state == "pending")
    )
    assert waiting[0][0] > 0  # the group's answers wait for its budget, in the database
    await bot.sim.settle()
    answers = [c.text for c in _into(bot.transport.calls[before:], GROUP.id)]
    said = [int(n) for text in answers for n in re.findall(r"已记录意见 C(\d+)（4\.1）", text)]
    assert sorted(said) == list(range(1, 51))  # each of the 50 acknowledged, once
    assert len(answers) < 50 and any(t.startswith("已记录意见 C") and "条）" in t for t in answers)
    assert bot.transport.refused == []  # never beyond Telegram's limits
    assert pace.now() - start >= 60  # the group's budget was spent: the rest waited a minute
    assert (await bot.rows(select(func.count()).select_from(Comment)))[0][0] == 50


async def test_merged_proposals_keep_each_ones_buttons_usable(drafting_bot: Bot) -> None:
    bot = drafting_bot
    before = len(bot.transport.calls)
    for n in range(25):
        await bot.sim.send(ZHANG, GROUP, f"/contribute 4.2 第 {n + 1} 项结构要求。", settle=False)
    await bot.sim.settle()
    proposals = _into(bot.transport.calls[before:], GROUP.id)
    merged = [c for c in proposals if c.text.startswith("已收到文稿补充 #")]
    assert merged, [c.text[:30] for c in proposals]
    seen = [int(n) for c in proposals for n in re.findall(r"文稿补充 #(\d+)：", c.text)]
    assert sorted(seen) == list(range(1, 26))
    message = merged[-1].result
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    first, second = [int(label[4:]) for label in labels if label.startswith("采纳 #")][:2]
    data = {
        b["text"]: b["callback_data"]
        for row in message["reply_markup"]["inline_keyboard"]
        for b in row
    }
    pressed = await bot.press(LI, data[f"采纳 #{first}"], message)
    [kept] = [c for c in pressed if c.method == "editMessageReplyMarkup"]
    left = [b["text"] for row in kept.params["reply_markup"]["inline_keyboard"] for b in row]
    assert f"采纳 #{first}" not in left and f"不采纳 #{first}" not in left
    assert f"采纳 #{second}" in left  # the others' buttons stay, the text too
    assert not [c for c in pressed if c.method == "editMessageText"]
    by_command = await bot.calls(LI, GROUP, f"/accept #{second}")
    [kept] = [c for c in by_command if c.method == "editMessageReplyMarkup"]
    left = [b["text"] for row in kept.params["reply_markup"]["inline_keyboard"] for b in row]
    assert f"采纳 #{second}" not in left and f"采纳 #{first}" not in left and left
    statuses = dict(await bot.rows(select(Contribution.number, Contribution.status)))
    assert statuses[first] == statuses[second] == "accepted"


async def _budget_spent(bot: Bot) -> int:
    """The group's budget for this minute spent on answers that go first: what follows waits.
    Returns where the calls after them begin."""
    for _ in range(20):
        await bot.sim.send(CHAIR, GROUP, "/project", settle=False)
    await bot.sim.quiet()
    return len(bot.transport.calls)


async def test_what_changes_a_message_still_waiting_in_the_outbox_shows_once_it_lands(
    drafting_bot: Bot,
) -> None:
    """A vote on a ballot and a decision on a proposal whose messages still wait behind the
    group's budget: once each message is out, it is brought up to date."""
    bot = drafting_bot
    before = await _budget_spent(bot)
    await bot.sim.send(CHAIR, GROUP, "/ballot 是否增加 4.3？", settle=False)
    await bot.sim.send(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。", settle=False)
    await bot.sim.send(LI, GROUP, "/vote B1 yes", settle=False)
    await bot.sim.send(LI, GROUP, "/accept #1", settle=False)
    assert await bot.rows(select(Ballot.message_id)) == [(None,)]  # both still wait
    assert await bot.rows(select(Contribution.message_id)) == [(None,)]
    await bot.sim.settle(everything=True)
    sent = bot.transport.calls[before:]
    [ballot] = [c for c in _into(sent, GROUP.id) if "是否增加 4.3？" in c.text.splitlines()[0]]
    [proposal] = [c for c in _into(sent, GROUP.id) if "文稿补充 #1：" in c.text]
    tallies = [c for c in _edited(sent, ballot) if c.method == "editMessageText"]
    assert tallies and "同意 1 · 不同意 0 · 弃权 0" in tallies[-1].text
    assert tallies[-1].params["reply_markup"]  # still open: its buttons stay
    [decided] = _edited(sent, proposal)
    assert decided.text.startswith("#1：采纳") and not decided.params.get("reply_markup")


async def test_votes_waiting_for_a_busy_group_are_acknowledged_in_one_message(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/wg add 华理")
    ballot = (await bot.calls(CHAIR, GROUP, "/ballot 是否增加 4.3？"))[-1]
    before = await _budget_spent(bot)
    await bot.sim.send(LI, GROUP, "/vote B1 yes", settle=False)
    await bot.sim.send(ZHANG, GROUP, "/vote B1 no", settle=False)
    await bot.sim.settle(everything=True)
    sent = bot.transport.calls[before:]
    [merged] = [c.text for c in _into(sent, GROUP.id) if c.text.startswith("已记录投票")]
    assert merged.splitlines() == [
        "已记录投票 B1（2 条）：",
        "已记录 朝达 在 B1 的投票：同意",
        "已记录 华理 在 B1 的投票：不同意",
    ]
    [tally] = [c for c in _edited(sent, ballot) if c.method == "editMessageText"]
    assert "同意 1 · 不同意 1 · 弃权 0" in tally.text  # one edit, after the votes


def _edited(calls: list[ApiCall], message: ApiCall) -> list[ApiCall]:
    return [
        c
        for c in calls
        if c.method.startswith("edit") and c.params["message_id"] == message.result["message_id"]
    ]


async def test_a_flaky_bot_api_applies_every_effect_once_and_answers_everyone(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    kinds: list[Fault] = [429, 500, 502, "timeout_before", "timeout_after"]
    count = itertools.count()

    def fault(call: ApiCall) -> Fault | None:
        """Every third send fails, in each of the ways in turn."""
        n = next(count)
        return kinds[n // 3 % len(kinds)] if n % 3 == 0 else None

    bot.transport.fault = fault
    before = len(bot.transport.calls)
    for n in range(20):
        user = (ZHANG, LI)[n % 2]
        await bot.sim.send(user, GROUP, f"/contribute 4.{n % 2 + 1} 第 {n + 1} 项要求。")
    sent = bot.transport.calls[before:]
    assert [c for c in sent if APOLOGY in c.text] == []  # no apology for work that was done
    numbers = await bot.rows(select(Contribution.number).order_by(Contribution.number))
    assert [n for (n,) in numbers] == list(range(1, 21))  # each applied once
    delivered = [int(n) for c in _into(sent, GROUP.id) for n in _PROPOSED.findall(c.text)]
    doubled = {
        int(n)
        for call, kind in bot.transport.faulted
        if kind == "timeout_after"
        for n in _PROPOSED.findall(call.text)
    }
    # Everyone answered; a second copy only where Telegram took a send whose answer was lost.
    assert set(delivered) == set(range(1, 21))
    assert {n for n in delivered if delivered.count(n) > 1} <= doubled
    assert {kind for _, kind in bot.transport.faulted} == set(kinds)  # every fault was met


_PROPOSED = re.compile(r"文稿补充 #(\d+)：")


async def test_a_restart_delivers_what_the_outbox_still_owed_once(
    settings: Settings, clock: Clock
) -> None:
    async with started(settings, clock) as bot:
        await with_project(bot)
        bot.transport.fault = lambda call: 502  # Telegram is unreachable
        await bot.sim.send(CHAIR, GROUP, "/project", settle=False)
        await bot.sim.send(CHAIR, private_chat(CHAIR), "/help", settle=False)
        last_message, last = bot.sim.last_sent, bot.sim.last_update_id
        owed = await bot.rows(select(OutboxMessage.chat_id).where(OutboxMessage.state == "pending"))
        assert sorted(chat for (chat,) in owed) == sorted([GROUP.id, CHAIR.id])
    async with started(settings, clock) as again:
        answers = _into(again.transport.calls, GROUP.id) + _into(again.transport.calls, CHAIR.id)
        assert len(answers) == 2 and answers[0].text.startswith("📄 T/CVA 012—2027")
        # Telegram redelivers the last update (the first run never confirmed it): nothing more.
        assert await again.sim.deliver({"message": last_message}, update_id=last) == []
        pending = await again.rows(select(OutboxMessage.id).where(OutboxMessage.state == "pending"))
        assert pending == []


async def test_an_answer_telegram_refuses_for_good_is_recorded_and_never_retried(
    project_bot: Bot,
) -> None:
    bot = project_bot
    bot.transport.failures["sendMessage"] = [403]  # the bot was removed from the chat
    calls = await bot.calls(CHAIR, GROUP, "/project")
    assert [c for c in calls if c.method == "sendMessage"] == []
    [(state, attempts)] = await bot.rows(
        select(OutboxMessage.state, OutboxMessage.attempts)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    assert state == "refused" and attempts == 0
    again = await bot.calls(CHAIR, GROUP, "/project")
    assert len(_into(again, GROUP.id)) == 1  # the next answer goes; the refused one is not retried
