"""A Mini App's launch data, checked as Telegram prescribes for Web Apps: the fields of the raw
query string but `hash`, decoded, sorted and joined `key=value` by line breaks, signed with
HMAC-SHA256 under the key HMAC-SHA256("WebAppData", bot token); compared in constant time, and
refused when older than the deployment allows (a leaked link stops working)."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from urllib.parse import parse_qsl, urlencode


class Refusal(Enum):
    MISSING = "missing"  # no launch data at all
    FORGED = "forged"  # malformed, or the signature does not match
    STALE = "stale"  # signed longer ago than allowed


class NotSignedIn(Exception):
    def __init__(self, why: Refusal) -> None:
        super().__init__(why.value)
        self.why = why


@dataclass(frozen=True)
class Launch:
    user_id: int
    username: str | None
    full_name: str
    start_param: str
    signed_at: datetime


def check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def signature(fields: dict[str, str], token: str) -> str:
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check_string(fields).encode(), hashlib.sha256).hexdigest()


def verify(raw: str, token: str, now: datetime, max_age: timedelta) -> Launch:
    """The person and the start parameter of launch data `raw` (the query string as Telegram
    gave it); NotSignedIn says why not."""
    if not raw.strip():
        raise NotSignedIn(Refusal.MISSING)
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise NotSignedIn(Refusal.FORGED) from None
    fields = dict(pairs)
    given = fields.get("hash", "")
    if len(fields) != len(pairs) or not given:  # a repeated field is never Telegram's
        raise NotSignedIn(Refusal.FORGED)
    if not hmac.compare_digest(signature(fields, token), given.lower()):
        raise NotSignedIn(Refusal.FORGED)
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), now.tzinfo)
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError, OverflowError):
        raise NotSignedIn(Refusal.FORGED) from None
    if not timedelta(minutes=-5) <= now - signed_at <= max_age:  # a clock a little ahead is fine
        raise NotSignedIn(Refusal.STALE)
    name = " ".join(str(user.get(part) or "") for part in ("first_name", "last_name")).strip()
    return Launch(
        user_id,
        user.get("username") or None,
        name or str(user_id),
        fields.get("start_param", ""),
        signed_at,
    )


def signed_launch(token: str, user_id: int, first_name: str, start_param: str, at: datetime) -> str:
    """Launch data signed as Telegram signs it: what the demo hands its reader, playing Telegram."""
    fields = {
        "user": json.dumps(
            {"id": user_id, "first_name": first_name}, ensure_ascii=False, separators=(",", ":")
        ),
        "auth_date": str(int(at.timestamp())),
        "start_param": start_param,
    }
    return urlencode({**fields, "hash": signature(fields, token)})
