"""What a person does from the reading view — comment, propose, accept or reject, vote — through the same services as the
chat, in a unit of work of its own, acknowledged in the project's group by the outbox.

Each action carries a request id chosen by the page: it stands for the update id (negative, so
never one of Telegram's), and a repeated request (a double tap, a retry after a lost answer)
finds it taken and records nothing twice."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.context import BotData
from bot.domain.args import UsageError
from bot.domain.ballots import Kind
from bot.domain.comments import PROPOSAL_MARK, parse_comment
from bot.domain.contributions import Kind as Kind_
from bot.domain.webapp_auth import Launch
from bot.i18n import msg, render
from bot.outbox.rows import enqueue
from bot.services import ballots, comments, contributions
from bot.services.errors import ServiceError
from bot.services.reading import require_reader
from bot.services.workspace import Caller, DuplicateUpdate, Workspace, project_workspace
from drafts.elements import one_line
from handlers.answers import Merge, Reply
from handlers.ballots import vote_reply
from handlers.contributions import accept_reply, proposal_reply, reject_reply
from handlers.outgoing import Rows, To, kick

Work = Callable[[Workspace], Awaitable[Reply]]


@dataclass(frozen=True)
class Done:
    ok: bool
    text: str  # what the page shows: the acknowledgement or the reason it was refused


def caller(launch: Launch) -> Caller:
    return Caller(
        launch.user_id, launch.username, one_line(launch.full_name) or str(launch.user_id)
    )


def update_id_of(user_id: int, request_id: str) -> int:
    """A request's stand-in update id: negative, 62 bits of a hash of who and which request."""
    digest = hashlib.sha256(f"{user_id}:{request_id}".encode()).digest()
    return -(int.from_bytes(digest[:8], "big") >> 2) - 1


async def act(
    bot_data: BotData, launch: Launch, project_id: int, request_id: str, usage: str, work: Work
) -> Done | None:
    """The action done, or refused with its reason; None when there is no such project."""
    runtime = bot_data.runtime
    try:
        async with project_workspace(
            runtime, update_id_of(launch.user_id, request_id), caller(launch), project_id
        ) as ws:
            if ws is None:
                return None
            place = ws.place
            try:
                require_reader(ws)
                ws.require_live()
                reply = await work(ws)
            except UsageError:
                refused = msg(usage)
            except ServiceError as error:
                refused = error.message
            else:
                via = msg("web.via", who=ws.caller.full_name)
                told = replace(reply, lines=[*reply.lines, via], merge=None)
                rows = Rows(ws.lang, ws.now, ws.update_id)
                rows.reply(To(place.chat_id, place.thread_id or None), told)
                await enqueue(ws.session, rows.rows)
                await ws.session.commit()
                kick(bot_data, rows.rows)
                return Done(True, render(ws.lang, reply.lines[0]))
            await ws.discard(lambda undone: [])
            return Done(False, render(ws.lang, refused))
    except DuplicateUpdate:
        return Done(True, render(runtime.settings.language, msg("web.already")))


def commenting(clause: str, reason: str, proposed: str) -> Work:
    text = f"{clause} {reason}" + (f"\n{PROPOSAL_MARK} {proposed}" if proposed.strip() else "")

    async def work(ws: Workspace) -> Reply:
        number, why, proposal = parse_comment(text)
        made = await comments.comment(ws, number, why, proposal)
        recorded = msg("comment.recorded", n=made.number, number=made.clause_number)
        return Reply([recorded], merge=Merge("comment", "C", made.number))

    return work


def proposing(clause: str, text: str, replace_all: bool) -> Work:
    async def work(ws: Workspace) -> Reply:
        if not clause.strip() or not text.strip():
            raise UsageError()
        kind = Kind_.REPLACE if replace_all else Kind_.ADD
        proposal, target = await contributions.propose(ws, clause, text, kind)
        return await proposal_reply(ws, proposal, target)

    return work


def deciding(number: int, accept: bool, reason: str) -> Work:
    async def work(ws: Workspace) -> Reply:
        if accept:
            return await accept_reply(ws, number)
        if not reason.strip():
            raise UsageError()
        return await reject_reply(ws, number, reason.strip())

    return work


def voting(number: int, choice: str, reason: str) -> Work:
    async def work(ws: Workspace) -> Reply:
        found = await ballots.numbered(ws, number)
        if found.kind == Kind.STAGE and choice == "no" and not reason.strip():
            raise UsageError()
        order = await ballots.web_order(ws, found)
        view = await ballots.cast_on(ws, found, choice, reason, order=order)
        return await vote_reply(ws, view)

    return work
