"""The collective review through the real Application, on SQLite and PostgreSQL: a review meeting
from its notice to its conclusion and the move to approval, every refusal on the way, the review by
correspondence, the end of a project, and a restart in the middle of a meeting."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from sqlalchemy import select

from bot.config import Settings
from bot.simulator import ApiCall, User, private_chat
from drafts.export.explanatory_note import explanatory_note_docx
from drafts.export.formats import MEETING_RECORDS, export
from drafts.export.model import load
from drafts.records import MeetingRecord, OpinionRecord
from storage.models import Attendance, Ballot, Deadline, Meeting, Project, Reminder
from tests.actors import CHAIR, GROUP, LI, NOBODY, SEC, SUN, ZHANG, ZHAO
from tests.conftest import (
    Bot,
    Clock,
    drafting,
    needs_libreoffice,
    started,
    texts,
    with_project,
)

MATERIALS = ("编制说明.docx", "征求意见汇总处理表.docx")


async def in_review(bot: Bot, *, third_unit: bool = True) -> Bot:
    """The drafting bot taken to review: 4.1 and 4.2 written, no comments, patents declared;
    with `third_unit`, 上海阀门研究所 (孙磊) is a third reviewing unit."""
    if third_unit:
        await bot.say(SEC, GROUP, "/unit add 上海阀门研究所 | 上阀所 | 科研院所")
        await bot.say(SUN, GROUP, "/join 上阀所")
        await bot.say(SEC, GROUP, "/approve @sunlei")
        await bot.say(CHAIR, GROUP, "/wg add 上阀所")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(LI, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    await bot.say(CHAIR, GROUP, "/advance")
    for user, line in ((LI, "/patent none"), (ZHANG, "/patent none"), (SUN, "/patent none")):
        if third_unit or user is not SUN:
            await bot.say(user, GROUP, line)
    [(stage,)] = await bot.rows(select(Project.stage))
    assert stage == "review"
    return bot


def toast(calls: list[ApiCall]) -> str:
    [answer] = [c for c in calls if c.method == "answerCallbackQuery"]
    return str(answer.params.get("text") or "")


async def record(bot: Bot, number: int = 1) -> MeetingRecord:
    repo = await bot.repository()
    return MeetingRecord.from_json(repo.read(f"review/meetings/meeting-{number}.json") or "")


async def test_a_review_meeting_from_notice_to_approval(drafting_bot: Bot, clock: Clock) -> None:
    bot = await in_review(drafting_bot)
    await bot.say(LI, private_chat(LI), "/start")
    [card] = await bot.say(NOBODY, GROUP, "/project")
    assert (
        "集体审查：主席用 /meeting <时间> | <地点> 安排审查会，或用 /review letter 函审。" in card
    )
    # Scheduled too soon, the meeting is refused with the earliest allowed time.
    [soon] = await bot.say(CHAIR, GROUP, "/meeting 3d | 上海 会议室 A")
    earliest = (clock.now + timedelta(days=10)).astimezone(Settings().timezone)
    assert soon == (
        f"审查材料应在会前送达：最早可安排在 {earliest:%Y-%m-%d %H:%M}。"
        "确需提前召开，请在命令末尾加 | 紧急。"
    )
    assert await bot.rows(select(Meeting.id)) == []
    calls = await bot.calls(CHAIR, GROUP, "/meeting 12d | 上海 会议室 A")
    # The group's notice (the private one to 李伟 may be sent before it: chats go in parallel).
    [notice, *_] = [
        c.text for c in calls if c.method == "sendMessage" and c.params["chat_id"] == GROUP.id
    ]
    assert notice.startswith("📋 审查会通知（第 1 次）：《石油天然气工业用钢制闸阀》送审稿审查会")
    assert "审查单位（应到 3 个）：朝达、华理、上阀所" in notice
    files: dict[int, list[str]] = {}
    for call in calls:
        if call.method == "sendDocument":
            files.setdefault(int(call.params["chat_id"]), []).extend(call.files)
    # The materials in the group, and to the representative who opened a private chat.
    assert set(files) == {GROUP.id, LI.id}
    for names in files.values():
        assert [
            name.rsplit("-", 1)[-1] for name in names if not name.endswith(("docx", "pdf"))
        ] == []
        assert sum(name.endswith(MATERIALS) for name in names) == 2
        assert any(name.endswith("送审稿.docx") for name in names), names
    buttons = bot.buttons(calls)
    assert set(buttons) == {"参加", "请假"}
    # Answers: from a reviewing unit only; the latest counts.
    await bot.press(ZHANG, buttons["请假"])
    await bot.press(ZHANG, buttons["参加"])
    refused = toast(await bot.press(ZHAO, buttons["参加"]))  # an observer's unit
    await bot.press(LI, buttons["参加"])
    card = (await bot.say(NOBODY, GROUP, "/meeting"))[0]
    assert "参加：朝达、华理\n请假：（无）\n未回复：上阀所" in card
    assert "应到 3 个单位，实到 0（表决需 ≥2）" in card
    # Check-in, when the chair says so.
    checkin_calls = await bot.calls(CHAIR, GROUP, "/checkin")
    checkin = bot.buttons(checkin_calls)["签到"]
    assert toast(await bot.press(LI, checkin)).startswith("李伟（朝达阀门有限公司）已签到")
    assert toast(await bot.press(LI, checkin)).startswith("您已于")
    assert toast(await bot.press(ZHAO, checkin)).startswith(
        "审查会（第 1 次）由起草工作组的表决单位审查"
    )
    [below] = await bot.say(CHAIR, GROUP, "/meeting vote")
    assert (
        below == "不足法定人数，不能表决：应到 3 个单位，实到 1，需至少 2（2/3）。会议须另行召开。"
    )
    [expert] = await bot.say(CHAIR, GROUP, "/attend 王教授 | 浙江大学 | 教授")
    assert expert == "已登记出席：王教授（浙江大学），列席（不属审查单位，不计入应到、实到）。"
    [deputy] = await bot.say(CHAIR, GROUP, "/attend 周工 | 华理 | 高级工程师")
    assert deputy == "已登记出席：周工（华东理工大学），计入审查单位 华东理工大学。"
    # Quorum met (2 of 3): the vote among those present, under the rule `meeting`.
    vote_calls = await bot.calls(CHAIR, GROUP, "/meeting vote")
    opening = texts(vote_calls)[0]
    assert opening.startswith("审查会议表决 B1")
    assert "规则：meeting" in opening
    assert "签到结束：应到 3 个单位，实到 2，达到法定人数（≥2）。" in opening
    [late] = await bot.say(CHAIR, GROUP, "/attend 迟到者 | 上阀所")
    assert late == "审查会（第 1 次）已开始表决：出席登记已结束。"
    [absent] = await bot.say(SUN, GROUP, "/vote B1 yes")
    assert absent == "上海阀门研究所（上阀所） 不在 B1 的表决单位名单中（名单在投票开始时确定）。"
    await bot.say(LI, GROUP, "/vote B1 yes")
    [(ballot_rule,)] = await bot.rows(select(Ballot.rule))
    assert ballot_rule == "meeting"
    [early] = await bot.say(CHAIR, GROUP, "/conclude pass")
    assert early == "表决 B1 尚未结束：结束后（/close B1）再作结论。"
    await bot.say(ZHANG, GROUP, "/vote B1 yes")
    await bot.say(CHAIR, GROUP, "/close B1")
    # Review opinions, on known clauses, resolved like comments.
    [o1] = await bot.say(
        CHAIR, GROUP, "/opinion 4.1 应增加阀盖材料要求\n=> 阀体、阀盖材料应符合 GB/T 12229。"
    )
    assert o1 == "已记录审查意见 O1（4.1）。"
    [o2] = await bot.say(CHAIR, GROUP, "/opinion 4.2 结构长度的引用应注日期")
    assert o2 == "已记录审查意见 O2（4.2）。"
    [unknown] = await bot.say(CHAIR, GROUP, "/opinion 9.9 无此条")
    assert unknown.startswith("框架中没有条款 9.9")
    [contradicts] = await bot.say(CHAIR, GROUP, "/conclude fail")
    assert contradicts == "结论与表决不一致：B1 通过，不能作出「不通过」的结论。"
    [minutes] = await bot.say(CHAIR, GROUP, "/minutes 会议由主席陈主持，专家组逐条审查了送审稿。")
    assert minutes == "已记入审查会（第 1 次）纪要。"
    [revise] = await bot.say(CHAIR, GROUP, "/conclude revise 按审查意见修改后报批")
    assert revise.startswith("审查会（第 1 次）结论：修改后通过。")
    [waiting] = await bot.say(CHAIR, GROUP, "/advance")
    assert waiting.startswith("结论为修改后通过：以下审查意见尚无处理意见：O1、O2")
    assert (await bot.say(LI, GROUP, "/resolve O1 accept"))[0] == "O1 的处理意见：采纳。"
    assert (await bot.say(LI, GROUP, "/resolve o2 partial 已注日期"))[
        0
    ] == "O2 的处理意见：部分采纳。"
    [entered] = await bot.say(CHAIR, GROUP, "/advance")
    assert entered.startswith("项目已进入「报批稿」阶段")
    # The repository holds the whole meeting.
    kept = await record(bot)
    assert kept.body == ("朝达阀门有限公司", "华东理工大学", "上海阀门研究所")
    assert kept.present == ("朝达阀门有限公司", "华东理工大学")
    assert [(a.name, a.how, a.counts_for) for a in kept.attendance] == [
        ("李伟", "checkin", "朝达阀门有限公司"),
        ("王教授", "recorded", None),
        ("周工", "recorded", "华东理工大学"),
    ]
    assert [(r.unit, r.answer) for r in kept.replies] == [
        ("朝达阀门有限公司", "attend"),  # at the same moment (the test's clock): in unit order
        ("华东理工大学", "attend"),
    ]
    assert (kept.ballot, kept.conclusion, kept.status) == ("B1", "revise", "concluded")
    assert [m.text for m in kept.minutes] == ["会议由主席陈主持，专家组逐条审查了送审稿。"]
    assert kept.minutes[0].by == "主席 陈"
    repo = await bot.repository()
    opinion = OpinionRecord.from_json(repo.read("review/opinions/O0002.json") or "")
    assert (opinion.clause, opinion.disposition, opinion.note) == ("4.2", "partial", "已注日期")
    assert json.loads(repo.read("ballots/B1.json") or "")["kind"] == "meeting"
    assert refused.startswith("审查会（第 1 次）由起草工作组的表决单位审查")


async def hold_meeting(bot: Bot) -> None:
    """A whole meeting, none of it refused: answers, check-in with a guest and a unit's engineer
    recorded by /attend, a vote of 3 yes among 3 present, two opinions (one with its
    proposed text), two lines of minutes, the conclusion `revise`, the move to approval."""
    calls = await bot.calls(CHAIR, GROUP, "/meeting 12d | 上海 会议室 A")
    buttons = bot.buttons(calls)
    for user in (LI, ZHANG):
        await bot.press(user, buttons["参加"])
    await bot.press(SUN, buttons["请假"])
    checkin = bot.buttons(await bot.calls(CHAIR, GROUP, "/checkin"))["签到"]
    await bot.press(LI, checkin)
    await bot.press(ZHANG, checkin)
    await bot.say(CHAIR, GROUP, "/attend 王教授 | 浙江大学 | 教授")
    await bot.say(CHAIR, GROUP, "/attend 周工 | 上阀所 | 高级工程师")
    await bot.say(CHAIR, GROUP, "/meeting vote")
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 yes")
    await bot.say(SUN, GROUP, "/vote B1 yes")
    await bot.say(CHAIR, GROUP, "/close B1")
    await bot.say(
        CHAIR, GROUP, "/opinion 4.1 应增加阀盖材料要求\n=> 阀体、阀盖材料应符合 GB/T 12229。"
    )
    await bot.say(CHAIR, GROUP, "/opinion 4.2 结构长度的引用应注日期")
    await bot.say(CHAIR, GROUP, "/minutes 专家组逐条审查了送审稿。")
    [denied] = await bot.say(LI, GROUP, "/minutes 起草单位自己记的一行")
    assert denied.startswith("无权执行"), denied
    await bot.say(SEC, GROUP, "/minutes 起草组说明了阀盖材料未列入的原因。")
    await bot.say(CHAIR, GROUP, "/minutes 与会代表一致认为送审稿技术内容合理。")
    await bot.say(CHAIR, GROUP, "/conclude revise")
    await bot.say(LI, GROUP, "/resolve O1 accept")
    await bot.say(LI, GROUP, "/resolve O2 reject 引用的标准仅有一个版本")
    [entered] = await bot.say(CHAIR, GROUP, "/advance")
    assert entered.startswith("项目已进入「报批稿」阶段"), entered


def _texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _cells(document: DocxDocument) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows]


async def test_the_minutes_the_attendance_sheet_and_the_opinion_table_tell_the_meeting(
    drafting_bot: Bot, clock: Clock
) -> None:
    bot = await in_review(drafting_bot)
    await hold_meeting(bot)
    draft = load(await bot.repository(), "refs/heads/main")
    said = _texts(docx.Document(io.BytesIO(MEETING_RECORDS[0][2](draft))))
    assert said[0] == "《石油天然气工业用钢制闸阀》（送审稿）审查会议纪要"
    assert "会议由主席 陈召集并主持" in said[1]
    assert said[2] == (
        "审查单位应到3个单位（人），实到3个：朝达阀门有限公司、华东理工大学、上海阀门研究所。"
        "列席：王教授（浙江大学）。"
    )
    assert "会议审查了《送审稿》、《编制说明》和《征求意见汇总处理表》。" in said
    assert "起草组说明了阀盖材料未列入的原因。（秘书处 王）" in said
    assert (
        "采用会议表决，同意3票，不同意0票，弃权0票，同意票占出席代表的3/3，不低于四分之三，通过"
        "（表决B1，出席单位3个，未投票0个）。"
    ) in said
    assert "会议提出审查意见2条，见附件2。" in said
    assert (
        "审查结论：修改后通过。起草组应按照所附审查意见对送审稿进行修改，形成报批稿后报批。" in said
    )
    day = clock.now.astimezone(Settings().timezone)
    assert said[-3:] == [
        "附件：1. 审查会签到表\u30002. 审查意见汇总处理表",
        "标准联盟",
        f"{day:%Y年%m月%d日}",
    ]

    sheet = docx.Document(io.BytesIO(MEETING_RECORDS[1][2](draft)))
    rows = _cells(sheet)
    assert rows[0] == ["序号", "姓名", "单位", "职务/职称", "签到时间", "签名"]
    assert [row[1:4] + row[5:] for row in rows[1:]] == [
        ["李伟", "朝达阀门有限公司", "", ""],
        ["张敏", "华东理工大学", "", ""],
        ["王教授", "浙江大学", "教授", ""],
        ["周工", "上海阀门研究所", "高级工程师", ""],
    ]
    assert "应到3个单位（人），实到3个。" in _texts(sheet)
    table = docx.Document(io.BytesIO(MEETING_RECORDS[2][2](draft)))
    assert _cells(table)[0] == [
        "序号",
        "标准章条编号",
        "审查意见",
        "提出人（单位）",
        "处理意见",
        "备注",
    ]
    assert _cells(table)[1:] == [
        [
            "1",
            "4.1",
            "应增加阀盖材料要求\n建议修改为：阀体、阀盖材料应符合 GB/T 12229。",
            "审查会议",
            "采纳",
            "",
        ],
        ["2", "4.2", "结构长度的引用应注日期", "审查会议", "不采纳：引用的标准仅有一个版本", ""],
    ]
    assert "共收到审查意见2条，其中采纳1条，部分采纳0条，未采纳1条。" in _texts(table)


async def test_every_refusal_changes_nothing(drafting_bot: Bot, clock: Clock) -> None:
    bot = drafting_bot
    [early] = await bot.say(CHAIR, GROUP, "/meeting 12d | 上海")
    assert early == "项目处于「工作组讨论稿」阶段：审查只在送审稿阶段进行。"
    await in_review(bot)
    for user, text, expected in (
        (ZHANG, "/meeting 12d | 上海", "无权执行"),
        (CHAIR, "/meeting 12d", "用法：/meeting"),
        (CHAIR, "/meeting 12d | ", "用法：/meeting"),
        (CHAIR, "/meeting 2020-01-01 | 上海", "「2020-01-01」已经过去了。"),
        (CHAIR, "/meeting someday | 上海", "「someday」不是时间"),
        (CHAIR, "/meeting vote", "还没有审查会"),
        (CHAIR, "/checkin", "还没有审查会"),
        (CHAIR, "/attend 王教授 | 浙江大学", "还没有审查会"),
        (CHAIR, "/opinion 4.1 意见", "还没有审查会"),
        (CHAIR, "/minutes 一行", "还没有审查会"),
        (CHAIR, "/conclude pass", "还没有审查会"),
        (CHAIR, "/conclude maybe", "用法：/conclude"),
        (CHAIR, "/resolve O1 accept", "没有审查意见 O1。"),
        (CHAIR, "/review", "用法：/review"),
        (NOBODY, "/meeting", "还没有审查会"),
    ):
        [answer] = await bot.say(user, GROUP, text)
        assert answer.startswith(expected), (text, answer)
    assert await bot.rows(select(Meeting.id)) == []
    bot.buttons(await bot.calls(CHAIR, GROUP, "/meeting 12d | 上海"))  # the notice's message
    [second] = await bot.say(CHAIR, GROUP, "/meeting 20d | 北京")
    assert second == "审查会（第 1 次）尚未结束：先结束或取消它（/meeting cancel）。"
    [letter] = await bot.say(CHAIR, GROUP, "/review letter")
    assert letter == second
    [blocked] = await bot.say(CHAIR, GROUP, "/advance")
    assert blocked.startswith("审查会（第 1 次）尚未作出结论")
    [early_checkin] = toast_or_text(await bot.press(LI, "mc:1"))
    assert early_checkin.startswith("审查会（第 1 次）现在不能签到")
    [not_voted] = await bot.say(CHAIR, GROUP, "/conclude pass")
    assert not_voted == "审查会（第 1 次）还没有表决：先用 /meeting vote。"
    [stale] = toast_or_text(await bot.press(LI, "ma:99:a"))
    assert stale == "这个按钮已失效。"
    assert [(m.status, m.number) for (m,) in await bot.rows(select(Meeting))] == [("scheduled", 1)]
    assert [(r.unit, r.answer) for r in (await record(bot)).replies] == []


def toast_or_text(calls: list[ApiCall]) -> list[str]:
    return [
        str(c.params.get("text"))
        for c in calls
        if c.method in {"answerCallbackQuery", "sendMessage"} and c.params.get("text")
    ]


async def test_an_urgent_meeting_is_recorded_and_a_meeting_may_be_cancelled(
    drafting_bot: Bot,
) -> None:
    bot = await in_review(drafting_bot)
    [notice] = await bot.say(CHAIR, GROUP, "/meeting 2d | 线上 https://meet.example/x | 紧急")
    assert "⚠️ 紧急会议：短于 10 天的材料提前期，纪要将予记录。" in notice
    assert (await record(bot)).urgent
    [cancelled] = await bot.say(CHAIR, GROUP, "/meeting cancel")
    assert cancelled == "审查会（第 1 次）已取消。"
    assert (await record(bot)).status == "cancelled"
    meeting_reminders = (
        select(Reminder.outcome)
        .join(Deadline, Deadline.id == Reminder.deadline_id)
        .where(Deadline.target == "meeting")
    )
    assert {outcome for (outcome,) in await bot.rows(meeting_reminders)} == {"cancelled"}
    await bot.say(CHAIR, GROUP, "/meeting 12d | 上海")  # a new meeting may follow
    assert (await record(bot, 2)).status == "scheduled"


async def test_a_review_by_correspondence_is_the_review_ballot(drafting_bot: Bot) -> None:
    bot = await in_review(drafting_bot)
    [opened] = await bot.say(CHAIR, GROUP, "/review letter | until 14d")
    assert opened.startswith("阶段投票 B1：是否进入「报批稿」阶段\n规则：three-quarters")
    assert "函审开始：各表决单位以投票回函" in opened
    [busy] = await bot.say(CHAIR, GROUP, "/meeting 12d | 上海")
    assert busy == "函审投票 B1 正在进行：审查会要待它结束后召开。"
    for user in (LI, ZHANG, SUN):
        await bot.say(user, GROUP, "/vote B1 yes")
    await bot.say(CHAIR, GROUP, "/close B1")
    [(stage,)] = await bot.rows(select(Project.stage))
    assert stage == "approval"
    draft = load(await bot.repository(), "refs/heads/main")
    note = docx.Document(io.BytesIO(explanatory_note_docx(draft)))
    told = [p.text for p in note.paragraphs]
    letter = "函审（B1）结束：发函3个单位，回函3个（回函率100%），同意3票、不同意0票、弃权0票，通过"
    # In the order it happened, though the test's clock put all of it in one minute.
    steps = ("进入征求意见稿阶段", "进入送审稿阶段", letter, "进入报批稿阶段")
    found = [next(i for i, text in enumerate(told) if step in text) for step in steps]
    assert found == sorted(found), found


async def test_a_terminated_project_takes_no_more_changes(drafting_bot: Bot) -> None:
    bot = await in_review(drafting_bot)
    await bot.say(CHAIR, GROUP, "/meeting 12d | 上海")
    await bot.say(CHAIR, GROUP, "/ballot 是否延期？ | until 3d")
    [denied] = await bot.say(CHAIR, GROUP, "/terminate 技术路线变更")
    assert denied.startswith("无权执行") and "秘书处" in denied
    [usage] = await bot.say(SEC, GROUP, "/terminate")
    assert usage.startswith("用法：/terminate")
    [done] = await bot.say(SEC, GROUP, "/terminate 技术路线变更，联盟决定终止")
    assert done == (
        "项目 T/CVA 012—2027 已终止（技术路线变更，联盟决定终止）。已关闭的投票：B1；"
        "截止时间和提醒已停止；版本库已打标签 terminated。"
    )
    for user, text in (
        (LI, "/contribute 4.1 新条文"),
        (CHAIR, "/meeting vote"),
        (CHAIR, "/advance"),
        (LI, "/vote B1 yes"),
        (LI, "/patent none"),
        (SEC, "/terminate 再次"),
    ):
        [answer] = await bot.say(user, GROUP, text)
        assert answer == "项目 T/CVA 012—2027 已终止：不再接受修改（仍可查看和导出）。", text
    [card] = await bot.say(NOBODY, GROUP, "/project")
    assert card.startswith("📄 T/CVA 012—2027")
    assert card.endswith("项目 T/CVA 012—2027 已终止：不再接受修改（仍可查看和导出）。")
    exported = await bot.calls(SEC, GROUP, "/export docx")
    assert [c for c in exported if c.method == "sendDocument"]
    repo = await bot.repository()
    assert "terminated" in repo.tags()
    assert (await record(bot)).status == "cancelled"
    assert await bot.rows(select(Ballot.status, Ballot.outcome)) == [("closed", "terminated")]
    assert json.loads(repo.read("ballots/B1.json") or "")["outcome"] == "terminated"
    assert await bot.rows(select(Reminder.id).where(Reminder.sent_at.is_(None))) == []


async def test_a_meeting_survives_a_restart(settings: Settings, clock: Clock) -> None:
    """The meeting, its answers and check-ins are in the database and the repository: a new
    process carries on where the old one stopped, and a reminder due while it was down is sent
    once."""
    async with started(settings, clock) as bot:
        await drafting(await with_project(bot))
        await in_review(bot)
        calls = await bot.calls(CHAIR, GROUP, "/meeting 12d | 上海")
        answers = bot.buttons(calls)
        await bot.press(LI, answers["参加"])
        checkin = bot.buttons(await bot.calls(CHAIR, GROUP, "/checkin"))["签到"]
        checkin_message = bot.last_markup
        await bot.press(LI, checkin)
    clock.advance(days=10)  # the reminders of 3 days before fell due while the bot was down
    async with started(settings, clock) as bot:
        reminders = [t for t in texts(bot.transport.calls) if t.startswith("⏰ 审查会")]
        assert len(reminders) == 1 and "尚未回复参加/请假：华理、上阀所" in reminders[0]
        await bot.press(ZHANG, checkin, checkin_message)
        [vote] = await bot.say(CHAIR, GROUP, "/meeting vote")
        assert "应到 3 个单位，实到 2" in vote
    async with started(settings, clock) as bot:
        assert [t for t in texts(bot.transport.calls) if t.startswith("⏰")] == []
        kept = await record(bot)
        assert [a.name for a in kept.attendance] == ["李伟", "张敏"]
        assert [(r.unit, r.answer) for r in kept.replies] == [("朝达阀门有限公司", "attend")]
        assert kept.status == "voting" and kept.ballot == "B1"
        assert len(await bot.rows(select(Attendance.id))) == 2


@needs_libreoffice
async def test_the_review_documents_as_a_word_processor_renders_them(
    drafting_bot: Bot, tmp_path: Path
) -> None:
    """The package's PDFs of the three documents, read by poppler: the counts, the vote, the
    conclusion and every opinion are on the page."""
    bot = await in_review(drafting_bot)
    await hold_meeting(bot)
    [(_, package)] = export(await bot.repository(), "refs/heads/main", "package")
    archive = zipfile.ZipFile(io.BytesIO(package))

    def read(suffix: str) -> str:
        [name] = [n for n in archive.namelist() if n.endswith(f"{suffix}.pdf")]
        path = tmp_path / "document.pdf"
        path.write_bytes(archive.read(name))
        pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        assert "Pages:           1" in pages.stdout, (suffix, pages.stdout)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        return "".join(text.split())  # the layout's spaces and line breaks do not matter

    minutes = read("审查会议纪要")
    for expected in (
        "《石油天然气工业用钢制闸阀》（送审稿）审查会议纪要",
        "审查单位应到3个单位（人），实到3个",
        "同意3票，不同意0票，弃权0票",
        "同意票占出席代表的3/3，不低于四分之三，通过（表决B1，出席单位3个，未投票0个）。",
        "审查结论：修改后通过。",
        "附件：1.审查会签到表",
    ):
        assert expected in minutes, expected
    sheet = read("审查会签到表")
    for expected in (
        "序号姓名单位职务/职称签到时间签名",
        "王教授浙江大学教授",
        "应到3个单位（人），实到3个。",
    ):
        assert expected in sheet, expected
    table = read("审查意见汇总处理表")
    for expected in (
        "应增加阀盖材料要求",
        "建议修改为：阀体、阀盖材料应符合GB/T12229。",
        "结构长度的引用应注日期",
        "不采纳：引用的标准仅有一个版本",
        "共收到审查意见2条，其中采纳1条，部分采纳0条，未采纳1条。",
    ):
        assert expected in table, expected
    manifest = archive.read("目录.txt").decode()
    assert "审查会议纪要（PDF）" in manifest and "审查意见汇总处理表" in manifest


WANG = User(21, "王教授", "wang_prof")  # an expert of 浙江大学
QIAN = User(22, "钱研究员", "qian_res")  # an expert of 上海交通大学


async def test_an_expert_panel_reviews_and_votes(settings: Settings, clock: Clock) -> None:
    """MANUSCRIPT_REVIEW_BODY=experts: the panel is listed with /expert, the drafting unit's
    expert does not vote, the experts answer, check in and vote in person, an expert without
    Telegram is recorded present by name."""
    panel = dataclasses.replace(settings, review_body="experts")
    async with started(panel, clock) as bot:
        await in_review(await drafting(await with_project(bot)))
        for user in (WANG, QIAN):
            await bot.say(user, private_chat(user), "/start")
        [empty] = await bot.say(NOBODY, GROUP, "/experts")
        assert empty.startswith("专家组还没有专家")
        [denied] = await bot.say(LI, GROUP, "/expert add 王教授 | 浙江大学 | 教授")
        assert denied.startswith("无权执行")
        for line, expected in (
            (
                "/expert add 王教授 | 浙江大学 | 教授 | @wang_prof",
                "已列入专家组：王教授（浙江大学）教授",
            ),
            ("/expert add 钱研究员 | 上海交通大学 | 研究员 | @qian_res", "已列入专家组：钱研究员"),
            ("/expert add 孙总 | 上海交通大学 | 总工程师", "已列入专家组：孙总"),
            ("/expert add 刘工 | 朝达 | 高级工程师", "；所在单位是起草单位，不参加表决。"),
            ("/expert add 王教授 | 浙江大学 | 教授", "专家组中已有 王教授。"),
            ("/expert add 王教授 | 浙江大学", "用法：/expert"),
            ("/expert add 周工 | 某单位 | 工程师 | 12345", "用法：/expert"),
            ("/expert remove 无此人", "专家组中没有 无此人。"),
        ):
            [answer] = await bot.say(CHAIR, GROUP, line)
            assert expected in answer, (line, answer)
        [listed] = await bot.say(NOBODY, GROUP, "/experts")
        assert listed.splitlines() == [
            "专家组（4）：本联盟由专家组审查",
            "王教授 · 浙江大学 · 教授 · @wang_prof",
            "钱研究员 · 上海交通大学 · 研究员 · @qian_res",
            "孙总 · 上海交通大学 · 总工程师 · —",
            "刘工 · 朝达 · 高级工程师 · — · 不表决（起草单位）",
        ]
        assert "王教授（浙江大学）" not in (await bot.say(NOBODY, GROUP, "/units"))[0]
        calls = await bot.calls(CHAIR, GROUP, "/meeting 12d | 杭州")
        assert (
            "审查单位（应到 3 个）：王教授（浙江大学）、钱研究员（上海交通大学）、孙总（上海交通大学）"
            in (texts(calls)[0])
        )
        dm = {int(c.params["chat_id"]) for c in calls if c.method == "sendDocument"}
        assert dm == {GROUP.id, WANG.id, QIAN.id}  # the materials to the experts who opened a chat
        answers = bot.buttons(calls)
        refused = toast(await bot.press(LI, answers["参加"]))
        assert refused.startswith("审查会（第 1 次）由专家组审查")
        assert (
            toast(await bot.press(WANG, answers["参加"]))
            == "已记录：王教授（浙江大学） 参加审查会。"
        )
        checkin = bot.buttons(await bot.calls(CHAIR, GROUP, "/checkin"))["签到"]
        assert toast(await bot.press(WANG, checkin)).startswith("王教授（浙江大学）已签到")
        [no_quorum] = await bot.say(CHAIR, GROUP, "/meeting vote")
        assert no_quorum.startswith("不足法定人数，不能表决：应到 3 个单位，实到 1，需至少 2")
        [present] = await bot.say(SEC, GROUP, "/attend 孙总 | 上海交通大学 | 总工程师")
        assert present == "已登记出席：孙总（上海交通大学），专家组专家，计入实到。"
        await bot.say(SEC, GROUP, "/attend 刘工 | 朝达 | 高级工程师")  # present, not voting
        vote = await bot.calls(CHAIR, GROUP, "/meeting vote")
        assert "应到 3 个单位，实到 2" in texts(vote)[0]
        buttons = bot.buttons(vote)
        assert (
            toast(await bot.press(WANG, buttons["同意"]))
            == "已记录 王教授（浙江大学） 在 B1 的投票：同意"
        )
        assert toast(await bot.press(QIAN, buttons["同意"])).endswith(
            "不在 B1 的表决单位名单中（名单在投票开始时确定）。"
        )
        # The secretary records the vote of the expert without Telegram; one with a username votes
        # in person.
        for line, expected in (
            (
                "/expert vote B1 王教授 yes",
                "王教授 以 @wang_prof 登记，请本人用表决消息下的按钮投票。",
            ),
            ("/expert vote B1 无此人 yes", "专家组中没有 无此人。"),
            ("/expert vote B1 孙总", "用法：/expert"),
            ("/expert vote B1 孙总 yes", "已记录 孙总（上海交通大学） 在 B1 的投票：同意"),
        ):
            said = await bot.say(SEC, GROUP, line)  # a vote also brings the ballot up to date
            assert [t for t in said if t.startswith(expected)], (line, said)
        closed = await bot.say(CHAIR, GROUP, "/close B1")
        assert any("✅ 已结束，通过" in text for text in closed), closed
        votes = json.loads((await bot.repository()).read("ballots/B1.json") or "")["votes"]
        assert [(v["unit"], v["choice"], v["cast_by"]) for v in votes] == [
            ("王教授（浙江大学）", "yes", "王教授"),
            ("孙总（上海交通大学）", "yes", "秘书处 王"),  # recorded by the secretary
        ]
        kept = await record(bot)
        assert kept.body == (
            "王教授（浙江大学）",
            "钱研究员（上海交通大学）",
            "孙总（上海交通大学）",
        )
        assert [(a.name, a.affiliation, a.counts_for) for a in kept.attendance] == [
            ("王教授", "浙江大学", "王教授（浙江大学）"),
            ("孙总", "上海交通大学", "孙总（上海交通大学）"),
            ("刘工", "朝达", None),
        ]
        # The panel's seats never join the working group.
        assert "王教授" not in (await bot.say(NOBODY, GROUP, "/wg"))[0]


async def test_the_meeting_speaks_english_where_the_group_does(drafting_bot: Bot) -> None:
    bot = await in_review(drafting_bot)
    await bot.say(CHAIR, GROUP, "/lang en")
    [soon] = await bot.say(CHAIR, GROUP, "/meeting 2d | Shanghai")
    assert soon.startswith("The materials must reach the units in time: the earliest allowed is")
    [notice] = await bot.say(CHAIR, GROUP, "/meeting 12d | Shanghai, room A")
    assert notice.startswith("📋 Review meeting notice (no. 1)")
    assert "Reviewing units (3): 朝达, 华理, 上阀所" in notice
    [card] = await bot.say(NOBODY, GROUP, "/meeting")
    assert card.splitlines()[0] == "Review meeting no. 1: scheduled"
    assert "Reviewing units 3, present 0 (a vote needs ≥2)" in card
    [quorum] = await bot.say(CHAIR, GROUP, "/meeting vote")
    assert quorum == (
        "No quorum, no vote: 0 of 3 reviewing units present, at least 2 (2/3) needed. "
        "The meeting must be held again."
    )
