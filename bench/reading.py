"""The reading view under load: pages of a 1,000-clause draft with a consultation's comments and
open proposals, served to 50 concurrent readers, the load from another process
(bench/reading_load.py) so the server has the loop to itself."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select

from bench.harness import CHAIR, bot, project, thousand_clauses
from bot.domain.webapp_auth import signed_launch
from bot.runtime import Runtime
from bot.simulator import Chat, Simulator
from bot.web.server import web_app
from bot.web.serving import web_server
from drafts.meta import META_PATH, Meta
from drafts.repository import Identity
from drafts.vocabulary import ContributionKind, ContributionStatus
from storage.models import Ballot, Comment, Contribution, Person, Project

COMMENTS, OPEN = 600, 200  # a busy consultation's comments, and proposals still open


async def _consultation(runtime: Runtime, project_id: int) -> None:
    """Comments and open proposals spread over the clauses, as members leave them: each page
    shows its share."""
    now = datetime.now(UTC)
    async with runtime.db.session() as session:
        people = (
            await session.execute(
                select(Person.id, Person.unit_id).where(Person.unit_id.is_not(None))
            )
        ).all()

        def where(n: int) -> dict[str, object]:
            person, unit = people[n % len(people)]
            i = n * 7 % 1000
            return {"project_id": project_id, "number": n + 1, "clause_id": f"c{i:04d}",
                    "clause_number": f"{1 + i // 100}.{1 + i % 100}", "author_id": person,
                    "unit_id": unit, "created_at": now}  # fmt: skip

        session.add_all(
            Comment(**where(n), original="本条规定了……", reason="建议明确试验压力。", proposed="试验压力为 1.5 倍公称压力。")
            for n in range(COMMENTS)
        )  # fmt: skip
        session.add_all(
            Contribution(**where(n), kind=ContributionKind.ADD, text="补充：密封试验的保压时间不少于 60 s。", status=ContributionStatus.OPEN)
            for n in range(OPEN)
        )  # fmt: skip
        await session.commit()


READERS, REQUESTS = 50, 20  # each reader asks for 20 pages in turn


async def reading_view() -> None:
    from bench.__main__ import row

    async with bot() as sim:
        chat = Chat(-100700, "reading")
        people = await project(sim, chat, READERS)  # one person a reader: each has a rate limit
        runtime = sim.application.bot_data.runtime
        async with runtime.db.session() as session:
            key, project_id = (await session.execute(select(Project.repository, Project.id))).one()
        repo = runtime.drafts.repository(key)
        meta = Meta.from_json(repo.read(META_PATH) or "")
        repo.commit(
            thousand_clauses(meta),
            author=Identity("b", "b@x"),
            message="big\n",
            when=datetime.now(UTC),
        )
        await _consultation(runtime, project_id)
        port = _listen_anywhere(sim)
        data = sim.application.bot_data
        launches = [
            signed_launch(sim.application.bot.token, p.id, p.name, f"p{project_id}", data.clock())
            for p in people
        ]
        async with web_server(sim.application):
            load = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bench.reading_load", f"http://127.0.0.1:{port}",
                str(REQUESTS), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )  # fmt: skip
            out, err = await load.communicate("\n".join(launches).encode())
    if load.returncode:
        raise RuntimeError(err.decode()[-2000:])
    figures = json.loads(out)
    row("reading view: a page of a 1,000-clause draft", f"p95 {figures['p95']:.0f} ms",
        "p95 < 300 ms", f"{READERS} concurrent readers × {REQUESTS} pages (30 clauses each) over HTTP from another process; p50 {figures['p50']:.0f} ms, {figures['rate']:.0f} pages/s; after each reader's first page p95 {figures['warm_p95']:.0f} ms; slowest first page (the new text read once for all) {figures['first_max']:.0f} ms")  # fmt: skip


VOTERS, VOTES = 40, 400  # each voter votes 11 times with the warm-up: within the 30 a minute


async def web_vote() -> None:
    """The same vote by button and from the reading view, one after another, each until it is
    committed with its acknowledgement in the outbox: the time the bot spends on it, the update
    handled by the Application against the request handled by the reading view's ASGI app."""
    from bench.__main__ import on_screen, row

    async with bot(real_time=True, group_per_minute=1000) as sim:
        chat = Chat(-100800, "votes")
        people = await project(sim, chat, VOTERS)
        await sim.send(CHAIR, chat, "/ballot 基准议题")
        await on_screen(sim)
        runtime = sim.application.bot_data.runtime
        async with runtime.db.session() as session:
            ballot_id, number, project_id = (
                await session.execute(select(Ballot.id, Ballot.number, Ballot.project_id))
            ).one()
        [message] = [
            c.result for c in sim.transport.calls
            if c.method == "sendMessage" and f"v:{ballot_id}:y" in str(c.params.get("reply_markup"))
        ]  # fmt: skip
        data = sim.application.bot_data
        launches = [
            signed_launch(sim.application.bot.token, p.id, p.name, f"p{project_id}", data.clock())
            for p in people
        ]
        app = web_app(sim.application)
        served: list[float] = []

        async def timed(scope: Any, receive: Any, send: Any) -> None:
            began = time.perf_counter()
            await app(scope, receive, send)
            served.append((time.perf_counter() - began) * 1000)

        def choice(i: int) -> str:  # each unit changes its vote every time
            return "yes" if i // VOTERS % 2 else "no"

        def by_button(i: int) -> Awaitable[object]:
            return sim.press(
                people[i % VOTERS], message, f"v:{ballot_id}:{choice(i)[0]}", settle=None
            )

        transport = httpx.ASGITransport(app=timed)
        async with httpx.AsyncClient(transport=transport, base_url="http://reading.test") as http:

            async def from_page(i: int) -> None:
                answer = await http.post(
                    "/api/vote",
                    headers={"Authorization": f"tma {launches[i % VOTERS]}"},
                    json={"request": f"bench-{i:08d}", "ballot": number, "choice": choice(i)},
                )
                answer.raise_for_status()

            for i in range(VOTERS):  # warm-up
                await by_button(i)
                await from_page(i)
            served.clear()
            pressed: list[float] = []
            for i in range(VOTERS, VOTERS + VOTES):  # in turn: both meet the same conditions
                began = time.perf_counter()
                await by_button(i)
                pressed.append((time.perf_counter() - began) * 1000)
                await from_page(i)
            await sim.quiet()
    button50, button99 = _median_and_p99(pressed)
    page50, page99 = _median_and_p99(served)
    row("a vote from the reading view, against by button", f"{page50 / button50 - 1:+.0%}",
        "within 20 %", f"{VOTES} votes each way, {VOTERS} units each changing its vote, sequential, after {VOTERS} each way to warm up, a vote by button and one from the page in turn; each committed with its acknowledgement in the outbox. By button: the update handled by the Application, p50 {button50:.2f} ms, p99 {button99:.2f} ms; from the page: the POST handled by the reading view's ASGI app (signature, rate, body, vote), p50 {page50:.2f} ms, p99 {page99:.2f} ms; neither counts its transport (Telegram's delivery; HTTPS and the proxy)")  # fmt: skip


def _median_and_p99(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def _listen_anywhere(sim: Simulator) -> int:
    """A free port on 127.0.0.1 for the reading view's server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    data = sim.application.bot_data
    data.configure(
        dataclasses.replace(data.settings, web_listen=("127.0.0.1", port)), data.clock, data.pace
    )
    return port
