"""`/check` from the chat: the draft's findings (drafts/checks.py) and, from the review on, the
编制说明's empty sections; and the gates they make before the review and approval stages, which
block where the alliance says so (MANUSCRIPT_CHECK_BLOCKS)."""

from __future__ import annotations

from bot.domain.roles import Action
from bot.i18n import Msg, msg
from bot.services.workspace import Workspace
from drafts.checks import Finding, check, check_notes
from drafts.reading import read_document, read_notes
from drafts.vocabulary import Stage
from storage.models import Project

# The stages in which the 编制说明 is due: it goes with the 送审稿 and the 报批稿.
NOTE_STAGES = frozenset({Stage.REVIEW, Stage.APPROVAL})


async def findings(ws: Workspace, project: Project) -> list[Finding]:
    return await ws.drafts.read(project.repository, lambda repo: check(read_document(repo)))


async def note_findings(ws: Workspace, project: Project) -> list[Finding]:
    return await ws.drafts.read(project.repository, lambda repo: check_notes(read_notes(repo)))


async def check_draft(ws: Workspace) -> list[Finding]:
    ws.require(Action.READ)
    project = ws.require_project()
    found = await findings(ws, project)
    if project.stage in NOTE_STAGES:
        found += await note_findings(ws, project)
    return found


def finding_msg(finding: Finding) -> Msg:
    return msg(finding.kind, clause=finding.clause, detail=finding.detail)


def finding_lines(found: list[Finding]) -> list[Msg]:
    """One bullet line a finding, as /check and the move to review list them."""
    return [msg("check.line", finding=finding_msg(f)) for f in found]
