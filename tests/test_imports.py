"""/import framework, /import comments and /export form through the real Application, on SQLite
and PostgreSQL: the file arrives as a Telegram document and is fetched by getFile, the preview
lists what was found and what was not, Confirm writes one commit authored by the sender, Cancel
writes nothing, a restart keeps the preview, and every bad file gets its answer and changes
nothing."""

from __future__ import annotations

import asyncio
import dataclasses
import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from bot.config import Settings, file_url_of
from bot.demo import run_demo
from bot.offline import ApiCall
from bot.simulator import Chat, User
from drafts.elements import (
    BiblioEntry,
    Element,
    Figure,
    Formula,
    ListBlock,
    Paragraph,
    Reference,
    Table,
    Term,
)
from drafts.export.model import Draft, load, shown_elements
from drafts.export.word import draft_docx
from drafts.repository import BRANCH, DraftRepository
from storage.models import Comment, PendingImport
from tests import office_docs
from tests.actors import CHAIR, GROUP, LI, SEC, ZHANG, ZHAO
from tests.conftest import Bot, Clock, make_settings, started, texts, with_project
from tests.template_draft import WHOLE, template_draft

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def send(
    bot: Bot,
    user: User,
    content: bytes,
    name: str,
    caption: str,
    chat: Chat = GROUP,
    size: int | None = None,
) -> list[ApiCall]:
    mime = XLSX if name.endswith(".xlsx") else DOCX
    return await bot.sim.send_file(user, chat, content, name, caption, mime, size)


def answer(calls: list[ApiCall]) -> str:
    return "\n".join(texts(calls))


async def commits(bot: Bot) -> int:
    return len((await bot.repository()).log(limit=1000))


async def pending(bot: Bot) -> int:
    [(count,)] = await bot.rows(select(func.count()).select_from(PendingImport))
    return int(count)


