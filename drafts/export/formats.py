"""The export formats: Markdown, HTML, DOCX, the comment table, and the package."""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import markdown
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from drafts.export.model import Draft, load
from drafts.export.text import STAGE_NAMES, paragraphs
from drafts.export.writing import (
    COMMENT_HEADER,
    ballot_record,
    comment_rows,
    cover_lines,
    draft_markdown,
    explanatory_note,
    foreword,
    patent_register,
)
from drafts.repository import DraftRepository

FORMATS = ("md", "html", "docx", "comments", "package")
EAST_ASIAN_FONT = "宋体"
HEADING_FONT = "黑体"

File = tuple[str, bytes]


def export(repo: DraftRepository, ref: str, fmt: str) -> list[File]:
    """The files of one format, rebuilt from the repository at `ref`."""
    draft = load(repo, ref)
    base = file_base(draft)
    makers: dict[str, Callable[[], list[File]]] = {
        "md": lambda: [(f"{base}.md", draft_markdown(draft, toc=False).encode())],
        "html": lambda: [(f"{base}.html", draft_html(draft))],
        "docx": lambda: [(f"{base}.docx", draft_docx(draft))],
        "comments": lambda: [(f"{base}-征求意见汇总处理表.docx", comments_docx(draft))],
        "package": lambda: [(f"{base}-package.zip", package(repo, ref, draft))],
    }
    return makers[fmt]()


def file_base(draft: Draft) -> str:
    stage = STAGE_NAMES.get(draft.meta.stage, draft.meta.stage)
    return re.sub(r"[^\w.-]+", "_", f"{draft.meta.number or draft.meta.code}-{stage}").strip("_")


def draft_html(draft: Draft) -> bytes:
    body = markdown.markdown(
        draft_markdown(draft),
        extensions=["toc"],
        extension_configs={"toc": {"title": "", "slugify": _slug, "toc_depth": "2-6"}},
    )
    title = html.escape(f"{draft.meta.code} {draft.meta.title}")
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        "<style>body{font-family:'SimSun','Songti SC',serif;max-width:48em;margin:2em auto;"
        "line-height:1.7}h1{text-align:center}.toc ul{list-style:none}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _slug(value: str, separator: str) -> str:
    return re.sub(r"[^\w]+", separator, value).strip(separator).lower() or "section"


def draft_docx(draft: Draft) -> bytes:
    doc = _document()
    for index, line in enumerate(cover_lines(draft)):
        if line:
            paragraph = doc.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if index == 2:
                paragraph.runs[0].font.size = Pt(22)
                paragraph.runs[0].bold = True
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("目次", level=1)
    _toc_field(doc.add_paragraph())
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("前言", level=1)
    for line in foreword(draft):
        doc.add_paragraph(line)
    for section in draft.sections:
        if section.clause.number != "前言":
            doc.add_heading(section.heading, level=min(section.level, 9))
        for text in paragraphs(section.text):
            paragraph = doc.add_paragraph()
            for i, line in enumerate(text.split("\n")):
                if i:
                    paragraph.add_run().add_break()  # a line break inside the paragraph
                paragraph.add_run(line)  # python-docx writes text, never markup
    return _save(doc, draft.date)


def comments_docx(draft: Draft) -> bytes:
    doc = _document()
    doc.add_heading(f"{draft.meta.code}《{draft.meta.title}》征求意见汇总处理表", level=1)
    rows = comment_rows(draft)
    table = doc.add_table(rows=1 + len(rows), cols=len(COMMENT_HEADER))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [COMMENT_HEADER, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if not rows:
        doc.add_paragraph("（未收到意见）")
    return _save(doc, draft.date)


def package(repo: DraftRepository, ref: str, draft: Draft) -> bytes:
    base = file_base(draft)
    files: list[File] = [
        (f"{base}.md", draft_markdown(draft, toc=False).encode()),
        (f"{base}.html", draft_html(draft)),
        (f"{base}.docx", draft_docx(draft)),
        (f"{base}-征求意见汇总处理表.docx", comments_docx(draft)),
        ("投票记录.md", ballot_record(draft).encode()),
        ("专利许可承诺登记.md", patent_register(draft).encode()),
        ("编制说明.md", explanatory_note(draft).encode()),
        ("repository.bundle", _bundle(repo, ref)),
    ]
    return _zip(files, draft.date)


def _document() -> DocxDocument:
    doc = Document()
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        style = doc.styles[name]
        font = HEADING_FONT if name.startswith("Heading") else EAST_ASIAN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
    return doc


def _toc_field(paragraph: Paragraph) -> None:
    """A table of contents that Word fills in when the document is opened (or F9)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-3" \\h \\z \\u')
    paragraph._p.append(field)


def _save(doc: DocxDocument, when: datetime) -> bytes:
    core = doc.core_properties
    naive = when.replace(tzinfo=None)
    core.created = core.modified = core.last_printed = naive
    core.author = core.last_modified_by = "manuscript-bot"
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalize_zip(buffer.getvalue(), when)


def _normalize_zip(data: bytes, when: datetime) -> bytes:
    """python-docx stamps every zip entry with the current time; stamp them with the draft's date."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip([(info.filename, source.read(info)) for info in source.infolist()], when)


def _zip(files: list[File], when: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _bundle(repo: DraftRepository, ref: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "repository.bundle"
        refs = ["--all"] if ref == "refs/heads/main" else [ref]
        subprocess.run(
            [
                "git",
                "--git-dir",
                str(repo.path),
                "-c",
                "pack.threads=1",
                "bundle",
                "create",
                "-q",
                str(target),
                *refs,
            ],
            check=True,
            capture_output=True,
        )
        return target.read_bytes()
