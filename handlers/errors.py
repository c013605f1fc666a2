"""The last resort: log the failure with its update, answer with an apology and a reference.

The apology says what stands: "nothing was changed" only when the update's transaction rolled
back and its repository writes were taken back (bot/services/journal.py). An update that failed
because the database went away is not answered at all when a lane holds it: the lane runs it
again once the database is back (bot/lanes.py), and that run answers."""

from __future__ import annotations

import json
import logging
import secrets

from telegram import Update

from bot.context import Context
from bot.i18n import msg, render
from bot.outbox.payload import Payload
from bot.runtime import utc_now
from bot.services.journal import Settled
from bot.services.workspace import UpdateFailed
from handlers.outgoing import Rows, To, queue
from storage.outage import is_outage

log = logging.getLogger("manuscript.errors")


async def on_error(update: object, context: Context) -> None:
    runtime = context.bot_data.runtime if context.bot_data.has_runtime else None
    error = context.error
    if (
        runtime is not None
        and isinstance(update, Update)
        and update.update_id in runtime.held
        and error is not None
        and is_outage(error)
    ):
        runtime.deferred.add(update.update_id)
        log.warning("update %s waits for the database: %s", update.update_id, error)
        return
    reference = secrets.token_hex(4)
    payload = (
        json.dumps(update.to_dict(), ensure_ascii=False)
        if isinstance(update, Update)
        else repr(update)
    )
    outcome = error.outcome if isinstance(error, UpdateFailed) else Settled.NOTHING
    cause = error.__cause__ if isinstance(error, UpdateFailed) else error  # what went wrong
    log.error(
        "update failed, reference %s (what stands: %s): %s",
        reference, outcome.value, payload, exc_info=cause,
    )  # fmt: skip
    operators = context.bot_data.operators
    if operators is not None:  # at most one such notice in a while; the log has every one
        what = f"{type(cause).__name__}: {cause}"[:300]
        await operators.tell("error", msg("ops.error", ref=reference, error=what))
    if not isinstance(update, Update) or update.effective_message is None:
        return
    lang = runtime.settings.language if runtime else "zh"
    text = render(lang, msg(_APOLOGY[outcome], ref=reference))
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
        return
    to = To.answering(update.effective_message)
    rows = Rows(lang, runtime.clock() if runtime else utc_now(), update.update_id)
    rows.plain(to, text)
    try:  # in its turn behind the chat's other answers
        await queue(context.application, rows)
    except Exception:  # the database is what failed, most likely: the apology waits in memory
        log.warning(
            "the apology for update %s is not stored; it goes from memory", update.update_id
        )
        context.bot_data.outbox.say_unstored(to.chat_id, Payload(text, to.thread, to.reply_to))


_APOLOGY = {
    Settled.NOTHING: "error.internal",
    Settled.KEPT: "error.kept",
    Settled.UNKNOWN: "error.unconfirmed",
    Settled.UNDOING: "error.undo_pending",
}
