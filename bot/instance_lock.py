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
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import asyncpg  # type: ignore[import-untyped]  # the driver SQLAlchemy uses, untyped
from sqlalchemy import make_url

from storage.database import instance_name

LOCK_NAME = "manuscript.lock"
log = logging.getLogger("manuscript.instance")


class AlreadyRunning(RuntimeError):
    """Another process holds the data directory."""


EXIT_CONFIG = 2  # the process's status when it cannot serve as configured: see bot/cli.py
EXIT_LOCK_LOST = 4  # the standby serves now: restarted, this one becomes the standby


class LockLost(RuntimeError):
    """A standby deployment's holder lost the lock: another instance serves; restarted, this one
    becomes the standby."""


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
# With a standby (`run --standby`), the holder looks at its lock every second and stops writing
# the moment it has lost it. The standby, once it has the lock, ends the former holder's
# sessions and raises the term (its commits are refused from then on), then waits out the
# grace before it fetches the drafts: a push of the former holder's still under way lands first.
STANDBY_CHECK_SECONDS = 1.0
LEASE_SECONDS = 2.5  # a look older than this, and the lock may be another's: nothing is sent
TAKEOVER_GRACE_SECONDS = 2.5
# A holder that stops looking at its lock (its process hung, its host gone) loses it after this
# long: the database ends the lock's idle session (it looks every STANDBY_CHECK_SECONDS).
HUNG_SECONDS = 4
# A host that vanishes without closing its connection (power, network) is dropped by the
# database within about six seconds, and its lock with it, instead of TCP's two hours.
KEEPALIVES = {
    "tcp_keepalives_idle": "3",
    "tcp_keepalives_interval": "1",
    "tcp_keepalives_count": "3",
}


@dataclass
class Held:
    """The deployment's lock as held: `lost` is set once this instance must stop serving (another
    took the lock; with a standby, as soon as the lock's session ends); `took_over_from` names
    the holder a standby waited for."""

    lost: asyncio.Event
    took_over_from: str | None = None
    term: int | None = None  # a standby deployment's, raised by this instance (storage/database.py)
    told: bool = False  # the operators have heard of the takeover
    # With a standby, when the lock was last seen held (monotonic seconds): a process that was
    # frozen or starved cannot know it still holds it until it has looked again (`fresh`).
    renewed: float | None = None

    def fresh(self) -> bool:
        return self.renewed is None or time.monotonic() - self.renewed <= LEASE_SECONDS


@asynccontextmanager
async def hold_database(
    database_url: str, data_dir: Path, *, standby: bool = False
) -> AsyncIterator[Held]:
    """On PostgreSQL, hold the deployment's advisory lock (AlreadyRunning, naming the holder,
    when another instance has it); on SQLite the data directory's lock already covers it.

    A database restart ends the lock's session and with it the lock: it is taken again once the
    database is back, and `lost` is set if by then another instance has taken it — the caller
    stops serving. A standby instead waits while another holds it, and gives it up for good the
    moment its session ends: another is waiting to take it."""
    held = Held(asyncio.Event())
    if not database_url.startswith("postgresql"):
        yield held
        return
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    holder = _Holder(dsn, _holder_name(data_dir))
    if standby:
        held.took_over_from, held.term = await holder.wait()
        held.renewed = time.monotonic()
        keeper = asyncio.create_task(holder.fence(held))
    else:
        await holder.take()
        keeper = asyncio.create_task(holder.keep(held.lost))
    try:
        yield held
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper
        await holder.release()


def _holder_name(data_dir: Path) -> str:
    """Who holds the lock, in the 63 bytes of an application_name: the data directory's end,
    which tells two hosts' folders apart, is what is kept."""
    head = f"{instance_name()}, "
    folder = str(data_dir)
    room = 63 - len(head.encode())
    if len(folder.encode()) > room:
        while folder and len(folder.encode()) > room - 3:
            folder = folder[1:]
        folder = "..." + folder
    return head + folder


class _Holder:
    def __init__(self, dsn: str, name: str) -> None:
        self.dsn, self.name = dsn, name
        self.connection: asyncpg.Connection | None = None

    async def connect(self) -> asyncpg.Connection:
        """The lock's own connection, waiting while the database is away."""
        delay = RECONNECT_SECONDS[0]
        while True:
            try:
                return await asyncpg.connect(
                    self.dsn, server_settings={"application_name": self.name, **KEEPALIVES}
                )
            except (
                OSError,
                asyncpg.CannotConnectNowError,
                asyncpg.PostgresConnectionError,
            ) as error:
                log.warning("the database cannot be reached for the instance lock (%s)", error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_SECONDS[1])

    async def take(self) -> None:
        """Connect and take the lock, or AlreadyRunning."""
        connection = await self.connect()
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

    async def wait(self) -> tuple[str | None, int]:
        """As a standby: wait until the lock is free and take it, raise the deployment's term
        (the former holder's transactions commit no more), then wait out the grace it has to
        stop writing to the drafts; returns the holder waited for, if any, and the term."""
        previous: str | None = None
        while True:
            connection = await self.connect()
            try:
                if await connection.fetchval("SELECT pg_try_advisory_lock($1)", ADVISORY_KEY):
                    break
                previous = await connection.fetchval(_HOLDER, ADVISORY_KEY) or "an unknown process"
                log.warning("standby: waiting while %s holds the deployment's lock", previous)
                await connection.execute("SELECT pg_advisory_lock($1)", ADVISORY_KEY)
                break
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("standby: the lock's session ended while waiting (%s)", error)
                with contextlib.suppress(Exception):
                    await connection.close()
        self.connection = connection
        if previous is not None:  # its transactions may hold locks (a frozen process): ended
            ended = await connection.fetchval(_END_FORMER, previous.split(", ")[0])
            log.warning("standby: %s connection(s) of the former holder ended", ended)
        if connection.get_server_version() >= (14,):  # PostgreSQL 13 lacks it: keepalives only
            await connection.execute(f"SET idle_session_timeout = '{HUNG_SECONDS}s'")
        term = int(await connection.fetchval(_NEXT_TERM))
        await asyncio.sleep(TAKEOVER_GRACE_SECONDS)
        log.warning("standby: the deployment's lock is ours, term %s (held by %s)", term, previous)
        return previous, term

    async def fence(self, held: Held) -> None:
        """As a standby deployment's holder: the moment the lock's session ends, stop — the
        standby takes over; this instance never takes the lock back under it."""
        while True:
            await asyncio.sleep(STANDBY_CHECK_SECONDS)
            try:
                assert self.connection is not None
                await asyncio.wait_for(
                    self.connection.fetchval("SELECT 1"), 2 * STANDBY_CHECK_SECONDS
                )
                held.renewed = time.monotonic()
            except Exception as error:  # a lock that cannot be seen held may be another's by now
                log.error("the deployment's lock is lost (%r): this instance stops writing", error)
                held.lost.set()
                return

    async def release(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                await self.connection.close()  # the lock goes with its session
            self.connection = None


_END_FORMER = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND (application_name = $1 OR starts_with(application_name, $1 || ','))"
)
_NEXT_TERM = (
    "INSERT INTO deployment_term (id, term) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET term = deployment_term.term + 1 RETURNING term"
)
_HOLDER = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
    "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid"
)