async def test_a_framework_in_word_is_previewed_then_written_in_one_commit_by_its_sender(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    before = await commits(bot)
    calls = await send(bot, LI, office_docs.styled_framework(), "框架.docx", "/import framework")
    preview = answer(calls)
    assert preview.startswith(
        "导入预览（框架.docx）：6 个条款（新增 2 个，改标题 0 个），4 个条款写入条文，"
        "含 1 个表、1 幅图、1 条注。"
    )
    assert "4.1 材料（写入条文）" in preview
    assert "附录A 压力试验方法" not in preview  # shown by number and title, like the outline
    assert "A 压力试验方法" in preview
    assert "第 14 段「image/gif」：图片格式不支持（只收 PNG、JPEG）" in preview
    assert "只有 李伟 可以确认或取消" in preview
    assert await commits(bot) == before  # nothing before Confirm
    buttons = bot.buttons(calls)
    assert set(buttons) == {"确认提交", "取消"}

    refused = await bot.press(ZHANG, buttons["确认提交"])
    assert [c.params.get("text") for c in refused if c.method == "answerCallbackQuery"] == [
        "只有发送该文件的人可以确认或取消这次导入。"
    ]
    assert await commits(bot) == before

    done = await bot.press(LI, buttons["确认提交"])
    assert answer(done).startswith(
        "已导入（框架.docx）：框架 6 个条款，4 个条款写入条文，1 幅图。提交 "
    )
    repo = await bot.repository()
    assert await commits(bot) == before + 1
    [last] = repo.log(limit=1)
    assert last.author == "李伟 (朝达)" and last.email == "tg-3@users.manuscript"
    [section] = texts(await bot.calls(LI, GROUP, "/section 4.1"))
    assert "表1\u3000阀体材料力学性能" in section and "——阀盖。" in section
    assert repo.files("figures/") == ["figures/import1-001.png"]
    outline = answer(await bot.calls(LI, GROUP, "/outline"))
    assert "A 压力试验方法" in outline and "A.1 试验装置" in outline
    again = await bot.press(LI, buttons["确认提交"])
    assert "这次导入已经确认或取消了。" in [c.params.get("text") for c in again]
    assert await commits(bot) == before + 1 and await pending(bot) == 0


async def test_an_import_keeps_a_clause_that_has_text(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料由供需双方商定。")
    await bot.say(LI, GROUP, "/accept #1")
    calls = await send(bot, LI, office_docs.styled_framework(), "框架.docx", "/import framework")
    assert "4.1 材料（已有条文，保留原文）" in answer(calls)
    assert "这些条款已有条文，保留原文、不用文件中的文字：4.1" in answer(calls)
    await bot.press(LI, bot.buttons(calls)["确认提交"])
    [section] = texts(await bot.calls(LI, GROUP, "/section 4.1"))
    assert "阀体材料由供需双方商定。" in section and "表：" not in section


async def test_cancel_writes_nothing_and_forgets_the_file(drafting_bot: Bot) -> None:
    bot = drafting_bot
    before = await commits(bot)
    calls = await send(bot, LI, office_docs.numbered_framework(), "f.docx", "/import framework")
    assert "5 个条款（新增 1 个" in answer(calls)  # 附录B is new; the others are the template's
    cancelled = await bot.press(LI, bot.buttons(calls)["取消"])
    assert "已取消导入（f.docx），未作任何更改。" in answer(cancelled)
    assert await commits(bot) == before and await pending(bot) == 0


async def test_a_reply_to_a_sent_file_imports_it(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.sim.send_file(LI, GROUP, office_docs.numbered_framework(), "f.docx", "", DOCX)
    sent = bot.sim.last_sent
    calls = await bot.calls(LI, GROUP, "/import framework", reply_to=sent)
    assert answer(calls).startswith("导入预览（f.docx）")


async def test_the_preview_survives_a_restart(settings: Settings, drafting_bot: Bot) -> None:
    bot = drafting_bot
    calls = await send(bot, LI, office_docs.styled_framework(), "框架.docx", "/import framework")
    data = bot.buttons(calls)["确认提交"]
    message = bot.last_markup
    before = await commits(bot)
    async with started(settings) as restarted:
        done = await restarted.press(LI, data, message)
        assert answer(done).startswith("已导入（框架.docx）")
        assert len((await restarted.repository()).log(limit=1000)) == before + 1


async def test_files_are_fetched_from_the_file_endpoint_beside_the_api(
    tmp_path: Path, db_url: str
) -> None:
    settings = make_settings(tmp_path, db_url, api_base_url="http://127.0.0.1:8081/bot")
    settings = dataclasses.replace(settings, api_file_url=file_url_of(settings.api_base_url or ""))
    async with started(settings) as bot:
        await with_project(bot)
        await send(bot, SEC, office_docs.plain_document(), "f.docx", "/import framework")
        assert bot.transport.downloads == ["http://127.0.0.1:8081/file/bot1%3Atest/upload-1"]


async def test_an_import_never_confirmed_is_forgotten_after_a_month(
    settings: Settings, clock: Clock, drafting_bot: Bot
) -> None:
    calls = await send(
        drafting_bot, LI, office_docs.styled_framework(), "f.docx", "/import framework"
    )
    data, message = drafting_bot.buttons(calls)["确认提交"], drafting_bot.last_markup
    clock.advance(days=31)
    async with started(settings, clock) as restarted:
        late = await restarted.press(LI, data, message)
        assert "这次导入已经确认或取消了。" in [c.params.get("text") for c in late]
        assert await pending(restarted) == 0


async def test_who_may_import_a_framework(drafting_bot: Bot) -> None:
    bot = drafting_bot
    calls = await send(bot, ZHANG, office_docs.styled_framework(), "f.docx", "/import framework")
    assert answer(calls) == "无权执行：此操作需要以下角色之一：框架起草单位代表、主席。"
    assert await pending(bot) == 0
    chair = await send(bot, CHAIR, office_docs.styled_framework(), "f.docx", "/import framework")
    assert answer(chair).startswith("导入预览")


@pytest.mark.parametrize(
    ("name", "content", "size", "expected"),
    [
        ("big.docx", b"PK", 25 * 1024 * 1024, "文件超过 20 MB"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            None,
            "这是旧版 Word 文件（.doc）",
        ),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), None, "文件设有密码保护"),
        ("macro.docm", office_docs.plain_document(), None, "含宏的文件"),
        ("broken.docx", b"PK\x03\x04 not really a zip", None, "文件已损坏"),
        ("letter.docx", office_docs.plain_document(), None, "文件中既没有标题样式"),
        ("sheet.xlsx", office_docs.comment_sheet([]), None, "框架或文稿须为 Word 文件"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), None, "这不是 Word"),
        ("web.doc", b"MIME-Version: 1.0\r\n", None, "这个 .doc 文件其实是网页或 RTF 格式"),
    ],
)
async def test_a_bad_file_gets_its_answer_and_changes_nothing(
    drafting_bot: Bot, name: str, content: bytes, size: int | None, expected: str
) -> None:
    bot = drafting_bot
    before = await commits(bot)
    calls = await send(bot, LI, content, name, "/import framework", size=size)
    assert answer(calls).startswith(expected), answer(calls)
    assert not bot.buttons(calls)
    assert await commits(bot) == before and await pending(bot) == 0
    if size is not None:  # over the limit: never asked for
        assert not [c for c in bot.transport.calls if c.method == "getFile"]


