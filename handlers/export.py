"""/export md|html|docx|pdf|comments|form|redline [<from> [<to>]]|package: the draft's files,
sent to the chat."""

from __future__ import annotations

from bot.domain.args import UsageError
from bot.i18n import msg
from bot.services.export import export_files, pdf_available
from bot.services.workspace import Workspace
from drafts.export.formats import FORMATS
from handlers.answers import Reply
from handlers.base import command


@command("export")
async def export(ws: Workspace, args: str) -> Reply:
    fmt, *refs = args.split() or ["package"]
    fmt = fmt.lower()
    if fmt not in FORMATS or (refs and fmt != "redline") or len(refs) > 2:
        raise UsageError()
    files = await export_files(ws, fmt, refs)
    lines = [msg("export.done", fmt=fmt, count=len(files))]
    if fmt == "package" and not pdf_available():
        lines.append(msg("export.package_without_pdf"))
    return Reply(lines, documents=files)


HANDLERS = [export]
