"""End to end over HTTP: `manuscript-bot run` as a separate process, long-polling the local Bot API
emulator (telegram-test-api, through tests/e2e/compat.py), driven by several people in a group, on
SQLite and on PostgreSQL; and a SIGKILL in the middle of a busy stretch loses and doubles nothing
(contributions, votes, commitments, and a reminder that falls due while the bot is down)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def emulator() -> Iterator[str]:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "telegram-test-api").exists():
        reason = "the Bot API emulator is not installed (npm ci --prefix tests/e2e)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    port = _free_port()
    process = subprocess.Popen(
        [node, str(HERE / "emulator.js"), str(port)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


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
    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env, self.folder, self.process = env, folder, None  # type: ignore[var-annotated]

    def start(self) -> None:
        log = (self.folder / "bot.log").open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"], env=self.env, stdout=log, stderr=log
        )  # type: ignore[assignment]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)  # type: ignore[attr-defined]
        self.process.wait(timeout=10)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def world(emulator: str, db_url: str, tmp_path: Path) -> Iterator[tuple[World, BotProcess, str]]:
    compat = Compat(emulator)
    compat.start()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "MANUSCRIPT_API_BASE_URL": compat.url,
        "MANUSCRIPT_DATA_DIR": str(tmp_path / "data"),
        "MANUSCRIPT_DATABASE_URL": db_url,
        "MANUSCRIPT_SECRETARIAT": str(SEC["id"]),
        "MANUSCRIPT_POLL_INTERVAL": "0.05",
        # The test server enforces no flood limit, and a real minute per twenty answers would
        # only slow these tests; the limit is tested in process, on virtual time (test_outbox).
        "MANUSCRIPT_GROUP_MESSAGES_PER_MINUTE": "600",
        "PYTHONPATH": str(HERE.parent.parent),
    }
    bot = BotProcess(env, tmp_path)
    bot.start()
    yield World(emulator, compat), bot, db_url
    bot.stop()
    compat.stop()


def _eventually(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Wait until `condition` holds or `timeout` passes; the assertions that follow tell which."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def _rows(db_url: str, query: str) -> list[tuple[Any, ...]]:
    """Read the bot's database from the test (a separate process writes it)."""

    async def fetch() -> list[tuple[Any, ...]]:
        engine = create_async_engine(db_url)
        try:
            async with engine.connect() as connection:
                return [tuple(row) for row in await connection.execute(text(query))]
        finally:
            await engine.dispose()

    return asyncio.run(fetch())


def _setup(w: World) -> None:
    w.exchange(CHAIR, "/help", "可用的命令")
    w.exchange(SEC, "/unit add 朝达阀门有限公司 | 朝达 | 企业", "已登记单位")
    w.exchange(SEC, "/unit add 华东理工大学 | 华理 | 高校", "已登记单位")
    w.exchange(SEC, "/newproject T/E2E 1—2027 | 端到端闸阀", "已创建标准项目")
    w.exchange(SEC, "/grant @e2e_chair chair", "主席")
    for person, unit in ((LI, "朝达"), (ZHANG, "华理")):
        w.exchange(person, f"/join {unit}", "已收到申请")
        w.exchange(SEC, f"/approve @{person['username']}", "已确认")


def _working_with_a_ballot(w: World, then: str, expected: str) -> None:
    """The project past its framework (and `then`), 华理 in the working group, B1 open."""
    _setup(w)
    w.exchange(CHAIR, "/drafter 朝达", "框架起草单位")
    w.exchange(LI, "/framework template", "框架已更新")
    w.exchange(CHAIR, "/advance", "工作组讨论稿")
    w.exchange(CHAIR, then, expected)
    w.exchange(CHAIR, "/wg add 华理", "已加入起草工作组")
    w.exchange(CHAIR, "/ballot 是否采用 GB/T 12221？", "投票 B1")


