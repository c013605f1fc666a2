"""投票记录: every ballot of the project — what was asked, the rule in Chinese with its thresholds
in numbers, the electorate, each unit's vote with who cast it and when, the result and why."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from docx.document import Document as DocxDocument
from docx.shared import Mm

from drafts.export.model import Draft
from drafts.export.packaging import save
from drafts.export.record_docs import day, grid, heading, lines, record_document
from drafts.export.text import (
    BASE_NAMES,
    CHOICES,
    COUNT_NAMES,
    KIND_NAMES,
    OUTCOMES,
    RULE_NAMES,
    STAGE_NAMES,
)

VOTE_HEADER = ["单位", "表决意见", "理由", "投票人", "投票时间"]
VOTE_WIDTHS = [Mm(w) for w in (40, 28, 50, 22, 25)]
_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def ballot_title(record: dict[str, Any]) -> str:
    kind = record.get("kind")
    if kind == "stage":
        stage = STAGE_NAMES.get(str(record.get("target_stage")), str(record.get("target_stage")))
        return f"阶段投票：是否进入「{stage}」阶段"
    if kind == "election":
        return "起草单位选举"
    return str(record.get("question") or KIND_NAMES.get(str(kind), ""))


def ballot_outcome(record: dict[str, Any]) -> str:
    """`通过`, `未通过`, or the unit elected."""
    if record.get("winner"):
        return f"{record['winner']}当选"
    return OUTCOMES.get(str(record.get("outcome")), str(record.get("outcome")))


def condition_line(condition: dict[str, Any]) -> str:
    """`同意 ≥ 2/3 × 参与投票的单位数：需 ≥4，实得 5，满足`."""
    count = COUNT_NAMES.get(condition["count"], condition["count"])
    sign = _SIGNS.get(condition["op"], condition["op"])
    base = BASE_NAMES.get(condition["base"], condition["base"])
    share = f"{condition['fraction']} × {base}" if base else condition["fraction"]
    limit = "≥" if condition["op"] in (">=", ">") else "≤"
    held = "满足" if condition["holds"] else "不满足"
    return (
        f"{count} {sign} {share}：需 {limit}{condition['bound']}，实得 {condition['value']}，{held}"
    )


def ballot_record_docx(draft: Draft) -> bytes:
    doc = record_document("投票记录")
    lines(doc, f"标准项目：{draft.meta.code}《{draft.meta.title}》")
    if not draft.ballots:
        lines(doc, "本项目尚无投票。")
    for record in draft.ballots:
        _ballot(doc, record, ZoneInfo(draft.meta.timezone))
    return save(doc, draft.date)


def _ballot(doc: DocxDocument, record: dict[str, Any], zone: ZoneInfo) -> None:
    heading(doc, f"{record['ballot']}\u3000{ballot_title(record)}")
    rule = str(record.get("rule", ""))
    closed = "到期自动结束" if record.get("closed_by") == "deadline" else "由主席提前结束"
    eligible = record.get("eligible") or []
    lines(
        doc,
        f"类型：{KIND_NAMES.get(str(record.get('kind')), '')}"
        + ("（无记名）" if record.get("secret") else ""),
        f"表决规则：{RULE_NAMES.get(rule, '自定义规则')}",
        *(f"——{condition_line(c)}" for c in _shown_conditions(record)),
        f"开始：{day(record.get('opened_at'), zone)}；截止：{day(record.get('closes_at'), zone) or '未设'}；"
        f"结束：{day(record.get('closed_at'), zone)}（{closed}）",
        f"有表决权单位（{len(eligible)}个）：{'、'.join(eligible) or '无'}",
    )
    totals = record.get("totals", {})
    if record.get("kind") == "election":
        votes = record.get("election", {})
        lines(
            doc,
            "候选单位得票：" + "；".join(f"{unit} {n}票" for unit, n in _most_first(votes)),
            f"参与投票：{totals.get('cast')}/{totals.get('eligible')}",
        )
    else:
        lines(
            doc,
            f"同意{totals.get('yes')}，不同意{totals.get('no')}，弃权{totals.get('abstain')}；"
            f"参与投票：{totals.get('cast')}/{totals.get('eligible')}",
        )
    outcome = ballot_outcome(record)
    failed = [condition_line(c) for c in _shown_conditions(record) if not c["holds"]]
    lines(doc, f"结果：{outcome}" + (f"。未满足：{'；'.join(failed)}" if failed else "。"))
    if record.get("secret"):
        lines(doc, "无记名投票：不记录各单位的表决意见。")
        return
    rows = [
        [
            str(vote["unit"]),
            CHOICES.get(vote["choice"], str(vote["choice"])),
            str(vote.get("comment") or ""),
            str(vote.get("cast_by") or ""),
            day(vote.get("cast_at"), zone),
        ]
        for vote in record.get("votes", [])
    ]
    if rows:
        grid(doc, VOTE_HEADER, rows, VOTE_WIDTHS)


def _shown_conditions(record: dict[str, Any]) -> list[dict[str, Any]]:
    """An election is won by the most votes: of its rule only the participation counts."""
    conditions: list[dict[str, Any]] = record.get("conditions", [])
    if record.get("kind") == "election":
        return [c for c in conditions if c["count"] == "P"]
    return conditions


def _most_first(votes: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(votes.items(), key=lambda item: -item[1])
