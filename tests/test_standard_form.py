"""The exported standard has the form of a group standard, read by a third party: the DOCX is
converted by LibreOffice and the PDF read with poppler (pdfinfo, pdftotext), page by page.

Where LibreOffice is not installed these tests skip, saying so; under CI=true they must run."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafts.export.formats import export
from drafts.repository import DraftRepository
from tests.conftest import needs_libreoffice
from tests.standard_draft import NUMBER, publish, write_standard

pytestmark = needs_libreoffice
ROMAN = re.compile(r"[IVX]+")


@dataclass(frozen=True)
class Rendered:
    info: str  # what pdfinfo says
    pages: list[str]  # pdftotext -layout, page by page

    def folio(self, index: int) -> str:
        """The page number printed at the foot of a page (its last non-blank line)."""
        return self.pages[index].strip().splitlines()[-1].strip()

    def page_of(self, text: str, start: int = 0) -> int:
        """The first page from `start` with the text, however the layout spaced it."""
        return next(
            i for i in range(start, len(self.pages)) if _squeezed(text) in _squeezed(self.pages[i])
        )

    def opened_by(self, title: str) -> int:
        """The page whose text, after the header, begins with the title."""
        return next(i for i in range(1, len(self.pages)) if self.lines(i)[1] == title)

    def lines(self, index: int) -> list[str]:
        """A page's non-blank lines, squeezed."""
        return [_squeezed(line) for line in self.pages[index].splitlines() if line.strip()]


def _render(repo: DraftRepository, ref: str, folder: Path) -> Rendered:
    [(name, pdf)] = export(repo, ref, "pdf")
    assert name.endswith(".pdf")
    path = folder / name
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]
    pages = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        for n in range(1, count + 1)
    ]  # fmt: skip
    return Rendered(info.stdout, pages)


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Rendered, Rendered]]:
    """The consultation draft and the published standard, each rendered once."""
    folder = tmp_path_factory.mktemp("standard")
    repo = write_standard(folder / "repo.git")
    consultation = _render(repo, "consultation", folder)
    publish(repo)
    yield consultation, _render(repo, "published", folder)


def _squeezed(text: str) -> str:
    """The text without the spaces that spaced titles and layout put between characters."""
    return re.sub(r"[ \u3000]+", "", text)


def test_the_pages_are_a4(standard: tuple[Rendered, Rendered]) -> None:
    for rendered in standard:
        assert "Page size:       595.3" in rendered.info and "841.89 pts (A4)" in rendered.info


def test_page_one_is_the_cover_of_a_group_standard(standard: tuple[Rendered, Rendered]) -> None:
    draft, published = standard
    cover = _squeezed(draft.pages[0])
    for expected in (
        "ICS23.060.10", "CCSJ16", "T/CVA", "团体标准", "T/CVA012—2027", "代替T/CVA003—2019",
        "石油天然气工业用钢制闸阀", "Steelgatevalvesforthepetroleumandnaturalgasindustries",
        "（征求意见稿）", "（本稿完成日期：2026-11-20）",
        "在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。",
        "XXXX-XX-XX发布", "XXXX-XX-XX实施", "中国阀门产业标准联盟发布",
    ):  # fmt: skip
        assert expected in cover, expected
    lines = [line.strip() for line in draft.pages[0].splitlines() if line.strip()]
    assert not any(ROMAN.fullmatch(line) or line.isdigit() for line in lines)  # no page number
    assert lines[0].startswith("ICS")  # no header above the codes
    final = _squeezed(published.pages[0])
    assert "2027-01-10发布" in final and "2027-03-01实施" in final
    assert "稿" not in final and "请将您知道的相关专利" not in final  # no stage line


