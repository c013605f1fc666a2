"""Fixtures of the end-to-end tests: the Bot API emulator, and the bot running against it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.compat import Compat
from tests.e2e.harness import HERE, BotProcess, World, bot_env, free_port


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
def world(emulator: str, db_url: str, tmp_path: Path) -> Iterator[tuple[World, BotProcess, str]]:
    compat = Compat(emulator)
    compat.start()
    bot = BotProcess(bot_env(compat, db_url, tmp_path / "data"), tmp_path)
    bot.start()
    yield World(emulator, compat), bot, db_url
    bot.stop()
    compat.stop()
