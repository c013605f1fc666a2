"""Wiring of the Telegram Application: builder, handlers in an explicit order, lifecycle.

Long-lived services live on the application (`bot_data.runtime`), created in post_init inside
the running loop and closed in post_shutdown, as the PTB rules-bot does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    MenuButton,
    MenuButtonCommands,
    MenuButtonWebApp,
    WebAppInfo,
)
from telegram.error import InvalidToken, TelegramError
from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest

from bot.commands import COMMANDS
from bot.config import Settings
from bot.context import CONTEXT_TYPES, App
from bot.domain.when import local
from bot.i18n import LANGUAGES, msg, render
from bot.jobs import schedule as jobs_schedule
from bot.jobs.merges import finish_interrupted
from bot.outbox.rows import SENT_STATES
from bot.outbox.sender import LoopPace, Outbox, Pace
from bot.runtime import Runtime, utc_now
from bot.services.deadlines import release_unconfirmed
from bot.services.reconcile import after_outage as reconcile_after_outage
from bot.services.reconcile import reconcile
from drafts.mirror import Mirror
from drafts.store import DraftStore
from handlers import (
    ballots,
    consultation,
    contributions,
    cover_facts,
    deadlines,
    drafting,
    elements,
    export,
    imports,
    notes,
    patents,
    people,
    projects,
    review,
    start_and_help,
)
from handlers.errors import on_error
from handlers.operators import Operators
from storage.database import Database
from storage.models import OutboxMessage, PendingImport, ProcessedUpdate, Project
from storage.outage import is_outage, until_back

log = logging.getLogger("manuscript.app")
MENU_RETRY_SECONDS = (5.0, 300.0)  # the first wait, and the longest, between tries of the menu
# Redelivery happens within minutes; a month of update ids is ample and keeps the table small.
PROCESSED_UPDATES_KEPT = timedelta(days=30)
# A file sent with /import and never confirmed is forgotten after a month (its buttons then
# answer that the import is gone).
PENDING_IMPORTS_KEPT = timedelta(days=30)
# What the outbox delivered is kept as long: an edit of a merged message reads its buttons there.
OUTBOX_KEPT = timedelta(days=30)


def build_application(
    settings: Settings,
    *,
    token: str,
    request: BaseRequest | None = None,
    clock: Callable[[], datetime] = utc_now,
    pace: Pace | None = None,
) -> App:
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_file_url:
        builder = builder.base_file_url(settings.api_file_url)
    application = builder.build()
    application.bot_data.configure(settings, clock, pace or LoopPace())
    register_handlers(application)
    return application


def production_application(settings: Settings, token: str) -> App:
    """What `manuscript-bot run` serves. Answers keep within Telegram's limits through the outbox
    (bot/outbox/sender.py), not PTB's rate limiter: a limiter that waits inside the send holds up its
    handler, and one chat's backlog every other chat's answers."""
    return build_application(settings, token=token)


def register_handlers(application: App) -> None:
    application.add_handlers(
        [
            *start_and_help.HANDLERS,
            *people.HANDLERS,
            *projects.HANDLERS,
            *cover_facts.HANDLERS,
            *drafting.HANDLERS,
            *contributions.HANDLERS,
            *elements.HANDLERS,
            *notes.HANDLERS,
            *ballots.HANDLERS,
            *patents.HANDLERS,
            *consultation.HANDLERS,
            *review.HANDLERS,
            *deadlines.HANDLERS,
            *export.HANDLERS,
            *imports.HANDLERS,
            ballots.PROMPT_REPLIES,
            patents.PRIVATE_TEXT,
        ]
    )
    # Last in its group: only unknown commands reach the fallback; the stale buttons' answer
    # comes after every button handler of its group.
    application.add_handler(start_and_help.FALLBACK)
    application.add_handler(start_and_help.EDITED)
    application.add_handler(start_and_help.STALE_BUTTONS)
    application.add_error_handler(on_error)


@asynccontextmanager
async def serving_offline(application: App) -> AsyncIterator[App]:
    """The lifecycle run_polling gives, without polling: for the demo and the tests."""
    async with application:
        await _post_init(application)
        try:
            yield application
        finally:
            await _post_shutdown(application)


async def _post_init(application: App) -> None:
    data = application.bot_data
    settings = data.settings
    runtime = Runtime(
        settings,
        Database(settings.database_url, *((data.held.term, data.held.fresh) if data.held else ())),
        DraftStore(settings.data_dir),
        data.clock,
    )
    outbox = Outbox(
        application.bot,
        runtime.db,
        runtime.clock,
        data.pace,
        settings.live_edit_seconds,
        settings.group_messages_per_minute,
    )
    data.serve(runtime, outbox)
    data.operators = Operators(application)
    runtime.bot_username = application.bot.username
    stop = data.stop
    while True:  # the database may be away at start-up (restarting with the bot): wait for it
        try:
            await _start_up(application, runtime)
            break
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("start-up waits for the database: %s", error)
        if not await until_back(runtime.db, stop):
            return  # stopped while waiting: nothing was started
    jobs_schedule.start(application)
    await _command_menu(application, settings.language)


async def _start_up(application: App, runtime: Runtime) -> None:
    """What start-up owes before it serves; each step may run again after a database outage."""
    await _mirrored(application, runtime)  # the repositories first: the rest reads them
    await _told_of_takeover(application)
    await application.bot_data.outbox.resume()  # what was owed before a restart goes first
    await finish_interrupted(application, await reconcile(runtime))
    await release_unconfirmed(runtime)  # before the first sweep claims anything
    await jobs_schedule.tick(application)
    async with runtime.db.session() as session:
        now = runtime.clock()
        await session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.handled_at < now - PROCESSED_UPDATES_KEPT)
        )
        await session.execute(
            delete(PendingImport).where(PendingImport.created_at < now - PENDING_IMPORTS_KEPT)
        )
        await session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.state.in_(SENT_STATES), OutboxMessage.created_at < now - OUTBOX_KEPT
            )
        )
        await session.commit()


async def _mirrored(application: App, runtime: Runtime) -> None:
    """With a mirror, the repositories this host lacks are cloned back from it (GitError when
    it cannot give them: the bot does not serve without them); then every write is pushed."""
    settings = runtime.settings
    if settings.git_mirror is None or runtime.drafts.mirror is not None:
        return
    operators = application.bot_data.operators
    assert operators is not None, "set by post_init"

    async def alert(key: str, error: str, since: datetime | None) -> None:
        async with runtime.db.session() as session:
            code = await session.scalar(select(Project.code).where(Project.repository == key))
        project = code or key
        if error:
            shown = local(since, settings.timezone) if since else ""
            failing = msg("ops.mirror_failing", project=project, since=shown, error=error)
            await operators.tell(f"mirror {key}", failing, timedelta(0))
        else:
            back = msg("ops.mirror_back", project=project)
            await operators.tell(f"mirror back {key}", back, timedelta(0))

    mirror = Mirror(
        settings.git_mirror, runtime.drafts.root, runtime.clock, settings.mirror_alert, alert
    )
    mirror.standby, mirror.fenced = settings.standby, runtime.drafts.fenced
    async with runtime.db.session() as session:
        keys = list((await session.scalars(select(Project.repository))).all())
    await mirror.restore(keys, refresh=settings.standby)
    runtime.drafts.mirror = mirror
    runtime.drafts.listeners.append(mirror.written)
    await mirror.start()


async def _told_of_takeover(application: App) -> None:
    data = application.bot_data
    held = data.held
    if held is None or held.took_over_from is None or held.told or data.operators is None:
        return
    await data.operators.tell("takeover", msg("ops.took_over", previous=held.took_over_from))
    held.told = True


async def after_outage(application: App) -> None:
    """The database is back and no update is in hand (bot/lanes.py): settle the writes it could
    not be asked about, and finish and announce the merges it interrupted."""
    runtime = application.bot_data.runtime
    await finish_interrupted(application, await reconcile_after_outage(runtime))


async def _command_menu(application: App, default: str) -> None:
    """The menu is a convenience: when Telegram will not take it now (a 5xx, a 429, the network),
    start-up goes on and it is tried again in the background, backing off."""
    try:
        await _set_command_menu(application, default)
    except InvalidToken:
        raise
    except TelegramError as error:
        log.warning("the command menu could not be set (%s); trying again in the background", error)
        application.bot_data.menu_retry = asyncio.create_task(_retry_menu(application, default))


async def _retry_menu(application: App, default: str) -> None:
    delay = MENU_RETRY_SECONDS[0]
    while True:
        await asyncio.sleep(delay)
        try:
            await _set_command_menu(application, default)
            log.info("the command menu is set")
            return
        except TelegramError as error:
            delay = min(delay * 2, MENU_RETRY_SECONDS[1])
            log.warning("the command menu could not be set (%s); next try in %.0f s", error, delay)


async def _post_shutdown(application: App) -> None:
    data = application.bot_data
    if data.has_runtime and data.runtime.drafts.mirror is not None:
        await data.runtime.drafts.mirror.close()
    if data.menu_retry is not None:
        data.menu_retry.cancel()
        data.menu_retry = None
    if data.has_outbox:
        await data.outbox.close()
    if data.has_runtime:
        await data.runtime.db.dispose()


async def _set_command_menu(application: App, default: str) -> None:
    """The menu lists every command; /help says which ones a person may use where. Where the
    reading view is served, the private chat's menu button opens it; elsewhere it lists the
    commands (as it does again when a deployment stops serving it)."""
    for lang in LANGUAGES:
        commands = [BotCommand(spec.name, render(lang, msg(spec.about_key))) for spec in COMMANDS]
        await application.bot.set_my_commands(
            commands,
            scope=BotCommandScopeDefault(),
            language_code=None if lang == default else lang,
        )
    public_url = application.bot_data.settings.public_url
    button: MenuButton = MenuButtonCommands()
    if public_url is not None:
        label = render(default, msg("web.menu_button"))
        button = MenuButtonWebApp(label, WebAppInfo(f"{public_url}/app"))
    await application.bot.set_chat_menu_button(menu_button=button)
