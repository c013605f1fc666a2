"""/note: the 编制说明's sections written from the chat, proposed and decided like contributions."""

from __future__ import annotations

from bot.domain.args import UsageError, split_first
from bot.domain.contributions import Kind
from bot.i18n import Msg, msg
from bot.services import notes
from bot.services.errors import Refused
from bot.services.notes import NoteRow
from bot.services.workspace import Workspace
from drafts.notes import section_heading
from handlers.answers import Reply
from handlers.base import command
from handlers.contributions import proposal_reply

REPLACE_WORDS = frozenset({"replace", "替换"})


@command("note")
async def note(ws: Workspace, args: str) -> Reply | list[Msg]:
    """`/note` lists the sections; `/note <section>` shows one; `/note <section> <text>` (or
    replying to a message) proposes text for it; `/note replace <section> <text>` rewrites it."""
    word, text = split_first(args)
    if not word:
        return [msg("note.header"), *(_row_line(row) for row in await notes.overview(ws))]
    kind = Kind.ADD
    if word.lower() in REPLACE_WORDS:
        kind = Kind.REPLACE
        word, text = split_first(text)
        if not word:
            raise UsageError()
    section = notes.section_number(word)
    if not text.strip():
        text = ws.quoted
    if text.strip():
        proposal, target = await notes.propose(ws, section, text, kind)
        return await proposal_reply(ws, proposal, target)
    if kind is Kind.REPLACE:
        raise Refused("note.empty", section=word)
    row = next(row for row in await notes.overview(ws) if row.section == section)
    return [
        _row_line(row),
        msg("note.text", text=row.text) if row.text else msg("note.how", section=word),
    ]


def _row_line(row: NoteRow) -> Msg:
    if row.writers:
        who = [msg("note.writer", person=person, unit=unit) for person, unit in row.writers]
        state = msg("note.written_by", who=who)
    elif row.generated:
        state = msg("note.generated_only")
    else:
        state = msg("note.empty_section")
    pending = msg("note.pending", refs=" ".join(f"#{n}" for n in row.open_proposals))
    return msg(
        "note.row",
        heading=section_heading(row.section),
        generated=msg("note.generated") if row.generated else "",
        state=state,
        pending=pending if row.open_proposals else "",
    )


HANDLERS = [note]