async def test_a_draft_on_the_standard_template_is_previewed_by_what_each_part_became(
    drafting_bot: Bot,
) -> None:
    """Word's numbering writes the labels; the preview says what was read as what, with the
    first examples, and lists every paragraph it leaves out."""
    bot = drafting_bot
    calls = await send(bot, LI, template_draft(WHOLE), "送审稿.dotx", "/import framework")
    preview = answer(calls)
    assert "导入预览（送审稿.dotx）：14 个条款" in preview
    assert "附录A 测试方法" not in preview and "A 测试方法" in preview
    assert "读作：" in preview
    assert "注：2 处 「4.1 注1：第一条注。」「4.1 注2：第二条注。」" in preview
    assert (
        "示例：3 处 「4.1 示例：1080p 50帧。」「4.4 示例1：第一个示例。」「4.4 示例2：第二个示例。」"
        in preview
    )
    assert "列项：5 处 「4.1 a) H.266；」「4.1 1) 主档次；」「4.1 b) AVS3。」……另 2 处" in preview
    assert "术语条目：2 处 「3 码率 | bit rate」「3 帧率 | frame rate」" in preview
    assert "无标题条（编号保留在文字中）：1 处 「4.2.1 4.3 无标题条的文字。」" in preview
    assert "未导入的文字（导出时自动生成，或不属于标准正文）：" in preview
    assert "标准名称：1 处 「广播级视频编码器技术要求」" in preview
    fixed = "固定句（导出时按 GB/T 1.1 自动生成）：4 处 「本文件按照GB/T 1.1—2020《标准化工作导则 第1部…」"
    assert fixed in preview and "「本文件由示例联盟提出并归口。」" in preview
    done = await bot.press(LI, bot.buttons(calls)["确认提交"])
    assert answer(done).startswith("已导入（送审稿.dotx）：框架 14 个条款")
    [section] = texts(await bot.calls(LI, GROUP, "/section 4.1"))
    assert "注1：第一条注。" in section and "a)H.266；" in section
    outline = answer(await bot.calls(LI, GROUP, "/outline"))
    assert "A 测试方法" in outline and "B 应用示例" in outline


async def test_a_macro_enabled_package_under_a_docx_name_is_refused(drafting_bot: Bot) -> None:
    disguised = office_docs.with_content_types(
        office_docs.styled_framework(),
        "wordprocessingml.document.main+xml",
        "ms-word.document.macroEnabled.main+xml",
    )
    calls = await send(drafting_bot, LI, disguised, "f.docx", "/import framework")
    assert answer(calls).startswith("含宏的文件")


async def test_import_without_a_file_or_word_answers_its_usage(drafting_bot: Bot) -> None:
    bot = drafting_bot
    for text in ("/import framework", "/import", "/import everything"):
        [reply] = await bot.say(LI, GROUP, text)
        assert reply.startswith("用法：/import framework"), text
    calls = await send(bot, LI, office_docs.plain_document(), "f.docx", "/import nonsense")
    assert answer(calls).startswith("用法：/import framework")
    assert not [c for c in bot.transport.calls if c.method == "getFile"]


# -- comments --------------------------------------------------------------------------------


async def _consultation(bot: Bot) -> Bot:
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    return bot


