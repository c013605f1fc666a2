"""The pipeline every command and button press runs through.

One unit of work per update: the update id is marked processed in the same transaction as the
effects (a redelivered update does nothing), the role is checked before the body runs, a usage or
service error rolls the effects back and answers with its reason, and only a successful body commits.
Replies are sent after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from telegram import (
    Bot,
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
    User,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.commands import BY_NAME, CommandSpec, Scope
from bot.domain.args import UsageError
from bot.i18n import Msg, msg, render
from bot.runtime import Runtime
from bot.services.errors import ServiceError
from bot.services.people import chairs_of
from bot.services.workspace import (
    Caller,
    DuplicateUpdate,
    Place,
    Workspace,
    open_workspace,
)
from drafts.elements import one_line
from drafts.repository import RepositoryLocked
from drafts.store import RepositoryUnwritable
from handlers.live_edits import LiveEdits

T = TypeVar("T")
log = logging.getLogger("manuscript.answers")
BotData = dict[Any, Any]  # the Application's bot_data: "runtime", "live_edits", "settings"

# Telegram refuses messages over 4096 characters; split long answers at line breaks below that
# (with room for the `（续 2/3）` line each later part begins with).
MESSAGE_LIMIT = 4000
CAPTION_LIMIT = 1024  # Telegram's limit for a photo's caption
TOAST_LIMIT = 200  # Telegram's limit for a button's answer (a toast or an alert)

# Commands run on new messages only: an edited command must not run a second time.
NEW_MESSAGES = filters.UpdateType.MESSAGE


@dataclass(frozen=True)
class Button:
    label: Msg
    data: str = ""  # at most 64 bytes (Telegram's limit for callback data)
    url: str | None = None  # a link button instead


@dataclass(frozen=True)
class Notice:
    """A message to another chat (e.g. a flag to the project's group from a private chat)."""

    chat_id: int
    thread_id: int
    lines: Sequence[Msg]


@dataclass(frozen=True)
class Edit:
    """A new text for a message the bot sent earlier, with these buttons (none: removed)."""

    chat_id: int
    message_id: int
    lines: Sequence[Msg]
    buttons: Sequence[Button] = ()
    live: bool = False  # one of many quick changes (a vote): may be merged with the next ones


@dataclass(frozen=True)
class Reply:
    lines: Sequence[Msg]
    buttons: Sequence[Button] = ()
    edits: Sequence[Edit] = ()
    # Runs with the sent message, e.g. to remember where a proposal was posted.
    after_send: Callable[[Runtime, Message], Awaitable[None]] | None = None
    force_reply: bool = False  # ask the person to answer by replying to this message
    notices: Sequence[Notice] = ()
    documents: Sequence[tuple[str, bytes]] = ()  # files sent after the text
    photos: Sequence[tuple[bytes, str]] = ()  # pictures with their captions, after the text


@dataclass(frozen=True)
class Pressed:
    """The answer to a button press: a toast, and optionally a new text for the pressed message."""

    toast: Msg | None = None
    alert: bool = False
    edit: Sequence[Msg] | None = None  # new text for the pressed message, without buttons
    edits: Sequence[Edit] = ()  # other messages brought up to date
    reply: Reply | None = None  # a new message in the chat


Answer = Msg | Sequence[Msg] | Reply
Body = Callable[[Workspace, str], Awaitable[Answer]]
ButtonBody = Callable[[Workspace, str], Awaitable[Pressed]]


def command(name: str) -> Callable[[Body], CommandHandler]:
    """Turn `async def body(ws, args) -> Answer` into the handler of `/name`."""
    spec = BY_NAME[name]

    def wrap(body: Body) -> CommandHandler:
        async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            await run(update, context, spec, body)

        callback.__name__ = body.__name__
        return CommandHandler(name, callback, filters=NEW_MESSAGES)

    return wrap


def button(prefix: str) -> Callable[[ButtonBody], CallbackQueryHandler]:
    """Turn `async def body(ws, data) -> Pressed` into the handler of buttons `prefix:…`."""

    def wrap(body: ButtonBody) -> CallbackQueryHandler:
        async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            await run_button(update, context, prefix, body)

        callback.__name__ = body.__name__
        return CallbackQueryHandler(callback, pattern=f"^{prefix}:")

    return wrap


async def run(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    spec: CommandSpec | None,
    body: Body,
    args: str | None = None,
) -> None:
    """Run `body` in a unit of work; `args` defaults to the text after the command word."""
    message = update.effective_message
    text = args if args is not None else (command_args(message) if message else "")

    async def work(ws: Workspace) -> Answer:
        if message is not None and message.reply_to_message is not None:
            replied = message.reply_to_message
            ws.quoted = replied.text or replied.caption or ""
            ws.replied_to = replied.message_id
        try:
            if spec is not None:
                if spec.scope is Scope.GROUP:
                    ws.require_group()
                ws.require(spec.action)
            answer = await body(ws, text)
            await ws.session.commit()
            return answer
        except UsageError:
            assert spec is not None, "only a registered command has a usage line"
            answer = msg("error.usage", usage=msg(spec.usage_key))
        except ServiceError as error:
            answer = error.message
        except (RepositoryLocked, RepositoryUnwritable) as fault:  # logged where git reported it
            answer = await _storage_fault(ws, fault)
        if await ws.discard():
            return answer
        reply = _as_reply(answer)  # an earlier write of this update is still in the draft
        kept = [line for line in reply.lines if line != NOTHING_CHANGED]
        return replace(reply, lines=[*kept, msg("error.still_in_draft")])

    done = await _in_workspace(update, context, work)
    if done is not None and message is not None:
        lang, answer = done
        await _delivered(update, send_answer(context.bot_data, message, lang, answer))


NOTHING_CHANGED = msg("error.storage_retry")


async def _storage_fault(ws: Workspace, fault: RepositoryLocked | RepositoryUnwritable) -> Reply:
    """The draft could not be written (the caller rolls back: nothing was changed). A lock is
    the operator's business: the project's chairs hear of it once, in their private chats."""
    if isinstance(fault, RepositoryUnwritable) or ws.project is None:
        return Reply([msg("error.storage"), NOTHING_CHANGED])
    project = ws.project
    if not ws.drafts.first_report(project.repository, fault.lock):
        return Reply([msg("error.repository_locked")])
    told = [p.id for p in await chairs_of(ws, project.id) if p.dm_open]
    lines = [msg("error.locked_for_chairs", code=project.code, lock=fault.lock)]
    return Reply(
        [msg("error.repository_locked")], notices=[Notice(chat, 0, lines) for chat in told]
    )


async def _delivered(update: Update, delivery: Awaitable[None]) -> None:
    """The update's unit of work is over — committed, or rolled back with its reason — when its
    answer goes out: a failure now is logged, never answered with an apology that nothing was
    changed (the person's next look at the chat shows what was)."""
    try:
        await delivery
    except TelegramError as error:
        log.warning(
            "update %s: done, but its answer was not delivered (%s)", update.update_id, error
        )
    except Exception:
        log.exception("update %s: done, but delivering its answer failed", update.update_id)


async def run_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, prefix: str, body: ButtonBody
) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    data = query.data[len(prefix) + 1 :]

    async def work(ws: Workspace) -> Pressed:
        try:
            pressed = await body(ws, data)
            await ws.session.commit()
            return pressed
        except ServiceError as error:
            reply = Reply([error.message])
        except (RepositoryLocked, RepositoryUnwritable) as fault:
            reply = await _storage_fault(ws, fault)
        undone = await ws.discard()
        # The reason as the toast; the other lines (an earlier write still in the draft) and
        # the chairs' notices as messages.
        rest = Reply([] if undone else [msg("error.still_in_draft")], notices=reply.notices)
        return Pressed(toast=reply.lines[0], alert=True, reply=rest)

    done = await _in_workspace(update, context, work)
    if done is None:
        await query.answer()
        return
    lang, pressed = done
    await _delivered(update, _answer_press(context.bot_data, query, lang, pressed))


