"""Ballots through the real Application on SQLite and PostgreSQL: motions, elections, stage
ballots, deadlines (also while the bot was down), racing closes and forged buttons."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.jobs.ballots import sweep
from storage.models import Ballot, Project, Unit, Vote, WorkingGroupMember
from tests.actors import CHAIR, GROUP, LI, LI_DEPUTY, NOBODY, OTHER_GROUP, SEC, SUN, ZHANG, ZHAO
from tests.conftest import Bot, Clock, started


async def _members(bot: Bot) -> Bot:
    """朝达 (李伟, 李副), 华理 (张敏), 上阀所 (孙磊) vote; 质检中心 (赵强) observes."""
    await bot.say(SEC, GROUP, "/unit add 上海阀门研究所 | 上阀所 | 科研院所")
    for user, unit in (
        (LI, "朝达"),
        (LI_DEPUTY, "朝达"),
        (ZHANG, "华理"),
        (SUN, "上阀所"),
        (ZHAO, "质检中心"),
    ):
        await bot.say(user, GROUP, f"/join {unit}")
        await bot.say(SEC, GROUP, f"/approve @{user.username}")
    return bot


@pytest.fixture
async def voters(project_bot: Bot) -> Bot:
    bot = await _members(project_bot)
    for unit in ("朝达", "华理", "上阀所", "质检中心"):
        await bot.say(CHAIR, GROUP, f"/wg add {unit}")
    return bot


def _toast(calls: list) -> str:  # type: ignore[type-arg]
    return next(c.params.get("text", "") for c in calls if c.method == "answerCallbackQuery")


async def test_a_motion_from_opening_to_result(voters: Bot) -> None:
    bot = voters
    calls = await bot.calls(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？ | rule three-quarters")
    opening = calls[0].text
    assert opening.splitlines()[:4] == [
        "投票 B1：是否采用 GB/T 12221？",
        "规则：three-quarters",
        "无截止时间（主席用 /close 结束）",
        "需 ≥2 参与、≥3 同意；已投 0/3",  # E=3 voting units; the observer is not in the electorate
    ]
    buttons = bot.buttons(calls)
    assert list(buttons) == ["同意", "不同意", "弃权"]
    pressed = await bot.press(LI, buttons["同意"])
    assert _toast(pressed) == "已记录 朝达 在 B1 的投票：同意"
    live = next(c for c in pressed if c.method == "editMessageText")
    assert "同意 1 · 不同意 0 · 弃权 0" in live.text and live.params["reply_markup"]  # buttons stay
    await bot.press(ZHANG, buttons["不同意"])
    [answer] = [
        t for t in await bot.say(SUN, GROUP, "/vote B1 同意 支持") if t.startswith("已记录")
    ]
    assert answer == "已记录 上阀所 在 B1 的投票：同意"
    # The unit's latest vote counts, whoever of its representatives casts it.
    await bot.say(LI_DEPUTY, GROUP, "/vote b1 abstain 需再核对")
    rows = await bot.rows(
        select(Vote.choice, Vote.comment, Vote.voter_id).join(Unit).where(Unit.short_name == "朝达")
    )
    assert rows == [("abstain", "需再核对", LI_DEPUTY.id)]
    answers = await bot.say(CHAIR, GROUP, "/close B1")
    result = answers[-1]
    assert result.splitlines() == [
        "❌ 已结束，未通过 — 投票 B1：是否采用 GB/T 12221？",
        "同意 1，不同意 1，弃权 1；参与 3/3",
        "✓ ≥2 参与（2/3 × 有表决权单位 3）：实际 3",
        "✗ ≥3 同意（3/4 × 参与 3）：实际 1",
        "未达到：≥3 同意",
    ]
    repo = await bot.repository()
    record = json.loads(repo.read("ballots/B1.json") or "")
    assert record["outcome"] == "failed" and record["eligible"] == [
        "朝达阀门有限公司",
        "华东理工大学",
        "上海阀门研究所",
    ]
    assert {v["unit"]: (v["choice"], v["cast_by"]) for v in record["votes"]} == {
        "朝达阀门有限公司": ("abstain", "李副"),
        "华东理工大学": ("no", "张敏"),
        "上海阀门研究所": ("yes", "孙磊"),
    }
    # A closed ballot never changes.
    [closed] = await bot.say(SUN, GROUP, "/vote B1 no")
    assert closed == "投票 B1 已结束。"
    assert _toast(await bot.press(ZHANG, buttons["同意"])) == "投票 B1 已结束。"
    [again] = await bot.say(CHAIR, GROUP, "/close B1")
    assert again == "投票 B1 已结束。"
    assert await bot.rows(select(Vote.choice).join(Unit).where(Unit.short_name == "上阀所")) == [
        ("yes",)
    ]


async def test_an_earlier_vote_handled_after_a_later_one_does_not_replace_it(voters: Bot) -> None:
    """李伟 sends `/vote B1 abstain`, then his deputy presses 同意; the press is handled first
    (a press has a lane of its own). The press is the unit's last vote and stays counted; the
    command is answered that it was not counted, and nothing says otherwise."""
    bot = voters
    buttons = bot.buttons(await bot.calls(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？"))
    sent_first = bot.sim.reserve_update_id()
    pressed = await bot.press(LI_DEPUTY, buttons["同意"])
    assert _toast(pressed) == "已记录 朝达 在 B1 的投票：同意"
    late = await bot.say(LI, GROUP, "/vote B1 abstain", update_id=sent_first)
    assert late == ["未计入：朝达 在 B1 已有一张更晚发出的投票（同意），这张较早的投票不改变它。"]
    chaoda = select(Vote.choice, Vote.voter_id).join(Unit).where(Unit.short_name == "朝达")
    assert await bot.rows(chaoda) == [("yes", LI_DEPUTY.id)]
    await bot.say(LI, GROUP, "/vote B1 no 再议")  # sent after the press: it replaces it
    assert await bot.rows(chaoda) == [("no", LI.id)]


async def test_a_units_votes_handled_at_once_count_in_the_order_they_were_sent(voters: Bot) -> None:
    """A command and a later press of one unit, handled at the same time (on PostgreSQL in two
    transactions): whichever commits last, the later one stands."""
    bot = voters
    buttons = bot.buttons(await bot.calls(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？"))
    chaoda = select(Vote.choice).join(Unit).where(Unit.short_name == "朝达")
    for round_ in range(6):
        pressed, sent = ("同意", "abstain") if round_ % 2 else ("弃权", "yes")
        earlier = bot.sim.reserve_update_id()
        await asyncio.gather(
            bot.press(LI_DEPUTY, buttons[pressed], settle=False),
            bot.sim.send(LI, GROUP, f"/vote B1 {sent}", update_id=earlier, settle=False),
        )
        assert await bot.rows(chaoda) == [({"同意": "yes", "弃权": "abstain"}[pressed],)]


async def test_who_may_vote(voters: Bot) -> None:
    bot = voters
    await bot.say(CHAIR, GROUP, "/ballot 议题")
    [observer] = await bot.say(ZHAO, GROUP, "/vote B1 yes")
    assert observer.startswith("无权执行：此操作需要以下角色之一：成员单位代表")
    [nobody] = await bot.say(NOBODY, GROUP, "/vote B1 yes")
    assert nobody.startswith("无权执行")
    # A unit that joins the working group after the opening is not in the snapshot.
    await bot.say(SEC, GROUP, "/unit add 新单位 | 新")
    await bot.say(NOBODY, GROUP, "/join 新")
    await bot.say(SEC, GROUP, "/approve @passerby")
    await bot.say(CHAIR, GROUP, "/wg add 新")
    [late] = await bot.say(NOBODY, GROUP, "/vote B1 yes")
    assert late == "新单位（新） 不在 B1 的表决单位名单中（名单在投票开始时确定）。"
    for text, expected in (
        ("/vote B1 maybe", "请选择 yes/no/abstain"),
        ("/vote B1", "用法：/vote"),
        ("/vote X1 yes", "用法：/vote"),
        ("/vote B9 yes", "没有投票 B9。"),
    ):
        [answer] = await bot.say(LI, GROUP, text)
        assert answer.startswith(expected), text
    assert await bot.rows(select(Vote.unit_id)) == []
    [denied] = await bot.say(LI, GROUP, "/ballot 我来发起")
    assert denied.startswith("无权执行") and "主席" in denied


async def test_ballot_refusals_answer_and_open_nothing(voters: Bot) -> None:
    bot = voters
    for text, expected in (
        ("/ballot", "用法：/ballot"),
        ("/ballot 议题 | until", "用法：/ballot"),
        ("/ballot 议题 | sometime", "用法：/ballot"),
        ("/ballot 议题 | secret | secret", "用法：/ballot"),
        ("/ballot 议题 | rule most", "不认识的表决规则「most」"),
        ("/ballot 议题 | until yesterday", "「yesterday」不是时间"),
        ("/ballot 议题 | until 2020-01-01", "「2020-01-01」已经过去了。"),
    ):
        [answer] = await bot.say(CHAIR, GROUP, text)
        assert answer.startswith(expected), (text, answer)
    assert await bot.rows(select(Ballot.id)) == []


async def test_secret_ballot_shows_participation_not_choices(voters: Bot) -> None:
    bot = voters
    calls = await bot.calls(CHAIR, GROUP, "/ballot 秘密议题 | secret | rule majority")
    assert "（无记名）" in calls[0].text and "同意 0" not in calls[0].text
    await bot.press(LI, bot.buttons(calls)["同意"])
    live = await bot.say(ZHANG, GROUP, "/vote B1 no")
    assert any("已投票：朝达、华理" in text and "不同意 1" not in text for text in live)
    result = (await bot.say(CHAIR, GROUP, "/close B1"))[-1]
    assert "同意 1，不同意 1，弃权 0；参与 2/3" in result  # totals at the close
    record = json.loads((await bot.repository()).read("ballots/B1.json") or "")
    assert "votes" not in record and record["totals"]["yes"] == 1 and record["secret"] is True


async def test_forged_buttons_change_nothing(voters: Bot) -> None:
    bot = voters
    calls = await bot.calls(CHAIR, GROUP, "/ballot 议题")
    yes = bot.buttons(calls)["同意"]
    ballot_id = int(yes.split(":")[1])
    message = bot.last_markup
    for data in (f"v:{ballot_id + 50}:y", "v:x:y", f"v:{ballot_id}:q", f"v:{ballot_id}:", "v:"):
        assert _toast(await bot.press(LI, data, message)) == "这个按钮已失效。", data
    assert _toast(await bot.press(ZHAO, yes, message)).startswith("无权执行")
    assert _toast(await bot.press(NOBODY, yes, message)).startswith("无权执行")
    await bot.say(SEC, OTHER_GROUP, "/newproject T/O 1 | 另一个")
    elsewhere = {**message, "chat": OTHER_GROUP.as_dict()}  # type: ignore[dict-item]
    assert _toast(await bot.press(LI, yes, elsewhere)) == "这个按钮已失效。"
    # A candidate id on a yes/no ballot is not a choice there.
    assert (
        _toast(await bot.press(LI, f"v:{ballot_id}:1", message))
        == "请选择 yes/no/abstain（同意/不同意/弃权）：/vote B1 yes"
    )
    assert await bot.rows(select(Vote.unit_id)) == []


async def test_election_designates_the_winner(project_bot: Bot) -> None:
    bot = await _members(project_bot)
    calls = await bot.calls(CHAIR, GROUP, "/elect 朝达 | 华理 | until 3d")
    assert calls[0].text.startswith("选举 B1：框架起草单位")
    assert "已投 0/3" in calls[0].text  # all the alliance's voting units elect (the default)
    buttons = bot.buttons(calls)
    assert list(buttons) == ["选 朝达", "选 华理", "弃权"]
    await bot.press(LI, buttons["选 华理"])
    await bot.press(ZHANG, buttons["选 华理"])
    [not_candidate] = await bot.say(SUN, GROUP, "/vote B1 上阀所")
    assert not_candidate == "该单位不是 B1 的候选单位。"
    await bot.say(SUN, GROUP, "/vote B1 朝达")
    result = (await bot.say(CHAIR, GROUP, "/close B1"))[-1]
    assert "当选：华东理工大学（华理），成为框架起草单位。" in result
    [(stage, drafter)] = await bot.rows(
        select(Project.stage, Unit.short_name).join(Unit, Unit.id == Project.drafter_unit_id)
    )
    assert (stage, drafter) == ("framework", "华理")
    record = json.loads((await bot.repository()).read("ballots/B1.json") or "")
    assert record["winner"] == "华东理工大学" and record["election"] == {
        "华东理工大学": 2,
        "朝达阀门有限公司": 1,
    }


async def test_voting_enrols_the_unit_in_the_working_group_once(project_bot: Bot) -> None:
    """A unit that takes part joins the working group; the unit of work knows from its
    first read whether the caller's unit is in, so a removal followed by a vote must enrol again."""
    bot = await _members(project_bot)
    await bot.say(CHAIR, GROUP, "/elect 朝达 | 华理")
    await bot.say(LI, GROUP, "/vote B1 朝达")
    await bot.say(LI_DEPUTY, GROUP, "/vote B1 华理")  # the same unit again: no second row
    member = select(WorkingGroupMember.unit_id, WorkingGroupMember.source)
    chaoda = await bot.rows(select(Unit.id).where(Unit.short_name == "朝达"))
    assert await bot.rows(member) == [(chaoda[0][0], "activity")]
    await bot.say(CHAIR, GROUP, "/wg remove 朝达")
    assert await bot.rows(member) == []
    await bot.say(LI, GROUP, "/vote B1 abstain")
    assert await bot.rows(member) == [(chaoda[0][0], "activity")]
    [listing] = await bot.say(LI, GROUP, "/wg")
    assert listing.splitlines() == ["起草工作组（1）：", "• 朝达阀门有限公司（朝达）"]


