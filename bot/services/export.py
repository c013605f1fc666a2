"""Exports from the chat: the files of one format, built off the event loop from the repository."""

from __future__ import annotations

from bot.domain.roles import Action
from bot.services.errors import Refused
from bot.services.workspace import Workspace
from drafts.export.formats import File, export
from drafts.export.pdf import converter
from drafts.repository import BRANCH


async def export_files(ws: Workspace, fmt: str) -> list[File]:
    if not (fmt == "form" and ws.allows(Action.COMMENT)):  # every commenter needs the form
        ws.require(Action.EXPORT)
    project = ws.require_project()
    if fmt == "pdf" and not pdf_available():
        raise Refused("export.no_pdf")
    # A 1,000-clause draft takes seconds to build: the other chats must not wait for it. The
    # build runs in a thread, and the transaction (which on SQLite holds the write lock from the
    # update's first statement) is committed first: an export writes nothing to the database.
    await ws.session.commit()
    return await ws.drafts.read(project.repository, lambda repo: export(repo, BRANCH, fmt))


def pdf_available() -> bool:
    return converter() is not None
