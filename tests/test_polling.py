"""The polling loop in-process (bot/polling.py), against the recording transport's getUpdates:
an update is confirmed to Telegram (the next `offset`) only once it has been handled, so a crash
redelivers what was in flight; one chat's updates are handled in order."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.offline import RecordingRequest
from bot.polling import _poll
from storage.migrate import migrate_url
from tests.actors import CHAIR, GROUP, LI, OTHER_GROUP


def _message(update_id: int, chat: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": chat,
            "from": user,
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


async def _until(condition: Any, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def test_an_update_is_confirmed_only_once_it_is_handled(settings: Settings) -> None:
    await migrate_url(settings.database_url)
    transport = RecordingRequest()
    transport.updates = [
        _message(1, GROUP.as_dict(), LI.as_dict()),
        _message(2, GROUP.as_dict(), CHAIR.as_dict()),
        _message(3, OTHER_GROUP.as_dict(), LI.as_dict()),
    ]
    application = build_application(settings, token="1:test", request=transport)
    async with serving_offline(application):
        release = asyncio.Event()
        started: list[int] = []
        finished: list[int] = []
        handle = application.process_update

        async def held(update: Any) -> None:
            started.append(update.update_id)
            if update.update_id == 1:
                await release.wait()  # the first of the group's updates is slow
            await handle(update)
            finished.append(update.update_id)

        application.process_update = held  # type: ignore[method-assign]
        stop = asyncio.Event()
        loop = asyncio.create_task(_poll(application, 0.01, stop))
        await _until(lambda: 3 in finished)  # the other chat does not wait for the group
        await asyncio.sleep(0.2)
        assert started == [1, 3]  # the group's second update waits behind its first
        assert all(offset <= 1 for offset in transport.offsets), transport.offsets
        release.set()
        await _until(lambda: 4 in transport.offsets)
        stop.set()
        await loop
        assert finished == [3, 1, 2]
        assert sorted(set(transport.offsets)) == [0, 4]
        answers = [c for c in transport.calls if c.method == "sendMessage"]
        assert len(answers) == 3
