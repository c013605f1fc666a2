"""One truth across the database and the repository: for every kind of repository write, a
database commit that fails after the git commit, a git write that fails, and a crash between the
two leave both stores as they were; the person's answer says so truthfully, and the retry lands
once."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Select, func, select

from bot.simulator import User
from drafts.repository import DraftRepository
from storage.models import (
    Ballot,
    Comment,
    Contribution,
    PatentDeclaration,
    Project,
    RepositoryWrite,
)
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, started
from tests.faults import DatabaseFaults, at_commit, full_disk, read_only

APOLOGY = "抱歉，处理这条命令时出错了，没有做任何更改。"
UNCONFIRMED = "抱歉，数据库暂时无法访问，无法确认这条命令是否已生效。"
UNWRITABLE = "草稿无法写入版本库（存储故障"


async def _consultation(bot: Bot) -> None:
    await bot.say(CHAIR, GROUP, "/advance | until 14d")


async def _commented(bot: Bot) -> None:
    await _consultation(bot)
    await bot.say(ZHANG, GROUP, "/comment 4.1 应补充阀盖材料")


async def _proposed(bot: Bot) -> None:
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")


async def _balloted(bot: Bot) -> None:
    await bot.say(CHAIR, GROUP, "/ballot 是否采用 GB/T 12221？")
    await bot.say(LI, GROUP, "/vote B1 yes")
    await bot.say(ZHANG, GROUP, "/vote B1 yes")


async def _nothing(bot: Bot) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """One kind of repository write: how to get there, the command, the rows it changes and
    what they hold once it landed, and where in the repository it writes."""

    name: str
    prepare: Callable[[Bot], Awaitable[None]]
    who: User
    command: str
    rows: Select[Any]
    landed: list[Any]
    writes: str  # the path (or folder) its commit changes


KINDS = [
    Kind("merge", _proposed, LI, "/accept #1", select(Contribution.status), [("accepted",)], "clauses/"),
    Kind("comment", _consultation, ZHANG, "/comment 4.1 应补充阀盖材料", select(Comment.number), [(1,)], "comments/C0001.json"),
    Kind("disposition", _commented, LI, "/resolve C1 accept", select(Comment.disposition), [("accept",)], "comments/C0001.json"),
    Kind("ballot", _balloted, CHAIR, "/close B1", select(Ballot.outcome), [("passed",)], "ballots/B1.json"),
    Kind("patent", _nothing, LI, "/patent none", select(func.count(PatentDeclaration.id)), [(1,)], "patents/"),
    Kind("stage and tag", _nothing, CHAIR, "/advance | until 14d", select(Project.stage), [("consultation",)], "meta/project.json"),
    Kind("metadata", _nothing, CHAIR, "/policy open", select(Project.policy), [("open",)], "meta/project.json"),
]  # fmt: skip
BY_NAME = pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])


@dataclass(frozen=True)
class State:
    tree: str
    tags: list[str]
    rows: list[Any]


async def _state(bot: Bot, repo: DraftRepository, kind: Kind) -> State:
    tree = repo._git("rev-parse", "HEAD^{tree}").decode().strip()
    return State(tree, repo.tags(), await bot.rows(kind.rows))


async def _ready(bot: Bot, kind: Kind) -> tuple[DraftRepository, State]:
    """The project where `kind` can be written, its repository, and both stores as they are."""
    await kind.prepare(bot)
    repo = await bot.repository()
    return repo, await _state(bot, repo, kind)


async def _level(bot: Bot, repo: DraftRepository) -> list[str]:
    """The journaled writes in the repository without their database side and not taken back
    (none: the two stores agree), read from git's log and the table, not by the journal's code."""
    messages = repo._git("log", "--format=%B%x00", "refs/heads/main").decode().split("\0")
    written = [w for m in messages for w in re.findall(r"^Write: (\S+)$", m, re.MULTILINE)]
    undone = {u for m in messages for u in re.findall(r"^Undoes: (\S+)$", m, re.MULTILINE)}
    recorded = {w for (w,) in await bot.rows(select(RepositoryWrite.id))}
    return [w for w in written if w not in undone and w not in recorded]


async def _with_failing_commit(bot: Bot, kind: Kind, *, database_down: bool) -> list[str]:
    """The command, its database commit failing after its git commit (and the database down
    from then on, as in a crash, when `database_down`); the answers."""
    with DatabaseFaults(bot.runtime.db).installed() as faults:
        faults.fail_next_write_commit = True
        faults.down_after_failing = database_down
        answers = await bot.say(kind.who, GROUP, kind.command)
    assert faults.failed == 1
    return answers


async def _lands_once(bot: Bot, repo: DraftRepository, kind: Kind, before: State) -> None:
    """The retry: answered as usual, its effect in both stores, and the two agree."""
    answers = await bot.say(kind.who, GROUP, kind.command)
    assert answers and not any(a.startswith(("抱歉", "草稿无法写入")) for a in answers), answers
    after = await _state(bot, repo, kind)
    assert before.rows != kind.landed and after.rows == kind.landed
    changed = repo._git("diff", "--name-only", before.tree, after.tree).decode().split()
    assert [path for path in changed if path.startswith(kind.writes)], changed
    assert await _level(bot, repo) == []


@BY_NAME
async def test_a_database_commit_that_fails_after_the_git_commit_is_taken_back_at_once(
    drafting_bot: Bot, kind: Kind
) -> None:
    bot = drafting_bot
    repo, before = await _ready(bot, kind)
    head = repo.head()
    answers = await _with_failing_commit(bot, kind, database_down=False)
    assert [a[: len(APOLOGY)] for a in answers] == [APOLOGY]  # and it is true:
    assert await _state(bot, repo, kind) == before
    assert repo.head() != head  # the write was made, and taken back in a commit that says so
    assert "Undoes: " in repo._git("log", "-1", "--format=%B").decode()
    assert await _level(bot, repo) == []
    await _lands_once(bot, repo, kind, before)  # no restart needed


@BY_NAME
async def test_a_crash_between_the_git_commit_and_the_database_commit_is_taken_back_at_start(
    drafting_bot: Bot, kind: Kind
) -> None:
    """The database goes away with the failing commit, as in a crash: nothing can be asked of
    it, so the write stays in the repository until the next start takes it back."""
    bot = drafting_bot
    repo, before = await _ready(bot, kind)
    answers = await _with_failing_commit(bot, kind, database_down=True)
    assert [a[: len(UNCONFIRMED)] for a in answers] == [UNCONFIRMED]
    assert await bot.rows(kind.rows) == before.rows
    assert await _level(bot, repo) != []  # the orphan write, not yet taken back
    async with started(bot.runtime.settings) as restarted:
        assert await _state(restarted, repo, kind) == before
        assert await _level(restarted, repo) == []
        await _lands_once(restarted, repo, kind, before)
    async with started(bot.runtime.settings) as again:  # and a second start changes nothing
        head = repo.head()
        assert await _level(again, repo) == [] and repo.head() == head


@BY_NAME
async def test_a_database_back_before_the_next_write_is_settled_without_a_restart(
    drafting_bot: Bot, kind: Kind
) -> None:
    bot = drafting_bot
    repo, before = await _ready(bot, kind)
    await _with_failing_commit(bot, kind, database_down=True)
    # The database is back: the next write to the project first takes the orphan back.
    await _lands_once(bot, repo, kind, before)


@BY_NAME
async def test_a_read_only_repository_refuses_plainly_and_is_writable_once_mended(
    drafting_bot: Bot, kind: Kind
) -> None:
    bot = drafting_bot
    repo, before = await _ready(bot, kind)
    with read_only(repo.path / "objects"):
        answers = await bot.say(kind.who, GROUP, kind.command)
    assert [a[: len(UNWRITABLE)] for a in answers] == [UNWRITABLE]
    assert "没有做任何更改" in answers[0]
    assert await _state(bot, repo, kind) == before
    await _lands_once(bot, repo, kind, before)


async def test_a_full_disk_refuses_plainly_and_the_bot_carries_on(drafting_bot: Bot) -> None:
    bot = drafting_bot
    kind = KINDS[0]
    repo, before = await _ready(bot, kind)
    with full_disk(repo.path) as mounted:
        if not mounted:
            pytest.skip("this machine does not allow mounting a small file system")
        answers = await bot.say(kind.who, GROUP, kind.command)
    assert [a[: len(UNWRITABLE)] for a in answers] == [UNWRITABLE]
    assert await _state(bot, repo, kind) == before
    await _lands_once(bot, repo, kind, before)


async def test_a_refusal_after_a_first_write_takes_that_write_back(drafting_bot: Bot) -> None:
    """`/advance` writes the stage into the metadata, then tags: a lock in the way of the tag
    refuses the whole command, and the metadata commit already made is taken back."""
    bot = drafting_bot
    kind = KINDS[5]
    repo, before = await _ready(bot, kind)
    (repo.path / "refs" / "tags" / "consultation.lock").write_text("")
    [answer] = await bot.say(kind.who, GROUP, kind.command)
    assert answer.startswith("草稿版本库暂时被锁定，本次操作未能完成")
    assert await _state(bot, repo, kind) == before
    assert '"stage": "working"' in (repo.read("meta/project.json") or "")
    (repo.path / "refs" / "tags" / "consultation.lock").unlink()
    await _lands_once(bot, repo, kind, before)


async def test_a_write_that_cannot_be_taken_back_yet_is_said_so_and_taken_back_later(
    drafting_bot: Bot,
) -> None:
    """The database commit fails and the repository turns read-only at the same moment: the
    write cannot be undone now, and the answer does not claim that nothing was changed."""
    bot = drafting_bot
    kind = KINDS[0]
    repo, before = await _ready(bot, kind)
    with ExitStack() as faults_gone, DatabaseFaults(bot.runtime.db).installed() as faults:
        faults.fail_next_write_commit = True
        faults.on_failing = lambda: faults_gone.enter_context(read_only(repo.path / "objects"))
        [answer] = await bot.say(kind.who, GROUP, kind.command)
        assert answer.startswith(
            "抱歉，处理这条命令时出错了，数据库没有记录这次更改；已写入草稿版本库的部分暂时无法撤回"
        )
        assert await _level(bot, repo) != []  # still in the draft
    await _lands_once(bot, repo, kind, before)  # mended: the next write takes it back first


async def test_an_earlier_write_that_cannot_be_taken_back_is_not_denied(
    drafting_bot: Bot,
) -> None:
    """`/advance` commits the stage, then the repository turns read-only: its tag cannot be
    written, and neither can the undo of the stage commit — so the answer does not stop at
    "nothing was changed"."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    bot = drafting_bot
    kind = KINDS[5]
    repo, before = await _ready(bot, kind)
    at_commit(repo.path, "Stage: consultation", 'chattr -R +i "$GIT_DIR/objects"')
    try:
        answers = await bot.say(kind.who, GROUP, kind.command)
    finally:
        subprocess.run(["chattr", "-R", "-i", str(repo.path / "objects")], check=True)
    [answer] = answers
    assert answer.splitlines() == [
        "草稿无法写入版本库（存储故障，如磁盘已满或只读，已记入日志）。",
        "数据库没有记录这次更改，但本次命令较早写入草稿版本库的部分暂时无法撤回，"
        "机器人会在下次写入或重启时自动撤回。故障排除后请重试。",
    ]  # and not "nothing was changed"
    assert await bot.rows(kind.rows) == before.rows
    assert await _level(bot, repo) != []  # the stage commit, still in the draft
    await _lands_once(bot, repo, kind, before)  # mended: taken back first, then done once
