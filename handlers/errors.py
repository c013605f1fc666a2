"""The last resort: log the failure with its update, answer with an apology and a reference."""

from __future__ import annotations

import json
import logging
import secrets

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import msg, render
from bot.runtime import Runtime

log = logging.getLogger("manuscript.errors")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    reference = secrets.token_hex(4)
    payload = (
        json.dumps(update.to_dict(), ensure_ascii=False)
        if isinstance(update, Update)
        else repr(update)
    )
    log.error("update failed, reference %s: %s", reference, payload, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    runtime: Runtime | None = context.bot_data.get("runtime")
    lang = runtime.settings.language if runtime else "zh"
    text = render(lang, msg("error.internal", ref=reference))
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await update.effective_message.reply_text(text)
