"""The draft under stress: concurrent acceptance, and a failure between the repository write and
the database write: taken back at once, or at the next start."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.services import contributions, outline
from drafts.meta import META_PATH, Meta, clause_path
from drafts.repository import DraftRepository
from storage.models import Contribution, Project, Unit, WorkingGroupMember
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, started


async def test_twenty_concurrent_acceptances_into_two_clauses(drafting_bot: Bot) -> None:
    bot = drafting_bot
    authors = [LI, ZHANG]
    texts = {}
    for n in range(1, 21):
        author = authors[n % 2]
        clause = "4.1" if n % 4 < 2 else "4.2"
        text = f"第 {n} 条补充，由 {author.name} 提出。"
        texts[n] = (author, clause, text)
        await bot.say(author, GROUP, f"/contribute {clause} {text}")
    repo = await bot.repository()
    head = repo.head()
    answers = await asyncio.gather(*(bot.say(CHAIR, GROUP, f"/accept #{n}") for n in range(1, 21)))
    assert all(answer[-1].startswith("已采纳 #") for answer in answers), answers
    rows = await bot.rows(select(Contribution.number, Contribution.status, Contribution.commit_sha))
    assert {status for _, status, _ in rows} == {"accepted"}
    commits = repo._git("rev-list", f"{head}..HEAD").decode().split()
    assert len(commits) == 20
    by_number = {number: sha for number, _, sha in rows}
    assert sorted(by_number.values()) == sorted(commits)
    for n, (author, _clause, text) in texts.items():
        sha = by_number[n]
        [_one_file] = (
            repo._git("diff-tree", "--no-commit-id", "--name-only", "-r", sha).decode().split()
        )
        added = [
            line[1:]
            for line in repo._git("show", "--format=", sha).decode().splitlines()
            if line.startswith("+") and not line.startswith("+++") and line[1:].strip()
        ]
        assert added == [text], f"#{n} added {added}"
        unit = "朝达" if author is LI else "华理"
        assert (
            repo._git("show", "-s", "--format=%an|%s", sha)
            .decode()
            .strip()
            .startswith(f"{author.name} ({unit})|#{n} ")
        )
    for path in repo.sizes("clauses/"):
        body = repo.read(path) or ""
        assert len([p for p in body.split("\n\n") if p.strip()]) == 10


def _crash_now(*args: object, **kwargs: object) -> None:
    raise RuntimeError("power cut")


async def _crash(*args: object, **kwargs: object) -> None:
    _crash_now()


async def test_a_failure_after_the_merge_commit_is_taken_back_and_the_retry_merges_once(
    drafting_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = drafting_bot
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料。")
    repo = await bot.repository()
    clause = _path_of(repo, "4.1")
    # The database write that follows the commit never happens.
    monkeypatch.setattr(contributions, "_decide", _crash_now)
    [apology] = await bot.say(LI, GROUP, "/accept #1")
    assert apology.startswith("抱歉，处理这条命令时出错了，没有做任何更改。")  # and it is true:
    assert (repo.read(clause) or "") == ""  # the merge commit was taken back at once
    assert await bot.rows(select(Contribution.status)) == [("open",)]
    monkeypatch.undo()
    answers = await bot.say(LI, GROUP, "/accept #1")
    assert any(a.startswith("已采纳 #1") for a in answers), answers
    assert repo.read(clause) == "阀体材料。\n"  # once
    [(sha,)] = await bot.rows(select(Contribution.commit_sha))
    assert sha == repo.head()
    async with started(bot.runtime.settings) as restarted:  # a start finds nothing to repair
        [again] = await restarted.say(LI, GROUP, "/accept #1")
        assert again == "#1 已采纳。"
        assert (await restarted.repository()).head() == sha


async def test_a_failure_after_the_metadata_commit_is_taken_back(
    project_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = project_bot
    monkeypatch.setattr(outline, "enrol", _crash)
    [apology] = await bot.say(CHAIR, GROUP, "/drafter 朝达")
    assert apology.startswith("抱歉，处理这条命令时出错了，没有做任何更改。")
    assert await bot.rows(select(Project.stage, Project.drafter_unit_id)) == [("proposal", None)]
    repo = await bot.repository()
    assert '"stage": "proposal"' in (repo.read("meta/project.json") or "")  # taken back too
    monkeypatch.undo()
    async with started(bot.runtime.settings) as restarted:
        assert await restarted.rows(select(Project.stage)) == [("proposal",)]
        await restarted.say(CHAIR, GROUP, "/drafter 朝达")
        [card] = await restarted.say(LI, GROUP, "/project")
        assert "框架起草单位：朝达阀门有限公司（朝达）" in card


async def test_a_project_whose_repository_is_missing_gets_one_at_start(project_bot: Bot) -> None:
    bot = project_bot
    repo = await bot.repository()
    for path in sorted(repo.path.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    repo.path.rmdir()
    async with started(bot.runtime.settings) as restarted:
        rebuilt = await restarted.repository()
        assert rebuilt.exists() and '"stage": "proposal"' in (
            rebuilt.read("meta/project.json") or ""
        )


async def test_open_policy_crash_during_the_merge_is_merged_at_start(
    drafting_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/policy open")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料。")  # merged at once, as usual
    head = (await bot.repository()).head()
    monkeypatch.setattr(contributions, "_merge", _crash)
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度。")
    assert await bot.rows(select(Contribution.number, Contribution.status)) == [
        (1, "accepted"),
        (2, "open"),
    ]
    # The proposal and its unit's enrolment in the working group are kept though the merge failed.
    [(huali,)] = await bot.rows(select(Unit.id).where(Unit.short_name == "华理"))
    members = select(WorkingGroupMember.unit_id, WorkingGroupMember.source)
    assert (huali, "activity") in await bot.rows(members)
    monkeypatch.undo()
    await bot.say(CHAIR, GROUP, "/policy review")  # a proposal under review is not merged
    await bot.say(LI, GROUP, "/contribute 4.1 阀盖材料。")
    async with started(bot.runtime.settings) as restarted:
        assert await restarted.rows(
            select(Contribution.number, Contribution.status, Contribution.merge_pending).order_by(
                Contribution.number
            )
        ) == [(1, "accepted", False), (2, "accepted", False), (3, "open", False)]
        repo = await restarted.repository()
        assert repo.head() != head
        assert any("结构长度。" in (repo.read(path) or "") for path in repo.files("clauses/"))
        [merged] = [sha for sha, n in repo.trailer_values(contributions.TRAILER) if n == "2"]
        [notice] = _sent_to(restarted, GROUP.id)  # the author was never answered: now they are
        assert (
            "机器人停止或数据库中断前未及答复" in notice
            and "已采纳 #2" in notice
            and "张敏" in notice
        )
    async with started(bot.runtime.settings) as again:  # and only once
        assert [n for _, n in repo.trailer_values(contributions.TRAILER)] == ["2", "1"]
        assert repo.head() == merged
        assert _sent_to(again, GROUP.id) == []


async def test_open_policy_failure_after_the_merge_commit_is_merged_once_at_start(
    drafting_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/policy open")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料。")
    monkeypatch.setattr(contributions, "_decide", _crash_now)  # after the commit, before the row
    [answer] = await bot.say(ZHANG, GROUP, "/replace 4.1 阀体材料为铸钢。")
    # The proposal stands (it was committed before its merge): the answer does not deny it.
    assert (
        answer.startswith("抱歉，处理这条命令时出错了；已经完成的部分已保存")
        and "不要重复" in answer
    )
    monkeypatch.undo()
    repo = await bot.repository()
    clause = _path_of(repo, "4.1")
    assert repo.read(clause) == "阀体材料。\n"  # the merge commit was taken back
    assert await bot.rows(select(Contribution.status, Contribution.merge_pending)) == [
        ("accepted", False),
        ("open", True),
    ]
    async with started(bot.runtime.settings) as restarted:
        [(sha,)] = await restarted.rows(
            select(Contribution.commit_sha).where(Contribution.number == 2)
        )
        assert sha == repo.head() and repo.read(clause) == "阀体材料为铸钢。\n"
        [notice] = _sent_to(restarted, GROUP.id)
        assert "已采纳 #2" in notice and "- 阀体材料。" in notice and "+ 阀体材料为铸钢。" in notice
    async with started(bot.runtime.settings) as again:  # once
        assert repo.head() == sha and _sent_to(again, GROUP.id) == []


def _path_of(repo: DraftRepository, number: str) -> str:
    meta = Meta.from_json(repo.read(META_PATH) or "")
    found = meta.clause(number)
    assert found is not None
    return clause_path(found.id)


def _sent_to(bot: Bot, chat_id: int) -> list[str]:
    return [
        call.text
        for call in bot.transport.calls
        if call.method == "sendMessage" and int(call.params["chat_id"]) == chat_id
    ]


async def test_a_merge_that_fails_again_at_start_does_not_stop_the_bot(
    drafting_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/policy open")
    monkeypatch.setattr(contributions, "_merge", _crash)
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度。")
    async with started(bot.runtime.settings) as restarted:  # the merge crashes again, logged
        assert await restarted.rows(select(Contribution.status, Contribution.merge_pending)) == [
            ("open", True)
        ]
        [card] = await restarted.say(LI, GROUP, "/project")
        assert "T/CVA 012—2027" in card
