"""The Word files carry the styles they use and the project's own, not the 160-odd unused styles
of python-docx's template nor its stale copy of them for Word 2010 (drafts/export/packaging.py):
Word and LibreOffice read every style each time a file opens, which was most of the time
LibreOffice took to open a file of the package."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from drafts.export.formats import export
from drafts.export.packaging import new_document, save
from tests.standard_draft import write_standard

WHEN = datetime(2027, 3, 1, tzinfo=UTC)


def style_ids(data: bytes) -> set[str]:
    return {style.style_id for style in docx.Document(io.BytesIO(data)).styles}


def test_a_used_style_stays_with_what_it_is_based_on_continues_with_and_is_linked_to() -> None:
    doc = new_document()
    doc.add_paragraph("引言", style="Intense Quote")  # based on Normal, linked to its run style
    doc.add_paragraph("正文")
    ids = style_ids(save(doc, WHEN))
    assert {"IntenseQuote", "IntenseQuoteChar", "Normal"} <= ids
    assert {"Heading3", "Quote", "TableGrid", "Caption"}.isdisjoint(ids)  # unused: gone
    assert "ListBullet" in ids  # the numbering definitions name it
    # the defaults every file keeps: the paragraph font, the table, the list
    assert {"DefaultParagraphFont", "TableNormal", "NoList"} <= ids


def test_styles_used_in_a_header_or_a_table_stay() -> None:
    doc = new_document()
    doc.sections[0].header.paragraphs[0].style = doc.styles["Subtitle"]
    doc.add_table(rows=1, cols=1).style = doc.styles["Light Grid Accent 1"]
    ids = style_ids(save(doc, WHEN))
    assert {"Subtitle", "LightGrid-Accent1"} <= ids
    assert "LightList-Accent1" not in ids


def test_a_style_the_project_added_stays_unused() -> None:
    doc = new_document()
    doc.styles.add_style("标准文件_附录标识", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("正文")
    names = {style.name for style in docx.Document(io.BytesIO(save(doc, WHEN))).styles}
    assert "标准文件_附录标识" in names


def test_no_copy_of_the_styles_for_word_2010() -> None:
    with zipfile.ZipFile(io.BytesIO(save(new_document(), WHEN))) as archive:
        names = archive.namelist()
        relations = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert "word/stylesWithEffects.xml" not in names
    assert "stylesWithEffects" not in relations and "stylesWithEffects" not in types


def test_the_standard_keeps_its_styles_and_sheds_the_rest(tmp_path: Path) -> None:
    [(_, data)] = export(write_standard(tmp_path / "repo.git"), "consultation", "docx")
    document = docx.Document(io.BytesIO(data))
    names = {style.name for style in document.styles}
    assert {"Heading 1", "Heading 2", "标准文件_正文", "标准文件_注", "标准文件_终结线"} <= names
    assert len(names) < 60  # of the template's 164 and the project's own
    used = {p.style.name for p in document.paragraphs}
    assert used <= names
    body = document.element.body
    referenced = {e.get(qn("w:val")) for e in body.iter(qn("w:pStyle"))}
    assert referenced <= {style.style_id for style in document.styles}
