"""Units, representatives and appointments, through the real Application on both databases."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import JoinRequest, Person, RoleGrant, Unit
from tests.actors import CHAIR, GROUP, LI, NO_USERNAME, NOBODY, SEC, ZHANG
from tests.conftest import Bot


async def test_secretariat_registers_units_and_lists_them(bot: Bot) -> None:
    [answer] = await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达 | 企业")
    assert "朝达阀门有限公司（朝达）" in answer and "企业" in answer and "表决单位" in answer
    await bot.say(SEC, GROUP, "/unit add 国家阀门质检中心 | observer | 科研院所 | 质检中心")
    rows = await bot.rows(
        select(Unit.name, Unit.short_name, Unit.kind, Unit.observer).order_by(Unit.id)
    )
    assert rows == [
        ("朝达阀门有限公司", "朝达", "enterprise", False),
        ("国家阀门质检中心", "质检中心", "institute", True),
    ]
    [listing] = await bot.say(LI, GROUP, "/units")
    assert "成员单位（2）" in listing
    assert "国家阀门质检中心（质检中心） · 科研院所 · 观察员 — 代表：（无）" in listing


async def test_unit_names_and_short_names_stay_unique(bot: Bot) -> None:
    await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    [by_name] = await bot.say(SEC, GROUP, "/unit add 朝达 | 另一个")
    [by_short] = await bot.say(SEC, GROUP, "/unit add 别的公司 | 朝达")
    assert "「朝达」" in by_name and "未重复登记" in by_name
    assert "「朝达」" in by_short
    assert len(await bot.rows(select(Unit.id))) == 1


async def test_malformed_unit_add_answers_usage_and_writes_nothing(bot: Bot) -> None:
    for text in (
        "/unit",
        "/unit add",
        "/unit add | 简称",
        "/unit remove 朝达",
        "/unit add A | b | c | d | e",
    ):
        [answer] = await bot.say(SEC, GROUP, text)
        assert answer.startswith("用法：/unit add <名称>"), text
    assert await bot.rows(select(Unit.id)) == []


async def test_non_secretariat_is_told_the_role_it_needs(bot: Bot) -> None:
    [answer] = await bot.say(NOBODY, GROUP, "/unit add 某公司")
    assert answer == "无权执行：此操作需要以下角色之一：秘书处。"
    assert await bot.rows(select(Unit.id)) == []


async def test_join_then_approve_makes_a_representative(bot: Bot) -> None:
    await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    [asked] = await bot.say(LI, GROUP, "/join 朝达")
    assert "/approve @liwei" in asked
    [listing] = await bot.say(SEC, GROUP, "/units")
    assert "李伟（@liwei）申请代表 朝达阀门有限公司（朝达）" in listing
    [approved] = await bot.say(SEC, GROUP, "/approve @LiWei")  # usernames match in any case
    assert approved == "已确认：李伟 代表 朝达阀门有限公司（朝达）。"
    unit_id = (await bot.rows(select(Unit.id)))[0][0]
    assert await bot.rows(select(Person.unit_id).where(Person.id == LI.id)) == [(unit_id,)]
    assert await bot.rows(select(JoinRequest.status, JoinRequest.decided_by)) == [
        ("approved", SEC.id)
    ]
    [again] = await bot.say(LI, GROUP, "/join 朝达阀门有限公司")
    assert again == "您已经是 朝达阀门有限公司（朝达） 的代表。"


async def test_a_new_join_replaces_an_undecided_one(bot: Bot) -> None:
    await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    await bot.say(SEC, GROUP, "/unit add 华东理工大学 | 华理")
    await bot.say(LI, GROUP, "/join 朝达")
    await bot.say(LI, GROUP, "/join 华理")
    await bot.say(SEC, GROUP, "/approve @liwei")
    [(unit_name,)] = await bot.rows(select(Unit.name).join(Person, Person.unit_id == Unit.id))
    assert unit_name == "华东理工大学"
    assert len(await bot.rows(select(JoinRequest.id))) == 1


async def test_deny_records_the_reason_and_changes_no_unit(bot: Bot) -> None:
    await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    await bot.say(NO_USERNAME, GROUP, "/join 朝达")
    [denied] = await bot.say(SEC, GROUP, f"/deny {NO_USERNAME.id} 不是该单位员工")
    assert "拒绝" in denied and "不是该单位员工" in denied
    assert await bot.rows(select(JoinRequest.status, JoinRequest.reason)) == [
        ("denied", "不是该单位员工")
    ]
    assert await bot.rows(select(Person.unit_id).where(Person.id == NO_USERNAME.id)) == [(None,)]


async def test_join_and_approve_refusals(bot: Bot) -> None:
    [unknown_unit] = await bot.say(LI, GROUP, "/join 不存在的公司")
    assert unknown_unit.startswith("未找到单位「不存在的公司」")
    [no_args] = await bot.say(LI, GROUP, "/join")
    assert no_args.startswith("用法：/join")
    [unknown_user] = await bot.say(SEC, GROUP, "/approve @never_seen")
    assert "还不认识用户 @never_seen" in unknown_user
    [no_request] = await bot.say(SEC, GROUP, "/approve @liwei")
    assert no_request.startswith("李伟 没有待确认的代表申请")
    [bad_ref] = await bot.say(SEC, GROUP, "/approve li wei")
    assert bad_ref.startswith("用法：/approve")
    assert await bot.rows(select(JoinRequest.id)) == []


async def test_grant_chair_needs_a_project_and_is_recorded(bot: Bot) -> None:
    await bot.say(CHAIR, GROUP, "/help")
    [no_project] = await bot.say(SEC, GROUP, "/grant @chair_chen chair")
    assert no_project.startswith("本群（或本话题）尚未绑定标准项目")
    await bot.say(SEC, GROUP, "/newproject T/X 1—2027 | 标题")
    [granted] = await bot.say(SEC, GROUP, "/grant @chair_chen chair")
    assert granted == "已任命 主席 陈 为项目 T/X 1—2027 的主席。"
    [twice] = await bot.say(SEC, GROUP, "/grant @chair_chen CHAIR")
    assert twice == "主席 陈 已经是主席。"
    assert len(await bot.rows(select(RoleGrant.id))) == 1
    [card] = await bot.say(LI, GROUP, "/project")
    assert "主席：主席 陈" in card


async def test_granted_secretariat_can_administer_until_revoked(bot: Bot) -> None:
    await bot.say(ZHANG, GROUP, "/help")
    [denied] = await bot.say(ZHANG, GROUP, "/unit add 甲公司")
    assert "秘书处" in denied
    await bot.say(SEC, GROUP, "/grant @zhangmin secretariat")
    [added] = await bot.say(ZHANG, GROUP, "/unit add 甲公司")
    assert added.startswith("已登记单位：甲公司")
    [revoked] = await bot.say(SEC, GROUP, "/revoke @zhangmin secretariat")
    assert revoked == "已撤销 张敏 的秘书处任命。"
    [denied_again] = await bot.say(ZHANG, GROUP, "/unit add 乙公司")
    assert denied_again.startswith("无权执行")
    [configured] = await bot.say(SEC, GROUP, f"/revoke {SEC.id} secretariat")
    assert "只能在配置中移除" in configured


async def test_grant_refusals_answer_usage(bot: Bot) -> None:
    for text in ("/grant", "/grant @liwei", "/grant @liwei king", "/grant liwei chair"):
        [answer] = await bot.say(SEC, GROUP, text)
        assert answer.startswith("用法：/grant"), text
    assert await bot.rows(select(RoleGrant.id)) == []
