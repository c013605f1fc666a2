"""SQLite for the async engine without a thread hop per call.

SQLAlchemy's `sqlite+aiosqlite` dialect drives aiosqlite, which runs every cursor call on a
worker thread; a statement costs four hand-offs (≈ 0.45 ms here) while SQLite itself needs tens
of microseconds. These classes give that dialect the aiosqlite surface it uses, but run each
call at once on the event loop's own thread (measured in bench/RESULTS.md).

Running on the loop's thread is only safe while no second connection can wait on SQLite's
lock, since that wait would block the loop and with it the holder of the lock. `Database` gives
SQLite a pool of exactly one connection, so a second unit of work waits, asynchronously, for
the connection rather than for the lock. SQLite admits one writer at a time anyway, and every
unit of work writes (it records its update id first).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any


class Cursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, operation: str, parameters: Sequence[Any] = ()) -> Cursor:
        self._cursor.execute(operation, parameters)
        return self

    async def executemany(self, operation: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        self._cursor.executemany(operation, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class Connection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn: sqlite3.Connection | None = connection

    @property
    def _connection(self) -> sqlite3.Connection | None:
        """What the dialect checks to tell an open connection from a closed one."""
        return self._conn

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ValueError("no active connection")
        return self._conn

    @property
    def isolation_level(self) -> str | None:
        return self._open().isolation_level

    def cursor(self) -> Cursor:
        return Cursor(self._open().cursor())

    async def commit(self) -> None:
        self._open().commit()

    async def rollback(self) -> None:
        self._open().rollback()

    async def create_function(
        self, name: str, arity: int, function: Callable[..., Any], **kw: Any
    ) -> None:
        self._open().create_function(name, arity, function, **kw)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def creator(path: str, timeout: float) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: a coroutine per new connection."""

    async def connect() -> Connection:
        # The loop's thread is the only one that touches it; SQLAlchemy may close it from
        # another (garbage collection of a pool), which the check would refuse.
        return Connection(sqlite3.connect(path, timeout=timeout, check_same_thread=False))

    return connect
