"""Faults an operator meets, end to end: `manuscript-bot run` as its own process against the Bot
API emulator, people contributing and voting in bursts while the process is stopped and started
again and again (SIGTERM and SIGKILL mixed), while its own PostgreSQL cluster is restarted and
stopped, and while its disk is full. Every action is kept in a ledger with what the bot told
about it, and afterwards compared with the database and the repository: nothing acknowledged is
lost or doubled, each unit's last vote is the one counted, nothing told is untrue, and the
process never ended by itself."""

from __future__ import annotations

import collections
import json
import os
import random
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.voting import ACTED_STEP
from tests.e2e.compat import Compat
from tests.e2e.harness import (
    LI,
    ZHANG,
    World,
    Worlds,
    eventually,
    rows,
    working_with_a_ballot,
)
from tests.private_postgres import PrivateCluster

UNIT_OF = {LI["id"]: "朝达", ZHANG["id"]: "华理"}
CHOICES = {"y": "yes", "n": "no", "a": "abstain"}
LABELS = {"yes": "同意", "no": "不同意", "abstain": "弃权"}
NOTHING_CHANGED = "没有做任何更改"
# Acknowledgements merge only when a backlog waits; a real flood limit would slow these tests.
ROOMY = {"MANUSCRIPT_GROUP_MESSAGES_PER_MINUTE": "1000"}


class People:
    """Two representatives contributing (each text unique) and voting, in a thread, one step
    every `pause` seconds: a step is a contribution, or a vote by command followed at once by
    the other choice by button (a press may be handled before the command sent before it)."""

    def __init__(self, w: World, ballot: dict[str, Any], count: int, pause: float) -> None:
        self.w, self.ballot, self.pause = w, ballot, pause
        rng = random.Random(count)
        self.steps: list[list[Callable[[], None]]] = []
        for n in range(1, count + 1):
            person = (LI, ZHANG)[n % 2]
            if n % 3 == 0:
                self.steps.append([self._contribution(person, n)])
            else:
                first, then = rng.sample(list(LABELS), 2)
                self.steps.append(
                    [self._vote(person, first, False), self._vote(person, then, True)]
                )
        self.thread = threading.Thread(target=self._act, daemon=True)

    def _contribution(self, person: dict[str, Any], n: int) -> Callable[[], None]:
        return lambda: self.w.say(person, f"/contribute {1 + n % 3} 段落{n}号")

    def _vote(self, person: dict[str, Any], choice: str, by_button: bool) -> Callable[[], None]:
        if by_button:
            return lambda: self.w.press(person, self.ballot, LABELS[choice])
        return lambda: self.w.say(person, f"/vote B1 {choice} 理由{choice}")

    def _act(self) -> None:
        for step in self.steps:
            for action in step:
                action()
            time.sleep(self.pause)

    def start(self) -> None:
        self.thread.start()

    @property
    def busy(self) -> bool:
        return self.thread.is_alive()


def _settled(w: World, db_url: str) -> bool:
    """Every update confirmed and handled, every answer sent."""
    return (
        not w.compat.pending
        and rows(db_url, "select count(*) from queued_updates") == [(0,)]
        and rows(db_url, "select count(*) from outbox where state = 'pending'") == [(0,)]
    )


def _told(compat: Compat, db_url: str) -> dict[int, list[str]]:
    """What the bot told about each update: the outbox's delivered messages (merged ones
    included, each row keeps its own text) and the toasts of presses; under 0, what it said of
    its own accord (start-up's notices)."""
    told: dict[int, list[str]] = collections.defaultdict(list)
    delivered = "select update_id, payload from outbox where state = 'sent' and kind = 'message'"
    for update_id, payload in rows(db_url, delivered):
        told[int(update_id or 0)].append(str(json.loads(payload).get("text", "")))
    queries = {
        str(u["callback_query"]["id"]): uid
        for uid, u in compat.handed.items()
        if "callback_query" in u
    }
    for method, params in list(compat.said):
        if method == "answerCallbackQuery" and params.get("text"):
            update_id = queries.get(str(params.get("callback_query_id")))
            if update_id is not None:
                told[update_id].append(str(params["text"]))
    return told


