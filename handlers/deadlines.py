"""/deadline and /deadlines, and delivering the reminders the sweep finds due."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.domain.args import UsageError, split_first
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.runtime import Runtime
from bot.services import deadlines
from bot.services.workspace import Workspace
from handlers.base import Notice, command, message_text, send_notice

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


async def send_reminders(application: Application) -> None:  # type: ignore[type-arg]
    """One message per group listing everyone missing, and a direct message to each of them who
    has a private chat with the bot. Sending goes through the application's rate limiter."""
    runtime: Runtime = application.bot_data["runtime"]
    for project_id in await deadlines.due_projects(runtime):
        for notice in await deadlines.collect(runtime, project_id):
            await _deliver(application.bot, runtime, notice)


async def _deliver(bot: Bot, runtime: Runtime, notice: deadlines.Notice) -> None:
    """The group message is the reminder: confirmed once sent, released for the next sweep when
    the network fails, given up when Telegram refuses it (the bot left the group). The direct
    messages are copies, each tried once."""
    try:
        await send_notice(bot, notice.lang, Notice(notice.chat_id, notice.thread_id, notice.lines))
    except (NetworkError, RetryAfter) as error:
        log.warning("reminder %s: not sent (%s); the next sweep tries again", notice.reminder_id, error)  # fmt: skip
        await deadlines.release(runtime, notice.reminder_id)
        return
    except TelegramError as error:
        log.error("reminder %s: refused (%s); given up", notice.reminder_id, error)
        await deadlines.confirm(runtime, notice.reminder_id, "failed")
        return
    await deadlines.confirm(runtime, notice.reminder_id, "sent")
    for person_id, lines in notice.direct:
        try:
            await bot.send_message(person_id, message_text(notice.lang, lines))
        except TelegramError as error:
            log.warning("reminder %s: no direct message to %s (%s)", notice.reminder_id, person_id, error)  # fmt: skip


HANDLERS = [deadline, list_]
