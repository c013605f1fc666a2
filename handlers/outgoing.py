"""Answers as outbox rows: rendered in the chat's language when the work is done, committed with
it, and sent by the outbox (bot/outbox/sender.py). Handlers never send."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import Message

from bot.context import App, BotData
from bot.i18n import Msg, msg, render
from bot.outbox.payload import Key, Keys, MergeTag, Payload
from bot.outbox.rows import OutboxRow, enqueue
from handlers.answers import Button, Edit, Notice, Reply, message_text, split_text, text_of

CAPTION_LIMIT = 1024  # Telegram's limit for a photo's caption


@dataclass(frozen=True)
class To:
    """Where an answer goes: the chat, its forum topic, the message it answers."""

    chat_id: int
    thread: int | None = None
    reply_to: int | None = None

    @classmethod
    def answering(cls, message: Message) -> To:
        """As Telegram's reply does it: quoting the message in a group, not in a private chat."""
        thread = message.message_thread_id if message.is_topic_message else None
        quoted = message.message_id if message.chat.type != "private" else None
        return cls(message.chat_id, thread, quoted)


class Rows:
    """The rows of one unit of work, in the order they are to go."""

    def __init__(self, lang: str, now: datetime, update_id: int | None) -> None:
        self.lang, self.now, self.update_id = lang, now, update_id
        self.rows: list[OutboxRow] = []

    def add(
        self,
        chat_id: int,
        kind: str,
        payload: Payload,
        *,
        content: bytes | None = None,
        ref: str | None = None,
    ) -> None:
        self.rows.append(
            {
                "chat_id": chat_id,
                "update_id": self.update_id,
                "kind": kind,
                "payload": payload.to_json(),
                "content": content,
                "ref": ref,
                "created_at": self.now,
            }
        )

    def edits(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            self.add(
                edit.chat_id,
                "edit",
                Payload(
                    message_id=edit.message_id,
                    text=message_text(self.lang, edit.lines),
                    keys=self.keys(edit.buttons),
                    live=edit.live,
                    drop=edit.drop or "",
                    of=edit.of,
                ),
            )

    def notice(self, notice: Notice) -> None:
        """One message to a chat (in its forum topic, if it has one), and its files."""
        to = To(notice.chat_id, notice.thread_id or None)
        self.text(to, notice.lines)
        self.files(to, notice.documents)

    def text(self, to: To, lines: Sequence[Msg]) -> None:
        self.plain(to, message_text(self.lang, lines))

    def plain(self, to: To, text: str) -> None:
        self.add(to.chat_id, "message", _at(to, text=text))

    def reply(self, to: To, reply: Reply) -> None:
        self.edits(reply.edits)
        for notice in reply.notices:
            self.notice(notice)
        if reply.lines:
            self._message(to, reply)
        self.files(to, reply.documents)
        for picture, caption in reply.photos:
            self.add(to.chat_id, "photo", _at(to, caption=caption[:CAPTION_LIMIT]), content=picture)

    def files(self, to: To, documents: Sequence[tuple[str, bytes]]) -> None:
        for filename, content in documents:
            self.add(to.chat_id, "document", _at(to, filename=filename), content=content)

    def _message(self, to: To, reply: Reply) -> None:
        chunks = split_text(text_of(self.lang, reply.lines))
        for index, chunk in enumerate(chunks):
            text = chunk
            if index:  # the parts after the first say where they belong
                mark = render(self.lang, msg("reply.continued", part=index + 1, parts=len(chunks)))
                text = f"{mark}\n{chunk}"
            if index < len(chunks) - 1:
                self.add(to.chat_id, "message", _at(to, text=text))
                continue
            merge = None
            if reply.merge is not None and len(chunks) == 1:
                merge = MergeTag(
                    reply.merge.kind,
                    reply.merge.prefix,
                    reply.merge.number,
                    self.lang,
                    self.row(reply.merge.buttons),
                )
            payload = _at(
                to,
                text=text,
                keys=self.keys(reply.buttons),
                force_reply=reply.force_reply,
                merge=merge,
            )
            self.add(to.chat_id, "message", payload, ref=reply.remember)

    def row(self, buttons: Sequence[Button]) -> tuple[Key, ...]:
        return tuple(Key(render(self.lang, b.label), b.data, b.url or "") for b in buttons)

    def keys(self, buttons: Sequence[Button]) -> Keys:
        """Three to a row."""
        row = self.row(buttons)
        return tuple(row[i : i + 3] for i in range(0, len(row), 3))


def _at(to: To, **fields: Any) -> Payload:
    return Payload(thread=to.thread, reply_to=to.reply_to, **fields)


async def queue(application: App, rows: Rows) -> None:
    """Rows of work that commits on its own (a deadline's reminder): stored, then sent."""
    runtime = application.bot_data.runtime
    async with runtime.db.session() as session:
        await enqueue(session, rows.rows)
        await session.commit()
    kick(application.bot_data, rows.rows)


def kick(bot_data: BotData, rows: Sequence[OutboxRow]) -> None:
    """The rows are committed: their chats' senders look."""
    bot_data.outbox.kick(row["chat_id"] for row in rows)
