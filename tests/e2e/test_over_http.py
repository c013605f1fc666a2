"""End to end over HTTP: `manuscript-bot run` as a separate process, long-polling the local Bot API
emulator (telegram-test-api, through tests/e2e/compat.py), driven by several people in a group, on
SQLite and on PostgreSQL; and a SIGKILL in the middle of a busy stretch loses and doubles nothing
(contributions, votes, commitments, and a reminder that falls due while the bot is down)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from drafts.repository import DraftRepository
from tests.e2e.harness import (
    CHAIR,
    GROUP,
    LI,
    SEC,
    ZHANG,
    BotProcess,
    World,
    Worlds,
    eventually,
    free_port,
    rows,
    setup,
    working_with_a_ballot,
)
from tests.faults import HOLD_A_MINUTE, at_commit


def test_a_drafting_cycle_over_http(world: tuple[World, BotProcess, str]) -> None:
    drafting_cycle(*world)


def test_a_drafting_cycle_over_a_webhook(worlds: Worlds, db_url: str, tmp_path: Path) -> None:
    """The same cycle with Telegram posting each update to the bot's webhook."""
    w, bot = worlds(db_url, tmp_path / "data", **webhook_mode())
    drafting_cycle(w, bot, db_url)
    assert not any(method == "getUpdates" for method, _ in w.compat.said)


def webhook_mode() -> dict[str, str]:
    port = free_port()
    return {
        "MANUSCRIPT_UPDATES": "webhook",
        "MANUSCRIPT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MANUSCRIPT_WEB_LISTEN": f"127.0.0.1:{port}",
    }