def _check_ledger(w: World, db_url: str, data_dir: Path, first_update: int) -> None:
    told = _told(w.compat, db_url)
    actions = {uid: u for uid, u in w.compat.handed.items() if uid >= first_update}
    # Nothing told is untrue: no apology that nothing was changed (there was no failure to
    # apologise for: an update the faults interrupted runs again and is answered then).
    apologies = {uid: said for uid, said in told.items() if any("抱歉" in s for s in said)}
    assert apologies == {}
    # Contributions: every one sent is stored once, accepted, merged once into its clause.
    sent = {
        u["message"]["text"].split(None, 2)[2]: uid
        for uid, u in actions.items()
        if u.get("message", {}).get("text", "").startswith("/contribute")
    }
    stored = collections.Counter(
        t for (t, status) in rows(db_url, "select text, status from contributions")
    )
    assert {t: n for t, n in stored.items() if n != 1} == {}
    assert set(stored) == set(sent)
    assert rows(db_url, "select count(*) from contributions where status != 'accepted'") == [(0,)]
    # Each is acknowledged: in answer to it, or — when a stop came between its proposal and
    # its merge — by the notice that finishes the merge at the next start (no update of its own).
    numbers = dict(rows(db_url, "select text, number from contributions"))
    notices = " ".join(told[0])
    for text, uid in sent.items():
        acknowledged = f"已采纳 #{numbers[text]}：" in notices
        assert acknowledged or any(s.startswith("已采纳 #") for s in told[uid]), (text, told[uid])
    [repository] = (data_dir / "repositories").glob("*.git")
    git = ["git", "--git-dir", str(repository)]
    files = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.split()
    draft = "".join(
        subprocess.run([*git, "show", f"HEAD:{f}"], capture_output=True, text=True).stdout
        for f in files
        if f.startswith("clauses/")
    )
    assert {t: draft.count(t) for t in sent if draft.count(t) != 1} == {}
    # Votes: each unit's last vote, in the order its people acted, is the one counted; each
    # vote acknowledged as recorded was recorded, and none of them after a later one.
    cast: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for uid, u in actions.items():
        text = u.get("message", {}).get("text", "")
        query = u.get("callback_query", {})
        if text.startswith("/vote"):
            cast[UNIT_OF[u["message"]["from"]["id"]]].append((uid, text.split()[2]))
        elif query.get("data", "").startswith("v:"):
            choice = CHOICES[query["data"].rsplit(":", 1)[1]]
            cast[UNIT_OF[query["from"]["id"]]].append((uid, choice))
    counted = {  # a vote's place in the order people acted is its update's id, spaced
        unit: (int(acted) // ACTED_STEP, choice)
        for unit, acted, choice in rows(
            db_url,
            "select u.short_name, v.acted, v.choice from votes v join units u on u.id = v.unit_id",
        )
    }
    for unit, votes in cast.items():
        last = max(votes)
        assert counted[unit] == last, (unit, counted[unit], last, told[last[0]], actions[last[0]])
        for uid, _choice in votes:
            recorded = any(s.startswith("已记录") for s in told[uid])
            not_counted = any(s.startswith("未计入") for s in told[uid])
            assert not (recorded and not_counted), (uid, told[uid])
            # A command's answer commits with its work; a press's toast may be lost to a kill.
            if "message" in actions[uid]:
                assert recorded or not_counted, (uid, told[uid])


def _doubles(compat: Compat) -> list[tuple[str, int]]:
    """Messages delivered twice: the same text in answer to the same message."""
    seen = collections.Counter(
        (str(p.get("text")), int((p.get("reply_parameters") or {}).get("message_id", 0)))
        for m, p in list(compat.said)
        if m == "sendMessage"
    )
    return [key for key, count in seen.items() if count > 1 and key[1]]


def test_a_restart_storm_loses_doubles_and_misstates_nothing(
    worlds: Worlds, db_url: str, tmp_path: Path
) -> None:
    """Twenty stops and starts, SIGTERM and SIGKILL mixed, while two units contribute and
    vote; then a clean start, and the ledger is compared with what is stored."""
    w, bot = worlds(db_url, tmp_path / "data", **ROOMY)
    ballot = working_with_a_ballot(w, "/policy open", "即时并入")
    first = max(w.compat.handed) + 1
    people = People(w, ballot, count=45, pause=0.6)
    people.start()
    rng = random.Random(20)
    kills = 0
    for stop in range(20):
        time.sleep(rng.uniform(0.3, 2.0))  # up for a moment, then stopped again
        if stop % 2:
            bot.kill()
            kills += 1
        else:
            bot.stop()
        bot.start()
    people.thread.join()
    eventually(lambda: _settled(w, db_url), timeout=120)
    assert bot.process.poll() is None  # type: ignore[attr-defined]
    _check_ledger(w, db_url, tmp_path / "data", first)
    # A SIGKILL between Telegram's answer and its mark may send that one answer twice at the
    # next start (the one case no bot can tell apart); nothing else is sent twice.
    assert len(_doubles(w.compat)) <= kills, _doubles(w.compat)


def test_postgres_restarted_and_stopped_never_ends_the_bot_nor_doubles_a_merge(
    worlds: Worlds,
    cluster: PrivateCluster,
    tmp_path: Path,
) -> None:
    """PostgreSQL restarted (fast and as after a crash) and stopped for four seconds, twice
    each, while two units contribute and vote: the bot rides it out."""
    data_dir = tmp_path / "data"
    w, bot = worlds(cluster.url, data_dir, **ROOMY)
    ballot = working_with_a_ballot(w, "/policy open", "即时并入")
    first = max(w.compat.handed) + 1
    people = People(w, ballot, count=36, pause=0.25)
    people.start()
    for fault in ("fast", "immediate", "stop", "fast", "immediate", "stop"):
        time.sleep(1.0)
        if fault == "stop":
            cluster.stop("immediate")
            time.sleep(4)
            assert bot.process.poll() is None  # type: ignore[attr-defined]
            cluster.start()
        else:
            cluster.restart(fault)
        assert bot.process.poll() is None  # type: ignore[attr-defined]
    people.thread.join()
    eventually(lambda: _settled(w, cluster.url), timeout=120)
    assert bot.process.poll() is None  # type: ignore[attr-defined]
    _check_ledger(w, cluster.url, data_dir, first)
    assert _doubles(w.compat) == []
    log = (tmp_path / "bot.log").read_text()
    assert "waits for the database" in log or "the database cannot be reached" in log


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 48 MB tmpfs of the test's own (root is needed to mount it)."""
    folder = Path(tempfile.mkdtemp(prefix="mbt-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    folder.rmdir()


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_never_ends_the_bot_and_loses_nothing(
    worlds: Worlds,
    small_disk: Path,
    tmp_path: Path,
) -> None:
    """The data folder (SQLite and the repositories) fills up while people work, and is freed
    a while later: the process stays up, and what was sent meanwhile is handled once."""
    db_url = f"sqlite+aiosqlite:///{small_disk / 'manuscript.sqlite3'}"
    w, bot = worlds(db_url, small_disk, **ROOMY)
    ballot = working_with_a_ballot(w, "/policy open", "即时并入")
    first = max(w.compat.handed) + 1
    filler = _fill(small_disk)
    people = People(w, ballot, count=12, pause=0.3)
    people.start()
    people.thread.join()
    time.sleep(3)
    assert bot.process.poll() is None  # type: ignore[attr-defined]
    filler.unlink()
    eventually(lambda: _settled(w, db_url), timeout=120)
    assert bot.process.poll() is None  # type: ignore[attr-defined]
    _check_ledger(w, db_url, small_disk, first)
    assert _doubles(w.compat) == []
