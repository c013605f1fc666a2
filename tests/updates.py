"""Telegram updates as the Bot API sends them, for tests that feed the poller's lanes."""

from __future__ import annotations

from typing import Any


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
