"""A bot on a fresh SQLite database in a temporary folder, with people and a project."""

from __future__ import annotations

import dataclasses
import secrets
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from bot import heap
from bot.app import serving_offline
from bot.config import Settings
from bot.instance_lock import Held
from bot.offline import RecordingRequest
from bot.outbox.sender import LoopPace
from bot.pictures import valve_sketch
from bot.runtime import ManualClock
from bot.simulator import Chat, Simulator, User, offline_application
from drafts.meta import META_PATH, Clause, Meta, clause_path
from storage.migrate import migrate_url

SECRETARY = User(1, "秘书", "sec")
CHAIR = User(2, "主席", "chair")


POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


@asynccontextmanager
async def postgres() -> AsyncIterator[str | None]:
    """A fresh database on the local PostgreSQL, dropped afterwards; None when it is not there."""
    try:
        admin = await asyncpg.connect(POSTGRES.replace("+asyncpg", ""), timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        print(f"(PostgreSQL at {POSTGRES} cannot be reached: {error}; its figures are skipped)")
        yield None
        return
    name = f"mbench_{secrets.token_hex(6)}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@asynccontextmanager
async def bot(
    database_url: str | None = None,
    *,
    real_time: bool = False,
    call_seconds: float = 0.0,
    group_per_minute: int = 20,
    held: Held | None = None,
    **changed: object,
) -> AsyncIterator[Simulator]:
    """A bot on `database_url`, or on a SQLite file in a temporary folder; its outbox on virtual
    time, or (`real_time`) on the loop's, every Bot API call taking `call_seconds`; `held`, the
    deployment's lock as `run` would hold it, and `changed`, settings of its own."""
    with tempfile.TemporaryDirectory(prefix="manuscript-bench-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            secretariat=frozenset({SECRETARY.id}),
            database_url=database_url or "",
            group_messages_per_minute=group_per_minute,
        )
        settings = dataclasses.replace(settings, **changed)  # type: ignore[arg-type]
        await migrate_url(settings.database_url)
        application, transport = offline_application(
            settings,
            "1:bench",
            ManualClock(),
            RecordingRequest(delay=call_seconds, group_per_minute=group_per_minute),
            pace=LoopPace() if real_time else None,
        )
        application.bot_data.held = held
        async with serving_offline(application):
            heap.settle()  # as `manuscript-bot run` does once it is up
            yield Simulator(application, transport)


async def project(sim: Simulator, chat: Chat, units: int, code: str = "T/B 1") -> list[User]:
    """A project in `chat` chaired by CHAIR, with `units` voting units, one representative each,
    all in the working group; returns the representatives."""
    await sim.send(CHAIR, chat, "/help")
    await sim.send(SECRETARY, chat, f"/newproject {code} | 基准")
    await sim.send(SECRETARY, chat, "/grant @chair chair")
    people = []
    for n in range(units):
        person = User(1000 + chat.id % 1000 * 1000 + n, f"代表{n}", f"rep{abs(chat.id)}_{n}")
        await sim.send(SECRETARY, chat, f"/unit add {code} 单位{n} | {code}-u{n}")
        await sim.send(person, chat, f"/join {code}-u{n}")
        await sim.send(SECRETARY, chat, f"/approve @{person.username}")
        await sim.send(CHAIR, chat, f"/wg add {code}-u{n}")
        people.append(person)
    return people


def thousand_clauses(meta: Meta) -> dict[str, str | bytes]:
    """The files of a 1,000-clause draft under ten chapters (about 2 KB a clause, every 5th with a
    table, every 20th with a figure), `meta` given its clauses."""
    clauses = tuple(
        Clause(f"c{i:04d}", f"{1 + i // 100}.{1 + i % 100}", f"条款{i}") for i in range(1000)
    )
    heads = tuple(Clause(f"h{n:03d}", str(n), f"第{n}章") for n in range(1, 11))
    text = "本条规定了阀门在规定压力下的密封性能要求。" * 32
    table = (
        "\n\n表：材料力学性能\n材料\t抗拉强度\t屈服强度\nWCB\t485\t250\nWC6\t485\t275\n注：最小值。"
    )
    picture = valve_sketch()

    def clause_text(i: int) -> str:
        figure = f"\n\n图：示意图{i} [figures/f{i:04d}.png]" if i % 20 == 0 else ""
        return text + (table if i % 5 == 0 else "") + figure + "\n"

    files: dict[str, str | bytes] = {
        META_PATH: dataclasses.replace(meta, clauses=(*heads, *clauses)).to_json()
    }
    files |= {clause_path(c.id): clause_text(i) for i, c in enumerate(clauses)}
    files |= {f"figures/f{i:04d}.png": picture for i in range(0, 1000, 20)}
    return files
