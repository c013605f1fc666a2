"""Webhook mode over real HTTP: `run`'s serving loop sets the webhook with its secret, the server
answers an update once it is stored and handles it as polling does (once, however often Telegram
repeats it), and refuses requests without Telegram's secret header."""

from __future__ import annotations

import asyncio
import dataclasses
import socket

import httpx
import pytest

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.offline import RecordingRequest
from bot.polling import _poll
from bot.web.server import SECRET_HEADER, webhook_secret
from storage.migrate import migrate_url
from tests.actors import CHAIR, GROUP, LI
from tests.updates import message, until

pytestmark = pytest.mark.scenario


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_handles_each_stored_update_once_and_refuses_without_the_secret(
    settings: Settings,
) -> None:
    port = free_port()
    hooked = dataclasses.replace(
        settings,
        public_url="https://bot.example.org",
        updates="webhook",
        web_listen=("127.0.0.1", port),
    )
    await migrate_url(hooked.database_url)
    transport = RecordingRequest()
    application = build_application(hooked, token="1:test", request=transport)
    secret = webhook_secret("1:test")
    url = f"http://127.0.0.1:{port}/telegram"
    async with serving_offline(application):
        stop = asyncio.Event()
        serving = asyncio.create_task(_poll(application, 0.01, stop))
        await until(lambda: any(c.method == "setWebhook" for c in transport.calls))
        [hook] = [c for c in transport.calls if c.method == "setWebhook"]
        assert hook.params["url"] == "https://bot.example.org/telegram"
        assert hook.params["secret_token"] == secret
        assert not any(c.method in {"getUpdates", "deleteWebhook"} for c in transport.calls)
        [menu] = [c for c in transport.calls if c.method == "setChatMenuButton"]
        assert "chat_id" not in menu.params  # every private chat's, by default
        assert menu.params["menu_button"] == {
            "type": "web_app",
            "text": "阅读文稿",
            "web_app": {"url": "https://bot.example.org/app"},
        }
        first = message(101, GROUP.as_dict(), LI.as_dict())
        second = message(102, GROUP.as_dict(), CHAIR.as_dict())
        async with httpx.AsyncClient() as http:
            refused = await http.post(url, json=first)
            wrong = await http.post(url, json=first, headers={SECRET_HEADER: "x" * 64})
            taken = await http.post(url, json=first, headers={SECRET_HEADER: secret})
            repeated = await http.post(url, json=first, headers={SECRET_HEADER: secret})
            later = await http.post(url, json=second, headers={SECRET_HEADER: secret})
        assert (refused.status_code, wrong.status_code) == (403, 403)
        assert (taken.status_code, repeated.status_code, later.status_code) == (200, 200, 200)

        def answered() -> list[int]:
            return [
                c.params["reply_parameters"]["message_id"]
                for c in transport.calls
                if c.method == "sendMessage"
            ]

        await until(lambda: len(answered()) >= 2)
        await asyncio.sleep(0.2)
        assert sorted(answered()) == [101, 102]  # Telegram's repeat is handled once
        stop.set()
        await serving
