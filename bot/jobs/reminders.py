"""Reminders of deadlines, delivered: one message per group listing everyone missing, and a
direct message to each of them who has a private chat with the bot."""

from __future__ import annotations

import logging

from bot.context import App
from bot.services import deadlines
from handlers.answers import Notice
from handlers.outgoing import Rows, To, queue

log = logging.getLogger("manuscript.reminders")


async def send_reminders(application: App) -> None:
    """Each reminder due is handed to the outbox, which sends it within Telegram's limits, and
    confirmed once it is stored there; one that could not be stored is tried at the next sweep."""
    runtime = application.bot_data.runtime
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
