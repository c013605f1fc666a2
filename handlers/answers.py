"""What a handler answers with: lines of catalog messages, buttons, edits of earlier messages,
notices to other chats, files — language-neutral until handlers/outgoing.py renders them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import Msg, render

# Telegram refuses messages over 4096 characters; split long answers at line breaks below that
# (with room for the `（续 2/3）` line each later part begins with).
MESSAGE_LIMIT = 4000


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
    documents: Sequence[tuple[str, bytes]] = ()  # files sent after the text


@dataclass(frozen=True)
class Edit:
    """A new text for a message the bot sent earlier, with these buttons (none: removed)."""

    chat_id: int
    message_id: int | None  # None: the message still waits in the outbox, as `of`'s
    lines: Sequence[Msg]
    buttons: Sequence[Button] = ()
    live: bool = False  # one of many quick changes (a vote): may be merged with the next ones
    # Buttons whose data starts with this belong to the item the edit settles: when the message
    # stands for several merged answers, only they go, and its text stays.
    drop: str | None = None
    of: str | None = None  # the record whose message it is (bot/outbox/refs.py)


@dataclass(frozen=True)
class Merge:
    """An acknowledgement that may be merged with others of its kind waiting for the same group
    (`已记录意见 C5–C12`); `buttons` are its own, labelled with its number."""

    kind: str  # comment, proposal, vote
    prefix: str  # C, #, B
    number: int
    buttons: Sequence[Button] = ()


@dataclass(frozen=True)
class Reply:
    lines: Sequence[Msg]
    buttons: Sequence[Button] = ()
    edits: Sequence[Edit] = ()
    remember: str | None = None  # the record that learns where the message landed (sent.py)
    force_reply: bool = False  # ask the person to answer by replying to this message
    notices: Sequence[Notice] = ()
    documents: Sequence[tuple[str, bytes]] = ()  # files sent after the text
    photos: Sequence[tuple[bytes, str]] = ()  # pictures with their captions, after the text
    merge: Merge | None = None


@dataclass(frozen=True)
class Pressed:
    """The answer to a button press: a toast, and optionally a new text for the pressed message."""

    toast: Msg | None = None
    alert: bool = False
    edit: Sequence[Msg] | None = None  # new text for the pressed message, without buttons
    edits: Sequence[Edit] = ()  # other messages brought up to date
    reply: Reply | None = None  # a new message in the chat


Answer = Msg | Sequence[Msg] | Reply


def as_reply(answer: Answer) -> Reply:
    if isinstance(answer, Reply):
        return answer
    return Reply([answer] if isinstance(answer, Msg) else list(answer))


def message_text(lang: str, lines: Sequence[Msg]) -> str:
    """Lines rendered as one message (cut at Telegram's limit) — for edits and notices."""
    return split_text(text_of(lang, lines))[0]


def text_of(lang: str, lines: Sequence[Msg]) -> str:
    return "\n".join(render(lang, line) for line in lines)


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