async def test_a_large_election_is_one_message_that_its_live_edits_keep(project_bot: Bot) -> None:
    """40 candidates with 100-character names: the ballot is laid out to fit one message (names
    shortened), so that a live edit never replaces it with a part of itself."""
    bot = await _members(project_bot)
    for n in range(40):
        await bot.say(
            SEC, GROUP, f"/unit add {'很长的阀门企业名称' * 10}有限公司{n:02d} | U{n:02d}"
        )
    calls = await bot.calls(CHAIR, GROUP, "/elect " + " | ".join(f"U{n:02d}" for n in range(40)))
    [ballot] = [c for c in calls if c.method == "sendMessage"]  # one message, not two
    assert len(ballot.text) <= 4096 and "U39" in ballot.text
    assert len(ballot.params["reply_markup"]["inline_keyboard"]) == 14  # 41 buttons, 3 a row
    pressed = await bot.press(LI, bot.buttons(calls)["选 U07"])
    [edit] = [c for c in pressed if c.method == "editMessageText"]
    assert edit.params["message_id"] == ballot.result["message_id"]
    assert len(edit.text) <= 4096 and edit.params["reply_markup"]  # the buttons stay
    assert edit.text.splitlines()[0] == ballot.text.splitlines()[0]


async def test_election_tie_leaves_the_designation_to_the_chair(project_bot: Bot) -> None:
    bot = await _members(project_bot)
    await bot.say(CHAIR, GROUP, "/elect 朝达 | 华理")
    await bot.say(LI, GROUP, "/vote B1 朝达")
    await bot.say(ZHANG, GROUP, "/vote B1 华理")
    await bot.say(SUN, GROUP, "/vote B1 abstain")
    result = (await bot.say(CHAIR, GROUP, "/close B1"))[-1]
    assert result.splitlines()[:2] == [
        "⚠️ 选举结束，无人当选 — 选举 B1：框架起草单位",
        "得票最多的候选单位票数相同；请主席用 /drafter 指定。",
    ]
    assert await bot.rows(select(Project.stage, Project.drafter_unit_id)) == [("proposal", None)]
    for text, expected in (
        ("/elect 朝达", "用法：/elect"),
        ("/elect 朝达 | 朝达", "用法：/elect"),
        ("/elect 朝达 | 质检中心", "国家阀门质检中心（质检中心） 是观察员单位"),
    ):
        [answer] = await bot.say(CHAIR, GROUP, text)
        assert answer.startswith(expected), text