async def _answer_press(
    bot_data: BotData, query: CallbackQuery, lang: str, pressed: Pressed
) -> None:
    if pressed.edit is not None and isinstance(query.message, Message):
        with suppress(BadRequest):  # "message is not modified" or too old to edit: nothing to fix
            await query.message.edit_text(message_text(lang, pressed.edit))  # buttons removed
    toast = render(lang, pressed.toast) if pressed.toast else None
    if toast is not None and len(toast) > TOAST_LIMIT and isinstance(query.message, Message):
        # Telegram refuses a longer toast: the whole text goes to the chat, the toast points there.
        await query.answer(render(lang, msg("button.see_chat")), show_alert=pressed.alert)
        await query.message.reply_text(toast)
    else:
        await query.answer(toast, show_alert=pressed.alert)
    await send_edits(bot_data, lang, pressed.edits)
    if pressed.reply is not None and isinstance(query.message, Message):
        await send_answer(bot_data, query.message, lang, pressed.reply)


async def _in_workspace(
    update: Update, context: ContextTypes.DEFAULT_TYPE, work: Callable[[Workspace], Awaitable[T]]
) -> tuple[str, T] | None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return None
    runtime: Runtime = context.bot_data["runtime"]
    try:
        async with open_workspace(
            runtime, update.update_id, caller_of(user), place_of(message)
        ) as ws:
            result = await work(ws)
            return ws.lang, result
    except DuplicateUpdate:
        return None


