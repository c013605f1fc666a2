"""/export md|html|docx|comments|package: the draft's files, sent to the chat."""

from __future__ import annotations

from bot.domain.args import UsageError
from bot.i18n import msg
from bot.services.export import export_files
from bot.services.workspace import Workspace
from drafts.export.formats import FORMATS
from handlers.base import Reply, command


@command("export")
async def export(ws: Workspace, args: str) -> Reply:
    fmt = args.strip().lower() or "package"
    if fmt not in FORMATS:
        raise UsageError()
    files = await export_files(ws, fmt)
    return Reply([msg("export.done", fmt=fmt, count=len(files))], documents=files)


HANDLERS = [export]
