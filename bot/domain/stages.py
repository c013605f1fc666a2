"""The stages a standard passes through (SPEC §4)."""

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
