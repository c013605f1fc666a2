"""The merges a crash or a database outage interrupted: a proposal accepted on arrival (the
`open` policy) whose merge did not land. Finished once, and said in the project's chat — the
author was never answered."""

from __future__ import annotations

import logging

from bot.context import App
from bot.i18n import msg
from bot.jobs.base import project_chat, run
from bot.services import contributions
from bot.services.reconcile import Interrupted
from bot.services.workspace import Workspace
from handlers.contributions import accepted_lines
from handlers.outgoing import Rows

log = logging.getLogger("manuscript.contributions")


async def finish_interrupted(application: App, merges: list[Interrupted]) -> None:
    for merge in merges:

        async def finish(ws: Workspace, rows: Rows, merge: Interrupted = merge) -> None:
            decision = await contributions.finish_merge(ws, merge.contribution_id)
            lines = [msg("contribution.merged_at_start"), *await accepted_lines(ws, decision)]
            rows.text(project_chat(ws), lines)

        try:
            await run(application, merge.project_id, finish)
        except Exception:  # a broken repository or chat must not keep the bot from starting
            log.exception("contribution %s: finishing or announcing its merge failed", merge.contribution_id)  # fmt: skip
            continue
        log.warning("contribution %s: its interrupted merge is done", merge.contribution_id)
