"""Ballots: motions, stage ballots and the framework drafter election.

One unit, one vote: a unit's latest vote before the close counts, and the record shows who cast
it. The electorate is a snapshot taken at opening. Closing is a compare-and-swap on the ballot's
status, so a deadline and a `/close` racing produce one result; a closed ballot never changes.
The full record is committed into the project's repository as `ballots/B<n>.json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.ballots import CHOICE_WORDS, Choice, Kind, Options
from bot.domain.ids import parse_id
from bot.domain.roles import Action
from bot.domain.stages import Stage
from bot.domain.voting import (
    ConditionResult,
    ElectionResult,
    Rule,
    RuleError,
    Tally,
    chat_order,
    elect,
    evaluate,
    parse_rule,
    web_order_after,
)
from bot.domain.when import InThePast, WhenError, parse_when
from bot.i18n import msg
from bot.services.draft_io import commit_record
from bot.services.errors import Refused
from bot.services.experts import seat_of_caller
from bot.services.outline import set_drafter
from bot.services.people import find_unit
from bot.services.projects import enrol, take_number, working_group
from bot.services.reminder_schedule import BALLOT, Target, place
from bot.services.stage_entry import enter
from bot.services.workspace import Workspace
from drafts.records import BallotRecord, ConditionRecord, Totals, VoteRecord
from drafts.vocabulary import BallotStatus
from storage.database import Database
from storage.models import (
    Ballot,
    BallotCandidate,
    BallotVoter,
    PendingNo,
    Person,
    ProcessedUpdate,
    Project,
    QueuedUpdate,
    Unit,
    UnitName,
    Vote,
)
from storage.upsert import replace_older_row

OPEN, CLOSED = BallotStatus
RECENT_CLOSED = 5


@dataclass(frozen=True)
class BallotView:
    ballot: Ballot
    rule: Rule
    eligible: list[UnitName]
    votes: dict[int, str]  # unit id -> that unit's choice (the record reads the rest)
    candidates: list[UnitName]
    tally: Tally
    conditions: list[ConditionResult]
    election: ElectionResult | None
    voter: UnitName | None = None  # whom the vote just cast was for (a unit, an expert's seat)

    @property
    def passed(self) -> bool:
        return all(result.holds for result in self.conditions)

    def unit(self, unit_id: int) -> UnitName | None:
        return next((u for u in [*self.eligible, *self.candidates] if u.id == unit_id), None)


async def open_motion(ws: Workspace, question: str, options: Options) -> BallotView:
    ws.require(Action.MANAGE_PROJECT)
    return await _open(ws, Kind.MOTION, question, options, await _working_group_voters(ws))


async def open_stage_ballot(ws: Workspace, target: Stage, options: Options) -> BallotView:
    """The ballot a stage transition needs; when it passes, the project enters `target`."""
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    already = await ws.session.scalar(
        select(Ballot.number).where(
            Ballot.project_id == project.id, Ballot.kind == Kind.STAGE.value, Ballot.status == OPEN
        )
    )
    if already is not None:
        raise Refused("ballot.stage_open", n=already)
    return await _open(ws, Kind.STAGE, "", options, await _working_group_voters(ws), target=target)


async def open_meeting_ballot(ws: Workspace, present: list[Unit], options: Options) -> BallotView:
    """A review meeting's vote: its electorate is the reviewing units present."""
    return await _open(ws, Kind.MEETING, "", options, present)


async def open_election(ws: Workspace, candidate_texts: list[str], options: Options) -> BallotView:
    ws.require(Action.MANAGE_PROJECT)
    project = ws.require_project()
    if project.stage not in (Stage.PROPOSAL, Stage.FRAMEWORK):
        raise Refused("election.too_late", stage=msg(f"stage.{project.stage}"))
    candidates = [await find_unit(ws, text) for text in candidate_texts]
    for unit in candidates:
        if unit.observer:
            raise Refused("drafter.observer", unit=unit.label())
    if len({unit.id for unit in candidates}) != len(candidates):
        raise Refused("election.repeated")
    if ws.settings.election_electorate == "alliance":
        voters = list(
            (
                await ws.session.scalars(
                    select(Unit)
                    .where(Unit.observer.is_(False), Unit.panel.is_(False))
                    .order_by(Unit.id)
                )
            ).all()
        )
    else:
        voters = await _working_group_voters(ws)
    return await _open(ws, Kind.ELECTION, "", options, voters, candidates=candidates)


