"""Telling a database that went away from a fault of the work.

PostgreSQL restarted, stopped for a while, or out of disk; SQLite's file on a full disk or locked
by another process for longer than the wait: the work was fine, the database was not there to
take it. Such work waits and runs again once the database answers (bot/lanes.py, bot/outbox/sender.py,
start-up); any other error is the work's own and is answered as such.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import delete, insert
from sqlalchemy.exc import DBAPIError

from storage.database import Database
from storage.models import ProcessedUpdate

log = logging.getLogger("manuscript.database")

# SQLSTATE classes of a database that is not there: 08 connection exception, 57P operator
# intervention (shutting down, starting up, crashed), 53 insufficient resources (disk full).
_GONE_STATES = ("08", "57P", "53")
# What SQLite says when its file cannot be written or reached (sqlite3.OperationalError's text).
_SQLITE_GONE = (
    "database or disk is full",
    "disk i/o error",
    "database is locked",
    "unable to open database",
    "attempt to write a readonly database",
)
BACK_WAIT_SECONDS = (0.5, 10.0)  # the first wait, and the longest, between looks at the database


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what caused it, and the driver's own error a SQLAlchemy error wraps."""
    seen: set[int] = set()
    waiting: list[BaseException] = [error]
    while waiting:
        current = waiting.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for found in (getattr(current, "orig", None), current.__cause__ or current.__context__):
            if isinstance(found, BaseException):
                waiting.append(found)


def is_outage(error: BaseException) -> bool:
    """The database was not there for this work (see the module's docstring)."""
    for cause in _chain(error):
        if isinstance(cause, DBAPIError) and cause.connection_invalidated:
            return True
        if isinstance(cause, ConnectionError | TimeoutError | socket.gaierror):
            return True
        state = getattr(cause, "sqlstate", None)
        if isinstance(state, str) and state.startswith(_GONE_STATES):
            return True
        if isinstance(cause, sqlite3.OperationalError) and str(cause).lower().startswith(
            _SQLITE_GONE
        ):
            return True
    return False


# A write that proves the database takes writes again (a full disk answers reads, not commits):
# a row of an id Telegram never uses, added and removed in one committed transaction — the
# commit writes (the journal, the write-ahead log) and leaves no row behind.
_PROBE_ID = 0


async def takes_writes(db: Database) -> bool:
    """Whether the database commits a write now."""
    try:
        async with db.session() as session:
            await session.execute(
                insert(ProcessedUpdate.table()),
                {"update_id": _PROBE_ID, "handled_at": datetime.now(UTC)},
            )
            await session.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.update_id == _PROBE_ID)
            )
            await session.commit()
        return True
    except Exception as error:
        if is_outage(error):
            return False
        raise


async def until_back(db: Database, stop: asyncio.Event | None = None) -> bool:
    """Wait until the database takes writes, looking less often the longer it is away; one log
    line when it is found away and one when it is back. False when `stop` was set meanwhile."""
    if await takes_writes(db):
        return True
    log.warning("the database cannot be reached; work waits until it is back")
    delay = BACK_WAIT_SECONDS[0]
    while stop is None or not stop.is_set():
        if stop is None:
            await asyncio.sleep(delay)
        else:
            try:
                await asyncio.wait_for(stop.wait(), delay)
                return False
            except TimeoutError:
                pass
        if await takes_writes(db):
            log.warning("the database is back")
            return True
        delay = min(delay * 2, BACK_WAIT_SECONDS[1])
    return False
