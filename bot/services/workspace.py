"""The unit of work of one update: a database session, who is asking, where, and in which project.

The update id is recorded in the same transaction as the update's effects, so a redelivered update
finds its id taken and has no second effect; a refused request rolls back everything but that mark.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar
from uuid import uuid4

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    ColumnExpressionArgument,
    Row,
    Select,
    and_,
    bindparam,
    exists,
    insert,
    literal,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.roles import Action, Role, is_allowed, roles_needed
from bot.outbox.rows import OutboxRow, enqueue
from bot.runtime import Runtime
from bot.services.errors import Denied, Refused
from bot.services.journal import Settled, Write, settle, settle_unsettled, take_back
from drafts.repository import DraftRepository
from drafts.store import DraftStore
from storage.models import (
    ChatSetting,
    Person,
    ProcessedUpdate,
    Project,
    RepositoryWrite,
    RoleGrant,
    Unit,
    WorkingGroupMember,
)

T = TypeVar("T")
log = logging.getLogger("manuscript.workspace")


@dataclass(frozen=True)
class Caller:
    user_id: int
    username: str | None
    full_name: str


@dataclass(frozen=True)
class Place:
    chat_id: int
    thread_id: int  # the forum topic, 0 when the chat has none
    private: bool


class DuplicateUpdate(Exception):
    """This update id was handled before."""


class UpdateFailed(Exception):
    """An update's work failed; `outcome` says what of it stands, for a truthful answer."""

    def __init__(self, outcome: Settled) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


@dataclass
class Workspace:
    update_id: int
    session: AsyncSession
    settings: Settings
    drafts: DraftStore
    now: datetime
    caller: Caller
    place: Place
    project: Project | None
    unit: Unit | None  # the unit the caller represents
    lang: str
    roles: frozenset[Role]
    quoted: str = ""  # text of the message the command replies to, if any
    replied_to: int = 0  # and that message's id
    bot_username: str = ""  # for links that open a private chat with the bot
    in_working_group: bool = False  # the caller's unit, in this chat's project: kept up by enrol
    writes: list[Write] = field(default_factory=list)  # repository writes not yet committed
    kept: bool = False  # part of the work was committed before its end (`checkpoint`)

    def allows(self, action: Action) -> bool:
        return is_allowed(self.roles, action)

    def require(self, action: Action) -> None:
        if not self.allows(action):
            raise Denied(roles_needed(action))

    def require_project(self) -> Project:
        if self.project is None:
            raise Refused("error.private_chat" if self.place.private else "error.no_project")
        return self.project

    def require_live(self) -> None:
        """Refuse a change to a project that has ended (/terminate)."""
        if self.project is not None and self.project.terminated_at is not None:
            raise Refused("project.terminated", code=self.project.code)

    def require_group(self) -> None:
        if self.place.private:
            raise Refused("error.group_only")

    async def write(self, project: Project, operation: Callable[[DraftRepository], T]) -> T:
        """A journaled write to the project's repository: signed with a new id, whose row
        commits with this update's effects (bot/services/journal.py)."""
        key = project.repository
        await settle_unsettled(self.session, self.drafts, key, self.now)
        if project.id is None:  # created by this update
            await self.session.flush()
        write_id = uuid4().hex
        self.writes.append((key, write_id))
        result = await self.drafts.write(key, operation, write_id)
        self.session.add(RepositoryWrite(id=write_id, project_id=project.id, made_at=self.now))
        return result

    async def checkpoint(self) -> None:
        """Commit the work so far (a proposal before its merge): it stands whatever follows."""
        await self.session.commit()
        self.writes.clear()
        self.kept = True

    async def discard(self, answer: Callable[[bool], Sequence[OutboxRow]]) -> None:
        """Undo the request's effects but keep the bookkeeping: who asked, and that it was
        answered — with the rows `answer` gives (its outbox messages), told whether every
        repository write of the request was taken back."""
        await self.session.rollback()
        undone = await take_back(self.drafts, self.writes[::-1], self.now)
        self.writes.clear()
        await mark_processed(self.session, self.update_id, self.now)
        await touch_person(self.session, self.caller, self.now, private=self.place.private)
        await enqueue(self.session, answer(undone))
        await self.session.commit()


