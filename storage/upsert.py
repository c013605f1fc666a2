"""INSERT … ON CONFLICT DO UPDATE, built once per dialect: SQLite's and PostgreSQL's share the form."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert


def replace_row(session: AsyncSession, table: Table) -> Insert:
    """A statement that inserts a row of `table`, or replaces the non-key columns of the row with
    its primary key: one write, no read before it, no race between two writers of the row."""
    return _statement(session.get_bind().dialect.name, table, None)


def replace_older_row(session: AsyncSession, table: Table, order: str) -> Insert:
    """Like `replace_row`, but an existing row is replaced only when its column `order` is NULL
    or lower than the new row's: the database decides, so of two writers racing, the later in
    that order stands whichever commits last (the statement then changes no row)."""
    return _statement(session.get_bind().dialect.name, table, order)


@cache
def _statement(dialect: str, table: Table, order: str | None) -> Insert:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    existing = table.c[order] if order else None
    return statement.on_conflict_do_update(
        index_elements=list(table.primary_key),
        set_={c.name: statement.excluded[c.name] for c in table.columns if not c.primary_key},
        where=None
        if existing is None
        else (existing.is_(None) | (existing < statement.excluded[existing.name])),
    )
