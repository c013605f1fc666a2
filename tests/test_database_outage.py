"""The database going away under the real Application and its lanes (bot/lanes.py): a PostgreSQL
cluster of the test's own is stopped and restarted — in the middle of a merge, under a burst of
contributions and votes, and between a send and its mark — and afterwards every acknowledged
action is stored once, merged once, answered once, and nothing was apologised for."""

from __future__ import annotations

import asyncio
import collections
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Update

from bot.lanes import Lanes
from bot.offline import ApiCall
from storage.models import Contribution, Unit, Vote
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, drafting, make_settings, started, with_project
from tests.faults import HOLD, DatabaseFaults, at_commit
from tests.private_postgres import PrivateCluster
from tests.updates import message, press, until

APOLOGY = "抱歉"


def _sent(calls: list[ApiCall]) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage"]


def _subjects(repository: Path) -> list[str]:
    return subprocess.run(
        ["git", "--git-dir", str(repository), "log", "--format=%s"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip


async def _open_policy_project(bot: Bot) -> Bot:
    await drafting(await with_project(bot))
    await bot.say(CHAIR, GROUP, "/policy open")  # contributions merge at once
    return bot


async def _feed(bot: Bot, lanes: Lanes, updates: list[dict[str, Any]]) -> None:
    application = bot.sim.application
    await lanes.queue([Update.de_json(u, application.bot) for u in updates])


async def _drained(bot: Bot, lanes: Lanes) -> None:
    await until(lambda: not lanes.running)
    await bot.sim.settle(everything=True)
    await lanes.close()


async def test_a_merge_the_database_interrupted_is_merged_once_and_answered_once(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    """The proposal is stored, its merge commit is on the branch, and the database stops before
    the merge's own commit: nothing is apologised for; once it is back the orphan commit is
    taken back, the merge is done again once, and the author is answered once."""
    async with started(make_settings(tmp_path, cluster.url)) as bot:
        await _open_policy_project(bot)
        repo = await bot.repository()
        at_commit(repo.path, "#1 ", HOLD)
        before = len(bot.transport.calls)
        lanes = Lanes(bot.sim.application)
        text = "/contribute 1 本文件规定了闸阀的要求。"
        await _feed(
            bot,
            lanes,
            [message(bot.sim.reserve_update_id(), GROUP.as_dict(), ZHANG.as_dict(), text)],
        )
        await until((repo.path / "paused").exists)
        cluster.stop("immediate")
        (repo.path / "paused").unlink()
        await asyncio.sleep(1.5)  # the merge's commit fails; the lane waits for the database
        assert lanes.running and _sent(bot.transport.calls[before:]) == []
        cluster.start()
        await _drained(bot, lanes)
        answers = _sent(bot.transport.calls[before:])
        assert [a for a in answers if APOLOGY in a] == []
        assert len([a for a in answers if "已采纳 #1" in a]) == 1, answers
        assert await bot.rows(select(Contribution.number, Contribution.status)) == [(1, "accepted")]
        subjects = _subjects(repo.path)
        assert subjects.count("#1 1 范围: add") == 2  # made, taken back, made again
        assert subjects.count("Undo: #1 1 范围: add") == 1
        section = "\n".join(await bot.say(LI, GROUP, "/section 1"))
        assert section.count("本文件规定了闸阀的要求。") == 1


async def test_postgres_restarted_and_stopped_under_a_burst_loses_doubles_and_misstates_nothing(
    cluster: PrivateCluster, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Contributions (each merged at once) and votes, by command and by button, in batches,
    while PostgreSQL is restarted (fast, then as after a crash) and stopped for three seconds."""
    settings = make_settings(tmp_path, cluster.url)
    async with started(settings) as bot:
        await _open_policy_project(bot)
        await bot.say(CHAIR, GROUP, "/wg add 华理")
        opened = await bot.calls(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？")
        ballot_message = opened[0].result
        buttons = bot.buttons(opened)
        before = len(bot.transport.calls)
        lanes = Lanes(bot.sim.application)
        votes: dict[int, list[tuple[int, str]]] = collections.defaultdict(list)  # by user
        batches: list[list[dict[str, Any]]] = []
        for n in range(1, 25):
            batch = batches[-1] if batches and len(batches[-1]) < 4 else []
            if not batch:
                batches.append(batch)
            who = ZHANG if n % 2 else LI
            update_id = bot.sim.reserve_update_id()
            batch.append(
                message(
                    update_id, GROUP.as_dict(), who.as_dict(), f"/contribute {1 + n % 2} 第 {n} 段"
                )
            )
            if n % 3 == 0:  # a vote by command, then soon after one by button, of each unit
                voter = LI if n % 2 else ZHANG
                choice = ("yes", "no 理由", "abstain")[n % 3 + (n // 3) % 2]
                update_id = bot.sim.reserve_update_id()
                votes[voter.id].append((update_id, choice.split()[0]))
                batch.append(
                    message(update_id, GROUP.as_dict(), voter.as_dict(), f"/vote B1 {choice}")
                )
                update_id = bot.sim.reserve_update_id()
                label = ("同意", "弃权")[(n // 3) % 2]
                votes[voter.id].append((update_id, {"同意": "yes", "弃权": "abstain"}[label]))
                batch.append(
                    press(
                        update_id, GROUP.as_dict(), voter.as_dict(), buttons[label], ballot_message
                    )
                )
        repo = await bot.repository()
        at_commit(repo.path, "#5 ", HOLD)  # held there: a crash restart hits it
        for batch in batches[:-1]:
            await _feed(bot, lanes, batch)
        await until((repo.path / "paused").exists)
        await asyncio.to_thread(cluster.restart, "immediate")
        (repo.path / "paused").unlink()
        await asyncio.sleep(0.2)  # the lanes are at work again
        await asyncio.to_thread(cluster.restart, "fast")
        await asyncio.sleep(0.2)
        await asyncio.to_thread(cluster.stop, "immediate")
        held = asyncio.create_task(_feed(bot, lanes, batches[-1]))  # not stored: not confirmed
        await asyncio.sleep(3)
        assert not held.done()
        await asyncio.to_thread(cluster.start)
        await held
        await _drained(bot, lanes)
        answers = _sent(bot.transport.calls[before:])
        assert [a for a in answers if APOLOGY in a] == []
        texts = sorted(t for (t,) in await bot.rows(select(Contribution.text)))
        assert texts == sorted(f"第 {n} 段" for n in range(1, 25))  # none lost, none doubled
        assert (
            await bot.rows(select(Contribution.status).where(Contribution.status != "accepted"))
            == []
        )
        for clause in ("1", "2"):
            shown = "\n".join(await bot.say(LI, GROUP, f"/section {clause}"))
            for n in range(1, 25):
                assert shown.count(f"第 {n} 段\n") + shown.endswith(f"第 {n} 段") <= 1, (clause, n)
        counted = dict(await bot.rows(select(Unit.short_name, Vote.choice).join(Unit)))
        for voter, unit in ((LI, "朝达"), (ZHANG, "华理")):
            last = max(votes[voter.id])[1]  # in the order the people acted
            assert counted[unit] == last, (unit, votes[voter.id])
        _no_double_answers(bot.transport.calls[before:])
    assert [r for r in caplog.records if "waits for the database" in r.getMessage()]


def _no_double_answers(calls: list[ApiCall]) -> None:
    """No message was delivered twice: the same text in answer to the same message."""
    seen = collections.Counter(
        (c.text, (c.params.get("reply_parameters") or {}).get("message_id"))
        for c in calls
        if c.method == "sendMessage"
    )
    assert [key for key, count in seen.items() if count > 1] == []


async def test_a_send_whose_mark_the_database_missed_is_not_sent_again(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    """The database stops right after Telegram has taken an answer, before the outbox marks it
    sent: the mark waits in memory and is written once the database is back — the answer is not
    sent a second time, and the chat's next answer goes after it."""
    async with started(make_settings(tmp_path, cluster.url)) as bot:
        await with_project(bot)
        transport = bot.transport
        real = transport.do_request
        stopped: list[str] = []

        async def stop_after(*args: Any, **kwargs: Any) -> Any:
            answer = await real(*args, **kwargs)
            if str(kwargs.get("url", "")).endswith("/sendMessage") and not stopped:
                stopped.append("now")
                cluster.stop("immediate")  # Telegram has the message; its mark is not written
            return answer

        transport.do_request = stop_after  # type: ignore[method-assign]
        lanes = Lanes(bot.sim.application)
        before = len(transport.calls)
        await _feed(
            bot,
            lanes,
            [message(bot.sim.reserve_update_id(), GROUP.as_dict(), LI.as_dict(), "/units")],
        )
        await until(lambda: stopped)
        await asyncio.sleep(1)  # the sender could not mark it: the database is away
        await asyncio.to_thread(cluster.start)
        await _feed(
            bot,
            lanes,
            [message(bot.sim.reserve_update_id(), GROUP.as_dict(), LI.as_dict(), "/help")],
        )
        await _drained(bot, lanes)
        sent = [c for c in transport.calls[before:] if c.method == "sendMessage"]
        assert len(sent) == 2 and "朝达" in sent[0].text and "可用的命令" in sent[1].text, [
            c.text[:30] for c in sent
        ]


async def test_a_commit_that_landed_but_whose_reply_was_lost_stands_once(
    db_url: str, tmp_path: Path
) -> None:
    """The connection breaks in the middle of the proposal's commit (it enrols the unit in the
    working group: a journaled write): the commit landed, the bot cannot know. Nothing is
    apologised for and nothing is taken back: the update waits for the database, the merge that
    never began is finished by the recovery and announced once, and the update, run again, finds
    itself done."""
    async with started(make_settings(tmp_path, db_url)) as bot:
        await _open_policy_project(bot)
        repo = await bot.repository()
        before = len(bot.transport.calls)
        lanes = Lanes(bot.sim.application)
        text = "/contribute 1 本文件规定了闸阀的要求。"
        update = message(bot.sim.reserve_update_id(), GROUP.as_dict(), ZHANG.as_dict(), text)
        with DatabaseFaults(bot.runtime.db).installed() as faults:
            faults.lose_next_commit_reply = True
            await _feed(bot, lanes, [update])
            await _drained(bot, lanes)
        assert faults.failed == 1
        answers = _sent(bot.transport.calls[before:])
        assert [a for a in answers if APOLOGY in a] == []
        assert len([a for a in answers if "已采纳 #1：" in a]) == 1, answers
        assert await bot.rows(select(Contribution.number, Contribution.status)) == [(1, "accepted")]
        subjects = _subjects(repo.path)
        assert subjects.count("#1 1 范围: add") == 1
        assert not [s for s in subjects if s.startswith("Undo")]