@asynccontextmanager
async def open_workspace(
    runtime: Runtime, update_id: int, caller: Caller, place: Place
) -> AsyncIterator[Workspace]:
    """Yield the workspace of one update; the caller commits. Raises DuplicateUpdate."""
    now = runtime.clock()
    async with runtime.db.session() as session:
        if not await mark_processed(session, update_id, now):
            raise DuplicateUpdate(update_id)
        workspace = await _load(session, runtime, update_id, now, caller, place)
        workspace.bot_username = runtime.bot_username
        async with _settled(runtime, workspace):
            yield workspace


@asynccontextmanager
async def project_workspace(
    runtime: Runtime, update_id: int, caller: Caller, project_id: int
) -> AsyncIterator[Workspace | None]:
    """The workspace of an action in a project's group found by the project's id (the reading
    view's), or None when there is no such project; the caller commits. Raises DuplicateUpdate."""
    now = runtime.clock()
    async with runtime.db.session() as session:
        workspace = await _of_project(session, runtime, update_id, now, caller, project_id)
        if workspace is None:
            yield None
            return
        if not await mark_processed(session, update_id, now):
            raise DuplicateUpdate(update_id)
        await touch_person(session, caller, now, private=False)  # loaded above: no query
        workspace.bot_username = runtime.bot_username
        async with _settled(runtime, workspace):
            yield workspace


@asynccontextmanager
async def read_workspace(
    runtime: Runtime, caller: Caller, project_id: int
) -> AsyncIterator[Workspace | None]:
    """A workspace for reading one project (the reading view's pages), in the project's group,
    or None when there is no such project. Nothing is written, not even the caller's record:
    whatever the reading touched is rolled back."""
    async with runtime.db.session() as session:
        try:
            yield await _of_project(session, runtime, 0, runtime.clock(), caller, project_id)
        finally:
            await session.rollback()


async def _of_project(
    session: AsyncSession,
    runtime: Runtime,
    update_id: int,
    now: datetime,
    caller: Caller,
    project_id: int,
) -> Workspace | None:
    found = (
        await session.execute(_CONTEXT_OF_PROJECT, {"user": caller.user_id, "project": project_id})
    ).one()
    project = found.Project
    if project is None:
        return None
    place = Place(project.chat_id, project.thread_id, private=False)
    return _workspace(runtime, session, update_id, now, caller, place, found)


@asynccontextmanager
async def _settled(runtime: Runtime, ws: Workspace) -> AsyncIterator[None]:
    """When the work fails (its database commit included), its repository writes are taken
    back unless their database side committed after all; UpdateFailed says what stands."""
    try:
        yield
    except Exception as error:
        with suppress(Exception):  # a broken connection cannot even roll back: it is discarded
            await ws.session.rollback()
        outcome = await settle(runtime.db, runtime.drafts, ws.writes, ws.now)
        if ws.kept and outcome is Settled.NOTHING:
            outcome = Settled.KEPT
        log.warning("update %s failed; what stands: %s", ws.update_id, outcome.value)
        raise UpdateFailed(outcome) from error


# Scheduled work (a ballot closing at its deadline) acts as the bot, with the secretariat's authority.
SYSTEM = Caller(0, None, "manuscript-bot")


@asynccontextmanager
async def system_workspace(runtime: Runtime, project_id: int) -> AsyncIterator[Workspace]:
    """A workspace for work no person asked for just now; the caller commits."""
    async with runtime.db.session() as session:
        project = await session.get_one(Project, project_id)
        lang = await chat_language(session, project.chat_id)
        workspace = Workspace(
            0,
            session,
            runtime.settings,
            runtime.drafts,
            runtime.clock(),
            SYSTEM,
            Place(project.chat_id, project.thread_id, private=False),
            project,
            None,
            lang or runtime.settings.language,
            frozenset({Role.ANYONE, Role.SECRETARIAT}),
        )
        async with _settled(runtime, workspace):
            yield workspace


# Core, not a unit-of-work flush: it precedes every update.
_MARK = insert(ProcessedUpdate.table())


