"""What the Application holds for its handlers, typed: PTB's `ContextTypes` makes `bot_data` a
`BotData`, so a handler reads `context.bot_data.runtime` — no string keys, and mypy sees it.

`build_application` sets the settings, the clock and the pace; `post_init` the runtime and the
outbox (they live inside the running loop). Reading one before it is set is a programming error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Settings
from bot.i18n import Msg
from bot.runtime import Runtime

if TYPE_CHECKING:
    from bot.instance_lock import Held
    from bot.outbox.sender import Outbox, Pace


class Operators(Protocol):
    """Who is told what needs an operator (handlers/operators.py)."""

    async def tell(self, kind: str, message: Msg, quiet: timedelta = ...) -> None: ...

    def office_failed(self, error: str) -> None: ...


@dataclass
class BotData:
    # PTB makes it with no arguments; everything is set before the first update.
    _settings: Settings | None = None
    _clock: Callable[[], datetime] | None = None
    _pace: Pace | None = None
    _runtime: Runtime | None = None
    _outbox: Outbox | None = None
    stop: asyncio.Event | None = None  # set by `run` on SIGTERM: start-up stops waiting then
    menu_retry: asyncio.Task[None] | None = None  # the command menu, tried again in the background
    operators: Operators | None = None  # set by post_init
    held: Held | None = None  # the deployment's lock, as `run` holds it (bot/instance_lock.py)

    def configure(self, settings: Settings, clock: Callable[[], datetime], pace: Pace) -> None:
        self._settings, self._clock, self._pace = settings, clock, pace

    def serve(self, runtime: Runtime, outbox: Outbox) -> None:
        self._runtime, self._outbox = runtime, outbox

    @property
    def settings(self) -> Settings:
        assert self._settings is not None, "set by build_application"
        return self._settings

    @property
    def clock(self) -> Callable[[], datetime]:
        assert self._clock is not None, "set by build_application"
        return self._clock

    @property
    def pace(self) -> Pace:
        assert self._pace is not None, "set by build_application"
        return self._pace

    def fence(self) -> None:
        if self._runtime is not None:
            self._runtime.fence()

    @property
    def runtime(self) -> Runtime:
        assert self._runtime is not None, "set by post_init"
        return self._runtime

    @property
    def outbox(self) -> Outbox:
        assert self._outbox is not None, "set by post_init"
        return self._outbox

    @property
    def has_runtime(self) -> bool:
        return self._runtime is not None

    @property
    def has_outbox(self) -> bool:
        return self._outbox is not None


# The Application's other type parameters (the bot, the user and chat data, the job queue) are
# PTB's defaults; what the code reads through them is `bot_data`.
Context: TypeAlias = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
App: TypeAlias = Application[Any, Any, Any, Any, BotData, Any]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
