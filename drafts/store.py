"""Async access to the project repositories: one writer per repository, all git off the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from drafts.meta import META_PATH, Meta
from drafts.repository import BRANCH, DraftRepository

T = TypeVar("T")


class DraftStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "repositories"
        self._locks: dict[str, asyncio.Lock] = {}

    def repository(self, key: str) -> DraftRepository:
        # `key` is the project's generated repository key, never text a user typed.
        return DraftRepository(self.root / f"{key}.git")

    async def write(self, key: str, operation: Callable[[DraftRepository], T]) -> T:
        """Run a writing operation; writes to one repository never overlap."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            return await asyncio.to_thread(operation, self.repository(key))

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
