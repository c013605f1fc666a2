"""Fixtures: a fresh database (SQLite, and PostgreSQL on 127.0.0.1) and the real bot on it.

PostgreSQL tests get a database of their own, created and dropped around each test. When the
server cannot be reached the tests say so: skipped with the reason, or failed under CI=true.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import Select, func, make_url, select

from bot.app import serving_offline
from bot.config import Settings
from bot.offline import ApiCall, RecordingRequest
from bot.runtime import ManualClock, Runtime
from bot.simulator import Chat, Simulator, User, offline_application
from drafts.repository import DraftRepository
from storage.migrate import migrate_url
from storage.models import ProcessedUpdate, Project
from tests.actors import CHAIR, GROUP, LI, SEC, ZHANG, ZHAO
from tests.private_postgres import PrivateCluster

PROJECT_CODE = "T/CVA 012—2027"
# PDF is made by LibreOffice and read back with poppler: tests of it skip, with the reason, where
# they are not installed, and must run under CI=true (.ci/run installs them).
needs_libreoffice = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdfinfo"))
    and os.environ.get("CI") != "true",
    reason="LibreOffice or poppler is not installed "
    "(apt install libreoffice-writer-nogui fonts-noto-cjk poppler-utils)",
)

# The server the PostgreSQL tests use: each test gets a database of its own, created under this
# URL's role (which needs CREATEDB; a password in the URL is used) and dropped afterwards.
# `.ci/run` creates the role and the database when they are missing.
POSTGRES_URL = os.environ.get(
    "MANUSCRIPT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


KINDS = ("e2e", "office", "scenario")
SCENARIO_FIXTURES = {"db_url", "cluster"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its kind (pyproject.toml lists them): a test in tests/e2e is e2e; one
    that LibreOffice renders for is office; one on a database is a scenario; the rest are pure
    — unless its module says otherwise (a pure-looking test that runs the demo is a scenario)."""
    for item in items:
        if any(item.get_closest_marker(kind) for kind in KINDS):
            continue
        skip = item.get_closest_marker("skipif")
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)
        elif skip is not None and "LibreOffice" in str(skip.kwargs.get("reason", "")):
            item.add_marker(pytest.mark.office)
        elif SCENARIO_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.scenario)
        else:
            item.add_marker(pytest.mark.pure)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """A bytes parameter is named by its argument, not its content: a built Office file embeds
    the time it was made (in its zip entries and its document properties), and parallel workers
    collecting a second apart must see the same test ids (pytest-xdist refuses to run
    otherwise); pytest numbers ids that come out the same."""
    return argname if isinstance(val, bytes) else None


def with_database(url: str, database: str, driver: str = "postgresql+asyncpg") -> str:
    """The same server, role and password, another database."""
    target = make_url(url).set(drivername=driver, database=database)
    return target.render_as_string(hide_password=False)


async def _postgres_admin() -> asyncpg.Connection:
    """A connection to create test databases from: the URL's database, or `postgres` when that
    one does not exist (a stock server has no `test`)."""
    last: Exception | None = None
    for database in (make_url(POSTGRES_URL).database or "postgres", "postgres"):
        try:
            return await asyncpg.connect(
                with_database(POSTGRES_URL, database, "postgresql"), timeout=5
            )
        except asyncpg.InvalidCatalogNameError as error:
            last = error
        except (OSError, asyncpg.PostgresError) as error:
            last = error
            break
    reason = f"PostgreSQL at {make_url(POSTGRES_URL)!r} cannot be reached: {last}"
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
        yield with_database(POSTGRES_URL, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@dataclass
class Bot:
    """The real Application on a fresh database, driven by simulated people."""

    sim: Simulator
    transport: RecordingRequest
    runtime: Runtime
    last_markup: dict[str, Any] | None = None

    async def say(self, user: User, chat: Chat, text: str, **options: Any) -> list[str]:
        """Send a message; return the texts the bot sent in answer."""
        return texts(await self.sim.send(user, chat, text, **options))

    async def calls(self, user: User, chat: Chat, text: str, **options: Any) -> list[ApiCall]:
        return await self.sim.send(user, chat, text, **options)

    async def rows(self, statement: Select[Any]) -> list[Any]:
        async with self.runtime.db.session() as session:
            return list((await session.execute(statement)).all())

    async def repository(self, code: str = PROJECT_CODE) -> DraftRepository:
        [(key,)] = await self.rows(select(Project.repository).where(Project.code == code))
        return self.runtime.drafts.repository(key)

    def buttons(self, calls: list[ApiCall]) -> dict[str, str]:
        """Label -> callback data (a link button's address) of the inline buttons in `calls`;
        the message is `last_markup`."""
        found = {}
        for call in calls:
            for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []):
                for item in row:
                    found[item["text"]] = item.get("callback_data") or item["url"]
                    self.last_markup = call.result
        return found

    async def press(
        self, user: User, data: str, message: dict[str, Any] | None = None, **options: Any
    ) -> list[ApiCall]:
        return await self.sim.press(user, message or self.last_markup, data, **options)


