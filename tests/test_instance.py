"""One instance at a time: a second `manuscript-bot run` on the same data directory refuses in
one line; Telegram's 409 Conflict stops polling with one clear error instead of a traceback; git
lock files left by a killed process are cleared at start-up and the project is writable again."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import subprocess
import sys
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import select

from bot import instance_lock
from bot.app import build_application
from bot.config import Settings
from bot.instance_lock import AlreadyRunning, hold, hold_database
from bot.offline import RecordingRequest
from bot.polling import PollingConflict, serve
from bot.simulator import private_chat
from drafts.faults import GitError
from drafts.git_locks import clear_stale_locks
from drafts.repository import DraftRepository, Identity
from storage.migrate import migrate_url
from storage.models import Contribution
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import POSTGRES_URL, Bot, _postgres_admin, with_database
from tests.private_postgres import PrivateCluster

pytestmark = pytest.mark.scenario  # it runs the bot's processes

WHO = Identity("李伟 (朝达)", "tg-3@users.manuscript")


def test_a_second_run_on_the_same_data_directory_refuses_to_start(tmp_path: Path) -> None:
    lock = hold(tmp_path)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:test", "MANUSCRIPT_DATA_DIR": str(tmp_path)}
    env.pop("MANUSCRIPT_DATABASE_URL", None)
    second = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 2
    assert second.stderr.strip() == (
        f"manuscript-bot: error: another manuscript-bot is running on {tmp_path} "
        f"(pid {os.getpid()} on {os.uname().nodename}); stop it first"
    )
    with pytest.raises(AlreadyRunning):
        hold(tmp_path)  # in this process too: the lock is on the open file
    lock.close()
    hold(tmp_path).close()  # released with its holder


def test_stale_git_locks_are_cleared_and_the_project_is_writable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    repo = DraftRepository(tmp_path / "repositories" / "p.git")
    repo.init()
    when = datetime.now(UTC)
    repo.commit({"a.md": "一\n"}, author=WHO, message="one\n", when=when)
    planted = [repo.path / "refs" / "heads" / "main.lock", repo.path / "HEAD.lock"]
    for lock in planted:
        lock.write_text("")
    with pytest.raises(GitError):
        repo.commit({"a.md": "二\n"}, author=WHO, message="two\n", when=when)
    with caplog.at_level(logging.WARNING, logger="manuscript.git"):
        removed = clear_stale_locks(tmp_path / "repositories")
    assert sorted(removed) == sorted(planted)
    assert all(str(lock) in caplog.text for lock in planted)  # each one named in the log
    assert repo.commit({"a.md": "二\n"}, author=WHO, message="two\n", when=when)
    assert repo.read("a.md") == "二\n"


class _Conflicting(RecordingRequest):
    """Telegram says another getUpdates is running with the same token."""

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        if url.endswith("/getUpdates"):
            body = b'{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}'
            return 409, body
        return await super().do_request(url, method, *args, **kwargs)


async def test_a_409_conflict_stops_polling_with_one_clear_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    await migrate_url(settings.database_url)
    application = build_application(settings, token="1:test", request=_Conflicting())
    with pytest.raises(PollingConflict, match="409 Conflict"):
        await serve(application, 0.0)


async def test_a_locked_repository_is_named_in_the_log_and_the_answer_is_plain(
    drafting_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, private_chat(CHAIR), "/help")  # the chair can be written to
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    repo = await bot.repository()
    lock = repo.path / "refs" / "heads" / "main.lock"
    lock.write_text("")
    with caplog.at_level(logging.ERROR, logger="manuscript.git"):
        calls = await bot.calls(LI, GROUP, "/accept #1")
    [answer] = [c.text for c in calls if int(c.params["chat_id"]) == GROUP.id]
    assert answer.startswith("草稿版本库暂时被锁定，本次操作未能完成")
    assert str(lock) in caplog.text
    # The chair hears of it in private, once: the next refused write tells only its sender.
    [told] = [c.text for c in calls if int(c.params["chat_id"]) == CHAIR.id]
    assert told.startswith("⚠️ 项目 T/CVA 012—2027 的草稿版本库被锁定") and str(lock) in told
    again = await bot.calls(LI, GROUP, "/accept #1")
    assert [int(c.params["chat_id"]) for c in again if c.method == "sendMessage"] == [GROUP.id]
    assert again[-1].text.startswith("草稿版本库暂时被锁定")
    assert await bot.rows(select(Contribution.status)) == [("open",)]  # not merged, still open
    lock.unlink()
    merged = await bot.say(LI, GROUP, "/accept #1")
    assert "已采纳 #1：张敏（华理）的条文已并入 4.1 材料。" in merged
    assert await bot.rows(select(Contribution.status)) == [("accepted",)]


async def test_a_second_instance_on_the_same_postgresql_database_refuses_to_start(
    db_url: str, tmp_path: Path
) -> None:
    """Another data directory (another machine), the same database: the advisory lock keeps the
    second `run` out, and its one line names the holder."""
    if not db_url.startswith("postgresql"):
        pytest.skip("on SQLite the database lives in the data directory, whose lock covers it")
    await migrate_url(db_url)
    async with hold_database(db_url, tmp_path / "first"):
        with pytest.raises(AlreadyRunning, match=r"uses this database \(manuscript-bot pid "):
            async with hold_database(db_url, tmp_path / "second"):
                pass
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "1:test",
            "MANUSCRIPT_DATA_DIR": str(tmp_path / "second"),
            "MANUSCRIPT_DATABASE_URL": db_url,
        }
        second = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot.cli", "run"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2, second.stderr
        *logged, line = second.stderr.strip().splitlines()
        assert not [entry for entry in logged if "Traceback" in entry], second.stderr
        assert line.startswith("manuscript-bot: error: another manuscript-bot uses this database")
        assert f"pid {os.getpid()} on" in line and line.endswith("/first); stop it first")
    async with hold_database(db_url, tmp_path / "second"):
        pass  # released with its holder's session


async def test_the_holder_named_is_the_one_on_this_database_not_a_neighbour_on_the_cluster(
    db_url: str,
) -> None:
    """Advisory locks are per database, and so is the holder a refusal names: deployments on other
    databases of the same server (here two, holding the same key) are neither a conflict nor
    named."""
    if not db_url.startswith("postgresql"):
        pytest.skip("on SQLite there is no shared server")
    admin = await _postgres_admin()
    neighbours = [f"mbt_{secrets.token_hex(6)}" for _ in range(2)]
    try:
        async with AsyncExitStack() as held:
            for name in neighbours:
                await admin.execute(f'CREATE DATABASE "{name}"')
                await held.enter_async_context(
                    hold_database(with_database(POSTGRES_URL, name), Path("/srv") / name)
                )
            async with hold_database(db_url, Path("/srv/ours")):
                with pytest.raises(AlreadyRunning) as refused:
                    async with hold_database(db_url, Path("/srv/second")):
                        pass
        assert "/srv/ours)" in str(refused.value)
        assert not [name for name in neighbours if name in str(refused.value)]
    finally:
        for name in neighbours:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_a_database_restart_costs_the_lock_until_it_is_taken_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """PostgreSQL restarts: the lock's session ends, and the lock with it. The holder takes it
    again once the database is back (a second instance is then refused again); if a second
    instance took it first, the holder is told to stop serving."""
    monkeypatch.setattr(instance_lock, "LOCK_CHECK_SECONDS", 0.2)
    cluster = PrivateCluster()
    try:
        cluster.start()
        async with hold_database(cluster.url, tmp_path / "first") as first:
            await asyncio.to_thread(cluster.restart, "immediate")
            dsn = cluster.url.replace("+asyncpg", "")
            for _ in range(100):  # taken again within a few looks
                await asyncio.sleep(0.1)
                connection = await asyncpg.connect(dsn)
                held = await connection.fetchval(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                )
                await connection.close()
                if held:
                    break
            else:
                raise AssertionError("the lock was never taken again")
            with pytest.raises(AlreadyRunning):
                async with hold_database(cluster.url, tmp_path / "second"):
                    pass
            assert not first.lost.is_set()
            # The holder now waits 3 s between its tries; once it has found the database away
            # (it looks every 0.2 s), the second instance is surely quicker.
            monkeypatch.setattr(instance_lock, "RECONNECT_SECONDS", (3.0, 3.0))
            await asyncio.to_thread(cluster.stop, "immediate")
            await asyncio.sleep(1)
            await asyncio.to_thread(cluster.start)
            async with hold_database(cluster.url, tmp_path / "second"):
                await asyncio.wait_for(first.lost.wait(), 15)
    finally:
        cluster.remove()