def test_a_drafting_cycle_over_http(world: tuple[World, BotProcess, str]) -> None:
    w, bot, db_url = world
    _setup(w)
    election = w.exchange(CHAIR, "/elect 朝达 | 华理", "选举 B1")
    w.press(LI, election, "选 朝达")
    w.press(ZHANG, election, "选 朝达")
    w.exchange(CHAIR, "/close B1", "当选：朝达阀门有限公司")
    w.exchange(LI, "/framework template", "框架已更新")
    w.exchange(CHAIR, "/advance", "工作组讨论稿")
    proposal = w.exchange(ZHANG, "/contribute 1 本文件规定了闸阀的要求。", "文稿补充 #1")
    w.press(LI, proposal, "采纳")
    w.exchange(LI, "/patent free ZL202110123456.7", "免费许可")
    w.exchange(ZHANG, "/patent none", "无已知必要专利")
    w.exchange(CHAIR, "/advance | until 7d", "征求意见稿")
    w.exchange(
        ZHANG, "/comment 1 范围应写明公称压力\n=> 本文件规定了 PN16～PN160 闸阀的要求。", "C1"
    )
    w.exchange(LI, "/resolve C1 accept", "采纳")
    w.exchange(CHAIR, "/advance", "送审稿")
    review = w.exchange(CHAIR, "/advance", "阶段投票 B2")
    w.press(LI, review, "同意")
    w.press(ZHANG, review, "同意")
    w.exchange(CHAIR, "/close B2", "项目已进入「报批稿」阶段")
    w.exchange(SEC, "/publish T/E2E 1—2027", "已发布")
    w.say(SEC, "/export package")
    w.answer(lambda t: "导出（package）" in t)
    deadline = time.monotonic() + 20  # the package follows its text message
    while not w.compat.documents and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _rows(db_url, "select stage, standard_number from projects") == [
        ("published", "T/E2E 1—2027")
    ]
    assert _rows(db_url, "select number, status from contributions") == [(1, "accepted")]
    assert sorted(_rows(db_url, "select number, outcome from ballots")) == [
        (1, "elected"),
        (2, "passed"),
    ]
    assert any(d.get("chat_id") in (GROUP["id"], str(GROUP["id"])) for d in w.compat.documents)
    [repository] = (Path(bot.env["MANUSCRIPT_DATA_DIR"]) / "repositories").glob("*.git")
    git = ["git", "--git-dir", str(repository)]
    log = subprocess.run(
        [*git, "log", "--format=%an|%s"], capture_output=True, text=True, check=True
    ).stdout
    assert (
        "张敏 (华理)|#1 1 范围: add" in log
        and "李伟 (朝达)|Patent commitment of 朝达阀门有限公司: free" in log
    )
    tags = subprocess.run([*git, "tag"], capture_output=True, text=True, check=True).stdout.split()
    assert {"working", "consultation", "review", "ballot-B2", "approval", "published"} <= set(tags)


def test_sigkill_in_a_busy_stretch_loses_and_doubles_nothing(
    world: tuple[World, BotProcess, str],
) -> None:
    w, bot, db_url = world
    _working_with_a_ballot(w, "/policy open", "即时并入")
    set_at = time.monotonic()
    w.exchange(CHAIR, "/deadline patents 1m", "已设定截止时间")  # only the notice at the deadline
    for n in range(1, 31):  # a busy stretch: each is merged into the repository at once
        w.say(ZHANG if n % 2 else LI, f"/contribute {1 + n % 2} 第 {n} 段")
        if n in (10, 20):  # and the units vote (the latest vote counts)
            w.say(LI, f"/vote B1 {'no' if n == 10 else 'yes'}")
            w.say(ZHANG, "/vote B1 yes")
    w.answer(lambda t: t.startswith("已采纳 #8："), timeout=60)
    bot.kill()  # in the middle of it: the 8th contribution is acknowledged, the 30th is not
    answered = _rows(db_url, "select count(*) from contributions")[0][0]
    assert 8 <= answered < 30, answered  # the kill came with work still in flight
    time.sleep(max(0.0, set_at + 62 - time.monotonic()))  # the deadline passes while it is down
    bot.start()
    notice = w.answer(lambda t: t.startswith("⌛ 专利许可承诺"), timeout=60)["message"]["text"]
    assert "朝达" in notice and "华理" in notice  # sent at start-up, naming who has not acted
    # Killed as soon as the outbox has marked the notice sent: it must not go out again. (Killed
    # between Telegram's answer and that mark, it would: an answer is never lost, so at least once.)
    _eventually(lambda: _rows(db_url, "select outcome from reminders") == [("sent",)])
    notice_rows = "select state from outbox where payload like '%专利许可承诺 已到截止时间%'"
    _eventually(lambda: _rows(db_url, notice_rows) == [("sent",)])
    bot.kill()
    bot.start()
    for person in (LI, ZHANG):
        w.say(person, "/patent none")
    _eventually(
        lambda: (
            _rows(db_url, "select count(*) from contributions where status = 'accepted'") == [(30,)]
            and _rows(db_url, "select count(*) from patent_declarations") == [(2,)]
        )
    )
    texts = sorted(t for (t,) in _rows(db_url, "select text from contributions"))
    assert texts == sorted(f"第 {n} 段" for n in range(1, 31))  # none lost, none doubled
    assert _rows(db_url, "select count(*) from contributions where status = 'accepted'") == [(30,)]
    assert _rows(db_url, "select count(*) from patent_declarations") == [(2,)]
    assert sorted(_rows(db_url, "select choice from votes")) == [("yes",), ("yes",)]
    w.exchange(CHAIR, "/deadlines", "没有即将到来的截止时间")  # answered after the start-up sweep
    assert not [e for e in w.seen if e["message"].get("text", "").startswith("⌛")]
    assert _rows(db_url, 'select "offset", outcome from reminders') == [(0, "sent")]


