"""A table that runs onto the next page is continued there under `表N（续）` and a repeat of its
header row (GB/T 1.1): where the pages break is LibreOffice's layout, read by poppler.

Where LibreOffice is not installed these tests skip, saying so; under CI=true they must run."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from drafts.export.continuation import break_at
from drafts.export.formats import export
from drafts.meta import clause_path
from drafts.repository import DraftRepository
from tests.conftest import needs_libreoffice
from tests.standard_draft import LI, WHEN, write_standard

ROWS = 120  # three pages of a three-column table
LONG = "表：压力试验记录\n试验编号\t试验压力/MPa\t结果\n" + "\n".join(
    f"P-{n:03d}\t{1.5 + n / 100:.2f}\t合格" for n in range(1, ROWS + 1)
)


def _pages(pdf: bytes, folder: Path) -> list[str]:
    path = folder / "draft.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"[ \u3000]+", "", page) for page in text.split("\f")]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> DraftRepository:
    """The small standard with a 120-row table in annex A (表A.1) beside its short 表1."""
    repo = write_standard(tmp_path_factory.mktemp("long") / "repo.git")
    repo.commit(
        {clause_path("c0009"): "试验装置应包括压力源和压力表，记录见表A.1。\n" + LONG + "\n"},
        author=LI,
        message="#9 c0009\n",
        when=WHEN,
    )
    repo.tag("review", "stage review", WHEN)
    return repo


@needs_libreoffice
@pytest.mark.office
def test_a_long_table_is_continued_on_each_page_under_its_number(
    repo: DraftRepository, tmp_path: Path
) -> None:
    [(_, pdf)] = export(repo, "review", "pdf")
    pages = _pages(pdf, tmp_path)
    first = next(i for i, page in enumerate(pages) if "表A.1压力试验记录" in page)
    continued = [i for i, page in enumerate(pages) if "表A.1（续）" in page]
    assert continued == [first + 1, first + 2]  # a hundred and twenty rows take three pages
    for index in continued:  # the title, then the header row, atop the page's table
        lines = [line for line in pages[index].splitlines() if line.strip()]
        title = lines.index("表A.1（续）")
        assert lines[title + 1] == "试验编号试验压力/MPa结果"
    rows = [f"P-{n:03d}" for n in range(1, ROWS + 1)]  # every row once, in order, none lost
    found = re.findall(r"P-\d{3}", "".join(pages))
    assert found == rows
    assert not any("表1（续）" in page for page in pages)  # the short table fits on its page


@needs_libreoffice
@pytest.mark.office
def test_the_packaged_word_file_is_the_one_laid_out_for_its_pdf(repo: DraftRepository) -> None:
    """The package's DOCX carries the same continuation as its PDF: the table is split in the
    Word file, each part under its own title and header row."""
    [(_, package)] = export(repo, "review", "package")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("征求意见稿.docx")]
        document = docx.Document(io.BytesIO(archive.read(name)))
    body = document.element.body
    titles = [
        paragraph.text for paragraph in document.paragraphs if paragraph.text.startswith("表A.1")
    ]
    assert titles == ["表A.1\u3000压力试验记录", "表A.1（续）", "表A.1（续）"]
    parts = [table for table in document.tables if table.cell(0, 0).text == "试验编号"]
    assert len(parts) == 3
    assert sum(len(part.rows) - 1 for part in parts) == ROWS  # header rows aside, all rows once
    for part in parts[1:]:
        title = part._tbl.getprevious()
        assert title.getparent() is body
        assert docx.text.paragraph.Paragraph(title, None).paragraph_format.page_break_before


@pytest.mark.pure
@pytest.mark.parametrize(
    ("rows", "cut"),
    [
        ([], None),
        ([(0, 0)], None),  # a header alone
        ([(0, 0), (0, 0), (0, 0)], None),  # fits on its page
        ([(2, 2), (2, 2), (3, 3)], 2),  # from the first row on the next page
        ([(0, 0), (0, 0), (0, 1), (1, 1)], 2),  # a row split by the break goes over whole
        ([(0, 0), (1, 1), (1, 1)], 1),  # only the header fits: the whole table goes over
        ([(0, 1), (1, 1)], 1),  # a header broken itself: its first row is past its page
        ([(0, 0), (-1, -1), (1, 1)], 2),  # a row without content is never the cut
    ],
)
def test_a_table_is_cut_before_its_first_row_past_the_header_page(
    rows: list[tuple[int, int]], cut: int | None
) -> None:
    assert break_at(rows) == cut
