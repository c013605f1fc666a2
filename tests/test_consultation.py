"""Consultation, review and publication through the real Application, on SQLite and PostgreSQL:
every transition allowed and refused, comments and dispositions, the patent gate, a failed review
ballot recirculated with its diff, and publication."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.config import Settings
from storage.models import Comment, Project
from tests.actors import CHAIR, GROUP, LI, NOBODY, SEC, ZHANG, ZHAO
from tests.conftest import Bot, Clock, started


async def _stage(bot: Bot) -> str:
    [(stage,)] = await bot.rows(select(Project.stage))
    return str(stage)


async def test_working_to_consultation_needs_the_comment_period(drafting_bot: Bot) -> None:
    bot = drafting_bot
    repo = await bot.repository()
    for text, expected in (
        ("/advance", "进入征求意见稿须设定意见截止时间"),
        ("/advance | until 2020-01-01", "「2020-01-01」已经过去了。"),
        ("/advance | until someday", "「someday」不是时间"),
        ("/advance | rule majority | until 3d", "进入「征求意见稿」无需投票"),
    ):
        [answer] = await bot.say(CHAIR, GROUP, text)
        assert answer.startswith(expected), text
    assert await _stage(bot) == "working" and repo.tags() == ["working"]  # nothing changed
    answers = await bot.say(CHAIR, GROUP, "/advance | until 14d")
    assert answers[0].startswith("项目已进入「征求意见稿」阶段，版本库已打标签 consultation。")
    assert "征求意见稿已形成，意见截止" in answers[0]
    assert await _stage(bot) == "consultation" and repo.tags() == ["working", "consultation"]


async def _consultation(bot: Bot) -> Bot:
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    return bot


async def test_comments_record_the_clause_text_and_are_resolved(
    drafting_bot: Bot, clock: Clock
) -> None:
    bot = await _consultation(drafting_bot)
    [c1] = await bot.say(
        ZHANG, GROUP, "/comment 4.1 未规定阀盖材料\n=> 阀体、阀盖材料应符合 GB/T 12229。"
    )
    assert c1 == "已记录意见 C1（4.1）。"
    await bot.say(CHAIR, GROUP, "/wg add 质检中心")
    [c2] = await bot.say(ZHAO, GROUP, "/comment 4.2 应补充结构长度要求")  # observers comment too
    assert c2 == "已记录意见 C2（4.2）。"
    for user, text, expected in (
        (NOBODY, "/comment 4.1 理由", "无权执行"),
        (ZHANG, "/comment 4.1", "用法：/comment"),
        (ZHANG, "/comment 4.1 理由\n=>", "用法：/comment"),
        (ZHANG, "/comment 9.9 理由", "框架中没有条款 9.9"),
    ):
        [answer] = await bot.say(user, GROUP, text)
        assert answer.startswith(expected), text
    [(original, proposed, reason)] = await bot.rows(
        select(Comment.original, Comment.proposed, Comment.reason).where(Comment.number == 1)
    )
    assert (original, proposed, reason) == (
        "阀体材料应符合 GB/T 12229。",
        "阀体、阀盖材料应符合 GB/T 12229。",
        "未规定阀盖材料",
    )
    [table] = await bot.say(NOBODY, GROUP, "/comments")
    assert (
        table.splitlines()[1]
        == "C1 · 4.1 · 阀体材料应符合 GB/T 12229。 · 阀体、阀盖材料应符合 GB/T 12229。 · 未规定阀盖材料 · 华理 · 待处理"
    )
    [refused] = await bot.say(CHAIR, GROUP, "/advance")
    assert refused.startswith("不能进入送审稿：以下意见尚无处理意见：C1、C2")
    assert await _stage(bot) == "consultation"
    [member] = await bot.say(ZHANG, GROUP, "/resolve C1 accept")
    assert member.startswith("无权执行")
    [no_note] = await bot.say(LI, GROUP, "/resolve C2 reject")
    assert no_note.startswith("用法：/resolve")
    assert (await bot.say(LI, GROUP, "/resolve C1 accept"))[0] == "C1 的处理意见：采纳。"
    assert (await bot.say(LI, GROUP, "/resolve c2 partial 已在 4.2 补充部分要求"))[
        0
    ] == "C2 的处理意见：部分采纳。"
    [open_only] = await bot.say(NOBODY, GROUP, "/comments open")
    assert open_only == "还没有意见。"
    # The comment resolution table can be rebuilt from the repository alone.
    repo = await bot.repository()
    records = [json.loads(repo.read(f"comments/C{n:04d}.json") or "") for n in (1, 2)]
    assert [(r["number"], r["unit"], r["disposition"], r["note"]) for r in records] == [
        ("C1", "华东理工大学", "accept", None),
        ("C2", "国家阀门质检中心", "partial", "已在 4.2 补充部分要求"),
    ]
    clock.advance(days=15)
    [late] = await bot.say(ZHANG, GROUP, "/comment 4.1 迟到的意见")
    assert late == "征求意见期已结束。"
    assert (await bot.say(CHAIR, GROUP, "/advance"))[0].startswith(
        "项目已进入「送审稿」阶段，版本库已打标签 review。"
    )
    [closed] = await bot.say(ZHANG, GROUP, "/comment 4.1 送审稿阶段的意见")
    assert closed.startswith("项目处于「送审稿」阶段")


async def test_review_ballot_fails_then_recirculates_and_passes_then_publication(
    drafting_bot: Bot, clock: Clock
) -> None:
    bot = await _consultation(drafting_bot)
    await bot.say(CHAIR, GROUP, "/advance")  # no comments: straight to review
    assert await _stage(bot) == "review"
    [gate] = await bot.say(CHAIR, GROUP, "/advance")
    assert (
        gate
        == "送审投票尚不能开始：以下表决单位还没有专利许可承诺：朝达阀门有限公司（朝达）、华东理工大学（华理）（/patent）"
    )
    await bot.say(LI, GROUP, "/patent none")
    await bot.say(ZHANG, GROUP, "/patent free ZL202110123456.7")
    opening = (await bot.say(CHAIR, GROUP, "/advance"))[0]
    assert opening.startswith("阶段投票 B1：是否进入「报批稿」阶段\n规则：three-quarters")
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 no 4.2 仍为空")
    failed = (await bot.say(CHAIR, GROUP, "/close B1"))[-1]
    assert failed.startswith("❌ 已结束，未通过")
    assert await _stage(bot) == "review"  # a failed review ballot leaves the project in review
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
    await bot.say(LI, GROUP, "/accept #2")
    second = (await bot.say(CHAIR, GROUP, "/advance"))[0]
    assert second.startswith("阶段投票 B2：是否进入「报批稿」阶段")
    assert (
        "自上次投票（ballot-B1）以来的修改：\n4.2 结构\n  + 结构长度应符合 GB/T 12221。" in second
    )
    await bot.say(LI, GROUP, "/vote B2 yes")
    await bot.say(ZHANG, GROUP, "/vote B2 yes")
    passed = (await bot.say(CHAIR, GROUP, "/close B2"))[-1]
    assert passed.startswith("✅ 已结束，通过 — 阶段投票 B2")
    assert await _stage(bot) == "approval"
    repo = await bot.repository()
    assert repo.tags() == [
        "working",
        "consultation",
        "review",
        "ballot-B1",
        "ballot-B2",
        "approval",
    ]
    [use_publish] = await bot.say(CHAIR, GROUP, "/advance")
    assert use_publish == "报批稿由秘书处用 /publish <标准编号> 发布。"
    [chair] = await bot.say(CHAIR, GROUP, "/publish T/CVA 012—2027")
    assert chair.startswith("无权执行") and "秘书处" in chair
    [usage] = await bot.say(SEC, GROUP, "/publish")
    assert usage.startswith("用法：/publish")
    today = clock.now.astimezone(ZoneInfo("Asia/Shanghai")).date()
    yesterday, later = today - timedelta(days=1), today + timedelta(days=90)
    for wrong, answer in (
        ("T/CVA 012—2027 | 2027/03/01", "实施日期应写作 YYYY-MM-DD，例如 2027-03-01（收到：2027/03/01）。"),
        (f"T/CVA 012—2027 | {yesterday}", f"实施日期 {yesterday} 早于发布日期（今天）。"),
        ("T/CVA 012—2027 | 2027-03-01 | 2027-04-01", "用法：/publish <标准编号> [| <实施日期 YYYY-MM-DD>]"),
    ):  # fmt: skip
        assert (await bot.say(SEC, GROUP, f"/publish {wrong}"))[0].startswith(answer)
    assert await _stage(bot) == "approval"  # nothing was changed
    [done] = await bot.say(SEC, GROUP, f"/publish T/CVA 012-2027 | {later}")  # a hyphen typed
    assert done == (
        f"T/CVA 012—2027 已发布，标准编号 T/CVA 012—2027，{today}发布，{later}实施；"
        "版本库已打标签 published。"
    )
    assert await bot.rows(select(Project.stage, Project.standard_number)) == [
        ("published", "T/CVA 012—2027")
    ]
    published = json.loads(repo.read("meta/project.json") or "")
    assert published["number"] == "T/CVA 012—2027"
    assert (published["published_on"], published["effective_on"]) == (str(today), str(later))
    assert (await bot.say(CHAIR, GROUP, "/advance"))[0] == "标准已发布。"
    assert (await bot.say(SEC, GROUP, "/publish X"))[0].startswith("项目处于「已发布」阶段")


async def test_publish_only_from_approval(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [refused] = await bot.say(SEC, GROUP, "/publish T/CVA 012—2027")
    assert refused == "项目处于「工作组讨论稿」阶段：只有报批稿可以发布。"
    assert await bot.rows(select(Project.stage, Project.standard_number)) == [("working", None)]


async def test_without_the_patent_gate_the_review_ballot_opens_at_once(
    settings: Settings, clock: Clock
) -> None:
    no_gate = dataclasses.replace(settings, patent_gate=False, stage_ballots={})
    async with started(no_gate, clock) as bot:
        await bot.say(CHAIR, GROUP, "/help")
        for line in (
            "/unit add 朝达阀门有限公司 | 朝达",
            "/newproject T/X 1 | 标题",
            "/grant @chair_chen chair",
        ):
            await bot.say(SEC, GROUP, line)
        await bot.say(LI, GROUP, "/join 朝达")
        await bot.say(SEC, GROUP, "/approve @liwei")
        await bot.say(CHAIR, GROUP, "/drafter 朝达")
        await bot.say(LI, GROUP, "/framework template")
        for text in ("/advance", "/advance | until 7d", "/advance", "/advance"):
            await bot.say(CHAIR, GROUP, text)
        # No ballot configured and no patent gate: review → approval directly.
        assert await bot.rows(select(Project.stage)) == [("approval",)]
