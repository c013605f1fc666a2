"""/comment, /resolve, /comments and /publish."""

from __future__ import annotations

from bot.domain.args import UsageError, required, split_bars, split_first
from bot.domain.comments import parse_comment, parse_resolution
from bot.domain.review import parse_opinion_ref
from bot.i18n import Msg, msg
from bot.services import comments, opinions, stages
from bot.services.workspace import Workspace
from handlers.answers import Merge, Reply
from handlers.base import command


@command("comment")
async def comment(ws: Workspace, args: str) -> Msg | Reply:
    if args.strip().lower() == "none":
        unit = await comments.no_comments(ws)
        return msg("comment.none_recorded", unit=unit.label())
    clause, reason, proposed = parse_comment(args)
    made = await comments.comment(ws, clause, reason, proposed)
    recorded = msg("comment.recorded", n=made.number, number=made.clause_number)
    return Reply([recorded], merge=Merge("comment", "C", made.number))


@command("resolve")
async def resolve(ws: Workspace, args: str) -> Msg:
    """`C<n>` a consultation comment, `O<n>` a review opinion."""
    word, rest = split_first(args)
    opinion = parse_opinion_ref(word)
    ref, disposition, note = parse_resolution(f"{opinion} {rest}" if opinion else args)
    shown = msg(f"disposition.{disposition}")
    if opinion:
        done = await opinions.resolve(ws, ref, disposition, note)
        return msg("opinion.resolved", n=done.number, disposition=shown)
    resolved = await comments.resolve(ws, ref, disposition, note)
    return msg("comment.resolved", n=resolved.number, disposition=shown)


@command("comments")
async def table(ws: Workspace, args: str) -> list[Msg]:
    word = args.strip().lower()
    if word not in {"", "open"}:
        raise UsageError()
    rows = await comments.table(ws, only_open=word == "open")
    if not rows:
        return [msg("comments.none")]
    lines = [msg("comments.header", count=len(rows))]
    for row in rows:
        c = row.comment
        lines.append(
            msg(
                "comments.row",
                n=c.number,
                number=c.clause_number,
                original=_short(c.original) or "—",
                proposed=c.proposed or "—",
                reason=c.reason,
                unit=row.unit.short(),
                disposition=disposition_line(c.disposition, c.note),
            )
        )
    return lines


@command("publish")
async def publish(ws: Workspace, args: str) -> Msg:
    parts = split_bars(required(args))
    if len(parts) > 2 or not parts[0]:  # `<number> [| <date>]`
        raise UsageError()
    done = await stages.publish(ws, *parts)
    return msg(
        "publish.done",
        code=ws.require_project().code,
        number=done.number,
        published=done.published_on.isoformat(),
        effective=done.effective_on.isoformat(),
        tag=done.tag or "—",
    )


def disposition_line(disposition: str | None, note: str | None) -> Msg:
    if disposition is None:
        return msg("disposition.open")
    return msg(
        "disposition.with_note", disposition=msg(f"disposition.{disposition}"), note=note or ""
    )


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


HANDLERS = [comment, resolve, table, publish]
