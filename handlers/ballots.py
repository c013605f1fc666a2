"""/ballot, /elect, /vote, /close, /ballots, the vote buttons, the "why not?" prompt of a stage
ballot, and closing ballots at their deadlines (also those that fell due while the bot was down)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import Context
from bot.domain.args import UsageError, split_first
from bot.domain.ballots import (
    Choice,
    Kind,
    parse_ballot_ref,
    parse_election,
    parse_motion,
)
from bot.domain.ids import parse_id
from bot.domain.voting import Base, ConditionResult, Tally, evaluate
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.outbox.refs import ballot_ref, prompt_ref, shown_at
from bot.services import ballots
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from handlers.answers import MESSAGE_LIMIT, Button, Edit, Merge, Pressed, Reply, text_of
from handlers.base import NEW_MESSAGES, button, command, run
from handlers.reading import reading_buttons

CHOICE_KEYS = {"y": Choice.YES, "n": Choice.NO, "a": Choice.ABSTAIN}


@command("ballot")
async def ballot(ws: Workspace, args: str) -> Reply:
    question, options = parse_motion(args)
    return ballot_reply(ws, await ballots.open_motion(ws, question, options))


@command("elect")
async def elect(ws: Workspace, args: str) -> Reply:
    candidates, options = parse_election(args)
    return ballot_reply(ws, await ballots.open_election(ws, candidates, options))


@command("vote")
async def vote(ws: Workspace, args: str) -> Reply:
    ref_word, rest = split_first(args)
    choice, comment = split_first(rest)
    number = parse_ballot_ref(ref_word)
    if number is None or not choice:
        raise UsageError()
    view = await ballots.cast(ws, number, choice, comment)
    return await vote_reply(ws, view)


@command("close")
async def close(ws: Workspace, args: str) -> Reply:
    words = args.split()
    number = parse_ballot_ref(words[0]) if len(words) == 1 else None
    if number is None:
        raise UsageError()
    view = await ballots.close(ws, number)
    return Reply(result_lines(ws, view), edits=await ballot_edit(ws, view))


@command("ballots")
async def list_(ws: Workspace, args: str) -> list[Msg]:
    views = await ballots.list_ballots(ws)
    if not views:
        return [msg("ballots.none")]
    lines = []
    for view in views:
        status = (
            msg("ballots.open")
            if view.ballot.status == ballots.OPEN
            else msg(f"outcome.{view.ballot.outcome}")
        )
        lines.append(
            msg(
                "ballots.line",
                title=title(view),
                status=status,
                cast=view.tally.cast,
                eligible=view.tally.eligible,
            )
        )
    return lines


@button("v")
async def vote_button(ws: Workspace, data: str) -> Pressed:
    """`v:<ballot id>:y|n|a` or `v:<ballot id>:<candidate unit id>` — re-checked on arrival."""
    ballot_id, _, choice = data.partition(":")
    number = parse_id(ballot_id)
    found = await ballots.by_id(ws, number) if number is not None else None
    if found is None or not (choice in CHOICE_KEYS or parse_id(choice) is not None):
        raise Refused("button.stale")
    word = CHOICE_KEYS[choice].value if choice in CHOICE_KEYS else f"u{choice}"
    if found.kind == Kind.STAGE and word == Choice.NO.value:
        await ballots.ask_for_no_comment(ws, found)
        return Pressed(reply=_why_not_prompt(ws, found))
    view = await ballots.cast_on(ws, found, word, "")
    return Pressed(toast=recorded(ws, view), edits=await ballot_edit(ws, view))


async def _answer_prompt(ws: Workspace, args: str) -> list[Msg] | Reply:
    """A reply to one of the bot's messages: if it answers a "why not?" prompt, cast that `no`."""
    view = await ballots.answer_prompt(ws, ws.replied_to, args)
    if view is None:
        return []  # an ordinary reply in the conversation: not for the bot
    return await vote_reply(ws, view)


async def prompt_reply(update: Update, context: Context) -> None:
    message = update.effective_message
    await run(update, context, None, _answer_prompt, args=message.text if message else "")


