"""Projects bound to chats and forum topics, the status card, the working group and /lang."""

from __future__ import annotations

from sqlalchemy import select

from bot.simulator import private_chat
from storage.models import ChatSetting, Project, WorkingGroupMember
from tests.actors import CHAIR, FORUM, GROUP, LI, OTHER_GROUP, SEC
from tests.conftest import Bot


async def test_newproject_binds_the_group_and_shows_the_card(bot: Bot) -> None:
    answers = await bot.say(SEC, GROUP, "/newproject T/CVA 012—2027 | 石油天然气工业用钢制闸阀")
    text = "\n".join(answers)
    assert "已创建标准项目 T/CVA 012—2027《石油天然气工业用钢制闸阀》" in text
    assert "阶段：立项" in text and "秘书处任命主席" in text
    rows = await bot.rows(select(Project.code, Project.chat_id, Project.thread_id, Project.stage))
    assert rows == [("T/CVA 012—2027", GROUP.id, 0, "proposal")]


async def test_one_project_per_chat_and_per_code(bot: Bot) -> None:
    await bot.say(SEC, GROUP, "/newproject T/A 1—2027 | 甲")
    [taken] = await bot.say(SEC, GROUP, "/newproject T/A 2—2027 | 乙")
    assert taken.startswith("本群（或话题）已绑定项目 T/A 1—2027")
    [code] = await bot.say(SEC, OTHER_GROUP, "/newproject T/A 1—2027 | 丙")
    assert code == "标准代号 T/A 1—2027 已被另一个项目使用。"
    assert len(await bot.rows(select(Project.id))) == 1


async def test_newproject_refusals(bot: Bot) -> None:
    [private] = await bot.say(SEC, private_chat(SEC), "/newproject T/A 1 | 甲")
    assert private == "请在项目群组中使用此命令。"
    for text in ("/newproject", "/newproject T/A 1", "/newproject | 标题", "/newproject a | b | c"):
        [usage] = await bot.say(SEC, GROUP, text)
        assert usage.startswith("用法：/newproject"), text
    [denied] = await bot.say(LI, GROUP, "/newproject T/A 1 | 甲")
    assert denied.startswith("无权执行") and "秘书处" in denied
    assert await bot.rows(select(Project.id)) == []


async def test_each_forum_topic_is_its_own_project(bot: Bot) -> None:
    calls = await bot.calls(SEC, FORUM, "/newproject T/F 1—2027 | 话题一", topic=11)
    assert [call.params.get("message_thread_id") for call in calls] == [11]  # its one answer
    await bot.say(SEC, FORUM, "/newproject T/F 2—2027 | 话题二", topic=22)
    [first] = await bot.say(LI, FORUM, "/project", topic=11)
    [second] = await bot.say(LI, FORUM, "/project", topic=22)
    [general] = await bot.say(LI, FORUM, "/project")
    assert "话题一" in first and "话题二" in second
    assert general.startswith("本群（或本话题）尚未绑定标准项目")
    rows = await bot.rows(select(Project.thread_id).order_by(Project.thread_id))
    assert rows == [(11,), (22,)]


async def test_project_in_a_private_chat_points_to_the_group(bot: Bot) -> None:
    [answer] = await bot.say(LI, private_chat(LI), "/project")
    assert answer == "请在项目群组中使用此命令。"


async def test_working_group_add_list_remove(project_bot: Bot) -> None:
    bot = project_bot
    [denied] = await bot.say(LI, GROUP, "/wg add 朝达")
    assert "主席" in denied and "秘书处" in denied
    assert (await bot.say(CHAIR, GROUP, "/wg add 朝达")) == [
        "朝达阀门有限公司（朝达） 已加入起草工作组。"
    ]
    await bot.say(SEC, GROUP, "/wg add 质检中心")
    [again] = await bot.say(CHAIR, GROUP, "/wg add 朝达阀门有限公司")
    assert again.endswith("已在起草工作组中。")
    [listing] = await bot.say(LI, GROUP, "/wg")
    assert listing.splitlines() == [
        "起草工作组（2）：",
        "• 朝达阀门有限公司（朝达）",
        "• 国家阀门质检中心（质检中心）",
    ]
    [card] = await bot.say(LI, GROUP, "/project")
    assert "起草工作组（2）：朝达阀门有限公司（朝达）、国家阀门质检中心（质检中心）" in card
    await bot.say(CHAIR, GROUP, "/wg remove 质检中心")
    [not_member] = await bot.say(CHAIR, GROUP, "/wg remove 华理")
    assert not_member.endswith("不在起草工作组中。")
    [usage] = await bot.say(CHAIR, GROUP, "/wg join 华理")
    assert usage.startswith("用法：/wg")
    assert len(await bot.rows(select(WorkingGroupMember.unit_id))) == 1


async def test_lang_switches_the_chat_and_is_guarded_in_groups(project_bot: Bot) -> None:
    bot = project_bot
    [denied] = await bot.say(LI, GROUP, "/lang en")
    assert "主席" in denied and "秘书处" in denied
    [switched] = await bot.say(CHAIR, GROUP, "/lang EN")
    assert switched == "This chat's language is now English."
    [card] = await bot.say(LI, GROUP, "/project")
    assert "Stage: proposal" in card
    [usage] = await bot.say(CHAIR, GROUP, "/lang fr")
    assert usage == "Usage: /lang zh|en"
    [private] = await bot.say(LI, private_chat(LI), "/lang en")
    assert private.startswith("This chat")
    [back] = await bot.say(CHAIR, GROUP, "/lang zh")
    assert back == "本聊天的语言已设为简体中文。"
    rows = await bot.rows(
        select(ChatSetting.chat_id, ChatSetting.language).order_by(ChatSetting.chat_id)
    )
    assert rows == [(GROUP.id, "zh"), (LI.id, "en")]
