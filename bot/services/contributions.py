"""Contributions: proposing text for a clause, accepting, rejecting, withdrawing.

Accepting writes exactly one commit whose author is the contributing representative and unit,
and whose message names `#n` and the clause (with a `Contribution: n` trailer that start-up
reconciliation reads). The commit is written before the database records the acceptance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contributions import (
    NOTE_STAGES,
    OPEN_STAGES,
    TEXT_LIMIT,
    Kind,
    Status,
    apply,
    clean,
    diff_lines,
)
from bot.domain.roles import Action
from bot.i18n import msg
from bot.services.draft_io import find_clause, person_identity, read_meta, write_meta
from bot.services.errors import Refused
from bot.services.projects import enrol, take_number
from bot.services.workspace import Workspace
from drafts.elements import Figure, parse, ragged_rows
from drafts.meta import Clause, clause_path
from drafts.notes import NUMERALS, section_heading, section_path
from drafts.numbering import heading
from drafts.repository import DraftRepository
from storage.models import Contribution, Person, Project, Unit

POLICIES = ("review", "open")
TRAILER = "Contribution"
NOTE = "编制说明"


@dataclass(frozen=True)
class Target:
    """Where a proposal's text goes: a clause of the standard or a section of the 编制说明."""

    clause_id: str
    number: str
    heading: str  # as the chat shows it
    label: str  # as the commit's subject names it
    path: str
    note_section: int | None = None


def clause_target(clause: Clause) -> Target:
    return Target(
        clause.id,
        clause.number,
        heading(clause.number, clause.title),
        f"{clause.number} {clause.title}",
        clause_path(clause.id),
    )


def note_target(section: int) -> Target:
    title = f"{NOTE} {section_heading(section)}"
    return Target(
        f"note-{section}", NUMERALS[section - 1], title, title, section_path(section), section
    )


@dataclass(frozen=True)
class Decision:
    contribution: Contribution
    target: Target
    diff: list[str]  # for an accepted replacement: what changed


async def propose(
    ws: Workspace,
    clause_text: str,
    text: str | Callable[[int], str],
    kind: Kind,
    picture: bytes | None = None,
) -> tuple[Contribution, Target]:
    """A proposal `#n` for a clause. `text` may depend on `n` (a figure's file is named by it);
    `picture` is a proposed figure's image, written to the repository when it is accepted."""
    ws.require(Action.CONTRIBUTE)
    project = ws.require_project()
    _require_stage(project, OPEN_STAGES)
    target = clause_target(find_clause(await read_meta(ws, project), clause_text))
    return await _propose(ws, project, target, text, kind, picture), target


async def propose_note(ws: Workspace, section: int, text: str, kind: Kind) -> Contribution:
    """A proposal `#n` of text for a section of the 编制说明, decided like a clause's."""
    ws.require(Action.CONTRIBUTE)
    project = ws.require_project()
    _require_stage(project, NOTE_STAGES)
    return await _propose(ws, project, note_target(section), text, kind, None)


async def _propose(
    ws: Workspace,
    project: Project,
    target: Target,
    text: str | Callable[[int], str],
    kind: Kind,
    picture: bytes | None,
) -> Contribution:
    if ws.unit is None:
        raise Refused("contribution.no_unit")
    number = await take_number(ws, project, Project.contribution_seq)
    body = clean(text(number) if callable(text) else text)
    if not body:
        raise Refused("contribution.empty")
    if len(body) > TEXT_LIMIT:
        raise Refused("contribution.too_long", limit=TEXT_LIMIT, length=len(body))
    if ragged := ragged_rows(body):
        raise Refused("contribution.ragged_table", rows=[str(row) for row in ragged])
    contribution = Contribution(
        project_id=project.id,
        number=number,
        clause_id=target.clause_id,
        clause_number=target.number,
        note_section=target.note_section,
        kind=kind,
        text=body,
        author_id=ws.caller.user_id,
        unit_id=ws.unit.id,
        status=Status.OPEN,
        created_at=ws.now,
        picture=picture,
    )
    ws.session.add(contribution)
    await ws.session.flush()  # its id goes on the buttons of the answer
    await enrol(ws, project, ws.unit, "activity")
    return contribution


async def merge_if_open_policy(ws: Workspace, contribution: Contribution) -> Decision | None:
    """Under the `open` policy a proposal is merged at once. The proposal is committed first,
    marked as pending its merge, so that a crash during the merge loses nothing: start-up
    reconciliation finishes it (`finish_merge`)."""
    project = ws.require_project()
    if project.policy != "open":
        return None
    contribution.merge_pending = True
    await ws.checkpoint()
    return await _merge(ws, project, contribution)


async def finish_merge(ws: Workspace, contribution_id: int) -> Decision:
    """The merge a crash interrupted (the proposal was accepted on arrival). A merge commit that
    reached the branch without its database side was taken back at start-up: merged now, once."""
    contribution = await ws.session.get_one(Contribution, contribution_id)
    return await _merge(ws, ws.require_project(), contribution)


async def accept(ws: Workspace, ref: int) -> Decision:
    ws.require(Action.DECIDE)
    project = ws.require_project()
    contribution = await _open_contribution(ws, project, ref)
    _require_stage(project, NOTE_STAGES if contribution.note_section else OPEN_STAGES)
    return await _merge(ws, project, contribution)


