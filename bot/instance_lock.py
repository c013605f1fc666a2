"""One `manuscript-bot run` per data directory: an exclusive lock on a file in it, held for the
life of the process (the kernel drops it when the process dies, however it dies). Two instances
on the same repositories would write the same drafts; the second one refuses to start. On
PostgreSQL, an advisory lock does the same for the database."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO

import asyncpg  # type: ignore[import-untyped]  # the driver SQLAlchemy uses, untyped
from sqlalchemy import make_url

LOCK_NAME = "manuscript.lock"
log = logging.getLogger("manuscript.instance")


class AlreadyRunning(RuntimeError):
    """Another process holds the data directory."""


def hold(data_dir: Path) -> IO[str]:
    """Take the data directory's lock, or raise AlreadyRunning naming the holder; keep the
    returned file open as long as the instance runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "an unknown process"
        handle.close()
        raise AlreadyRunning(
            f"another manuscript-bot is running on {data_dir} ({holder}); stop it first"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
    handle.flush()
    return handle


# On PostgreSQL one deployment may use another data directory (another machine) with the same
# database: an advisory lock, held on a connection of its own for the life of the process, keeps
# that second instance out too. Its connection's application_name names the holder.
ADVISORY_KEY = 0x6D616E7573637270  # "manuscrp"


LOCK_CHECK_SECONDS = 5.0  # how often the lock's connection is looked at
RECONNECT_SECONDS = (0.5, 10.0)  # the first wait, and the longest, between tries to take it back


@asynccontextmanager
async def hold_database(database_url: str, data_dir: Path) -> AsyncIterator[asyncio.Event]:
    """On PostgreSQL, hold the deployment's advisory lock (AlreadyRunning, naming the holder,
    when another instance has it); on SQLite the data directory's lock already covers it.

    A database restart ends the lock's session and with it the lock: it is taken again once the
    database is back. The event yielded is set if by then another instance has taken it — the
    caller stops serving."""
    lost = asyncio.Event()
    if not database_url.startswith("postgresql"):
        yield lost
        return
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    me = f"manuscript-bot pid {os.getpid()} on {socket.gethostname()}, {data_dir}"[:63]
    holder = _Holder(dsn, me)
    await holder.take()
    keeper = asyncio.create_task(holder.keep(lost))
    try:
        yield lost
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper
        await holder.release()


class _Holder:
    def __init__(self, dsn: str, name: str) -> None:
        self.dsn, self.name = dsn, name
        self.connection: asyncpg.Connection | None = None

    async def take(self) -> None:
        """Connect (waiting while the database is away) and take the lock, or AlreadyRunning."""
        delay = RECONNECT_SECONDS[0]
        while True:
            try:
                connection = await asyncpg.connect(
                    self.dsn, server_settings={"application_name": self.name}
                )
                break
            except (
                OSError,
                asyncpg.CannotConnectNowError,
                asyncpg.PostgresConnectionError,
            ) as error:
                log.warning("the database cannot be reached for the instance lock (%s)", error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_SECONDS[1])
        try:
            if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", ADVISORY_KEY):
                holder = await connection.fetchval(_HOLDER, ADVISORY_KEY)
                raise AlreadyRunning(
                    f"another manuscript-bot uses this database ({holder or 'an unknown process'}); "
                    "stop it first"
                )
        except BaseException:
            await connection.close()
            raise
        self.connection = connection

    async def keep(self, lost: asyncio.Event) -> None:
        """Look at the lock's session now and then; take the lock again when it has gone."""
        while True:
            await asyncio.sleep(LOCK_CHECK_SECONDS)
            try:
                assert self.connection is not None
                await self.connection.fetchval("SELECT 1")
                continue
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("the instance lock's session ended (%s); taking the lock again", error)
            await self.release()
            try:
                await self.take()
                log.warning("the instance lock is held again")
            except AlreadyRunning as error:
                log.error("%s: this instance stops serving", error)
                lost.set()
                return

    async def release(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                await self.connection.close()  # the lock goes with its session
            self.connection = None


_HOLDER = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
    "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid"
)
