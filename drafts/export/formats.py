"""The export formats: Markdown, HTML, DOCX, PDF (where LibreOffice is installed), the comment
table, the blank comment form, and the package — the standard with the approval documents, each
a DOCX (and its PDF), a 目录 of the files and a git bundle of the repository
(docs/approval-package.md)."""

from __future__ import annotations

import itertools
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from drafts.export.ballot_record import ballot_record_docx
from drafts.export.change_table import change_table_docx
from drafts.export.comment_table import comment_table_docx
from drafts.export.continuation import paginated
from drafts.export.explanatory_note import explanatory_note_docx
from drafts.export.feedback_form import FORM_TITLE, feedback_form_docx
from drafts.export.file_list import TITLE, Listed, file_list_docx
from drafts.export.fixed_wording import STAGE_NAMES
from drafts.export.html_page import draft_html
from drafts.export.markdown_source import draft_markdown
from drafts.export.model import Draft, load
from drafts.export.packaging import File, zip_files
from drafts.export.patent_register import patent_register_docx
from drafts.export.pdf import converter, docx_to_pdf, pdf_pages
from drafts.export.redline import redline_docx
from drafts.export.review_docs import attendance_docx, minutes_docx, opinion_table_docx
from drafts.export.word import draft_docx
from drafts.repository import DraftRepository
from drafts.vocabulary import Stage, latest_tag

FORMATS = ("md", "html", "docx", "pdf", "comments", "form", "redline", "package")
BUNDLE = "版本库.bundle"
AFTER_REVIEW = frozenset({Stage.APPROVAL, Stage.PUBLISHED})
MANIFEST = "目录.txt"
# The approval documents: the name after the standard's, what the 目录 says of it, the writer.
RECORDS: tuple[tuple[str, str, Callable[[Draft], bytes]], ...] = (
    ("征求意见汇总处理表", "征求意见汇总处理表", comment_table_docx),
    ("编制说明", "编制说明", explanatory_note_docx),
    ("投票记录", "投票记录（各次投票的规则、票数、各单位意见与结果）", ballot_record_docx),
    ("专利许可声明登记表", "专利许可声明登记表", patent_register_docx),
)
# A review held as a meeting adds its records (a review by correspondence is in the 投票记录).
MEETING_RECORDS: tuple[tuple[str, str, Callable[[Draft], bytes]], ...] = (
    ("审查会议纪要", "审查会议纪要", minutes_docx),
    ("审查会签到表", "审查会签到表", attendance_docx),
    ("审查意见汇总处理表", "审查意见汇总处理表", opinion_table_docx),
)


def export(repo: DraftRepository, ref: str, fmt: str, since: str | None = None) -> list[File]:
    """The files of one format, rebuilt from the repository at `ref`; a redline shows the
    changes `since` a ref (default: the last stage tag whose text differs)."""
    draft = load(repo, ref)
    base = file_base(draft)
    makers: dict[str, Callable[[], list[File]]] = {
        "redline": lambda: revision_files(repo, since or stage_before(repo, ref) or ref, ref),
        "md": lambda: [(f"{base}.md", draft_markdown(draft).encode())],
        "html": lambda: [(f"{base}.html", draft_html(draft))],
        "docx": lambda: [(f"{base}.docx", draft_docx(draft))],
        "pdf": lambda: [(f"{base}.pdf", paginated([draft_docx(draft)], draft.date)[1][0])],
        "comments": lambda: [(f"{base}-征求意见汇总处理表.docx", comment_table_docx(draft))],
        "form": lambda: [(f"{base}-{FORM_TITLE}.docx", feedback_form_docx(draft))],
        "package": lambda: [(f"{base}-package.zip", package(repo, ref, draft))],
    }
    return makers[fmt]()


def review_materials(repo: DraftRepository, ref: str) -> list[File]:
    """What a review meeting's notice carries: the 送审稿 at `ref` (DOCX, and PDF where LibreOffice
    is installed), the 编制说明 and the 征求意见汇总处理表."""
    draft = load(repo, ref)
    base = file_base(draft)
    files = [(f"{base}.docx", draft_docx(draft))]
    if converter():  # the Word file as laid out for its PDF: long tables continued
        [[standard], [pdf]] = paginated([files[0][1]], draft.date)
        files = [(f"{base}.docx", standard), (f"{base}.pdf", pdf)]
    return [
        *files,
        (f"{base}-编制说明.docx", explanatory_note_docx(draft)),
        (f"{base}-征求意见汇总处理表.docx", comment_table_docx(draft)),
    ]


def revision_files(repo: DraftRepository, since: str, ref: str) -> list[File]:
    """The 修订稿 (`since` → `ref`, tracked changes) and its 条文修改对照表."""
    base = file_base(load(repo, ref))
    return [
        (f"{base}-修订稿-自{since}.docx", redline_docx(repo, since, ref)),
        (f"{base}-条文修改对照表-自{since}.docx", change_table_docx(repo, since, ref)),
    ]


STAGE_TAG = re.compile(r"(?:working|consultation|review|approval|published)(?:-\d+)?")


