"""What the bot counts for Prometheus (the prometheus_client library): each figure where it happens,
read at /metrics (bot/web/metrics.py). Kept apart from the bot so that the draft's and the storage's
code may count too."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()  # the bot's own: a process's default figures stay out of it

UPDATES = Counter(
    "manuscript_updates_handled", "Telegram updates handled", ["kind"], registry=REGISTRY
)
UPDATE_SECONDS = Histogram(
    "manuscript_update_seconds",
    "Time to handle an update, its answer stored",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
RETRY_AFTER = Counter(
    "manuscript_telegram_retry_after", "429 answers met (Telegram asked to wait)", registry=REGISTRY
)
OUTBOX_DEPTH = Gauge(
    "manuscript_outbox_depth", "Messages waiting to be sent, by chat", ["chat"], registry=REGISTRY
)
OUTBOX_OLDEST = Gauge(
    "manuscript_outbox_oldest_seconds",
    "Age of the oldest message waiting to be sent, by chat",
    ["chat"],
    registry=REGISTRY,
)
MIRROR_LAG = Gauge(
    "manuscript_mirror_lag_seconds",
    "How long a repository's mirror has lacked its writes (0: it has them all)",
    ["repository"],
    registry=REGISTRY,
)
CONVERSIONS = Histogram(
    "manuscript_pdf_conversion_seconds",
    "LibreOffice conversions to PDF and their time",
    ["outcome"],
    buckets=(0.5, 1, 2, 3, 5, 10, 20, 60, 120),
    registry=REGISTRY,
)
