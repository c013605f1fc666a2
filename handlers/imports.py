"""/import framework and /import comments: a .docx or .xlsx sent to the group with that caption,
or the command sent in reply to such a file; answered with a preview and Confirm / Cancel.

The file is fetched through the Bot API's getFile before the unit of work (no transaction waits
on the network); its size is known from Telegram first, so nothing over the bot's 20 MB download
limit is asked for.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.commands import BY_NAME
from bot.context import Context
from bot.domain.args import UsageError, split_first
from bot.domain.ids import parse_id
from bot.i18n import Msg, msg
from bot.services import imports
from bot.services.errors import Refused
from bot.services.imports import CommentsPlan, FrameworkPlan, Imported, Preview
from bot.services.workspace import Workspace
from drafts.importing.framework_reading import LEFT_OUT, Reading
from drafts.importing.office_files import DOWNLOAD_LIMIT
from drafts.numbering import heading
from handlers.answers import Button, Pressed, Reply
from handlers.base import NEW_MESSAGES, button, run

_EXCERPT = 60
_EXAMPLES = 3  # excerpts shown of what was read as one kind
_LEFT_OUT_SHOWN = 20  # excerpts shown of text left out: all of it, as a rule


async def upload(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    caption = message.caption if message.caption is not None else message.text or ""
    args = split_first(caption)[1]
    what = imports.WORDS.get(args.strip().lower())
    document = message.document or (
        message.reply_to_message.document if message.reply_to_message else None
    )
    data: bytes | None = None
    failed = False
    if what is not None and document is not None and (document.file_size or 0) <= DOWNLOAD_LIMIT:
        try:
            data = bytes(await (await document.get_file()).download_as_bytearray())
        except TelegramError:
            failed = True

    async def body(ws: Workspace, text: str) -> Reply:
        if what is None or document is None:
            raise UsageError()
        if failed:
            raise Refused("import.file.download_failed")
        if data is None:
            raise Refused("import.file.too_large")
        return preview_reply(ws, await imports.start(ws, what, document.file_name or "", data))

    await run(update, context, BY_NAME["import"], body, args=args)


def preview_reply(ws: Workspace, preview: Preview) -> Reply:
    plan, pending = preview.plan, preview.pending
    if isinstance(plan, FrameworkPlan):
        lines = framework_lines(pending.file_name, plan)
    else:
        lines = comment_lines(ws, pending.file_name, plan)
    lines.append(msg("import.confirm_hint", name=ws.caller.full_name))
    buttons = [
        Button(msg("button.confirm"), f"im:ok:{pending.id}"),
        Button(msg("button.cancel"), f"im:no:{pending.id}"),
    ]
    return Reply(lines, buttons=buttons)


def framework_lines(file_name: str, plan: FrameworkPlan) -> list[Msg]:
    framework = plan.framework
    lines = [
        msg(
            "import.framework.preview",
            file=file_name,
            clauses=len(framework.clauses),
            added=plan.added,
            retitled=plan.retitled,
            texts=len(plan.texts),
            tables=plan.tables,
            figures=len(plan.figures),
            notes=plan.notes,
        )
    ]
    for clause in framework.clauses:
        mark: Msg | str = ""
        if clause.number in plan.texts:
            mark = msg("import.framework.with_text")
        elif clause.number in plan.kept:
            mark = msg("import.framework.keeps_text")
        lines.append(
            msg("import.framework.clause", heading=heading(clause.number, clause.title), mark=mark)
        )
    if plan.kept:
        lines.append(msg("import.framework.kept", numbers=plan.kept))
    lines += reading_lines(framework.readings)
    if framework.problems:
        lines.append(msg("import.problems", count=len(framework.problems)))
        lines += [
            msg(
                "import.problem.line",
                paragraph=problem.paragraph,
                excerpt=problem.excerpt,
                reason=msg(f"import.problem.{problem.reason}"),
            )
            for problem in framework.problems
        ]
    return lines


def reading_lines(readings: tuple[Reading, ...]) -> list[Msg]:
    """What the file's paragraphs were read as, by kind with the first excerpts; then the text
    left out, every paragraph of it."""
    lines: list[Msg] = []
    for left_out in (False, True):
        shown = [r for r in readings if (r.kind in LEFT_OUT) is left_out]
        if not shown:
            continue
        lines.append(msg("import.left_out.heading" if left_out else "import.read.heading"))
        for reading in shown:
            limit = _LEFT_OUT_SHOWN if left_out else _EXAMPLES
            examples = "".join(f"「{e}」" for e in reading.examples[:limit])
            more = reading.count - min(limit, reading.count)
            lines.append(
                msg(
                    "import.read.line",
                    kind=msg(f"import.kind.{reading.kind}"),
                    count=reading.count,
                    examples=examples,
                    more=msg("import.read.more", count=more) if more else "",
                )
            )
    return lines


def comment_lines(ws: Workspace, file_name: str, plan: CommentsPlan) -> list[Msg]:
    unit = ws.unit.label() if ws.unit else ""
    lines = [msg("import.comments.preview", file=file_name, count=len(plan.rows), unit=unit)]
    for row, clause in plan.rows:
        text = row.comment or row.reason
        short = text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"
        lines.append(msg("import.comments.row", row=row.row, clause=clause.number, text=short))
    if plan.problems:
        lines.append(msg("import.rows_skipped"))
        lines += imports.problem_lines(plan.problems)
    return lines


@button("im")
async def pressed(ws: Workspace, data: str) -> Pressed:
    choice, _, number = data.partition(":")
    pending_id = parse_id(number)
    if choice not in {"ok", "no"} or pending_id is None:
        return Pressed(toast=msg("button.stale"), alert=True)
    if choice == "no":
        name = await imports.cancel(ws, pending_id)
        return Pressed(
            toast=msg("import.cancelled", file=name), edit=[msg("import.cancelled", file=name)]
        )
    done = await imports.confirm(ws, pending_id)
    return Pressed(toast=msg("import.done_toast"), edit=[done_line(ws, done)])


def done_line(ws: Workspace, done: Imported) -> Msg:
    commit = (done.commit or "—")[:7]
    plan = done.plan
    if isinstance(plan, FrameworkPlan):
        return msg(
            "import.framework.done",
            file=done.file_name,
            clauses=len(plan.framework.clauses),
            texts=len(plan.texts),
            figures=len(plan.figures),
            commit=commit,
        )
    first, last = done.comments[0].number, done.comments[-1].number
    numbers = f"C{first}" if first == last else f"C{first}–C{last}"
    unit = ws.unit.label() if ws.unit else ""
    return msg(
        "import.comments.done", numbers=numbers, count=len(done.comments), unit=unit, commit=commit
    )


_CAPTIONED = filters.CaptionRegex(r"^/import(@\w+)?(\s|$)") & filters.Document.ALL & NEW_MESSAGES
HANDLERS: list[BaseHandler] = [  # type: ignore[type-arg]
    MessageHandler(_CAPTIONED, upload),
    CommandHandler("import", upload, filters=NEW_MESSAGES),
    pressed,
]
