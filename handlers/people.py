"""/unit, /units, /join, /approve, /deny, /grant, /revoke."""

from __future__ import annotations

from bot.domain.args import UsageError, UserRef, parse_user_ref, required, split_first
from bot.domain.roles import Role
from bot.domain.units import parse_new_unit
from bot.i18n import Msg, msg
from bot.services import people
from bot.services.workspace import Workspace
from handlers.base import command


@command("unit")
async def unit(ws: Workspace, args: str) -> Msg:
    verb, rest = split_first(args)
    if verb.lower() != "add":
        raise UsageError()
    added = await people.add_unit(ws, parse_new_unit(rest))
    return msg(
        "unit.added",
        unit=added.label(),
        kind=msg(f"kind.{added.kind}"),
        status=_status(added.observer),
        name=added.short_name or added.name,
    )


@command("units")
async def units(ws: Workspace, args: str) -> list[Msg]:
    listing = await people.list_units(ws)
    if not listing.units:
        return [msg("units.empty")]
    lines = [msg("units.header", count=len(listing.units))]
    for item in listing.units:
        reps: list[object] = [person.display() for person in item.representatives]
        reps = reps or [msg("none")]
        lines.append(
            msg(
                "units.line",
                unit=item.label(),
                kind=msg(f"kind.{item.kind}"),
                status=_status(item.observer),
                reps=reps,
            )
        )
    if listing.pending:
        lines.append(msg("units.pending.header"))
        lines += [
            msg(
                "units.pending.line",
                who=person.display(),
                ref=_ref(person.id, person.username),
                unit=u.label(),
            )
            for person, u in listing.pending
        ]
    return lines


@command("join")
async def join(ws: Workspace, args: str) -> Msg:
    requested = await people.request_join(ws, required(args))
    return msg(
        "join.requested",
        who=ws.caller.full_name,
        unit=requested.label(),
        ref=_ref(ws.caller.user_id, ws.caller.username),
    )


@command("approve")
async def approve(ws: Workspace, args: str) -> Msg:
    person, approved = await people.decide_join(ws, _single_ref(args), approve=True)
    return msg("join.approved", who=person.display(), unit=approved.label())


@command("deny")
async def deny(ws: Workspace, args: str) -> Msg:
    word, reason = split_first(args)
    person, denied = await people.decide_join(
        ws, parse_user_ref(word), approve=False, reason=reason
    )
    return msg("join.denied", who=person.display(), unit=denied.label(), reason=reason or "—")


@command("grant")
async def grant(ws: Workspace, args: str) -> Msg:
    ref, role = _ref_and_role(args)
    person = await people.grant(ws, ref, role)
    if role is Role.CHAIR:
        return msg("grant.chair", who=person.display(), code=ws.require_project().code)
    return msg("grant.secretariat", who=person.display())


@command("revoke")
async def revoke(ws: Workspace, args: str) -> Msg:
    ref, role = _ref_and_role(args)
    person = await people.revoke(ws, ref, role)
    return msg("revoke.done", who=person.display(), role=msg(f"role.{role}"))


def _ref_and_role(args: str) -> tuple[UserRef, Role]:
    words = args.split()
    if len(words) != 2 or words[1].lower() not in {role.value for role in people.GRANTABLE}:
        raise UsageError()
    return parse_user_ref(words[0]), Role(words[1].lower())


def _single_ref(args: str) -> UserRef:
    words = args.split()
    if len(words) != 1:
        raise UsageError()
    return parse_user_ref(words[0])


def _status(observer: bool) -> Msg:
    return msg("unit.status.observer" if observer else "unit.status.voting")


def _ref(user_id: int, username: str | None) -> str:
    return f"@{username}" if username else str(user_id)


HANDLERS = [unit, units, join, approve, deny, grant, revoke]
