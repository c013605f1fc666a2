"""Patent commitments through the real Application on SQLite and PostgreSQL: the one-line forms,
the private-chat form (also across a restart), the register, flags and the gate."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.config import Settings
from bot.simulator import private_chat
from storage.models import DeclaredPatent, PatentDeclaration, PatentForm
from tests.actors import CHAIR, GROUP, LI, NOBODY, SEC, ZHANG, ZHAO
from tests.conftest import Bot, Clock, started

LI_DM = private_chat(LI)


async def test_one_line_forms_in_the_group_and_the_register(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [none] = await bot.say(ZHANG, GROUP, "/patent none")
    assert (
        none
        == "已登记 华东理工大学（华理） 在 T/CVA 012—2027 的专利许可承诺：无已知必要专利（专利 0 件）。"
    )
    [free] = await bot.say(LI, GROUP, "/patent free ZL202110123456.7、ZL202210654321.0")
    assert "免费许可（专利 2 件）" in free
    [register] = await bot.say(NOBODY, GROUP, "/patents")
    lines = register.splitlines()
    assert lines[0] == "专利许可承诺登记（2）："
    assert lines[1].startswith("• 朝达阀门有限公司（朝达） — 免费许可 — 李伟，")
    assert lines[2].strip() == "ZL202110123456.7"
    assert lines[4].startswith("• 华东理工大学（华理） — 无已知必要专利 — 张敏，")
    assert lines[5] == "尚未声明的表决单位：（无）"
    record = json.loads((await bot.repository()).read("patents/u0001.json") or "")
    assert record["mode"] == "free" and [p["number"] for p in record["patents"]] == [
        "ZL202110123456.7",
        "ZL202210654321.0",
    ]
    repo = await bot.repository()
    assert (
        repo._git("log", "-1", "--format=%an", "--", "patents/u0001.json").decode().strip()
        == "李伟 (朝达)"
    )


async def test_malformed_declarations_answer_and_store_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    for text in (
        "/patent maybe",
        "/patent free",
        "/patent pool | ZL123456",
        "/patent pool 池",
        "/patent none ZL1234",
    ):
        [answer] = await bot.say(LI, GROUP, text)
        assert answer.startswith("用法：/patent"), text
    [nobody] = await bot.say(NOBODY, GROUP, "/patent none")
    assert nobody.startswith("无权执行")
    [chair] = await bot.say(CHAIR, GROUP, "/patent none")
    assert chair.startswith("您还不代表任何成员单位")
    assert await bot.rows(select(PatentDeclaration.id)) == []


async def test_a_new_declaration_supersedes_and_weakening_is_flagged(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(LI, GROUP, "/patent free ZL1111111")
    answers = await bot.say(LI, GROUP, "/patent rand ZL1111111")
    assert "取代此前的声明：免费许可" in answers[0]
    assert (
        "⚠️ @chair_chen：朝达阀门有限公司（朝达） 的专利许可承诺由「免费许可」变为「收费许可（RAND）」"
        in answers[0]
    )
    [refused] = await bot.say(LI, GROUP, "/patent refuse ZL1111111")
    assert "声明不同意许可" in refused and "可能需要改写" in refused
    [better] = await bot.say(LI, GROUP, "/patent free ZL1111111")
    assert "⚠️" not in better  # strengthening is not flagged
    rows = await bot.rows(
        select(PatentDeclaration.mode, PatentDeclaration.weakened).order_by(PatentDeclaration.id)
    )
    assert rows == [("free", False), ("rand", True), ("refuse", True), ("free", False)]
    [register] = await bot.say(NOBODY, GROUP, "/patents")
    assert register.count("• 朝达") == 1 and "免费许可" in register  # the latest counts
    assert len((await bot.repository()).log("patents/u0001.json", limit=10)) == 4


async def test_the_private_form_step_by_step_with_a_flag_to_the_group(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [link_call] = [c for c in await bot.calls(LI, GROUP, "/patent") if c.method == "sendMessage"]
    [[button]] = link_call.params["reply_markup"]["inline_keyboard"]
    assert button["url"].startswith("https://t.me/manuscript_bot?start=patent-")
    payload = button["url"].split("start=")[1]
    [essential] = await bot.say(LI, LI_DM, f"/start {payload}")
    assert essential.startswith("T/CVA 012—2027：贵单位是否持有")
    await bot.press(LI, bot.buttons(await bot.calls(LI, LI_DM, f"/start {payload}"))["有必要专利"])
    [bad] = await bot.say(
        LI,
        LI_DM,
        "ZL202110123456.7 | 密封结构 | CN | 4.1 | 已授权\n专利二 | 坏 | CN | 4.1 | granted",
    )
    assert bad.startswith(
        "未保存，以下行有误：\n第 2 行「专利二 | 坏 | CN | 4.1 | granted」：专利号无效"
    )
    [mode] = await bot.say(LI, LI_DM, "ZL202110123456.7 | 密封结构 | CN | 4.1, 4.2 | 已授权")
    assert mode == "许可方式："
    await bot.press(LI, bot.buttons(bot.transport.calls[-1:])["专利池"])
    [summary] = await bot.say(LI, LI_DM, "阀门专利池")
    assert summary.splitlines()[0] == "请核对（T/CVA 012—2027）：专利池「阀门专利池」"
    assert await bot.rows(select(PatentDeclaration.id)) == []  # nothing until confirmed
    await bot.press(LI, bot.buttons(bot.transport.calls[-1:])["确认提交"])
    [(mode_, pool)] = await bot.rows(select(PatentDeclaration.mode, PatentDeclaration.pool))
    assert (mode_, pool) == ("pool", "阀门专利池")
    [(clauses, status)] = await bot.rows(select(DeclaredPatent.clauses, DeclaredPatent.status))
    assert (clauses, status) == ("4.1 4.2", "granted")
    assert await bot.rows(select(PatentForm.person_id)) == []
    # A refusal declared in private is flagged in the group, with the clauses concerned.
    calls = await bot.calls(LI, LI_DM, "/patent refuse ZL202110123456.7")
    flag = next(c for c in calls if c.params.get("chat_id") == GROUP.id)
    assert "声明不同意许可" in flag.text and "@chair_chen" in flag.text
    assert "涉及条款：4.1、4.2" in flag.text  # named in the earlier declaration of that patent


async def test_cancelling_or_restarting_the_form(
    drafting_bot: Bot, settings: Settings, clock: Clock
) -> None:
    bot = drafting_bot
    calls = await bot.calls(LI, LI_DM, "/patent")
    await bot.press(LI, bot.buttons(calls)["有必要专利"])
    # The bot restarts in the middle of the form: the person goes on where they were.
    async with started(settings, clock) as again:
        [mode] = await again.say(LI, LI_DM, "ZL202110123456.7 | 密封结构 | CN | 4.1 | pending")
        assert mode == "许可方式："
        await again.press(LI, again.buttons(again.transport.calls[-1:])["取消"])
        assert await again.rows(select(PatentForm.person_id)) == []
        assert await again.rows(select(PatentDeclaration.id)) == []
        [stale] = await again.say(LI, LI_DM, "阀门专利池")
        assert stale == "我只理解命令。发送 /help 查看可用命令。"


async def test_observers_are_asked_but_not_required(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [outside] = await bot.say(ZHAO, GROUP, "/patent none")
    assert (
        outside
        == "观察员单位 国家阀门质检中心（质检中心） 未参与项目 T/CVA 012—2027，不能在其中声明。"
    )
    await bot.say(CHAIR, GROUP, "/wg add 质检中心")
    await bot.say(CHAIR, GROUP, "/wg add 华理")
    [register] = await bot.say(NOBODY, GROUP, "/patents")
    lines = register.split("\n")
    assert "尚未声明的表决单位：朝达阀门有限公司（朝达）、华东理工大学（华理）" in lines
    assert "观察员单位（请声明，非必需）：国家阀门质检中心（质检中心）" in lines
    # The review ballot waits for the voting units only: the observer's commitment is asked for.
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    await bot.say(CHAIR, GROUP, "/advance")  # no comments: review
    await bot.say(LI, GROUP, "/patent none")
    await bot.say(ZHANG, GROUP, "/patent none")
    [opening, *_] = await bot.say(CHAIR, GROUP, "/advance")
    assert opening.startswith("阶段投票 B1：是否进入「报批稿」阶段"), opening
    [observer] = await bot.say(ZHAO, GROUP, "/patent none")
    assert observer.startswith("已登记 国家阀门质检中心")
    assert await bot.rows(select(func.count(PatentDeclaration.id))) == [(3,)]


async def test_dm_one_line_needs_a_single_project(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [one] = await bot.say(LI, LI_DM, "/patent none")
    assert one.startswith("已登记 朝达阀门有限公司（朝达） 在 T/CVA 012—2027")
    await bot.say(SEC, GROUP.__class__(-100999, "另一群"), "/newproject T/B 2 | 另一个")
    await bot.say(SEC, GROUP.__class__(-100999, "另一群"), "/wg add 朝达")
    [which] = await bot.say(LI, LI_DM, "/patent none")
    assert which.startswith("贵单位参与多个项目")
