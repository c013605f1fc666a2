"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.database import Database
from storage.migrate import alembic_config, upgrade
from storage.models import Base


async def test_migrated_schema_matches_the_models(db_url: str) -> None:
    database = Database(db_url)
    try:
        await upgrade(database)
        await upgrade(database)  # a second run is a no-op
        async with database.engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
                )
            )
        assert differences == []
    finally:
        await database.dispose()


async def test_downgrade_to_nothing_and_back(db_url: str) -> None:
    database = Database(db_url)
    try:
        await upgrade(database)
        async with database.engine.begin() as connection:
            await connection.run_sync(lambda sync: command.downgrade(alembic_config(sync), "base"))
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert tables == ["alembic_version"]
        await upgrade(database)
    finally:
        await database.dispose()
