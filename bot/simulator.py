"""Drive the real Application with updates from several simulated people, keeping a transcript.

Used by `manuscript-bot demo` and by the scenario tests: each `send` or `press` builds a real
`telegram.Update`, runs it through `Application.process_update` and returns the Bot API calls it made.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.context import App
from bot.offline import ApiCall, RecordingRequest
from bot.outbox.sender import Outbox, Pace
from bot.runtime import ManualClock


@dataclass(frozen=True)
class User:
    id: int
    name: str
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class Chat:
    id: int
    title: str | None = None  # None: a private chat
    forum: bool = False

    def as_dict(self) -> dict[str, Any]:
        if self.title is None:
            return {"id": self.id, "type": "private", "first_name": "private"}
        data: dict[str, Any] = {"id": self.id, "type": "supergroup", "title": self.title}
        if self.forum:
            data["is_forum"] = True
        return data


def private_chat(user: User) -> Chat:
    return Chat(user.id)


class VirtualPace:
    """The outbox's time in the demo and the tests: a wait takes no real time. Time moves on only
    when the simulator settles and every sender is waiting — to the end of the earliest wait, so
    a group held up by Telegram's limits is answered in the order and at the moments it would be,
    in a moment. Waits for a merge window (`owed=False`) pass only when asked to."""

    def __init__(self) -> None:
        self.time = 0.0
        self._sleepers: list[tuple[float, int, bool, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self.resuming = 0  # woken, not yet running again

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float, *, owed: bool = True) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        woken = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.time + seconds, next(self._order), owed, woken))
        try:
            await woken
        finally:
            if woken.done() and not woken.cancelled():
                self.resuming -= 1

    def advance(self, *, everything: bool) -> bool:
        """Move to the end of the earliest wait (that holds up an answer, unless `everything`)
        and wake whoever it ends for; False when there is none."""
        self._sleepers = [entry for entry in self._sleepers if not entry[3].done()]
        heapq.heapify(self._sleepers)
        due = [entry[0] for entry in self._sleepers if everything or entry[2]]
        if not due:
            return False
        self.time = max(self.time, min(due))
        while self._sleepers and self._sleepers[0][0] <= self.time:
            *_, woken = heapq.heappop(self._sleepers)
            self.resuming += 1
            woken.set_result(None)
        return True


def offline_application(
    settings: Settings,
    token: str,
    clock: ManualClock,
    transport: RecordingRequest | None = None,
    pace: Pace | None = None,
) -> tuple[App, RecordingRequest]:
    """The real Application against the recording Bot API, both on one pace — by default a
    virtual one: Telegram's limits hold, and waiting them out takes no time."""
    pace = pace or VirtualPace()
    transport = transport or RecordingRequest()
    transport.now = pace.now
    application = build_application(
        settings, token=token, request=transport, clock=clock, pace=pace
    )
    return application, transport


