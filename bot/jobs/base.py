"""A job's unit of work, as `handlers.base.run` is a command's: a workspace acting as the bot in
one project, the rows the job's body adds stored as outbox rows in the body's own transaction,
and the chats' senders woken once it has committed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.context import App
from bot.outbox.rows import enqueue
from bot.services.workspace import Workspace, system_workspace
from handlers.outgoing import Rows, To, kick

Body = Callable[[Workspace, Rows], Awaitable[None]]


async def run(application: App, project_id: int, body: Body) -> None:
    runtime = application.bot_data.runtime
    async with system_workspace(runtime, project_id) as ws:
        rows = Rows(ws.lang, ws.now, None)
        await body(ws, rows)
        await enqueue(ws.session, rows.rows)
        await ws.session.commit()
    kick(application.bot_data, rows.rows)


def project_chat(ws: Workspace) -> To:
    """The project's chat (its forum topic, if it has one), where a job's answers go."""
    return To(ws.place.chat_id, ws.place.thread_id or None)
