"""Long polling that confirms an update to Telegram only once it is stored.

PTB's own updater confirms updates (the next getUpdates `offset`) as soon as it has queued them in
memory, so a process killed with updates still in its queue loses them. Here each batch is first
stored in the database (bot/lanes.py) and only then confirmed; polling goes on while the lanes
handle what is stored — a chat's messages in order, its button presses apart, chats concurrently —
so no chat waits for another and a backlog waits in the database, not in Telegram. After a crash
the stored updates are handled at the next start; Telegram redelivers what was not yet stored,
and the processed-updates table makes a repeat harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from contextlib import AbstractAsyncContextManager

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot import heap
from bot.app import serving_offline
from bot.context import App
from bot.instance_lock import EXIT_CONFIG, EXIT_LOCK_LOST, AlreadyRunning, LockLost, hold_database
from bot.lanes import Lanes
from bot.web.server import WEBHOOK_PATH, Receive, webhook_secret
from bot.web.serving import metrics_server, web_server

log = logging.getLogger("manuscript.polling")
LONG_POLL_SECONDS = 10
CONNECT_RETRY_SECONDS = (1.0, 60.0)  # the first wait, and the longest, between connection tries


class PollingConflict(RuntimeError):
    """Telegram answered 409 Conflict: another process polls with this bot's token."""


async def serve(application: App, poll_interval: float) -> None:
    settings = application.bot_data.settings
    standby = settings.standby
    ending = _lost(standby)
    async with hold_database(settings.database_url, settings.data_dir, standby=standby) as held:
        application.bot_data.held = held
        await _serve(application, poll_interval, held.lost, ending)
    if held.lost.is_set():
        raise ending


def _lost(standby: bool) -> LockLost | AlreadyRunning:
    """How this instance ends once another has taken the database's lock."""
    if standby:
        return LockLost("this instance lost the deployment's lock; the standby serves now")
    return AlreadyRunning("another manuscript-bot took this database's lock while it was away")


async def _serve(
    application: App, poll_interval: float, lost: asyncio.Event, ending: RuntimeError
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    def stop_writing(_: object) -> None:
        if (
            lost.is_set()
        ):  # another serves: not one more write (the task is also cancelled at a stop)
            application.bot_data.fence()
            stop.set()
            _end_outright_if_stuck(ending)

    stop_when_lost = asyncio.create_task(lost.wait())
    stop_when_lost.add_done_callback(stop_writing)
    try:
        await _serve_until(application, poll_interval, stop)
    finally:
        stop_when_lost.cancel()


# A stop after the lock is lost may wait on a database that never answers (a route lost drops
# packets and closes nothing, so a query waits for TCP to give up: minutes).
STUCK_STOP_SECONDS = 5.0


def _end_outright_if_stuck(ending: RuntimeError) -> None:
    """End the process outright if its stop has not ended it within STUCK_STOP_SECONDS. By then
    it is fenced (it commits, sends and pushes nothing more), so it ends as a crash would, and
    the next start makes good what it left (bot/services/journal.py, the outbox)."""

    def end() -> None:
        log.error("the stop after losing the lock waits on the database still: ending now")
        print(f"manuscript-bot: {ending}", file=sys.stderr, flush=True)
        os._exit(EXIT_LOCK_LOST if isinstance(ending, LockLost) else EXIT_CONFIG)

    timer = threading.Timer(STUCK_STOP_SECONDS, end)
    timer.daemon = True  # a stop that ends in time ends the process with it
    timer.start()


async def _serve_until(application: App, poll_interval: float, stop: asyncio.Event) -> None:
    if not await reach_telegram(application, stop):
        return
    application.bot_data.stop = stop  # start-up waits for the database until it is set
    async with serving_offline(application):
        if stop.is_set():
            return
        await application.start()  # the job queue
        heap.settle()
        try:
            await _poll(application, poll_interval, stop)
        finally:
            await application.stop()


async def reach_telegram(application: App, stop: asyncio.Event) -> bool:
    """Ask Telegram who the bot is until it answers: without a network (or while Telegram fails)
    one line per try, waiting longer each time. A rejected token is not retried (InvalidToken);
    False when stopped while waiting."""
    delay = CONNECT_RETRY_SECONDS[0]
    while not stop.is_set():
        try:
            await application.initialize()
            return True
        except InvalidToken:
            raise
        except RetryAfter as error:
            wait = float(error.retry_after)  # type: ignore[arg-type]
            log.warning("Telegram asks to wait %.0f s before connecting", wait)
        except (NetworkError, TimedOut) as error:
            wait = delay
            delay = min(delay * 2, CONNECT_RETRY_SECONDS[1])
            log.warning("Telegram cannot be reached (%s); trying again in %.0f s", error, wait)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), wait)
    return False


async def _poll(application: App, poll_interval: float, stop: asyncio.Event) -> None:
    """Updates by long polling, or by webhook where the deployment says so; the reading view is
    served beside them whenever the deployment has a public address."""
    settings = application.bot_data.settings
    lanes = Lanes(application)
    await lanes.resume()  # what was stored but not handled before a restart
    webhook = settings.updates == "webhook"
    try:
        async with _web(application, lanes.queue if webhook else None):
            if webhook:
                await _take_webhook(application, stop)
            else:
                await application.bot.delete_webhook(drop_pending_updates=False)
                await _fetch(application, lanes, poll_interval, stop)
    finally:
        await lanes.close()


def _web(application: App, receive: Receive | None) -> AbstractAsyncContextManager[None]:
    settings = application.bot_data.settings
    if settings.public_url is not None:
        return web_server(application, receive)
    if settings.metrics_listen is not None:
        return metrics_server(application)
    return contextlib.nullcontext()


async def _take_webhook(application: App, stop: asyncio.Event) -> None:
    """Telegram posts each update to the webhook (bot/web/server.py), which answers once it is
    stored as polling stores it; a request without the secret is refused."""
    settings = application.bot_data.settings
    await application.bot.set_webhook(
        url=f"{settings.public_url}{WEBHOOK_PATH}",
        secret_token=webhook_secret(application.bot.token),
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
    )
    await stop.wait()


async def _fetch(
    application: App,
    lanes: Lanes,
    poll_interval: float,
    stop: asyncio.Event,
) -> None:
    """Fetch, store, confirm: the offset moves past a batch once it is stored, and polling goes
    on while the lanes handle it."""
    offset = 0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            application.bot.get_updates(
                offset=offset, timeout=LONG_POLL_SECONDS, allowed_updates=Update.ALL_TYPES
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await fetch
            break
        stopping.cancel()
        try:
            updates = fetch.result()
        except RetryAfter as error:
            await asyncio.sleep(float(error.retry_after))  # type: ignore[arg-type]
            continue
        except Conflict:
            raise PollingConflict(
                "another process is polling Telegram with this bot's token (409 Conflict); "
                "stopping this one — run one instance per bot"
            ) from None
        except (NetworkError, TimedOut) as error:
            log.warning("getUpdates failed (%s); trying again", error)
            await asyncio.sleep(max(poll_interval, 1.0))
            continue
        if updates:
            if not await lanes.queue(updates):  # stopped while the database was away
                break
            offset = updates[-1].update_id + 1  # stored: now they are confirmed
        elif poll_interval:
            await asyncio.sleep(poll_interval)
