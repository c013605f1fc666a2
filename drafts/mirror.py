"""Every project's repository pushed to the alliance's own git server (MANUSCRIPT_GIT_MIRROR) after
each write, in the background: never in an answer's way, retried with backoff while the server is
away, and after a restart whatever was written but not pushed (git itself says which: the refs a
repository has against the refs it last pushed, kept beside it).

A host that starts with repositories missing and a mirror clones them back before it serves.

With a standby (`run --standby`) the mirror is where the instance taking over finds the drafts:
there each journaled write is pushed before its update is acknowledged (`push_now`), and the
instance taking over fetches every repository from it before it serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from drafts.faults import GitError
from drafts.repository import DraftRepository

log = logging.getLogger("manuscript.mirror")
PUSHED = "mirror-pushed"  # in each repository: its refs as last pushed
RETRY_SECONDS = (1.0, 300.0)  # the first wait, and the longest, between tries of a failed push
Alert = Callable[[str, str, datetime | None], Awaitable[None]]  # key, error ("" once back), since


@dataclass(frozen=True)
class Lag:
    """How far a repository's mirror is behind: since when it has had writes not pushed, and
    since when pushing has failed (with git's words, credentials taken out)."""

    behind_since: datetime
    failing_since: datetime | None = None
    error: str = ""


def mirror_url(base: str, key: str) -> str:
    return f"{base.rstrip('/')}/{key}.git"


def without_secrets(text: str) -> str:
    """Git's words with any user and password of a URL taken out."""
    return re.sub(r"(\w+://)[^/@\s]+@", r"\1", text)


class Mirror:
    def __init__(
        self,
        base: str,
        root: Path,
        clock: Callable[[], datetime],
        alert_after: timedelta,
        alert: Alert,
    ) -> None:
        self.base, self.root, self.clock = base, root, clock
        self.alert_after, self.alert = alert_after, alert
        self.behind: dict[str, datetime] = {}
        self.writes: dict[str, int] = {}  # writes seen by repository: one during a push is kept
        self.failing: dict[str, tuple[datetime, str]] = {}
        # When to try a failed push again (monotonic seconds: a clock moved by hand in a test
        # or the demo must not stop it), and how long the wait was.
        self.retry_at: dict[str, tuple[float, float]] = {}
        self.alerted: set[str] = set()
        self.wake = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.standby = False  # a standby deployment: writes pushed before acknowledged, guarded
        self.fenced = threading.Event()  # set with the store's: this instance pushes no more
        self._pushing: dict[str, threading.Lock] = {}  # one push per repository at a time
        self._pushed_now: set[str] = set()

    def repository(self, key: str) -> DraftRepository:
        return DraftRepository(self.root / f"{key}.git")

    def written(self, key: str) -> None:
        """A write to `key` landed: push it soon (unless it was pushed on the way)."""
        if key in self._pushed_now:
            self._pushed_now.discard(key)
            return
        self.behind.setdefault(key, self.clock())
        self.writes[key] = self.writes.get(key, 0) + 1
        self.wake.set()

    def lag(self, key: str) -> Lag | None:
        """None when the mirror has every write of `key`."""
        since = self.behind.get(key)
        if since is None:
            return None
        failing, error = self.failing.get(key, (None, ""))
        return Lag(since, failing, error)

    async def restore(self, keys: list[str], *, refresh: bool = False) -> list[str]:
        """Clone back from the mirror every repository of `keys` this host does not have (and,
        taking over from another instance, make those it has what the mirror has); returns
        those restored. A repository the mirror cannot give raises GitError."""
        restored = []
        for key in keys:
            repo, url = self.repository(key), mirror_url(self.base, key)
            if not repo.exists():
                await asyncio.to_thread(repo.clone_mirror, url, PUSHED)
            elif refresh:
                await asyncio.to_thread(repo.fetch_mirror, url, PUSHED)
            else:
                continue
            restored.append(key)
            log.warning("repository %s restored from the mirror", key)
        return restored

    def push_now(self, key: str) -> None:
        """Push `key` now, in the caller's thread; GitError if the mirror does not take it."""
        self._push_once(key)
        self._pushed_now.add(key)

    def _push_once(self, key: str) -> None:
        if self.fenced.is_set():
            raise GitError("this instance no longer holds the deployment's lock")
        with self._pushing.setdefault(key, threading.Lock()):
            self.repository(key).push_mirror(
                mirror_url(self.base, key), PUSHED, guarded=self.standby
            )

    async def start(self) -> None:
        """Find what is not pushed yet (written before a restart), then push in the background."""
        now = self.clock()
        for path in sorted(self.root.glob("*.git")):
            repo = DraftRepository(path)
            if await asyncio.to_thread(repo.unpushed, PUSHED):
                self.behind.setdefault(path.name.removesuffix(".git"), now)
        self.task = asyncio.create_task(self._run())

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None

    async def _run(self) -> None:
        while True:
            self.wake.clear()
            for key in list(self.behind):
                due = self.retry_at.get(key)
                if due is None or due[0] <= time.monotonic():
                    await self._push(key)
            waits = [when - time.monotonic() for when, _ in self.retry_at.values()]
            timeout = max(0.05, min(waits)) if waits else None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout)

    async def _push(self, key: str) -> None:
        seen = self.writes.get(key, 0)
        try:
            await asyncio.to_thread(self._push_once, key)
        except Exception as error:  # whatever it is, the loop goes on and tries again
            await self._failed(key, without_secrets(str(error)))
            return
        if key in self.alerted:  # told before the lag clears: whoever sees it clear sees this
            self.alerted.discard(key)
            await self.alert(key, "", None)
        self.retry_at.pop(key, None)
        self.failing.pop(key, None)
        if self.writes.get(key, 0) == seen:
            self.behind.pop(key, None)
        else:  # written while it pushed: that write goes next
            self.behind[key] = self.clock()

    async def _failed(self, key: str, error: str) -> None:
        now = self.clock()
        since, _ = self.failing.get(key, (now, ""))
        self.failing[key] = (since, error)
        _, wait = self.retry_at.get(key, (0.0, RETRY_SECONDS[0] / 2))
        wait = min(wait * 2, RETRY_SECONDS[1])
        self.retry_at[key] = (time.monotonic() + wait, wait)
        log.warning("repository %s could not be pushed to its mirror: %s", key, error)
        if now - since >= self.alert_after and key not in self.alerted:
            self.alerted.add(key)
            await self.alert(key, error, since)
