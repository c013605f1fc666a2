"""Updates in lanes: each chat's messages in order, its button presses in a lane of their own,
every lane at its own pace — one busy group never holds up another chat, nor its own buttons. A
message still waits for the presses sent before it in its chat (a chair's `/close` right after
the last votes must count them); a press never waits for messages.

The poller stores each batch it fetches (`queued_updates`) before it confirms the batch to
Telegram, so a backlog waits in the database and a crash loses nothing: at start-up the stored
updates are handled first. A lane handles its rows in update-id order and deletes each once
handled; a crash in between runs it again, and the processed-updates mark makes that harmless.

When the database goes away (a restart, a stop, a full disk) nothing ends and nothing is
answered wrongly: the poller keeps a batch it cannot store and does not confirm it; an update
whose work failed for it stays stored, unanswered, and every lane waits. Once the database
answers, with no update in hand, what the outage left open is settled (writes kept or taken back,
merges finished: bot/services/reconcile.py) and the lanes go on — the failed update first.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Sequence

from sqlalchemy import delete, select
from telegram import Update

from bot.app import after_outage
from bot.context import App
from bot.runtime import Runtime
from storage.database import Fenced
from storage.metrics import UPDATE_SECONDS, UPDATES
from storage.models import QueuedUpdate
from storage.outage import BACK_WAIT_SECONDS, is_outage, takes_writes, until_back
from storage.upsert import replace_row

log = logging.getLogger("manuscript.lanes")
BATCH = 20  # rows a lane reads at a time
PROGRESS_CHECK_SECONDS = 0.5  # a message waiting for its chat's presses looks again this often
# An update that failed this many times "for the database" while the database answered at once
# is not held again: its next failure is answered as the work's own, not waited on for ever.
HOLD_ATTEMPTS = 3


class DatabaseAway(Exception):
    """The update in hand failed because the database was not there; it waits, stored."""


def lane_of(update: Update) -> str:
    """`m<chat id>` for a chat's messages, `b<chat id>` for its button presses."""
    chat = update.effective_chat
    kind = "b" if update.callback_query is not None else "m"
    return f"{kind}{chat.id if chat else 0}"


