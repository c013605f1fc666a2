"""Long-lived services shared by all handlers, created in the Application's post_init."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from drafts.store import DraftStore
from storage.database import Database


def utc_now() -> datetime:
    return datetime.now(UTC)


class ManualClock:
    """A clock moved by hand: the demo and the tests live through days in a second."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = (start or utc_now()).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    drafts: DraftStore
    clock: Callable[[], datetime] = field(default=utc_now)
    bot_username: str = ""  # known once the bot has asked Telegram who it is
    # Updates a lane holds and runs again when the database was away for them (bot/lanes.py):
    # the error handler puts such a failed one in `deferred` instead of apologising for it.
    held: set[int] = field(default_factory=set)
    deferred: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        # One fence: a commit refused for a passed term stops the drafts' writes too.
        self.drafts.fenced = self.db.fenced

    def fence(self) -> None:
        """The deployment's lock is lost: nothing more is written, in the database or a draft."""
        self.db.fenced.set()
