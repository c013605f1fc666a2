"""/deadline and /deadlines, and delivering the reminders the sweep finds due."""

from __future__ import annotations

import logging

from bot.context import App
from bot.domain.args import UsageError, split_first
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.runtime import Runtime
from bot.services import deadlines
from bot.services.workspace import Workspace
from handlers.answers import Notice
from handlers.base import command
from handlers.outgoing import Rows, To, queue

log = logging.getLogger("manuscript.reminders")


@command("deadline")
async def deadline(ws: Workspace, args: str) -> Msg:
    target_text, when_text = split_first(args)
    if not target_text or not when_text:
        raise UsageError()
    target, placed = await deadlines.set_deadline(ws, target_text, when_text)
    if placed is None:
        return msg("deadline.removed", target=target.label)
    when = local(placed.due_at, ws.settings.timezone)
    return msg(
        "deadline.set", target=target.label, when=when, left=deadlines.left(placed.due_at - ws.now)
    )


@command("deadlines")
async def list_(ws: Workspace, args: str) -> list[Msg]:
    found = await deadlines.upcoming(ws)
    if not found:
        return [msg("deadlines.none")]
    tz = ws.settings.timezone
    return [msg("deadlines.header")] + [
        msg(
            "deadlines.line",
            target=t.label,
            when=local(d.due_at, tz),
            left=deadlines.left(d.due_at - ws.now),
        )
        for t, d in found
    ]


async def send_reminders(application: App) -> None:
    """One message per group listing everyone missing, and a direct message to each of them who
    has a private chat with the bot: handed to the outbox, which sends them within Telegram's
    limits; the reminder is confirmed once they are stored there."""
    runtime: Runtime = application.bot_data.runtime
    for project_id in await deadlines.due_projects(runtime):
        for notice in await deadlines.collect(runtime, project_id):
            rows = Rows(notice.lang, runtime.clock(), None)
            rows.notice(Notice(notice.chat_id, notice.thread_id, notice.lines))
            for person_id, lines in notice.direct:
                rows.text(To(person_id), lines)
            try:
                await queue(application, rows)
            except Exception:
                log.exception("reminder %s: not stored; the next sweep tries again", notice.reminder_id)  # fmt: skip
                await deadlines.release(runtime, notice.reminder_id)
                continue
            await deadlines.confirm(runtime, notice.reminder_id)


HANDLERS = [deadline, list_]