async def test_a_filled_sheet_becomes_comments_of_the_senders_unit(drafting_bot: Bot) -> None:
    bot = await _consultation(drafting_bot)
    await bot.say(ZHANG, GROUP, "/comment 4.2 应补充结构长度")  # C1
    before = await commits(bot)
    sheet = office_docs.comment_sheet(
        [
            (1, 4.1, "未规定阀盖材料", "阀盖承压", "阀体、阀盖材料应符合 GB/T 12229。", "朝达"),
            (2, "", "", "", "", ""),
            (3, "第4.2条", "结构长度应引用 GB/T 12221", "", "", ""),
            (4, "9.9", "第 9.9 条不存在", "", "", ""),
            (5, "", "没有章条的意见", "", "", ""),
            (6, "附录A", "附录的意见", "", "", ""),
            (7, "1", "", "", "", ""),
            (8, "", "", "", "", ""),
        ]
    )
    calls = await send(bot, ZHAO, sheet, "反馈表.xlsx", "/import comments")
    preview = answer(calls)
    assert preview.startswith(
        "导入预览（反馈表.xlsx）：2 条意见，均记为国家阀门质检中心（质检中心）的意见："
    )
    assert "第 3 行 · 4.1：未规定阀盖材料" in preview
    assert "第 5 行 · 4.2：结构长度应引用 GB/T 12221" in preview
    for line in (
        "第 4 行：空行",
        "第 6 行：章条「9.9」在文稿中不存在",
        "第 7 行：没有填写章条编号",
        "第 8 行：章条「A」在文稿中不存在",
        "第 9 行：章条 1 没有填写意见内容",
    ):
        assert line in preview, line
    assert "第 10 行" not in preview  # the unused line after the last filled one
    assert await commits(bot) == before
    done = await bot.press(ZHAO, bot.buttons(calls)["确认提交"])
    assert answer(done).startswith("已记录意见 C2–C3（2 条），国家阀门质检中心（质检中心）。提交 ")
    assert await commits(bot) == before + 1
    rows = await bot.rows(
        select(Comment.number, Comment.clause_number, Comment.reason, Comment.proposed).order_by(
            Comment.number
        )
    )
    assert rows[1:] == [
        (2, "4.1", "未规定阀盖材料\n理由：阀盖承压", "阀体、阀盖材料应符合 GB/T 12229。"),
        (3, "4.2", "结构长度应引用 GB/T 12221", None),
    ]
    repo = await bot.repository()
    assert repo.files("comments/") == [f"comments/C000{n}.json" for n in (1, 2, 3)]
    [last] = repo.log(limit=1)
    assert last.author == "赵强 (质检中心)"
    table = answer(await bot.calls(CHAIR, GROUP, "/comments"))
    assert "C2" in table and "C3" in table


async def test_a_form_as_people_make_it_imports_every_comment_or_says_why_not(
    drafting_bot: Bot,
) -> None:
    """A header that names comment and reason together, two clauses in one cell, a term's
    number, a totals row and who filled the form."""
    bot = await _consultation(drafting_bot)
    sheet = office_docs.comment_sheet(
        [
            ("4.1、4.2", "两条都应引用 GB/T 12229", "质检中心"),
            ("3.1", "术语“闸阀”的定义过窄", "质检中心"),
            ("合计", "3 条", ""),
            ("填表人：赵强", "", ""),
        ],
        header=("章条编号", "修改意见及理由", "提出单位"),
    )
    calls = await send(bot, ZHAO, sheet, "汇总.xlsx", "/import comments")
    preview = answer(calls)
    assert "3 条意见" in preview
    for line in (
        "第 3 行 · 4.1：两条都应引用 GB/T 12229",
        "第 3 行 · 4.2：两条都应引用 GB/T 12229",
        "第 4 行 · 3：（3.1）术语“闸阀”的定义过窄",
        "第 5 行：合计、填表人或签名行，不是意见",
        "第 6 行：合计、填表人或签名行，不是意见",
    ):
        assert line in preview, line
    done = await bot.press(ZHAO, bot.buttons(calls)["确认提交"])
    assert "（3 条）" in answer(done)
    rows = await bot.rows(select(Comment.clause_number, Comment.reason).order_by(Comment.number))
    assert rows == [
        ("4.1", "两条都应引用 GB/T 12229"),
        ("4.2", "两条都应引用 GB/T 12229"),
        ("3", "（3.1）术语“闸阀”的定义过窄"),
    ]


async def test_the_blank_form_round_trips_through_word(drafting_bot: Bot) -> None:
    bot = await _consultation(drafting_bot)
    calls = await bot.calls(ZHANG, GROUP, "/export form")
    [document] = [c for c in calls if c.method == "sendDocument"]
    [(name, form)] = document.files.items()
    assert name.endswith("征求意见反馈表.docx")
    doc = Document(io.BytesIO(form))
    header = [cell.text for cell in doc.tables[0].rows[0].cells]
    assert header == ["序号", "章条编号", "意见内容", "理由", "修改建议", "提出单位"]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "标准编号：T/CVA 012—2027" in body and "4.2\u3000结构" in body
    choices = doc.tables[0].rows[1].cells[1]._tc.xpath(".//w:listItem/@w:value")
    assert choices[1:] == ["前言", "1", "2", "3", "4", "4.1", "4.2", "5", "6", "7"]
    filled = office_docs.picked(form, {1: ("4.1", "建议增加阀杆材料"), 3: ("4.2", "补充图示")})
    preview = answer(await send(bot, ZHANG, filled, "反馈表.docx", "/import comments"))
    assert "2 条意见" in preview and "第 2 行 · 4.1：建议增加阀杆材料" in preview
    assert "第 4 行 · 4.2：补充图示" in preview
    assert "第 3 行：空行" in preview  # between the two filled rows; the rest is unused