def stage_before(repo: DraftRepository, ref: str) -> str | None:
    """The latest stage tag before `ref` whose text differs from it."""
    target = repo.resolve(ref)
    earlier = [
        tag
        for tag in repo.tags()
        if STAGE_TAG.fullmatch(tag) and repo.is_ancestor(tag, ref) and repo.resolve(tag) != target
    ]
    return earlier[-1] if earlier else None


def file_base(draft: Draft) -> str:
    stage = STAGE_NAMES.get(draft.meta.stage, draft.meta.stage)
    name = re.sub(r"[^\w.-]+", "_", f"{draft.meta.number or draft.meta.code}-{stage}")
    return name.strip("_").lstrip(".-") or "draft"  # never a hidden file: `...` is no name


def package(repo: DraftRepository, ref: str, draft: Draft) -> bytes:
    base = file_base(draft)
    documents: list[tuple[str, str, bytes]] = [
        (f"{base}.docx", "标准文本（Word，母版）", draft_docx(draft))
    ]
    review = latest_tag(Stage.REVIEW, repo.tags())
    if review is not None and draft.meta.stage in AFTER_REVIEW:  # the text the review saw
        reviewed = load(repo, review)
        documents.append(
            (
                f"{file_base(reviewed)}.docx",
                f"送审稿（审查的文本，标签 {review}）",
                draft_docx(reviewed),
            )
        )
    for since, until in _revisions(repo):  # 征求意见稿→送审稿, 送审稿→报批稿
        (redline, redline_file), (table, table_file) = revision_files(repo, since, until)
        documents.append((redline, f"修订稿（{since}→{until}，修改处为修订标记）", redline_file))
        documents.append((table, f"条文修改对照表（{since}→{until}）", table_file))
    records = RECORDS + (MEETING_RECORDS if draft.meeting is not None else ())
    documents += [(f"{base}-{name}.docx", about, write(draft)) for name, about, write in records]
    pdfs: list[bytes] = []
    if converter():  # the Word files as laid out for their PDFs: long tables continued
        contents, pdfs = paginated([content for _, _, content in documents], draft.date)
        documents = [(n, about, c) for (n, about, _), c in zip(documents, contents, strict=True)]
    others = [
        (f"{base}.html", "标准文本（网页，可打印为 A4）", draft_html(draft)),
        (f"{base}.md", "标准文本（纯文本源，供阅读和比对）", draft_markdown(draft).encode()),
        (BUNDLE, "起草版本库（git 包，含全部修改历史）", _bundle(repo, ref)),
    ]
    counted: list[int | None] = [pdf_pages(pdf) for pdf in pdfs] or [None] * len(documents)
    entries = [
        Listed(name.removesuffix(".docx"), about, "DOCX、PDF" if pdfs else "DOCX", pages)
        for (name, about, _), pages in zip(documents, counted, strict=True)
    ] + [
        Listed(name.rsplit(".", 1)[0], about, name.rsplit(".", 1)[-1].upper(), None)
        for name, about, _ in others
    ]
    listing, listing_pdf = _file_list(draft, entries, with_pdf=bool(pdfs))
    files: list[tuple[str, str, bytes]] = [(f"{base}-{TITLE}.docx", TITLE, listing), *documents]
    if listing_pdf is not None:
        files.append((f"{base}-{TITLE}.pdf", f"{TITLE}（PDF）", listing_pdf))
    files += [
        (name.removesuffix(".docx") + ".pdf", f"{about}（PDF）", pdf)
        for (name, about, _), pdf in zip(documents, pdfs, strict=False)
    ]
    files += others
    manifest = "\n".join(
        [f"{draft.meta.code}《{draft.meta.title}》报批材料目录", ""]
        + [f"{name}\u3000{about}" for name, about, _ in files]
    )
    listed: list[File] = [(MANIFEST, (manifest + "\n").encode()), *((n, c) for n, _, c in files)]
    return zip_files(listed, draft.date)


def _file_list(
    draft: Draft, entries: list[Listed], *, with_pdf: bool
) -> tuple[bytes, bytes | None]:
    """The list, first in it itself: its own pages known once it is laid out (one, unless the
    package is long)."""
    pages = 1 if with_pdf else None
    while True:
        own = Listed(
            f"{file_base(draft)}-{TITLE}", TITLE, "DOCX、PDF" if with_pdf else "DOCX", pages
        )
        listing = file_list_docx(draft, [own, *entries])
        if not with_pdf:
            return listing, None
        pdf = docx_to_pdf(listing, draft.date)
        if pdf_pages(pdf) == pages:
            return listing, pdf
        pages = pdf_pages(pdf)


def _revisions(repo: DraftRepository) -> list[tuple[str, str]]:
    tags = repo.tags()
    stages = [
        latest_tag(stage, tags) for stage in (Stage.CONSULTATION, Stage.REVIEW, Stage.APPROVAL)
    ]
    return [
        (since, until)
        for since, until in itertools.pairwise(stages)
        if since is not None and until is not None
    ]


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
