"""The records the repository keeps beside the text, as types: a comment and its disposition
(`comments/C0001.json`), a unit's reply without comments (`replies/u0001.json`), a ballot's
result (`ballots/B1.json`), a patent declaration (`patents/u0001.json`), and the collective
review: a meeting (`review/meetings/meeting-1.json`), a review opinion
(`review/opinions/O0001.json`), and the end of a project (`terminated.json`).

The services write them and the exports read them through these classes only, so a field renamed
on one side is a type error on the other, not an empty cell in a Word table. Each is stored as
JSON with a `schema` number; a record written before the number existed reads as schema 1, and
`from_json` takes what older writers left out as empty.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Self

SCHEMA = 1
MEETINGS = "review/meetings/"  # meeting-1.json …
OPINIONS = "review/opinions/"  # O0001.json …


def _text(fields: dict[str, Any], *absent_when_none: str) -> str:
    """The stored form: sorted keys, two-space indents, the schema number; the keys named in
    `absent_when_none` are left out while they hold nothing (as their first writers did)."""
    data = {k: v for k, v in fields.items() if not (k in absent_when_none and v is None)}
    data["schema"] = SCHEMA
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _load(text: str) -> dict[str, Any]:
    data = json.loads(text or "{}")
    if not isinstance(data, dict):
        raise ValueError("a record is a JSON object")
    if int(data.pop("schema", SCHEMA)) > SCHEMA:
        raise ValueError(f"a record of a later schema than {SCHEMA}: update manuscript-bot")
    return data


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


class _Stored:
    """A record written as it is, field by field (dataclasses only)."""

    def to_json(self) -> str:
        return _text(asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class CommentRecord(_Stored):
    number: str  # C1
    clause: str
    original: str | None
    proposed: str | None
    reason: str
    unit: str
    created_at: str  # ISO 8601 with its offset, as every time in a record
    disposition: str | None = None  # accept | partial | reject
    note: str | None = None
    resolved_at: str | None = None

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(
            str(d.get("number", "")),
            str(d.get("clause", "")),
            _optional(d.get("original")),
            _optional(d.get("proposed")),
            str(d.get("reason") or ""),
            str(d.get("unit", "")),
            str(d.get("created_at", "")),
            _optional(d.get("disposition")),
            _optional(d.get("note")),
            _optional(d.get("resolved_at")),
        )


@dataclass(frozen=True)
class ReplyRecord(_Stored):
    """`/comment none`: a unit replied to the consultation without comments."""

    unit: str
    declarant: str
    replied_at: str

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(
            str(d.get("unit", "")), str(d.get("declarant", "")), str(d.get("replied_at", ""))
        )


@dataclass(frozen=True)
class PatentRecord:
    number: str
    title: str
    jurisdiction: str
    clauses: tuple[str, ...]
    status: str  # granted | pending

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(
            str(d.get("number", "")),
            str(d.get("title") or ""),
            str(d.get("jurisdiction") or ""),
            tuple(str(c) for c in d.get("clauses") or ()),
            str(d.get("status") or ""),
        )


@dataclass(frozen=True)
class DeclarationRecord(_Stored):
    """A unit's patent licensing commitment; a later one supersedes it (the history keeps it)."""

    unit: str
    declarant: str
    declared_at: str
    essential_patents: bool
    mode: str | None  # free | rand | pool | refuse; None: no essential patents known
    pool: str | None
    weakens_previous: bool
    patents: tuple[PatentRecord, ...] = ()

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(
            str(d.get("unit", "")),
            str(d.get("declarant", "")),
            str(d.get("declared_at", "")),
            bool(d.get("essential_patents")),
            _optional(d.get("mode")),
            _optional(d.get("pool")),
            bool(d.get("weakens_previous")),
            tuple(PatentRecord.from_data(p) for p in d.get("patents") or ()),
        )


@dataclass(frozen=True)
class Totals:
    eligible: int
    yes: int
    no: int
    abstain: int
    cast: int


@dataclass(frozen=True)
class ConditionRecord:
    """One threshold of the ballot's rule, with its numbers (bot/domain/voting.py)."""

    count: str  # Y, N, A, P or Y+N
    op: str  # >=, >, <=, <
    fraction: str  # 3/4
    base: str  # E, P, Y+N, or empty for an absolute count
    bound: int
    value: int
    holds: bool

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(
            str(d["count"]), str(d["op"]), str(d["fraction"]), str(d.get("base") or ""),
            int(d.get("bound", 0)), int(d.get("value", 0)), bool(d.get("holds")),
        )  # fmt: skip


@dataclass(frozen=True)
class VoteRecord:
    unit: str
    choice: str  # yes | no | abstain, or the candidate unit's name
    comment: str | None
    cast_by: str
    cast_at: str

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(
            str(d.get("unit", "")),
            str(d.get("choice", "")),
            _optional(d.get("comment")),
            str(d.get("cast_by") or ""),
            str(d.get("cast_at", "")),
        )


