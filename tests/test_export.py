"""Exports, rebuilt from the repository: hostile member text stays text, Chinese renders in every
format, a tag exports to the same bytes whenever, and a big export does not hold up other chats."""

from __future__ import annotations

import asyncio
import io
import shutil
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from bot.cli import main
from drafts.export.formats import export
from drafts.meta import META_PATH, Clause, Meta, clause_path
from drafts.repository import Identity
from storage.models import Project
from tests.actors import CHAIR, GROUP, LI, NOBODY, OTHER_GROUP, SEC, ZHANG
from tests.conftest import Bot, needs_libreoffice

HOSTILE = [
    "<script>alert('x')</script>",
    "[点我](javascript:alert(1)) 与 ![图](http://evil/x.png)",
    '<img src=x onerror="alert(1)"> & <b>粗体</b>',
    "`代码` **粗** _斜_ # 不是标题",
]


async def _hostile_draft(bot: Bot) -> None:
    await bot.say(LI, GROUP, "/framework\n4.4 <i>注入</i>标题")
    for n, text in enumerate(HOSTILE, start=1):
        await bot.say(ZHANG, GROUP, f"/contribute 4.1 {text}")
        await bot.say(LI, GROUP, f"/accept #{n}")


async def test_member_text_cannot_inject_markup(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await _hostile_draft(bot)
    repo = await bot.repository()
    [(_, page)] = export(repo, "refs/heads/main", "html")
    text = page.decode("utf-8")
    assert '<meta charset="utf-8">' in text
    lowered = text.lower()
    for forbidden in (
        "<script",
        "<img",
        "<b>",
        "<i>",
        'javascript:alert(1)"',
        'href="javascript',
        "<code>",
        "<strong>",
        "<em>",
    ):
        assert forbidden not in lowered, forbidden
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text
    assert "[点我](javascript:alert(1)) 与 ![图](http://evil/x.png)" in text  # shown as typed
    assert "4.4\u3000&lt;i&gt;注入&lt;/i&gt;标题" in text
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for hostile in HOSTILE:
        assert hostile in paragraphs  # literal text, exactly as the member wrote it
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml


async def test_chinese_headings_and_comment_table_in_docx(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 7d")
    await bot.say(ZHANG, GROUP, "/comment 4.1 未规定阀盖\n=> 阀体、阀盖材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/resolve C1 partial 阀盖另条规定")
    repo = await bot.repository()
    [(name, data)] = export(repo, "consultation", "docx")
    assert name == "T_CVA_012_2027-征求意见稿.docx"
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "4　要求") in styled and ("Heading 2", "4.1　材料") in styled
    assert ("标准文件_前言、引言标题", "前\u3000\u3000言") in styled
    assert ("标准文件_前言、引言标题", "目\u3000\u3000次") in styled
    texts = [p.text for p in document.paragraphs]
    assert "（征求意见稿）" in texts and "石油天然气工业用钢制闸阀" in texts
    assert "本文件起草单位：朝达阀门有限公司、华东理工大学。" in texts  # no lead unit
    assert "本文件主要起草人：张敏。" in texts  # who wrote the text, not who accepted it
    [(_, table_data)] = export(repo, "refs/heads/main", "comments")
    [table] = docx.Document(io.BytesIO(table_data)).tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [
        ["序号", "标准章条编号", "意见内容", "提出单位", "处理意见", "备注"],
        ["1", "4.1", "未规定阀盖\n建议修改为：阀体、阀盖材料应符合 GB/T 12229。", "华东理工大学",
         "部分采纳：阀盖另条规定", ""],
    ]  # fmt: skip


@needs_libreoffice
async def test_a_tag_exports_to_the_same_bytes_whenever(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 第一稿。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(LI, GROUP, "/patent free ZL202110123456.7")
    await bot.say(CHAIR, GROUP, "/advance | until 7d")
    repo = await bot.repository()
    first = {
        fmt: export(repo, "consultation", fmt)
        for fmt in ("md", "html", "docx", "pdf", "comments", "package")
    }
    await bot.say(ZHANG, GROUP, "/comment 4.1 再斟酌")  # the head moves on; the tag does not
    second = {fmt: export(repo, "consultation", fmt) for fmt in first}
    assert first == second
    [(_, archive)] = first["package"]
    names = sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist())
    assert names == sorted(
        [
            "目录.txt", "版本库.bundle", "T_CVA_012_2027-征求意见稿.md", "T_CVA_012_2027-征求意见稿.html",
            *(f"T_CVA_012_2027-征求意见稿{part}.{kind}"
              for part in ("", "-报批文件清单", "-征求意见汇总处理表", "-编制说明", "-投票记录", "-专利许可声明登记表")
              for kind in ("docx", "pdf")),
        ]
    )  # fmt: skip
    md = first["md"][0][1].decode()
    assert "可能涉及到与ZL202110123456.7相关的专利的使用。" in md  # the 引言's patent statement
    assert "专利持有人姓名：朝达阀门有限公司" in md


async def test_export_from_the_chat(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [denied] = await bot.say(LI, GROUP, "/export")
    assert denied.startswith("无权执行") and "主席" in denied
    [usage] = await bot.say(CHAIR, GROUP, "/export odt")
    assert usage.startswith("用法：/export [md|html|docx|pdf|comments|form|package]")
    calls = await bot.calls(SEC, GROUP, "/export html")
    [document] = [c for c in calls if c.method == "sendDocument"]
    [(name, content)] = document.files.items()
    assert name.endswith(".html") and b"<!DOCTYPE html>" in content
    assert calls[0].text == "导出（html）：1 个文件。"


async def test_without_libreoffice_pdf_is_refused_in_one_line_and_the_rest_exports(
    drafting_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with git and no LibreOffice
    bin_dir.mkdir()
    (bin_dir / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    monkeypatch.setenv("PATH", str(bin_dir))
    bot = drafting_bot
    assert await bot.say(SEC, GROUP, "/export pdf") == [
        "无法导出 PDF：本机未安装 LibreOffice；docx、html、md 等其他格式照常可用。"
    ]
    calls = await bot.calls(SEC, GROUP, "/export package")
    assert (
        calls[0].text == "导出（package）：1 个文件。\n材料包中没有 PDF：本机未安装 LibreOffice。"
    )
    [document] = [c for c in calls if c.method == "sendDocument"]
    [(_, archive)] = document.files.items()
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert not any(n.endswith(".pdf") for n in names) and any(n.endswith(".docx") for n in names)


@pytest.mark.scenario  # the CLI runs the demo first
def test_export_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "demo"
    assert main(["demo", "--out", str(demo)]) == 0
    assert (demo / "T_CVA_012_2027-发布稿-package.zip").exists()  # the demo ends with its package
    capsys.readouterr()
    monkeypatch.setenv("MANUSCRIPT_DATA_DIR", str(demo))
    monkeypatch.delenv("MANUSCRIPT_DATABASE_URL", raising=False)
    assert (
        main(
            [
                "export",
                "T/CVA 012—2027",
                "--format",
                "md",
                "--out",
                str(tmp_path / "out"),
                "--ref",
                "征求意见稿",
            ]
        )
        == 0
    )
    [written] = (tmp_path / "out").iterdir()
    assert written.name == "T_CVA_012_2027-征求意见稿.md"
    assert main(["export", "T/CVA 012—2027", "--out", str(tmp_path / "out"), "--ref", "v9"]) == 2
    assert "no tag or stage 'v9'" in capsys.readouterr().err


async def test_a_thousand_clause_export_does_not_hold_up_other_chats(drafting_bot: Bot) -> None:
    bot = drafting_bot
    repo = await bot.repository()
    meta = Meta.from_json(repo.read(META_PATH) or "")
    clauses = tuple(Clause(f"c{i:04d}", f"8.{i}", f"条款{i}") for i in range(1, 1001))
    big = replace(meta, clauses=(*meta.clauses, Clause("c9999", "8", "大量条款"), *clauses))
    files = {META_PATH: big.to_json()} | {
        clause_path(c.id): "本条规定了某项要求。" * 100 + "\n" for c in clauses
    }
    repo.commit(files, author=Identity("t", "t@x"), message="big\n", when=datetime.now(UTC))
    await bot.say(SEC, OTHER_GROUP, "/help")
    order: list[str] = []

    async def exporting() -> None:
        await bot.say(SEC, GROUP, "/export docx")
        order.append("export")

    async def meanwhile() -> None:
        await bot.say(NOBODY, OTHER_GROUP, "/units")
        order.append("other chat")

    await asyncio.gather(exporting(), meanwhile())
    assert order == ["other chat", "export"]
    [(stage,)] = await bot.rows(select(Project.stage))
    assert stage == "working"
