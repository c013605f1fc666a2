"""/meta: the facts on the cover and in the 前言 that the text does not hold."""

from __future__ import annotations

from bot.domain.args import UsageError, split_first
from bot.domain.cover_facts import FIELDS
from bot.i18n import Msg, msg
from bot.services import cover_facts
from bot.services.workspace import Workspace
from drafts.meta import Meta
from handlers.base import command


@command("meta")
async def meta(ws: Workspace, args: str) -> list[Msg]:
    name, value = split_first(args)
    if not name:
        facts = await cover_facts.current(ws)
        return [msg("meta.header"), *(fact_line(facts, name) for name in FIELDS)]
    field = FIELDS.get(name.lower())
    if field is None or not value.strip():
        raise UsageError()
    return [msg("meta.set"), fact_line(await cover_facts.set_fact(ws, field, value), field.name)]


def fact_line(meta: Meta, name: str) -> Msg:
    value: str | Msg = getattr(meta, FIELDS[name].attribute)
    if name == "replaces" and meta.replaces_title:
        value = f"{meta.replaces}《{meta.replaces_title}》"
    if not value:
        bodies = name in ("proposer", "owner")
        value = msg("meta.default", body=meta.alliance) if bodies else msg("meta.unset")
    return msg(f"meta.line.{name}", value=value)


HANDLERS = [meta]
