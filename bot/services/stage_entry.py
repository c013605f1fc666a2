"""Entering a stage: the metadata records it and the repository is tagged.

Used by `/advance` and by a stage ballot that passes.
"""

from __future__ import annotations

from dataclasses import replace

from bot.domain.stages import TAGGED, Stage, stage_tag
from bot.services.draft_io import write_meta
from bot.services.workspace import Workspace
from drafts.repository import DraftRepository


async def enter(ws: Workspace, target: Stage) -> str | None:
    """Move the project to `target`; returns the tag written, if the stage is tagged."""
    project = ws.require_project()
    stage = target.value
    await write_meta(ws, project, lambda meta: replace(meta, stage=stage), f"Stage: {stage}")
    project.stage = target
    if target not in TAGGED:
        return None
    label = f"{target.value}: entered by {ws.caller.full_name}"

    def tag(repo: DraftRepository) -> str:
        name = stage_tag(target, repo.tags())
        repo.tag(name, label, ws.now)
        return name

    return await ws.write(project, tag)
