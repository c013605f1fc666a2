"""The end-to-end tests' world: the Bot API emulator (telegram-test-api, through
tests/e2e/compat.py), people writing in a group, the bot as a separate process, and reading
its database from outside."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.e2e.compat import Compat

HERE = Path(__file__).parent
TOKEN = "123456:e2e-token"
GROUP = {"id": -100777, "type": "supergroup", "title": "端到端起草组"}
SEC = {"id": 11, "first_name": "秘书", "username": "e2e_sec", "is_bot": False}
CHAIR = {"id": 12, "first_name": "主席", "username": "e2e_chair", "is_bot": False}
LI = {"id": 13, "first_name": "李伟", "username": "e2e_li", "is_bot": False}
ZHANG = {"id": 14, "first_name": "张敏", "username": "e2e_zhang", "is_bot": False}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class World:
    """The emulator's client side: people writing in the group, and what the bot answered."""

    def __init__(self, emulator: str, compat: Compat) -> None:
        self.emulator = emulator
        self.compat = compat
        self.seen: list[dict[str, Any]] = []

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.emulator}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read()).get("result")

    def say(self, user: dict[str, Any], words: str) -> None:
        message: dict[str, Any] = {
            "botToken": TOKEN,
            "from": user,
            "chat": GROUP,
            "text": words,
            "date": int(time.time()),
        }
        if words.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(words.split()[0])}
            ]
            self._post("/sendCommand", message)
        else:
            self._post("/sendMessage", message)

    def press(self, user: dict[str, Any], answer: dict[str, Any], label: str) -> None:
        [data] = [
            b["callback_data"]
            for row in answer["message"]["reply_markup"]["inline_keyboard"]
            for b in row
            if b["text"] == label
        ]
        message = {
            "message_id": answer["messageId"],
            "date": int(time.time()),
            "chat": GROUP,
            "text": answer["message"]["text"],
            "from": {"id": 666, "is_bot": True, "first_name": "Manuscript"},
        }
        self._post(
            "/sendCallback",
            {
                "botToken": TOKEN,
                "from": user,
                "message": message,
                "data": data,
                "date": int(time.time()),
            },
        )

    def answer(self, match: Callable[[str], bool], timeout: float = 20) -> dict[str, Any]:
        """The first bot message in the group whose text matches (waiting for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.seen += self._post("/getUpdates", {"token": TOKEN, "chatId": GROUP["id"]}) or []
            for entry in self.seen:
                if match(entry["message"].get("text", "")):
                    self.seen.remove(entry)
                    return dict(entry)
            time.sleep(0.1)
        raise AssertionError(
            f"no such answer; the bot said: {[e['message'].get('text', '')[:60] for e in self.seen]}"
        )

    def exchange(self, user: dict[str, Any], words: str, expected: str) -> dict[str, Any]:
        self.say(user, words)
        return self.answer(lambda t: expected in t)


class BotProcess:
    def __init__(self, env: dict[str, str], folder: Path, *options: str) -> None:
        self.env, self.folder, self.process = env, folder, None  # type: ignore[var-annotated]
        self.options = options  # of `run`: --standby

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "bot.log").open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", *self.options],
            env=self.env,
            stdout=log,
            stderr=log,
        )  # type: ignore[assignment]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)  # type: ignore[attr-defined]
        self.process.wait(timeout=10)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


# Makes a world on a database and data folder of the test's choosing (tests/e2e/conftest.py).
Worlds = Callable[..., tuple[World, BotProcess]]


def bot_env(compat: Compat, db_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of `manuscript-bot run` against the emulator."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "MANUSCRIPT_API_BASE_URL": compat.url,
        "MANUSCRIPT_DATA_DIR": str(data_dir),
        "MANUSCRIPT_DATABASE_URL": db_url,
        "MANUSCRIPT_SECRETARIAT": str(SEC["id"]),
        "MANUSCRIPT_POLL_INTERVAL": "0.05",
        # The test server enforces no flood limit, and a real minute per twenty answers would
        # only slow these tests; the limit is tested in process, on virtual time (test_outbox).
        "MANUSCRIPT_GROUP_MESSAGES_PER_MINUTE": "600",
        # No LibreOffice kept warm unless a test asks (tests/test_office.py tests them): twenty
        # restarts would start sixty.
        "MANUSCRIPT_WARM_OFFICES": "0",
        "PYTHONPATH": str(HERE.parent.parent),
        **extra,
    }


def eventually(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Wait until `condition` holds or `timeout` passes; the assertions that follow tell which."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def rows(db_url: str, query: str) -> list[tuple[Any, ...]]:
    """Read the bot's database from the test (a separate process writes it)."""

    async def fetch() -> list[tuple[Any, ...]]:
        engine = create_async_engine(db_url)
        try:
            async with engine.connect() as connection:
                return [tuple(row) for row in await connection.execute(text(query))]
        finally:
            await engine.dispose()

    return asyncio.run(fetch())


def setup(w: World) -> None:
    w.exchange(CHAIR, "/help", "可用的命令")
    w.exchange(SEC, "/unit add 朝达阀门有限公司 | 朝达 | 企业", "已登记单位")
    w.exchange(SEC, "/unit add 华东理工大学 | 华理 | 高校", "已登记单位")
    w.exchange(SEC, "/newproject T/E2E 1—2027 | 端到端闸阀", "已创建标准项目")
    w.exchange(SEC, "/grant @e2e_chair chair", "主席")
    for person, unit in ((LI, "朝达"), (ZHANG, "华理")):
        w.exchange(person, f"/join {unit}", "已收到申请")
        w.exchange(SEC, f"/approve @{person['username']}", "已确认")


def working_with_a_ballot(w: World, then: str, expected: str) -> dict[str, Any]:
    """The project past its framework (and `then`), 华理 in the working group, B1 open."""
    setup(w)
    w.exchange(CHAIR, "/drafter 朝达", "框架起草单位")
    w.exchange(LI, "/framework template", "框架已更新")
    w.exchange(CHAIR, "/advance", "工作组讨论稿")
    w.exchange(CHAIR, then, expected)
    w.exchange(CHAIR, "/wg add 华理", "已加入起草工作组")
    return w.exchange(CHAIR, "/ballot 是否采用 GB/T 12221？", "投票 B1")


def told(compat: Compat) -> dict[int, list[str]]:
    """What the bot said in answer to each update it was handed, by update id: its replies to
    the update's message, and the toast of its button press."""
    by_message: dict[int, int] = {}
    by_query: dict[str, int] = {}
    for update_id, update in compat.handed.items():
        if "message" in update:
            by_message[int(update["message"]["message_id"])] = update_id
        if "callback_query" in update:
            by_query[str(update["callback_query"]["id"])] = update_id
    answers: dict[int, list[str]] = {}
    for method, params in list(compat.said):
        if method == "sendMessage":
            reply = params.get("reply_parameters") or {}
            replied = int(reply.get("message_id", 0)) if isinstance(reply, dict) else 0
            if replied in by_message:
                answers.setdefault(by_message[replied], []).append(str(params["text"]))
        elif method == "answerCallbackQuery" and params.get("text"):
            query = str(params.get("callback_query_id"))
            if query in by_query:
                answers.setdefault(by_query[query], []).append(str(params["text"]))
    return answers