class Lanes:
    def __init__(self, application: App) -> None:
        self.application = application
        self.runtime: Runtime = application.bot_data.runtime
        self.running: dict[str, asyncio.Task[None]] = {}
        self.dirty: set[str] = set()  # lanes given rows since they last looked
        self.stopping = False
        self.progress: dict[str, asyncio.Event] = {}  # set each time a lane handles a row
        self.stopped = asyncio.Event()
        self.going = asyncio.Event()  # cleared while the lanes wait for the database
        self.going.set()
        self.in_hand = 0  # updates being handled now
        self.attempts: dict[int, int] = {}  # update id -> failures for the database
        self._recovery: asyncio.Task[None] | None = None

    async def queue(self, updates: Sequence[Update]) -> bool:
        """Store a fetched batch (one transaction) and set its lanes going. While the database
        is away this waits (the batch is not confirmed meanwhile); False when stopped first."""
        now = self.runtime.clock()
        rows = [
            {
                "update_id": update.update_id,
                "lane": lane_of(update),
                "payload": json.dumps(update.to_dict(), ensure_ascii=False),
                "received_at": now,
            }
            for update in updates
        ]
        delay = BACK_WAIT_SECONDS[0]
        while True:
            try:
                async with self.runtime.db.session() as session:
                    await session.execute(replace_row(session, QueuedUpdate.table()), rows)
                    await session.commit()
                break
            except Exception as error:
                if not is_outage(error):
                    raise
                log.warning("a fetched batch waits to be stored: %s", error)
                with contextlib.suppress(TimeoutError):  # not at once: a batch may be what fails
                    await asyncio.wait_for(self.stopped.wait(), delay)
                delay = min(delay * 2, BACK_WAIT_SECONDS[1])
                if not await until_back(self.runtime.db, self.stopped):
                    return False
        for lane in {lane_of(update) for update in updates}:
            self.kick(lane)
        return True

    async def resume(self) -> None:
        """Set going the lanes that still hold updates (from before a restart)."""
        async with self.runtime.db.session() as session:
            lanes = (await session.scalars(select(QueuedUpdate.lane).distinct())).all()
        for lane in lanes:
            self.kick(lane)

    def kick(self, lane: str) -> None:
        self.dirty.add(lane)
        if lane not in self.running and not self.stopping:
            self.running[lane] = asyncio.create_task(self._drain(lane))

    async def idle(self) -> None:
        """Wait until every lane has handled what it holds (the tests' and the stop's)."""
        while self.running:
            await asyncio.gather(*self.running.values(), return_exceptions=True)

    async def close(self) -> None:
        """Stop: each lane finishes the update in hand; the rest stays stored for the next start."""
        self.stopping = True
        self.stopped.set()
        self.going.set()
        await self.idle()

    async def _drain(self, lane: str) -> None:
        try:
            while not self.stopping:
                try:
                    if not await self._take(lane):
                        return
                except Fenced:  # another instance serves: what is stored is its to handle
                    return
                except Exception as error:
                    if not isinstance(error, DatabaseAway) and not is_outage(error):
                        raise
                    await self._recover()
        finally:
            self.running.pop(lane, None)

    async def _take(self, lane: str) -> bool:
        """Handle the rows the lane holds now; False when it holds none (or is stopping)."""
        self.dirty.discard(lane)
        rows = await self._next(lane)
        if not rows:
            return lane in self.dirty  # rows came while it looked
        for update_id, payload in rows:
            await self.going.wait()
            if self.stopping:
                return False
            if lane.startswith("m"):
                await self._after_presses(f"b{lane[1:]}", update_id)
                if self.stopping:
                    return False
            update = Update.de_json(json.loads(payload), self.application.bot)
            await self._handle(update_id, update)
            self.progress.pop(lane, asyncio.Event()).set()
        return True

    async def _recover(self) -> None:
        """One recovery for all lanes: hold them, let the updates in hand end, wait for the
        database, settle what the outage left open; then let them go on."""
        if self._recovery is None or self._recovery.done():
            self._recovery = asyncio.create_task(self._recovering())
        await asyncio.shield(self._recovery)

    async def _recovering(self) -> None:
        self.going.clear()
        try:
            while not self.stopping:
                while self.in_hand and not self.stopping:
                    await asyncio.sleep(PROGRESS_CHECK_SECONDS / 10)
                if not await until_back(self.runtime.db, self.stopped):
                    return
                try:
                    await after_outage(self.application)
                    return
                except Exception as error:
                    if not is_outage(error):
                        raise
        finally:
            self.going.set()

    async def _after_presses(self, lane: str, update_id: int) -> None:
        """Wait until the button lane `lane` holds no press sent before `update_id`."""
        while not self.stopping and await self._earlier(lane, update_id):
            if lane not in self.running:
                self.kick(lane)
            event = self.progress.setdefault(lane, asyncio.Event())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), PROGRESS_CHECK_SECONDS)

    async def _earlier(self, lane: str, update_id: int) -> bool:
        async with self.runtime.db.session() as session:
            found = await session.scalar(
                select(QueuedUpdate.update_id)
                .where(QueuedUpdate.lane == lane, QueuedUpdate.update_id < update_id)
                .limit(1)
            )
        return found is not None

    async def _handle(self, update_id: int, update: Update) -> None:
        held = self.attempts.get(update_id, 0) < HOLD_ATTEMPTS
        if held:
            self.runtime.held.add(update_id)
        self.in_hand += 1
        began = time.perf_counter()
        try:
            await self.application.process_update(update)  # failures go to the error handler
        finally:
            self.in_hand -= 1
            self.runtime.held.discard(update_id)
            UPDATE_SECONDS.observe(time.perf_counter() - began)
            UPDATES.labels(_kind(update)).inc()
        if update_id in self.runtime.deferred:  # it failed for the database: it stays stored
            self.runtime.deferred.discard(update_id)
            if await takes_writes(self.runtime.db):
                self.attempts[update_id] = self.attempts.get(update_id, 0) + 1
            raise DatabaseAway(update_id)
        self.attempts.pop(update_id, None)
        async with self.runtime.db.session() as session:
            await session.execute(delete(QueuedUpdate).where(QueuedUpdate.update_id == update_id))
            await session.commit()

    async def _next(self, lane: str) -> list[tuple[int, str]]:
        async with self.runtime.db.session() as session:
            result = await session.execute(
                select(QueuedUpdate.update_id, QueuedUpdate.payload)
                .where(QueuedUpdate.lane == lane)
                .order_by(QueuedUpdate.update_id)
                .limit(BATCH)
            )
            return [(update_id, payload) for update_id, payload in result.all()]


def _kind(update: Update) -> str:
    """What an update is, for the count: a message, a button press, or another kind."""
    if update.callback_query is not None:
        return "button"
    return "message" if update.message is not None else "other"
