"""The export formats: Markdown, HTML, DOCX, PDF (where LibreOffice is installed), the comment
table, and the package."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from drafts.export.html_page import draft_html
from drafts.export.markdown_source import draft_markdown
from drafts.export.model import Draft, load
from drafts.export.packaging import File, new_document, save, zip_files
from drafts.export.pdf import converter, docx_to_pdf
from drafts.export.text import STAGE_NAMES
from drafts.export.word import draft_docx
from drafts.export.writing import (
    COMMENT_HEADER,
    ballot_record,
    comment_rows,
    explanatory_note,
    patent_register,
)
from drafts.repository import DraftRepository

FORMATS = ("md", "html", "docx", "pdf", "comments", "package")


def export(repo: DraftRepository, ref: str, fmt: str) -> list[File]:
    """The files of one format, rebuilt from the repository at `ref`."""
    draft = load(repo, ref)
    base = file_base(draft)
    makers: dict[str, Callable[[], list[File]]] = {
        "md": lambda: [(f"{base}.md", draft_markdown(draft).encode())],
        "html": lambda: [(f"{base}.html", draft_html(draft))],
        "docx": lambda: [(f"{base}.docx", draft_docx(draft))],
        "pdf": lambda: [(f"{base}.pdf", docx_to_pdf(draft_docx(draft), draft.date))],
        "comments": lambda: [(f"{base}-征求意见汇总处理表.docx", comments_docx(draft))],
        "package": lambda: [(f"{base}-package.zip", package(repo, ref, draft))],
    }
    return makers[fmt]()


def file_base(draft: Draft) -> str:
    stage = STAGE_NAMES.get(draft.meta.stage, draft.meta.stage)
    return re.sub(r"[^\w.-]+", "_", f"{draft.meta.number or draft.meta.code}-{stage}").strip("_")


def comments_docx(draft: Draft) -> bytes:
    doc = new_document()
    doc.add_heading(f"{draft.meta.code}《{draft.meta.title}》征求意见汇总处理表", level=1)
    rows = comment_rows(draft)
    table = doc.add_table(rows=1 + len(rows), cols=len(COMMENT_HEADER))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [COMMENT_HEADER, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if not rows:
        doc.add_paragraph("（未收到意见）")
    return save(doc, draft.date)


def package(repo: DraftRepository, ref: str, draft: Draft) -> bytes:
    base = file_base(draft)
    docx = draft_docx(draft)
    pdf = [(f"{base}.pdf", docx_to_pdf(docx, draft.date))] if converter() else []
    files: list[File] = [
        (f"{base}.md", draft_markdown(draft).encode()),
        (f"{base}.html", draft_html(draft)),
        (f"{base}.docx", docx),
        *pdf,
        (f"{base}-征求意见汇总处理表.docx", comments_docx(draft)),
        ("投票记录.md", ballot_record(draft).encode()),
        ("专利许可承诺登记.md", patent_register(draft).encode()),
        ("编制说明.md", explanatory_note(draft).encode()),
        ("repository.bundle", _bundle(repo, ref)),
    ]
    return zip_files(files, draft.date)


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
