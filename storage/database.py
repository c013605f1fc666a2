"""The async engine and session factory, created inside the running event loop."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Connection, event, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import inline_sqlite


class Fenced(RuntimeError):
    """This instance has lost the deployment's lock: another serves now, and it writes nothing."""


class Database:
    def __init__(
        self, url: str, term: int | None = None, fresh: Callable[[], bool] | None = None
    ) -> None:
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **_engine_options(url))
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        # Set when the deployment's lock is lost (bot/instance_lock.py): from then on no
        # transaction of this instance commits, whichever connection it is on. With a standby,
        # each commit also checks that this instance's term has not passed: one that took the
        # lock since raised it, and a commit the moment after is refused, not only after the
        # lock's loss is noticed. (FOR SHARE: the raise waits for commits already checked.)
        self.fenced = threading.Event()
        self.term = term
        self._fresh = fresh  # whether the lock was seen held lately (bot/instance_lock.py)
        event.listen(self.engine.sync_engine, "commit", self._unless_fenced)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()

    def serving(self) -> bool:
        """Whether this instance may act outside the database now (send a message): not
        fenced, and its lock seen held lately — a process just back from being frozen has not
        looked yet, and another may serve by now."""
        return not self.fenced.is_set() and (self._fresh is None or self._fresh())

    def _unless_fenced(self, connection: Connection) -> None:
        if self.fenced.is_set():
            raise Fenced("this instance no longer holds the deployment's lock")
        if self.term is not None:
            now = connection.exec_driver_sql(_TERM).scalar()
            if now != self.term:
                self.fenced.set()
                raise Fenced(f"another instance serves now (term {now}, this one's {self.term})")


_TERM = "SELECT term FROM deployment_term WHERE id = 1 FOR SHARE"


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
    # Named after the process, as the instance lock's connection is: an operator sees which
    # instance each connection belongs to, and a standby taking over ends the former holder's.
    name = {"application_name": instance_name()}
    return {"pool_pre_ping": True, "connect_args": {"server_settings": name}}


def instance_name() -> str:
    """This process, as its database connections are named: `manuscript-bot pid N on host`."""
    return f"manuscript-bot pid {os.getpid()} on {socket.gethostname()}"[:48]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
