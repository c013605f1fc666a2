"""The reading view's server, over HTTP without a socket: signed in by Telegram, the draft with
its authors, comments and votes through the chat's services (acknowledged in the group once),
refusals of strangers and bad signatures, and the webhook's secret."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from bot.simulator import User
from bot.web.server import SECRET_HEADER, WEBHOOK_PATH, web_app, webhook_secret
from storage.models import Comment, Contribution, Project, Vote
from tests.actors import CHAIR, GROUP, LI, NOBODY, ZHANG, ZHAO
from tests.conftest import Bot
from tests.mini_app import launch_data

pytestmark = pytest.mark.scenario


@asynccontextmanager
async def client(bot: Bot, receive: Any = None) -> AsyncIterator[httpx.AsyncClient]:
    app = web_app(bot.sim.application, receive)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://reading.test"
    ) as http:
        yield http


async def signed_as(bot: Bot, user: User, **changed: str) -> dict[str, str]:
    [(project_id,)] = await bot.rows(select(Project.id))
    raw = launch_data(user, bot.runtime.clock(), f"p{project_id}", **changed)
    return {"Authorization": f"tma {raw}"}


async def consultation(bot: Bot) -> None:
    await bot.say(
        ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。<script>alert(1)</script>"
    )
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")


def all_text(tree: Any) -> str:
    if isinstance(tree, str):
        return tree
    return "".join(all_text(child) for child in tree["c"])


def tags(tree: Any) -> set[str]:
    if isinstance(tree, str):
        return set()
    return {tree["t"]}.union(*(tags(child) for child in tree["c"]))


async def test_a_member_reads_the_draft_and_sees_who_wrote_a_paragraph(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await consultation(bot)
    async with client(bot) as http:
        page = (await http.get("/api/draft", headers=await signed_as(bot, ZHANG))).json()
        assert page["code"] == "T/CVA 012—2027" and page["stage"] == "征求意见稿"
        [clause] = [c for c in page["clauses"] if c["number"] == "4.1"]
        assert clause["heading"] == ["4.1\u3000材料"]
        [element] = clause["elements"]
        [node] = element["nodes"]
        # A member's markup is text: the page builds no <script> from it.
        assert all_text(node) == "阀体材料应符合 GB/T 12229。<script>alert(1)</script>"
        assert tags(node) == {"p"}
        who = await http.get(
            f"/api/authors?clause={clause['id']}&index={element['index']}",
            headers=await signed_as(bot, ZHAO),  # an observer reads too
        )
        card = (await http.get("/api/card", headers=await signed_as(bot, ZHAO))).json()
        [told] = await bot.say(ZHAO, GROUP, "/project")
        assert "\n".join(card["lines"]) == told  # the project card, as /project gives it
        assert any("征求意见稿" in line for line in card["lines"])
        [author] = who.json()["authors"]
        assert "张敏" in author["who"] and "华理" in author["who"] and "#1" in author["who"]
        assert author["date"] == day(bot)


def day(bot: Bot) -> str:
    """Today in the alliance's time zone (the default, Asia/Shanghai)."""
    return bot.runtime.clock().astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d")


