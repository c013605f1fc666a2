"""Prometheus's /metrics: updates handled and their time, 429s met, the outbox's depth and oldest
message by chat, a mirror's lag, PDF conversions; answered to a direct local connection only,
on the reading view's server or, where none runs, on its own port."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import shutil
from pathlib import Path

import httpx
import pytest

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.offline import RecordingRequest
from bot.polling import _poll
from bot.web.server import web_app
from storage.migrate import migrate_url
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, Clock, drafting, make_settings, started, with_project
from tests.test_webhook import free_port
from tests.updates import message, until

pytestmark = pytest.mark.scenario


def figure(text: str, name: str, **labels: str) -> float:
    """A sample's value in Prometheus's text format (0 when there is none)."""
    shown = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{re.escape(name)}{re.escape('{' + shown + '}') if shown else ''} (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    return float(found[1]) if found else 0.0


async def scrape(
    bot: Bot, client: tuple[str, int] = ("127.0.0.1", 5000), **headers: str
) -> httpx.Response:
    transport = httpx.ASGITransport(app=web_app(bot.sim.application), client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8080") as http:
        return await http.get("/metrics", headers=headers)


async def test_the_outbox_waiting_in_a_busy_group_is_counted_by_chat(drafting_bot: Bot) -> None:
    bot = drafting_bot
    for n in range(25):  # more than Telegram takes into a group in a minute: the rest waits
        await bot.sim.send(ZHANG, GROUP, f"/section 4.{1 + n % 2}", settle=False)
    text = (await scrape(bot)).text
    waiting = figure(text, "manuscript_outbox_depth", chat=str(GROUP.id))
    assert 1 <= waiting <= 25
    assert figure(text, "manuscript_outbox_oldest_seconds", chat=str(GROUP.id)) >= 0
    await bot.sim.settle()
    assert figure((await scrape(bot)).text, "manuscript_outbox_depth", chat=str(GROUP.id)) == 0


async def test_only_a_direct_local_connection_is_answered(drafting_bot: Bot) -> None:
    bot = drafting_bot
    assert (await scrape(bot)).status_code == 200
    assert (await scrape(bot, **{"X-Forwarded-For": "203.0.113.9"})).status_code == 404
    assert (await scrape(bot, client=("10.1.2.3", 5000))).status_code == 404


async def test_a_mirror_s_lag_is_shown_by_repository(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    base = tmp_path / "mirror"
    settings = dataclasses.replace(make_settings(tmp_path, db_url), git_mirror=str(base))
    async with started(settings, clock) as bot:
        await drafting(await with_project(bot))
        mirror = bot.runtime.drafts.mirror
        assert mirror is not None
        key = (await bot.repository()).path.name.removesuffix(".git")
        await until(lambda: mirror.lag(key) is None)
        assert (
            figure((await scrape(bot)).text, "manuscript_mirror_lag_seconds", repository=key) == 0
        )
        shutil.rmtree(base / f"{key}.git")
        (base / f"{key}.git").write_text("not a repository")  # the mirror refuses what follows
        await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
        await bot.say(LI, GROUP, "/accept #1")
        await until(lambda: (lag := mirror.lag(key)) is not None and bool(lag.error))
        clock.advance(minutes=5)
        lag_seconds = figure(
            (await scrape(bot)).text, "manuscript_mirror_lag_seconds", repository=key
        )
        assert lag_seconds >= 300


async def test_updates_and_429s_are_counted_on_the_metrics_port_of_a_bot_without_a_page(
    settings: Settings,
) -> None:
    port = free_port()
    polled = dataclasses.replace(settings, metrics_listen=("127.0.0.1", port))
    await migrate_url(polled.database_url)
    transport = RecordingRequest()
    transport.failures["sendMessage"] = [429]  # the first answer meets Telegram's flood limit
    application = build_application(polled, token="1:test", request=transport)
    url = f"http://127.0.0.1:{port}/metrics"
    async with serving_offline(application):
        stop = asyncio.Event()
        serving = asyncio.create_task(_poll(application, 0.01, stop))
        async with httpx.AsyncClient() as http:
            await until(lambda: any(c.method == "deleteWebhook" for c in transport.calls))
            await asyncio.sleep(0.2)  # listening
            before = (await http.get(url)).text
            transport.updates += [
                message(201, GROUP.as_dict(), CHAIR.as_dict()),
                message(202, GROUP.as_dict(), LI.as_dict()),
            ]
            # Both answered (the first after the wait its 429 asked for, which no call records).
            await until(lambda: sum(c.method == "sendMessage" for c in transport.calls) >= 2)
            after = (await http.get(url)).text
        stop.set()
        await serving

    def grew(name: str, **labels: str) -> float:
        return figure(after, name, **labels) - figure(before, name, **labels)

    assert grew("manuscript_updates_handled_total", kind="message") == 2
    assert grew("manuscript_update_seconds_count") == 2
    assert grew("manuscript_telegram_retry_after_total") == 1
