"""Small parsers for command arguments shared by several commands."""

from __future__ import annotations

import re
from dataclasses import dataclass


class UsageError(Exception):
    """The command's arguments do not match its usage line; nothing is changed."""


def required(text: str) -> str:
    """The argument, stripped; a blank one is a usage error."""
    if not text.strip():
        raise UsageError()
    return text.strip()


def split_bars(text: str) -> list[str]:
    """Split `a | b | c` into stripped parts; an empty text gives no parts."""
    text = text.strip()
    if not text:
        return []
    return [part.strip() for part in text.split("|")]


@dataclass(frozen=True)
class UserRef:
    """A person named in a command: `@username` or a numeric Telegram user id."""

    username: str | None = None
    user_id: int | None = None

    def __str__(self) -> str:
        return f"@{self.username}" if self.username else str(self.user_id)


_USERNAME = re.compile(r"@([A-Za-z][A-Za-z0-9_]{3,31})")
_USER_ID = re.compile(r"[1-9][0-9]{0,15}")


def parse_user_ref(word: str) -> UserRef:
    if match := _USERNAME.fullmatch(word):
        return UserRef(username=match.group(1))
    if _USER_ID.fullmatch(word):
        return UserRef(user_id=int(word))
    raise UsageError()


def split_first(text: str) -> tuple[str, str]:
    """The first word and the rest (with its inner line breaks kept)."""
    parts = text.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""
