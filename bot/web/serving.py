"""The web server run inside the bot's event loop (uvicorn), for as long as the bot serves."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import uvicorn
from starlette.types import ASGIApp

from bot.context import App
from bot.web.metrics import metrics_app
from bot.web.server import Receive, web_app

log = logging.getLogger("manuscript.web")


class CannotListen(RuntimeError):
    """A listening address (MANUSCRIPT_WEB_LISTEN, MANUSCRIPT_METRICS_LISTEN) is taken or not
    this host's."""


def web_server(
    application: App, receive: Receive | None = None
) -> AbstractAsyncContextManager[None]:
    """The reading view (and /metrics, and with `receive` the webhook) on MANUSCRIPT_WEB_LISTEN."""
    host, port = application.bot_data.settings.web_listen
    return _serving(web_app(application, receive), host, port, "MANUSCRIPT_WEB_LISTEN")


def metrics_server(application: App) -> AbstractAsyncContextManager[None]:
    """/metrics alone on MANUSCRIPT_METRICS_LISTEN, for a bot that serves no reading view."""
    listen = application.bot_data.settings.metrics_listen
    assert listen is not None, "asked for only where it is set"
    return _serving(metrics_app(application), *listen, "MANUSCRIPT_METRICS_LISTEN")


@asynccontextmanager
async def _serving(app: ASGIApp, host: str, port: int, setting: str) -> AsyncIterator[None]:
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    if task.done():  # uvicorn exits (SystemExit) when it cannot bind
        raise CannotListen(f"cannot listen on {host}:{port} ({setting})")
    log.info("serving on %s:%s", host, port)
    try:
        yield
    finally:
        server.should_exit = True
        await task
