"""Fixtures: a fresh database (SQLite, and PostgreSQL on 127.0.0.1) and the real bot on it.

PostgreSQL tests get a database of their own, created and dropped around each test. When the
server cannot be reached the tests say so: skipped with the reason, or failed under CI=true.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import Select

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.offline import ApiCall, RecordingRequest
from bot.runtime import Runtime
from bot.simulator import Chat, Simulator, User
from storage.migrate import migrate_url
from tests.actors import CHAIR, GROUP, SEC

POSTGRES_URL = os.environ.get(
    "MANUSCRIPT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def _plain_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _postgres_admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(_plain_dsn(POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        reason = f"PostgreSQL at {POSTGRES_URL} cannot be reached: {error}"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI needs it: .ci/run starts it)")
        pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    admin = await _postgres_admin()
    name = f"mbt_{secrets.token_hex(6)}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@dataclass
class Bot:
    """The real Application on a fresh database, driven by simulated people."""

    sim: Simulator
    transport: RecordingRequest
    runtime: Runtime

    async def say(self, user: User, chat: Chat, text: str, **options: Any) -> list[str]:
        """Send a message; return the texts the bot sent in answer."""
        return texts(await self.sim.send(user, chat, text, **options))

    async def calls(self, user: User, chat: Chat, text: str, **options: Any) -> list[ApiCall]:
        return await self.sim.send(user, chat, text, **options)

    async def rows(self, statement: Select[Any]) -> list[Any]:
        async with self.runtime.db.session() as session:
            return list((await session.execute(statement)).all())


def texts(calls: list[ApiCall]) -> list[str]:
    return [call.text for call in calls if call.method in {"sendMessage", "editMessageText"}]


def make_settings(tmp_path: Path, db_url: str, **overrides: Any) -> Settings:
    return Settings(
        data_dir=tmp_path, database_url=db_url, secretariat=frozenset({SEC.id}), **overrides
    )


@pytest.fixture
async def bot(tmp_path: Path, db_url: str) -> AsyncIterator[Bot]:
    settings = make_settings(tmp_path, db_url)
    await migrate_url(settings.database_url)
    transport = RecordingRequest()
    application = build_application(settings, token="1:test", request=transport)
    async with serving_offline(application):
        yield Bot(Simulator(application, transport), transport, application.bot_data["runtime"])


@pytest.fixture
async def project_bot(bot: Bot) -> Bot:
    """A bot whose GROUP is bound to a project chaired by CHAIR, with units 朝达 and 华理."""
    await bot.say(CHAIR, GROUP, "/help")  # the bot must have seen the chair to appoint them
    for line in (
        "/unit add 朝达阀门有限公司 | 朝达 | 企业",
        "/unit add 华东理工大学 | 华理 | 高校",
        "/unit add 国家阀门质检中心 | 质检中心 | 科研院所 | observer",
        "/newproject T/CVA 012—2027 | 石油天然气工业用钢制闸阀",
        "/grant @chair_chen chair",
    ):
        await bot.say(SEC, GROUP, line)
    return bot