async def reject(ws: Workspace, ref: int, reason: str) -> Contribution:
    ws.require(Action.DECIDE)
    project = ws.require_project()
    contribution = await _open_contribution(ws, project, ref)
    _decide(ws, contribution, Status.REJECTED, reason=reason)
    return contribution


async def withdraw(ws: Workspace, ref: int) -> Contribution:
    ws.require(Action.CONTRIBUTE)
    project = ws.require_project()
    contribution = await _open_contribution(ws, project, ref)
    if contribution.author_id != ws.caller.user_id:
        raise Refused("contribution.not_yours", n=ref)
    _decide(ws, contribution, Status.WITHDRAWN)
    return contribution


async def by_id(ws: Workspace, contribution_id: int) -> Contribution | None:
    """A contribution of this chat's project (a button press may carry any id)."""
    project = ws.require_project()
    contribution = await ws.session.get(Contribution, contribution_id)
    return contribution if contribution and contribution.project_id == project.id else None


async def remember_message(
    session: AsyncSession, contribution_id: int, chat_id: int, message_id: int
) -> None:
    """Note where the proposal message is, so a later decision can update it."""
    await session.execute(
        update(Contribution)
        .where(Contribution.id == contribution_id)
        .values(chat_id=chat_id, message_id=message_id)
    )


async def set_policy(ws: Workspace, policy: str) -> None:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    if project.policy == policy:
        raise Refused("policy.same", policy=msg(f"policy.{policy}"))
    await write_meta(ws, project, lambda meta: replace(meta, policy=policy), f"Policy: {policy}")
    project.policy = policy


async def author_of(ws: Workspace, contribution: Contribution) -> tuple[Person, Unit]:
    person = await ws.session.get_one(Person, contribution.author_id)
    unit = await ws.session.get_one(Unit, contribution.unit_id)
    return person, unit


async def target_of(ws: Workspace, contribution: Contribution) -> Target:
    if contribution.note_section is not None:
        return note_target(contribution.note_section)
    meta = await read_meta(ws, ws.require_project())
    clause = next((c for c in meta.clauses if c.id == contribution.clause_id), None)
    if clause is None:  # the outline never loses a clause, so this is a broken repository
        raise RuntimeError(f"clause {contribution.clause_id} vanished from {meta.code}")
    return clause_target(clause)


async def _merge(ws: Workspace, project: Project, contribution: Contribution) -> Decision:
    target = await target_of(ws, contribution)
    person, unit = await author_of(ws, contribution)
    author = person_identity(person, unit)
    path = target.path
    kind = Kind(contribution.kind)
    message = (
        f"#{contribution.number} {target.label}: {kind.value}\n\n{TRAILER}: {contribution.number}\n"
    )
    pictures = await _pictures(ws, contribution)

    def commit(repo: DraftRepository) -> tuple[str, str | None]:
        seen: list[str] = []  # the target's text on the parent the commit was made on

        def changes(read: Callable[[str], str | None]) -> dict[str, str | bytes]:
            seen[:] = [read(path) or ""]  # again on a new head: another writer's change stays
            return {path: apply(seen[0], kind, contribution.text), **pictures}

        sha = repo.commit(changes, author=author, message=message, when=ws.now, allow_empty=True)
        return seen[0], sha

    before, sha = await ws.write(project, commit)
    _decide(ws, contribution, Status.ACCEPTED, sha=sha)
    return _decision(contribution, target, before, apply(before, kind, contribution.text))


async def _pictures(ws: Workspace, contribution: Contribution) -> dict[str, bytes]:
    """The figure file a proposal brings, by the path its text names (read only when merging:
    the picture may be megabytes)."""
    picture = await ws.session.scalar(
        select(Contribution.picture).where(Contribution.id == contribution.id)
    )
    if picture is None:
        return {}
    return {
        figure.path: picture for figure in parse(contribution.text) if isinstance(figure, Figure)
    }


def _decision(contribution: Contribution, target: Target, before: str, after: str) -> Decision:
    """An acceptance; a replacement shows what it changed."""
    replaced = contribution.kind == Kind.REPLACE.value
    return Decision(contribution, target, diff_lines(before, after) if replaced else [])


def _decide(
    ws: Workspace,
    contribution: Contribution,
    status: Status,
    *,
    reason: str | None = None,
    sha: str | None = None,
) -> None:
    contribution.status = status
    contribution.merge_pending = False
    contribution.reason = reason
    contribution.commit_sha = sha
    contribution.decided_by = ws.caller.user_id
    contribution.decided_at = ws.now


async def _open_contribution(ws: Workspace, project: Project, ref: int) -> Contribution:
    contribution = await ws.session.scalar(
        select(Contribution).where(
            Contribution.project_id == project.id, Contribution.number == ref
        )
    )
    if contribution is None:
        raise Refused("contribution.unknown", n=ref)
    if contribution.status != Status.OPEN:
        raise Refused("contribution.decided", n=ref, status=msg(f"status.{contribution.status}"))
    return contribution


def _require_stage(project: Project, stages: frozenset[str]) -> None:
    if project.stage not in stages:
        raise Refused("contribution.closed", stage=msg(f"stage.{project.stage}"))
