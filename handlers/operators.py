"""What needs an operator, told in the operators' chat (MANUSCRIPT_ADMIN_CHAT) through the outbox,
and always logged: a mirror failing and back, an internal error. The same kind of notice goes at
most once in QUIET; nothing secret goes (the bot's token and any address's password are left
out)."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from bot.context import App
from bot.i18n import Msg, msg, render
from bot.logging_setup import redacted
from drafts.mirror import without_secrets
from handlers.outgoing import Rows, To, queue

log = logging.getLogger("manuscript.operators")
QUIET = timedelta(minutes=10)  # between two notices of one kind


class Operators:
    def __init__(self, application: App) -> None:
        self.application = application
        self.told: dict[str, float] = {}  # kind -> when last told (monotonic seconds)
        self.loop = (
            asyncio.get_running_loop()
        )  # made in post_init; a worker thread tells through it

    def office_failed(self, error: str) -> None:
        """From a conversion's worker thread: a warm LibreOffice failed and was replaced."""
        notice = self.tell("office", msg("ops.office_failed", error=error[:300]))
        asyncio.run_coroutine_threadsafe(notice, self.loop)

    async def tell(self, kind: str, message: Msg, quiet: timedelta = QUIET) -> None:
        """Log `message` and, at most once in `quiet` for its kind, tell the operators' chat."""
        data = self.application.bot_data
        settings = data.runtime.settings
        text = self.clean(render(settings.language, message))
        log.error("for the operators: %s", text)
        now = time.monotonic()
        if settings.admin_chat is None or now - self.told.get(kind, -1e9) < quiet.total_seconds():
            return
        self.told[kind] = now
        rows = Rows(settings.language, data.clock(), None)
        rows.plain(To(settings.admin_chat), text)
        try:
            await queue(self.application, rows)
        except Exception:  # the database is away: the log has it
            log.exception("the operators' notice could not be stored")

    def clean(self, text: str) -> str:
        return without_secrets(redacted(text, [self.application.bot.token]))
