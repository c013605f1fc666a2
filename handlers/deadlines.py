"""/deadline and /deadlines (the reminders are delivered by bot/jobs/reminders.py)."""

from __future__ import annotations

import logging

from bot.domain.args import UsageError, split_first
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.services import deadlines
from bot.services.workspace import Workspace
from handlers.base import command

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


HANDLERS = [deadline, list_]
