"""Drafts as alliances have them, read back to the document model clause by clause: a draft on
the standardization administration's GB/T 1.1 template (every label written by Word's numbering),
the same draft after LibreOffice and pandoc have saved it, the standard's name as the first
heading, 前言 and 引言 in plain paragraphs, a caption a blank line above its table, `4.1.` with a
trailing dot, a Word template (.dotx), and a web page or RTF file named .doc. Pure."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from drafts.elements import Example, ListBlock, ListItem, Note, Paragraph, Table, Term, parse
from drafts.importing.office_files import Kind, Unreadable, office_kind
from tests.conftest import needs_libreoffice
from tests.office_docs import saved
from tests.template_draft import WHOLE, template_draft
from tests.test_word_reading import framework, outline, texts

pytestmark = pytest.mark.pure

WHOLE_OUTLINE = [
    ("前言", "前言", ""),
    ("引言", "引言", ""),
    ("1", "范围", ""),
    ("2", "规范性引用文件", ""),
    ("3", "术语和定义", ""),
    ("4", "要求", ""),
    ("4.1", "编码", ""),
    ("4.2", "性能", ""),
    ("4.2.1", "延迟", ""),
    ("4.4", "外观", ""),  # Word numbers the untitled 4.3 in the same sequence
    ("A", "测试方法", "规范性"),
    ("A.1", "设备", ""),
    ("B", "应用示例", "资料性"),
    ("参考文献", "参考文献", ""),
]


def check_whole(found_texts: dict[str, str], found_outline: list[tuple[str, str, str]]) -> None:
    assert found_outline == WHOLE_OUTLINE
    assert found_texts["前言"] == "本文件替代的是企业内部规范。"
    assert found_texts["引言"] == "视频编码器在广播中应用广泛。"
    assert found_texts["1"] == "本文件规定了广播级视频编码器的要求。"
    assert found_texts["2"] == ""  # the fixed sentence: the export writes it
    assert parse(found_texts["3"]) == [
        Term("码率", "bit rate", "单位时间内传输的比特数。", (Note("注", "码率以 kbit/s 计。"),)),
        Term("帧率", "frame rate", "单位时间内显示的帧数。"),
    ]
    assert parse(found_texts["4.1"]) == [
        Paragraph("编码器应支持下列标准："),
        ListBlock(
            (
                ListItem("a)", 1, "H.266；"),
                ListItem("1)", 2, "主档次；"),
                ListItem("b)", 1, "AVS3。"),
            )
        ),
        Note("注1", "第一条注。"),
        Note("注2", "第二条注。"),
        Example("示例", "1080p 50帧。"),
    ]
    [lead, table] = parse(found_texts["4.2"])
    assert lead == Paragraph("性能应符合表1。")
    assert table == Table(
        ("项目", "指标"), (("延迟", "≤ 100 ms"), ("码率", "≤ 20 Mbit/s")), title="编码性能"
    )
    assert parse(found_texts["4.2.1"]) == [
        ListBlock((ListItem("——", 1, "端到端；"), ListItem("——", 1, "单帧。"))),
        Paragraph("4.3 无标题条的文字。"),  # kept with its number: the model has no untitled clause
    ]
    figure, first, second = parse(found_texts["4.4"])
    assert figure.title == "前面板"  # type: ignore[union-attr]
    assert [first, second] == [Example("示例1", "第一个示例。"), Example("示例2", "第二个示例。")]
    assert parse(found_texts["A.1"])[1] == Table(
        ("设备", "型号"), (("示波器", "X1"),), title="测试设备"
    )
    assert found_texts["B"] == "一个应用示例。"
    assert found_texts["参考文献"] == "GB/T 1.1—2020　标准化工作导则"


def test_a_draft_on_the_template_comes_in_whole_and_the_report_says_what_became_what() -> None:
    found = framework(template_draft(WHOLE))
    check_whole(texts(found), outline(found))
    assert found.problems == ()
    report = {r.kind: r.examples for r in found.readings}
    assert report["note"] == ("4.1 注1：第一条注。", "4.1 注2：第二条注。")
    assert report["example"] == (
        "4.1 示例：1080p 50帧。",
        "4.4 示例1：第一个示例。",
        "4.4 示例2：第二个示例。",
    )
    assert report["term"] == ("3 码率 | bit rate", "3 帧率 | frame rate")
    assert report["table"] == ("4.2 编码性能（3 行）", "A.1 测试设备（2 行）")
    assert report["figure"] == ("4.4 前面板",)
    assert report["untitled"] == ("4.2.1 4.3 无标题条的文字。",)
    assert report["front"] == (
        "前言 本文件替代的是企业内部规范。",
        "引言 视频编码器在广播中应用广泛。",
    )
    assert report["name"] == ("广播级视频编码器技术要求",)
    assert len(report["fixed"]) == 4 and report["fixed"][1] == "本文件由示例联盟提出并归口。"
    assert len(report["item"]) == 5


@needs_libreoffice
def test_the_template_draft_saved_again_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    """LibreOffice rewrites numbering.xml and the styles in its own way on the way to ODT and
    back; the labels it keeps are what the reader goes by."""
    (tmp_path / "draft.docx").write_bytes(template_draft(WHOLE))
    for target, source in (("odt", "draft.docx"), ("docx", "draft.odt")):
        out = tmp_path / target
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--headless",
                *("--convert-to", target, "--outdir", str(out), str(tmp_path / source)),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copy(out / f"draft.{target}", tmp_path / f"draft.{target}")
    found = framework((tmp_path / "draft.docx").read_bytes())
    check_whole(texts(found), outline(found))


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_draft_pandoc_made_from_markdown() -> None:
    """pandoc's headings are Heading 1–3 without numbers; its ordered lists are Word numbering
    (`1.`), its bullets a symbol: both become `——` items."""
    markdown = "\n\n".join(
        [
            "# 前言",
            "本文件由示例联盟提出。",
            "# 范围",
            "本文件规定了编码器的要求。",
            "# 要求",
            "## 编码",
            "1. 支持 H.266；\n2. 支持 AVS3。",
            "- 端到端；\n- 单帧。",
            "# 附录A（资料性）应用示例",
            "一个示例。",
        ]
    )
    made = subprocess.run(
        ["pandoc", "--from", "markdown", "--to", "docx", "--output", "-"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    found = framework(made)
    assert outline(found) == [
        ("前言", "前言", ""),
        ("1", "范围", ""),
        ("2", "要求", ""),
        ("2.1", "编码", ""),
        ("A", "应用示例", "资料性"),
    ]
    assert parse(texts(found)["2.1"]) == [
        ListBlock(
            tuple(
                ListItem("——", 1, text)
                for text in ("支持 H.266；", "支持 AVS3。", "端到端；", "单帧。")
            )
        )
    ]


def test_the_standards_name_as_the_first_heading_does_not_push_the_chapters_down() -> None:
    doc = Document()
    doc.add_heading("前言", level=1)
    doc.add_paragraph("本文件由示例联盟提出。")
    doc.add_heading("某型编码器通用规范", level=1)  # not the project's title: placed by its levels
    doc.add_heading("范围", level=2)
    doc.add_paragraph("本文件规定了编码器的要求。")
    doc.add_heading("要求", level=2)
    doc.add_heading("编码", level=3)
    doc.add_paragraph("应支持 H.266。")
    doc.add_heading("参考文献", level=1)
    found = framework(saved(doc))
    assert outline(found) == [
        ("前言", "前言", ""),
        ("1", "范围", ""),
        ("2", "要求", ""),
        ("2.1", "编码", ""),
        ("参考文献", "参考文献", ""),
    ]
    assert {r.kind: r.examples for r in found.readings}["name"] == ("某型编码器通用规范",)


def test_annex_headings_that_hold_only_their_designation_and_title() -> None:
    """Without `附录A` in the text (nor numbering to write it) the annexes take the next letters,
    not chapter numbers."""
    doc = Document()
    doc.add_heading("1 范围", level=1)
    doc.add_heading("（规范性）\n试验方法", level=1)
    doc.add_heading("设备", level=2)
    doc.add_heading("（资料性）\n应用示例", level=1)
    found = framework(saved(doc))
    assert outline(found) == [
        ("1", "范围", ""),
        ("A", "试验方法", "规范性"),
        ("A.1", "设备", ""),
        ("B", "应用示例", "资料性"),
    ]


def test_an_unnumbered_chapter_with_clauses_under_it_is_a_chapter_not_the_name() -> None:
    doc = Document()
    doc.add_heading("总则", level=1)
    doc.add_heading("目的", level=2)
    doc.add_heading("要求", level=1)
    found = framework(saved(doc))
    assert outline(found) == [("1", "总则", ""), ("1.1", "目的", ""), ("2", "要求", "")]


def test_front_matter_in_plain_paragraphs_and_a_caption_a_blank_line_above_its_table() -> None:
    doc = Document()
    doc.add_paragraph("前　言")  # Normal, no outline level
    doc.add_paragraph("本文件由示例联盟提出。")
    doc.add_paragraph("本文件的某些内容可能涉及专利。")
    doc.add_paragraph("引言")
    doc.add_paragraph("编码器用于广播。")
    doc.add_heading("1 范围", level=1)
    doc.add_heading("4.1. 性能", level=2)  # a trailing dot after the number
    doc.add_paragraph("表1　性能指标")
    doc.add_paragraph("")
    doc.add_paragraph("")
    table = doc.add_table(rows=2, cols=2)
    for cell, value in zip(table._cells, ("项目", "指标", "延迟", "100 ms"), strict=True):
        cell.text = value
    found = framework(saved(doc), existing={"4"})
    assert outline(found) == [
        ("前言", "前言", ""),
        ("引言", "引言", ""),
        ("1", "范围", ""),
        ("4.1", "性能", ""),
    ]
    assert texts(found)["前言"] == "本文件的某些内容可能涉及专利。"
    assert texts(found)["引言"] == "编码器用于广播。"
    assert parse(texts(found)["4.1"]) == [
        Table(("项目", "指标"), (("延迟", "100 ms"),), title="性能指标")
    ]


def _as_template(data: bytes) -> bytes:
    """The same package as Word saves a template (.dotx): only the main part's type differs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            copy.writestr(member, content)
    return out.getvalue()


def test_a_word_template_is_read_like_a_document() -> None:
    data = _as_template(template_draft(WHOLE))
    assert b"template.main+xml" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert office_kind("标准.dotx", data) is Kind.DOCX
    found = framework(data)
    check_whole(texts(found), outline(found))


@pytest.mark.parametrize(
    "data",
    [
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
        b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>",
        b"\xef\xbb\xbf<!DOCTYPE html><html>",
        b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}",
    ],
)
def test_a_web_page_or_rtf_named_doc_is_answered_with_how_to_save_it(data: bytes) -> None:
    with pytest.raises(Unreadable) as refused:
        office_kind("征求意见稿.doc", data)
    assert refused.value.key == "saved_as_other"
    with pytest.raises(Unreadable) as other:
        office_kind("notes.txt", data)
    assert other.value.key == "not_office"
