"""The operators' chat (MANUSCRIPT_ADMIN_CHAT): an internal error told with its reference and no
secret, at most once in ten minutes however many follow; nothing told where no chat is set."""

from __future__ import annotations

import dataclasses

import pytest

from bot.domain.units import NewUnit
from bot.services import people
from bot.services.workspace import Workspace
from tests.actors import GROUP, SEC
from tests.conftest import Bot

ADMIN = -100999


async def test_internal_errors_reach_the_operators_once_in_a_while_without_secrets(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = bot.sim.application.bot.token

    async def broken(ws: Workspace, new: NewUnit) -> None:
        raise RuntimeError(f"cannot reach https://admin:hunter2@db.example.org with {token}")

    monkeypatch.setattr(people, "add_unit", broken)
    await bot.say(SEC, GROUP, "/unit add 朝达阀门有限公司")  # no operators' chat: only logged
    assert not [c for c in bot.transport.calls if c.params.get("chat_id") == ADMIN]
    bot.runtime.settings = dataclasses.replace(bot.runtime.settings, admin_chat=ADMIN)
    calls = await bot.calls(SEC, GROUP, "/unit add 朝达阀门有限公司")
    [answer] = [c.text for c in calls if c.params.get("chat_id") == GROUP.id]
    await bot.say(SEC, GROUP, "/unit add 华东理工大学")  # a second failure right after
    await bot.sim.settle()
    [told] = [c.text for c in bot.transport.calls if c.params.get("chat_id") == ADMIN]
    reference = answer.split("参考号 ")[1].split(" ")[0]
    assert reference in told and "RuntimeError: cannot reach https://db.example.org" in told
    assert token not in told and "hunter2" not in told and "<token>" in told
