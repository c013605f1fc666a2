"""Long-lived services shared by all handlers, created in the Application's post_init."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Settings
from drafts.store import DraftStore
from storage.database import Database


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    drafts: DraftStore
    clock: Callable[[], datetime] = field(default=utc_now)
    bot_username: str = ""  # known once the bot has asked Telegram who it is
