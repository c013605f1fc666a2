"""The senders of the outbox: one task per chat with rows waiting, delivering them in order
within Telegram's limits (bot/outbox/plan.py).

A row commits with the effects it reports, so an answer is owed exactly when the work was done.
A sender marks a row sent in the transaction that tells its record where it landed
(bot/outbox/refs.py). A `429` waits the `retry_after` Telegram asks for; a network error or a
`5xx` is tried again, backing off, up to `ATTEMPTS` times; a refusal for good (the bot was removed,
the message is gone) is recorded and logged, never retried, never turned into an apology. A
restart resumes every chat's queue.

A send that timed out may have been delivered: the Bot API cannot be asked, so it is tried again
(Telegram's answer could be a double; a lost answer is worse). A send Telegram answered is never
sent again: when its mark cannot be written (the database is away), the mark waits in memory and
is written before the chat's next row is read.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer
from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    ReplyParameters,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.outbox.payload import Keys, Payload
from bot.outbox.plan import (
    GROUP_PER_MINUTE,
    Budget,
    Row,
    Target,
    merged_buttons,
    merged_text,
    plan,
)
from bot.outbox.refs import remember_sent
from bot.outbox.rows import PENDING, REFUSED, SENT, SUPERSEDED
from storage.database import Database
from storage.metrics import RETRY_AFTER
from storage.models import OutboxMessage
from storage.outage import is_outage

log = logging.getLogger("manuscript.outbox")
ATTEMPTS = 12  # tries of a row on network errors, backing off from 1 s to 5 minutes
BACKOFF_SECONDS = (1.0, 300.0)
BATCH = 50  # rows a sender reads at a time
STOP_SECONDS = 10.0  # a stop waits this long for the sends in hand
FAULT_RETRY_SECONDS = 5.0  # a sender whose database failed looks again this much later


class Pace(Protocol):
    """Time as the senders wait it: the loop's in a deployment, a virtual one in the tests (whose
    settling moves it on only when every sender is waiting)."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float, *, owed: bool = True) -> None:
        """`owed`: an answer is held up by it (a limit, a retry), not a merge window."""


class LoopPace:
    def now(self) -> float:
        return asyncio.get_running_loop().time()

    async def sleep(self, seconds: float, *, owed: bool = True) -> None:
        await asyncio.sleep(seconds)


