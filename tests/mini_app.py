"""Launch data as Telegram signs it for a Mini App, computed here from Telegram's published
algorithm (not by the code under test): the tests' independent vectors."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from urllib.parse import urlencode

from bot.simulator import User

TOKEN = "1:test"  # the offline Application's token


def launch_data(
    user: User,
    signed_at: datetime,
    project: str,
    token: str = TOKEN,
    **changed: str,
) -> str:
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(
            {"id": user.id, "first_name": user.name, "username": user.username},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        "auth_date": str(int(signed_at.timestamp())),
    }
    if project:  # a launch from the private chat's menu carries none
        fields["start_param"] = project
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    fields.update(changed)  # a field changed after signing
    return urlencode(fields)
