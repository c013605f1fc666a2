"""The standby's lock and fences, in process on PostgreSQL: a standby waits while another holds
the deployment's lock and takes it when the holder's session ends; the former holder learns it
has lost the lock within two seconds, and from the moment the standby has the lock, none of the
former holder's transactions commits, whichever connection it is on. (End to end, with two
`run --standby` processes killed in busy work: tests/e2e/test_standby.py.)"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import func, select

from bot import instance_lock
from bot.instance_lock import hold_database
from storage.database import Database, Fenced
from storage.migrate import migrate_url
from storage.models import ProcessedUpdate


def _postgres(db_url: str) -> str:
    if not db_url.startswith("postgresql"):
        pytest.skip("a standby runs on PostgreSQL")
    return db_url.replace("+asyncpg", "")


async def _record(db: Database, update_id: int) -> None:
    async with db.session() as session:
        session.add(ProcessedUpdate(update_id=update_id, handled_at=datetime.now(UTC)))
        await session.commit()


async def _recorded(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)


async def test_a_standby_takes_over_when_the_holders_session_ends_and_fences_its_commits(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dsn = _postgres(db_url)
    monkeypatch.setattr(instance_lock, "TAKEOVER_GRACE_SECONDS", 0.2)
    await migrate_url(db_url)
    async with hold_database(db_url, tmp_path / "first", standby=True) as first:
        assert first.took_over_from is None and first.term is not None  # nobody held it
        primary = Database(db_url, first.term)
        await _record(primary, 1)  # its term is the deployment's: it commits
        standby = asyncio.create_task(_take_over(db_url, tmp_path / "second"))
        await asyncio.sleep(1.5)
        assert not standby.done()  # it waits while the lock is held
        admin = await asyncpg.connect(dsn)
        holder = await admin.fetchval(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        # The holder's lock session ends (its connection lost); its pool's connections live on.
        await admin.execute("SELECT pg_terminate_backend($1)", holder)
        began = time.monotonic()
        took_over_from, term = await asyncio.wait_for(standby, 10)
        assert "first" in took_over_from and term == first.term + 1
        with pytest.raises(Fenced, match="another instance serves now"):
            await _record(primary, 2)  # at once, before the holder has looked at its lock
        await asyncio.wait_for(first.lost.wait(), 3)
        assert time.monotonic() - began < 3  # it looks every second
        with pytest.raises(Fenced):
            await _record(primary, 3)
        await admin.close()
    successor = Database(db_url, term)
    await _record(successor, 4)
    assert await _recorded(successor) == 2  # the first and the successor's: 2 and 3 never landed
    await primary.dispose()
    await successor.dispose()


async def _take_over(db_url: str, data_dir: Path) -> tuple[str, int]:
    async with hold_database(db_url, data_dir, standby=True) as held:
        assert held.took_over_from is not None and held.term is not None
        return held.took_over_from, held.term


@pytest.mark.parametrize(
    ("database", "mirror", "refusal"),
    [
        ("sqlite+aiosqlite:///{dir}/m.sqlite3", "{dir}/mirror", "--standby needs PostgreSQL"),
        ("postgresql+asyncpg://u@127.0.0.1:1/none", "", "--standby needs a git mirror"),
    ],
)
def test_a_standby_needs_postgresql_and_a_mirror(
    tmp_path: Path, database: str, mirror: str, refusal: str
) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "1:test",
        "MANUSCRIPT_DATA_DIR": str(tmp_path),
        "MANUSCRIPT_DATABASE_URL": database.format(dir=tmp_path),
        "MANUSCRIPT_GIT_MIRROR": mirror.format(dir=tmp_path),
    }
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--standby"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == f"manuscript-bot: error: {refusal} " + (
        "(MANUSCRIPT_DATABASE_URL)" if "PostgreSQL" in refusal else "(MANUSCRIPT_GIT_MIRROR)"
    )
