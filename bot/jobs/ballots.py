"""Ballots closing at their deadlines, also those that fell due while the bot was down."""

from __future__ import annotations

from bot.context import App
from bot.jobs.base import run
from bot.services import ballots
from bot.services.workspace import Workspace
from handlers.ballots import ballot_edit, result_lines
from handlers.outgoing import Rows, To


async def close_due(application: App, ballot_id: int, project_id: int) -> None:
    """Close one ballot whose deadline has come, and announce the result in its chat: the
    announcement commits with the close."""

    async def close(ws: Workspace, rows: Rows) -> None:
        view = await ballots.close_if_due(ws, ballot_id)
        if view is None:  # closed already (by its chair, or by another sweep)
            return
        rows.text(To(view.ballot.chat_id, view.ballot.thread_id or None), result_lines(ws, view))
        rows.edits(await ballot_edit(ws, view))

    await run(application, project_id, close)


async def sweep(application: App) -> None:
    """Close every ballot whose deadline has passed; closing is idempotent."""
    runtime = application.bot_data.runtime
    for ballot_id, project_id in await ballots.overdue(runtime.db, runtime.clock()):
        await close_due(application, ballot_id, project_id)
