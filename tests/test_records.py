"""The repository's records as types (drafts/records.py): what the code before them wrote — the
JSON below was taken from the demo's repository as that code left it — still reads, field by
field, and writing it again gives the same fields plus the schema number; a later schema is
refused rather than misread."""

from __future__ import annotations

import json
from typing import Any

import pytest

from drafts.records import (
    SCHEMA,
    BallotRecord,
    CommentRecord,
    ConditionRecord,
    DeclarationRecord,
    PatentRecord,
    ReplyRecord,
    Totals,
    VoteRecord,
)

ELECTION = '{"ballot": "B1", "candidates": ["朝达阀门有限公司", "华东理工大学"], "closed_at": "2026-12-03T17:24:17+00:00", "closed_by": 10002, "closes_at": "2026-12-06T17:24:17+00:00", "conditions": [{"base": "E", "bound": 2, "count": "P", "fraction": "1/2", "holds": true, "op": ">", "value": 3}, {"base": "N", "bound": 1, "count": "Y", "fraction": "1", "holds": true, "op": ">", "value": 3}], "election": {"华东理工大学": 1, "朝达阀门有限公司": 2}, "eligible": ["朝达阀门有限公司", "华东理工大学", "上海阀门研究所"], "kind": "election", "opened_at": "2026-12-03T17:24:17+00:00", "outcome": "elected", "question": "", "rule": "majority", "secret": false, "target_stage": null, "totals": {"abstain": 0, "cast": 3, "eligible": 3, "no": 0, "yes": 3}, "votes": [{"cast_at": "2026-12-03T17:24:17+00:00", "cast_by": "李伟", "choice": "朝达阀门有限公司", "comment": null, "unit": "朝达阀门有限公司"}], "winner": "朝达阀门有限公司"}'
STAGE = '{"ballot": "B3", "candidates": [], "closed_at": "2026-12-05T15:25:17+00:00", "closed_by": "deadline", "closes_at": "2026-12-12T15:25:17+00:00", "conditions": [{"base": "P", "bound": 3, "count": "Y", "fraction": "3/4", "holds": false, "op": ">=", "value": 2}], "eligible": ["朝达阀门有限公司", "华东理工大学"], "kind": "stage", "opened_at": "2026-12-05T15:25:17+00:00", "outcome": "failed", "question": "", "rule": "three-quarters", "secret": false, "target_stage": "approval", "totals": {"abstain": 0, "cast": 3, "eligible": 3, "no": 1, "yes": 2}, "votes": [{"cast_at": "2026-12-05T15:25:17+00:00", "cast_by": "张敏", "choice": "no", "comment": "4.2 结构与尺寸缺少结构长度要求", "unit": "华东理工大学"}], "winner": null}'
SECRET = '{"ballot": "B5", "candidates": [], "closed_at": null, "closed_by": "deadline", "closes_at": null, "conditions": [], "eligible": [], "kind": "motion", "opened_at": "2026-12-05T15:25:17+00:00", "outcome": "passed", "question": "是否采用 GB/T 12221？", "rule": "majority", "secret": true, "target_stage": null, "totals": {"abstain": 0, "cast": 2, "eligible": 2, "no": 0, "yes": 2}, "winner": null}'
COMMENT = '{"clause": "1", "created_at": "2026-12-05T15:25:17+00:00", "disposition": "reject", "note": "DN700 以上另立标准", "number": "C2", "original": "本文件规定了石油天然气工业用钢制闸阀的要求。", "proposed": null, "reason": "适用范围应包括 DN700\\n理由：DN700 闸阀已在长输管线中使用", "resolved_at": "2026-12-05T15:25:17+00:00", "unit": "国家阀门质量检验检测中心"}'
OPEN_COMMENT = '{"clause": "4.1", "created_at": "2026-12-05T15:25:17+00:00", "disposition": null, "note": null, "number": "C1", "original": "", "proposed": "闸板密封面硬度应不低于 HB 250。", "reason": "未规定闸板材料的硬度要求", "resolved_at": null, "unit": "华东理工大学"}'
DECLARATION = '{"declarant": "李伟", "declared_at": "2026-12-05T15:25:17+00:00", "essential_patents": true, "mode": "free", "patents": [{"clauses": ["4.1"], "jurisdiction": "CN", "number": "ZL202110123456.7", "status": "granted", "title": "一种闸阀密封结构"}, {"clauses": [], "jurisdiction": "", "number": "ZL201910987654.3", "status": "", "title": ""}], "pool": null, "unit": "朝达阀门有限公司", "weakens_previous": false}'
NONE_KNOWN = '{"declarant": "张敏", "declared_at": "2026-12-05T15:25:17+00:00", "essential_patents": false, "mode": null, "patents": [], "pool": null, "unit": "华东理工大学", "weakens_previous": false}'
REPLY = '{"declarant": "孙磊", "replied_at": "2026-12-05T15:25:17+00:00", "unit": "上海阀门研究所"}'