async def send_edits(bot_data: BotData, lang: str, edits: Sequence[Edit]) -> None:
    editor: LiveEdits = bot_data["live_edits"]
    for edit in edits:
        await editor.edit(
            edit.chat_id,
            edit.message_id,
            message_text(lang, edit.lines),
            markup_of(lang, edit.buttons),
            live=edit.live,
        )


async def send_notice(bot: Bot, lang: str, notice: Notice) -> None:
    """One message to a chat (in its forum topic, if it has one)."""
    await bot.send_message(
        notice.chat_id, message_text(lang, notice.lines), message_thread_id=notice.thread_id or None
    )


async def send_answer(bot_data: BotData, message: Message, lang: str, answer: Answer) -> None:
    reply = _as_reply(answer)
    await send_edits(bot_data, lang, reply.edits)
    for notice in reply.notices:
        await send_notice(message.get_bot(), lang, notice)
    if not reply.lines:
        return
    chunks = split_text(text_of(lang, reply.lines))
    markup: InlineKeyboardMarkup | ForceReply | None = markup_of(lang, reply.buttons)
    if reply.force_reply:
        markup = ForceReply(selective=True)
    sent = message
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if index:  # the parts after the first say where they belong
            chunk = f"{render(lang, msg('reply.continued', part=index + 1, parts=len(chunks)))}\n{chunk}"
        sent = await message.reply_text(chunk, reply_markup=markup if last else None)
    for filename, content in reply.documents:
        await message.reply_document(InputFile(content, filename=filename))
    for picture, caption in reply.photos:
        await message.reply_photo(InputFile(picture), caption=caption[:CAPTION_LIMIT])
    if reply.after_send is not None:
        await reply.after_send(bot_data["runtime"], sent)


def _as_reply(answer: Answer) -> Reply:
    if isinstance(answer, Reply):
        return answer
    return Reply([answer] if isinstance(answer, Msg) else list(answer))


def message_text(lang: str, lines: Sequence[Msg]) -> str:
    """Lines rendered as one message (cut at Telegram's limit) — for edits and notices."""
    return split_text(text_of(lang, lines))[0]


def text_of(lang: str, lines: Sequence[Msg]) -> str:
    return "\n".join(render(lang, line) for line in lines)


def markup_of(lang: str, buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    row = [
        InlineKeyboardButton(render(lang, b.label), url=b.url)
        if b.url
        else InlineKeyboardButton(render(lang, b.label), callback_data=b.data)
        for b in buttons
    ]
    return InlineKeyboardMarkup([row[i : i + 3] for i in range(0, len(row), 3)])


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single overlong line is cut hard
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


def command_args(message: Message) -> str:
    """Everything after the command word. Line breaks are kept, a leading one too, so that line
    numbers in answers count the lines of the message as its author sees them."""
    text = (message.text or "").lstrip()
    word = text.split(None, 1)[0] if text else ""
    return text[len(word) :].lstrip(" \t")


def caller_of(user: User) -> Caller:
    """Who is asking; their name as one line without control or bidi characters."""
    return Caller(user.id, user.username, one_line(user.full_name) or str(user.id))


def place_of(message: Message) -> Place:
    thread = message.message_thread_id if message.is_topic_message else None
    return Place(message.chat_id, thread or 0, message.chat.type == "private")
