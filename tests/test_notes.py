"""The 编制说明 written from the chat (`/note`), through the real Application on SQLite and
PostgreSQL: proposals decided like contributions and committed under their authors to `notes/`,
the sections listed, every refusal leaving nothing written, the exported 编制说明 with the
members' text after the generated parts, and the empty sections named by /check and at the move
to approval."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from sqlalchemy import select

from bot.domain.changes import describe
from bot.i18n import render
from drafts.checks import Finding, check_notes
from drafts.export.explanatory_note import explanatory_note_docx
from drafts.export.model import load
from drafts.notes import empty_sections, parse_section
from storage.models import Contribution, Project
from tests.actors import CHAIR, GROUP, LI, SUN, ZHANG, ZHAO
from tests.conftest import Bot, drafting, make_settings, started, with_project
from tests.test_review_meeting import in_review

SCOPE = "本文件按 GB/T 1.1—2020 起草。\n主要内容：\n——材料要求；\n——结构要求。"
TRIAL = "三家单位做了压力试验，结果见表1。\n\n表：压力试验结果\n单位\t结果\n朝达\t合格\n华理\t合格"


def _note_text(document: DocxDocument, first: str, after: str) -> list[str]:
    """The paragraphs of the 编制说明 from heading `first` up to heading `after`."""
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index(first) + 1 : texts.index(after)]


async def test_a_section_is_proposed_decided_and_committed_under_its_author(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    calls = await bot.calls(ZHANG, GROUP, f"/note 二 {SCOPE}")
    [proposal] = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert proposal.startswith(
        "文稿补充 #1：张敏（华理）为 编制说明 二、标准编制原则和主要内容 补充内容："
    ), proposal
    assert SCOPE in proposal
    repo = await bot.repository()
    assert repo.read("notes/02.md") is None  # nothing is written before it is accepted
    await bot.press(LI, bot.buttons(calls)["采纳"])
    assert repo.read("notes/02.md") == SCOPE + "\n"
    [entry] = repo.log("notes/02.md")
    assert (entry.author, entry.subject) == (
        "张敏 (华理)",
        "#1 编制说明 二、标准编制原则和主要内容: add",
    )
    # A second proposal, rejected: the section keeps what it had.
    await bot.say(ZHANG, GROUP, "/note 2 还应说明与旧版的差异。")
    rejected = await bot.say(LI, GROUP, "/reject #2 旧版差异见前言")
    assert "未采纳 #2。理由：旧版差异见前言" in rejected
    assert repo.read("notes/02.md") == SCOPE + "\n"
    # Replacing a section, by its Arabic number, accepted with /accept.
    await bot.say(ZHANG, GROUP, "/note replace 2 本文件规定了闸阀的材料和结构要求。")
    await bot.say(CHAIR, GROUP, "/accept #3")
    assert repo.read("notes/02.md") == "本文件规定了闸阀的材料和结构要求。\n"
    [history] = await bot.say(ZHANG, GROUP, "/history")
    assert "#3 编制说明 二、标准编制原则和主要内容：整节改写" in history
    assert "#1 编制说明 二、标准编制原则和主要内容：补充内容" in history


async def test_the_sections_are_listed_with_their_writers_and_open_proposals(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, f"/note 二 {SCOPE}")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(LI, GROUP, "/note 一 起草组共召开三次工作会议。")
    await bot.say(CHAIR, GROUP, "/accept #2")
    await bot.say(ZHANG, GROUP, "/note 六 未检索到同类国际标准。")
    [listing] = await bot.say(ZHAO, GROUP, "/note")  # an observer reads it
    lines = listing.split("\n")
    assert lines[0] == "编制说明各部分（/note <部分> <文本> 撰写）："
    assert lines[1:] == [
        "• 一、工作简况：自动生成部分 + 李伟（朝达）撰写",
        "• 二、标准编制原则和主要内容：张敏（华理）撰写",
        "• 三、主要试验（或验证）情况分析：（待补充）",
        "• 四、标准中涉及专利的情况：自动生成部分 + （成员尚未补充）",
        "• 五、预期达到的社会效益、对产业发展的作用：（待补充）",
        "• 六、与国际、国外同类标准技术内容的对比情况：（待补充）；待决定 #3",
        "• 七、与现行相关法律、法规、规章及相关标准的协调性：（待补充）",
        "• 八、重大分歧意见的处理经过和依据：自动生成部分 + （成员尚未补充）",
        "• 九、标准性质的建议说明：（待补充）",
        "• 十、贯彻标准的要求和措施建议：（待补充）",
        "• 十一、废止现行相关标准的建议：（待补充）",
        "• 十二、其他应予说明的事项：（待补充）",
    ]
    [one] = await bot.say(ZHAO, GROUP, "/note 二")
    assert one.startswith("• 二、标准编制原则和主要内容：张敏（华理）撰写\n「本文件按")
    [empty] = await bot.say(ZHAO, GROUP, "/note 三")
    assert "尚无内容。撰写：/note 三 <文本>" in empty


async def test_bad_notes_are_answered_and_write_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [unknown] = await bot.say(ZHANG, GROUP, "/note 十三 文本")
    assert unknown == (
        "编制说明没有「十三」部分：部分为 一、二、三、四、五、六、七、八、九、十、十一、十二（也可写 1–12）。"
    )
    [words] = await bot.say(ZHANG, GROUP, "/note 工作过程 文本")
    assert words.startswith("编制说明没有「工作过程」部分")
    [empty] = await bot.say(ZHANG, GROUP, "/note replace 二")
    assert empty.startswith("文本是空的")
    [usage] = await bot.say(ZHANG, GROUP, "/note replace")
    assert usage.startswith("用法：/note [<部分> <文本>]"), usage
    [denied] = await bot.say(ZHAO, GROUP, "/note 二 观察员的文字")  # an observer's unit
    assert denied == "无权执行：此操作需要以下角色之一：成员单位代表、框架起草单位代表、主席。"
    ragged = "表：结果\n单位\t结果\n朝达\t合格\t多余"
    [refused] = await bot.say(ZHANG, GROUP, f"/note 三 {ragged}")
    assert refused == "表格各行的单元格数不一致，未作任何更改。请检查第 3 行（与表头的列数不同）。"
    assert await bot.rows(select(Contribution.number)) == []
    repo = await bot.repository()
    assert repo.files("notes/") == []


async def test_under_the_open_policy_a_note_merges_at_once(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/policy open")
    [merged] = await bot.say(ZHANG, GROUP, "/note 5 提高闸阀的密封可靠性。")
    assert merged == (
        "已采纳 #1：张敏（华理）的文字已并入 编制说明 五、预期达到的社会效益、对产业发展的作用。"
    )
    repo = await bot.repository()
    assert repo.read("notes/05.md") == "提高闸阀的密封可靠性。\n"


async def test_the_exported_note_holds_the_members_text_after_the_generated_parts(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/policy open")
    await bot.say(LI, GROUP, "/note 一 起草组共召开三次工作会议。")
    await bot.say(ZHANG, GROUP, f"/note 二 {SCOPE}")
    await bot.say(ZHANG, GROUP, f"/note 三 {TRIAL}")
    await bot.say(ZHANG, GROUP, "/note 八 <b>无</b> **重大** 分歧。")
    document = docx.Document(
        io.BytesIO(explanatory_note_docx(load(await bot.repository(), "refs/heads/main")))
    )
    work = _note_text(document, "一、工作简况", "二、标准编制原则和主要内容")
    assert work[-1] == "起草组共召开三次工作会议。"  # after the generated (三)
    assert work.index("（三）主要参加单位和工作组成员及其所做的工作") < len(work) - 1
    principles = _note_text(
        document, "二、标准编制原则和主要内容", "三、主要试验（或验证）情况分析"
    )
    assert principles == [
        "本文件按 GB/T 1.1—2020 起草。",
        "主要内容：",
        "——材料要求；",
        "——结构要求。",
    ]
    trial = _note_text(document, "三、主要试验（或验证）情况分析", "四、标准中涉及专利的情况")
    assert trial == ["三家单位做了压力试验，结果见表1。", "表1　压力试验结果"]
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["单位", "结果"], ["朝达", "合格"], ["华理", "合格"]
    ]  # fmt: skip
    disputes = _note_text(document, "八、重大分歧意见的处理经过和依据", "九、标准性质的建议说明")
    assert disputes == ["无。", "<b>无</b> **重大** 分歧。"]  # member text stays text
    five = _note_text(
        document,
        "五、预期达到的社会效益、对产业发展的作用",
        "六、与国际、国外同类标准技术内容的对比情况",
    )
    assert five == ["（待补充）"]


async def test_check_names_the_empty_sections_from_the_review_on(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [working] = await bot.say(ZHANG, GROUP, "/check")
    assert "编制说明" not in working  # not due while the draft is being written
    bot = await in_review(bot)
    await bot.say(CHAIR, GROUP, "/policy open")
    await bot.say(ZHANG, GROUP, f"/note 二 {SCOPE}")
    [review] = await bot.say(ZHANG, GROUP, "/check")
    named = [line for line in review.split("\n") if "编制说明" in line]
    assert named[0] == "• 编制说明 三、主要试验（或验证）情况分析：尚无内容，将显示（待补充）"
    assert len(named) == 8  # 三, 五, 六, 七, 九, 十, 十一, 十二


async def test_empty_sections_block_approval_where_the_alliance_says_so(
    tmp_path: Path, db_url: str
) -> None:
    settings = make_settings(
        tmp_path, db_url, check_blocks=frozenset({"approval"}), stage_ballots={}
    )
    async with started(settings) as bot:
        bot = await in_review(await drafting(await with_project(bot)))
        await bot.say(CHAIR, GROUP, "/meeting 12d | 上海")
        [refused] = await bot.say(CHAIR, GROUP, "/meeting cancel")
        [blocked] = await bot.say(CHAIR, GROUP, "/advance")
        assert blocked.startswith("不能进入「报批稿」：文稿检查发现 9 项问题，需先解决："), blocked
        assert "编制说明 十二、其他应予说明的事项：尚无内容" in blocked
        [(stage,)] = await bot.rows(select(Project.stage))
        assert stage == "review"
        await bot.say(CHAIR, GROUP, "/policy open")
        for section in (2, 3, 5, 6, 7, 9, 10, 11):
            await bot.say(SUN if section % 2 else ZHANG, GROUP, f"/note {section} 见附件。")
        [still] = await bot.say(CHAIR, GROUP, "/advance")
        assert "1 项问题" in still and "十二、其他应予说明的事项" in still
        await bot.say(LI, GROUP, "/note 十二 无。")
        [advanced] = await bot.say(CHAIR, GROUP, "/advance")
        assert "报批稿" in advanced and "文稿检查" not in advanced
        [(stage,)] = await bot.rows(select(Project.stage))
        assert stage == "approval"
        del refused


@pytest.mark.pure
@pytest.mark.parametrize(
    ("word", "section"),
    [
        ("一", 1), ("二", 2), ("十", 10), ("十一", 11), ("十二", 12), ("二、", 2), ("二.", 2),
        ("1", 1), ("12", 12), ("02", 2), ("２", 2), ("１２", 12), (" 3 ", 3),
        ("0", None), ("13", None), ("十三", None), ("二十", None), ("一二", None), ("", None),
        ("二、三", None), ("工作简况", None), ("-1", None), ("100", None), ("Ⅱ", None),
    ],
)  # fmt: skip
def test_a_section_is_named_by_its_numeral_or_number(word: str, section: int | None) -> None:
    assert parse_section(word) == section


@pytest.mark.pure
def test_the_generated_sections_are_never_empty_and_blank_text_is() -> None:
    assert empty_sections({}) == [2, 3, 5, 6, 7, 9, 10, 11, 12]
    texts = {n: "写了" for n in range(1, 13)} | {3: " \n\n", 12: ""}
    assert empty_sections(texts) == [3, 12]
    assert check_notes(texts) == [
        Finding("check.note_empty", "三", "主要试验（或验证）情况分析"),
        Finding("check.note_empty", "十二", "其他应予说明的事项"),
    ]


@pytest.mark.pure
def test_history_tells_a_note_commit_apart_from_a_clause_commit() -> None:
    note = describe("#4 编制说明 十一、废止现行相关标准的建议: replace")
    clause = describe("#5 4.1 材料: add")
    assert note is not None and clause is not None
    assert render("zh", note) == "#4 编制说明 十一、废止现行相关标准的建议：整节改写"
    assert render("en", clause) == "#5 4.1 材料: text added"
