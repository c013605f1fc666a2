"""The command pipeline: redelivered updates, failures, unknown and edited commands, /help."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import select

from bot.domain.units import NewUnit
from bot.services import people
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from bot.simulator import private_chat
from handlers.answers import Pressed, split_text
from handlers.base import button
from storage.models import Contribution, Person, ProcessedUpdate, Unit
from tests.actors import CHAIR, GROUP, LI, NOBODY, SEC, ZHANG
from tests.conftest import Bot, texts


async def test_a_redelivered_update_has_no_second_effect(bot: Bot) -> None:
    first = await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    assert len(first) == 1
    replayed = await bot.say(
        SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达", update_id=bot.sim.last_update_id
    )
    assert replayed == []
    assert len(await bot.rows(select(Unit.id))) == 1
    # A fresh update with the same text is a new request, refused as a duplicate name.
    [fresh] = await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司 | 朝达")
    assert "未重复登记" in fresh


async def test_a_redelivered_refusal_is_not_answered_twice(bot: Bot) -> None:
    await bot.say(NOBODY, GROUP, "/unit add 某公司")
    assert await bot.say(NOBODY, GROUP, "/unit add 某公司", update_id=bot.sim.last_update_id) == []
    assert (bot.sim.last_update_id,) in await bot.rows(select(ProcessedUpdate.update_id))


async def test_a_refused_command_still_records_who_asked(bot: Bot) -> None:
    await bot.say(NOBODY, GROUP, "/unit add 某公司")
    assert await bot.rows(select(Person.id, Person.username)) == [(NOBODY.id, NOBODY.username)]


async def test_a_failure_is_logged_and_answered_with_a_reference(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_add_unit = people.add_unit

    async def broken(ws: Workspace, new: NewUnit) -> None:
        await real_add_unit(ws, new)  # writes, then fails: the write must not survive
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(people, "add_unit", broken)
    with caplog.at_level(logging.ERROR, logger="manuscript.errors"):
        [answer] = await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司")
    assert answer.startswith("抱歉，处理这条命令时出错了，没有做任何更改")
    assert "disk on fire" not in answer and "Traceback" not in answer
    reference = answer.split("参考号 ")[1].split(" ")[0]
    [record] = [r for r in caplog.records if r.name == "manuscript.errors"]
    assert reference in record.getMessage() and "/unit add 朝达阀门有限公司" in record.getMessage()
    assert record.exc_info is not None and "disk on fire" in str(record.exc_info[1])
    # Nothing of the failed update was kept, not even its mark: a retry is handled afresh.
    assert await bot.rows(select(Unit.id)) == []
    assert await bot.rows(select(ProcessedUpdate.update_id)) == []


async def test_unknown_commands_are_answered_only_when_meant_for_the_bot(bot: Bot) -> None:
    [private] = await bot.say(LI, private_chat(LI), "/frobnicate")
    assert private.startswith("没有这个命令")
    assert await bot.say(LI, GROUP, "/frobnicate") == []  # may be another bot's command
    [addressed] = await bot.say(LI, GROUP, "/frobnicate@manuscript_bot")
    assert addressed.startswith("没有这个命令")
    [known] = await bot.say(LI, GROUP, "/units@manuscript_bot")
    assert known.startswith("尚未登记任何单位")


async def test_an_edited_command_is_answered_and_does_not_run_again(bot: Bot) -> None:
    edited = {
        "message_id": 99,
        "date": int(time.time()),
        "edit_date": int(time.time()),
        "chat": GROUP.as_dict(),
        "from": SEC.as_dict(),
        "text": "/unit add 甲公司",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    assert texts(await bot.sim.deliver({"edited_message": edited})) == [
        "编辑过的命令不会再次执行（原来的命令已经处理过）。如需改动，请重新发送一条命令。"
    ]
    assert await bot.rows(select(Unit.id)) == []


async def test_help_lists_only_what_the_user_may_do_here(project_bot: Bot) -> None:
    bot = project_bot
    [member] = await bot.say(LI, GROUP, "/help")
    [chair] = await bot.say(CHAIR, GROUP, "/help")
    [secretariat] = await bot.say(SEC, GROUP, "/help")
    [private] = await bot.say(SEC, private_chat(SEC), "/help")
    assert "/project" in member and "/unit add" not in member and "/lang" not in member
    assert "/lang" in chair and "/unit add" not in chair
    assert "/unit add" in secretariat and "/newproject" in secretariat
    assert "/newproject" not in private and "/project" not in private and "/unit add" in private
    [start] = await bot.say(NOBODY, private_chat(NOBODY), "/start")
    assert "文稿制" in start and "/join" in start and "/grant" not in start


async def test_long_answers_are_split_below_the_telegram_limit(bot: Bot) -> None:
    for index in range(60):
        await bot.say(SEC, GROUP, f"/unit add {'很长的单位名称' * 12}{index:03d} | U{index:03d}")
    answers = await bot.say(SEC, GROUP, "/units")
    assert len(answers) > 1 and all(len(part) <= 4096 for part in answers)
    assert sum(part.count("• ") for part in answers) == 60
    parts = len(answers)  # each later part says where it belongs
    assert [part.split("\n", 1)[0] for part in answers[1:]] == [
        f"（续 {n}/{parts}）" for n in range(2, parts + 1)
    ]


async def test_a_button_no_handler_knows_is_answered(bot: Bot) -> None:
    message = {"message_id": 5, "date": 0, "chat": GROUP.as_dict(), "text": "旧消息"}
    for data in ("zz:1", "x", "c"):
        pressed = await bot.press(SEC, data, message)
        toasts = [c.params.get("text") for c in pressed if c.method == "answerCallbackQuery"]
        assert toasts == ["这个按钮已失效。"], data


async def test_an_answer_too_long_for_a_toast_goes_to_the_chat(bot: Bot) -> None:
    """Telegram refuses a button's answer over 200 characters (the strict transport too)."""

    async def refuse(ws: Workspace, data: str) -> Pressed:
        raise Refused("import.file.no_columns")  # about 300 characters in English

    bot.sim.application.handlers[0].insert(0, button("long")(refuse))  # before the catch-all
    await bot.say(SEC, GROUP, "/lang en")
    message = {"message_id": 5, "date": 0, "chat": GROUP.as_dict(), "text": "x"}
    pressed = await bot.press(SEC, "long:1", message)
    [toast] = [c for c in pressed if c.method == "answerCallbackQuery"]
    assert toast.params["text"] == "The answer is long: it is in the chat."
    [sent] = [c for c in pressed if c.method == "sendMessage"]
    assert sent.text.startswith("No header row of a comment form was found; nothing was changed.")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 10, [""]),
        ("abc", 10, ["abc"]),
        ("aaaa\nbbbb\ncccc", 9, ["aaaa\nbbbb", "cccc"]),
        ("aaaaaaaaaaaa", 5, ["aaaaa", "aaaaa", "aa"]),
        ("x\naaaaaaaaaaaa\ny", 5, ["x", "aaaaa", "aaaaa", "aa\ny"]),
    ],
)
def test_split_text(text: str, limit: int, expected: list[str]) -> None:
    assert split_text(text, limit) == expected