async def cast(
    ws: Workspace, ballot_ref: int, choice_text: str, comment: str, seat: Unit | None = None
) -> BallotView:
    """A vote on `B<ballot_ref>`; with `seat`, the vote of that expert, recorded for them."""
    ballot = await numbered(ws, ballot_ref)
    if seat is not None and ballot.kind != Kind.MEETING:
        raise Refused("expert.vote_not_meeting", n=ballot.number)
    return await cast_on(ws, ballot, choice_text, comment, seat)


async def cast_on(
    ws: Workspace,
    ballot: Ballot,
    choice_text: str,
    comment: str,
    seat: Unit | None = None,
    order: int | None = None,
) -> BallotView:
    """`order` places the vote among the unit's others (by default the update's id)."""
    roll = await _roll(ws, ballot.id)  # read once: for the check, and for the view with this vote
    unit = _require_voter(ws, ballot, roll.eligible, seat or await _voting_unit(ws, ballot))
    choice = await _choice(ws, ballot, choice_text)
    if ballot.kind == Kind.STAGE and choice == Choice.NO and not comment.strip():
        raise Refused("vote.no_needs_comment", n=ballot.number)
    cast = await ws.session.execute(  # the unit's latest vote replaces its earlier one
        replace_older_row(ws.session, Vote.table(), "acted"),
        {
            "ballot_id": ballot.id,
            "unit_id": unit.id,
            "choice": choice,
            "comment": comment.strip() or None,
            "voter_id": ws.caller.user_id,
            "cast_at": ws.now,
            "acted": chat_order(ws.update_id) if order is None else order,
        },
    )
    if cast.rowcount == 0:  # type: ignore[attr-defined]
        await _later_stands(ws, ballot, unit)
    if ballot.kind == Kind.STAGE:  # only a stage ballot's "no" waits for its reason
        await ws.session.execute(
            delete(PendingNo).where(
                PendingNo.ballot_id == ballot.id, PendingNo.person_id == ws.caller.user_id
            )
        )
    if not unit.panel:  # an expert's seat never joins the working group
        await enrol(ws, ws.require_project(), unit, "activity")
    await ws.session.flush()
    roll.votes[unit.id] = choice
    return replace(
        await view(ws, ballot, roll), voter=UnitName(unit.id, unit.name, unit.short_name)
    )


async def web_order(ws: Workspace, ballot: Ballot) -> int:
    """Where a vote from the reading view stands in the order people acted: after every update
    Telegram delivered before it (handled or still queued), and after the unit's vote it
    replaces; before any update delivered after it."""
    unit = await _voting_unit(ws, ballot)
    handled, queued, standing = (
        await ws.session.execute(_ORDER, {"ballot": ballot.id, "unit": unit.id if unit else None})
    ).one()
    return web_order_after(max(handled or 0, queued or 0), standing)


# The last update delivered (handled, or stored and waiting) and the unit's standing vote, in
# one statement built once.
_ORDER = select(
    select(func.max(ProcessedUpdate.update_id)).scalar_subquery(),
    select(func.max(QueuedUpdate.update_id)).scalar_subquery(),
    select(Vote.acted)
    .where(Vote.ballot_id == bindparam("ballot"), Vote.unit_id == bindparam("unit"))
    .scalar_subquery(),
)


async def _later_stands(ws: Workspace, ballot: Ballot, unit: Unit) -> None:
    """A unit's latest vote counts, "latest" in the order its people acted — Telegram's update
    order — not the order the bot handled them in: a button press may be handled before a
    command sent earlier in the same chat. An earlier vote handled late changes nothing."""
    standing = await ws.session.scalar(
        select(Vote.choice).where(Vote.ballot_id == ballot.id, Vote.unit_id == unit.id)
    )
    assert standing is not None, "a vote that changed no row met a later one"
    if standing.startswith("u"):
        candidate = await ws.session.get(Unit, int(standing[1:]))
        choice: object = candidate.short() if candidate else standing
    else:
        choice = msg(f"choice.{standing}")
    raise Refused("vote.later_stands", unit=unit.short(), n=ballot.number, choice=choice)


