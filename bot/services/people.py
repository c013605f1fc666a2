"""Units, representatives and appointed roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from bot.domain.args import UserRef
from bot.domain.roles import Action, Role
from bot.domain.units import NewUnit
from bot.i18n import msg
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from storage.models import JoinRequest, JoinStatus, Person, RoleGrant, Unit

PENDING, APPROVED, DENIED = JoinStatus
GRANTABLE = (Role.SECRETARIAT, Role.CHAIR)


@dataclass(frozen=True)
class UnitListing:
    units: list[Unit]  # with representatives loaded
    pending: list[tuple[Person, Unit]]


async def add_unit(ws: Workspace, new: NewUnit) -> Unit:
    ws.require(Action.ADMINISTER)
    names = [new.name] + ([new.short_name] if new.short_name else [])
    for name in names:
        if await unit_named(ws, name) is not None:
            raise Refused("unit.exists", name=name)
    unit = Unit(
        name=new.name,
        short_name=new.short_name,
        kind=new.kind.value,
        observer=new.observer,
        created_at=ws.now,
    )
    ws.session.add(unit)
    await ws.session.flush()
    return unit


async def list_units(ws: Workspace) -> UnitListing:
    ws.require(Action.READ)
    units = (
        await ws.session.scalars(
            select(Unit)
            .where(Unit.panel.is_(False))
            .options(selectinload(Unit.representatives))
            .order_by(Unit.id)
        )
    ).all()
    pending = (
        await ws.session.execute(
            select(Person, Unit)
            .join(JoinRequest, JoinRequest.person_id == Person.id)
            .join(Unit, Unit.id == JoinRequest.unit_id)
            .where(JoinRequest.status == PENDING)
            .order_by(JoinRequest.id)
        )
    ).all()
    return UnitListing(list(units), [(person, unit) for person, unit in pending])


async def find_unit(ws: Workspace, text: str) -> Unit:
    unit = await unit_named(ws, text.strip())
    if unit is None or unit.panel:  # an expert's seat is no unit of the alliance
        raise Refused("error.unknown_unit", name=text.strip())
    return unit


async def request_join(ws: Workspace, unit_text: str) -> Unit:
    ws.require(Action.JOIN)
    unit = await find_unit(ws, unit_text)
    if ws.unit is not None and ws.unit.id == unit.id:
        raise Refused("join.already", unit=unit.label())
    pending = await _pending_request(ws, ws.caller.user_id)
    if pending is not None:
        pending.unit_id = unit.id  # the latest request replaces an undecided one
        pending.requested_at = ws.now
    else:
        ws.session.add(
            JoinRequest(
                person_id=ws.caller.user_id, unit_id=unit.id, status=PENDING, requested_at=ws.now
            )
        )
    return unit


async def decide_join(
    ws: Workspace, ref: UserRef, approve: bool, reason: str | None = None
) -> tuple[Person, Unit]:
    ws.require(Action.ADMINISTER)
    person = await find_person(ws, ref)
    request = await _pending_request(ws, person.id)
    if request is None:
        raise Refused("join.no_request", who=person.display())
    unit = await ws.session.get_one(Unit, request.unit_id)
    request.status = APPROVED if approve else DENIED
    request.decided_by = ws.caller.user_id
    request.decided_at = ws.now
    request.reason = reason or None
    if approve:
        person.unit_id = unit.id
    return person, unit


async def grant(ws: Workspace, ref: UserRef, role: Role) -> Person:
    project_id = _grant_scope(ws, role)
    person = await find_person(ws, ref)
    if await _grant_of(ws, person.id, role, project_id) is not None:
        raise Refused("grant.already", who=person.display(), role=msg(f"role.{role}"))
    ws.session.add(
        RoleGrant(
            person_id=person.id,
            role=role.value,
            project_id=project_id,
            granted_by=ws.caller.user_id,
            granted_at=ws.now,
        )
    )
    return person


async def revoke(ws: Workspace, ref: UserRef, role: Role) -> Person:
    project_id = _grant_scope(ws, role)
    person = await find_person(ws, ref)
    existing = await _grant_of(ws, person.id, role, project_id)
    if existing is None:
        key = "revoke.configured" if person.id in ws.settings.secretariat else "revoke.none"
        raise Refused(key, who=person.display(), role=msg(f"role.{role}"))
    await ws.session.delete(existing)
    return person


async def find_person(ws: Workspace, ref: UserRef) -> Person:
    if ref.user_id is not None:
        person = await ws.session.get(Person, ref.user_id)
    else:
        person = await ws.session.scalar(
            select(Person).where(func.lower(Person.username) == (ref.username or "").lower())
        )
    if person is None:
        raise Refused("error.unknown_user", who=str(ref))
    return person


async def chairs_of(ws: Workspace, project_id: int) -> list[Person]:
    result = await ws.session.scalars(
        select(Person)
        .join(RoleGrant, RoleGrant.person_id == Person.id)
        .where(RoleGrant.role == Role.CHAIR.value, RoleGrant.project_id == project_id)
        .order_by(RoleGrant.id)
    )
    return list(result.all())


def _grant_scope(ws: Workspace, role: Role) -> int | None:
    """Secretariat is alliance-wide; a chair chairs the project of this chat."""
    ws.require(Action.ADMINISTER)
    if role == Role.CHAIR:
        return ws.require_project().id
    return None


async def _grant_of(
    ws: Workspace, person_id: int, role: Role, project_id: int | None
) -> RoleGrant | None:
    return await ws.session.scalar(
        select(RoleGrant).where(
            RoleGrant.person_id == person_id,
            RoleGrant.role == role.value,
            RoleGrant.project_id.is_(None)
            if project_id is None
            else RoleGrant.project_id == project_id,
        )
    )


async def unit_named(ws: Workspace, name: str) -> Unit | None:
    """A unit by its name or short name, in any case (an expert's seat too: names are unique)."""
    lowered = name.lower()
    return await ws.session.scalar(
        select(Unit).where(
            or_(func.lower(Unit.name) == lowered, func.lower(Unit.short_name) == lowered)
        )
    )


async def _pending_request(ws: Workspace, person_id: int) -> JoinRequest | None:
    return await ws.session.scalar(
        select(JoinRequest).where(JoinRequest.person_id == person_id, JoinRequest.status == PENDING)
    )
