"""The Word file read back with python-docx: A4 and the margins, three sections numbered none /
Roman / Arabic, the number in the headers, the styles of the type table, the repeated table
header, Chinese as the language, and a 目次 whose page numbers point at the headings."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from drafts.export.formats import export
from tests.standard_draft import NUMBER, write_standard


def test_python_docx_reads_back_the_structure(tmp_path: Path) -> None:
    repo = write_standard(tmp_path / "repo.git")
    [(_, data)] = export(repo, "consultation", "docx")
    document = docx.Document(io.BytesIO(data))
    cover, front, body = document.sections
    for section in document.sections:
        sizes = (section.page_width, section.page_height, section.top_margin,
                 section.bottom_margin, section.left_margin, section.right_margin)  # fmt: skip
        assert [round(size.mm) for size in sizes] == [210, 297, 25, 20, 25, 20]
    formats = [
        (s._sectPr.find(qn("w:pgNumType")) is not None) and (
            s._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")),
            s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")),
        )
        for s in document.sections
    ]  # fmt: skip
    assert formats == [False, ("upperRoman", "1"), ("decimal", "1")]
    assert document.settings.odd_and_even_pages_header_footer
    assert [p.text for p in cover.header.paragraphs] in ([], [""])  # no header on the cover
    assert front.header.paragraphs[0].text == NUMBER
    assert front.even_page_header.paragraphs[0].text == NUMBER
    assert body.header.is_linked_to_previous  # the body keeps the number, numbered anew
    heading = document.styles["Heading 1"]
    assert heading.font.size == Pt(10.5) and heading.font.bold is False
    assert str(heading.font.color.rgb) == "000000"
    assert heading.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["4　要求"].style.name == "Heading 1"
    assert by_text["4.1　材料"].style.name == "Heading 2"
    body_text = by_text["壳体试验按附录A进行。"]
    assert body_text.style.name == "标准文件_正文"
    assert body_text.style.paragraph_format.first_line_indent == Pt(21)
    assert by_text["前\u3000\u3000言"].style.font.size == Pt(16)
    [table] = document.tables
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    languages = document.styles.element.findall(f".//{qn('w:lang')}")
    assert languages and all(lang.get(qn("w:val")) == "zh-CN" for lang in languages)
    # The 目次's page numbers are fields pointing at bookmarks on the headings.
    contents = [p for p in document.paragraphs if p.style.name == "toc 1"]
    assert len(contents) == 9 and "PAGEREF _Toc_c0002" in contents[2]._p.xml
    assert 'w:name="_Toc_c0002"' in by_text["1　范围"]._p.xml
