"""Start-up against a Bot API that fails: the command menu is best-effort (retried in the
background), no network is one line per try with growing waits, a rejected token is one line
that never shows the token."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot import app as app_module
from bot import polling
from bot.app import build_application
from bot.cli import main
from bot.config import Settings
from bot.offline import RecordingRequest
from storage.migrate import migrate_url
from tests.actors import GROUP, SEC
from tests.conftest import started

pytestmark = pytest.mark.scenario  # it runs the bot's processes

ROOT = Path(__file__).resolve().parent.parent


async def _until(condition: object, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def test_a_failing_command_menu_does_not_stop_start_up(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(app_module, "MENU_RETRY_SECONDS", (0.01, 0.02))
    transport = RecordingRequest(failures={"setMyCommands": [500, 429, 500]})
    with caplog.at_level(logging.WARNING, logger="manuscript.app"):
        async with started(settings, transport=transport) as bot:
            [answer] = await bot.say(SEC, GROUP, "/help")  # serving meanwhile
            assert answer.startswith("您在这里可用的命令")
            await _until(lambda: len(_menus(transport)) == 2)  # a call a language, once through
    assert transport.failures["setMyCommands"] == []
    warnings = [r.getMessage() for r in caplog.records if "command menu" in r.getMessage()]
    assert len(warnings) == 3 and all("\n" not in w for w in warnings)


def _menus(transport: RecordingRequest) -> list[object]:
    return [call for call in transport.calls if call.method == "setMyCommands"]


async def test_telegram_is_tried_again_until_it_answers(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(polling, "CONNECT_RETRY_SECONDS", (0.01, 0.02))
    await migrate_url(settings.database_url)
    transport = RecordingRequest(failures={"getMe": [502, 500, 429]})
    application = build_application(settings, token="1:test", request=transport)
    with caplog.at_level(logging.WARNING, logger="manuscript.polling"):
        assert await polling.reach_telegram(application, asyncio.Event())
    await application.shutdown()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3
    assert lines[0].startswith("Telegram cannot be reached")
    assert lines[2] == "Telegram asks to wait 1 s before connecting"


async def test_a_rejected_token_is_not_tried_again(settings: Settings) -> None:
    transport = RecordingRequest(failures={"getMe": [401]})
    application = build_application(settings, token="1:test", request=transport)
    with pytest.raises(InvalidToken):
        await polling.reach_telegram(application, asyncio.Event())


class _Unauthorized(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def rejecting_api() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    server.shutdown()


def test_run_with_a_rejected_token_says_so_in_one_line(
    rejecting_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    token = "123456:THE-SECRET-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("MANUSCRIPT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MANUSCRIPT_API_BASE_URL", rejecting_api)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert token not in err and "THE-SECRET" not in err
    assert err.strip().splitlines()[-1] == (
        "manuscript-bot: error: Telegram rejected the bot token (TELEGRAM_BOT_TOKEN); "
        "check it with @BotFather"
    )
    assert "Traceback" not in err


def test_run_without_a_network_tries_again_one_line_at_a_time(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:nobody-answers",
        "MANUSCRIPT_DATA_DIR": str(tmp_path),
        "MANUSCRIPT_API_BASE_URL": "http://127.0.0.1:9/bot",  # the discard port: nothing listens
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen: list[str] = []  # read as it comes (start-up takes its time on a busy machine)
    deadline = time.monotonic() + 30
    while sum("Telegram cannot be reached" in line for line in seen) < 2:
        line = process.stderr.readline()
        if not line or time.monotonic() > deadline:
            break
        seen.append(line)
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=30)
    err = "".join(seen) + rest
    assert process.returncode == 0, err
    tries = [line for line in err.splitlines() if "Telegram cannot be reached" in line]
    assert len(tries) >= 2, err
    assert "Traceback" not in err and "nobody-answers" not in err
