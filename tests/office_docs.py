"""Word and Excel files the import tests send, made here with python-docx and openpyxl (and one
through LibreOffice), the way members' own files are laid out."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import Workbook

from bot.pictures import valve_sketch

# A tiny GIF: a picture format a standard's figure may not have.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


def saved(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def styled_framework() -> bytes:
    """Word's heading styles; a table with its caption and a merged notes row; a picture with its
    caption; a note; a list; an annex whose designation is on its own line; a GIF (refused)."""
    doc = Document()
    doc.add_paragraph("石油天然气工业用钢制闸阀", style="Title")  # the cover: skipped
    doc.add_heading("1 范围", level=1)
    doc.add_paragraph("本文件规定了闸阀的要求。")
    doc.add_heading("4 要求", level=1)
    doc.add_heading("4.1 材料", level=2)
    doc.add_paragraph("阀体材料应符合表1的规定。")
    doc.add_paragraph("表1　阀体材料力学性能")
    table = doc.add_table(rows=4, cols=3)
    for row, values in zip(
        table.rows,
        (("材料", "抗拉强度", "屈服强度"), ("WCB", "485", "250"), ("WC6", "485", "275")),
        strict=False,
    ):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value
    notes = table.rows[3].cells
    notes[0].merge(notes[2]).text = "注：表中数值为最小值。"
    doc.add_paragraph("注：材料牌号见 GB/T 12229。")
    doc.add_paragraph("——阀体；")
    doc.add_paragraph("——阀盖。")
    doc.add_heading("4.2 结构", level=2)
    doc.add_paragraph().add_run().add_picture(io.BytesIO(valve_sketch()), width=Mm(60))
    doc.add_paragraph("图1　闸阀结构示意")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(GIF))
    doc.add_heading("附录A", level=1)
    doc.add_paragraph("（规范性）")
    doc.add_paragraph("压力试验方法")
    doc.add_heading("A.1 试验装置", level=2)
    doc.add_paragraph("试验装置应能保持压力。")
    return saved(doc)


def numbered_framework() -> bytes:
    """No heading styles at all: the outline is in numbered paragraphs."""
    doc = Document()
    for line in (
        "T/CVA 012—2027",  # the cover's number: not a heading
        "前言",
        "本文件由张敏起草。",
        "1 范围",
        "本文件适用于 DN50～DN600 的闸阀。",
        "2019年发布的版本已废止。",  # a year is not clause 201
        "4 要求",
        "4.1 材料",
        "阀体材料应符合 GB/T 12229。",
        "附录B（资料性）选型",
    ):
        doc.add_paragraph(line)
    return saved(doc)


def auto_numbered_framework() -> bytes:
    """Headings whose numbers Word draws itself: their text has none."""
    doc = Document()
    for title, level in (("范围", 1), ("要求", 1), ("材料", 2), ("结构", 2), ("试验", 1)):
        doc.add_heading(title, level=level)
        doc.add_paragraph(f"{title}的内容。")
    return saved(doc)


def plain_document() -> bytes:
    doc = Document()
    doc.add_paragraph("这是一封信，没有任何标题。")
    doc.add_paragraph("此致敬礼")
    return saved(doc)


def merged_table() -> bytes:
    """A table with a cell merged across two columns and one merged down two rows."""
    doc = Document()
    doc.add_heading("5 试验", level=1)
    table = doc.add_table(rows=3, cols=3)
    header = table.rows[0].cells
    header[0].text = "项目"
    header[1].merge(header[2]).text = "要求"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "壳体"
    for row, values in ((1, ("1.5 倍", "无泄漏")), (2, ("1.1 倍", "无渗漏"))):
        for column, value in enumerate(values, start=1):
            table.cell(row, column).text = value
    return saved(doc)


def libreoffice_framework(folder: Path) -> bytes:
    """An HTML page turned into DOCX by LibreOffice: a real word processor's own output."""
    page = folder / "framework.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body>"
        "<h1>1 范围</h1><p>本文件规定了球阀的要求。</p>"
        "<h1>4 要求</h1><h2>4.1 材料</h2><p>球体材料应符合表1。</p>"
        "<p>表1 球体材料</p>"
        "<table border='1'><tr><td>材料</td><td>硬度</td></tr>"
        "<tr><td>F316</td><td>HB 200</td></tr></table>"
        "<h2>4.2 结构</h2><p>注：结构长度见 GB/T 12221。</p>"
        "</body></html>",
        encoding="utf-8",
    )
    soffice = shutil.which("soffice") or "soffice"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder),
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "framework.docx").read_bytes()


FORM_HEADER = ("序号", "章条号", "意见", "理由", "修改建议", "提出单位")


def comment_sheet(rows: Sequence[Sequence[object]], header: Sequence[str] = FORM_HEADER) -> bytes:
    """An XLSX form: a title row, the header, then `rows`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["征求意见反馈表"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def comment_docx(rows: Sequence[Sequence[str]], header: Sequence[str] = FORM_HEADER) -> bytes:
    doc = Document()
    doc.add_paragraph("征求意见反馈表")
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    for row, values in zip(table.rows, [header, *rows], strict=False):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value
    return saved(doc)


def picked(form: bytes, choices: dict[int, tuple[str, str]]) -> bytes:
    """The blank form filled as Word fills it: row n's drop-down set to a clause, its comment
    typed into the next cell."""
    doc = Document(io.BytesIO(form))
    table = doc.tables[0]
    for row, (clause, comment) in choices.items():
        cells = table.rows[row].cells
        [text] = cells[1]._tc.iter(qn("w:t"))
        text.text = clause
        cells[2].paragraphs[0].add_run(comment)
    return saved(doc)


def with_content_types(data: bytes, old: str, new: str) -> bytes:
    """The same package with its [Content_Types].xml edited (to make a macro-enabled file)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(old.encode(), new.encode())
            target.writestr(item, content)
    return out.getvalue()