class Simulator:
    def __init__(
        self,
        application: App,
        transport: RecordingRequest,
        echo: Callable[[str], None] | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.application = application
        self.transport = transport
        self.echo = echo
        self.transcript: list[str] = []
        self._update_ids = itertools.count(first_update_id)
        self.last_update_id = 0
        self._message_ids = itertools.count(1)
        self.last_sent: dict[str, Any] = {}  # the message a person sent last (to reply to it)

    def reserve_update_id(self) -> int:
        """An update id for an update delivered later, after ones numbered after it: Telegram
        numbers updates in the order people acted, the bot may handle them in another."""
        return next(self._update_ids)

    async def send(
        self,
        user: User,
        chat: Chat,
        text: str,
        *,
        topic: int | None = None,
        reply_to: dict[str, Any] | None = None,
        update_id: int | None = None,
        settle: bool | None = True,
    ) -> list[ApiCall]:
        """`user` writes `text` in `chat` (in forum topic `topic`); returns the bot's calls (with
        `settle=False`, only those made before the outbox has had to wait; with None, those made
        while the update was handled)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": user.as_dict(),
            "text": text,
        }
        if text.startswith("/"):
            word = text.split(None, 1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(word)}]
        if topic is not None:
            message["message_thread_id"] = topic
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self._note(chat, topic, f"{user.name}: {text}")
        self.last_sent = message
        return await self.deliver({"message": message}, update_id, settle=settle)

    async def send_picture(
        self,
        user: User,
        chat: Chat,
        content: bytes,
        caption: str = "",
        *,
        as_file: str | None = None,  # a file name: sent as a document, not as a photo
        mime_type: str = "image/png",
        size: int | None = None,  # the size Telegram reports (default: the real one)
    ) -> list[ApiCall]:
        """`user` sends a picture (a photo, or a file) with `caption`; the bot may fetch it."""
        if as_file is not None:
            return await self.send_file(user, chat, content, as_file, caption, mime_type, size)
        file_id = self._upload(content)
        common = {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(content)}
        if size is not None:
            common["file_size"] = size
        self.transport.uploads[f"{file_id}-small"] = b"thumbnail"
        photo = [
            common | {"file_id": f"{file_id}-small", "width": 90, "height": 60},
            common | {"width": 900, "height": 600},  # the largest size is the real file
        ]
        return await self._send_media(user, chat, {"photo": photo}, caption, "🖼 photo")

    async def send_file(
        self,
        user: User,
        chat: Chat,
        content: bytes,
        file_name: str,
        caption: str = "",
        mime_type: str = "application/octet-stream",
        size: int | None = None,  # the size Telegram reports (default: the real one)
    ) -> list[ApiCall]:
        """`user` sends a file (a document) with `caption`; the bot may fetch it by getFile."""
        file_id = self._upload(content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(content) if size is None else size,
            "file_name": file_name,
            "mime_type": mime_type,
        }
        shown = f"{'🖼' if mime_type.startswith('image/') else '📎'} {file_name}"
        return await self._send_media(user, chat, {"document": document}, caption, shown)

    def _upload(self, content: bytes) -> str:
        file_id = f"upload-{len(self.transport.uploads) + 1}"
        self.transport.uploads[file_id] = content
        return file_id

    async def _send_media(
        self, user: User, chat: Chat, media: dict[str, Any], caption: str, shown: str
    ) -> list[ApiCall]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": user.as_dict(),
            **media,
        }
        if caption:
            message["caption"] = caption
            if caption.startswith("/"):
                word = caption.split(None, 1)[0]
                message["caption_entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(word)}
                ]
        self._note(chat, None, f"{user.name}: {shown} {caption}".rstrip())
        self.last_sent = message
        return await self.deliver({"message": message})

    async def press(
        self, user: User, message: dict[str, Any], data: str, *, settle: bool | None = True
    ) -> list[ApiCall]:
        """`user` presses the inline button carrying `data` under the bot's `message`."""
        chat = message["chat"]
        query = {
            "id": str(next(self._message_ids)),
            "from": user.as_dict(),
            "chat_instance": str(chat["id"]),
            "message": message,
            "data": data,
        }
        self._note_raw(chat.get("title") or "private", f"{user.name} ▸ [{_label(message, data)}]")
        return await self.deliver({"callback_query": query}, settle=settle)

    async def deliver(
        self, payload: dict[str, Any], update_id: int | None = None, *, settle: bool | None = True
    ) -> list[ApiCall]:
        """Run one update (a redelivery when `update_id` repeats an earlier one)."""
        for key in ("message", "callback_query"):
            if key in payload:
                chat = payload[key]["chat"] if key == "message" else payload[key]["message"]["chat"]
                self.transport.chats[chat["id"]] = chat
        before = len(self.transport.calls)
        uid = next(self._update_ids) if update_id is None else update_id
        self.last_update_id = uid
        update = Update.de_json({"update_id": uid, **payload}, self.application.bot)
        await self.application.process_update(update)
        if settle is not None:
            await (self.settle() if settle else self.quiet())
        calls = self.transport.calls[before:]
        for call in calls:
            self._note_bot(call)
        return calls

    async def observe(self, work: Awaitable[object]) -> list[ApiCall]:
        """Run scheduled work (a sweep of deadlines) and note the Bot API calls it made."""
        before = len(self.transport.calls)
        await work
        await self.settle()
        calls = self.transport.calls[before:]
        for call in calls:
            self._note_bot(call)
        return calls

    async def settle(self, *, everything: bool = False) -> None:
        """Wait until the outbox has sent all it owes; with `everything`, also what waits for a
        merge window (a ballot's live edit)."""
        pace = self.application.bot_data.pace
        while True:
            await self.quiet()
            if not isinstance(pace, VirtualPace) or not pace.advance(everything=everything):
                return

    async def quiet(self) -> None:
        """Wait until every sender of the outbox has sent what it can now, without moving time."""
        outbox: Outbox = self.application.bot_data.outbox
        pace = self.application.bot_data.pace
        while True:
            # A task made just now (a sender's timer for a live edit) begins its wait on its first
            # step: until it has taken it, the pace does not know the wait is there.
            await asyncio.sleep(0)
            if not (outbox.busy or (isinstance(pace, VirtualPace) and pace.resuming)):
                return
            await asyncio.sleep(0.001)

    def narrate(self, line: str) -> None:
        """A line of the story that is not a message (e.g. time passing)."""
        self._note_raw("", f"— {line} —")

    def _note_bot(self, call: ApiCall) -> None:
        if call.method not in {
            "sendMessage",
            "editMessageText",
            "sendDocument",
            "sendPhoto",
            "answerCallbackQuery",
        }:
            return
        chat = self.transport.chats.get(int(call.params.get("chat_id", 0)), {})
        where = chat.get("title") or ("private" if chat else "")
        if "message_thread_id" in call.params:
            where += f" › topic {call.params['message_thread_id']}"
        text = call.params.get("text") or call.params.get("caption") or ""
        if call.method == "answerCallbackQuery":
            text = f"(toast) {text}" if text else ""
        elif call.method == "editMessageText":
            text = f"(edited) {text}"
        elif call.method == "sendDocument":
            text = "📎 " + "、".join(call.files) + (f" {text}" if text else "")
        buttons = _buttons(call.params.get("reply_markup"))
        if text or buttons:
            self._note_raw(where, "🤖 " + text.replace("\n", "\n    ") + buttons)

    def _note(self, chat: Chat, topic: int | None, line: str) -> None:
        where = chat.title or "private"
        if topic is not None:
            where += f" › topic {topic}"
        self._note_raw(where, line)

    def _note_raw(self, where: str, line: str) -> None:
        entry = f"[{where}] {line}" if where else line
        self.transcript.append(entry)
        if self.echo is not None:
            self.echo(entry)


def _buttons(markup: Any) -> str:
    if not isinstance(markup, dict):
        return ""
    rows = markup.get("inline_keyboard") or []
    labels = [button.get("text", "") for row in rows for button in row]
    return ("\n    [" + " | ".join(labels) + "]") if labels else ""


def _label(message: dict[str, Any], data: str) -> str:
    """The label of the button carrying `data` (as a person sees it), or the data itself."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    labels = [b.get("text", "") for row in rows for b in row if b.get("callback_data") == data]
    return labels[0] if labels else data