async def test_a_ballot_closes_itself_at_its_deadline(voters: Bot, clock: Clock) -> None:
    bot = voters
    await bot.say(CHAIR, GROUP, "/ballot 议题 | until 90m")
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 yes")
    await bot.sim.observe(sweep(bot.sim.application))
    assert await bot.rows(select(Ballot.status)) == [("open",)]  # not yet
    clock.advance(minutes=91)
    [late] = await bot.say(SUN, GROUP, "/vote B1 no")  # past the deadline, before the sweep
    assert late == "投票 B1 已结束。"
    before = len(bot.transport.calls)
    await bot.sim.observe(sweep(bot.sim.application))
    sent = [c for c in bot.transport.calls[before:] if c.method == "sendMessage"]
    assert len(sent) == 1 and sent[0].text.startswith("✅ 已结束，通过 — 投票 B1：议题")
    assert sent[0].params["chat_id"] == GROUP.id
    assert await bot.rows(select(Ballot.status, Ballot.closed_by, Ballot.outcome)) == [
        ("closed", None, "passed")
    ]
    await bot.sim.observe(sweep(bot.sim.application))  # nothing more to close
    assert len([c for c in bot.transport.calls[before:] if c.method == "sendMessage"]) == 1


async def test_a_deadline_that_passed_while_the_bot_was_down_closes_at_start(
    voters: Bot, clock: Clock, settings: Settings
) -> None:
    bot = voters
    await bot.say(CHAIR, GROUP, "/ballot 议题 | until 1h")
    await bot.say(LI, GROUP, "/vote B1 yes")
    clock.advance(hours=5)
    async with started(settings, clock) as restarted:
        result = [c for c in restarted.transport.calls if c.method == "sendMessage"]
        assert [c.text.splitlines()[0] for c in result] == ["❌ 已结束，未通过 — 投票 B1：议题"]
        assert await restarted.rows(select(Ballot.status)) == [("closed",)]


