"""Async access to the project repositories: one writer per repository, all git off the loop."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from drafts.faults import GitError, RepositoryLocked, RepositoryUnwritable
from drafts.meta import META_PATH, Meta
from drafts.mirror import Mirror
from drafts.repository import BRANCH, DraftRepository

T = TypeVar("T")
log = logging.getLogger("manuscript.git")


class DraftStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "repositories"
        self._locks: dict[str, asyncio.Lock] = {}
        # Journaled writes of failed updates not settled yet (the database could not be asked,
        # or the undo itself failed): settled before the repository's next write
        # (bot/services/journal.py).
        self.unsettled: dict[str, set[str]] = {}
        self._reported: dict[str, str] = {}  # repository key -> the lock file reported
        self.listeners: list[Callable[[str], None]] = []  # told of each write (the mirror)
        self.mirror: Mirror | None = None  # where the repositories are pushed, if anywhere
        # Set when this instance has lost the deployment's lock: it writes nothing more.
        self.fenced = threading.Event()

    def repository(self, key: str, write_id: str | None = None) -> DraftRepository:
        # `key` is the project's generated repository key, never text a user typed.
        return DraftRepository(self.root / f"{key}.git", write_id)

    async def write(
        self, key: str, operation: Callable[[DraftRepository], T], write_id: str | None = None
    ) -> T:
        """Run a writing operation (its commits and tags signed with `write_id`); writes to one
        repository never overlap."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if self.fenced.is_set():
                raise RepositoryUnwritable("this instance no longer holds the deployment's lock")
            try:
                result = await asyncio.to_thread(self._written, key, operation, write_id)
            except RepositoryLocked:
                raise
            except (GitError, OSError) as error:
                log.error("repository %s could not be written: %s", key, error)
                raise RepositoryUnwritable(str(error)) from error
        if write_id is not None:  # a write landed: writable again, a new lock is worth telling
            self._reported.pop(key, None)
        for listener in self.listeners:
            listener(key)
        return result

    def _written(
        self, key: str, operation: Callable[[DraftRepository], T], write_id: str | None
    ) -> T:
        """The operation; with a standby, a journaled write is on the mirror before it returns
        (and so before its update is acknowledged): whoever takes over finds it there."""
        result = operation(self.repository(key, write_id))
        if write_id is not None and self.mirror is not None and self.mirror.standby:
            self.mirror.push_now(key)
        return result

    def first_report(self, key: str, lock: str) -> bool:
        """True the first time a repository's lock file is reported, until a write to it
        succeeds again: the chairs are told once, not at every refused write."""
        if self._reported.get(key) == lock:
            return False
        self._reported[key] = lock
        return True

    async def read(self, key: str, operation: Callable[[DraftRepository], T]) -> T:
        return await asyncio.to_thread(operation, self.repository(key))

    async def meta(self, key: str, ref: str = BRANCH) -> Meta | None:
        text = await self.read(key, lambda repo: repo.read(META_PATH, ref))
        return Meta.from_json(text) if text is not None else None


def find_by_code(data_dir: Path, code: str) -> DraftRepository | None:
    """The repository whose metadata carries this project code (the repositories alone suffice)."""
    for path in sorted((data_dir / "repositories").glob("*.git")):
        repo = DraftRepository(path)
        text = repo.read(META_PATH)
        if text is not None and Meta.from_json(text).code == code:
            return repo
    return None