async def test_authorship_is_read_at_the_stage_shown(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await consultation(bot)
    first_day = day(bot)
    bot.runtime.clock.advance(days=3)
    async with client(bot) as http:
        drafter = await signed_as(bot, LI)
        rewrite = {"clause": "4.1", "text": "阀体材料应符合 GB/T 12230。", "kind": "replace"}
        proposed = await http.post(
            "/api/propose", headers=drafter, json={"request": "req-0020-re", **rewrite}
        )
        assert proposed.status_code == 200, proposed.json()
        accepted = await http.post(
            "/api/decide",
            headers=drafter,
            json={"request": "req-0021-ok", "contribution": 2, "decision": "accept"},
        )
        assert accepted.status_code == 200, accepted.json()

        async def hands(stage: str) -> list[tuple[str, str]]:
            page = (await http.get(f"/api/draft?stage={stage}", headers=drafter)).json()
            [clause] = [c for c in page["clauses"] if c["number"] == "4.1"]
            [element] = clause["elements"]
            query = f"clause={clause['id']}&index={element['index']}&stage={stage}"
            who = (await http.get(f"/api/authors?{query}", headers=drafter)).json()
            return [(a["who"], a["date"]) for a in who["authors"]]

        assert await hands("") == [("李伟 (朝达) #2", day(bot))]
        assert await hands("征求意见稿") == [("张敏 (华理) #1", first_day)]
    assert first_day != day(bot)


async def test_a_stranger_and_bad_signatures_see_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    async with client(bot) as http:
        stranger = await http.get("/api/draft", headers=await signed_as(bot, NOBODY))
        assert stranger.status_code == 403 and "/join" in stranger.json()["error"]
        assert "clauses" not in stranger.json()
        missing = await http.get("/api/draft")
        assert missing.status_code == 401 and "Telegram" in missing.json()["error"]
        forged = await http.get("/api/draft", headers=await signed_as(bot, ZHANG, start_param="p2"))
        assert forged.status_code == 401 and "签名" in forged.json()["error"]
        old = launch_data(ZHANG, bot.runtime.clock() - timedelta(hours=2), "p1")
        stale = await http.get("/api/draft", headers={"Authorization": f"tma {old}"})
        assert stale.status_code == 401 and "过期" in stale.json()["error"]


async def test_a_comment_from_the_page_is_stored_once_and_told_in_the_group(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await consultation(bot)
    sent = len(bot.transport.calls)
    body = {
        "request": "req-0001-comment",
        "clause": "4.1",
        "reason": "应注明版本",
        "proposed": "GB/T 12229—2005",
    }
    async with client(bot) as http:
        headers = await signed_as(bot, ZHANG)
        first = await http.post("/api/comment", headers=headers, json=body)
        again = await http.post("/api/comment", headers=headers, json=body)  # a double tap
    assert first.status_code == 200 and "C1" in first.json()["text"]
    assert again.status_code == 200 and "只记录一次" in again.json()["text"]
    stored = await bot.rows(select(Comment.clause_number, Comment.reason, Comment.proposed))
    assert stored == [("4.1", "应注明版本", "GB/T 12229—2005")]
    await bot.sim.settle()
    told = [c for c in bot.transport.calls[sent:] if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in told] == [GROUP.id]
    assert "C1" in told[0].text and "张敏" in told[0].text


async def test_a_refused_comment_says_why_and_stores_nothing(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await consultation(bot)
    async with client(bot) as http:
        empty = await http.post(
            "/api/comment",
            headers=await signed_as(bot, ZHANG),
            json={"request": "req-0002-empty", "clause": "4.1", "reason": ""},
        )
        unknown = await http.post(
            "/api/comment",
            headers=await signed_as(bot, ZHANG),
            json={"request": "req-0003-unknown", "clause": "9.9", "reason": "无此条"},
        )
    assert empty.status_code == 409 and "理由" in empty.json()["text"]
    assert unknown.status_code == 409 and "9.9" in unknown.json()["text"]
    assert await bot.rows(select(Comment.id)) == []


async def test_a_vote_from_the_page_counts_and_a_later_chat_vote_replaces_it(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/ballot 是否采用方案一")
    async with client(bot) as http:
        headers = await signed_as(bot, LI)
        [ballot] = (await http.get("/api/ballots", headers=headers)).json()["ballots"]
        assert [c["value"] for c in ballot["choices"]] == ["yes", "no", "abstain"]
        voted = await http.post(
            "/api/vote",
            headers=headers,
            json={"request": "req-0004-vote", "ballot": ballot["number"], "choice": "no"},
        )
        assert voted.status_code == 200 and "B1" in voted.json()["text"], voted.json()
        [after] = (await http.get("/api/ballots", headers=headers)).json()["ballots"]
        assert "不同意 1" in after["tally"] and "已投 1/" in after["tally"]
        assert await bot.rows(select(Vote.choice)) == [("no",)]
        await bot.say(LI, GROUP, "/vote B1 yes")  # sent after the page's vote: it stands
        assert await bot.rows(select(Vote.choice)) == [("yes",)]
        again = await http.post(  # and the page's vote after that one stands in turn
            "/api/vote",
            headers=headers,
            json={"request": "req-0006-again", "ballot": 1, "choice": "abstain"},
        )
        assert again.status_code == 200, again.json()
        assert await bot.rows(select(Vote.choice)) == [("abstain",)]
        observer = await http.post(
            "/api/vote",
            headers=await signed_as(bot, ZHAO),
            json={"request": "req-0005-observer", "ballot": 1, "choice": "yes"},
        )
        assert observer.status_code == 409 and "成员单位代表" in observer.json()["text"]


async def test_the_webhook_stores_only_what_telegram_signed(drafting_bot: Bot) -> None:
    bot = drafting_bot
    received: list[int] = []

    async def receive(updates: list[Any]) -> bool:
        received.extend(u.update_id for u in updates)
        return True

    update = {
        "update_id": 990001,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": GROUP.id, "type": "supergroup"},
            "from": {"id": ZHANG.id, "is_bot": False, "first_name": "张敏"},
            "text": "/help",
        },
    }
    secret = webhook_secret(bot.sim.application.bot.token)
    async with client(bot, receive) as http:
        absent = await http.post(WEBHOOK_PATH, json=update)
        wrong = await http.post(WEBHOOK_PATH, json=update, headers={SECRET_HEADER: "f" * 63 + "x"})
        right = await http.post(WEBHOOK_PATH, json=update, headers={SECRET_HEADER: secret})
        broken = await http.post(WEBHOOK_PATH, content=b"{", headers={SECRET_HEADER: secret})
    assert (absent.status_code, wrong.status_code, right.status_code) == (403, 403, 200)
    assert broken.status_code == 400
    assert received == [990001]


async def test_the_project_card_links_to_the_reading_view_where_it_is_served(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    assert bot.buttons(await bot.calls(ZHANG, GROUP, "/project")) == {}  # no public address
    bot.runtime.settings = dataclasses.replace(
        bot.runtime.settings, public_url="https://bot.example.org"
    )
    [(project_id,)] = await bot.rows(select(Project.id))
    calls = await bot.calls(ZHANG, GROUP, "/project")
    [markup] = [c.params["reply_markup"] for c in calls if c.params.get("reply_markup")]
    [[button]] = markup["inline_keyboard"]
    assert button == {
        "text": "📖 阅读文稿",
        "url": f"https://t.me/manuscript_bot/draft?startapp=p{project_id}",
    }


async def test_opened_from_the_private_menu_a_person_chooses_among_their_projects(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    [(project_id,)] = await bot.rows(select(Project.id))
    async with client(bot) as http:

        def unlinked(user: User) -> dict[str, str]:
            return {"Authorization": f"tma {launch_data(user, bot.runtime.clock(), '')}"}

        listed = (await http.get("/api/projects", headers=unlinked(ZHANG))).json()
        assert [(p["id"], p["code"]) for p in listed["projects"]] == [
            (project_id, "T/CVA 012—2027")
        ]
        assert (await http.get("/api/projects", headers=unlinked(NOBODY))).json()["projects"] == []
        unchosen = await http.get("/api/draft", headers=unlinked(ZHANG))
        chosen = await http.get(f"/api/draft?project={project_id}", headers=unlinked(ZHANG))
        stranger = await http.get(f"/api/draft?project={project_id}", headers=unlinked(NOBODY))
        forged = await http.get(
            "/api/projects",
            headers={
                "Authorization": f"tma {launch_data(ZHANG, bot.runtime.clock(), '', hash='0' * 64)}"
            },
        )
    assert unchosen.status_code == 404
    assert chosen.status_code == 200 and chosen.json()["code"] == "T/CVA 012—2027"
    assert stranger.status_code == 403
    assert forged.status_code == 401


async def test_ballots_and_the_consultation_notice_link_to_the_reading_view(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    bot.runtime.settings = dataclasses.replace(
        bot.runtime.settings, public_url="https://bot.example.org"
    )
    [(project_id,)] = await bot.rows(select(Project.id))
    link = f"https://t.me/manuscript_bot/draft?startapp=p{project_id}"
    opened = bot.buttons(await bot.calls(CHAIR, GROUP, "/ballot 是否采用方案一"))
    assert opened == {"同意": "v:1:y", "不同意": "v:1:n", "弃权": "v:1:a", "📖 阅读文稿": link}
    voted = await bot.press(LI, "v:1:y")
    [edit] = [c for c in voted if c.method == "editMessageText"]
    assert bot.buttons([edit])["📖 阅读文稿"] == link  # the live tally keeps the link
    await bot.say(CHAIR, GROUP, "/close B1")
    consultation = await bot.calls(CHAIR, GROUP, "/advance | until 14d")
    assert bot.buttons(consultation) == {"📖 阅读文稿": link}


async def test_proposals_from_the_page_are_decided_by_the_drafter_only(drafting_bot: Bot) -> None:
    bot = drafting_bot
    async with client(bot) as http:
        member, drafter = await signed_as(bot, ZHANG), await signed_as(bot, LI)
        proposed = await http.post(
            "/api/propose",
            headers=member,
            json={"request": "req-0010-propose", "clause": "4.2", "text": "结构长度见表 1。"},
        )
        assert proposed.status_code == 200 and "#1" in proposed.json()["text"]
        denied = await http.post(
            "/api/decide",
            headers=member,
            json={"request": "req-0011-self", "contribution": 1, "decision": "accept"},
        )
        assert denied.status_code == 409 and "框架起草单位代表" in denied.json()["text"]
        bare = await http.post(
            "/api/decide",
            headers=drafter,
            json={"request": "req-0012-bare", "contribution": 1, "decision": "reject"},
        )
        assert bare.status_code == 409 and "理由" in bare.json()["text"]
        odd = await http.post(
            "/api/decide",
            headers=drafter,
            json={"request": "req-0013-odd", "contribution": 1, "decision": "maybe"},
        )
        assert odd.status_code == 400
        rejected = await http.post(
            "/api/decide",
            headers=drafter,
            json={
                "request": "req-0014-no",
                "contribution": 1,
                "decision": "reject",
                "reason": "与 4.1 重复",
            },
        )
        assert rejected.status_code == 200, rejected.json()
    assert await bot.rows(select(Contribution.status, Contribution.reason)) == [
        ("rejected", "与 4.1 重复")
    ]


async def test_the_page_shows_what_changed_between_two_stages(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await consultation(bot)
    await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
    await bot.say(LI, GROUP, "/accept #2")
    async with client(bot) as http:
        headers = await signed_as(bot, ZHAO)

        async def changes(query: str) -> list[str]:
            answer = await http.get(f"/api/changes?{query}", headers=headers)
            assert answer.status_code == 200, answer.json()
            return list(answer.json()["lines"])

        to_consultation = await changes("since=working&to=consultation")
        since_consultation = await changes("since=consultation")
        to_latest = await changes("since=working")
        unknown = await http.get("/api/changes?since=nowhere", headers=headers)
        unknown_end = await http.get("/api/changes?since=working&to=nowhere", headers=headers)
    assert any("GB/T 12229" in line for line in to_consultation)
    assert not any("GB/T 12221" in line for line in to_consultation)
    assert any("GB/T 12221" in line for line in since_consultation)
    assert not any("GB/T 12229" in line for line in since_consultation)
    assert all(any(text in line for line in to_latest) for text in ("GB/T 12229", "GB/T 12221"))
    assert unknown.status_code == 403 and "nowhere" in unknown.json()["error"]
    assert unknown_end.status_code == 403 and "nowhere" in unknown_end.json()["error"]