async def test_comments_outside_consultation_or_without_columns_change_nothing(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    sheet = office_docs.comment_sheet([(1, "4.1", "意见", "", "", "")])
    early = answer(await send(bot, ZHANG, sheet, "f.xlsx", "/import comments"))
    assert (
        early
        == "项目处于「工作组讨论稿」阶段：意见只在征求意见稿阶段提出（处理意见可至送审稿阶段）。"
    )
    await _consultation(bot)
    wrong = office_docs.comment_sheet([(1, "x")], header=("编号", "说明"))
    answered = answer(await send(bot, ZHANG, wrong, "f.xlsx", "/import comments"))
    assert answered.startswith("没有找到反馈表的表头，未作任何更改。表头须有章条编号一列")
    only_bad = office_docs.comment_docx([("1", "9.9", "不存在的条")])
    nothing = answer(await send(bot, ZHANG, only_bad, "f.docx", "/import comments"))
    assert nothing.startswith(
        "文件中没有可以导入的意见，未作任何更改。\n第 2 行：章条「9.9」在文稿中不存在"
    )
    assert await pending(bot) == 0
    [(count,)] = await bot.rows(select(func.count()).select_from(Comment))
    assert count == 0


# -- the round trip ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_draft(tmp_path_factory: pytest.TempPathFactory) -> Draft:
    """The draft `manuscript-bot demo` writes: tables, a figure, terms, references, a formula,
    an annex and a bibliography."""
    out = tmp_path_factory.mktemp("demo")
    asyncio.run(run_demo(out, echo=lambda line: None))
    for path in sorted((out / "repositories").glob("*.git")):
        draft = load(DraftRepository(path), BRANCH)
        if draft.meta.code.startswith("T/CVA 012"):
            return draft
    raise AssertionError("the demo wrote no T/CVA 012 draft")


async def test_the_demos_draft_exported_to_word_imports_as_the_same_draft(
    project_bot: Bot, demo_draft: Draft
) -> None:
    bot = project_bot
    await bot.say(LI, GROUP, "/join 朝达")
    await bot.say(SEC, GROUP, "/approve @liwei")
    await bot.say(CHAIR, GROUP, "/drafter 朝达")  # an empty outline
    calls = await send(bot, LI, draft_docx(demo_draft), "demo.docx", "/import framework")
    assert "未能识别" not in answer(calls), answer(calls)
    await bot.press(LI, bot.buttons(calls)["确认提交"])
    imported = load(await bot.repository(), BRANCH)
    original = demo_draft.document.sections
    assert [(s.number, s.clause.title, s.clause.annex) for s in imported.document.sections] == [
        (s.number, s.clause.title, s.clause.annex) for s in original
    ]
    kinds = {type(e) for s in original for e in s.elements}
    assert {Table, Figure, Term, Reference, Formula, BiblioEntry, ListBlock} <= kinds
    for mine, theirs in zip(imported.document.sections, original, strict=True):
        assert as_shown(shown_elements(mine), imported.figures) == as_shown(
            shown_elements(theirs), demo_draft.figures
        ), mine.number


def as_shown(elements: list[Element], figures: dict[str, bytes]) -> list[object]:
    """Elements as a reader of the standard sees them: each line of a paragraph is a paragraph
    in Word, and a figure is its title and its picture, whatever its file is called."""
    out: list[object] = []
    for element in elements:
        if isinstance(element, Paragraph):
            out += [Paragraph(line) for line in element.text.split("\n")]
        elif isinstance(element, Figure):
            out.append((element.title, element.number, figures[element.path]))
        else:
            out.append(element)
    return out


async def test_a_hostile_file_name_is_shown_on_one_line_without_control_characters(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    name = "框架\u202e\nfdp.docx"
    calls = await send(bot, LI, office_docs.numbered_framework(), name, "/import framework")
    assert answer(calls).startswith("导入预览（框架 fdp.docx）")
    await bot.press(LI, bot.buttons(calls)["确认提交"])
    [last] = (await bot.repository()).log(limit=1)
    assert last.subject == "Import framework from 框架 fdp.docx: 5 clauses"
