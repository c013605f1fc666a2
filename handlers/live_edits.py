"""Edits of a message that changes with every vote: at most one per interval per message.

A busy ballot would otherwise cost an edit per vote, and Telegram allows a group about twenty
messages a minute (PTB's rate limiter makes everything else wait behind them). The first edit goes
at once; those that come within the interval after it are merged into one, sent when it ends, with
the latest text. A final edit (a closed ballot's result) goes at once, drops any edit still
waiting, and no live edit follows it: edits of one message are sent one at a time, in order.
A merged edit that fails on the network is tried again after the interval (a few times): no
update is there to answer for it, and the message would show a stale tally until the next vote.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from dataclasses import dataclass, field

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TelegramError

log = logging.getLogger("manuscript.edits")

Key = tuple[int, int]  # chat id, message id
Content = tuple[str, InlineKeyboardMarkup | None]

# Entries of messages quiet this long are forgotten (a final edit's guard has done its work).
FORGET_AFTER_SECONDS = 600.0
MERGED_EDIT_ATTEMPTS = 3


@dataclass
class _Message:
    sending: asyncio.Lock = field(default_factory=asyncio.Lock)
    quiet_until: float = 0.0  # loop time before which a live edit waits
    waiting: Content | None = None
    flush: asyncio.Task[None] | None = None
    final: bool = False
    failures: int = 0  # of merged edits in a row


class LiveEdits:
    def __init__(self, bot: Bot, interval: float) -> None:
        self._bot = bot
        self._interval = interval
        self._messages: dict[Key, _Message] = {}

    async def edit(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        *,
        live: bool,
    ) -> None:
        """Edit the message: now, or (`live` and within the interval) merged into a later edit."""
        now = asyncio.get_running_loop().time()
        self._forget_quiet(now)
        key = (chat_id, message_id)
        entry = self._messages.setdefault(key, _Message())
        if not live:
            entry.final, entry.waiting, entry.quiet_until = True, None, now
            async with entry.sending:
                await self._send(key, (text, markup))
            return
        if entry.final:
            return
        if entry.flush is not None or now < entry.quiet_until:
            entry.waiting = (text, markup)
            if entry.flush is None:
                entry.flush = asyncio.create_task(self._flush_later(key, entry, now))
            return
        entry.quiet_until = now + self._interval
        async with entry.sending:
            if not entry.final:  # a final edit may have come while this one waited its turn
                await self._send(key, (text, markup))

    async def close(self) -> None:
        """Send what is waiting now (the bot is stopping)."""
        for key, entry in list(self._messages.items()):
            if entry.flush is not None:
                entry.flush.cancel()
                entry.flush = None
            if entry.waiting is not None and not entry.final:
                content, entry.waiting = entry.waiting, None
                async with entry.sending:
                    await self._send(key, content)

    async def _flush_later(self, key: Key, entry: _Message, now: float) -> None:
        await asyncio.sleep(entry.quiet_until - now)
        async with entry.sending:
            entry.flush = None
            if entry.waiting is None or entry.final:
                return
            content, entry.waiting = entry.waiting, None
            now = asyncio.get_running_loop().time()
            entry.quiet_until = now + self._interval
            try:
                await self._send(key, content)
                entry.failures = 0
            except TelegramError as error:
                log.warning("a merged edit of message %s failed: %s", key, error)
                entry.failures += 1
                again = isinstance(error, NetworkError) and entry.failures < MERGED_EDIT_ATTEMPTS
                if again and entry.waiting is None:  # else a newer edit is on its way
                    entry.waiting = content
                    entry.flush = asyncio.create_task(self._flush_later(key, entry, now))

    async def _send(self, key: Key, content: Content) -> None:
        text, markup = content
        with suppress(BadRequest):  # "message is not modified", or too old: nothing to mend
            await self._bot.edit_message_text(
                text, chat_id=key[0], message_id=key[1], reply_markup=markup
            )

    def _forget_quiet(self, now: float) -> None:
        if len(self._messages) < 256:
            return
        for key, entry in list(self._messages.items()):
            if entry.flush is None and now - entry.quiet_until > FORGET_AFTER_SECONDS:
                del self._messages[key]
