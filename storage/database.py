"""The async engine and session factory, created inside the running event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import inline_sqlite


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **_engine_options(url))
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


# How long a unit of work waits for SQLite (its one connection, or a lock held by another process).
SQLITE_WAIT_SECONDS = 30


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # One connection, driven on the loop's thread: see storage/inline_sqlite.py.
        return {
            "async_creator": inline_sqlite.creator(
                make_url(url).database or "", SQLITE_WAIT_SECONDS
            ),
            "pool_size": 1,
            "max_overflow": 0,
            "pool_timeout": SQLITE_WAIT_SECONDS,
        }
    return {"pool_pre_ping": True}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