def texts(calls: list[ApiCall]) -> list[str]:
    return [call.text for call in calls if call.method in {"sendMessage", "editMessageText"}]


def make_settings(tmp_path: Path, db_url: str, **overrides: Any) -> Settings:
    """Every live edit goes out at once unless a test asks otherwise: scenarios check the ballot
    message after each vote; tests/test_live_edits.py checks the merging."""
    options: dict[str, Any] = {"live_edit_seconds": 0.0, **overrides}
    return Settings(
        data_dir=tmp_path, database_url=db_url, secretariat=frozenset({SEC.id}), **options
    )


Clock = ManualClock


@asynccontextmanager
async def started(
    settings: Settings, clock: Clock | None = None, transport: RecordingRequest | None = None
) -> AsyncIterator[Bot]:
    """Start the real Application (post_init included) on `settings`; stop it afterwards."""
    await migrate_url(settings.database_url)
    application, transport = offline_application(settings, "1:test", clock or Clock(), transport)
    async with serving_offline(application):
        runtime: Runtime = application.bot_data.runtime
        async with runtime.db.session() as session:
            last = await session.scalar(select(func.max(ProcessedUpdate.update_id)))
        # Telegram's update ids keep growing across restarts.
        sim = Simulator(application, transport, first_update_id=(last or 0) + 1)
        # What start-up sends (the outbox's debts, closes and reminders fallen due while down)
        # goes from the outbox's senders: the test looks once they have sent it.
        await sim.settle()
        yield Bot(sim, transport, runtime)
    # Every scenario also checks Telegram's limits: no call it would refuse was made.
    assert transport.refused == [], [(c.method, c.result) for c in transport.refused]


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    """A PostgreSQL cluster of the test's own, running, to restart and stop under the bot."""
    server = PrivateCluster()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return make_settings(tmp_path, db_url)


@pytest.fixture
async def bot(settings: Settings, clock: Clock) -> AsyncIterator[Bot]:
    async with started(settings, clock) as running:
        yield running


@pytest.fixture
async def project_bot(bot: Bot) -> Bot:
    return await with_project(bot)


async def with_project(bot: Bot) -> Bot:
    """The bot with GROUP bound to a project chaired by CHAIR, and units 朝达, 华理 and the
    observer 质检中心."""
    await bot.say(CHAIR, GROUP, "/help")  # the bot must have seen the chair to appoint them
    for line in (
        "/unit add 朝达阀门有限公司 | 朝达 | 企业",
        "/unit add 华东理工大学 | 华理 | 高校",
        "/unit add 国家阀门质检中心 | 质检中心 | 科研院所 | observer",
        f"/newproject {PROJECT_CODE} | 石油天然气工业用钢制闸阀",
        "/grant @chair_chen chair",
    ):
        await bot.say(SEC, GROUP, line)
    return bot


@pytest.fixture
async def drafting_bot(project_bot: Bot) -> Bot:
    return await drafting(project_bot)


async def drafting(bot: Bot) -> Bot:
    """The project at the working stage: 朝达 drafts (李伟), 华理 (张敏) is a member, 质检中心
    (赵强) an observer; the outline is the template plus 4.1 材料 and 4.2 结构."""
    for user, unit in ((LI, "朝达"), (ZHANG, "华理"), (ZHAO, "质检中心")):
        await bot.say(user, GROUP, f"/join {unit}")
        await bot.say(SEC, GROUP, f"/approve @{user.username}")
    await bot.say(CHAIR, GROUP, "/drafter 朝达")
    await bot.say(LI, GROUP, "/framework template")
    await bot.say(LI, GROUP, "/framework\n4.1 材料\n4.2 结构")
    [advanced] = await bot.say(CHAIR, GROUP, "/advance")
    assert "working" in advanced, advanced
    return bot
