"""The ASGI app served in the bot's process (Starlette under uvicorn, as PTB's own custom-webhook
example does): the reading view at /app, its JSON API at /api/…, and the webhook at /telegram.

Every API request carries the Mini App's launch data (`Authorization: tma <init data>`), checked
as Telegram prescribes; the person then has exactly the rights the chat gives them there."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import deque
from collections.abc import Awaitable, Callable
from json import JSONDecodeError
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.context import App
from bot.domain.ids import parse_id
from bot.domain.webapp_auth import Launch, NotSignedIn, verify
from bot.i18n import msg, render
from bot.services import history, projects, reading
from bot.services.errors import ServiceError
from bot.services.workspace import read_workspace
from bot.web import actions
from bot.web.actions import caller
from bot.web.metrics import metrics_endpoint
from bot.web.views import authors_json, ballot_json, clause_body, page_json, words
from handlers.drafting import change_lines
from handlers.projects import full_card_lines

STATIC = Path(__file__).parent / "static"
WEBHOOK_PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# No script or style but the app's own files, no other origin; Telegram's web client frames it.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org"
)
READS_PER_MINUTE, ACTIONS_PER_MINUTE = 120, 30
Receive = Callable[[list[Update]], Awaitable[bool]]


class Json(JSONResponse):
    """A JSON answer encoded by orjson: a page of thirty clauses is mostly encoding."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def webhook_secret(token: str) -> str:
    """The secret Telegram sends with every webhook request: derived from the token, so it
    survives restarts without being stored, and tells nothing of the token."""
    return hmac.new(token.encode(), b"manuscript-bot webhook", hashlib.sha256).hexdigest()


