"""/term, /ref, /figure and /check: the standard's elements from the chat.

A figure is a picture sent to the group with the caption `/figure <clause> <title>` (a photo, or
a PNG/JPEG sent as a file), or `/figure <clause> <title>` sent as a reply to a picture.
"""

from __future__ import annotations

from telegram import Document, Message, PhotoSize, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.commands import BY_NAME
from bot.context import Context
from bot.domain.args import UsageError, split_first
from bot.domain.elements import parse_figure, parse_reference, parse_term
from bot.i18n import Msg, msg
from bot.services import checking, elements
from bot.services.workspace import Workspace
from drafts.elements import PICTURE_LIMIT, picture_kind
from handlers.answers import Reply
from handlers.base import NEW_MESSAGES, command, run
from handlers.contributions import proposal_reply

IMAGE_TYPES = frozenset({"image/png", "image/jpeg"})


@command("term")
async def term(ws: Workspace, args: str) -> Reply:
    proposal, clause = await elements.propose_term(ws, parse_term(args))
    return await proposal_reply(ws, proposal, clause)


@command("ref")
async def ref(ws: Workspace, args: str) -> Reply:
    proposal, clause = await elements.propose_reference(ws, parse_reference(args))
    return await proposal_reply(ws, proposal, clause)


@command("check")
async def check(ws: Workspace, args: str) -> list[Msg]:
    found = await checking.check_draft(ws)
    if not found:
        return [msg("check.clean")]
    return [msg("check.header", count=len(found)), *checking.finding_lines(found)]


async def figure(update: Update, context: Context) -> None:
    """The picture is fetched before the unit of work (no transaction waits on the network);
    its size is known from Telegram before anything is downloaded."""
    message = update.effective_message
    if message is None:
        return
    caption = message.caption if message.caption is not None else message.text or ""
    args = split_first(caption)[1]
    source = _picture_of(message) or (
        _picture_of(message.reply_to_message) if message.reply_to_message else None
    )
    picture = b""
    if source is not None and (source.file_size or 0) <= PICTURE_LIMIT:
        picture = bytes(await (await source.get_file()).download_as_bytearray())

    async def body(ws: Workspace, text: str) -> Reply:
        kind = picture_kind(picture)
        if kind is None or len(picture) > PICTURE_LIMIT:
            raise UsageError()
        clause, title = parse_figure(text)
        proposal, found = await elements.propose_figure(ws, clause, title, picture, kind)
        return await proposal_reply(ws, proposal, found)

    await run(update, context, BY_NAME["figure"], body, args=args)


def _picture_of(message: Message) -> PhotoSize | Document | None:
    """The largest size of a photo, or a document that says it is a PNG or JPEG."""
    if message.photo:
        return max(message.photo, key=lambda size: size.width * size.height)
    document = message.document
    if document is not None and document.mime_type in IMAGE_TYPES:
        return document
    return None


_CAPTIONED = (
    filters.CaptionRegex(r"^/figure(@\w+)?(\s|$)")
    & (filters.PHOTO | filters.Document.ALL)
    & NEW_MESSAGES
)
HANDLERS: list[BaseHandler] = [  # type: ignore[type-arg]
    term,
    ref,
    check,
    MessageHandler(_CAPTIONED, figure),
    CommandHandler("figure", figure, filters=NEW_MESSAGES),
]
