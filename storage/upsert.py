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
    return _statement(session.get_bind().dialect.name, table)


@cache
def _statement(dialect: str, table: Table) -> Insert:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return statement.on_conflict_do_update(
        index_elements=list(table.primary_key),
        set_={c.name: statement.excluded[c.name] for c in table.columns if not c.primary_key},
    )
