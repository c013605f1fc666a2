"""Fixtures of the end-to-end tests: the Bot API emulator, and the bot running against it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.compat import Compat
from tests.e2e.harness import HERE, BotProcess, World, Worlds, bot_env, free_port


@pytest.fixture
def emulator() -> Iterator[str]:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "telegram-test-api").exists():
        reason = "the Bot API emulator is not installed (npm ci --prefix tests/e2e)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    port = free_port()
    process = subprocess.Popen(
        [node, str(HERE / "emulator.js"), str(port)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def worlds(emulator: str, tmp_path: Path) -> Iterator[Worlds]:
    """Worlds whose bot runs on the database and data folder a test chooses (and the settings
    it adds); each is stopped afterwards."""
    made: list[tuple[Compat, BotProcess]] = []

    def make(
        db_url: str, data_dir: Path, *options: str, **settings: str
    ) -> tuple[World, BotProcess]:
        compat = Compat(emulator)
        compat.start()
        bot = BotProcess(bot_env(compat, db_url, data_dir, **settings), tmp_path, *options)
        bot.start()
        made.append((compat, bot))
        return World(emulator, compat), bot

    yield make
    for compat, bot in made:
        bot.stop()
        compat.stop()


@pytest.fixture
def world(worlds: Worlds, db_url: str, tmp_path: Path) -> tuple[World, BotProcess, str]:
    w, bot = worlds(db_url, tmp_path / "data")
    return w, bot, db_url