async def ask_for_no_comment(ws: Workspace, ballot: Ballot) -> None:
    """A `no` button on a stage ballot: remember it; the vote counts when the comment arrives."""
    unit = _require_voter(ws, ballot, (await _roll(ws, ballot.id)).eligible, ws.unit)
    pending = await ws.session.get(PendingNo, (ballot.id, ws.caller.user_id))
    if pending is None:
        ws.session.add(
            PendingNo(
                ballot_id=ballot.id, person_id=ws.caller.user_id, unit_id=unit.id, asked_at=ws.now
            )
        )
    else:
        pending.asked_at = ws.now


async def remember_prompt(
    session: AsyncSession, ballot_id: int, person_id: int, chat_id: int, message_id: int
) -> None:
    await session.execute(
        update(PendingNo)
        .where(PendingNo.ballot_id == ballot_id, PendingNo.person_id == person_id)
        .values(prompt_chat_id=chat_id, prompt_message_id=message_id)
    )


async def answer_prompt(ws: Workspace, prompt_message_id: int, comment: str) -> BallotView | None:
    """A reply to the bot's "why not?" prompt: cast the `no` with that comment."""
    pending = await ws.session.scalar(
        select(PendingNo).where(
            PendingNo.person_id == ws.caller.user_id,
            PendingNo.prompt_chat_id == ws.place.chat_id,
            PendingNo.prompt_message_id == prompt_message_id,
        )
    )
    if pending is None:
        return None
    ballot = await ws.session.get_one(Ballot, pending.ballot_id)
    if not comment.strip():
        raise Refused("vote.no_needs_comment", n=ballot.number)
    return await cast_on(ws, ballot, Choice.NO.value, comment)


async def close(ws: Workspace, ballot_ref: int) -> BallotView:
    ws.require(Action.MANAGE_PROJECT)
    ballot = await numbered(ws, ballot_ref)
    closed = await close_ballot(ws, ballot, closed_by=ws.caller.user_id)
    if closed is None:
        raise Refused("ballot.closed", n=ballot.number)
    return closed


