"""The polling loop and its lanes in-process (bot/polling.py, bot/lanes.py), against the
recording transport's getUpdates: a batch is confirmed to Telegram (the next `offset`) once it is
stored, polling goes on while a slow update is handled, one chat's messages stay in order while
another chat and the group's own buttons go on, and what was stored but not handled when the
process died is handled at the next start."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select
from telegram import Update

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.lanes import Lanes
from bot.offline import RecordingRequest
from bot.polling import _poll
from storage.migrate import migrate_url
from storage.models import QueuedUpdate
from tests.actors import CHAIR, GROUP, LI, OTHER_GROUP
from tests.updates import message, press, until


def _answers(transport: RecordingRequest) -> list[Any]:
    return [c for c in transport.calls if c.method == "sendMessage"]


def _holding(application: Any, slow: int, release: asyncio.Event) -> tuple[list[int], list[int]]:
    """Make update `slow` wait for `release`; return the ids started and finished."""
    started: list[int] = []
    finished: list[int] = []
    handle = application.process_update

    async def held(update: Any) -> None:
        started.append(update.update_id)
        if update.update_id == slow:
            await release.wait()
        await handle(update)
        finished.append(update.update_id)

    application.process_update = held
    return started, finished


async def _stored(application: Any) -> list[int]:
    """The ids of the updates still waiting in the database."""
    runtime = application.bot_data.runtime
    async with runtime.db.session() as session:
        return list((await session.scalars(select(QueuedUpdate.update_id))).all())


async def _application(settings: Settings, updates: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The real Application on a fresh database, its getUpdates serving `updates`."""
    await migrate_url(settings.database_url)
    transport = RecordingRequest()
    transport.updates = updates
    return build_application(settings, token="1:test", request=transport), transport


async def test_no_chat_waits_for_another_and_the_batch_is_confirmed_once_stored(
    settings: Settings,
) -> None:
    application, transport = await _application(
        settings,
        [
            message(1, GROUP.as_dict(), LI.as_dict()),
            message(2, GROUP.as_dict(), CHAIR.as_dict()),
            message(3, OTHER_GROUP.as_dict(), LI.as_dict()),
            press(4, GROUP.as_dict(), CHAIR.as_dict()),
        ],
    )
    async with serving_offline(application):
        release = asyncio.Event()
        started, finished = _holding(application, 1, release)
        stop = asyncio.Event()
        loop = asyncio.create_task(_poll(application, 0.01, stop))
        await until(lambda: {3, 4} <= set(finished))  # another chat, and the group's button
        await until(lambda: 5 in transport.offsets)  # confirmed: it is stored
        await asyncio.sleep(0.1)
        assert 2 not in started  # the group's second message waits behind its first
        transport.updates = []  # Telegram forgets what was confirmed
        release.set()
        await until(lambda: 2 in finished)
        stop.set()
        await loop
        assert finished[2:] == [1, 2] and set(finished[:2]) == {3, 4}
        await until(lambda: len(_answers(transport)) >= 3)  # the outbox sends them meanwhile
        assert len(_answers(transport)) == 3
        assert await _stored(application) == []


async def test_what_was_stored_but_not_handled_is_handled_at_the_next_start(
    settings: Settings,
) -> None:
    application, transport = await _application(settings, [])
    async with serving_offline(application):
        release = asyncio.Event()
        started, _ = _holding(application, 1, release)
        lanes = Lanes(application)
        updates = [message(n, GROUP.as_dict(), LI.as_dict()) for n in (1, 2)]
        await lanes.queue([Update.de_json(u, application.bot) for u in updates])
        await until(lambda: started == [1])
        for task in list(lanes.running.values()):  # the process dies with update 1 in hand
            task.cancel()
        await asyncio.sleep(0.05)
    assert _answers(transport) == []
    restarted = build_application(settings, token="1:test", request=transport)
    async with serving_offline(restarted):
        lanes = Lanes(restarted)
        await lanes.resume()
        await lanes.idle()
        await until(lambda: len(_answers(transport)) >= 2)  # the outbox sends them meanwhile
        answers = _answers(transport)
        assert [c.params["reply_parameters"]["message_id"] for c in answers] == [1, 2]
        assert await _stored(restarted) == []


async def test_a_message_waits_for_the_presses_sent_before_it_in_its_chat(
    settings: Settings,
) -> None:
    """The last votes by button, then the chair's `/close`: the close must count them."""
    application, transport = await _application(
        settings,
        [
            press(1, GROUP.as_dict(), LI.as_dict()),
            message(2, GROUP.as_dict(), CHAIR.as_dict()),
            press(3, GROUP.as_dict(), CHAIR.as_dict()),  # after the message: need not wait
        ],
    )
    async with serving_offline(application):
        release = asyncio.Event()
        started, finished = _holding(application, 1, release)
        stop = asyncio.Event()
        loop = asyncio.create_task(_poll(application, 0.01, stop))
        await until(lambda: 5 > max(transport.offsets, default=0) >= 4)
        await asyncio.sleep(0.3)
        assert started == [1]  # the message waits for the earlier press; the later press waits
        transport.updates = []  # in its lane behind the first
        release.set()
        await until(lambda: len(finished) == 3)
        stop.set()
        await loop
        assert finished.index(1) < finished.index(2)
