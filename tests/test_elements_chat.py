"""The standard's elements from the chat, through the real Application: a table pasted from
Excel, a figure sent as a photo or a file, terms and references, annexes and 参考文献 in the
framework, /check and what it does to /project and /advance. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from sqlalchemy import select

from bot.pictures import valve_sketch
from drafts.export.formats import export
from storage.models import Contribution
from tests.actors import CHAIR, GROUP, LI, SEC, ZHANG, ZHAO
from tests.conftest import Bot, make_settings, started, texts, with_project

TSV = "表：材料力学性能\n材料\t抗拉强度/MPa\t屈服强度/MPa\nWCB\t485\t250\nWC6\t485\t275\n注：数值为最小值。"


async def _accept_last(bot: Bot, n: int) -> list[str]:
    return await bot.say(LI, GROUP, f"/accept #{n}")


async def test_a_table_pasted_from_excel_reaches_every_view(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [proposed] = await bot.say(ZHANG, GROUP, f"/contribute 4.1 材料见表1。\n\n{TSV}")
    assert "#1" in proposed
    await _accept_last(bot, 1)
    answer = "\n".join(await bot.say(ZHANG, GROUP, "/section 4.1"))
    assert "表1　材料力学性能" in answer
    assert "材料 │ 抗拉强度/MPa │ 屈服强度/MPa" in answer  # aligned rows, a CJK character two wide
    assert "WCB  │ 485          │ 250" in answer
    assert "注：数值为最小值。" in answer and "张敏 (华理) #1" in answer
    repo = await bot.repository()
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    document = docx.Document(io.BytesIO(data))
    [table] = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[:3] == [
        ["材料", "抗拉强度/MPa", "屈服强度/MPa"],
        ["WCB", "485", "250"],
        ["WC6", "485", "275"],
    ]
    assert cells[3] == ["注：数值为最小值。"] * 3  # the notes row spans the table
    header = table.rows[0]._tr.trPr.xml
    assert "tblHeader" in header  # repeated on every page
    captions = [p.text for p in document.paragraphs]
    assert "表1　材料力学性能" in captions
    [(_, page)] = export(repo, "refs/heads/main", "html")
    html = page.decode()
    assert "<caption" in html and "表1　材料力学性能</caption>" in html
    assert "<th>材料</th><th>抗拉强度/MPa</th>" in html and "<td>485</td>" in html


async def test_a_ragged_table_is_refused_with_its_rows(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [refused] = await bot.say(ZHANG, GROUP, "/contribute 4.1 a\tb\tc\n1\t2\n3\t4\t5\n6")
    assert refused == "表格各行的单元格数不一致，未作任何更改。请检查第 2 行（与表头的列数不同）。"
    assert await bot.rows(select(Contribution.id)) == []


async def test_a_photo_becomes_a_figure_authored_by_its_contributor(drafting_bot: Bot) -> None:
    bot = drafting_bot
    picture = valve_sketch()
    calls = await bot.sim.send_picture(ZHANG, GROUP, picture, "/figure 4.2 闸阀结构示意图")
    [proposed] = texts(calls)
    assert "#1" in proposed and "闸阀结构示意图" in proposed
    assert bot.buttons(calls)  # Accept / Reject, like any contribution
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构见图1。")
    await bot.press(LI, bot.buttons(calls)["采纳"])
    await _accept_last(bot, 2)
    repo = await bot.repository()
    assert repo.read_blobs(["figures/f0001.png"])["figures/f0001.png"] == picture
    [entry] = [e for e in repo.log() if e.subject.startswith("#1 ")]
    assert (entry.author, entry.email) == ("张敏 (华理)", f"tg-{ZHANG.id}@users.manuscript")
    section = await bot.calls(ZHANG, GROUP, "/section 4.2")
    [photo] = [c for c in section if c.method == "sendPhoto"]
    assert photo.params["caption"] == "图1　闸阀结构示意图"
    assert list(photo.files.values()) == [picture]
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1 and zipfile.ZipFile(io.BytesIO(data)).read(media[0]) == picture
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs.index("图1　闸阀结构示意图") > 0
    [(_, page)] = export(repo, "refs/heads/main", "html")
    assert page.decode().count("<img ") == 1 and "图1　闸阀结构示意图</figcaption>" in page.decode()


async def test_a_picture_sent_as_a_file_or_replied_to(drafting_bot: Bot) -> None:
    bot = drafting_bot
    picture = valve_sketch()
    calls = await bot.sim.send_picture(
        LI, GROUP, picture, "/figure 4.1 材料示意", as_file="sketch.png"
    )
    assert "#1" in texts(calls)[0]
    await bot.sim.send_picture(ZHANG, GROUP, picture)  # a photo without a caption: no answer
    replied = await bot.say(LI, GROUP, "/figure 4.2 结构", reply_to=bot.sim.last_sent)
    assert "#2" in replied[0]
    rows = await bot.rows(
        select(Contribution.number, Contribution.text).order_by(Contribution.number)
    )
    assert rows == [(1, "图：材料示意 [figures/f0001.png]"), (2, "图：结构 [figures/f0002.png]")]


async def test_bad_pictures_get_the_usage_line_and_change_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    usage = "用法：/figure <条款编号> <图题>"
    cases = [
        await bot.sim.send_picture(ZHANG, GROUP, b"%PDF-1.7 ...", "/figure 4.1 x", as_file="a.pdf", mime_type="application/pdf"),
        await bot.sim.send_picture(ZHANG, GROUP, b"GIF89a....", "/figure 4.1 x", as_file="a.png"),
        await bot.sim.send_picture(ZHANG, GROUP, valve_sketch(), "/figure 4.1 x", size=11 * 1024 * 1024),
        await bot.sim.send_picture(ZHANG, GROUP, valve_sketch(), "/figure"),
        await bot.calls(ZHANG, GROUP, "/figure 4.1 没有图片"),
    ]  # fmt: skip
    for calls in cases:
        [answer] = texts(calls)
        assert answer.startswith(usage), answer
    [unknown] = texts(await bot.sim.send_picture(ZHANG, GROUP, valve_sketch(), "/figure 9.9 x"))
    assert "框架中没有条款 9.9" in unknown
    [denied] = texts(await bot.sim.send_picture(ZHAO, GROUP, valve_sketch(), "/figure 4.1 x"))
    assert denied.startswith("无权执行")  # observers comment, they do not contribute
    assert await bot.rows(select(Contribution.id)) == []


async def test_terms_references_annexes_and_the_bibliography(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [refused] = await bot.say(LI, GROUP, "/framework\nA 试验方法\n参考文献")
    assert "第 2 行「A 试验方法」：附录须注明（规范性）或（资料性）" in refused
    await bot.say(LI, GROUP, "/framework\nA 试验方法 (规范性)\nA.1 试验装置\n参考文献")
    steps = [
        (
            ZHANG,
            "/term 闸阀 | gate valve | 启闭件由阀杆带动作升降运动的阀门 | 来源：GB/T 21465—2008，3.1",
        ),
        (ZHANG, "/term 闸板 | wedge | 闸阀的启闭件"),
        (LI, "/ref JB/T 450 锻造角式高压阀门　技术条件"),
        (LI, "/ref GB/T 12229 通用阀门　碳素钢铸件技术条件"),
        (LI, "/ref biblio GB/T 21465—2008 阀门　术语"),
        (ZHANG, "/contribute 4.1 闸阀的材料应符合 GB/T 12229 的规定，试验按附录A。"),
    ]
    for n, (user, line) in enumerate(steps, start=1):
        [proposed] = await bot.say(user, GROUP, line)
        assert f"#{n}" in proposed, proposed
        await _accept_last(bot, n)
    for usage_case in ("/term 只有术语", "/ref 没有编号的名称", "/ref GB/T 12229", "/ref biblio"):
        [answer] = await bot.say(ZHANG, GROUP, usage_case)
        assert answer.startswith("用法："), (usage_case, answer)
    repo = await bot.repository()
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "下列术语和定义适用于本文件。" in text
    assert text.index("\n3.1\n闸阀　gate valve\n") < text.index("\n3.2\n闸板　wedge\n")
    assert "[来源：GB/T 21465—2008，3.1]" in text
    # Chapter 2: the lead sentence, then GB/T before JB/T whatever the order accepted.
    assert text.index("下列文件中的内容通过文中的规范性引用") < text.index("GB/T 12229　通用阀门")
    assert text.index("GB/T 12229　通用阀门　碳素钢铸件技术条件") < text.index(
        "JB/T 450　锻造角式高压阀门"
    )
    assert "[1]　GB/T 21465—2008 阀门　术语" in text
    assert "附　录　A\n（规范性）\n试验方法" in text
    [(_, md)] = export(repo, "refs/heads/main", "md")
    assert "\\[来源：GB/T 21465—2008，3.1\\]" in md.decode()  # a source to read, not a link
    found = "\n".join(await bot.say(ZHANG, GROUP, "/check"))
    assert "2：列出了 JB/T 450，但正文中没有引用" in found
    assert "3：术语“闸板”已定义，但正文中没有使用" in found
    assert "A.1：条款还没有条文" in found
    assert "GB/T 12229" not in found and "附录A" not in found


async def test_check_counts_on_the_card_and_lists_or_blocks_on_the_way_to_review(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    card = "\n".join(await bot.say(ZHANG, GROUP, "/project"))
    count = re.search(r"文稿检查：(\d+) 项问题", card)
    assert count is not None
    [found] = await bot.say(ZHANG, GROUP, "/check")
    assert found.startswith(f"检查发现 {count.group(1)} 项问题：\n")
    assert found.count("\n• ") == int(count.group(1)) == 8  # 1, 2, 3 and 4.1 … 7 are empty
    await bot.say(CHAIR, GROUP, "/advance | until 7d")
    [advanced] = await bot.say(CHAIR, GROUP, "/advance")
    assert (
        "送审稿" in advanced
        and "注意：文稿检查发现" in advanced
        and "1：条款还没有条文" in advanced
    )


async def test_findings_block_review_where_the_alliance_says_so(
    tmp_path: Path, db_url: str
) -> None:
    settings = make_settings(tmp_path, db_url, check_blocks=frozenset({"review"}))
    async with started(settings) as bot:
        await with_project(bot)
        for user, unit in ((LI, "朝达"), (ZHANG, "华理")):
            await bot.say(user, GROUP, f"/join {unit}")
            await bot.say(SEC, GROUP, f"/approve @{user.username}")
        await bot.say(CHAIR, GROUP, "/drafter 朝达")
        await bot.say(LI, GROUP, "/framework\n1 范围")
        await bot.say(CHAIR, GROUP, "/advance")
        await bot.say(CHAIR, GROUP, "/advance | until 7d")
        [refused] = await bot.say(CHAIR, GROUP, "/advance")
        assert refused.startswith("不能进入「送审稿」：文稿检查发现 1 项问题，需先解决：")
        assert "1：条款还没有条文" in refused
        await bot.say(LI, GROUP, "/contribute 1 本文件规定了闸阀的要求。")
        await bot.say(LI, GROUP, "/accept #1")
        [advanced] = await bot.say(CHAIR, GROUP, "/advance")
        assert "送审稿" in advanced and "文稿检查" not in advanced