def ballot_reply(ws: Workspace, view: ballots.BallotView, extra: Sequence[Msg] = ()) -> Reply:
    """The ballot message with its buttons (and, for a recirculated stage ballot, the diff)."""
    return Reply(
        [*ballot_lines(ws, view), *extra],
        buttons=_buttons(ws, view),
        remember=ballot_ref(view.ballot.id),
    )


def title(view: ballots.BallotView) -> Msg:
    b = view.ballot
    if b.kind == Kind.STAGE:
        return msg("ballot.title.stage", n=b.number, stage=msg(f"stage.{b.target_stage}"))
    if b.kind == Kind.ELECTION:
        return msg("ballot.title.election", n=b.number)
    if b.kind == Kind.MEETING:
        return msg("ballot.title.meeting", n=b.number)
    return msg("ballot.title.motion", n=b.number, question=b.question)


# Narrower and narrower unit names until the ballot fits one message: its live edits replace
# that one message, so it must never need a second (40 candidates with 100-character names).
NAME_WIDTHS = (None, 40, 16, 6)


def ballot_lines(ws: Workspace, view: ballots.BallotView) -> list[Msg]:
    """The ballot as one message: unit names shortened as far as that needs."""
    for width in NAME_WIDTHS:
        lines = _ballot_lines(ws, view, width)
        if len(text_of(ws.lang, lines)) <= MESSAGE_LIMIT:
            break
    return lines


def _cut(name: str, width: int | None) -> str:
    return name if width is None or len(name) <= width else name[: width - 1] + "…"


def _ballot_lines(ws: Workspace, view: ballots.BallotView, width: int | None) -> list[Msg]:
    b = view.ballot
    lines = [
        title(view),
        msg("ballot.rule", rule=b.rule, secret=msg("ballot.secret") if b.secret else ""),
    ]
    tz = ws.settings.timezone
    lines.append(
        msg("ballot.until", when=local(b.closes_at, tz))
        if b.closes_at
        else msg("ballot.no_deadline")
    )
    shown = view.tally if view.tally.cast else Tally(view.tally.eligible, yes=view.tally.eligible)
    needs = [
        _need(result)
        for result in evaluate(view.rule, shown)
        if b.kind != Kind.ELECTION or result.condition.is_quorum  # elections: plurality + quorum
    ]
    lines.append(
        msg("ballot.needs", needs=needs or "—", cast=view.tally.cast, eligible=view.tally.eligible)
    )
    if not b.secret:
        if b.kind == Kind.ELECTION and view.election is not None:
            lines += [
                msg(
                    "ballot.candidate",
                    unit=u.label() if width is None else _cut(u.short(), width),
                    votes=view.election.counts.get(u.id, 0),
                )
                for u in view.candidates
            ]
        else:
            lines.append(
                msg(
                    "ballot.counts",
                    yes=view.tally.yes,
                    no=view.tally.no,
                    abstain=view.tally.abstain,
                )
            )
    voted = [_cut(u.short(), width) for u in view.eligible if u.id in view.votes]
    waiting = [_cut(u.short(), width) for u in view.eligible if u.id not in view.votes]
    lines.append(msg("ballot.voted", units=voted or msg("none")))
    if b.status == ballots.OPEN:
        lines.append(msg("ballot.waiting", units=waiting or msg("none")))
    return lines


def result_lines(ws: Workspace, view: ballots.BallotView) -> list[Msg]:
    b = view.ballot
    t = view.tally
    lines = [msg(f"result.{b.outcome}", title=title(view))]
    if b.kind == Kind.ELECTION and view.election is not None:
        e = view.election
        if e.winner is not None:
            winner = view.unit(e.winner)
            lines.append(msg("result.winner", unit=winner.label() if winner else str(e.winner)))
        elif not e.quorum:
            lines.append(msg("result.no_quorum"))
        else:
            lines.append(msg("result.tie" if e.counts else "result.no_votes"))
        lines += [
            msg("ballot.candidate", unit=u.label(), votes=e.counts.get(u.id, 0))
            for u in view.candidates
        ]
        lines.append(
            msg("result.participation", cast=t.cast, eligible=t.eligible, abstain=t.abstain)
        )
        return lines
    lines.append(
        msg("result.tally", yes=t.yes, no=t.no, abstain=t.abstain, cast=t.cast, eligible=t.eligible)
    )
    lines += [_condition_line(t, result) for result in view.conditions]
    failed = [_need(result) for result in view.conditions if not result.holds]
    if failed:
        lines.append(msg("result.why", needs=failed))
    elif b.kind == Kind.STAGE and b.target_stage:
        lines.append(msg("result.entered", stage=msg(f"stage.{b.target_stage}")))
    return lines