class RateLimit:
    """At most `per_minute` requests a person in any minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.seen: dict[int, deque[float]] = {}

    def allows(self, person: int) -> bool:
        now = time.monotonic()
        times = self.seen.setdefault(person, deque())
        while times and now - times[0] > 60:
            times.popleft()
        if len(times) >= self.per_minute:
            return False
        times.append(now)
        return True


def web_app(application: App, receive: Receive | None = None) -> Starlette:
    """The reading view of `application`; with `receive`, also its webhook."""
    bot_data = application.bot_data
    settings = bot_data.settings
    reads, acts = RateLimit(READS_PER_MINUTE), RateLimit(ACTIONS_PER_MINUTE)

    def refuse(status: int, text: str) -> Json:
        return Json({"error": text}, status_code=status)

    def no_project() -> Json:
        return refuse(404, render(settings.language, msg("web.no_project")))

    def launch_of(request: Request, limit: RateLimit) -> Launch | Response:
        """Who asks, checked as Telegram prescribes, within their rate."""
        header = request.headers.get("authorization", "")
        raw = header[4:] if header.lower().startswith("tma ") else ""
        try:
            launch = verify(raw, application.bot.token, bot_data.clock(), settings.webapp_max_age)
        except NotSignedIn as error:
            return refuse(401, render(settings.language, msg(f"web.signed_out.{error.why.value}")))
        if not limit.allows(launch.user_id):
            return refuse(429, render(settings.language, msg("web.too_fast")))
        return launch

    def signed_in(request: Request, limit: RateLimit) -> tuple[Launch, int] | Response:
        """Who asks and for which project."""
        launch = launch_of(request, limit)
        if isinstance(launch, Response):
            return launch
        # The link's project, or (opened from the private chat's menu) the one chosen in the page.
        chosen = launch.start_param.removeprefix("p") or request.query_params.get("project", "")
        project_id = parse_id(chosen)
        return no_project() if project_id is None else (launch, project_id)

    def reader(
        build: Callable[[Any, Request], Awaitable[dict[str, Any]]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            signed = signed_in(request, reads)
            if isinstance(signed, Response):
                return signed
            launch, project_id = signed
            async with read_workspace(bot_data.runtime, caller(launch), project_id) as ws:
                if ws is None:
                    return no_project()
                try:
                    return Json(await build(ws, request))
                except ServiceError as error:
                    return refuse(403, render(ws.lang, error.message))

        return endpoint

    async def project_list(request: Request) -> Response:
        """The projects the person may open, for a page opened with none."""
        launch = launch_of(request, reads)
        if isinstance(launch, Response):
            return launch
        found = await reading.readable_projects(bot_data.runtime, caller(launch))
        listed = [{"id": p.id, "code": p.code, "title": p.title} for p in found]
        return Json({"projects": listed, "words": words(settings.language)})

    async def draft(ws: Any, request: Request) -> dict[str, Any]:
        page = parse_id(request.query_params.get("page", "0") or "0") or 0
        stage = request.query_params.get("stage", "")
        found = await reading.draft_page(ws, page, clause_body, stage)
        return {**page_json(ws.lang, found), "words": words(ws.lang)}

    async def authors(ws: Any, request: Request) -> dict[str, Any]:
        index = parse_id(request.query_params.get("index", "")) or 0
        found = await reading.authors(
            ws,
            request.query_params.get("clause", ""),
            index,
            request.query_params.get("stage", ""),
        )
        return authors_json(found, settings.timezone)

    async def changes(ws: Any, request: Request) -> dict[str, Any]:
        reading.require_reader(ws)
        to = request.query_params.get("to", "")
        base, found = await history.diff(ws, request.query_params.get("since", ""), to)
        lines = [render(ws.lang, line) for line in change_lines(found)]
        return {"since": base, "to": to, "lines": lines}

    async def card(ws: Any, request: Request) -> dict[str, Any]:
        reading.require_reader(ws)
        lines = await full_card_lines(ws, await projects.project_card(ws))
        return {"lines": [render(ws.lang, line) for line in lines]}

    async def ballots(ws: Any, request: Request) -> dict[str, Any]:
        return {"ballots": [ballot_json(ws.lang, v) for v in await reading.open_ballots(ws)]}

    def doer(
        usage: str, work: Callable[[dict[str, Any]], actions.Work]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            signed = signed_in(request, acts)
            if isinstance(signed, Response):
                return signed
            launch, project_id = signed
            try:
                body = await request.json()
            except (JSONDecodeError, UnicodeDecodeError):
                body = None
            request_id = body.get("request") if isinstance(body, dict) else None
            if not isinstance(request_id, str) or not 8 <= len(request_id) <= 64:
                return refuse(400, render(settings.language, msg(usage)))
            fields = {k: v for k, v in body.items() if isinstance(v, str | int)}
            try:
                chosen = work(fields)
            except (KeyError, ValueError, TypeError):
                return refuse(400, render(settings.language, msg(usage)))
            done = await actions.act(bot_data, launch, project_id, request_id, usage, chosen)
            if done is None:
                return no_project()
            return Json({"ok": done.ok, "text": done.text}, status_code=200 if done.ok else 409)

        return endpoint

    def comment(fields: dict[str, Any]) -> actions.Work:
        return actions.commenting(
            str(fields["clause"]), str(fields["reason"]), str(fields.get("proposed", ""))
        )

    def vote(fields: dict[str, Any]) -> actions.Work:
        return actions.voting(
            int(fields["ballot"]), str(fields["choice"]), str(fields.get("reason", ""))
        )

    def propose(fields: dict[str, Any]) -> actions.Work:
        return actions.proposing(
            str(fields["clause"]), str(fields["text"]), fields.get("kind") == "replace"
        )

    def decide(fields: dict[str, Any]) -> actions.Work:
        verdict = str(fields["decision"])
        if verdict not in {"accept", "reject"}:
            raise ValueError(verdict)
        number = int(fields["contribution"])
        return actions.deciding(number, verdict == "accept", str(fields.get("reason", "")))

    async def webhook(request: Request) -> Response:
        if receive is None:
            return Response(status_code=404)
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), webhook_secret(application.bot.token).encode()):
            return Response(status_code=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except (JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError):
            return Response(status_code=400)
        # Answered once stored: Telegram sends it again until then, and never loses it.
        return Response(status_code=200 if await receive([update]) else 503)

    def static(name: str, kind: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return FileResponse(STATIC / name, media_type=kind, headers=_safe_headers())

        return endpoint

    return Starlette(
        routes=[
            Route("/app", static("app.html", "text/html; charset=utf-8")),
            Route("/app/app.js", static("app.js", "text/javascript; charset=utf-8")),
            Route("/app/app.css", static("app.css", "text/css; charset=utf-8")),
            Route("/api/projects", project_list),
            Route("/api/draft", reader(draft)),
            Route("/api/authors", reader(authors)),
            Route("/api/ballots", reader(ballots)),
            Route("/api/card", reader(card)),
            Route("/api/changes", reader(changes)),
            Route("/api/comment", doer("web.usage.comment", comment), methods=["POST"]),
            Route("/api/vote", doer("web.usage.vote", vote), methods=["POST"]),
            Route("/api/propose", doer("web.usage.propose", propose), methods=["POST"]),
            Route("/api/decide", doer("web.usage.decide", decide), methods=["POST"]),
            Route(WEBHOOK_PATH, webhook, methods=["POST"]),
            Route("/metrics", metrics_endpoint(application)),
        ]
    )


def _safe_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
