"""`manuscript-bot demo`: the whole scripted conversation, offline, leaving its data behind."""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import docx
import httpx
import pytest

from bot.cli import main
from bot.domain.changes import describe
from drafts.export.pdf import converter

pytestmark = pytest.mark.scenario  # it runs the bot's processes


def test_demo_prints_the_conversation_and_leaves_its_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    transcript = capsys.readouterr().out
    assert "王秘书: /unit add 朝达阀门有限公司 | 朝达阀门 | 企业" in transcript
    assert "🤖 无权执行：此操作需要以下角色之一：秘书处。" in transcript
    assert "🤖 用法：/unit add" in transcript
    assert "Stage: framework drafting" in transcript  # the forum topic switched to English
    assert "抱歉" not in transcript  # no handler failed
    assert "李伟 ▸ [采纳]" in transcript  # a button press shows the button's label
    assert not re.search(r"▸ \[[a-z]+:", transcript)  # never its callback data
    # Drafting: a designated drafter, the framework, proposals accepted by button and command,
    # one rejected, a replacement with its diff, and the repository's history.
    assert "为框架起草单位" in transcript
    assert "🤖 (edited) 已采纳 #1：张敏（华理）的条文已并入 4.1 材料。" in transcript
    assert "未采纳 #3。理由：结构长度须符合 GB/T 12221，不能自定" in transcript
    assert "      + 阀体、阀盖和闸板的材料应符合 GB/T 12229 的规定。" in transcript
    assert "李伟 (朝达阀门)：#4 4.1 材料：整条改写" in transcript  # /history in the chat's words
    with sqlite3.connect(out / "manuscript.sqlite3") as db:
        [(key,)] = db.execute("select repository from projects where code = 'T/CVA 012—2027'")
    repository = out / "repositories" / f"{key}.git"
    log = subprocess.run(
        ["git", "--git-dir", str(repository), "log", "--format=%an|%s"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert "张敏 (华理)|#1 4.1 材料: add" in log
    # Every change of a whole cycle has its words in the chat's language (`/history`).
    untold = [line for line in log if describe(line.split("|", 1)[1]) is None]
    assert untold == []
    # The standard's elements: terms, references, a table, a figure, a formula, an annex.
    assert (
        "    表1　阀体材料力学性能\n    材料牌号 │ 抗拉强度/MPa │ 屈服强度/MPa │ 伸长率/%"
        in transcript
    )
    assert "🤖 表格各行的单元格数不一致，未作任何更改。请检查第 2 行" in transcript
    assert "🤖 图1　闸阀结构示意图" in transcript  # /section 4.2 sends the picture
    figures = subprocess.run(
        ["git", "--git-dir", str(repository), "log", "--format=%an", "--", "figures/"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    assert figures[0] == "李伟 (朝达阀门)"
    [package] = out.glob("*-package.zip")
    [name] = [n for n in zipfile.ZipFile(package).namelist() if n.endswith("发布稿.docx")]
    document = docx.Document(io.BytesIO(zipfile.ZipFile(package).read(name)))
    # The standard also lies beside the zip, ready to open: the same files as in it.
    for ext in (".html", ".docx", *((".pdf",) if converter() else ())):
        [beside] = out.glob(f"*发布稿{ext}")
        assert beside.read_bytes() == zipfile.ZipFile(package).read(beside.name), ext
    assert len(document.tables) == 1 and len(document.inline_shapes) == 1
    paragraphs = [p.text for p in document.paragraphs]
    for expected in (
        "3.1", "闸阀　gate valve", "3.2", "闸板　wedge", "GB/T 12221　金属阀门　结构长度",
        "附　录　A\n（规范性）\n闸阀压力试验方法", "参　考　文　献", "[1]　GB/T 21465—2008 阀门　术语",
        "表1　阀体材料力学性能", "图1　闸阀结构示意图", "\tpt = 1.5 × PN\t（1）",
    ):  # fmt: skip
        assert expected in paragraphs, expected
    [page] = out.glob("*发布稿.html")
    assert page.read_text(encoding="utf-8").count("p<sub>t</sub>") == 2  # the formula, 式中
    # The formula's and its 式中 line's subscript as Word sets it, not as typed.
    for text in ("\tpt = 1.5 × PN\t（1）", "pt——壳体试验压力，单位为兆帕（MPa）；"):
        paragraph = document.paragraphs[paragraphs.index(text)]
        assert [r.text for r in paragraph.runs if r.font.subscript] == ["t"], text
    # Ballots: an election of the drafter and a motion with several units voting.
    assert "当选：朝达阀门有限公司（朝达阀门），成为框架起草单位。" in transcript
    assert "✅ 已结束，通过 — 投票 B2：结构长度是否统一采用 GB/T 12221？" in transcript
    assert "陈静|B2: passed" in log and "陈静|B1: elected" in log
    # A reminder names the units that have not voted; once all have, none goes out.
    assert "尚未完成：华理、上阀所。@zhangmin、@sunlei" in transcript
    after = transcript.split("— 又过了 22 小时")[1].split("\n")[1]
    assert after.startswith("[T/CVA 012 闸阀标准起草组] 张敏: /ballots")  # no reminder in between
    # Patents: none, free with patents through the private form, and a rand flagged to the chair.
    assert (
        "已登记 华东理工大学（华理） 在 T/CVA 012—2027 的专利许可承诺：无已知必要专利（专利 0 件）。"
        in transcript
    )
    assert (
        "🤖 (edited) 已登记 朝达阀门有限公司（朝达阀门） 在 T/CVA 012—2027 的专利许可承诺：免费许可（专利 2 件）。"
        in transcript
    )
    assert (
        "⚠️ @chenjing：上海阀门研究所（上阀所） 的专利许可承诺由「免费许可」变为「收费许可（RAND）」"
        in transcript
    )
    assert "李伟 (朝达阀门)|Patent commitment of 朝达阀门有限公司: free" in log
    # Consultation to publication: refused advances, a failed review ballot, recirculation.
    assert "🤖 进入征求意见稿须设定意见截止时间" in transcript
    # A comment form filled in Excel: previewed (a row naming no clause of the draft, a totals
    # row and the filler's name listed), then recorded once its sender confirms.
    assert "第 3 行 · 1：适用范围应包括 DN700" in transcript
    assert "第 4 行：章条「9」在文稿中不存在" in transcript
    assert (
        "第 5 行：合计、填表人或签名行，不是意见" in transcript
    )  # the form's header: 修改意见及理由
    assert "第 6 行：合计、填表人或签名行，不是意见" in transcript
    assert "已记录意见 C2（1 条），国家阀门质量检验检测中心（质检中心）。提交 " in transcript
    assert "🤖 不能进入送审稿：以下意见尚无处理意见：C1、C2" in transcript
    assert "❌ 已结束，未通过 — 阶段投票 B3：是否进入「报批稿」阶段" in transcript
    # The review meeting: its notice with the materials (in the group and by private message),
    # a reminder naming the unit that has not answered, the quorum, check-in, the vote among those
    # present, opinions, minutes, the conclusion `revise` and the move to approval.
    assert "🤖 审查材料应在会前送达：最早可安排在" in transcript
    assert "[private] 🤖 📎 T_CVA_012_2027-送审稿.docx" in transcript
    assert "[T/CVA 012 闸阀标准起草组] 🤖 📎 T_CVA_012_2027-送审稿-编制说明.docx" in transcript
    assert "尚未回复参加/请假：上阀所。@sunlei" in transcript
    assert "🤖 不足法定人数，不能表决：应到 3 个单位，实到 0，需至少 2（2/3）。" in transcript
    assert (
        "🤖 已登记出席：王教授（浙江大学），列席（不属审查单位，不计入应到、实到）。" in transcript
    )
    assert "✅ 已结束，通过 — 审查会议表决 B4" in transcript
    assert "🤖 结论与表决不一致：B4 通过，不能作出「不通过」的结论。" in transcript
    assert "🤖 结论为修改后通过：以下审查意见尚无处理意见：O1、O2" in transcript
    assert "项目已进入「报批稿」阶段，版本库已打标签 approval。" in transcript
    published = re.search(
        r"T/CVA 012—2027 已发布，标准编号 T/CVA 012—2027，(\S{10})发布，(\S{10})实施；"
        r"版本库已打标签 published。",
        transcript,
    )
    assert published and date.fromisoformat(published[2]) > date.fromisoformat(published[1])
    # The cover's facts set with /meta are on the published standard's cover.
    assert "ccs CCS 分类号：J 16" in transcript  # typed `/meta ccs j16`
    cover = paragraphs[: paragraphs.index("目　　次")]
    for expected in (
        "ICS 23.060.10\tT/CVA", "CCS J 16", "团 体 标 准", "T/CVA 012—2027",
        "代替 T/CVA 003—2019", "石油天然气工业用钢制闸阀",
        "Steel gate valves for the petroleum and natural gas industries",
    ):  # fmt: skip
        assert expected in cover, expected
    assert not any("稿" in line for line in cover)  # a published standard has no stage line
    foot = [p.text for p in document.sections[0].footer.paragraphs]
    assert foot == [f"{published[1]}发布\t{published[2]}实施", "中国阀门产业标准联盟　发 布"]
    tags = subprocess.run(
        ["git", "--git-dir", str(repository), "tag", "--list"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {"working", "consultation", "review", "approval", "published"} <= set(tags)
    with sqlite3.connect(out / "manuscript.sqlite3") as db:
        assert db.execute("select count(*) from units").fetchone() == (4,)
        assert db.execute("select count(*) from projects").fetchone() == (2,)
        representatives = db.execute("select count(*) from persons where unit_id is not null")
        assert representatives.fetchone() == (4,)
    # No English word of the bot's own in any document of the package: what is left are codes,
    # numbers, ids and what the members typed (the English title, terms, a formula).
    typed = {"ICS", "CCS", "J", "T", "CVA", "GB", "ZL", "CN", "DN", "HB", "MPa", "PN", "WC",
             "WCB", "pt", "wedge", "valve", "Steel", "gate", "valves", "for", "the",
             "petroleum", "and", "natural", "gas", "industries", "API", "ISO"}  # fmt: skip
    ids = {"A", "B", "C", "O", "I", "II", "III", "IV", "V"}  # annex A, B1, C1, opinions O1, folios
    ids |= {"XXXX", "XX"}  # a draft's 发布 and 实施 dates are left as XXXX-XX-XX
    archive = zipfile.ZipFile(package)
    # Both drafts: the text the review saw beside the one for approval (changed since, by O1).
    reviewed = docx.Document(io.BytesIO(archive.read("T_CVA_012_2027-送审稿.docx")))
    added = "闸板密封面硬度按 GB/T 231.1 测定。"
    assert added in paragraphs and added not in [p.text for p in reviewed.paragraphs]
    assert ("T_CVA_012_2027-送审稿.pdf" in archive.namelist()) is bool(converter())
    for record in ("审查会议纪要", "审查会签到表", "审查意见汇总处理表"):
        assert f"T_CVA_012_2027-发布稿-{record}.docx" in archive.namelist(), record
    # The 报批文件清单 comes first and lists every file of the package with its pages.
    listing = docx.Document(io.BytesIO(archive.read("T_CVA_012_2027-发布稿-报批文件清单.docx")))
    rows = [[cell.text for cell in row.cells] for row in listing.tables[0].rows]
    assert rows[0] == ["序号", "文件名称", "文件", "格式", "页数"]
    assert rows[1][1:3] == ["报批文件清单", "T_CVA_012_2027-发布稿-报批文件清单"]
    shown = {row[2] for row in rows[1:]}
    stems = {n.rsplit(".", 1)[0] for n in archive.namelist() if n != "目录.txt"}
    assert shown == stems
    if converter():
        pages = {row[2]: row[4] for row in rows[1:]}
        assert pages["T_CVA_012_2027-发布稿-编制说明"] == str(_pages(archive, "发布稿-编制说明"))
    for name in [n for n in archive.namelist() if n.endswith(".docx") and "报批文件清单" not in n]:
        words = set(re.findall(r"[A-Za-z][A-Za-z_]*", _all_text(archive.read(name))))
        assert words <= typed | ids, (name, words - typed - ids)
    # The working group wrote every section of the 编制说明 from the chat: nothing reads （待补充）.
    for name in [n for n in archive.namelist() if n.endswith(".docx")]:
        assert "待补充" not in _all_text(archive.read(name)), name
    if converter():
        note = _pdf_text(archive, "发布稿-编制说明")
        flat = re.sub(r"\s", "", note)  # poppler spaces CJK text as it was laid out
        assert "待补充" not in flat and "表1压力试验验证结果" in flat
        assert "三、主要试验（或验证）情况分析" in flat
    # A second run replaces its own earlier folder.
    assert main(["demo", "--out", str(out)]) == 0


def _pdf_text(archive: zipfile.ZipFile, suffix: str) -> str:
    """The text poppler reads from the package's PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(archive.read(f"T_CVA_012_2027-{suffix}.pdf"))
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


def _pages(archive: zipfile.ZipFile, suffix: str) -> int:
    """The pages poppler counts in the package's PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(archive.read(f"T_CVA_012_2027-{suffix}.pdf"))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]


def test_demo_leaves_a_foreign_folder_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["demo", "--out", str(tmp_path)]) == 2
    assert "not an earlier demo's folder" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def _all_text(data: bytes) -> str:
    """Every paragraph, table cell, header and footer of a Word file."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            texts += [p.text for p in part.paragraphs]
    return "\n".join(texts)


async def test_demo_serve_keeps_the_reading_view_up_with_a_signed_link(tmp_path: Path) -> None:
    from bot.demo import run_demo
    from tests.test_webhook import free_port

    port = free_port()
    said: list[str] = []
    seen: dict[str, object] = {}

    async def read_it() -> None:
        [link] = [line for line in "\n".join(said).splitlines() if "/app#tgWebAppData=" in line]
        address, _, fragment = link.partition("#")
        raw = unquote(fragment.removeprefix("tgWebAppData="))
        async with httpx.AsyncClient() as http:
            seen["page"] = (await http.get(address)).status_code
            headers = {"Authorization": f"tma {raw}"}
            seen["draft"] = (
                await http.get(address.replace("/app", "/api/draft"), headers=headers)
            ).json()
            seen["ballots"] = (
                await http.get(address.replace("/app", "/api/ballots"), headers=headers)
            ).json()

    await run_demo(tmp_path / "demo", echo=said.append, serve=("127.0.0.1", port), served=read_it)
    assert seen["page"] == 200
    draft = seen["draft"]
    assert isinstance(draft, dict) and draft["code"] == "T/CVA 012—2027"
    assert any(c["number"] == "4.1" and c["elements"] for c in draft["clauses"])
    ballots = seen["ballots"]
    assert isinstance(ballots, dict) and [b["number"] for b in ballots["ballots"]]