async def mark_processed(session: AsyncSession, update_id: int, now: datetime) -> bool:
    """Record the update id; False when it was recorded before."""
    try:
        await session.execute(_MARK, {"update_id": update_id, "handled_at": now})
    except IntegrityError:
        await session.rollback()
        return False
    return True


Context = Select[Project, Person, Unit, str | None, bool, bool, bool]


def _context(project: ColumnElement[bool], chat: ColumnExpressionArgument[int]) -> Context:
    """Everything about the caller and the place, in one statement: it precedes every update.
    Built once; the user and the place (`project` finds the project, `chat` the chat whose
    language counts) are bound per update."""
    user: BindParameter[int] = bindparam("user")
    granted = exists().where(RoleGrant.person_id == user)
    return (
        select(
            Project,
            Person,
            Unit,
            select(ChatSetting.language)
            .where(ChatSetting.chat_id == chat)
            .scalar_subquery()
            .label("lang"),
            granted.where(RoleGrant.role == Role.SECRETARIAT.value).label("secretariat"),
            granted.where(
                RoleGrant.role == Role.CHAIR.value, RoleGrant.project_id == Project.id
            ).label("chair"),
            exists()
            .where(
                WorkingGroupMember.project_id == Project.id,
                WorkingGroupMember.unit_id == Unit.id,
            )
            .label("in_working_group"),
        )
        .select_from(select(literal(1).label("one")).subquery())
        .outerjoin(Project, project)
        .outerjoin(Person, Person.id == user)
        .outerjoin(Unit, Unit.id == Person.unit_id)
    )


_CHAT: BindParameter[int] = bindparam("chat")
# An update's: the project of its chat and topic.
_CONTEXT = _context(and_(Project.chat_id == _CHAT, Project.thread_id == bindparam("thread")), _CHAT)
# The reading view's: a project by its id, in its own group.
_CONTEXT_OF_PROJECT = _context(Project.id == bindparam("project"), Project.chat_id)


async def _load(
    session: AsyncSession,
    runtime: Runtime,
    update_id: int,
    now: datetime,
    caller: Caller,
    place: Place,
) -> Workspace:
    found = (
        await session.execute(
            _CONTEXT,
            {"user": caller.user_id, "chat": place.chat_id, "thread": place.thread_id},
        )
    ).one()
    await touch_person(session, caller, now, private=place.private)  # loaded above: no query
    return _workspace(runtime, session, update_id, now, caller, place, found)


def _workspace(
    runtime: Runtime,
    session: AsyncSession,
    update_id: int,
    now: datetime,
    caller: Caller,
    place: Place,
    found: Row[Project, Person, Unit, str | None, bool, bool, bool],
) -> Workspace:
    settings = runtime.settings
    project, _person, unit, lang, secretariat, chair, in_working_group = found
    roles: set[Role] = {Role.ANYONE}
    if place.private:
        roles.add(Role.SELF)
    if caller.user_id in settings.secretariat or secretariat:
        roles.add(Role.SECRETARIAT)
    if chair:
        roles.add(Role.CHAIR)
    if unit is not None:
        roles.add(Role.OBSERVER if unit.observer else Role.MEMBER)
        if project is not None and project.drafter_unit_id == unit.id:
            roles.add(Role.DRAFTER)
    return Workspace(
        update_id,
        session,
        settings,
        runtime.drafts,
        now,
        caller,
        place,
        project,
        unit,
        lang or settings.language,
        frozenset(roles),
        in_working_group=in_working_group,
    )


async def touch_person(
    session: AsyncSession, caller: Caller, now: datetime, *, private: bool
) -> Person:
    """Create or refresh the caller's record; a private chat means the bot may DM them."""
    person = await session.get(Person, caller.user_id)
    if person is None:
        person = Person(id=caller.user_id, first_seen=now, dm_open=False, full_name="")
        session.add(person)
    # Only what changed is set: an untouched record costs the commit nothing.
    if person.username != caller.username:
        person.username = caller.username
    if person.full_name != caller.full_name:
        person.full_name = caller.full_name
    if private and not person.dm_open:
        person.dm_open = True
    return person


async def chat_language(session: AsyncSession, chat_id: int) -> str | None:
    """The language set for a chat with /lang, if any."""
    return await session.scalar(select(ChatSetting.language).where(ChatSetting.chat_id == chat_id))
