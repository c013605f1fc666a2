"""专利许可声明登记表: each unit's current declaration (declarant, date in the alliance's time
zone, essential patents or none, each patent, the licensing mode), flagged where it weakens an
earlier one or refuses, with the declarations it superseded beneath."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from docx.document import Document as DocxDocument
from docx.shared import Mm

from drafts.export.fixed_wording import MODE_NAMES
from drafts.export.model import Draft
from drafts.export.packaging import save
from drafts.export.record_docs import day, grid, heading, lines, record_document
from drafts.records import DeclarationRecord

PATENT_HEADER = ["专利号或申请号", "名称", "国家或地区", "状态", "涉及的章条"]
PATENT_WIDTHS = [Mm(w) for w in (38, 52, 22, 20, 33)]
STATUS = {"granted": "已授权", "pending": "申请中"}


def patent_register_docx(draft: Draft) -> bytes:
    doc = record_document("专利许可声明登记表")
    lines(doc, f"标准项目：{draft.meta.code}《{draft.meta.title}》")
    zone = ZoneInfo(draft.meta.timezone)
    if not draft.patents:
        lines(doc, "尚无单位作出专利许可声明。")
    for record in draft.patents:
        heading(doc, record.unit)
        _declaration(doc, record, zone)
        for older in draft.superseded.get(record.unit, []):
            lines(doc, "已被取代的声明：")
            _declaration(doc, older, zone)
    return save(doc, draft.date)


def _declaration(doc: DocxDocument, record: DeclarationRecord, zone: ZoneInfo) -> None:
    essential = "有" if record.essential_patents else "无已知必要专利"
    mode = MODE_NAMES.get(record.mode, str(record.mode))
    pool = f"（专利池：{record.pool}）" if record.pool else ""
    lines(
        doc,
        f"声明人：{record.declarant}；声明时间：{day(record.declared_at, zone)}",
        f"必要专利：{essential}；许可方式：{mode}{pool}",
    )
    if record.weakens_previous:
        lines(doc, "提示：本声明的许可条件弱于该单位此前的声明。")
    if record.mode == "refuse":
        lines(doc, "提示：该单位不同意按合理且无歧视的条件许可。")
    rows = [
        [p.number, p.title, p.jurisdiction, STATUS.get(p.status, "未说明"), "、".join(p.clauses)]
        for p in record.patents
    ]
    if rows:
        grid(doc, PATENT_HEADER, rows, PATENT_WIDTHS)
