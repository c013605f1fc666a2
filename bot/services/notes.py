"""The 编制说明 written from the chat. `/note <section> <text>` proposes text for one of its twelve
sections, decided like a clause's contribution (bot/services/contributions.py) and committed to
`notes/` under its author; `/note` alone tells each section's state."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.domain.contributions import Kind, Status
from bot.domain.roles import Action
from bot.services import contributions
from bot.services.contributions import Target, note_target
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from drafts.export.model import author_parts
from drafts.notes import FOLDER, GENERATED, NUMERALS, parse_section, section_of_path
from drafts.reading import read_notes
from drafts.repository import DraftRepository
from storage.models import Contribution


@dataclass(frozen=True)
class NoteRow:
    section: int
    text: str  # as written ("" for none)
    writers: list[tuple[str, str]]  # (person, unit) of its commits, in the order they wrote
    open_proposals: list[int]  # `#n` not decided yet

    @property
    def generated(self) -> bool:
        return self.section in GENERATED


def section_number(word: str) -> int:
    section = parse_section(word)
    if section is None:
        raise Refused("note.unknown_section", word=word[:20], sections="、".join(NUMERALS))
    return section


async def propose(
    ws: Workspace, section: int, text: str, kind: Kind
) -> tuple[Contribution, Target]:
    ws.require_live()  # `/note` itself reads: the registry lets it through on an ended project
    proposal = await contributions.propose_note(ws, section, text, kind)
    return proposal, note_target(section)


async def overview(ws: Workspace) -> list[NoteRow]:
    """Every section: its text, who wrote it, its open proposals."""
    ws.require(Action.READ)
    project = ws.require_project()

    def read(repo: DraftRepository) -> tuple[dict[int, str], list[tuple[str, list[str]]]]:
        return read_notes(repo), repo.authorship([FOLDER])

    texts, commits = await ws.drafts.read(project.repository, read)
    writers: dict[int, dict[tuple[str, str], None]] = {n: {} for n in texts}
    for author, paths in commits:
        for path in paths:
            if (section := section_of_path(path)) is not None:
                writers[section][author_parts(author)] = None
    pending = (
        await ws.session.execute(
            select(Contribution.note_section, Contribution.number)
            .where(
                Contribution.project_id == project.id,
                Contribution.note_section.is_not(None),
                Contribution.status == Status.OPEN.value,
            )
            .order_by(Contribution.number)
        )
    ).all()
    proposals: dict[int, list[int]] = {}
    for section, number in pending:
        if section is not None:  # the query's own condition; the column is nullable
            proposals.setdefault(section, []).append(number)
    return [NoteRow(n, texts[n], list(writers[n]), proposals.get(n, [])) for n in sorted(texts)]
