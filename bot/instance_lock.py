"""One `manuscript-bot run` per data directory: an exclusive lock on a file in it, held for the
life of the process (the kernel drops it when the process dies, however it dies). Two instances
on the same repositories would write the same drafts; the second one refuses to start. On
PostgreSQL, an advisory lock does the same for the database."""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO

import asyncpg  # type: ignore[import-untyped]  # the driver SQLAlchemy uses, untyped
from sqlalchemy import make_url

LOCK_NAME = "manuscript.lock"


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


@asynccontextmanager
async def hold_database(database_url: str, data_dir: Path) -> AsyncIterator[None]:
    """On PostgreSQL, hold the deployment's advisory lock (AlreadyRunning, naming the holder,
    when another instance has it); on SQLite the data directory's lock already covers it."""
    if not database_url.startswith("postgresql"):
        yield
        return
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    me = f"manuscript-bot pid {os.getpid()} on {socket.gethostname()}, {data_dir}"[:63]
    connection = await asyncpg.connect(dsn, server_settings={"application_name": me})
    try:
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", ADVISORY_KEY):
            holder = await connection.fetchval(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid",
                ADVISORY_KEY,
            )
            raise AlreadyRunning(
                f"another manuscript-bot uses this database ({holder or 'an unknown process'}); "
                "stop it first"
            )
        yield
    finally:
        await connection.close()  # the lock goes with its session
