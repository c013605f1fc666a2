"""Moving a project through its stages: one table of gates, a stage ballot where the
alliance's configuration asks for one (MANUSCRIPT_STAGE_BALLOTS), the patent gate before the review
ballot (MANUSCRIPT_PATENT_GATE), and publication."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select

from bot.domain.ballots import Kind, Options
from bot.domain.cover_facts import parse_day
from bot.domain.roles import Action
from bot.domain.stages import Stage, next_stage
from bot.i18n import Lines, msg
from bot.services import opinions
from bot.services.ballots import BallotView, open_stage_ballot, parse_deadline
from bot.services.checking import finding_msg, findings, note_findings
from bot.services.comments import unresolved
from bot.services.draft_io import read_meta, write_meta
from bot.services.errors import Refused
from bot.services.history import ClauseChange, changes_since
from bot.services.patents import missing_commitments
from bot.services.reminder_schedule import CONSULTATION_TARGET, place
from bot.services.review_meeting import in_review, latest_meeting, open_meeting
from bot.services.stage_entry import enter
from bot.services.workspace import Workspace
from drafts.checks import Finding
from drafts.meta import Meta, standard_number
from drafts.repository import DraftRepository
from drafts.vocabulary import Conclusion
from storage.models import Ballot, Meeting

NUMBER_LIMIT = 64


@dataclass(frozen=True)
class Advanced:
    stage: Stage
    tag: str | None
    until: datetime | None = None  # the end of the comment period, entering consultation
    findings: list[Finding] = field(default_factory=list)  # the draft check's, entering review


@dataclass(frozen=True)
class StageBallot:
    view: BallotView
    since: str | None  # the previous stage ballot's tag, when this one recirculates
    changes: list[ClauseChange]
    findings: list[Finding] = field(default_factory=list)  # as Advanced's


async def advance(ws: Workspace, options: Options) -> Advanced | StageBallot:
    """Enter the next stage, or open the stage ballot its entry needs; a refusal names what is
    missing."""
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    current = Stage(project.stage)
    target = next_stage(current)
    if current is Stage.PROPOSAL:
        raise Refused("advance.need_drafter")
    if target is None:
        raise Refused("advance.published")
    if target is Stage.PUBLISHED:
        raise Refused("advance.use_publish")
    until = await _check_gate(ws, target, options)
    found = await _draft_check(ws, target)
    if target is Stage.APPROVAL and await _meeting_passed(ws):
        if options.rule or options.until:
            raise Refused("advance.meeting_passed_no_ballot")
        return Advanced(target, await enter(ws, target), findings=found)
    if target.value in ws.settings.stage_ballots:
        rule = options.rule or ws.settings.stage_ballots[target.value]
        opened = await _stage_ballot(ws, target, replace(options, rule=rule))
        return replace(opened, findings=found)
    if options.rule or (options.until and target is not Stage.CONSULTATION):
        raise Refused("advance.no_ballot", stage=msg(f"stage.{target}"))
    tag = await enter(ws, target)
    if target is Stage.CONSULTATION:
        await place(ws, CONSULTATION_TARGET, until)  # the comment period, with its reminders
    return Advanced(target, tag, until, found)


@dataclass(frozen=True)
class Published:
    number: str
    published_on: date  # 发布: the day of /publish, in the alliance's time zone
    effective_on: date  # 实施: the day given, or the day of publication
    tag: str | None


async def publish(ws: Workspace, number: str, effective: str = "") -> Published:
    """The secretariat publishes a project in `approval` under its standard number; the 发布
    date is today, the 实施 date the one given (not before today) or today."""
    ws.require(Action.ADMINISTER)
    project = ws.require_project()
    if project.stage != Stage.APPROVAL:
        raise Refused("publish.not_approval", stage=msg(f"stage.{project.stage}"))
    number = standard_number(number)
    if not number or len(number) > NUMBER_LIMIT:
        raise Refused("publish.bad_number")
    today = ws.now.astimezone(ws.settings.timezone).date()
    try:
        effective_on = parse_day(effective) if effective.strip() else today
    except ValueError:
        raise Refused("publish.bad_date", text=effective.strip()[:20]) from None
    if effective_on < today:
        raise Refused("publish.effective_past", day=effective_on.isoformat())

    def dated(meta: Meta) -> Meta:
        return replace(
            meta,
            number=number,
            published_on=today.isoformat(),
            effective_on=effective_on.isoformat(),
        )

    await write_meta(ws, project, dated, f"Standard number: {number}")
    project.standard_number = number
    return Published(number, today, effective_on, await enter(ws, Stage.PUBLISHED))


async def review_letter(ws: Workspace, options: Options) -> StageBallot:
    """`/review letter`: the review by correspondence (函审) — the stage ballot to approval, under
    the stage rule (by default three-quarters: 回函率 ≥ 2/3, 3/4 of the returns agree)."""
    ws.require(Action.MANAGE_PROJECT)
    in_review(ws)
    if (meeting := await open_meeting(ws)) is not None:
        raise Refused("meeting.already", n=meeting.number)
    await _check_gate(ws, Stage.APPROVAL, options)
    rule = options.rule or ws.settings.stage_ballots.get(Stage.APPROVAL.value)
    return await _stage_ballot(ws, Stage.APPROVAL, replace(options, rule=rule))


async def _meeting_passed(ws: Workspace) -> bool:
    """The gate of a review held as a meeting: none open; the latest one's conclusion pass, or
    revise with every opinion resolved. False when the review goes by correspondence."""
    if (meeting := await open_meeting(ws)) is not None:
        raise Refused("advance.meeting_open", n=meeting.number)
    meeting = await latest_meeting(ws)
    if meeting is None or meeting.conclusion is None or meeting.conclusion is Conclusion.FAIL:
        return False
    if meeting.conclusion is Conclusion.REVISE:
        waiting = await opinions.unresolved(ws, meeting)
        if waiting:
            raise Refused("advance.opinions_open", opinions=[f"O{n}" for n in waiting])
    return not await _letter_since(ws, meeting)


async def _letter_since(ws: Workspace, meeting: Meeting) -> bool:
    """A review by correspondence opened after the meeting decides instead of it."""
    opened = await ws.session.scalar(
        select(Ballot.opened_at)
        .where(
            Ballot.project_id == meeting.project_id,
            Ballot.kind == Kind.STAGE.value,
            Ballot.target_stage == Stage.APPROVAL.value,
        )
        .order_by(Ballot.opened_at.desc())
        .limit(1)
    )
    return opened is not None and meeting.concluded_at is not None and opened > meeting.concluded_at


async def _check_gate(ws: Workspace, target: Stage, options: Options) -> datetime | None:
    project = ws.require_project()
    if target is Stage.WORKING and not (await read_meta(ws, project)).clauses:
        raise Refused("advance.need_framework")
    if target is Stage.CONSULTATION:
        if not options.until:
            raise Refused("advance.need_until")
        return parse_deadline(ws, options.until)
    if target is Stage.REVIEW:
        waiting = await unresolved(ws, project)
        if waiting:
            raise Refused("advance.comments_open", comments=[f"C{n}" for n in waiting])
    if target is Stage.APPROVAL and ws.settings.patent_gate:
        missing, _ = await missing_commitments(ws, project)
        if missing:
            raise Refused("advance.patents_missing", units=[u.label() for u in missing])
    return None


async def _draft_check(ws: Workspace, target: Stage) -> list[Finding]:
    """Going to review, the draft is checked; going to approval, the 编制说明 (its empty
    sections). The findings are listed, or block the move where the alliance says so
    (MANUSCRIPT_CHECK_BLOCKS)."""
    if target is Stage.REVIEW:
        found = await findings(ws, ws.require_project())
    elif target is Stage.APPROVAL:
        found = await note_findings(ws, ws.require_project())
    else:
        return []
    if found and target.value in ws.settings.check_blocks:
        raise Refused(
            "advance.findings_block",
            stage=msg(f"stage.{target}"),
            count=len(found),
            lines=Lines(finding_msg(f) for f in found),
        )
    return found


async def _stage_ballot(ws: Workspace, target: Stage, options: Options) -> StageBallot:
    """Open the stage ballot; tag the draft it votes on, and show what changed since the
    previous ballot on the same stage (recirculation)."""
    project = ws.require_project()
    previous = await ws.session.scalar(
        select(Ballot.number)
        .where(
            Ballot.project_id == project.id,
            Ballot.kind == Kind.STAGE.value,
            Ballot.target_stage == target.value,
        )
        .order_by(Ballot.number.desc())
        .limit(1)
    )
    view = await open_stage_ballot(ws, target, options)
    tag = f"ballot-B{view.ballot.number}"
    since = f"ballot-B{previous}" if previous else None
    label = f"B{view.ballot.number}: stage ballot on {target.value}"

    def tag_and_diff(repo: DraftRepository) -> list[ClauseChange]:
        repo.tag(tag, label, ws.now)
        return changes_since(repo, since) if since and since in repo.tags() else []

    return StageBallot(view, since, await ws.write(project, tag_and_diff))
