"""A Bot API transport that never touches the network: it records every call and answers it.

It is what `manuscript-bot demo` and the tests plug into the real Application (the technique of
python-telegram-bot's own test suite), so every handler runs exactly as it would against Telegram.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Manuscript",
    "username": "manuscript_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

# Methods answered with a bare `true`.
_TRUE_METHODS = {
    "answerCallbackQuery",
    "deleteMyCommands",
    "deleteWebhook",
    "setChatMenuButton",
    "setMyCommands",
    "setWebhook",
}


# Telegram's limits, in UTF-16 code units as Telegram counts them (Bot API documentation).
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
TOAST_LIMIT = 200
CALLBACK_DATA_BYTES = 64


# Calls that put a message into a chat, and count against Telegram's flood limits: 20 a minute
# into a group, 30 a second in all.
SENDS = {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}
GROUP_PER_MINUTE = 20
OVERALL_PER_SECOND = 30

# What a flaky Bot API does to one call: an HTTP status (429 asks to wait a second), or a
# timeout before the call reached Telegram, or after Telegram delivered it.
Fault = int | str  # 429, 500, 502 … or "timeout_before", "timeout_after"


def _length(text: object) -> int:
    return len(str(text).encode("utf-16-le")) // 2


def refusal(method: str, params: dict[str, Any]) -> str | None:
    """Why Telegram would refuse this call (its error description), or None."""
    if method in {"sendMessage", "editMessageText"}:
        text = str(params.get("text", ""))
        if not text.strip():
            return "message text is empty"
        if _length(text) > TEXT_LIMIT:
            return "message is too long"
    if "caption" in params and _length(params["caption"]) > CAPTION_LIMIT:
        return "message caption is too long"
    if method == "answerCallbackQuery" and _length(params.get("text", "")) > TOAST_LIMIT:
        return "MESSAGE_TOO_LONG"
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for button in (button for row in rows for button in row):
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_BYTES:
            return "BUTTON_DATA_INVALID"
    return None


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    result: Any = None
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded documents by file name

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))


@dataclass
class RecordingRequest(BaseRequest):
    """Records calls in `calls`; `chats` tells it the type and title of chats it answers into."""

    calls: list[ApiCall] = field(default_factory=list)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Files people sent (file id -> bytes), served by getFile and the file download URL.
    uploads: dict[str, bytes] = field(default_factory=dict)
    downloads: list[str] = field(default_factory=list)  # the URLs files were fetched from
    # Updates getUpdates serves (Telegram's way: each until an offset confirms it), and the
    # offsets it was asked with.
    updates: list[dict[str, Any]] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    refused: list[ApiCall] = field(default_factory=list)  # calls Telegram's limits refuse
    # Answers to give instead of the real one, per method, in order: an HTTP status (a
    # `retry_after` for 429), for the tests of a failing Bot API.
    failures: dict[str, list[int]] = field(default_factory=dict)
    # Telegram's flood limits, counted on this clock (the outbox's pace in the simulator); a
    # call beyond them is answered 429 with the wait, and recorded in `refused`.
    now: Callable[[], float] = time.monotonic
    group_per_minute: int = GROUP_PER_MINUTE  # more only as a private Bot API server allows
    # A fault for some calls (a flaky network), decided per call; `faulted` records them.
    fault: Callable[[ApiCall], Fault | None] | None = None
    faulted: list[tuple[ApiCall, Fault]] = field(default_factory=list)
    delay: float = 0.0  # seconds each call takes, as Telegram's answer would
    _windows: dict[int, deque[float]] = field(default_factory=dict)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(100000))  # type: ignore[type-arg]

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if self.delay and api_method != "getUpdates":
            await asyncio.sleep(self.delay)
        if "/file/bot" in url:  # a download of a file people sent
            self.downloads.append(url)
            upload = self.uploads.get(api_method)
            return (200, upload) if upload is not None else (404, b"")
        params = dict(request_data.parameters) if request_data else {}
        call = ApiCall(api_method, params)
        if request_data is not None and request_data.contains_files:
            for part in request_data.multipart_data.values():
                filename, content = part[0], part[1]
                call.files[str(filename)] = (
                    content if isinstance(content, bytes) else content.read()
                )
        if self.failures.get(api_method):
            return _failure(self.failures[api_method].pop(0))
        if self.fault is not None and api_method in SENDS | {"answerCallbackQuery"}:
            fault = self.fault(call)
            if fault is not None:
                self.faulted.append((call, fault))
                if fault == "timeout_before":
                    raise TimedOut()
                if fault != "timeout_after":
                    return _failure(int(fault))
        if api_method in SENDS:
            wait = self._flood_wait(int(str(params["chat_id"])))
            if wait > 0:
                self.refused.append(
                    ApiCall(api_method, params, f"Too Many Requests: retry after {wait}")
                )
                return _failure(429, wait)
        refused = refusal(api_method, params)
        if refused is not None:  # what Telegram itself would refuse
            self.refused.append(ApiCall(api_method, params, refused))
            return 400, json.dumps(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {refused}"}
            ).encode()
        try:
            call.result = self._answer(api_method, params)
        except KeyError:
            return 400, json.dumps(
                {
                    "ok": False,
                    "error_code": 400,
                    "description": f"offline: {api_method} unsupported",
                }
            ).encode()
        if api_method != "getUpdates":
            self.calls.append(call)
        if self.faulted and self.faulted[-1] == (call, "timeout_after"):
            raise TimedOut()  # delivered, but the answer never came back
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _flood_wait(self, chat_id: int) -> int:
        """Seconds until Telegram takes another message into this chat (0: now); counts it."""
        now = self.now()
        windows = [(self._windows.setdefault(0, deque()), OVERALL_PER_SECOND, 1.0)]
        if chat_id < 0:
            group = self._windows.setdefault(chat_id, deque())
            windows.append((group, self.group_per_minute, 60.0))
        wait = 0.0
        for sent, limit, span in windows:
            while sent and sent[0] <= now - span:
                sent.popleft()
            if len(sent) >= limit:
                wait = max(wait, sent[0] + span - now)
        if wait > 0:
            return max(1, math.ceil(wait))
        for sent, _, _ in windows:
            sent.append(now)
        return 0

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method in _TRUE_METHODS:
            return True
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            self.offsets.append(offset)
            return [update for update in self.updates if update["update_id"] >= offset]
        if method in {"sendMessage", "sendDocument", "sendPhoto"}:
            return self._message(params, next(self._message_ids))
        if method == "getFile":
            file_id = str(params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": f"u-{file_id}",
                "file_size": len(self.uploads[file_id]),
                "file_path": file_id,
            }
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            return self._message(params, int(params["message_id"]))
        raise KeyError(method)

    def _message(self, params: dict[str, Any], message_id: int) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = self.chats.get(chat_id) or {
            "id": chat_id,
            "type": "private" if chat_id > 0 else "group",
        }
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
        }
        for key in ("text", "message_thread_id", "caption"):
            if key in params:
                message[key] = params[key]
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram returns inline keyboards only
        if "message_thread_id" in params:
            message["is_topic_message"] = True
        if "document" in params:
            message["document"] = {
                "file_id": f"doc{message_id}",
                "file_unique_id": f"u{message_id}",
            }
        if "photo" in params:
            size = {"file_id": f"photo{message_id}", "file_unique_id": f"p{message_id}"}
            message["photo"] = [size | {"width": 320, "height": 240}]
        return message


def _failure(status: int, retry_after: int = 1) -> tuple[int, bytes]:
    error: dict[str, Any] = {"ok": False, "error_code": status, "description": "offline"}
    if status == 429:
        error["description"] = f"Too Many Requests: retry after {retry_after}"
        error["parameters"] = {"retry_after": retry_after}
    return status, json.dumps(error).encode()
