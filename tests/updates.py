"""Telegram updates as the Bot API sends them, for tests that feed the poller's lanes, and a
wait for what the lanes do with them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def until(condition: Callable[[], object], seconds: float = 10.0) -> None:
    """Wait until `condition()` holds, looking every 10 ms; AssertionError after `seconds`."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


def message(
    update_id: int, chat: dict[str, Any], user: dict[str, Any], text: str = "/help"
) -> dict[str, Any]:
    entities = (
        [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if text.startswith("/")
        else []
    )
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": chat,
            "from": user,
            "text": text,
            "entities": entities,
        },
    }


def press(
    update_id: int,
    chat: dict[str, Any],
    user: dict[str, Any],
    data: str = "zz:1",
    shown: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A press of the button carrying `data` under the bot's message `shown`."""
    shown = shown or {"message_id": 1, "date": 0, "chat": chat, "text": "旧消息"}
    query = {"id": str(update_id), "from": user, "chat_instance": "x", "message": shown}
    return {"update_id": update_id, "callback_query": query | {"data": data}}
