"""Exports from the chat: the files of one format, built off the event loop from the repository."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.roles import Action
from bot.domain.stages import resolve_tag
from bot.i18n import msg
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from drafts.export.formats import File, export, stage_before
from drafts.export.pdf import PdfFailed, converter
from drafts.repository import BRANCH, DraftRepository


async def export_files(ws: Workspace, fmt: str, refs: Sequence[str] = ()) -> list[File]:
    """The files of one format; a redline's `refs` are its `from` and `to` (tags or stages)."""
    if not (fmt == "form" and ws.allows(Action.COMMENT)):  # every commenter needs the form
        ws.require(Action.EXPORT)
    project = ws.require_project()
    if fmt == "pdf" and not pdf_available():
        raise Refused("export.no_pdf")
    # A 1,000-clause draft takes seconds to build: the other chats must not wait for it. The
    # build runs in a thread, and the transaction (which on SQLite holds the write lock from the
    # update's first statement) is committed first: an export writes nothing to the database.
    await ws.session.commit()
    try:
        if fmt == "redline":
            return await ws.drafts.read(project.repository, lambda repo: _redline(repo, refs))
        return await ws.drafts.read(project.repository, lambda repo: export(repo, BRANCH, fmt))
    except PdfFailed:  # LibreOffice failed it warm and cold: the operators have the details
        raise Refused("export.pdf_failed") from None


def _redline(repo: DraftRepository, refs: Sequence[str]) -> list[File]:
    """`from` (default: the last stage tag whose text differs) and `to` (default: the latest)."""
    tags = repo.tags()
    found = []
    for word in refs:
        tag = resolve_tag(word, tags)
        if tag is None:
            raise Refused("diff.unknown_ref", ref=word[:40], tags=tags or "—")
        found.append(tag)
    until = found[1] if len(found) > 1 else BRANCH
    since = found[0] if found else stage_before(repo, until)
    if since is None:
        raise Refused("export.no_earlier_stage")
    if repo.resolve(since) == repo.resolve(until):
        shown = found[1] if len(found) > 1 else msg("export.latest")
        raise Refused("export.no_changes", since=since, until=shown)
    if not repo.is_ancestor(since, until):
        raise Refused("export.from_after_to", since=since, until=found[1])
    return export(repo, until, "redline", since=since)


def pdf_available() -> bool:
    return converter() is not None
