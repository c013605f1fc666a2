"""A project's expert panel (`MANUSCRIPT_REVIEW_BODY=experts`): `/expert add|remove`, `/experts`.

An expert need not use Telegram: the secretary records them present with `/attend`. One who does
(`@username`) answers the notice, checks in and votes in person. Each expert votes through a seat
of their own — a `panel` unit, never listed among the alliance's units — so the meeting's vote is a
ballot like any other. An expert of a drafting unit (a unit of the working group) does not vote
unless `MANUSCRIPT_REVIEW_DRAFTERS_VOTE` says so.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.domain.roles import Action
from bot.services.errors import Refused
from bot.services.people import unit_named
from bot.services.projects import working_group
from bot.services.workspace import Workspace
from drafts.vocabulary import UnitKind
from storage.models import Expert, Unit


async def add(
    ws: Workspace, name: str, affiliation: str, title: str, username: str | None
) -> Expert:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    if await expert_named(ws, name) is not None:
        raise Refused("expert.exists", name=name)
    seat_name = f"{name}（{affiliation}）"
    seat = await ws.session.scalar(select(Unit).where(Unit.name == seat_name))
    if seat is None:  # the same expert on another project's panel keeps one seat
        seat = Unit(name=seat_name, kind=UnitKind.OTHER, observer=False, panel=True,
                    created_at=ws.now)  # fmt: skip
        ws.session.add(seat)
        await ws.session.flush()
    affiliated = await unit_named(ws, affiliation)
    expert = Expert(
        project_id=project.id,
        seat_id=seat.id,
        name=name,
        affiliation=affiliation,
        title=title,
        username=username,
        unit_id=affiliated.id if affiliated is not None and not affiliated.panel else None,
        active=True,
        added_by=ws.caller.user_id,
        added_at=ws.now,
    )
    ws.session.add(expert)
    await ws.session.flush()
    return expert


async def remove(ws: Workspace, name: str) -> Expert:
    ws.require(Action.MANAGE_PROJECT)
    expert = await expert_named(ws, name)
    if expert is None:
        raise Refused("expert.unknown", name=name)
    expert.active = False
    return expert


async def panel(ws: Workspace) -> list[Expert]:
    """The project's experts, in the order they were added."""
    rows = await ws.session.scalars(
        select(Expert)
        .where(Expert.project_id == ws.require_project().id, Expert.active.is_(True))
        .order_by(Expert.id)
    )
    return list(rows.all())


async def voting_seats(ws: Workspace) -> list[Unit]:
    """The reviewing body of a panel: the seats of the experts who vote."""
    drafting = set()
    if not ws.settings.review_drafters_vote:
        drafting = {unit.id for unit in await working_group(ws)}
    seats = [e.seat_id for e in await panel(ws) if e.unit_id not in drafting]
    rows = await ws.session.scalars(select(Unit).where(Unit.id.in_(seats)))
    by_id = {unit.id: unit for unit in rows.all()}
    return [by_id[seat] for seat in seats]


async def seat_of_caller(ws: Workspace) -> Unit | None:
    """The seat of the expert the caller is, by their Telegram username."""
    expert = await expert_of_caller(ws)
    return await ws.session.get(Unit, expert.seat_id) if expert is not None else None


async def expert_of_caller(ws: Workspace) -> Expert | None:
    if not ws.caller.username:
        return None
    return await ws.session.scalar(
        select(Expert).where(
            Expert.project_id == ws.require_project().id,
            Expert.active.is_(True),
            func.lower(Expert.username) == ws.caller.username.lower(),
        )
    )


async def expert_named(ws: Workspace, name: str) -> Expert | None:
    return await ws.session.scalar(
        select(Expert).where(
            Expert.project_id == ws.require_project().id,
            Expert.active.is_(True),
            Expert.name == name,
        )
    )
