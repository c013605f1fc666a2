"""征求意见汇总处理表: the comment resolution table on landscape A4, its header lines on every
page, the table's header row repeated, then the 说明 with the four unit counts and the totals."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm

from drafts.export.fixed_wording import DISPOSITIONS
from drafts.export.model import Draft
from drafts.export.ooxml import field
from drafts.export.packaging import save
from drafts.export.record_docs import grid, lines, record_document

HEADER = ["序号", "标准章条编号", "意见内容", "提出单位", "处理意见", "备注"]
WIDTHS = [Mm(w) for w in (12, 24, 110, 36, 55, 20)]  # the 257 mm of a landscape text line


def comment_rows(draft: Draft) -> list[list[str]]:
    """A row a comment: the clause number, the reason with the proposed wording, the unit, the
    disposition with its note."""
    rows = []
    for index, record in enumerate(draft.comments, start=1):
        content = record.reason
        if record.proposed:
            content += f"\n建议修改为：{record.proposed}"
        rows.append(
            [
                str(index),
                record.clause,
                content,
                record.unit,
                disposition_cell(record.disposition, record.note),
                "",
            ]
        )
    return rows


def disposition_cell(disposition: str | None, note: str | None) -> str:
    """`部分采纳：已在 4.2 补充` — the disposition with its reason."""
    word = DISPOSITIONS.get(disposition, str(disposition))
    return f"{word}：{note}" if note else word


def counts(draft: Draft) -> tuple[int, int, int, int]:
    """Units the draft went to (the working group), units that replied (a comment, or `/comment
    none`), units that replied with comments, units that did not reply."""
    sent = {unit.name for unit in draft.meta.working_group}
    commented = {record.unit for record in draft.comments}
    replied = commented | {record.unit for record in draft.replies}
    sent |= replied
    return len(sent), len(replied), len(commented), len(sent - replied)


def landscape_form(draft: Draft, title: str) -> DocxDocument:
    """A resolution table's page: landscape A4, the header lines on every page (标准项目名称,
    承办人, 电话, 日期, 共 页 第 页), the title."""
    doc = record_document(title, landscape=True)
    header = doc.sections[0].header
    first, second = header.paragraphs[0], header.add_paragraph()
    for paragraph in (first, second):
        paragraph.paragraph_format.tab_stops.clear_all()
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(257), WD_TAB_ALIGNMENT.RIGHT)
    first.add_run(
        f"标准项目名称：{draft.meta.title}\t承办人：\u3000\u3000\u3000\u3000电话：\u3000\u3000\u3000\u3000"
    )
    zone = ZoneInfo(draft.meta.timezone)
    second.add_run(f"日期：{draft.date.astimezone(zone):%Y-%m-%d}\t共 ")
    field(second, "NUMPAGES", "1")
    second.add_run(" 页\u3000第 ")
    field(second, "PAGE", "1")
    second.add_run(" 页")
    return doc


def totals_line(dispositions: list[str | None], what: str) -> str:
    """`共收到意见X条，其中采纳X条，部分采纳X条，未采纳X条。` (and those still open)."""
    taken = [str(d) for d in dispositions]
    return (
        f"共收到{what}{len(taken)}条，其中采纳{taken.count('accept')}条，"
        f"部分采纳{taken.count('partial')}条，未采纳{taken.count('reject')}条。"
        + (f"尚待处理{taken.count('None')}条。" if "None" in taken else "")
    )


def comment_table_docx(draft: Draft) -> bytes:
    doc = landscape_form(draft, "征求意见汇总处理表")
    rows = comment_rows(draft)
    grid(doc, HEADER, rows or [["", "", "（未收到意见）", "", "", ""]], WIDTHS)
    sent, replied, commented, silent = counts(draft)
    lines(
        doc,
        f"说明：①发送《征求意见稿》的单位数：{sent}个；②收到《征求意见稿》后，回函的单位数：{replied}个；"
        f"③收到《征求意见稿》后，回函并有建议或意见的单位数：{commented}个；④没有回函的单位数：{silent}个。",
        totals_line([record.disposition for record in draft.comments], "意见"),
    )
    return save(doc, draft.date)