KINDS: list[tuple[Any, str]] = [
    (BallotRecord, ELECTION),
    (BallotRecord, STAGE),
    (BallotRecord, SECRET),
    (CommentRecord, COMMENT),
    (CommentRecord, OPEN_COMMENT),
    (DeclarationRecord, DECLARATION),
    (DeclarationRecord, NONE_KNOWN),
    (ReplyRecord, REPLY),
]


@pytest.mark.parametrize(
    ("kind", "old"),
    KINDS,
    ids=[
        json.loads(t).get("ballot") or json.loads(t).get("number") or json.loads(t)["unit"]
        for _, t in KINDS
    ],
)
def test_a_record_the_earlier_code_wrote_is_written_again_with_the_same_fields(
    kind: Any, old: str
) -> None:
    record = kind.from_json(old)
    assert json.loads(record.to_json()) == json.loads(old) | {"schema": SCHEMA}
    assert kind.from_json(record.to_json()) == record


def test_the_fields_read_from_an_earlier_ballot() -> None:
    election = BallotRecord.from_json(ELECTION)
    assert election.closed_by == 10002 and election.winner == "朝达阀门有限公司"
    assert election.election == {"华东理工大学": 1, "朝达阀门有限公司": 2}
    assert election.totals == Totals(eligible=3, yes=3, no=0, abstain=0, cast=3)
    assert election.conditions[1] == ConditionRecord("Y", ">", "1", "N", 1, 3, True)
    assert election.votes == (
        VoteRecord(
            "朝达阀门有限公司", "朝达阀门有限公司", None, "李伟", "2026-12-03T17:24:17+00:00"
        ),
    )
    stage = BallotRecord.from_json(STAGE)
    assert (stage.kind, stage.target_stage, stage.closed_by, stage.outcome) == (
        "stage", "approval", "deadline", "failed",
    )  # fmt: skip
    secret = BallotRecord.from_json(SECRET)
    assert secret.votes is None and secret.election is None and secret.closes_at is None


def test_the_fields_read_from_earlier_comments_declarations_and_replies() -> None:
    comment = CommentRecord.from_json(COMMENT)
    assert (comment.number, comment.clause, comment.disposition, comment.proposed) == (
        "C2", "1", "reject", None,
    )  # fmt: skip
    assert comment.reason.endswith("已在长输管线中使用")
    assert CommentRecord.from_json(OPEN_COMMENT).resolved_at is None
    declaration = DeclarationRecord.from_json(DECLARATION)
    assert declaration.patents == (
        PatentRecord("ZL202110123456.7", "一种闸阀密封结构", "CN", ("4.1",), "granted"),
        PatentRecord("ZL201910987654.3", "", "", (), ""),
    )
    assert DeclarationRecord.from_json(NONE_KNOWN).mode is None
    assert ReplyRecord.from_json(REPLY) == ReplyRecord(
        "上海阀门研究所", "孙磊", "2026-12-05T15:25:17+00:00"
    )


def test_a_record_of_a_later_schema_is_refused() -> None:
    later = json.dumps(json.loads(REPLY) | {"schema": SCHEMA + 1})
    with pytest.raises(ValueError, match="later schema"):
        ReplyRecord.from_json(later)