async def test_an_answer_that_fails_after_the_commit_is_never_an_apology(
    drafting_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    """The proposal is stored; Telegram fails the answer (a 5xx): the failure is logged, the
    answer goes again, and no "nothing was changed" follows for work that was done — people who
    obeyed it made doubles."""
    bot = drafting_bot
    bot.transport.failures["sendMessage"] = [500]
    with caplog.at_level(logging.WARNING, logger="manuscript.outbox"):
        calls = await bot.calls(ZHANG, GROUP, "/contribute 4.1 阀体材料。")
    assert not [c for c in calls if "抱歉" in c.text]
    assert [c.text.splitlines()[0] for c in calls if c.method == "sendMessage"] == [
        "文稿补充 #1：张敏（华理）为 4.1 材料 补充条文："
    ]
    assert await bot.rows(select(Contribution.number, Contribution.status)) == [(1, "open")]
    assert any("not sent (" in r.getMessage() for r in caplog.records)
    proposal = await bot.calls(ZHANG, GROUP, "/contribute 4.2 结构长度。")
    bot.transport.failures["answerCallbackQuery"] = [500]  # the press's toast fails
    pressed = await bot.press(LI, bot.buttons(proposal)["采纳"])
    assert not [c for c in pressed if "抱歉" in str(c.params.get("text", ""))]
    accepted = select(Contribution.number).where(Contribution.status == "accepted")
    assert await bot.rows(accepted) == [(2,)]
