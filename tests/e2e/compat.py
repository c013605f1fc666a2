"""A small proxy between the bot and the telegram-test-api emulator, fixing what the emulator
does differently from Telegram's Bot API:

- getMe lacks `is_bot`; setMyCommands and sendDocument are not implemented (answered here);
- dates are in milliseconds; callback queries lack `chat_instance`; editMessageText answers null;
- getUpdates ignores `offset`: the emulator forgets an update once fetched. Here updates are kept
  until the bot confirms them with a higher offset, as Telegram does — so a bot killed after a
  fetch gets its unconfirmed updates again when it restarts;
- it has no webhooks: once the bot sets one, each update is posted to it here, as Telegram does,
  with the secret header, one at a time and again until the bot answers 200.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT = {"id": 666, "is_bot": True, "first_name": "Manuscript", "username": "TestNameBot"}
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ANSWERED_HERE = {"setMyCommands", "deleteMyCommands", "setChatMenuButton"}


SENDS = {"sendMessage", "editMessageText", "sendDocument", "answerCallbackQuery"}


class TooMany(Exception):
    """Telegram's 429: the bot is to wait `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too Many Requests: retry after {retry_after}")
        self.retry_after = retry_after


class Compat:
    def __init__(self, emulator: str) -> None:
        self.emulator = emulator
        self.pending: list[dict[str, Any]] = []
        self.documents: list[dict[str, Any]] = []
        # What the bot was told and what it said, for the fault tests' ledger: every update
        # handed to it (by update id) and every call it made (method, parameters), in order.
        self.handed: dict[int, dict[str, Any]] = {}
        self.said: list[tuple[str, dict[str, Any]]] = []
        self.lock = threading.Lock()
        self.webhook = ("", "")  # the address updates are posted to, and its secret
        self.pusher: threading.Thread | None = None
        self.stopped = threading.Event()
        self._ids = itertools.count(900000)
        # While set, every send is refused with a 429, as Telegram does to a flood: what the
        # bot was sending is then either delivered and marked, or not delivered at all.
        self.refusing = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.stopped.set()
        self.server.shutdown()

    def answer(self, token: str, method: str, params: dict[str, Any]) -> Any:
        if method in SENDS and self.refusing.is_set():
            raise TooMany(1)
        if method != "getUpdates":
            with self.lock:
                self.said.append((method, params))
        if method == "getMe":
            return BOT
        if method == "setWebhook":
            self.hook(token, str(params["url"]), str(params.get("secret_token", "")))
            return True
        if method == "deleteWebhook":
            self.hook(token, "", "")
            return True
        if method in ANSWERED_HERE:
            return True
        if method == "sendDocument":
            self.documents.append(params)
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "supergroup"},
            }
        if method == "getUpdates":
            return self._updates(token, params)
        result = self._forward(token, method, params)
        if method == "editMessageText" and result is None:
            return {
                "message_id": int(params["message_id"]),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "supergroup"},
                "text": params.get("text", ""),
            }
        return _fix(result)

    def hook(self, token: str, url: str, secret: str) -> None:
        """A webhook set (or, with no address, deleted): from now on each update is posted to it,
        as Telegram does, one at a time and again until it answers 200."""
        with self.lock:
            self.webhook = (url, secret)
            if url and self.pusher is None:
                self.pusher = threading.Thread(target=self._push, args=(token,), daemon=True)
                self.pusher.start()

    def _push(self, token: str) -> None:
        waiting: list[dict[str, Any]] = []
        while not self.stopped.is_set():
            with self.lock:
                url, secret = self.webhook
            if not url:
                time.sleep(0.05)
                continue
            if not waiting:
                waiting = [_fix(u) for u in self._forward(token, "getUpdates", {}) or []]
                with self.lock:
                    self.handed.update((u["update_id"], u) for u in waiting)
                if not waiting:
                    time.sleep(0.05)
                    continue
            request = urllib.request.Request(
                url,
                data=json.dumps(waiting[0]).encode(),
                headers={"Content-Type": "application/json", SECRET_HEADER: secret},
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    taken = response.status == 200
            except (OSError, urllib.error.HTTPError):  # down, restarting, or refusing
                taken = False
            if taken:
                waiting.pop(0)
            else:
                time.sleep(0.2)

    def _updates(self, token: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while True:
            with self.lock:
                self.pending = [u for u in self.pending if u["update_id"] >= offset]
                fresh = self._forward(token, "getUpdates", {}) or []
                self.pending += [_fix(u) for u in fresh]
                self.handed.update((u["update_id"], u) for u in self.pending)
                if self.pending or time.monotonic() >= deadline:
                    return list(self.pending)
            time.sleep(0.05)

    def _forward(self, token: str, method: str, params: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.emulator}/bot{token}/{method}",
            data=json.dumps(params).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["result"]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        compat = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def do_POST(self) -> None:
                _, token_part, method = self.path.split("/", 2)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                params = _params(self.headers.get("Content-Type", ""), body)
                payload: dict[str, Any]
                try:
                    payload = {
                        "ok": True,
                        "result": compat.answer(token_part.removeprefix("bot"), method, params),
                    }
                except TooMany as error:
                    payload = {
                        "ok": False,
                        "error_code": 429,
                        "description": str(error),
                        "parameters": {"retry_after": error.retry_after},
                    }
                except Exception as error:  # the bot sees what Telegram would send: an error
                    payload = {"ok": False, "error_code": 400, "description": str(error)}
                data = json.dumps(payload).encode()
                self.send_response(int(payload.get("error_code", 200)))  # Telegram's own status
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # the bot was stopped mid-poll
                    self.wfile.write(data)

            do_GET = do_POST

        return Handler


def _params(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    if "json" in content_type:
        return dict(json.loads(body))
    if "multipart" in content_type:
        return {"chat_id": _multipart_field(body, "chat_id")}
    fields = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
    params: dict[str, Any] = {}
    for key, values in fields.items():
        value = values[0]
        try:
            params[key] = json.loads(value) if value[:1] in "[{" else value
        except ValueError:
            params[key] = value
    return params


def _multipart_field(body: bytes, name: str) -> str:
    match = re.search(
        rb'name="' + name.encode() + rb'"[^\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)', body
    )
    return match.group(1).decode() if match else ""


def _fix(value: Any) -> Any:
    """Milliseconds to seconds, and the fields Telegram always sends."""
    if isinstance(value, list):
        return [_fix(item) for item in value]
    if not isinstance(value, dict):
        return value
    fixed = {key: _fix(item) for key, item in value.items()}
    if isinstance(fixed.get("date"), int) and fixed["date"] > 10**11:
        fixed["date"] //= 1000
    if "callback_query" in fixed:
        query = fixed["callback_query"]
        query.setdefault(
            "chat_instance", str(query.get("message", {}).get("chat", {}).get("id", 0))
        )
    if "from" in fixed and isinstance(fixed["from"], dict):
        fixed["from"].setdefault("is_bot", False)
    return fixed