async def close_ballot(ws: Workspace, ballot: Ballot, closed_by: int | None) -> BallotView | None:
    """Close once: None when someone else closed it first. Applies the outcome and records it."""
    claimed = await ws.session.execute(
        update(Ballot)
        .where(Ballot.id == ballot.id, Ballot.status == OPEN)
        .values(status=CLOSED, closed_at=ws.now, closed_by=closed_by)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    await ws.session.refresh(ballot)
    result = await view(ws, ballot)
    winner = result.election.winner if result.election is not None else None
    if ballot.kind == Kind.ELECTION:
        ballot.outcome = "elected" if winner else "no_winner"
        ballot.winner_unit_id = winner
    else:
        ballot.outcome = "passed" if result.passed else "failed"
    await _record(ws, result)  # the ballot's end, then what it decided: the history's order
    if winner is not None and ws.require_project().drafter_unit_id != winner:
        await set_drafter(ws, await ws.session.get_one(Unit, winner))
    if ballot.kind == Kind.STAGE and result.passed and ballot.target_stage:
        await enter(ws, Stage(ballot.target_stage))
    return result


async def close_uncounted(ws: Workspace, outcome: str) -> list[int]:
    """Close every open ballot of the project without counting it (the project has ended), each
    recorded with that outcome; returns their numbers."""
    project = ws.require_project()
    numbers = []
    for ballot in (
        await ws.session.scalars(
            select(Ballot)
            .where(Ballot.project_id == project.id, Ballot.status == OPEN)
            .order_by(Ballot.number)
        )
    ).all():
        ballot.status, ballot.closed_at, ballot.closed_by = CLOSED, ws.now, ws.caller.user_id
        ballot.outcome = outcome
        await ws.session.flush()
        await _record(ws, await view(ws, ballot))
        numbers.append(ballot.number)
    return numbers


async def overdue(db: Database, now: datetime) -> list[tuple[int, int]]:
    """(ballot id, project id) of open ballots whose deadline has passed."""
    async with db.session() as session:
        rows = await session.execute(
            select(Ballot.id, Ballot.project_id).where(
                Ballot.status == OPEN, Ballot.closes_at.is_not(None), Ballot.closes_at <= now
            )
        )
        return [(ballot_id, project_id) for ballot_id, project_id in rows.all()]


async def close_if_due(ws: Workspace, ballot_id: int) -> BallotView | None:
    ballot = await ws.session.get(Ballot, ballot_id)
    if (
        ballot is None
        or ballot.status != OPEN
        or ballot.closes_at is None
        or ballot.closes_at > ws.now
    ):
        return None
    return await close_ballot(ws, ballot, closed_by=None)


async def list_ballots(ws: Workspace, recent_closed: int = RECENT_CLOSED) -> list[BallotView]:
    """The open ballots, then up to `recent_closed` of the latest closed ones."""
    ws.require(Action.READ)
    project = ws.require_project()
    open_ones = (
        await ws.session.scalars(
            select(Ballot)
            .where(Ballot.project_id == project.id, Ballot.status == OPEN)
            .order_by(Ballot.number)
        )
    ).all()
    recent: Sequence[Ballot] = ()
    if recent_closed:  # the reading view asks for none: no query for them
        recent = (
            await ws.session.scalars(
                select(Ballot)
                .where(Ballot.project_id == project.id, Ballot.status == CLOSED)
                .order_by(Ballot.closed_at.desc(), Ballot.number.desc())
                .limit(recent_closed)
            )
        ).all()
    return [await view(ws, ballot) for ballot in [*open_ones, *recent]]


async def by_id(ws: Workspace, ballot_id: int) -> Ballot | None:
    """A ballot of this chat's project (a button may carry any id)."""
    project = ws.require_project()
    ballot = await ws.session.get(Ballot, ballot_id)
    return ballot if ballot is not None and ballot.project_id == project.id else None


async def remember_message(session: AsyncSession, ballot_id: int, message_id: int) -> None:
    await session.execute(
        update(Ballot).where(Ballot.id == ballot_id).values(message_id=message_id)
    )


async def view(ws: Workspace, ballot: Ballot, roll: Roll | None = None) -> BallotView:
    """The ballot as it stands, read as plain rows: it is rebuilt after every vote. A vote
    passes the roll it read and updated, so its view costs no second read."""
    eligible, votes = roll if roll is not None else await _roll(ws, ballot.id)
    candidates = []
    if ballot.kind == Kind.ELECTION:  # only an election has candidates: spare every vote the query
        candidates = list(
            map(UnitName._make, await ws.session.execute(_CANDIDATES, {"ballot": ballot.id}))
        )
    rule = parse_rule(ballot.rule)
    choices = list(votes.values())
    tally = Tally(
        len(eligible),
        yes=choices.count(Choice.YES.value),
        no=choices.count(Choice.NO.value),
        abstain=choices.count(Choice.ABSTAIN.value),
    )
    election = None
    if ballot.kind == Kind.ELECTION:
        # A vote for a candidate takes part like a yes; only the quorum applies to elections.
        picks = [int(c[1:]) if c.startswith("u") else None for c in choices]
        election = elect(rule, len(eligible), picks)
        tally = Tally(len(eligible), yes=len(picks) - picks.count(None), abstain=picks.count(None))
    return BallotView(
        ballot, rule, eligible, votes, candidates, tally, evaluate(rule, tally), election
    )


class Roll(NamedTuple):
    eligible: list[UnitName]  # the electorate, in unit order
    votes: dict[int, str]  # unit id -> that unit's choice


# Read with every vote, so built once (building a statement costs more than SQLite running it);
# the ballot is bound per use.
_ROLL = (
    select(Unit.id, Unit.name, Unit.short_name, Vote.choice)
    .join(BallotVoter, BallotVoter.unit_id == Unit.id)
    .outerjoin(Vote, and_(Vote.ballot_id == BallotVoter.ballot_id, Vote.unit_id == Unit.id))
    .where(BallotVoter.ballot_id == bindparam("ballot"))
    .order_by(Unit.id)
)
_CANDIDATES = (
    select(Unit.id, Unit.name, Unit.short_name)
    .join(BallotCandidate, BallotCandidate.unit_id == Unit.id)
    .where(BallotCandidate.ballot_id == bindparam("ballot"))
    .order_by(BallotCandidate.position)
)
_BALLOT = select(Ballot).where(
    Ballot.project_id == bindparam("project"), Ballot.number == bindparam("number")
)


async def _roll(ws: Workspace, ballot_id: int) -> Roll:
    """The electorate and the votes cast so far, in one read."""
    roll = Roll([], {})
    for unit_id, name, short_name, choice in await ws.session.execute(_ROLL, {"ballot": ballot_id}):
        roll.eligible.append(UnitName(unit_id, name, short_name))
        if choice is not None:
            roll.votes[unit_id] = choice
    return roll


async def _open(
    ws: Workspace,
    kind: Kind,
    question: str,
    options: Options,
    voters: list[Unit],
    *,
    candidates: list[Unit] | None = None,
    target: Stage | None = None,
) -> BallotView:
    project = ws.require_project()
    default = {
        Kind.MOTION: ws.settings.rule_motion,
        Kind.STAGE: ws.settings.rule_stage,
        Kind.ELECTION: ws.settings.rule_election,
        Kind.MEETING: "meeting",
    }[kind]
    try:
        rule = parse_rule(options.rule or default)
    except RuleError:
        raise Refused("ballot.bad_rule", rule=(options.rule or "")[:80]) from None
    closes_at = parse_deadline(ws, options.until) if options.until else None
    if not voters:
        raise Refused("ballot.no_electorate")
    number = await take_number(ws, project, Project.ballot_seq)
    ballot = Ballot(
        project_id=project.id,
        number=number,
        kind=kind.value,
        question=question,
        rule=rule.name,
        secret=options.secret,
        target_stage=target.value if target else None,
        status=OPEN,
        opened_by=ws.caller.user_id,
        opened_at=ws.now,
        closes_at=closes_at,
        chat_id=ws.place.chat_id,
        thread_id=ws.place.thread_id,
    )
    ws.session.add(ballot)
    await ws.session.flush()
    ws.session.add_all(BallotVoter(ballot_id=ballot.id, unit_id=unit.id) for unit in voters)
    ws.session.add_all(
        BallotCandidate(ballot_id=ballot.id, unit_id=unit.id, position=i)
        for i, unit in enumerate(candidates or [])
    )
    await ws.session.flush()
    if closes_at is not None:  # its reminders, to the units that have not voted
        await place(ws, Target(BALLOT, str(ballot.id), msg("target.ballot", n=number)), closes_at)
    return await view(ws, ballot)


def parse_deadline(ws: Workspace, text: str) -> datetime:
    try:
        return parse_when(text, ws.now, ws.settings.timezone)
    except InThePast:
        raise Refused("when.past", when=text[:40]) from None
    except WhenError:
        raise Refused("when.bad", when=text[:40]) from None


async def _working_group_voters(ws: Workspace) -> list[Unit]:
    return [unit for unit in await working_group(ws) if not unit.observer]


async def numbered(ws: Workspace, number: int) -> Ballot:
    """The project's ballot B<number>."""
    project = ws.require_project()
    ballot = await ws.session.scalar(_BALLOT, {"project": project.id, "number": number})
    if ballot is None:
        raise Refused("ballot.unknown", n=number)
    return ballot


async def _voting_unit(ws: Workspace, ballot: Ballot) -> Unit | None:
    """Whom the caller votes for: their unit, or in a panel's meeting vote their expert seat."""
    if ballot.kind == Kind.MEETING and ws.settings.review_body == "experts":
        return await seat_of_caller(ws)
    return ws.unit


def _require_voter(
    ws: Workspace, ballot: Ballot, electorate: list[UnitName], unit: Unit | None
) -> Unit:
    if unit is not None and unit.panel:
        ws.require_live()  # an expert votes whatever their role in the chat
    else:
        ws.require(Action.VOTE)
        ws.require_live()
    if unit is None:
        raise Refused("contribution.no_unit")
    if ballot.status != OPEN or (ballot.closes_at is not None and ballot.closes_at <= ws.now):
        raise Refused("ballot.closed", n=ballot.number)
    if not any(voter.id == unit.id for voter in electorate):
        raise Refused("vote.not_eligible", unit=unit.label(), n=ballot.number)
    return unit


async def _choice(ws: Workspace, ballot: Ballot, text: str) -> str:
    word = text.strip().lower()
    if ballot.kind != Kind.ELECTION:
        if word not in CHOICE_WORDS:
            raise Refused("vote.bad_choice", n=ballot.number)
        return CHOICE_WORDS[word].value
    if CHOICE_WORDS.get(word) == Choice.ABSTAIN:
        return Choice.ABSTAIN.value
    picked = parse_id(text.strip().removeprefix("u")) if text.strip().startswith("u") else None
    unit_id = picked if picked is not None else (await find_unit(ws, text)).id
    if await ws.session.get(BallotCandidate, (ballot.id, unit_id)) is None:
        raise Refused("vote.not_candidate", n=ballot.number)
    return f"u{unit_id}"


async def _record(ws: Workspace, result: BallotView) -> None:
    """Commit the ballot's full record (totals only for a secret ballot) into the repository."""
    ballot = result.ballot
    project = ws.require_project()
    votes = None
    if not ballot.secret:
        cast = await ws.session.execute(
            select(Vote, Person)
            .outerjoin(Person, Person.id == Vote.voter_id)
            .where(Vote.ballot_id == ballot.id)
            .order_by(Vote.unit_id)
        )
        votes = tuple(
            VoteRecord(
                unit=_unit_name(result, vote.unit_id),
                choice=_choice_name(result, vote.choice),
                comment=vote.comment,
                cast_by=person.display() if person else str(vote.voter_id),
                cast_at=vote.cast_at.isoformat(),
            )
            for vote, person in cast
        )
    tally = result.tally
    record = BallotRecord(
        ballot=f"B{ballot.number}",
        kind=ballot.kind,
        question=ballot.question,
        target_stage=ballot.target_stage,
        rule=ballot.rule,
        secret=ballot.secret,
        opened_at=ballot.opened_at.isoformat(),
        closes_at=ballot.closes_at.isoformat() if ballot.closes_at else None,
        closed_at=ballot.closed_at.isoformat() if ballot.closed_at else None,
        closed_by="deadline" if ballot.closed_by is None else ballot.closed_by,
        eligible=tuple(unit.name for unit in result.eligible),
        candidates=tuple(unit.name for unit in result.candidates),
        totals=Totals(tally.eligible, tally.yes, tally.no, tally.abstain, tally.cast),
        conditions=tuple(
            ConditionRecord(
                count=c.condition.count.value,
                op=c.condition.op.value,
                fraction=str(c.condition.fraction),
                base=c.condition.base.value,
                bound=c.bound,
                value=c.value,
                holds=c.holds,
            )
            for c in result.conditions
        ),
        outcome=ballot.outcome,
        winner=_unit_name(result, ballot.winner_unit_id) if ballot.winner_unit_id else None,
        election=None
        if result.election is None
        else {_unit_name(result, c): n for c, n in result.election.counts.items()},
        votes=votes,
    )
    await commit_record(
        ws, project, f"ballots/B{ballot.number}.json", record, f"B{ballot.number}: {ballot.outcome}"
    )


def _choice_name(result: BallotView, choice: str) -> str:
    if choice.startswith("u") and choice[1:].isdigit():
        return _unit_name(result, int(choice[1:]))
    return choice


def _unit_name(result: BallotView, unit_id: int) -> str:
    unit = result.unit(unit_id)
    return unit.name if unit else f"unit {unit_id}"