def drafting_cycle(w: World, bot: BotProcess, db_url: str) -> None:
    setup(w)
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
    assert rows(db_url, "select stage, standard_number from projects") == [
        ("published", "T/E2E 1—2027")
    ]
    assert rows(db_url, "select number, status from contributions") == [(1, "accepted")]
    assert sorted(rows(db_url, "select number, outcome from ballots")) == [
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
    working_with_a_ballot(w, "/policy open", "即时并入")
    set_at = time.monotonic()
    w.exchange(CHAIR, "/deadline patents 1m", "已设定截止时间")  # only the notice at the deadline
    for n in range(1, 31):  # a busy stretch: each is merged into the repository at once
        w.say(ZHANG if n % 2 else LI, f"/contribute {1 + n % 2} 第 {n} 段")
        if n in (10, 20):  # and the units vote (the latest vote counts)
            w.say(LI, f"/vote B1 {'no' if n == 10 else 'yes'}")
            w.say(ZHANG, "/vote B1 yes")
    w.answer(lambda t: t.startswith("已采纳 #8："), timeout=60)
    bot.kill()  # in the middle of it: the 8th contribution is acknowledged, the 30th is not
    answered = rows(db_url, "select count(*) from contributions")[0][0]
    assert 8 <= answered < 30, answered  # the kill came with work still in flight
    time.sleep(max(0.0, set_at + 62 - time.monotonic()))  # the deadline passes while it is down
    bot.start()
    notice = w.answer(lambda t: t.startswith("⌛ 专利许可承诺"), timeout=60)["message"]["text"]
    assert "朝达" in notice and "华理" in notice  # sent at start-up, naming who has not acted
    # Killed as soon as the outbox has marked the notice sent: it must not go out again. (Killed
    # between Telegram's answer and that mark, it would: an answer is never lost, so at least once.)
    eventually(lambda: rows(db_url, "select outcome from reminders") == [("sent",)])
    notice_rows = "select state from outbox where payload like '%专利许可承诺 已到截止时间%'"
    eventually(lambda: rows(db_url, notice_rows) == [("sent",)])
    bot.kill()
    bot.start()
    for person in (LI, ZHANG):
        w.say(person, "/patent none")
    eventually(
        lambda: (
            rows(db_url, "select count(*) from contributions where status = 'accepted'") == [(30,)]
            and rows(db_url, "select count(*) from patent_declarations") == [(2,)]
        )
    )
    texts = sorted(t for (t,) in rows(db_url, "select text from contributions"))
    assert texts == sorted(f"第 {n} 段" for n in range(1, 31))  # none lost, none doubled
    assert rows(db_url, "select count(*) from contributions where status = 'accepted'") == [(30,)]
    assert rows(db_url, "select count(*) from patent_declarations") == [(2,)]
    assert sorted(rows(db_url, "select choice from votes")) == [("yes",), ("yes",)]
    w.exchange(CHAIR, "/deadlines", "没有即将到来的截止时间")  # answered after the start-up sweep
    assert not [e for e in w.seen if e["message"].get("text", "").startswith("⌛")]
    assert rows(db_url, 'select "offset", outcome from reminders') == [(0, "sent")]


TITLES = ("范围", "规范性引用文件")  # clauses 1 and 2 of the framework template


def test_sigkill_with_updates_by_webhook_loses_and_doubles_nothing(
    worlds: Worlds, db_url: str, tmp_path: Path
) -> None:
    """Killed in a busy stretch while Telegram posts updates to the webhook: what it had answered
    200 was stored and is handled after the restart; what it could not take (the bot down) is
    posted again until it is; each once."""
    w, bot = worlds(db_url, tmp_path / "data", **webhook_mode())
    working_with_a_ballot(w, "/policy open", "即时并入")
    for n in range(1, 31):
        w.say(ZHANG if n % 2 else LI, f"/contribute {1 + n % 2} 第 {n} 段")
        if n in (10, 20):
            w.say(LI, f"/vote B1 {'no' if n == 10 else 'yes'}")
            w.say(ZHANG, "/vote B1 yes")
        time.sleep(0.05)  # people writing: the updates come while the bot works
        if n == 15:
            bot.kill()  # the last ones posted were answered a moment ago; the rest find it down
    bot.start()
    accepted = "select count(*) from contributions where status = 'accepted'"
    eventually(lambda: rows(db_url, accepted) == [(30,)])
    texts = sorted(t for (t,) in rows(db_url, "select text from contributions"))
    assert texts == sorted(f"第 {n} 段" for n in range(1, 31))  # none lost, none doubled
    eventually(lambda: len(rows(db_url, "select choice from votes")) == 2)
    assert sorted(rows(db_url, "select choice from votes")) == [("yes",), ("yes",)]
    [repository] = (Path(bot.env["MANUSCRIPT_DATA_DIR"]) / "repositories").glob("*.git")
    # Each merged into the draft once, a merge the kill interrupted taken back and made again.
    merged = [s for _, s in DraftRepository(repository).subjects() if s.startswith("#")]
    assert sorted(merged) == sorted(f"#{n} {1 + n % 2} {TITLES[n % 2]}: add" for n in range(1, 31))


def test_sigkill_while_git_writes_are_in_flight_takes_them_back_and_runs_them_once(
    world: tuple[World, BotProcess, str],
) -> None:
    """A comment, its disposition and a ballot's close, each killed after its git commit and
    before its database commit: at the next start the orphan commit is taken back and the
    stored update runs again — answered once, recorded once, in both stores."""
    w, bot, db_url = world
    working_with_a_ballot(w, "/advance | until 7d", "征求意见稿")
    w.exchange(LI, "/vote B1 yes", "已记录")
    w.exchange(ZHANG, "/vote B1 yes", "已记录")
    [repository] = (Path(bot.env["MANUSCRIPT_DATA_DIR"]) / "repositories").glob("*.git")
    paused = repository / "paused"
    for who, words, subject, answer in (
        (ZHANG, "/comment 1 范围应写明公称压力", "C1 1: comment", "已记录意见 C1"),
        (LI, "/resolve C1 accept", "C1 1: accept", "C1 的处理意见"),
        (CHAIR, "/close B1", "B1: passed", "已结束，通过"),
    ):
        at_commit(repository, subject, HOLD_A_MINUTE)
        w.say(who, words)
        eventually(paused.exists, timeout=30)
        assert paused.read_text().startswith(subject), words
        bot.kill()  # the git commit is on the branch; its database side is not committed
        paused.unlink()
        bot.start()
        w.answer(lambda t, expected=answer: expected in t, timeout=60)  # type: ignore[misc]
    assert rows(db_url, "select number, disposition from comments") == [(1, "accept")]
    assert rows(db_url, "select number, outcome from ballots") == [(1, "passed")]
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


def test_a_review_meeting_over_http(world: tuple[World, BotProcess, str]) -> None:
    """The collective review through the emulator: the notice with its materials, answers,
    check-in, a guest and a unit's engineer recorded, the vote of those present, an opinion
    resolved, minutes, the conclusion `revise` and the move to approval."""
    w, bot, db_url = world
    setup(w)
    w.exchange(CHAIR, "/drafter 朝达", "框架起草单位")
    w.exchange(LI, "/framework template", "框架已更新")
    w.exchange(CHAIR, "/advance", "工作组讨论稿")
    w.exchange(CHAIR, "/wg add 华理", "已加入起草工作组")
    w.exchange(LI, "/patent none", "无已知必要专利")
    w.exchange(ZHANG, "/patent none", "无已知必要专利")
    w.exchange(CHAIR, "/advance | until 7d", "征求意见稿")
    w.exchange(CHAIR, "/advance", "送审稿")
    notice = w.exchange(CHAIR, "/meeting 5d | 线上 腾讯会议 123 | 紧急", "纪要将予记录")
    # The materials follow the notice: the 送审稿 (and its PDF where LibreOffice is), the 编制说明
    # and the comment table, in the group.
    deadline = time.monotonic() + 60
    while len(w.compat.documents) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(w.compat.documents) >= 3
    w.press(LI, notice, "参加")
    w.press(ZHANG, notice, "参加")
    checkin = w.exchange(CHAIR, "/checkin", "开始签到")
    w.press(LI, checkin, "签到")
    w.exchange(SEC, "/attend 周工 | 华理 | 高级工程师", "计入审查单位")
    w.exchange(SEC, "/attend 王教授 | 浙江大学 | 教授", "列席")
    vote = w.exchange(CHAIR, "/meeting vote", "审查会议表决 B1")
    w.press(LI, vote, "同意")
    w.press(ZHANG, vote, "同意")
    w.exchange(CHAIR, "/close B1", "已结束，通过")
    w.exchange(CHAIR, "/opinion 1 范围应写明公称压力", "O1")
    w.exchange(SEC, "/minutes 与会代表一致同意送审稿。", "纪要")
    w.exchange(CHAIR, "/conclude revise", "修改后通过")
    w.exchange(CHAIR, "/advance", "尚无处理意见：O1")
    w.exchange(LI, "/resolve O1 accept", "O1 的处理意见")
    w.exchange(CHAIR, "/advance", "项目已进入「报批稿」阶段")
    assert rows(db_url, "select status, conclusion, urgent from meetings") == [
        ("concluded", "revise", True)
    ]
    assert set(rows(db_url, "select name, affiliation from attendance")) == {
        ("周工", "华东理工大学"),
        ("王教授", "浙江大学"),
        ("李伟", "朝达阀门有限公司"),
    }
    [repository] = (Path(bot.env["MANUSCRIPT_DATA_DIR"]) / "repositories").glob("*.git")
    shown = subprocess.run(
        ["git", "--git-dir", str(repository), "show", "HEAD:review/meetings/meeting-1.json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    kept = json.loads(shown)
    assert (kept["status"], kept["conclusion"], kept["ballot"]) == ("concluded", "revise", "B1")
    assert [line["text"] for line in kept["minutes"]] == ["与会代表一致同意送审稿。"]