def test_the_contents_page_lists_every_part_with_the_page_it_is_on(
    standard: tuple[Rendered, Rendered],
) -> None:
    for rendered in standard:
        contents = rendered.pages[1]
        assert rendered.lines(1)[1] == "目次"
        listed = {}
        for line in contents.splitlines():
            if match := re.fullmatch(r"\s*(.+?)\s*\.{3,}\s*(\S+)\s*", line):
                listed[_squeezed(match[1])] = match[2]
        assert list(listed) == [
            "前言", "引言", "1范围", "2规范性引用文件", "3术语和定义", "4要求", "5试验方法",
            "附录A（规范性）闸阀压力试验方法", "参考文献",
        ]  # fmt: skip
        # Each number is the page's own folio, as printed at its foot.
        for label, title in (("前言", "前言"), ("引言", "引言"), ("参考文献", "参考文献")):
            assert listed[label] == rendered.folio(rendered.opened_by(title)), label
        annex = rendered.folio(rendered.opened_by("附录A"))
        assert listed["附录A（规范性）闸阀压力试验方法"] == annex
        assert listed["1范围"] == "1" and listed["5试验方法"] == rendered.folio(
            rendered.page_of("5　试验方法", start=rendered.opened_by("石油天然气工业用钢制闸阀"))
        )


def test_headers_carry_the_number_and_the_front_matter_is_numbered_in_roman(
    standard: tuple[Rendered, Rendered],
) -> None:
    for rendered in standard:
        body = rendered.opened_by("石油天然气工业用钢制闸阀")
        assert body >= 3
        for index, page in enumerate(rendered.pages[1:], start=1):
            assert page.strip().splitlines()[0].strip() == NUMBER  # the header
            folio = rendered.folio(index)
            if index < body:
                assert folio == ["I", "II", "III", "IV", "V"][index - 1]
            else:
                assert folio == str(index - body + 1)
        # The body's first page opens with the standard's name.
        assert rendered.lines(body)[1] == "石油天然气工业用钢制闸阀"


def test_front_matter_annexes_and_bibliography_open_new_pages(
    standard: tuple[Rendered, Rendered],
) -> None:
    draft, _ = standard
    for opening in ("前言", "引言", "附录A", "参考文献"):
        draft.opened_by(opening)  # a page begins with it, right after the header
    assert draft.lines(draft.opened_by("附录A"))[1:4] == ["附录A", "（规范性）", "闸阀压力试验方法"]


def test_the_table_title_stands_above_its_table(standard: tuple[Rendered, Rendered]) -> None:
    draft, _ = standard
    page = draft.lines(draft.page_of("表1　阀体材料力学性能"))
    title = page.index("表1阀体材料力学性能")
    header = next(i for i, line in enumerate(page) if "材料牌号" in line)
    assert title < header


def test_the_foreword_and_introduction_carry_the_fixed_sentences(
    standard: tuple[Rendered, Rendered],
) -> None:
    draft, _ = standard
    foreword = "".join(draft.lines(draft.opened_by("前言")))
    for expected in (
        "本文件按照GB/T1.1—2020《标准化工作导则第1部分：标准化文件的结构和起草规则》的规定起草。",
        "本文件代替T/CVA003—2019《钢制闸阀》，与T/CVA003—2019相比，除结构调整和编辑性改动外，"
        "主要技术变化如下：——增加了闸板硬度要求（见4.1）；——删除了铸铁闸阀。",
        "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
        "本文件由中国阀门产业标准联盟提出并归口。",
        "本文件起草单位：华东理工大学、朝达阀门有限公司。",  # the working group's order
        "本文件主要起草人：李伟、张敏。",  # in the order they began writing
    ):
        assert expected in foreword, expected
    introduction = "".join(draft.lines(draft.opened_by("引言")))
    for expected in (
        "可能涉及到4.1与一种闸阀密封结构相关的专利申请的使用。",
        "本文件的发布机构对于该专利申请的真实性、有效性和范围无任何立场。",
        "免费许可其专利申请的实施",
        "专利申请持有人姓名：朝达阀门有限公司",
        "请注意除上述专利外，本文件的某些内容仍可能涉及专利。",
    ):
        assert expected in introduction, expected
