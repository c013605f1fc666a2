"""The pipeline every command and button press runs through.

One unit of work per update: the update id is marked processed in the same transaction as the
effects (a redelivered update does nothing), the role is checked before the body runs, a usage or
service error rolls the effects back and answers with its reason, and only a successful body
commits. The answer commits with the work, as outbox rows (handlers/outgoing.py): it is owed
exactly when the work was done, and sent by the outbox. A button's toast alone is answered at
once, after the commit, as Telegram wants it within seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from telegram import CallbackQuery, Message, Update, User
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.commands import BY_NAME, CommandSpec, Scope
from bot.context import Context
from bot.domain.args import UsageError
from bot.domain.roles import Action
from bot.i18n import msg, render
from bot.outbox.rows import OutboxRow, enqueue
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
from drafts.faults import RepositoryLocked, RepositoryUnwritable
from handlers.answers import Answer, Edit, Notice, Pressed, Reply, as_reply
from handlers.outgoing import Rows, To, kick

T = TypeVar("T")
# What a project that has ended still answers: reading it, exporting it, joining, the language.
UNCHANGING = frozenset({Action.READ, Action.JOIN, Action.SET_LANGUAGE})
log = logging.getLogger("manuscript.answers")
TOAST_LIMIT = 200  # Telegram's limit for a button's answer (a toast or an alert)

# Commands run on new messages only: an edited command must not run a second time.
NEW_MESSAGES = filters.UpdateType.MESSAGE


Body = Callable[[Workspace, str], Awaitable[Answer]]
ButtonBody = Callable[[Workspace, str], Awaitable[Pressed]]


def command(name: str) -> Callable[[Body], CommandHandler]:
    """Turn `async def body(ws, args) -> Answer` into the handler of `/name`."""
    spec = BY_NAME[name]

    def wrap(body: Body) -> CommandHandler:
        async def callback(update: Update, context: Context) -> None:
            await run(update, context, spec, body)

        callback.__name__ = body.__name__
        return CommandHandler(name, callback, filters=NEW_MESSAGES)

    return wrap


def button(prefix: str) -> Callable[[ButtonBody], CallbackQueryHandler]:
    """Turn `async def body(ws, data) -> Pressed` into the handler of buttons `prefix:…`."""

    def wrap(body: ButtonBody) -> CallbackQueryHandler:
        async def callback(update: Update, context: Context) -> None:
            await run_button(update, context, prefix, body)

        callback.__name__ = body.__name__
        return CallbackQueryHandler(callback, pattern=f"^{prefix}:")

    return wrap


async def run(
    update: Update,
    context: Context,
    spec: CommandSpec | None,
    body: Body,
    args: str | None = None,
) -> None:
    """Run `body` in a unit of work; `args` defaults to the text after the command word."""
    message = update.effective_message
    text = args if args is not None else (command_args(message) if message else "")

    async def work(ws: Workspace) -> list[OutboxRow]:
        if message is not None and message.reply_to_message is not None:
            replied = message.reply_to_message
            ws.quoted = replied.text or replied.caption or ""
            ws.replied_to = replied.message_id
        assert message is not None, "_in_workspace runs the work only for a message"
        to = To.answering(message)
        try:
            if spec is not None:
                if spec.scope is Scope.GROUP:
                    ws.require_group()
                ws.require(spec.action)
                if spec.action not in UNCHANGING:
                    ws.require_live()
            rows = _answer_rows(ws, to, await body(ws, text))
            await enqueue(ws.session, rows)
            await ws.session.commit()
            return rows
        except UsageError:
            assert spec is not None, "only a registered command has a usage line"
            answer: Answer = msg("error.usage", usage=msg(spec.usage_key))
        except ServiceError as error:
            answer = error.message
        except (RepositoryLocked, RepositoryUnwritable) as fault:  # logged where git reported it
            answer = await _storage_fault(ws, fault)
        refusal = as_reply(answer)
        answered: list[OutboxRow] = []

        def told(undone: bool) -> list[OutboxRow]:
            reply = refusal
            if not undone:  # an earlier write of this update is still in the draft
                kept = [line for line in reply.lines if line != NOTHING_CHANGED]
                reply = replace(reply, lines=[*kept, msg("error.still_in_draft")])
            answered.extend(_answer_rows(ws, to, reply))
            return answered

        await ws.discard(told)
        return answered

    done = await _in_workspace(update, context, work)
    if done is not None:
        kick(context.bot_data, done[1])


def _answer_rows(ws: Workspace, to: To, answer: Answer) -> list[OutboxRow]:
    rows = Rows(ws.lang, ws.now, ws.update_id)
    rows.reply(to, as_reply(answer))
    return rows.rows


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


async def _delivered(update: Update, delivery: Awaitable[object]) -> None:
    """A press's toast goes out once its unit of work is over — committed, or rolled back with
    its reason: a failure now is logged, never answered with an apology that nothing was changed
    (the rest of the answer is in the outbox)."""
    try:
        await delivery
    except TelegramError as error:
        log.warning(
            "update %s: done, but its answer was not delivered (%s)", update.update_id, error
        )
    except Exception:
        log.exception("update %s: done, but delivering its answer failed", update.update_id)


async def run_button(update: Update, context: Context, prefix: str, body: ButtonBody) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    data = query.data[len(prefix) + 1 :]

    async def work(ws: Workspace) -> tuple[Toast, list[OutboxRow]]:
        try:
            ws.require_live()
            pressed = await body(ws, data)
            toast, rows = _press_rows(ws, query, pressed)
            await enqueue(ws.session, rows)
            await ws.session.commit()
            return toast, rows
        except ServiceError as error:
            reply = Reply([error.message])
        except (RepositoryLocked, RepositoryUnwritable) as fault:
            reply = await _storage_fault(ws, fault)
        said: list[tuple[Toast, list[OutboxRow]]] = []

        def told(undone: bool) -> list[OutboxRow]:
            # The reason as the toast; the other lines (an earlier write still in the draft)
            # and the chairs' notices as messages.
            rest = Reply([] if undone else [msg("error.still_in_draft")], notices=reply.notices)
            refused = Pressed(toast=reply.lines[0], alert=True, reply=rest)
            said.append(_press_rows(ws, query, refused))
            return said[0][1]

        await ws.discard(told)
        return said[0]

    done = await _in_workspace(update, context, work)
    if done is None:
        await _delivered(update, query.answer())
        return
    _, ((toast, alert), rows) = done
    kick(context.bot_data, rows)
    await _delivered(update, query.answer(toast, show_alert=alert))


Toast = tuple[str | None, bool]  # the text, and whether it is an alert


def _press_rows(
    ws: Workspace, query: CallbackQuery, pressed: Pressed
) -> tuple[Toast, list[OutboxRow]]:
    """The toast to answer the press with at once, and the rest as outbox rows: the pressed
    message's new text (only the pressed item's buttons, if it stands for several answers),
    other messages' edits, a reply. A toast longer than Telegram takes goes to the chat."""
    rows = Rows(ws.lang, ws.now, ws.update_id)
    message = query.message if isinstance(query.message, Message) else None
    if pressed.edit is not None and message is not None:
        drop = (query.data or "").rsplit(":", 1)[0] + ":"
        rows.edits([Edit(message.chat_id, message.message_id, pressed.edit, drop=drop)])
    toast = render(ws.lang, pressed.toast) if pressed.toast else None
    if toast is not None and len(toast) > TOAST_LIMIT and message is not None:
        rows.plain(To.answering(message), toast)
        toast = render(ws.lang, msg("button.see_chat"))
    rows.edits(pressed.edits)
    if pressed.reply is not None and message is not None:
        rows.reply(To.answering(message), pressed.reply)
    return (toast, pressed.alert), rows.rows


async def _in_workspace(
    update: Update, context: Context, work: Callable[[Workspace], Awaitable[T]]
) -> tuple[str, T] | None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return None
    runtime: Runtime = context.bot_data.runtime
    try:
        async with open_workspace(
            runtime, update.update_id, caller_of(user), place_of(message)
        ) as ws:
            result = await work(ws)
            return ws.lang, result
    except DuplicateUpdate:
        return None


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