class Outbox:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        clock: Callable[[], datetime],
        pace: Pace,
        live_interval: float,
        group_per_minute: int = GROUP_PER_MINUTE,
    ) -> None:
        self._bot = bot
        self._db = db
        self._clock = clock
        self.pace = pace
        self._interval = live_interval
        self._budget = Budget(per_group=group_per_minute)
        self._senders: dict[int, asyncio.Task[None]] = {}
        self._timers: dict[int, asyncio.Task[None]] = {}
        self._dirty: set[int] = set()
        self.waiting: set[int] = set()  # chats whose sender is in a pace sleep
        self._last_live: dict[int, dict[Target, float]] = {}  # chat -> message -> last live edit
        self._finals: dict[int, set[Target]] = {}  # chat -> messages whose final edit went out
        self._stopping = False
        self._unstored: dict[int, list[Payload]] = {}
        # Marks of sends Telegram answered, not yet written (the database failed): per chat.
        self._unmarked: dict[int, list[Callable[[], Awaitable[None]]]] = {}

    def say_unstored(self, chat_id: int, payload: Payload) -> None:
        """A message that cannot wait in the database (the database is what failed, so an
        apology): held in memory, sent first, still within the chat's budget."""
        self._unstored.setdefault(chat_id, []).append(payload)
        self.kick([chat_id])

    def kick(self, chat_ids: Iterable[int]) -> None:
        """New rows for these chats were committed: their senders look."""
        for chat_id in set(chat_ids):
            self._dirty.add(chat_id)
            if chat_id not in self._senders and not self._stopping:
                self._senders[chat_id] = asyncio.create_task(self._drain(chat_id))

    async def resume(self) -> None:
        """At start-up: every chat with rows still owed."""
        async with self._db.session() as session:
            chats = await session.scalars(
                select(OutboxMessage.chat_id).where(OutboxMessage.state == PENDING).distinct()
            )
            self.kick(chats.all())

    @property
    def busy(self) -> bool:
        """Some sender is working, not waiting on the pace."""
        return any(chat not in self.waiting for chat in self._senders)

    async def close(self) -> None:
        """Stop: a sender finishes the row in hand (one cut off mid-send would send it twice),
        one waiting on a limit stops at once; the rest stays for the next start."""
        self._stopping = True
        for timer in self._timers.values():
            timer.cancel()
        for chat_id, sender in list(self._senders.items()):
            if chat_id in self.waiting:
                sender.cancel()
        tasks = [*self._senders.values(), *self._timers.values()]
        _, late = await asyncio.wait(tasks, timeout=STOP_SECONDS) if tasks else (set(), set())
        for task in late:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for chat_id in list(self._unmarked):  # once more: unwritten, they would go again
            try:
                await self._write_marks(chat_id)
            except Exception as error:
                log.warning("chat %s: sent rows left unmarked at the stop: %s", chat_id, error)

    async def _drain(self, chat_id: int) -> None:
        try:
            await self._send_owed(chat_id)
        except Exception as error:  # the database, most likely: the rows wait, looked at again
            if is_outage(error):
                log.warning("chat %s: the outbox waits for the database: %s", chat_id, error)
            else:
                log.exception("chat %s: the outbox could not be read or marked", chat_id)
            self._look_later(chat_id, FAULT_RETRY_SECONDS)
        finally:
            self._senders.pop(chat_id, None)

    async def _send_owed(self, chat_id: int) -> None:
        await self._write_marks(chat_id)
        while self._unstored.get(chat_id) and not self._halted():
            await self._send_unstored(chat_id, self._unstored[chat_id].pop(0))
        while not self._halted():
            self._dirty.discard(chat_id)
            rows = await self._pending(chat_id)
            if not rows:
                if chat_id in self._dirty:
                    continue
                return
            step = plan(
                [Row(row.id, row.kind, Payload.from_json(row.payload)) for row in rows],
                self.pace.now(),
                self._last_live.get(chat_id, {}),
                self._finals.get(chat_id, set()),
                self._interval,
            )
            if step.send:
                by_id = {row.id: row for row in rows}
                sending = [by_id[row.id] for row in step.send]
                await self._deliver(chat_id, sending, step.send, step.superseded)
                # All it read is done and nothing came meanwhile: spare the query for "no more".
                done = len(step.send) + len(step.superseded)
                if done == len(rows) < BATCH and chat_id not in self._dirty:
                    return
                continue
            if step.superseded:  # nothing to send now: they are marked on their own
                await self._mark(step.superseded, SUPERSEDED)
            if step.wake_in is not None:
                self._look_later(chat_id, step.wake_in)
                if chat_id not in self._dirty:
                    return

    async def _may_send(self) -> bool:
        """Wait while the deployment's lock has not been seen held lately (a process back from
        being frozen); False once another instance serves: what is owed is its to send."""
        while not self._db.serving():
            if self._db.fenced.is_set():
                return False
            await asyncio.sleep(0.1)
        return True

    def _halted(self) -> bool:
        """Stopping, or fenced: another instance serves and sends what is owed."""
        return self._stopping or self._db.fenced.is_set()

    def _look_later(self, chat_id: int, seconds: float) -> None:
        """Look again later, with nothing owed in between (a live edit's interval, a fault)."""
        if chat_id in self._timers or self._stopping:
            return

        async def later() -> None:
            await self.pace.sleep(seconds, owed=False)
            self._timers.pop(chat_id, None)
            self.kick([chat_id])

        self._timers[chat_id] = asyncio.create_task(later())

    async def _pending(self, chat_id: int) -> list[OutboxMessage]:
        async with self._db.session() as session:
            found = await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.state == PENDING, OutboxMessage.chat_id == chat_id)
                .order_by(OutboxMessage.id)
                .limit(BATCH)
                .options(undefer(OutboxMessage.content))
            )
            return list(found.all())

    async def _wait(self, chat_id: int, seconds: float) -> None:
        self.waiting.add(chat_id)
        try:
            await self.pace.sleep(seconds)
        finally:
            self.waiting.discard(chat_id)

    async def _within_budget(self, chat_id: int) -> None:
        """Wait until Telegram's limits let one more send into the chat go, and count it."""
        while (wait := self._budget.wait(chat_id, self.pace.now())) > 0:
            await self._wait(chat_id, wait)
        self._budget.spend(chat_id, self.pace.now())

    async def _deliver(
        self, chat_id: int, rows: list[OutboxMessage], planned: list[Row], superseded: list[int]
    ) -> None:
        """Send one step (a row, or rows merged into one message) until it is sent or refused;
        the rows it supersedes are marked with it (until then, a new plan finds them again)."""
        attempts = rows[0].attempts
        while True:
            await self._within_budget(chat_id)
            if not await self._may_send():
                return
            try:
                sent = await self._send(chat_id, rows[0], planned)
            except RetryAfter as error:
                RETRY_AFTER.inc()
                log.warning("chat %s: Telegram asks to wait %s s", chat_id, error.retry_after)
                await self._wait(chat_id, float(error.retry_after))  # type: ignore[arg-type]
                continue
            except (BadRequest, Forbidden) as error:
                if "not modified" in error.message:
                    await self._marked(
                        chat_id, self._sent, chat_id, rows, planned, None, superseded
                    )
                    return
                log.error("chat %s: Telegram refused outbox row %s for good: %s", chat_id, rows[0].id, error)  # fmt: skip
                await self._marked(
                    chat_id, self._mark, [row.id for row in rows], REFUSED, superseded
                )
                return
            except (NetworkError, TelegramError) as error:
                attempts += 1
                if attempts >= ATTEMPTS:
                    log.error("chat %s: outbox row %s given up after %s tries: %s", chat_id, rows[0].id, attempts, error)  # fmt: skip
                    await self._marked(
                        chat_id, self._mark, [row.id for row in rows], REFUSED, superseded
                    )
                    return
                await self._count_attempt(rows[0].id, attempts)
                delay = min(BACKOFF_SECONDS[0] * 2 ** (attempts - 1), BACKOFF_SECONDS[1])
                log.warning("chat %s: outbox row %s not sent (%s); again in %.0f s", chat_id, rows[0].id, error, delay)  # fmt: skip
                await self._wait(chat_id, delay)
                continue
            await self._marked(chat_id, self._sent, chat_id, rows, planned, sent, superseded)
            return

    async def _marked(self, chat_id: int, mark: Callable[..., Awaitable[None]], *args: Any) -> None:
        """Write what Telegram answered; if the database fails, the mark waits in memory and
        goes before anything else of the chat (a row is never sent twice for want of it)."""
        self._unmarked.setdefault(chat_id, []).append(functools.partial(mark, *args))
        await self._write_marks(chat_id)

    async def _write_marks(self, chat_id: int) -> None:
        owed = self._unmarked.get(chat_id, [])
        while owed:
            await owed[0]()
            owed.pop(0)
        self._unmarked.pop(chat_id, None)

    async def _send_unstored(self, chat_id: int, payload: Payload) -> None:
        while True:
            await self._within_budget(chat_id)
            try:
                await self._bot.send_message(chat_id, payload.text, **_where(payload))
                return
            except RetryAfter as error:
                RETRY_AFTER.inc()
                await self._wait(chat_id, float(error.retry_after))  # type: ignore[arg-type]
            except TelegramError as error:  # kept nowhere: tried once more only by a 429
                log.warning("chat %s: an unstored message was not sent: %s", chat_id, error)
                return

    async def _send(self, chat_id: int, row: OutboxMessage, planned: list[Row]) -> int | None:
        """One Bot API call; the id of the message it made, if it made one."""
        payload = planned[0].payload
        where = _where(payload)
        if row.kind == "message":
            text, keys = payload.text, payload.keys
            if len(planned) > 1:
                text, keys = merged_text(planned), merged_buttons(planned)
                where.pop("reply_parameters", None)  # it answers several people
            markup = ForceReply(selective=True) if payload.force_reply else _markup(keys)
            message = await self._bot.send_message(chat_id, text, reply_markup=markup, **where)
            return message.message_id
        if row.kind == "document":
            file = InputFile(row.content or b"", filename=payload.filename)
            return (await self._bot.send_document(chat_id, file, **where)).message_id
        if row.kind == "photo":
            picture = InputFile(row.content or b"")
            return (
                await self._bot.send_photo(chat_id, picture, caption=payload.caption, **where)
            ).message_id
        await self._edit(chat_id, payload)
        return None

    async def _edit(self, chat_id: int, payload: Payload) -> None:
        message_id = payload.message_id
        if message_id is None:
            message_id = await self._landed(chat_id, str(payload.of))
        drop = payload.drop
        if drop:
            shown = await self._merged(chat_id, message_id)
            if shown is not None:  # a merged message: only the decided item's buttons go
                head, keys = shown
                kept = tuple(row for row in keys if not any(k.data.startswith(drop) for k in row))
                await self._bot.edit_message_reply_markup(
                    chat_id, message_id, reply_markup=_markup(kept)
                )
                await self._keep_buttons(head, kept)
                return
        await self._bot.edit_message_text(
            payload.text,
            chat_id=chat_id,
            message_id=message_id,
            reply_markup=_markup(payload.keys),
        )

    async def _landed(self, chat_id: int, ref: str) -> int:
        """The message an edit made while its record's message still waited in the outbox: that
        one went before the edit, in the chat's order."""
        async with self._db.session() as session:
            message_id = await session.scalar(
                select(OutboxMessage.message_id)
                .where(
                    OutboxMessage.chat_id == chat_id,
                    OutboxMessage.ref == ref,
                    OutboxMessage.state == SENT,
                    OutboxMessage.message_id.is_not(None),
                )
                .order_by(OutboxMessage.id.desc())
                .limit(1)
            )
        if message_id is None:  # refused for good: there is nothing to edit
            raise BadRequest(f"the message of {ref} was never sent")
        return message_id

    async def _merged(self, chat_id: int, message_id: int) -> tuple[int, Keys] | None:
        """The buttons a merged message shows now, and the row that keeps them; None when the
        message stands for one answer."""
        async with self._db.session() as session:
            rows = (
                await session.scalars(
                    select(OutboxMessage)
                    .where(
                        OutboxMessage.chat_id == chat_id,
                        OutboxMessage.message_id == message_id,
                        OutboxMessage.state == SENT,
                    )
                    .order_by(OutboxMessage.id)
                )
            ).all()
        if len(rows) < 2:
            return None
        return rows[0].id, Payload.from_json(rows[0].payload).shown or ()

    async def _keep_buttons(self, head: int, keys: Keys) -> None:
        async with self._db.session() as session:
            row = await session.get_one(OutboxMessage, head)
            row.payload = _showing(row.payload, keys)
            await session.commit()

    async def _sent(
        self,
        chat_id: int,
        rows: list[OutboxMessage],
        planned: list[Row],
        message_id: int | None,
        superseded: list[int],
    ) -> None:
        now = self._clock()
        head = planned[0]
        if head.kind == "edit" and head.target is not None:
            if head.live:
                self._last_live.setdefault(chat_id, {})[head.target] = self.pace.now()
            elif not head.payload.drop:
                self._finals.setdefault(chat_id, set()).add(head.target)
        async with self._db.session() as session:
            for row in rows:
                values: dict[str, Any] = {"state": SENT, "sent_at": now, "message_id": message_id}
                if len(rows) > 1 and row is rows[0]:  # the merged message's buttons, for edits
                    values["payload"] = replace(
                        head.payload, shown=merged_buttons(planned)
                    ).to_json()
                await session.execute(
                    update(OutboxMessage).where(OutboxMessage.id == row.id).values(**values)
                )
                if row.ref and message_id is not None:
                    await remember_sent(session, row.ref, chat_id, message_id)
            await _marking(session, superseded, SUPERSEDED, now)
            await session.commit()

    async def _mark(self, ids: list[int], state: str, superseded: Sequence[int] = ()) -> None:
        now = self._clock()
        async with self._db.session() as session:
            await _marking(session, ids, state, now)
            await _marking(session, superseded, SUPERSEDED, now)
            await session.commit()

    async def _count_attempt(self, row_id: int, attempts: int) -> None:
        with contextlib.suppress(Exception):  # the count only spares a restart some tries
            async with self._db.session() as session:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == row_id)
                    .values(attempts=attempts)
                )
                await session.commit()


async def _marking(session: AsyncSession, ids: Sequence[int], state: str, now: datetime) -> None:
    if ids:
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(state=state, sent_at=now)
        )


def _showing(payload: str, keys: Keys) -> str:
    """A merged message's row payload, noting the buttons the message shows now."""
    return replace(Payload.from_json(payload), shown=keys).to_json()


def _where(payload: Payload) -> dict[str, Any]:
    """The forum topic and the message answered, as the Bot API takes them."""
    where: dict[str, Any] = {}
    if payload.thread:
        where["message_thread_id"] = payload.thread
    if payload.reply_to:
        # The person may have deleted their message by the time the answer goes: send it anyway.
        where["reply_parameters"] = ReplyParameters(
            payload.reply_to, allow_sending_without_reply=True
        )
    return where


def _markup(keys: Keys) -> InlineKeyboardMarkup | None:
    if not keys:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(k.text, url=k.url)
                if k.url
                else InlineKeyboardButton(k.text, callback_data=k.data)
                for k in row
            ]
            for row in keys
        ]
    )
