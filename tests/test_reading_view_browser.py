"""The reading view in a real browser (Debian's chromium driven by Playwright): read the draft,
tap a paragraph to see who wrote it, comment and vote, and be refused with a bad signature."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.async_api import Browser, Page, async_playwright, expect
from sqlalchemy import select

from bot.simulator import User
from bot.web.serving import web_server
from storage.models import Comment, Project, Vote
from tests.actors import CHAIR, GROUP, LI, OTHER_GROUP, SEC, ZHANG
from tests.conftest import Bot, Clock, make_settings, started, with_project
from tests.mini_app import launch_data
from tests.test_webhook import free_port

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.scenario,
    pytest.mark.skipif(  # under CI it must run: .ci/run installs chromium
        CHROMIUM is None and os.environ.get("CI") != "true",
        reason="Debian's chromium is not installed",
    ),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


@asynccontextmanager
async def browsing(bot: Bot) -> AsyncIterator[tuple[Browser, str]]:
    port = free_port()
    application = bot.sim.application
    settings = application.bot_data.settings
    application.bot_data.configure(
        dataclasses.replace(settings, web_listen=("127.0.0.1", port)),
        application.bot_data.clock,
        application.bot_data.pace,
    )
    async with web_server(application), async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser, f"http://127.0.0.1:{port}/app"
        finally:
            await browser.close()


async def opened(bot: Bot, browser: Browser, address: str, user: User, **changed: str) -> Page:
    [(project_id,)] = await bot.rows(select(Project.id))
    raw = launch_data(user, bot.runtime.clock(), f"p{project_id}", **changed)
    page = await browser.new_page()
    await page.goto(f"{address}#tgWebAppData={quote(raw)}&tgWebAppVersion=8.0")
    return page


async def test_a_member_reads_sees_authors_and_comments_in_the_browser(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(
        ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。<script>alert(1)</script>"
    )
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    async with browsing(bot) as (browser, address):
        page = await opened(bot, browser, address, ZHANG)
        paragraph = page.locator(".el", has_text="阀体材料应符合")
        await expect(paragraph).to_have_text("阀体材料应符合 GB/T 12229。<script>alert(1)</script>")
        assert await page.locator("#draft script").count() == 0  # the member's markup is text
        await page.locator("#card summary").click()  # the project card
        await expect(page.locator("#card")).to_contain_text("征求意见稿")
        await page.select_option("select[name=since]", "working")
        await expect(page.locator("#changes")).to_contain_text("GB/T 12229")
        await paragraph.click()
        await expect(page.locator(".who")).to_contain_text("张敏")
        await expect(page.locator(".who")).to_contain_text("#1")
        await page.locator("h3", has_text="4.1").click()
        await page.fill("textarea[name=reason]", "应注明标准的版本")
        await page.fill("textarea[name=proposed]", "GB/T 12229—2005")
        await page.click("form button[type=submit]")
        await expect(page.locator("#notice")).to_contain_text("C1")
        await expect(page.locator(".comment")).to_contain_text("应注明标准的版本")
    assert await bot.rows(select(Comment.clause_number, Comment.proposed)) == [
        ("4.1", "GB/T 12229—2005")
    ]
    sent = len(bot.transport.calls)
    await bot.sim.settle()
    told = [c.text for c in bot.transport.calls[sent - 5 :] if c.method == "sendMessage"]
    assert any("C1" in text and "张敏" in text for text in told)


async def test_a_vote_in_the_browser_updates_the_tally(drafting_bot: Bot) -> None:
    bot = drafting_bot
    await bot.say(CHAIR, GROUP, "/ballot 是否采用方案一")
    async with browsing(bot) as (browser, address):
        page = await opened(bot, browser, address, LI)
        ballot = page.locator(".ballot")
        await expect(ballot).to_contain_text("已投 0/")
        await ballot.get_by_role("button", name="不同意").click()
        await expect(page.locator("#notice")).to_contain_text("B1")
        await expect(page.locator(".ballot .tally")).to_contain_text("不同意 1")
    assert await bot.rows(select(Vote.choice)) == [("no",)]


async def test_opened_from_the_private_menu_the_reader_chooses_a_project(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    await bot.say(SEC, OTHER_GROUP, "/newproject T/CVA 013—2027 | 球阀")
    async with browsing(bot) as (browser, address):
        raw = launch_data(ZHANG, bot.runtime.clock(), "")  # the menu's launch names no project
        page = await browser.new_page()
        await page.goto(f"{address}#tgWebAppData={quote(raw)}&tgWebAppVersion=8.0")
        await expect(page.locator("h1")).to_have_text("选择要阅读的项目")
        await page.get_by_role("button", name="T/CVA 013—2027 球阀").click()
        await expect(page.locator("h1")).to_have_text("T/CVA 013—2027 球阀")
        await page.reload()  # the choice is kept while the page is open
        await expect(page.locator("h1")).to_have_text("T/CVA 013—2027 球阀")


async def test_bad_signatures_are_refused_in_the_browser(drafting_bot: Bot) -> None:
    bot = drafting_bot
    async with browsing(bot) as (browser, address):
        forged = await opened(bot, browser, address, ZHANG, start_param="p9")
        await expect(forged.locator(".refused")).to_contain_text("签名")
        stale_data = launch_data(ZHANG, bot.runtime.clock() - timedelta(hours=3), "p1")
        stale = await browser.new_page()
        await stale.goto(f"{address}#tgWebAppData={quote(stale_data)}")
        await expect(stale.locator(".refused")).to_contain_text("过期")
        missing = await browser.new_page()
        await missing.goto(address)
        await expect(missing.locator(".refused")).to_contain_text("Telegram")
        assert await missing.locator("#draft .el").count() == 0


async def test_a_no_on_a_stage_ballot_asks_its_reason_in_the_page(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    settings = dataclasses.replace(
        make_settings(tmp_path, db_url), stage_ballots={"working": "majority"}
    )
    async with started(settings, clock) as bot:
        await with_project(bot)
        for user, unit in ((LI, "朝达"), (ZHANG, "华理")):
            await bot.say(user, GROUP, f"/join {unit}")
            await bot.say(SEC, GROUP, f"/approve @{user.username}")
            await bot.say(CHAIR, GROUP, f"/wg add {unit}")
        await bot.say(CHAIR, GROUP, "/drafter 朝达")
        await bot.say(LI, GROUP, "/framework template")
        await bot.say(CHAIR, GROUP, "/advance | until 2d")  # the stage ballot B1
        async with browsing(bot) as (browser, address):
            page = await opened(bot, browser, address, ZHANG)
            await page.locator(".ballot").get_by_role("button", name="不同意").click()
            assert await bot.rows(select(Vote.choice)) == []  # not without its reason
            await page.fill(".ballot textarea[name=why]", "第 4 章尚不完整")
            await page.locator(".ballot form button[type=submit]").click()
            await expect(page.locator("#notice")).to_contain_text("B1")
            await expect(page.locator(".ballot .tally")).to_contain_text("不同意 1")
        assert await bot.rows(select(Vote.choice, Vote.comment)) == [("no", "第 4 章尚不完整")]


async def test_text_proposed_in_the_page_is_accepted_there_by_the_drafter(
    drafting_bot: Bot,
) -> None:
    bot = drafting_bot
    async with browsing(bot) as (browser, address):
        member = await opened(bot, browser, address, ZHANG)
        clause = member.locator("section", has=member.locator("h3", has_text="4.2"))
        assert (
            await clause.get_by_role("button", name="采纳", exact=True).count() == 0
        )  # not the drafter
        await clause.get_by_role("button", name="为本条撰写条文").click()
        await clause.locator("textarea[name=text]").fill("闸阀结构长度应符合 GB/T 12221。")
        await clause.locator("form button[type=submit]").click()
        await expect(member.locator("#notice")).to_contain_text("#1")
        drafter = await opened(bot, browser, address, LI)
        proposal = drafter.locator(".contribution", has_text="#1")
        await expect(proposal).to_contain_text("GB/T 12221")
        await proposal.get_by_role("button", name="采纳", exact=True).click()
        await expect(drafter.locator("#notice")).to_contain_text("#1")
        await expect(drafter.locator(".el", has_text="GB/T 12221")).to_have_count(1)
    repo = await bot.repository()
    assert [e.subject.split(" ", 1)[0] for e in repo.log(limit=1)] == ["#1"]
