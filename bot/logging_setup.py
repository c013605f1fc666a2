"""Logging that never shows the bot token (httpx logs request URLs, which carry it)."""

from __future__ import annotations

import logging


def redacted(text: str, secrets: list[str]) -> str:
    """`text` with each secret (the bot token) shown as `<token>`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    return text


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: list[str], fmt: str) -> None:
        super().__init__(fmt)
        self._secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        return redacted(super().format(record), self._secrets)


def configure_logging(token: str | None, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter([token or ""], "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Every poll would be logged at INFO with the token in its URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Alembic lists its plugins at every start; the migrations it runs stay visible.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
