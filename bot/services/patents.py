"""Patent licensing commitments.

A declaration belongs to (project, unit) and is never edited: a new one supersedes the previous,
and the history stays. A declaration that weakens an earlier one, and every `refuse`, is flagged
to the chair. Each declaration is written to `patents/u<unit id>.json` by a commit authored by
the declarant. The gate asks whether every voting unit of the working group has a commitment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bot.domain.patents import Declaration, Mode, weakens
from bot.domain.roles import Action
from bot.domain.stages import Stage
from bot.services.draft_io import commit_record
from bot.services.errors import Refused
from bot.services.people import chairs_of
from bot.services.projects import enrol, working_group
from bot.services.workspace import Workspace
from drafts.records import DeclarationRecord, PatentRecord
from storage.models import (
    DeclaredPatent,
    PatentDeclaration,
    Person,
    Project,
    Unit,
    WorkingGroupMember,
)


@dataclass(frozen=True)
class Recorded:
    project: Project
    unit: Unit
    declaration: PatentDeclaration
    patents: list[DeclaredPatent]
    previous: PatentDeclaration | None
    chairs: list[Person]

    @property
    def flagged(self) -> bool:
        return self.declaration.weakened or self.declaration.mode == Mode.REFUSE

    known_clauses: dict[str, str]  # patent number -> clauses named in any declaration of the unit

    @property
    def clauses(self) -> list[str]:
        """The clauses the declared patents concern (a one-line form names none: then those
        named for the same patent in the unit's earlier declarations)."""
        found: list[str] = []
        for patent in self.patents:
            named = patent.clauses or self.known_clauses.get(patent.number, "")
            found += [c for c in named.split() if c not in found]
        return found


@dataclass(frozen=True)
class Entry:
    unit: Unit
    declaration: PatentDeclaration
    declarant: Person
    patents: list[DeclaredPatent]


@dataclass(frozen=True)
class Register:
    entries: list[Entry]
    missing: list[Unit]  # voting units of the working group without a commitment
    observers_missing: list[Unit]  # asked, not required


async def declare(ws: Workspace, project: Project, declaration: Declaration) -> Recorded:
    ws.require(Action.DECLARE_PATENTS)
    unit = ws.unit
    if unit is None:
        raise Refused("contribution.no_unit")
    if project.stage == Stage.PUBLISHED:
        raise Refused("patent.published")
    if unit.observer and await ws.session.get(WorkingGroupMember, (project.id, unit.id)) is None:
        raise Refused("patent.observer_outside", unit=unit.label(), code=project.code)
    previous = await _latest(ws, project.id, unit.id)
    previous_mode = Mode(previous.mode) if previous and previous.mode else None
    row = PatentDeclaration(
        project_id=project.id,
        unit_id=unit.id,
        declarant_id=ws.caller.user_id,
        declared_at=ws.now,
        mode=declaration.mode.value if declaration.mode else None,
        pool=declaration.pool,
        supersedes_id=previous.id if previous else None,
        weakened=weakens(previous_mode, declaration.mode),
    )
    ws.session.add(row)
    await ws.session.flush()
    patents = [
        DeclaredPatent(
            declaration_id=row.id,
            position=index,
            number=p.number,
            title=p.title,
            jurisdiction=p.jurisdiction,
            clauses=" ".join(p.clauses),
            status=p.status,
        )
        for index, p in enumerate(declaration.patents)
    ]
    ws.session.add_all(patents)
    await enrol(ws, project, unit, "activity")
    await _write(ws, project, unit, row, patents)
    known = await ws.session.execute(
        select(DeclaredPatent.number, DeclaredPatent.clauses)
        .join(PatentDeclaration, PatentDeclaration.id == DeclaredPatent.declaration_id)
        .where(PatentDeclaration.project_id == project.id, PatentDeclaration.unit_id == unit.id)
        .where(DeclaredPatent.clauses != "")
        .order_by(PatentDeclaration.id)
    )
    known_clauses = {number: clauses for number, clauses in known.all()}
    return Recorded(
        project, unit, row, patents, previous, await chairs_of(ws, project.id), known_clauses
    )


async def register(ws: Workspace) -> Register:
    ws.require(Action.READ)
    project = ws.require_project()
    current = await current_declarations(ws, project.id)
    people = {
        p.id: p
        for p in (
            await ws.session.scalars(
                select(Person).where(Person.id.in_([d.declarant_id for d in current.values()]))
            )
        ).all()
    }
    units = {
        u.id: u
        for u in (await ws.session.scalars(select(Unit).where(Unit.id.in_(list(current))))).all()
    }
    entries = [
        Entry(
            units[unit_id],
            declaration,
            people[declaration.declarant_id],
            await _patents_of(ws, declaration.id),
        )
        for unit_id, declaration in sorted(current.items())
    ]
    missing, observers = await missing_commitments(ws, project)
    return Register(entries, missing, observers)


async def missing_commitments(ws: Workspace, project: Project) -> tuple[list[Unit], list[Unit]]:
    """The gate: voting units of the working group without a commitment (and observers asked)."""
    declared = set(await current_declarations(ws, project.id))
    waiting = [unit for unit in await working_group(ws) if unit.id not in declared]
    return [u for u in waiting if not u.observer], [u for u in waiting if u.observer]


async def current_declarations(ws: Workspace, project_id: int) -> dict[int, PatentDeclaration]:
    """unit id -> that unit's latest declaration in the project."""
    latest = (
        select(PatentDeclaration.unit_id, func.max(PatentDeclaration.id).label("latest"))
        .where(PatentDeclaration.project_id == project_id)
        .group_by(PatentDeclaration.unit_id)
        .subquery()
    )
    rows = await ws.session.scalars(
        select(PatentDeclaration).join(latest, PatentDeclaration.id == latest.c.latest)
    )
    return {row.unit_id: row for row in rows.all()}


async def projects_of_unit(ws: Workspace) -> list[Project]:
    """Where the caller's unit may declare: its working groups (a voting unit: any active project)."""
    unit = ws.unit
    if unit is None:
        raise Refused("contribution.no_unit")
    active = Project.stage != Stage.PUBLISHED.value
    joined = list(
        (
            await ws.session.scalars(
                select(Project)
                .join(WorkingGroupMember, WorkingGroupMember.project_id == Project.id)
                .where(WorkingGroupMember.unit_id == unit.id, active)
                .order_by(Project.id)
            )
        ).all()
    )
    if joined or unit.observer:
        return joined
    return list(
        (await ws.session.scalars(select(Project).where(active).order_by(Project.id))).all()
    )


async def _latest(ws: Workspace, project_id: int, unit_id: int) -> PatentDeclaration | None:
    return await ws.session.scalar(
        select(PatentDeclaration)
        .where(PatentDeclaration.project_id == project_id, PatentDeclaration.unit_id == unit_id)
        .order_by(PatentDeclaration.id.desc())
        .limit(1)
    )


async def _patents_of(ws: Workspace, declaration_id: int) -> list[DeclaredPatent]:
    rows = await ws.session.scalars(
        select(DeclaredPatent)
        .where(DeclaredPatent.declaration_id == declaration_id)
        .order_by(DeclaredPatent.position)
    )
    return list(rows.all())


async def _write(
    ws: Workspace,
    project: Project,
    unit: Unit,
    row: PatentDeclaration,
    patents: list[DeclaredPatent],
) -> None:
    record = DeclarationRecord(
        unit=unit.name,
        declarant=ws.caller.full_name,
        declared_at=row.declared_at.isoformat(),
        essential_patents=row.mode is not None,
        mode=row.mode,
        pool=row.pool,
        weakens_previous=row.weakened,
        patents=tuple(
            PatentRecord(p.number, p.title, p.jurisdiction, tuple(p.clauses.split()), p.status)
            for p in patents
        ),
    )
    subject = f"Patent commitment of {unit.name}: {row.mode or 'none known'}"
    await commit_record(ws, project, f"patents/u{unit.id:04d}.json", record, subject)
