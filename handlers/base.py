"""The pipeline every command runs through.

One unit of work per update: the update id is marked processed in the same transaction as the
effects (a redelivered update does nothing), the role is checked before the body runs, a usage or
service error rolls everything back and answers with its reason, and only a successful body commits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from telegram import Message, Update, User
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.commands import BY_NAME, CommandSpec, Scope
from bot.domain.args import UsageError
from bot.i18n import Msg, msg, render
from bot.runtime import Runtime
from bot.services.errors import ServiceError
from bot.services.workspace import (
    Caller,
    DuplicateUpdate,
    Place,
    Workspace,
    open_workspace,
)

Answer = Msg | Sequence[Msg]
Body = Callable[[Workspace, str], Awaitable[Answer]]

# Telegram refuses messages over 4096 characters; split long answers at line breaks below that.
MESSAGE_LIMIT = 4000

# Commands run on new messages only: an edited command must not run a second time.
NEW_MESSAGES = filters.UpdateType.MESSAGE


def command(name: str) -> Callable[[Body], CommandHandler]:
    """Turn `async def body(ws, args) -> Answer` into the handler of `/name`."""
    spec = BY_NAME[name]

    def wrap(body: Body) -> CommandHandler:
        async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            await run(update, context, spec, body)

        callback.__name__ = body.__name__
        return CommandHandler(name, callback, filters=NEW_MESSAGES)

    return wrap


async def run(
    update: Update, context: ContextTypes.DEFAULT_TYPE, spec: CommandSpec | None, body: Body
) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    runtime: Runtime = context.bot_data["runtime"]
    try:
        async with open_workspace(
            runtime, update.update_id, caller_of(user), place_of(message)
        ) as ws:
            answer = await _answer(ws, spec, body, command_args(message))
            lang = ws.lang
    except DuplicateUpdate:
        return
    await send_answer(message, lang, answer)


async def _answer(ws: Workspace, spec: CommandSpec | None, body: Body, args: str) -> Answer:
    try:
        if spec is not None:
            if spec.scope is Scope.GROUP:
                ws.require_group()
            ws.require(spec.action)
        answer = await body(ws, args)
        await ws.session.commit()
        return answer
    except UsageError:
        assert spec is not None, "only a registered command has a usage line"
        answer = msg("error.usage", usage=msg(spec.usage_key))
    except ServiceError as error:
        answer = error.message
    await ws.discard()
    return answer


async def send_answer(message: Message, lang: str, answer: Answer) -> None:
    lines = [answer] if isinstance(answer, Msg) else list(answer)
    for chunk in split_text("\n".join(render(lang, line) for line in lines)):
        await message.reply_text(chunk)


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
    """Everything after the command word, inner line breaks kept."""
    parts = (message.text or "").split(None, 1)
    return parts[1] if len(parts) > 1 else ""


def caller_of(user: User) -> Caller:
    return Caller(user.id, user.username, user.full_name)


def place_of(message: Message) -> Place:
    thread = message.message_thread_id if message.is_topic_message else None
    return Place(message.chat_id, thread or 0, message.chat.type == "private")
