"""/history in the chat's language: every form of commit subject the services write, told in
Chinese and in English (the subjects themselves stay English in git)."""

from __future__ import annotations

import pytest

from bot.domain.changes import describe
from bot.i18n import render
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot


@pytest.mark.parametrize(
    ("subject", "zh", "en"),
    [
        ("#3 4.2 结构: add", "#3 4.2 结构：补充条文", "#3 4.2 结构: text added"),
        ("#4 4.1 材料: replace", "#4 4.1 材料：整条改写", "#4 4.1 材料: reworded"),
        ("C2–C5: imported from 表.xlsx", "从 表.xlsx 导入意见 C2–C5", "comments C2–C5 imported from 表.xlsx"),
        ("C1 4.1: comment", "意见 C1（4.1）", "comment C1 (4.1)"),
        ("C1 4.1: partial", "意见 C1（4.1）的处理：部分采纳", "comment C1 (4.1) resolved: partially accepted"),
        ("B2: passed", "投票 B2 结束：通过", "ballot B2 closed: passed"),
        ("B1: no_winner", "投票 B1 结束：无人当选", "ballot B1 closed: no winner"),
        ("Stage: consultation", "进入「征求意见稿」阶段", "stage: consultation draft"),
        ("Policy: open", "文稿并入方式：即时并入（open）", "contributions merged at once (open)"),
        ("Cover: ics", "封面信息：ICS 分类号", "cover: ICS code"),
        ("Create project T/CVA 1—2027", "创建项目 T/CVA 1—2027", "project T/CVA 1—2027 created"),
        ("Framework drafter: 朝达", "框架起草单位：朝达", "framework drafter: 朝达"),
        ("Framework: added 4.1, 4.2; retitled -", "框架：新增 4.1, 4.2；改标题 -", "framework: added 4.1, 4.2; retitled -"),
        ("Import framework from f.docx: 6 clauses", "从 f.docx 导入框架（6 个条款）", "framework imported from f.docx (6 clauses)"),
        ("Assign 4.1 to 朝达", "4.1 分配给 朝达", "4.1 assigned to 朝达"),
        ("Patent commitment of 朝达: free", "朝达 的专利许可承诺：免费许可", "patent commitment of 朝达: royalty-free (RAND-Free)"),
        ("Patent commitment of 华理: none known", "华理 的专利许可承诺：无已知必要专利", "patent commitment of 华理: no essential patents known"),
        ("Working group", "起草工作组变更", "working group changed"),
        ("Standard number: T/CVA 1—2027", "发布，标准编号 T/CVA 1—2027", "published as T/CVA 1—2027"),
        ("上阀所: no comments", "上阀所 回复：无意见", "上阀所 replied: no comments"),
        ("Undo: C1 4.1: comment", "撤回（数据库未能记录）：意见 C1（4.1）", "taken back (the database did not record it): comment C1 (4.1)"),
        ("Undo: Merge x", "撤回（数据库未能记录）：Merge x", "taken back (the database did not record it): Merge x"),
    ],
)  # fmt: skip
def test_each_subject_is_told_in_the_chats_language(subject: str, zh: str, en: str) -> None:
    told = describe(subject)
    assert told is not None
    assert (render("zh", told), render("en", told)) == (zh, en)


def test_a_subject_of_no_known_form_is_shown_as_it_is() -> None:
    assert describe("Merge branch 'x'") is None
    assert describe("Stage: 工作组") is None


async def test_history_in_a_chinese_chat_has_no_english_subjects(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/assign 4.1 朝达")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    [history] = await bot.say(ZHANG, GROUP, "/history")
    lines = history.splitlines()
    assert lines[0] == "最近的修改："
    told = [line.split("：", 1)[1] for line in lines[1:]]
    assert told[:5] == [
        "#1 4.1 材料：补充条文",
        "起草工作组变更",  # 华理 joined it by contributing
        "4.1 分配给 朝达阀门有限公司",
        "进入「工作组讨论稿」阶段",
        "框架：新增 4.1, 4.2；改标题 -",
    ]
    assert not any(word in history for word in ("Stage", "Assign", "Framework", ": add"))
