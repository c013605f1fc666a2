"""报批文件清单: the package's first document — every file of the approval package with what it
is, its formats and its pages (counted in its PDF, where LibreOffice made one)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Mm

from drafts.export.model import Draft
from drafts.export.packaging import save
from drafts.export.record_docs import grid, lines, record_document

TITLE = "报批文件清单"
HEADER = ["序号", "文件名称", "文件", "格式", "页数"]
WIDTHS = [Mm(w) for w in (12, 55, 58, 20, 20)]


@dataclass(frozen=True)
class Listed:
    name: str  # the file's name without its extension
    about: str
    formats: str  # DOCX、PDF
    pages: int | None  # None: not paged (a web page, the repository), or no PDF made


def file_list_docx(draft: Draft, files: list[Listed]) -> bytes:
    doc = record_document(f"《{draft.meta.title}》{TITLE}")
    lines(doc, f"标准项目：{draft.meta.code}")
    rows = [
        [str(n), item.about, item.name, item.formats, str(item.pages) if item.pages else "—"]
        for n, item in enumerate(files, start=1)
    ]
    grid(doc, HEADER, rows, WIDTHS)
    paged = [item.pages for item in files if item.pages]
    if paged:
        lines(doc, f"共{len(files)}份文件，{sum(paged)}页。")
    else:
        lines(doc, f"共{len(files)}份文件（未安装 LibreOffice，页数未计）。")
    return save(doc, draft.date)
