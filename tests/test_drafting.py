"""Drafting through the real Application on SQLite and PostgreSQL: the drafter, the outline,
contributions and their commits, buttons (including forged ones) and the repository reads."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from bot.simulator import User
from drafts.meta import META_PATH
from storage.models import Contribution, Project, Unit, WorkingGroupMember
from tests.actors import CHAIR, GROUP, LI, NOBODY, OTHER_GROUP, SEC, ZHANG, ZHAO
from tests.conftest import Bot


def _show(repo, sha: str, fmt: str) -> str:  # type: ignore[no-untyped-def]
    return repo._git("show", "-s", f"--format={fmt}", sha).decode().strip()


def _files(repo, sha: str) -> list[str]:  # type: ignore[no-untyped-def]
    return repo._git("diff-tree", "--no-commit-id", "--name-only", "-r", sha).decode().split()


async def _refused(bot: Bot, user: User, command: str) -> str:
    """The answer to a command that must change nothing: the project's row and its repository's
    head are read before and after it."""
    project = select(Project.stage, Project.drafter_unit_id, Project.policy)
    head = (await bot.repository()).head()
    before = await bot.rows(project)
    [answer] = await bot.say(user, GROUP, command)
    assert await bot.rows(project) == before and (await bot.repository()).head() == head, answer
    return answer


async def test_designating_the_drafter_enters_framework(project_bot: Bot) -> None:
    bot = project_bot
    denied = await _refused(bot, LI, "/drafter 朝达")
    assert denied.startswith("无权执行") and "主席" in denied
    [observer] = await bot.say(CHAIR, GROUP, "/drafter 质检中心")
    assert "观察员单位" in observer
    [unknown] = await bot.say(CHAIR, GROUP, "/drafter 不存在")
    assert unknown.startswith("未找到单位")
    [usage] = await bot.say(CHAIR, GROUP, "/drafter")
    assert usage.startswith("用法：/drafter")
    [done] = await bot.say(CHAIR, GROUP, "/drafter 朝达")
    assert "朝达阀门有限公司（朝达） 为框架起草单位" in done and "框架起草" in done
    [(stage, drafter)] = await bot.rows(
        select(Project.stage, Unit.name).join(Unit, Unit.id == Project.drafter_unit_id)
    )
    assert (stage, drafter) == ("framework", "朝达阀门有限公司")
    assert await bot.rows(select(WorkingGroupMember.source)) == [("drafter",)]
    meta = json.loads((await bot.repository()).read(META_PATH) or "")
    assert meta["drafter"]["name"] == "朝达阀门有限公司" and meta["stage"] == "framework"
    [card] = await bot.say(ZHANG, GROUP, "/project")
    assert "框架起草单位：朝达阀门有限公司（朝达）" in card


async def test_framework_is_validated_whole_and_merged(drafting_bot: Bot) -> None:
    bot = drafting_bot
    repo = await bot.repository()
    head = repo.head()
    [bad] = await bot.say(LI, GROUP, "/framework\n4.3 压力试验\n\n4.x 坏\n9")
    assert bad.splitlines() == [
        "框架未作任何更改，以下行有误：",
        "第 4 行「4.x 坏」：编号应为 4、4.2、4.2.1、附录 A、A.1 或 前言/引言",
        "第 5 行「9」：缺少标题",
    ]
    [orphan] = await bot.say(LI, GROUP, "/framework\n8.1 附加要求")
    assert "第 2 行：8.1" in orphan
    [member] = await bot.say(ZHANG, GROUP, "/framework\n8 其他")
    assert member.startswith("无权执行") and "框架起草单位代表" in member
    assert repo.head() == head  # nothing of the refused messages was written
    [merged] = await bot.say(LI, GROUP, "/framework\n4 技术要求\n4.3 压力试验")
    assert merged.startswith("框架已更新：新增 1 条，修改标题 1 条")
    assert "4 技术要求\n4.1 材料\n4.2 结构\n4.3 压力试验\n5 试验方法" in merged
    [same] = await bot.say(CHAIR, GROUP, "/framework\n4.3 压力试验")
    assert same == "框架没有变化。"
    assert _show(repo, repo.head() or "", "%an") == "李伟 (朝达)"


async def test_assign_and_outline(drafting_bot: Bot) -> None:
    bot = drafting_bot
    denied = await _refused(bot, ZHANG, "/assign 4.1 华理")
    assert denied.startswith("无权执行")
    [done] = await bot.say(LI, GROUP, "/assign 4.1 华理")
    assert done == "已将 4.1 材料 分配给 华东理工大学（华理）。"
    [observer] = await bot.say(LI, GROUP, "/assign 4.2 质检中心")
    assert "观察员单位" in observer
    [unknown] = await bot.say(LI, GROUP, "/assign 9.9 华理")
    assert unknown.startswith("框架中没有条款 9.9")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    [outline] = await bot.say(NOBODY, GROUP, "/outline")
    assert "4.1 材料 — 分工：华东理工大学 · 暂无条文 · 待处理：#1" in outline
    assert "前言 — 分工：未分配 · 暂无条文 · 待处理：—" in outline


async def test_advance_gates(project_bot: Bot) -> None:
    bot = project_bot
    [no_drafter] = await bot.say(CHAIR, GROUP, "/advance")
    assert no_drafter.startswith("不能推进：尚未指定框架起草单位")
    await bot.say(CHAIR, GROUP, "/drafter 朝达")
    [no_outline] = await bot.say(CHAIR, GROUP, "/advance")
    assert no_outline.startswith("不能推进：标准框架还是空的")
    await bot.say(CHAIR, GROUP, "/framework template")
    [done] = await bot.say(CHAIR, GROUP, "/advance")
    assert done == "项目已进入「工作组讨论稿」阶段，版本库已打标签 working。"
    assert (await bot.repository()).tags() == ["working"]
    member = await _refused(bot, ZHANG, "/advance")
    assert member.startswith("无权执行")


async def test_proposal_accepted_by_button_is_one_commit_by_its_author(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [(huali_id,)] = await bot.rows(select(Unit.id).where(Unit.short_name == "华理"))
    member = select(WorkingGroupMember.source).where(WorkingGroupMember.unit_id == huali_id)
    assert await bot.rows(member) == []  # not in the working group before it contributes
    calls = await bot.calls(
        ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229 的规定。\n阀盖同。"
    )
    assert "文稿补充 #1：张敏（华理）为 4.1 材料 补充条文：" in calls[0].text
    buttons = bot.buttons(calls)
    assert set(buttons) == {"采纳", "不采纳"}
    repo = await bot.repository()
    head = repo.head()
    pressed = await bot.press(LI, buttons["采纳"])
    edit = next(c for c in pressed if c.method == "editMessageText")
    assert edit.text.startswith("已采纳 #1：张敏（华理）的条文已并入 4.1 材料。")
    assert "reply_markup" not in edit.params  # the buttons are gone
    sha = repo.head()
    assert sha != head
    assert (
        _show(repo, sha or "", "%an <%ae>|%cn|%s")
        == "张敏 (华理) <tg-4@users.manuscript>|manuscript-bot|#1 4.1 材料: add"
    )
    assert "Contribution: 1" in _show(repo, sha or "", "%b")
    [path] = _files(repo, sha or "")
    assert repo.read(path) == "阀体材料应符合 GB/T 12229 的规定。\n阀盖同。\n"
    assert await bot.rows(select(Contribution.status, Contribution.commit_sha)) == [
        ("accepted", sha)
    ]
    # The unit joined the working group by contributing: in the database and in the metadata.
    assert await bot.rows(member) == [("activity",)]
    meta = json.loads(repo.read(META_PATH) or "{}")
    assert {"id": huali_id, "name": "华东理工大学"} in meta["working_group"]
    [section] = await bot.say(NOBODY, GROUP, "/section 4.1")
    assert section.splitlines() == [
        "4.1 材料",
        "阀体材料应符合 GB/T 12229 的规定。",
        "阀盖同。",
        "  — 张敏 (华理) #1",
    ]


async def test_contribution_as_a_reply_takes_the_replied_text(drafting_bot: Bot) -> None:
    bot = drafting_bot
    earlier = {
        "message_id": 555,
        "date": int(time.time()),
        "chat": GROUP.as_dict(),
        "from": ZHANG.as_dict(),
        "text": "试验压力为 1.5 倍公称压力。",
    }
    [proposal, *_] = await bot.say(LI, GROUP, "/contribute 4.2", reply_to=earlier)
    assert proposal.endswith(
        "「试验压力为 1.5 倍公称压力。」\n起草单位或主席：按下方按钮，或 /accept #1、/reject #1 <理由>。"
    )
    assert await bot.rows(select(Contribution.text, Contribution.author_id)) == [
        ("试验压力为 1.5 倍公称压力。", LI.id)
    ]


async def test_bad_contributions_are_answered_and_write_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    repo = await bot.repository()
    head = repo.head()
    cases = [
        (ZHANG, "/contribute 9.9 文本", "框架中没有条款 9.9。发送 /outline 查看框架。"),
        (ZHANG, "/contribute 四点一 文本", "「四点一」不是条款编号（例如 4.2、A.1、前言）。"),
        (ZHANG, "/contribute 4.1", "文稿内容是空的"),
        (ZHANG, "/contribute 4.1    \n  ", "文稿内容是空的"),
        (
            ZHANG,
            "/contribute 4.1 " + "长" * 4001,
            "文稿过长（4001 字，上限 4000 字），请分条提交。",
        ),
        (ZHANG, "/contribute", "用法：/contribute"),
        (NOBODY, "/contribute 4.1 文本", "无权执行"),
        (
            ZHAO,
            "/contribute 4.1 文本",
            "无权执行：此操作需要以下角色之一：成员单位代表、框架起草单位代表、主席。",
        ),
        (CHAIR, "/contribute 4.1 文本", "您还不代表任何成员单位"),
        (ZHANG, "/replace 4.1", "文稿内容是空的"),
    ]
    for user, text, expected in cases:
        [answer] = await bot.say(user, GROUP, text)
        assert answer.startswith(expected), (text[:30], answer)
    assert await bot.rows(select(Contribution.id)) == []
    assert repo.head() == head


async def test_no_contributions_before_the_working_draft(project_bot: Bot) -> None:
    bot = project_bot
    await bot.say(LI, GROUP, "/join 朝达")
    await bot.say(SEC, GROUP, "/approve @liwei")
    await bot.say(CHAIR, GROUP, "/drafter 朝达")
    await bot.say(LI, GROUP, "/framework template")
    [closed] = await bot.say(LI, GROUP, "/contribute 1 文本")
    assert closed.startswith("项目处于「框架起草」阶段，不接收文稿补充")


async def test_reject_withdraw_and_decided_twice(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 甲")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 乙")
    [no_reason] = await bot.say(LI, GROUP, "/reject #1")
    assert no_reason.startswith("用法：/reject")
    [member] = await bot.say(ZHANG, GROUP, "/reject #1 不好")
    assert member.startswith("无权执行")
    answers = await bot.say(LI, GROUP, "/reject #1 与 GB/T 12229 重复")
    assert answers[-1] == "未采纳 #1。理由：与 GB/T 12229 重复"
    assert answers[0].startswith("#1：不采纳")  # the proposal message is updated too
    [again] = await bot.say(CHAIR, GROUP, "/accept #1")
    assert again == "#1 已不采纳。"
    [not_yours] = await bot.say(LI, GROUP, "/withdraw #2")
    assert not_yours == "只有 #2 的提交人可以撤回它。"
    answers = await bot.say(ZHANG, GROUP, "/withdraw 2")
    assert answers[-1] == "#2 已撤回。"
    [unknown] = await bot.say(LI, GROUP, "/accept #77")
    assert unknown == "没有文稿补充 #77。"
    [bad] = await bot.say(LI, GROUP, "/accept seventy")
    assert bad.startswith("用法：/accept")
    rows = await bot.rows(
        select(Contribution.number, Contribution.status, Contribution.reason).order_by(
            Contribution.number
        )
    )
    assert rows == [(1, "rejected", "与 GB/T 12229 重复"), (2, "withdrawn", None)]
    assert (await bot.repository()).sizes("clauses/") == {}


async def test_replace_shows_the_diff_and_open_policy_merges_at_once(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(ZHANG, GROUP, "/replace 4.1 阀体和阀盖材料应符合 GB/T 12229。")
    answers = await bot.say(CHAIR, GROUP, "/accept #2")
    assert answers[-1].splitlines() == [
        "已采纳 #2：4.1 材料 已按 张敏（华理）的提议改写。",
        "变化：",
        "  - 阀体材料应符合 GB/T 12229。",
        "  + 阀体和阀盖材料应符合 GB/T 12229。",
    ]
    denied = await _refused(bot, LI, "/policy open")
    assert denied.startswith("无权执行")
    [switched] = await bot.say(CHAIR, GROUP, "/policy open")
    assert switched == "文稿并入方式：即时并入（open）。"
    [merged] = await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
    assert merged == "已采纳 #3：张敏（华理）的条文已并入 4.2 结构。"
    repo = await bot.repository()
    assert json.loads(repo.read(META_PATH) or "")["policy"] == "open"
    assert repo.log(limit=1)[0].subject == "#3 4.2 结构: add"
    [usage] = await bot.say(CHAIR, GROUP, "/policy sometimes")
    assert usage == "用法：/policy open|review"


async def test_forged_and_stale_buttons_change_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    calls = await bot.calls(ZHANG, GROUP, "/contribute 4.1 甲")
    accept = bot.buttons(calls)["采纳"]
    contribution_id = int(accept.split(":")[1])
    message = bot.last_markup
    repo = await bot.repository()
    head = repo.head()
    for data in ("c:999999:a", "c:abc:a", f"c:{contribution_id}:x", "c:", f"c:{contribution_id}"):
        [toast] = [
            c for c in await bot.press(LI, data, message) if c.method == "answerCallbackQuery"
        ]
        assert toast.params["text"] == "这个按钮已失效。" and toast.params["show_alert"] is True, (
            data
        )
    [denied] = [
        c for c in await bot.press(ZHANG, accept, message) if c.method == "answerCallbackQuery"
    ]
    assert denied.params["text"].startswith("无权执行")
    # A button carried into another chat refers to another project: refused there.
    await bot.say(SEC, OTHER_GROUP, "/newproject T/OTHER 1 | 另一个")
    elsewhere = {**message, "chat": OTHER_GROUP.as_dict()}  # type: ignore[dict-item]
    [foreign] = [
        c for c in await bot.press(SEC, accept, elsewhere) if c.method == "answerCallbackQuery"
    ]
    assert foreign.params["text"] == "这个按钮已失效。"
    reject_calls = await bot.press(LI, f"c:{contribution_id}:r", message)
    assert "/reject #1 <理由>" in reject_calls[-1].params["text"]
    assert repo.head() == head
    assert await bot.rows(select(Contribution.status)) == [("open",)]
    await bot.press(CHAIR, accept, message)
    [stale] = [c for c in await bot.press(LI, accept, message) if c.method == "answerCallbackQuery"]
    assert stale.params["text"] == "#1 已采纳。"


async def test_history_and_diff_read_the_repository(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(LI, GROUP, "/framework\n4.4 标志")
    [history] = await bot.say(NOBODY, GROUP, "/history")
    lines = history.splitlines()
    assert lines[0] == "最近的修改："
    assert lines[1].endswith("李伟 (朝达)：框架：新增 4.4；改标题 -")  # in the chat's language
    assert lines[2].endswith("张敏 (华理)：#1 4.1 材料：补充条文")
    [clause_history] = await bot.say(NOBODY, GROUP, "/history 4.1")
    assert (
        clause_history.splitlines()[0] == "4.1 材料 的最近修改："
        and len(clause_history.splitlines()) == 2
    )
    [diff] = await bot.say(NOBODY, GROUP, "/diff working")
    assert diff.splitlines() == [
        "自 working 以来的变化：",
        "4.1 材料",
        "  + 阀体材料。",
        "【新增】4.4 标志",
    ]
    [same] = await bot.say(NOBODY, GROUP, "/diff 工作组讨论稿")
    assert same == diff
    [default] = await bot.say(NOBODY, GROUP, "/diff")
    assert default == diff  # the latest tag is the default base
    [unknown] = await bot.say(NOBODY, GROUP, "/diff v9")
    assert unknown == "没有名为「v9」的标签或阶段。已有标签：working"
