"""The records of the collective review, built from the repository's meeting and opinion records:
the 审查会议纪要 (running text: the facts, the body and attendance, the materials, the discussion,
the vote with its numbers, the conclusion, the attachments), the 审查会签到表 (one row a person,
签名 left blank for a paper copy) and the 审查意见汇总处理表 (the comment table's form)."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from drafts.export.comment_table import disposition_cell, landscape_form, totals_line
from drafts.export.fixed_wording import CONCLUSIONS
from drafts.export.model import Draft
from drafts.export.packaging import save
from drafts.export.record_docs import day, grid, lines, record_document
from drafts.export.word_styles import BODY
from drafts.records import BallotRecord, MeetingRecord

ATTENDANCE_HEADER = ["序号", "姓名", "单位", "职务/职称", "签到时间", "签名"]
ATTENDANCE_WIDTHS = [Mm(w) for w in (12, 24, 52, 27, 28, 22)]  # the 165 mm of a portrait line
OPINION_HEADER = ["序号", "标准章条编号", "审查意见", "提出人（单位）", "处理意见", "备注"]
OPINION_WIDTHS = [Mm(w) for w in (12, 24, 110, 36, 55, 20)]
ATTACHMENTS = "附件：1. 审查会签到表\u30002. 审查意见汇总处理表"
RAISED_BY = "审查会议"


def minutes_docx(draft: Draft) -> bytes:
    meeting = _meeting(draft)
    zone = ZoneInfo(draft.meta.timezone)
    title = draft.meta.title
    doc = record_document(f"《{title}》（送审稿）审查会议纪要")
    when = _day(meeting.scheduled_at, zone)
    opening = (
        f"{when}，{draft.meta.alliance}在{meeting.place}召开《{title}》（送审稿）审查会，"
        f"会议由{meeting.convened_by}召集并主持。"
    )
    if meeting.urgent:
        opening += "本次会议为紧急会议，审查材料送达时间短于规定的提前期。"
    body, present = len(meeting.body), len(meeting.present)
    guests = [a for a in meeting.attendance if a.counts_for is None]
    attendance = (
        f"审查单位应到{body}个单位（人），实到{present}个"
        + (f"：{'、'.join(meeting.present)}" if present else "")
        + "。"
    )
    if guests:
        attendance += f"列席：{'、'.join(f'{a.name}（{a.affiliation}）' for a in guests)}。"
    paragraphs = [
        opening,
        attendance,
        "会议审查了《送审稿》、《编制说明》和《征求意见汇总处理表》。",
        *(f"{line.text}（{line.by}）" for line in meeting.minutes),
        _vote_sentence(draft, meeting),
    ]
    opinions = [o for o in draft.opinions if o.meeting == meeting.number]
    if opinions:
        paragraphs.append(f"会议提出审查意见{len(opinions)}条，见附件2。")
    if meeting.conclusion:
        conclusion = f"审查结论：{CONCLUSIONS.get(meeting.conclusion, meeting.conclusion)}。"
        if meeting.conclusion == "revise":
            conclusion += "起草组应按照所附审查意见对送审稿进行修改，形成报批稿后报批。"
        if meeting.conclusion_text:
            conclusion += _sentence(meeting.conclusion_text)
        paragraphs.append(conclusion)
    else:
        paragraphs.append("审查结论：（会议尚未作出结论）")
    lines(doc, *paragraphs)
    doc.add_paragraph("", style=BODY)
    lines(doc, ATTACHMENTS)
    for text in (draft.meta.alliance, _day(meeting.concluded_at or meeting.scheduled_at, zone)):
        signed = doc.add_paragraph(text, style=BODY)
        signed.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return save(doc, draft.date)


def _vote_sentence(draft: Draft, meeting: MeetingRecord) -> str:
    """`采用会议表决，同意 Y 票，不同意 N 票，弃权 A 票，同意票占出席代表的 Y/P，……`."""
    ballot = _ballot(draft, meeting)
    if ballot is None:
        return "会议未进行表决。"
    t = ballot.totals
    share = Fraction(t.yes, t.eligible) if t.eligible else Fraction(0)
    outcome = "通过" if ballot.outcome == "passed" else "未通过"
    if ballot.closed_at is None:
        outcome = "表决尚未结束"
    reaches = "不低于" if share >= Fraction(3, 4) else "低于"
    return (
        f"采用会议表决，同意{t.yes}票，不同意{t.no}票，弃权{t.abstain}票，"
        f"同意票占出席代表的{t.yes}/{t.eligible}，{reaches}四分之三，{outcome}"
        f"（表决{ballot.ballot}，出席单位{t.eligible}个，未投票{t.eligible - t.cast}个）。"
    )


def attendance_docx(draft: Draft) -> bytes:
    meeting = _meeting(draft)
    zone = ZoneInfo(draft.meta.timezone)
    doc = record_document(f"《{draft.meta.title}》审查会签到表")
    place = doc.add_paragraph(
        f"会议时间：{_day(meeting.scheduled_at, zone)} {day(meeting.scheduled_at, zone)[-5:]}"
        f"\u3000地点：{meeting.place}",
        style=BODY,
    )
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = [
        [str(index), a.name, a.affiliation, a.title, day(a.arrived_at, zone), ""]
        for index, a in enumerate(meeting.attendance, start=1)
    ]
    grid(doc, ATTENDANCE_HEADER, rows or [["", "（无人签到）", "", "", "", ""]], ATTENDANCE_WIDTHS)
    lines(doc, f"应到{len(meeting.body)}个单位（人），实到{len(meeting.present)}个。")
    return save(doc, draft.date)


def opinion_table_docx(draft: Draft) -> bytes:
    meeting = _meeting(draft)
    doc = landscape_form(draft, "审查意见汇总处理表")
    opinions = [o for o in draft.opinions if o.meeting == meeting.number]
    rows = [
        [
            str(index),
            o.clause,
            o.text + (f"\n建议修改为：{o.proposed}" if o.proposed else ""),
            RAISED_BY,
            disposition_cell(o.disposition, o.note),
            "",
        ]
        for index, o in enumerate(opinions, start=1)
    ]
    grid(doc, OPINION_HEADER, rows or [["", "", "（无审查意见）", "", "", ""]], OPINION_WIDTHS)
    lines(doc, totals_line([o.disposition for o in opinions], "审查意见"))
    return save(doc, draft.date)


def review_sentence(draft: Draft, meeting: MeetingRecord | None) -> str | None:
    """How a review meeting went, for the 编制说明's 工作过程 (which dates it); None for a
    meeting without a conclusion."""
    if meeting is None or meeting.conclusion is None:
        return None
    ballot = _ballot(draft, meeting)
    votes = ""
    if ballot is not None:
        t = ballot.totals
        votes = f"，会议表决同意{t.yes}票、不同意{t.no}票、弃权{t.abstain}票"
    return (
        f"召开送审稿审查会（{meeting.place}），"
        f"应到{len(meeting.body)}个单位，实到{len(meeting.present)}个{votes}，"
        f"审查结论：{CONCLUSIONS.get(meeting.conclusion, meeting.conclusion)}"
    )


def _meeting(draft: Draft) -> MeetingRecord:
    meeting = draft.meeting
    assert meeting is not None, "the review documents are made when a meeting was held"
    return meeting


def _ballot(draft: Draft, meeting: MeetingRecord) -> BallotRecord | None:
    return next((b for b in draft.ballots if b.ballot == meeting.ballot), None)


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", ".", "!", "?")) else f"{text}。"


def _day(stamp: str, zone: ZoneInfo) -> str:
    return f"{datetime.fromisoformat(stamp).astimezone(zone):%Y年%m月%d日}"
