"""The Prometheus endpoint, /metrics: the figures counted where they happen (storage/metrics.py), and
those read when asked — the outbox's depth and oldest message by chat, each mirror's lag.

It answers a direct connection from this host only: through the deployment's proxy (which sets
X-Forwarded-For), or from elsewhere, it is not found."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.context import App
from bot.outbox.rows import PENDING
from storage.metrics import MIRROR_LAG, OUTBOX_DEPTH, OUTBOX_OLDEST, REGISTRY
from storage.models import OutboxMessage

LOCAL = {"127.0.0.1", "::1"}
_WAITING = (
    select(OutboxMessage.chat_id, func.count(), func.min(OutboxMessage.created_at))
    .where(OutboxMessage.state == PENDING)
    .group_by(OutboxMessage.chat_id)
)


def metrics_endpoint(application: App) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        client = request.client.host if request.client else ""
        if client not in LOCAL or "x-forwarded-for" in request.headers:
            return Response(status_code=404)
        await _read_now(application)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return endpoint


def metrics_app(application: App) -> Starlette:
    """/metrics alone, for a bot that serves no reading view (MANUSCRIPT_METRICS_LISTEN)."""
    return Starlette(routes=[Route("/metrics", metrics_endpoint(application))])


async def _read_now(application: App) -> None:
    runtime = application.bot_data.runtime
    now = runtime.clock()
    async with runtime.db.session() as session:
        waiting = (await session.execute(_WAITING)).all()
    OUTBOX_DEPTH.clear()
    OUTBOX_OLDEST.clear()
    for chat_id, count, oldest in waiting:
        OUTBOX_DEPTH.labels(str(chat_id)).set(count)
        OUTBOX_OLDEST.labels(str(chat_id)).set(max(0.0, (now - oldest).total_seconds()))
    MIRROR_LAG.clear()
    mirror = runtime.drafts.mirror
    if mirror is not None:
        for path in sorted(mirror.root.glob("*.git")):
            key = path.name.removesuffix(".git")
            lag = mirror.lag(key)
            MIRROR_LAG.labels(key).set(
                0 if lag is None else (now - lag.behind_since).total_seconds()
            )