# Pauses the bot's git, once, at the moment a commit whose subject starts with the text in
# `pause-on` has moved the branch (the reference-transaction hook runs before update-ref
# returns), and says so in `paused`: the test kills the bot there, between the git commit and
# the database's.
PAUSE_HOOK = """#!/bin/sh
[ "$1" = committed ] || exit 0
while read -r old new ref; do
  [ "$ref" = refs/heads/main ] || continue
  [ -f "$GIT_DIR/pause-on" ] || continue
  subject=$(git log -1 --format=%s "$new")
  case "$subject" in "$(cat "$GIT_DIR/pause-on")"*)
    rm "$GIT_DIR/pause-on"
    echo "$subject" > "$GIT_DIR/paused"
    sleep 60;;
  esac
done
exit 0
"""


def test_sigkill_while_git_writes_are_in_flight_takes_them_back_and_runs_them_once(
    world: tuple[World, BotProcess, str],
) -> None:
    """A comment, its disposition and a ballot's close, each killed after its git commit and
    before its database commit: at the next start the orphan commit is taken back and the
    stored update runs again — answered once, recorded once, in both stores."""
    w, bot, db_url = world
    _working_with_a_ballot(w, "/advance | until 7d", "征求意见稿")
    w.exchange(LI, "/vote B1 yes", "已记录")
    w.exchange(ZHANG, "/vote B1 yes", "已记录")
    [repository] = (Path(bot.env["MANUSCRIPT_DATA_DIR"]) / "repositories").glob("*.git")
    hook = repository / "hooks" / "reference-transaction"
    hook.write_text(PAUSE_HOOK)
    hook.chmod(0o755)
    paused = repository / "paused"
    for who, words, subject, answer in (
        (ZHANG, "/comment 1 范围应写明公称压力", "C1 1: comment", "已记录意见 C1"),
        (LI, "/resolve C1 accept", "C1 1: accept", "C1 的处理意见"),
        (CHAIR, "/close B1", "B1: passed", "已结束，通过"),
    ):
        (repository / "pause-on").write_text(subject)
        w.say(who, words)
        _eventually(paused.exists, timeout=30)
        assert paused.read_text().startswith(subject), words
        bot.kill()  # the git commit is on the branch; its database side is not committed
        paused.unlink()
        bot.start()
        w.answer(lambda t, expected=answer: expected in t, timeout=60)  # type: ignore[misc]
    assert _rows(db_url, "select number, disposition from comments") == [(1, "accept")]
    assert _rows(db_url, "select number, outcome from ballots") == [(1, "passed")]
    git = ["git", "--git-dir", str(repository)]
    subjects = subprocess.run(
        [*git, "log", "--format=%s"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for subject in ("C1 1: comment", "C1 1: accept", "B1: passed"):  # made, taken back, made
        assert subjects.count(subject) == 2 and subjects.count(f"Undo: {subject}") == 1, subject
    files = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [f for f in files if f.startswith(("comments/", "ballots/"))] == [
        "ballots/B1.json",
        "comments/C0001.json",
    ]
    record = subprocess.run(
        [*git, "show", "HEAD:comments/C0001.json"], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(record)["disposition"] == "accept"
    assert not [e for e in w.seen if "已记录意见 C1" in e["message"].get("text", "")]  # once
