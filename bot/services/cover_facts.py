"""/meta: the cover's facts (English title, ICS, CCS, the standard replaced, 提出 and 归口 bodies),
kept in the repository's metadata so that the repository alone makes the cover."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.domain.cover_facts import BadFact, Field, parse_fact
from bot.domain.roles import Action
from bot.services.draft_io import read_meta, write_meta
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from drafts.meta import Meta


async def current(ws: Workspace) -> Meta:
    return await read_meta(ws, ws.require_project())


async def set_fact(ws: Workspace, field: Field, value: str) -> Meta:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    try:
        changes: dict[str, Any] = parse_fact(field, value)  # Meta attributes: strings
    except BadFact as bad:
        raise Refused(bad.reason, field=field.name, limit=field.limit) from None
    meta = await read_meta(ws, project)
    updated = replace(meta, **changes)
    if updated != meta:
        await write_meta(ws, project, lambda now: replace(now, **changes), f"Cover: {field.name}")
    return updated
