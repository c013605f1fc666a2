"""The stages a standard passes through."""

from __future__ import annotations

from drafts.vocabulary import Stage, latest_tag

__all__ = ["ORDER", "TAGGED", "Stage", "latest_tag", "next_stage", "stage_tag"]


ORDER = tuple(Stage)
# Entering these stages tags the repository.
TAGGED = frozenset(
    {Stage.WORKING, Stage.CONSULTATION, Stage.REVIEW, Stage.APPROVAL, Stage.PUBLISHED}
)


def next_stage(stage: Stage) -> Stage | None:
    index = ORDER.index(stage)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def stage_tag(stage: Stage, existing: list[str]) -> str:
    """`working`, then `working-2`, `working-3` … for repeated entries."""
    if stage.value not in existing:
        return stage.value
    count = 2
    while f"{stage.value}-{count}" in existing:
        count += 1
    return f"{stage.value}-{count}"


# Stage names as people type them, in either language.
STAGE_WORDS = {
    "working": Stage.WORKING, "工作组讨论稿": Stage.WORKING,
    "consultation": Stage.CONSULTATION, "征求意见稿": Stage.CONSULTATION,
    "review": Stage.REVIEW, "送审稿": Stage.REVIEW,
    "approval": Stage.APPROVAL, "报批稿": Stage.APPROVAL,
    "published": Stage.PUBLISHED, "发布": Stage.PUBLISHED,
}  # fmt: skip


def resolve_tag(word: str, existing: list[str]) -> str | None:
    """A tag by its name, or the latest tag of a stage named in either language."""
    if word in existing:
        return word
    stage = STAGE_WORDS.get(word.lower())
    return latest_tag(stage.value, existing) if stage else None
