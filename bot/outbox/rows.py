"""Outbox rows as the work of an update stores them: their states, and one insert for all of an
update's rows (the senders of bot/outbox/sender.py read them back through the model)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, OutboxState

PENDING, SENT, REFUSED, SUPERSEDED = OutboxState
SENT_STATES = (SENT, REFUSED, SUPERSEDED)

OUTBOX = cast(Table, OutboxMessage.__table__)  # the table itself: inserts skip the ORM
OutboxRow = Mapping[str, Any]  # an outbox row's columns, as handlers/outgoing.py renders them


async def enqueue(session: AsyncSession, rows: Sequence[OutboxRow]) -> None:
    """Add the rows to the session's transaction, in order, in one statement: an answer costs its
    update one round trip to the database, not an ORM flush of each row."""
    if rows:
        await session.execute(insert(OUTBOX), list(rows))
