"""Projects bound to chats, their working group, status card and the chat's language."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute

from bot.domain.projects import NewProject
from bot.domain.roles import Action, Role
from bot.domain.stages import Stage
from bot.i18n import Msg, msg
from bot.services.draft_io import create_repository, new_repository_key, write_meta
from bot.services.errors import Refused
from bot.services.people import chairs_of, find_unit
from bot.services.workspace import Workspace
from drafts.meta import UnitRef
from drafts.mirror import Lag
from storage.models import ChatSetting, Person, Project, Unit, WorkingGroupMember


@dataclass(frozen=True)
class ProjectCard:
    project: Project
    drafter: Unit | None
    working_group: list[Unit]
    chairs: list[Person]
    next_steps: list[Msg]
    # For the chairs and the secretariat where repositories are mirrored: None when the mirror
    # has every write, else how far behind it is.
    mirror: Lag | None = None
    mirrored: bool = False


async def create_project(ws: Workspace, new: NewProject) -> Project:
    ws.require(Action.ADMINISTER)
    ws.require_group()
    if ws.project is not None:
        raise Refused("project.chat_taken", code=ws.project.code)
    if await ws.session.scalar(select(Project.id).where(Project.code == new.code)) is not None:
        raise Refused("project.code_taken", code=new.code)
    project = Project(
        code=new.code,
        title=new.title,
        chat_id=ws.place.chat_id,
        thread_id=ws.place.thread_id,
        stage=Stage.PROPOSAL.value,
        repository=new_repository_key(),
        policy="review",
        contribution_seq=0,
        created_by=ws.caller.user_id,
        created_at=ws.now,
    )
    ws.session.add(project)
    await ws.session.flush()
    await create_repository(ws, project)
    ws.project = project
    return project


async def project_card(ws: Workspace) -> ProjectCard:
    ws.require(Action.READ)
    project = ws.require_project()
    drafter = (
        await ws.session.get(Unit, project.drafter_unit_id) if project.drafter_unit_id else None
    )
    chairs = await chairs_of(ws, project.id)
    mirror = ws.drafts.mirror
    mirrored = mirror is not None and bool(ws.roles & {Role.CHAIR, Role.SECRETARIAT})
    return ProjectCard(
        project,
        drafter,
        await working_group(ws),
        chairs,
        _next_steps(project, drafter, chairs),
        mirror.lag(project.repository) if mirror is not None and mirrored else None,
        mirrored,
    )


async def working_group(ws: Workspace) -> list[Unit]:
    project = ws.require_project()
    result = await ws.session.scalars(
        select(Unit)
        .join(WorkingGroupMember, WorkingGroupMember.unit_id == Unit.id)
        .where(WorkingGroupMember.project_id == project.id)
        .order_by(WorkingGroupMember.added_at, Unit.id)
    )
    return list(result.all())


async def add_to_working_group(ws: Workspace, unit_text: str) -> Unit:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    unit = await find_unit(ws, unit_text)
    if not await enrol(ws, project, unit, "added"):
        raise Refused("wg.already", unit=unit.label())
    return unit


async def remove_from_working_group(ws: Workspace, unit_text: str) -> Unit:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    unit = await find_unit(ws, unit_text)
    if project.drafter_unit_id == unit.id:
        raise Refused("wg.drafter_stays", unit=unit.label())
    member = await ws.session.get(WorkingGroupMember, (project.id, unit.id))
    if member is None:
        raise Refused("wg.not_member", unit=unit.label())
    await ws.session.delete(member)
    await ws.session.flush()
    await _record_working_group(ws, project)
    ws.in_working_group = ws.in_working_group and unit is not ws.unit
    return unit


async def enrol(
    ws: Workspace, project: Project, unit: Unit, source: str, *, record: bool = True
) -> bool:
    """Put a unit into the working group; False when it was there already. `record=False`: the
    caller commits the metadata itself (`working_group_refs`), in a commit of its own."""
    callers_own = project is ws.project and unit is ws.unit
    if callers_own and ws.in_working_group:  # known since the update began: no query
        return False
    if await ws.session.get(WorkingGroupMember, (project.id, unit.id)) is not None:
        return False
    ws.session.add(
        WorkingGroupMember(project_id=project.id, unit_id=unit.id, source=source, added_at=ws.now)
    )
    await ws.session.flush()
    if record:
        await _record_working_group(ws, project)
    ws.in_working_group = ws.in_working_group or callers_own
    return True


async def _record_working_group(ws: Workspace, project: Project) -> None:
    units = await working_group_refs(ws, project)
    await write_meta(ws, project, lambda meta: replace(meta, working_group=units), "Working group")


async def working_group_refs(ws: Workspace, project: Project) -> tuple[UnitRef, ...]:
    """The working group the database has, for the metadata: exports name its units from the
    repository."""
    members = await ws.session.scalars(
        select(Unit)
        .join(WorkingGroupMember, WorkingGroupMember.unit_id == Unit.id)
        .where(WorkingGroupMember.project_id == project.id)
        .order_by(WorkingGroupMember.added_at, Unit.id)
    )
    return tuple(UnitRef(u.id, u.name) for u in members.all())


async def take_number(ws: Workspace, project: Project, counter: InstrumentedAttribute[int]) -> int:
    """Atomically take a project's next number from `counter` (`#n`, `B<n>` …): an
    UPDATE … RETURNING, safe under concurrent requests on SQLite and PostgreSQL."""
    number = await ws.session.scalar(
        update(Project)
        .where(Project.id == project.id)
        .values({counter: counter + 1})
        .returning(counter)
    )
    assert number is not None
    return number


async def set_language(ws: Workspace, language: str) -> None:
    ws.require(Action.SET_LANGUAGE)
    setting = await ws.session.get(ChatSetting, ws.place.chat_id)
    if setting is None:
        ws.session.add(ChatSetting(chat_id=ws.place.chat_id, language=language))
    else:
        setting.language = language
    ws.lang = language


def _next_steps(project: Project, drafter: Unit | None, chairs: list[Person]) -> list[Msg]:
    if project.terminated_at is not None:
        return [msg("project.terminated", code=project.code)]
    steps = []
    if not chairs:
        steps.append(msg("next.appoint_chair"))
    if drafter is None:
        steps.append(msg("next.designate_drafter"))
    elif project.stage == Stage.FRAMEWORK:
        steps.append(msg("next.set_framework", unit=drafter.label()))
    elif project.stage == Stage.WORKING:
        steps.append(msg("next.contribute"))
    elif project.stage == Stage.REVIEW:
        steps.append(msg("next.review"))
    return steps
