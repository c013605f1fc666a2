"""Moving a project through its stages (SPEC §4). Every stage entry tags the repository."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.roles import Action
from bot.domain.stages import TAGGED, Stage, next_stage, stage_tag
from bot.i18n import msg
from bot.services.errors import Refused
from bot.services.manuscript import read_meta, write_meta
from bot.services.workspace import Workspace
from drafts.repository import DraftRepository

# The transitions this version can make; consultation and later gates arrive with their features.
AVAILABLE = frozenset({Stage.WORKING})


async def advance(ws: Workspace) -> tuple[Stage, str | None]:
    """Enter the next stage; returns it and the tag written."""
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    current = Stage(project.stage)
    meta = await read_meta(ws, project)
    if current is Stage.PROPOSAL:
        raise Refused("advance.need_drafter")
    if current is Stage.FRAMEWORK and not meta.clauses:
        raise Refused("advance.need_framework")
    target = next_stage(current)
    if target is None or target not in AVAILABLE:
        raise Refused("advance.unavailable", stage=msg(f"stage.{current}"))
    await write_meta(ws, project, replace(meta, stage=target.value), f"Stage: {target.value}")
    tag = await tag_stage(ws, project.repository, target)
    project.stage = target.value
    return target, tag


async def tag_stage(ws: Workspace, repository: str, stage: Stage) -> str | None:
    if stage not in TAGGED:
        return None
    label = f"{stage.value}: entered by {ws.caller.full_name}"

    def tag(repo: DraftRepository) -> str:
        name = stage_tag(stage, repo.tags())
        repo.tag(name, label, ws.now)
        return name

    return await ws.drafts.write(repository, tag)
