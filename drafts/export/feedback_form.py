"""征求意见反馈表: the blank form a unit fills in Word during consultation and sends back with
`/import comments`. Landscape A4: the standard's name and number, lines for the unit and its
contact, the table with the columns the import reads, each 章条编号 cell a drop-down list of the
draft's clauses, and the clauses listed below for word processors without drop-down lists."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Mm

from drafts.captions import GAP
from drafts.export.fixed_wording import STAGE_NAMES
from drafts.export.front_matter import document_number
from drafts.export.model import Draft
from drafts.export.ooxml import dropdown
from drafts.export.packaging import save
from drafts.export.record_docs import grid, lines, record_document
from drafts.importing.comment_forms import PICK_PROMPT
from drafts.numbering import is_annex, is_unnumbered

FORM_TITLE = "征求意见反馈表"
HEADER = ["序号", "章条编号", "意见内容", "理由", "修改建议", "提出单位"]
WIDTHS = [Mm(w) for w in (12, 28, 90, 55, 44, 28)]  # the 257 mm of a landscape text line
ROWS = 10
ROW_HEIGHT = Mm(9)
BLANK = "\u3000" * 8


def clause_choices(draft: Draft) -> list[str]:
    """Every clause by its number, as the import reads it: `4.1`, `附录A`, `前言`."""
    return [f"附录{s.number}" if is_annex(s.number) else s.number for s in draft.document.sections]


def feedback_form_docx(draft: Draft) -> bytes:
    doc = record_document(FORM_TITLE, landscape=True)
    stage = STAGE_NAMES.get(draft.meta.stage, draft.meta.stage)
    lines(
        doc,
        f"标准名称：《{draft.meta.title}》（{stage}）",
        f"标准编号：{document_number(draft)}",
        f"提出单位：{BLANK}\u3000联系人：{BLANK}\u3000电话：{BLANK}\u3000"
        f"电子邮箱：{BLANK}\u3000日期：{BLANK}",
    )
    rows = [[str(n), "", "", "", "", ""] for n in range(1, ROWS + 1)]
    table = grid(doc, HEADER, rows, WIDTHS)
    choices = clause_choices(draft)
    for row in table.rows[1:]:
        row.height, row.height_rule = ROW_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write
        dropdown(row.cells[1].paragraphs[0], choices, PICK_PROMPT)
    lines(
        doc,
        "填写说明：每行填写一条意见；章条编号从下拉列表中选择，或直接填写（如 4.1、附录A、A.1）；"
        "行数不够时可增加行。填好后将本文件发到项目群，说明文字写 /import comments；"
        "也可把表格连同表头复制到 Excel 的第一个工作表，保存为 .xlsx 后同样发送。",
        "本文件的章条："
        + "；".join(
            section.clause.title
            if is_unnumbered(section.number)
            else f"{choice}{GAP}{section.clause.title}"
            for choice, section in zip(choices, draft.document.sections, strict=True)
        )
        + "。",
    )
    return save(doc, draft.date)
