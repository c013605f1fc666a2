"""The web server run inside the bot's event loop (uvicorn), for as long as the bot serves."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn

from bot.context import App
from bot.web.server import Receive, web_app

log = logging.getLogger("manuscript.web")


class CannotListen(RuntimeError):
    """The address of MANUSCRIPT_WEB_LISTEN is taken or not this host's."""


@asynccontextmanager
async def web_server(application: App, receive: Receive | None = None) -> AsyncIterator[None]:
    host, port = application.bot_data.settings.web_listen
    config = uvicorn.Config(
        web_app(application, receive),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    if task.done():  # uvicorn exits (SystemExit) when it cannot bind
        raise CannotListen(f"cannot listen on {host}:{port} (MANUSCRIPT_WEB_LISTEN)")
    log.info("serving the reading view on %s:%s", host, port)
    try:
        yield
    finally:
        server.should_exit = True
        await task
