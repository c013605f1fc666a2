"""投票记录: every ballot of the project — what was asked, the rule in Chinese with its thresholds
in numbers, the electorate, each unit's vote with who cast it and when, the result and why."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from docx.document import Document as DocxDocument
from docx.shared import Mm

from drafts.export.fixed_wording import (
    BASE_NAMES,
    CHOICES,
    COUNT_NAMES,
    KIND_NAMES,
    OUTCOMES,
    RULE_NAMES,
    STAGE_NAMES,
)
from drafts.export.model import Draft
from drafts.export.packaging import save
from drafts.export.record_docs import day, grid, heading, lines, record_document
from drafts.records import BallotRecord, ConditionRecord

VOTE_HEADER = ["单位", "表决意见", "理由", "投票人", "投票时间"]
VOTE_WIDTHS = [Mm(w) for w in (40, 28, 50, 22, 25)]
_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def ballot_title(record: BallotRecord) -> str:
    if record.kind == "stage" and record.target_stage == "approval":
        return "函审：送审稿是否通过审查、进入「报批稿」阶段"
    if record.kind == "stage":
        stage = STAGE_NAMES.get(str(record.target_stage), str(record.target_stage))
        return f"阶段投票：是否进入「{stage}」阶段"
    if record.kind == "meeting":
        return "审查会议表决：送审稿是否通过审查"
    if record.kind == "election":
        return "起草单位选举"
    return record.question or KIND_NAMES.get(record.kind, "")


def ballot_outcome(record: BallotRecord) -> str:
    """`通过`, `未通过`, or the unit elected."""
    if record.winner:
        return f"{record.winner}当选"
    return OUTCOMES.get(str(record.outcome), str(record.outcome))


def condition_line(condition: ConditionRecord) -> str:
    """`同意 ≥ 2/3 × 参与投票的单位数：需 ≥4，实得 5，满足`."""
    count = COUNT_NAMES.get(condition.count, condition.count)
    sign = _SIGNS.get(condition.op, condition.op)
    base = BASE_NAMES.get(condition.base, condition.base)
    share = f"{condition.fraction} × {base}" if base else condition.fraction
    limit = "≥" if condition.op in (">=", ">") else "≤"
    held = "满足" if condition.holds else "不满足"
    return f"{count} {sign} {share}：需 {limit}{condition.bound}，实得 {condition.value}，{held}"


def ballot_record_docx(draft: Draft) -> bytes:
    doc = record_document("投票记录")
    lines(doc, f"标准项目：{draft.meta.code}《{draft.meta.title}》")
    if not draft.ballots:
        lines(doc, "本项目尚无投票。")
    for record in draft.ballots:
        _ballot(doc, record, ZoneInfo(draft.meta.timezone))
    return save(doc, draft.date)


def _ballot(doc: DocxDocument, record: BallotRecord, zone: ZoneInfo) -> None:
    heading(doc, f"{record.ballot}\u3000{ballot_title(record)}")
    closed = "到期自动结束" if record.closed_by == "deadline" else "由主席提前结束"
    eligible = record.eligible
    lines(
        doc,
        f"类型：{KIND_NAMES.get(record.kind, '')}" + ("（无记名）" if record.secret else ""),
        f"表决规则：{RULE_NAMES.get(record.rule, '自定义规则')}",
        *(f"——{condition_line(c)}" for c in _shown_conditions(record)),
        f"开始：{day(record.opened_at, zone)}；截止：{day(record.closes_at, zone) or '未设'}；"
        f"结束：{day(record.closed_at, zone)}（{closed}）",
        f"有表决权单位（{len(eligible)}个）：{'、'.join(eligible) or '无'}",
    )
    totals = record.totals
    if record.kind == "election":
        lines(
            doc,
            "候选单位得票："
            + "；".join(f"{unit} {n}票" for unit, n in _most_first(record.election or {})),
            f"参与投票：{totals.cast}/{totals.eligible}",
        )
    else:
        lines(
            doc,
            f"同意{totals.yes}，不同意{totals.no}，弃权{totals.abstain}；"
            f"参与投票：{totals.cast}/{totals.eligible}",
        )
    outcome = ballot_outcome(record)
    failed = [condition_line(c) for c in _shown_conditions(record) if not c.holds]
    lines(doc, f"结果：{outcome}" + (f"。未满足：{'；'.join(failed)}" if failed else "。"))
    if record.secret:
        lines(doc, "无记名投票：不记录各单位的表决意见。")
        return
    rows = [
        [
            vote.unit,
            CHOICES.get(vote.choice, vote.choice),
            vote.comment or "",
            vote.cast_by,
            day(vote.cast_at, zone),
        ]
        for vote in record.votes or ()
    ]
    if rows:
        grid(doc, VOTE_HEADER, rows, VOTE_WIDTHS)


def _shown_conditions(record: BallotRecord) -> tuple[ConditionRecord, ...]:
    """An election is won by the most votes: of its rule only the participation counts."""
    if record.kind == "election":
        return tuple(c for c in record.conditions if c.count == "P")
    return record.conditions


def _most_first(votes: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(votes.items(), key=lambda item: -item[1])