async def test_two_closes_at_once_give_one_result(voters: Bot, clock: Clock) -> None:
    """On PostgreSQL the `/close` and the sweep run in two transactions at once, on two
    connections, and the ballot row's guarded update lets one of them win. On SQLite they cannot
    interleave: the process has one connection (storage/database.py), so the second unit of work
    waits for the first to commit and must then see the ballot closed — the same guard, met in
    sequence."""
    bot = voters
    await bot.say(CHAIR, GROUP, "/ballot 议题 | until 1h")
    await bot.say(LI, GROUP, "/vote B1 yes")
    clock.advance(hours=2)
    repo = await bot.repository()
    before = len(bot.transport.calls)
    closing = await bot.sim.observe(
        asyncio.gather(bot.say(CHAIR, GROUP, "/close B1"), sweep(bot.sim.application))
    )
    results = [
        c
        for c in bot.transport.calls[before:]
        if c.method == "sendMessage" and "已结束，" in c.text
    ]
    assert len(results) == 1, closing
    assert [e.subject for e in repo.log(limit=5)].count("B1: failed") == 1


async def test_stage_ballot_no_needs_a_reason_and_passing_enters_the_stage(
    tmp_path: object, db_url: str, clock: Clock
) -> None:
    from tests.conftest import make_settings

    settings = dataclasses.replace(
        make_settings(tmp_path, db_url), stage_ballots={"working": "majority"}
    )  # type: ignore[arg-type]
    async with started(settings, clock) as bot:
        await bot.say(CHAIR, GROUP, "/help")
        for line in (
            "/unit add 朝达阀门有限公司 | 朝达",
            "/unit add 华东理工大学 | 华理",
            "/unit add 上海阀门研究所 | 上阀所",
            "/newproject T/CVA 012—2027 | 闸阀",
            "/grant @chair_chen chair",
        ):
            await bot.say(SEC, GROUP, line)
        for user, unit in ((LI, "朝达"), (ZHANG, "华理"), (SUN, "上阀所")):
            await bot.say(user, GROUP, f"/join {unit}")
            await bot.say(SEC, GROUP, f"/approve @{user.username}")
            await bot.say(CHAIR, GROUP, f"/wg add {unit}")
        await bot.say(CHAIR, GROUP, "/drafter 朝达")
        await bot.say(LI, GROUP, "/framework template")
        [needs_none] = await bot.say(CHAIR, GROUP, "/advance | rule nothing")
        assert needs_none.startswith("不认识的表决规则")
        calls = await bot.calls(CHAIR, GROUP, "/advance | until 2d")
        assert calls[0].text.startswith("阶段投票 B1：是否进入「工作组讨论稿」阶段")
        assert (await bot.say(CHAIR, GROUP, "/advance"))[0] == "阶段投票 B1 尚在进行中。"
        buttons = bot.buttons(calls)
        [no_reason] = await bot.say(ZHANG, GROUP, "/vote B1 no")
        assert no_reason == "阶段投票投「不同意」须附理由：/vote B1 no <理由>"
        prompt_calls = await bot.press(ZHANG, buttons["不同意"])
        prompt = next(c for c in prompt_calls if c.method == "sendMessage")
        assert prompt.params["reply_markup"]["force_reply"] is True and "须说明理由" in prompt.text
        assert await bot.rows(select(Vote.unit_id)) == []  # not counted until the reason arrives
        reply = await bot.say(ZHANG, GROUP, "第 4 章尚不完整", reply_to=prompt.result)
        assert reply[-1] == "已记录 华理 在 B1 的投票：不同意"
        assert await bot.rows(select(Vote.choice, Vote.comment)) == [("no", "第 4 章尚不完整")]
        assert await bot.say(LI, GROUP, "随便聊聊", reply_to=prompt.result) == []  # not LI's prompt
        await bot.say(LI, GROUP, "/vote B1 yes")
        await bot.say(SUN, GROUP, "/vote B1 yes")
        result = (await bot.say(CHAIR, GROUP, "/close B1"))[-1]
        assert result.startswith("✅ 已结束，通过 — 阶段投票 B1")
        assert await bot.rows(select(Project.stage)) == [("working",)]
        assert (await bot.repository()).tags() == [
            "ballot-B1",
            "working",
        ]  # the draft voted on, then the stage


async def test_the_alliance_default_rule_per_kind(
    tmp_path: object, db_url: str, clock: Clock
) -> None:
    from tests.conftest import make_settings

    settings = dataclasses.replace(make_settings(tmp_path, db_url), rule_motion="consensus")  # type: ignore[arg-type]
    async with started(settings, clock) as bot:
        await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
        await bot.say(SEC, GROUP, "/newproject T/X 1 | 标题")
        await bot.say(SEC, GROUP, "/wg add 朝达")
        [opening, *_] = await bot.say(SEC, GROUP, "/ballot 议题")
        assert "规则：consensus" in opening and "需 ≥1 同意、≤0 不同意" in opening
        [ballots] = await bot.say(NOBODY, GROUP, "/ballots")
        assert ballots == "• 投票 B1：议题 — 进行中（已投 0/1）"