@dataclass(frozen=True)
class BallotRecord:
    ballot: str  # B1
    kind: str  # motion | stage | election
    question: str | None
    target_stage: str | None
    rule: str
    secret: bool
    opened_at: str
    closes_at: str | None
    closed_at: str | None
    closed_by: str | int  # "deadline", or the id of the person who closed it
    eligible: tuple[str, ...]
    candidates: tuple[str, ...]
    totals: Totals
    conditions: tuple[ConditionRecord, ...]
    outcome: str | None
    winner: str | None
    election: dict[str, int] | None = None  # an election's votes per candidate
    votes: tuple[VoteRecord, ...] | None = None  # each unit's vote; None for a secret ballot

    def to_json(self) -> str:
        return _text(asdict(self), "election", "votes")

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        totals = d.get("totals") or {}
        election = d.get("election")
        votes = d.get("votes")
        closed_by = d.get("closed_by", "deadline")
        return cls(
            str(d.get("ballot", "")),
            str(d.get("kind", "")),
            _optional(d.get("question")),
            _optional(d.get("target_stage")),
            str(d.get("rule", "")),
            bool(d.get("secret")),
            str(d.get("opened_at", "")),
            _optional(d.get("closes_at")),
            _optional(d.get("closed_at")),
            closed_by if isinstance(closed_by, int) else str(closed_by),
            tuple(str(u) for u in d.get("eligible") or ()),
            tuple(str(u) for u in d.get("candidates") or ()),
            Totals(*(int(totals.get(k, 0)) for k in ("eligible", "yes", "no", "abstain", "cast"))),
            tuple(ConditionRecord.from_data(c) for c in d.get("conditions") or ()),
            _optional(d.get("outcome")),
            _optional(d.get("winner")),
            {str(k): int(v) for k, v in election.items()} if isinstance(election, dict) else None,
            tuple(VoteRecord.from_data(v) for v in votes) if isinstance(votes, list) else None,
        )


@dataclass(frozen=True)
class ReplyToNotice:
    """A reviewing unit's answer to the meeting's notice: attend (参加) or excused (请假)."""

    unit: str
    answer: str  # attend | excused
    by: str
    at: str

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(str(d.get("unit", "")), str(d.get("answer", "")), str(d.get("by", "")),
                   str(d.get("at", "")))  # fmt: skip


@dataclass(frozen=True)
class AttendeeRecord:
    """A person present: `checkin` by the button, `recorded` by the secretary (/attend)."""

    name: str
    affiliation: str
    title: str
    arrived_at: str
    how: str  # checkin | recorded
    counts_for: str | None  # the reviewing unit this person makes present, if any

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(
            str(d.get("name", "")), str(d.get("affiliation", "")), str(d.get("title") or ""),
            str(d.get("arrived_at", "")), str(d.get("how", "")), _optional(d.get("counts_for")),
        )  # fmt: skip


@dataclass(frozen=True)
class MinuteRecord:
    text: str
    by: str  # the person, with their unit: `Li Wei（华东理工大学）`
    at: str

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(str(d.get("text", "")), str(d.get("by", "")), str(d.get("at", "")))


@dataclass(frozen=True)
class MeetingRecord:
    """A review meeting (`review/meetings/meeting-1.json`), rewritten whole at each of its
    steps: what the 审查会议纪要 and the 签到表 are built from."""

    number: int
    status: str  # scheduled | voting | concluded | cancelled
    scheduled_at: str
    place: str
    urgent: bool
    convened_by: str
    convened_at: str
    body: tuple[str, ...]  # the reviewing units (应到)
    replies: tuple[ReplyToNotice, ...]
    attendance: tuple[AttendeeRecord, ...]
    ballot: str | None  # B3: the meeting's vote (its record is ballots/B3.json)
    conclusion: str | None  # pass | revise | fail
    conclusion_text: str | None
    concluded_at: str | None
    minutes: tuple[MinuteRecord, ...]

    def to_json(self) -> str:
        return _text(asdict(self))

    @property
    def present(self) -> tuple[str, ...]:
        """The reviewing units present (实到), in the body's order."""
        counted = {a.counts_for for a in self.attendance}
        return tuple(unit for unit in self.body if unit in counted)

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(
            int(d.get("number", 0)),
            str(d.get("status", "")),
            str(d.get("scheduled_at", "")),
            str(d.get("place", "")),
            bool(d.get("urgent")),
            str(d.get("convened_by", "")),
            str(d.get("convened_at", "")),
            tuple(str(u) for u in d.get("body") or ()),
            tuple(ReplyToNotice.from_data(r) for r in d.get("replies") or ()),
            tuple(AttendeeRecord.from_data(a) for a in d.get("attendance") or ()),
            _optional(d.get("ballot")),
            _optional(d.get("conclusion")),
            _optional(d.get("conclusion_text")),
            _optional(d.get("concluded_at")),
            tuple(MinuteRecord.from_data(m) for m in d.get("minutes") or ()),
        )


@dataclass(frozen=True)
class OpinionRecord(_Stored):
    """A review opinion (`review/opinions/O0001.json`) and its disposition: a row of the
    审查意见汇总处理表."""

    number: str  # O1
    meeting: int
    clause: str
    text: str
    proposed: str | None
    recorded_by: str
    created_at: str
    disposition: str | None = None  # accept | partial | reject
    note: str | None = None
    resolved_at: str | None = None

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(
            str(d.get("number", "")),
            int(d.get("meeting", 0)),
            str(d.get("clause", "")),
            str(d.get("text") or ""),
            _optional(d.get("proposed")),
            str(d.get("recorded_by", "")),
            str(d.get("created_at", "")),
            _optional(d.get("disposition")),
            _optional(d.get("note")),
            _optional(d.get("resolved_at")),
        )


@dataclass(frozen=True)
class TerminationRecord(_Stored):
    """`/terminate`: the project ended before publication (`terminated.json`)."""

    stage: str
    reason: str
    by: str
    at: str

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = _load(text)
        return cls(str(d.get("stage", "")), str(d.get("reason", "")), str(d.get("by", "")),
                   str(d.get("at", "")))  # fmt: skip
