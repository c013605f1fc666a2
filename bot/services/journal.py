"""The journal of repository writes: the database and the repository agree after any failure.

Each write an update makes to a project's repository gets an id, carried by its commits and tags
(trailer `Write: <id>`), and a `repository_writes` row added to the update's own transaction. So
the row exists exactly when the update's database side committed. A write in the history without
its row is an orphan: the database commit failed, or the process died between the two. It is
taken back (`DraftRepository.undo`, trailer `Undoes: <id>`) — at once when the update fails, at
the project's next write when the database could not be asked then, and at every start — and
the update, never acknowledged, runs again from the queue or is sent again by its author: its
effect lands once. (The id is not recorded before the write in a transaction of its own: on
SQLite the update's transaction already holds the only write lock.)
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from datetime import datetime
from enum import Enum
from functools import partial

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from drafts.faults import RepositoryLocked, RepositoryUnwritable
from drafts.repository import DraftRepository
from drafts.store import DraftStore
from storage.database import Database
from storage.models import RepositoryWrite

log = logging.getLogger("manuscript.journal")

Write = tuple[str, str]  # (repository key, write id)


class Settled(Enum):
    NOTHING = "nothing"  # nothing of the update remains: it was rolled back and taken back
    KEPT = "kept"  # its database side did commit: its effects stand
    UNKNOWN = "unknown"  # the database could not be asked: settled at the next write or start
    UNDOING = "undoing"  # not recorded, but its write could not be taken back yet: next write


async def settle(
    db: Database, drafts: DraftStore, writes: Collection[Write], now: datetime
) -> Settled:
    """After an update failed: take back its writes unless their database side committed."""
    if not writes:
        return Settled.NOTHING
    try:
        async with db.session() as session:
            landed = await _landed(session, [write_id for _, write_id in writes])
    except (SQLAlchemyError, OSError) as error:
        log.error("the database could not be asked about writes %s (%s)", _ids(writes), error)
        for key, write_id in writes:
            drafts.unsettled.setdefault(key, set()).add(write_id)
        return Settled.UNKNOWN
    if landed:
        return Settled.KEPT
    # A write that cannot be undone yet (the disk is full) is still in the draft: not "nothing".
    undone = await take_back(drafts, list(writes)[::-1], now)
    return Settled.NOTHING if undone else Settled.UNDOING


async def take_back(drafts: DraftStore, newest_first: Iterable[Write], now: datetime) -> bool:
    """Undo these writes in this order (a later write's files are restored before an earlier
    one's); one that cannot be undone now waits for the next try. True when all were."""
    undone = True
    for key, write_id in newest_first:
        try:
            sha = await drafts.write(key, partial(_undo, write_id=write_id, now=now))
        except (RepositoryUnwritable, RepositoryLocked) as error:
            log.error("write %s could not be taken back yet (%s)", write_id, error)
            drafts.unsettled.setdefault(key, set()).add(write_id)
            undone = False
            continue
        drafts.unsettled.get(key, set()).discard(write_id)
        if sha is not None:
            log.warning("write %s: its database side failed; taken back by %s", write_id, sha[:12])
    return undone


def _undo(repo: DraftRepository, write_id: str, now: datetime) -> str | None:
    return repo.undo(write_id, now)


async def settle_unsettled(
    session: AsyncSession, drafts: DraftStore, key: str, now: datetime
) -> None:
    """Before a repository's next write: settle the writes left unsettled by earlier failures."""
    pending = set(drafts.unsettled.get(key, ()))
    if not pending:
        return
    # Each stays unsettled until known: the database may fail again while it is asked.
    landed = await _landed(session, list(pending))
    written = await drafts.read(key, DraftRepository.write_ids)  # to undo the newest first
    left = drafts.unsettled.setdefault(key, set())
    left -= landed | (pending - set(written))  # kept, or not in the history: nothing to undo
    await take_back(drafts, [(key, w) for w in written if w in pending - landed], now)
    if not left:
        drafts.unsettled.pop(key, None)


async def orphans(
    session: AsyncSession, drafts: DraftStore, key: str, project_id: int
) -> list[str]:
    """Writes in a repository's history whose database side never committed and that were not
    taken back, newest first."""
    written, undone = await drafts.read(key, _history)
    candidates = [w for w in written if w not in undone]
    if not candidates:
        return []
    known = await _landed(session, candidates)
    return [w for w in candidates if w not in known]


def _history(repo: DraftRepository) -> tuple[list[str], set[str]]:
    return repo.write_ids(), repo.undone_ids()


async def _landed(session: AsyncSession, ids: list[str]) -> set[str]:
    """Which of these writes have their row (asked in slices: a long history has thousands)."""
    found: set[str] = set()
    for at in range(0, len(ids), _SLICE):
        query = select(RepositoryWrite.id).where(RepositoryWrite.id.in_(ids[at : at + _SLICE]))
        found.update(await session.scalars(query))
    return found


_SLICE = 500


def _ids(writes: Iterable[Write]) -> str:
    return ", ".join(write_id for _, write_id in writes)
