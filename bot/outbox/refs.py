"""Where the bot's own messages landed. Once an outbox row is delivered, the record it belongs to
learns the message's id, in the same transaction that marks the row sent: a proposal (to update it
when it is decided), a ballot (to edit its tally), a "why not?" prompt (to take a reply to it as
the vote's comment)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox.rows import PENDING
from bot.services import ballots, contributions
from storage.models import OutboxMessage


def contribution_ref(contribution_id: int) -> str:
    return f"contribution:{contribution_id}"


def ballot_ref(ballot_id: int) -> str:
    return f"ballot:{ballot_id}"


def prompt_ref(ballot_id: int, person_id: int) -> str:
    return f"prompt:{ballot_id}:{person_id}"


async def remember_sent(session: AsyncSession, ref: str, chat_id: int, message_id: int) -> None:
    kind, *ids = ref.split(":")
    numbers = [int(part) for part in ids]
    if kind == "contribution":
        await contributions.remember_message(session, numbers[0], chat_id, message_id)
    elif kind == "ballot":
        await ballots.remember_message(session, numbers[0], message_id)
    elif kind == "prompt":
        await ballots.remember_prompt(session, numbers[0], numbers[1], chat_id, message_id)
    else:
        raise ValueError(f"no record kind {kind!r} in outbox ref {ref!r}")


async def shown_at(
    session: AsyncSession, ref: str, chat_id: int | None, message_id: int | None
) -> tuple[int, int | None] | None:
    """Where the record's message is, for an edit of it: its chat and id once it has landed; its
    chat alone while it still waits in the outbox (the edit waits behind it there and goes once it
    has landed); None when there is none to edit (it was refused)."""
    if chat_id is not None and message_id is not None:
        return chat_id, message_id
    waiting = await session.scalar(
        select(OutboxMessage.chat_id)
        .where(OutboxMessage.ref == ref, OutboxMessage.state == PENDING)
        .limit(1)
    )
    return (waiting, None) if waiting is not None else None
