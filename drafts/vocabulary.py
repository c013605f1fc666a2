"""The words a draft's metadata and records are written with, as enums: the stage the draft is in,
the kind of a ballot and whether it is open, the kind of a contribution and its state, a comment's
disposition, a unit's kind, a review meeting's conclusion and answers; and the latest tag of a stage.
The rules (bot/domain) and the database's columns (storage/models.py) use these same ones."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    PROPOSAL = "proposal"
    FRAMEWORK = "framework"
    WORKING = "working"
    CONSULTATION = "consultation"
    REVIEW = "review"
    APPROVAL = "approval"
    PUBLISHED = "published"


class BallotKind(StrEnum):
    MOTION = "motion"
    STAGE = "stage"
    ELECTION = "election"
    MEETING = "meeting"  # the vote of a review meeting, among those present


class BallotStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ContributionKind(StrEnum):
    ADD = "add"  # a paragraph added to the clause
    REPLACE = "replace"  # a new wording of the whole clause


class ContributionStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Disposition(StrEnum):
    ACCEPT = "accept"  # 采纳
    PARTIAL = "partial"  # 部分采纳
    REJECT = "reject"  # 不采纳


class UnitKind(StrEnum):
    ENTERPRISE = "enterprise"
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    USER = "user"
    OTHER = "other"


class Conclusion(StrEnum):
    """A review meeting's conclusion (审查结论)."""

    PASS = "pass"  # 通过
    REVISE = "revise"  # 修改后通过
    FAIL = "fail"  # 不通过


class MeetingAnswer(StrEnum):
    """A unit's answer to a review meeting's notice."""

    ATTEND = "attend"  # 参加
    EXCUSED = "excused"  # 请假


def latest_tag(stage_word: str, existing: list[str]) -> str | None:
    """The most recent tag of a stage (`existing` oldest first)."""
    matches = [
        tag
        for tag in existing
        if tag == stage_word
        or (tag.startswith(f"{stage_word}-") and tag[len(stage_word) + 1 :].isdigit())
    ]
    return matches[-1] if matches else None
