"""/contribute, /replace, /accept, /reject, /withdraw, /policy and the Accept / Reject buttons."""

from __future__ import annotations

import logging

from bot.domain.args import UsageError, split_first
from bot.domain.contributions import Kind, Status, parse_ref
from bot.domain.ids import parse_id
from bot.domain.roles import Action
from bot.i18n import Msg, msg
from bot.outbox.refs import contribution_ref, shown_at
from bot.services import contributions
from bot.services.contributions import Target
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from handlers.answers import Button, Edit, Merge, Pressed, Reply
from handlers.base import button, command
from storage.models import Contribution

ACCEPT, REJECT = "a", "r"
log = logging.getLogger("manuscript.contributions")


@command("contribute")
async def contribute(ws: Workspace, args: str) -> Reply:
    return await _propose(ws, args, Kind.ADD)


@command("replace")
async def replace(ws: Workspace, args: str) -> Reply:
    return await _propose(ws, args, Kind.REPLACE)


@command("accept")
async def accept(ws: Workspace, args: str) -> Reply:
    return await accept_reply(ws, _ref(args))


async def accept_reply(ws: Workspace, number: int) -> Reply:
    """Contribution #number accepted: the group told, its proposal's buttons gone."""
    decision = await contributions.accept(ws, number)
    return Reply(
        await accepted_lines(ws, decision),
        edits=await _edits(
            ws,
            decision.contribution,
            [
                msg(
                    "contribution.closed_note",
                    n=decision.contribution.number,
                    status=msg("status.accepted"),
                )
            ],
        ),
    )


@command("reject")
async def reject(ws: Workspace, args: str) -> Reply:
    word, reason = split_first(args)
    if not reason:
        raise UsageError()
    return await reject_reply(ws, _ref(word), reason)


async def reject_reply(ws: Workspace, number: int, reason: str) -> Reply:
    rejected = await contributions.reject(ws, number, reason)
    note = msg("contribution.closed_note", n=rejected.number, status=msg("status.rejected"))
    return Reply(
        [msg("contribution.rejected", n=rejected.number, reason=reason)],
        edits=await _edits(ws, rejected, [note]),
    )


@command("withdraw")
async def withdraw(ws: Workspace, args: str) -> Reply:
    withdrawn = await contributions.withdraw(ws, _ref(args))
    note = msg("contribution.closed_note", n=withdrawn.number, status=msg("status.withdrawn"))
    return Reply(
        [msg("contribution.withdrawn", n=withdrawn.number)],
        edits=await _edits(ws, withdrawn, [note]),
    )


@command("policy")
async def policy(ws: Workspace, args: str) -> Msg:
    mode = args.strip().lower()
    if mode not in contributions.POLICIES:
        raise UsageError()
    await contributions.set_policy(ws, mode)
    return msg("policy.set", policy=msg(f"policy.{mode}"))


@button("c")
async def decide_button(ws: Workspace, data: str) -> Pressed:
    """`c:<contribution id>:a|r` — re-checked here: the data may be stale or forged."""
    contribution_id, _, choice = data.partition(":")
    number = parse_id(contribution_id)
    found = await contributions.by_id(ws, number) if number is not None else None
    if found is None or choice not in {ACCEPT, REJECT}:
        raise Refused("button.stale")
    if found.status != Status.OPEN:
        raise Refused("contribution.decided", n=found.number, status=msg(f"status.{found.status}"))
    if choice == REJECT:
        ws.require(Action.DECIDE)
        return Pressed(toast=msg("contribution.reject_how", n=found.number), alert=True)
    decision = await contributions.accept(ws, found.number)
    lines = await accepted_lines(ws, decision)
    return Pressed(toast=msg("contribution.accepted_toast", n=found.number), edit=lines)


async def _propose(ws: Workspace, args: str, kind: Kind) -> Reply:
    clause_text, text = split_first(args)
    if not clause_text:
        raise UsageError()
    if not text.strip():
        text = ws.quoted
    if not text.strip():
        raise Refused("contribution.empty")
    proposal, target = await contributions.propose(ws, clause_text, text, kind)
    return await proposal_reply(ws, proposal, target)


async def proposal_reply(ws: Workspace, proposal: Contribution, target: Target) -> Reply:
    """The answer to a proposal: merged at once under the `open` policy, or shown with its
    Accept / Reject buttons."""
    decision = await contributions.merge_if_open_policy(ws, proposal)
    if decision is not None:
        return Reply(await accepted_lines(ws, decision))
    kind = Kind(proposal.kind)
    lines = [
        msg(
            f"{_family(proposal)}.proposed.{kind.value}",
            n=proposal.number,
            heading=target.heading,
            who=ws.caller.full_name,
            unit=ws.unit.short() if ws.unit else "",
        ),
        msg("contribution.text", text=proposal.text),
        msg("contribution.decide_how", n=proposal.number),
    ]
    accept, reject = f"c:{proposal.id}:{ACCEPT}", f"c:{proposal.id}:{REJECT}"
    numbered = [
        Button(msg("button.accept_n", n=proposal.number), accept),
        Button(msg("button.reject_n", n=proposal.number), reject),
    ]
    return Reply(
        lines,
        buttons=[Button(msg("button.accept"), accept), Button(msg("button.reject"), reject)],
        remember=contribution_ref(proposal.id),
        merge=Merge("proposal", "#", proposal.number, numbered),
    )


async def accepted_lines(ws: Workspace, decision: contributions.Decision) -> list[Msg]:
    c = decision.contribution
    person, unit = await contributions.author_of(ws, c)
    lines = [
        msg(
            f"{_family(c)}.accepted.{c.kind}",
            n=c.number,
            heading=decision.target.heading,
            who=person.display(),
            unit=unit.short(),
        )
    ]
    if decision.diff:
        lines.append(msg("contribution.diff"))
        lines += [msg("diff.line", line=line) for line in decision.diff]
    return lines


async def _edits(ws: Workspace, contribution: Contribution, lines: list[Msg]) -> list[Edit]:
    """The proposal's message, decided: its buttons go (only its own, from a merged message)."""
    ref = contribution_ref(contribution.id)
    shown = await shown_at(ws.session, ref, contribution.chat_id, contribution.message_id)
    if shown is None:
        return []
    lines = [*lines, msg("contribution.text", text=contribution.text)]
    return [Edit(*shown, lines, drop=f"c:{contribution.id}:", of=ref)]


def _family(contribution: Contribution) -> str:
    """The catalog's words for a clause's text (条文) or a 编制说明 section's (内容)."""
    return "contribution" if contribution.note_section is None else "note"


def _ref(text: str) -> int:
    words = text.split()
    ref = parse_ref(words[0]) if len(words) == 1 else None
    if ref is None:
        raise UsageError()
    return ref


HANDLERS = [contribute, replace, accept, reject, withdraw, policy, decide_button]
