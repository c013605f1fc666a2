"""/start, /help, /lang and the answer to unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.commands import COMMANDS, Scope
from bot.context import Context
from bot.domain.args import UsageError
from bot.i18n import LANGUAGES, Msg, msg
from bot.services.errors import Refused
from bot.services.projects import set_language
from bot.services.workspace import Workspace
from handlers import patents
from handlers.answers import Pressed, Reply
from handlers.base import NEW_MESSAGES, command, run, run_button


@command("start")
async def start(ws: Workspace, args: str) -> list[Msg] | Reply:
    if ws.place.private and args.strip().startswith(patents.DEEP_LINK):
        return await patents.start_form(ws, args.strip())
    return [msg("start.text", alliance=ws.settings.alliance_name), *_help_lines(ws)]


@command("help")
async def help_(ws: Workspace, args: str) -> list[Msg]:
    return _help_lines(ws)


@command("lang")
async def lang(ws: Workspace, args: str) -> Msg:
    language = args.strip().lower()
    if language not in LANGUAGES:
        raise UsageError()
    await set_language(ws, language)
    return msg("lang.set")


def _help_lines(ws: Workspace) -> list[Msg]:
    usable = [
        spec
        for spec in COMMANDS
        if ws.allows(spec.action) and not (spec.scope is Scope.GROUP and ws.place.private)
    ]
    lines = [msg("help.header")]
    lines += [
        msg("help.line", usage=msg(spec.usage_key), about=msg(spec.about_key)) for spec in usable
    ]
    return lines


async def _unknown(ws: Workspace, args: str) -> Msg:
    raise Refused("error.unknown_command")


async def unknown_command(update: Update, context: Context) -> None:
    """Answer in a private chat, or in a group when the command was addressed to this bot."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    word = message.text.split(None, 1)[0]
    addressed = word.lower().endswith(f"@{context.bot.username.lower()}")
    if message.chat.type == "private" or addressed:
        await run(update, context, None, _unknown)


async def _not_rerun(ws: Workspace, args: str) -> Msg:
    raise Refused("error.edited_command")


async def edited_command(update: Update, context: Context) -> None:
    """An edited command is not run again (its first version was): the person is told so, rather
    than left waiting for an answer to the new text."""
    await run(update, context, None, _not_rerun)


async def _stale(ws: Workspace, data: str) -> Pressed:
    raise Refused("button.stale")


async def unknown_button(update: Update, context: Context) -> None:
    """A button whose data no handler knows (an old keyboard, forged data): answered, so that the
    person's client stops waiting and says why."""
    await run_button(update, context, "", _stale)


HANDLERS = [start, help_, lang]
FALLBACK = MessageHandler(filters.COMMAND & NEW_MESSAGES, unknown_command)
EDITED = MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.COMMAND, edited_command)
STALE_BUTTONS = CallbackQueryHandler(unknown_button)
