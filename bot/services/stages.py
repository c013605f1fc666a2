"""Moving a project to its next stage (SPEC §4): the gates, and the stage ballot where the
alliance's configuration asks for one (`MANUSCRIPT_STAGE_BALLOTS`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.ballots import Options
from bot.domain.roles import Action
from bot.domain.stages import Stage, next_stage
from bot.i18n import msg
from bot.services.ballots import BallotView, open_stage_ballot
from bot.services.errors import Refused
from bot.services.manuscript import read_meta
from bot.services.stage_entry import enter
from bot.services.workspace import Workspace

# The transitions this version can make; consultation and later gates arrive with their features.
AVAILABLE = frozenset({Stage.WORKING})


@dataclass(frozen=True)
class Advanced:
    stage: Stage
    tag: str | None


async def advance(ws: Workspace, options: Options) -> Advanced | BallotView:
    """Enter the next stage, or open the stage ballot that its entry needs."""
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    current = Stage(project.stage)
    if current is Stage.PROPOSAL:
        raise Refused("advance.need_drafter")
    if current is Stage.FRAMEWORK and not (await read_meta(ws, project)).clauses:
        raise Refused("advance.need_framework")
    target = next_stage(current)
    if target is None or target not in AVAILABLE:
        raise Refused("advance.unavailable", stage=msg(f"stage.{current}"))
    if target.value in ws.settings.stage_ballots:
        return await open_stage_ballot(ws, target, options)
    if options.until or options.rule:
        raise Refused("advance.no_ballot", stage=msg(f"stage.{target}"))
    return Advanced(target, await enter(ws, target))
