"""`/check` from the chat: the draft's findings (drafts/checks.py), and the gate they make before
the review stage when the alliance wants them to block (MANUSCRIPT_CHECK_BLOCKS)."""

from __future__ import annotations

from bot.domain.roles import Action
from bot.i18n import Msg, msg
from bot.services.workspace import Workspace
from drafts.checks import Finding, check
from drafts.reading import read_document
from storage.models import Project


async def findings(ws: Workspace, project: Project) -> list[Finding]:
    return await ws.drafts.read(project.repository, lambda repo: check(read_document(repo)))


async def check_draft(ws: Workspace) -> list[Finding]:
    ws.require(Action.READ)
    return await findings(ws, ws.require_project())


def finding_msg(finding: Finding) -> Msg:
    return msg(finding.kind, clause=finding.clause, detail=finding.detail)


def finding_lines(found: list[Finding]) -> list[Msg]:
    """One bullet line a finding, as /check and the move to review list them."""
    return [msg("check.line", finding=finding_msg(f)) for f in found]