def _need(result: ConditionResult) -> Msg:
    c = result.condition
    return msg(f"need.{c.count.value}.{'min' if c.is_floor else 'max'}", bound=result.bound)


def _condition_line(tally: Tally, result: ConditionResult) -> Msg:
    c = result.condition
    mark = "✓" if result.holds else "✗"
    if c.base is Base.ONE:
        return msg("result.condition.plain", need=_need(result), value=result.value, mark=mark)
    return msg(
        "result.condition",
        need=_need(result),
        value=result.value,
        fraction=str(c.fraction),
        base=msg(f"base.{c.base.value}"),
        base_value=tally.base(c.base),
        mark=mark,
    )


def _buttons(ws: Workspace, view: ballots.BallotView) -> list[Button]:
    """An open ballot's choices, and the reading view to read the draft before voting."""
    b = view.ballot
    if b.status != ballots.OPEN:
        return []
    reading = reading_buttons(ws, b.project_id)
    if b.kind == Kind.ELECTION:
        return [
            Button(msg("button.candidate", unit=u.short()), f"v:{b.id}:{u.id}")
            for u in view.candidates
        ] + [Button(msg("button.abstain"), f"v:{b.id}:a"), *reading]
    return [
        Button(msg("button.yes"), f"v:{b.id}:y"),
        Button(msg("button.no"), f"v:{b.id}:n"),
        Button(msg("button.abstain"), f"v:{b.id}:a"),
        *reading,
    ]


async def vote_reply(ws: Workspace, view: ballots.BallotView) -> Reply:
    """A vote's acknowledgement (merged with others waiting for a busy group) and its tally."""
    merge = Merge("vote", "B", view.ballot.number)
    return Reply([recorded(ws, view)], edits=await ballot_edit(ws, view), merge=merge)


def recorded(ws: Workspace, view: ballots.BallotView) -> Msg:
    voter = view.voter
    assert voter is not None, "a vote's view names whom it was cast for"
    cast = view.votes[voter.id]
    if cast.startswith("u"):
        unit = view.unit(int(cast[1:]))
        choice: Msg | str = unit.short() if unit else cast
    else:
        choice = msg(f"choice.{cast}")
    return msg("vote.recorded", unit=voter.short(), n=view.ballot.number, choice=choice)


async def ballot_edit(ws: Workspace, view: ballots.BallotView) -> list[Edit]:
    """The ballot message brought up to date: live while it is open, finally when it closes
    (a closed ballot has no buttons left)."""
    b = view.ballot
    ref = ballot_ref(b.id)
    shown = await shown_at(ws.session, ref, b.chat_id, b.message_id)
    if shown is None:
        return []
    live = b.status == ballots.OPEN
    return [Edit(*shown, ballot_lines(ws, view), _buttons(ws, view), live=live, of=ref)]


def _why_not_prompt(ws: Workspace, found: ballots.Ballot) -> Reply:
    return Reply(
        [msg("vote.why_not", who=ws.caller.full_name, n=found.number)],
        remember=prompt_ref(found.id, ws.caller.user_id),
        force_reply=True,
    )


HANDLERS = [ballot, elect, vote, close, list_, vote_button]
PROMPT_REPLIES = MessageHandler(
    NEW_MESSAGES & filters.ChatType.GROUPS & filters.REPLY & filters.TEXT & ~filters.COMMAND,
    prompt_reply,
)
