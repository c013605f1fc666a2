"""/patent (a link to the private form in the group; the form or one-line forms), /patents, the
form's buttons and its text answers in the private chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import Context
from bot.domain.args import UsageError
from bot.domain.ids import parse_id
from bot.domain.patents import Mode, parse_one_line
from bot.i18n import Msg, msg
from bot.services import patent_form, patents
from bot.services.errors import Refused
from bot.services.patent_form import FormView, Step
from bot.services.workspace import Workspace
from handlers.answers import Button, Notice, Pressed, Reply
from handlers.base import NEW_MESSAGES, button, command, run

DEEP_LINK = "patent-"


@command("patent")
async def patent(ws: Workspace, args: str) -> Reply:
    if ws.place.private:
        if not args.strip():
            return form_reply(await patent_form.start(ws, None))
        candidates = await patents.projects_of_unit(ws)
        if len(candidates) != 1:
            raise Refused("patent.dm_which_project")
        return recorded_reply(ws, await patents.declare(ws, candidates[0], parse_one_line(args)))
    project = ws.require_project()
    if not args.strip():
        link = f"https://t.me/{ws.bot_username}?start={DEEP_LINK}{project.id}"
        return Reply(
            [msg("patent.open_private", code=project.code)],
            buttons=[Button(msg("button.declare"), url=link)],
        )
    return recorded_reply(ws, await patents.declare(ws, project, parse_one_line(args)))


@command("patents")
async def register(ws: Workspace, args: str) -> list[Msg]:
    found = await patents.register(ws)
    tz = ws.settings.timezone
    lines = [msg("patents.header", count=len(found.entries))]
    for entry in found.entries:
        d = entry.declaration
        lines.append(
            msg(
                "patents.entry",
                unit=entry.unit.label(),
                mode=_mode(d.mode, d.pool),
                who=entry.declarant.display(),
                when=d.declared_at.astimezone(tz).strftime("%Y-%m-%d"),
            )
        )
        lines += [
            _patent_line(p.number, p.title, p.jurisdiction, p.clauses, p.status)
            for p in entry.patents
        ]
    lines.append(msg("patents.missing", units=[u.label() for u in found.missing] or msg("none")))
    if found.observers_missing:
        lines.append(msg("patents.observers", units=[u.label() for u in found.observers_missing]))
    return lines


async def start_form(ws: Workspace, payload: str) -> Reply:
    """`/start patent-<project id>`: the group's button opened this private chat."""
    project_id = parse_id(payload.removeprefix(DEEP_LINK))
    if project_id is None:
        raise UsageError()
    return form_reply(await patent_form.start(ws, project_id))


@button("pf")
async def form_button(ws: Workspace, data: str) -> Pressed:
    """`pf:p:<project id>`, `pf:e:y|n`, `pf:m:<mode>`, `pf:ok`, `pf:x` — checked against the step."""
    kind, _, value = data.partition(":")
    if kind == "p" and (project_id := parse_id(value)) is not None:
        view = await patent_form.choose_project(ws, project_id)
    elif kind == "e" and value in {"y", "n"}:
        view = await patent_form.answer_essential(ws, value == "y")
    elif kind == "m" and value in {m.value for m in Mode}:
        view = await patent_form.choose_mode(ws, Mode(value))
    elif kind == "ok":
        recorded = await patent_form.confirm(ws)
        reply = recorded_reply(ws, recorded)
        return Pressed(edit=reply.lines, reply=Reply([], notices=reply.notices))
    elif kind == "x":
        await patent_form.cancel(ws)
        return Pressed(edit=[msg("patent.form.cancelled")])
    else:
        raise Refused("button.stale")
    form = form_reply(view)
    return Pressed(edit=[msg("patent.form.answered")], reply=form)


async def _form_text(ws: Workspace, text: str) -> Reply:
    step = await patent_form.current_step(ws)
    if step is Step.PATENTS:
        return form_reply(await patent_form.give_patents(ws, text))
    if step is Step.POOL:
        return form_reply(await patent_form.give_pool(ws, text))
    if step is not None:
        raise Refused("patent.form.use_buttons")
    raise Refused("private.only_commands")


async def private_text(update: Update, context: Context) -> None:
    message = update.effective_message
    await run(update, context, None, _form_text, args=message.text if message else "")


def form_reply(view: FormView) -> Reply:
    cancel = Button(msg("button.cancel"), "pf:x")
    code = view.project.code if view.project else ""
    if view.step is Step.PROJECT:
        buttons = [
            Button(msg("button.project", code=p.code), f"pf:p:{p.id}") for p in view.projects
        ]
        return Reply([msg("patent.form.project")], buttons=[*buttons, cancel])
    if view.step is Step.ESSENTIAL:
        return Reply(
            [msg("patent.form.essential", code=code)],
            buttons=[
                Button(msg("button.essential_yes"), "pf:e:y"),
                Button(msg("button.essential_no"), "pf:e:n"),
                cancel,
            ],
        )
    if view.step is Step.PATENTS:
        return Reply([msg("patent.form.patents")], buttons=[cancel])
    if view.step is Step.MODE:
        return Reply(
            [msg("patent.form.mode")],
            buttons=[*(Button(msg(f"mode.{m.value}"), f"pf:m:{m.value}") for m in Mode), cancel],
        )
    if view.step is Step.POOL:
        return Reply([msg("patent.form.pool")], buttons=[cancel])
    d = view.declaration
    lines = [
        msg("patent.form.summary", code=code, mode=_mode(d.mode.value if d.mode else None, d.pool))
    ]
    lines += [
        _patent_line(p.number, p.title, p.jurisdiction, " ".join(p.clauses), p.status)
        for p in d.patents
    ]
    return Reply(
        [*lines, msg("patent.form.confirm")],
        buttons=[Button(msg("button.confirm"), "pf:ok"), cancel],
    )


def recorded_reply(ws: Workspace, recorded: patents.Recorded) -> Reply:
    d = recorded.declaration
    lines = [
        msg(
            "patent.recorded",
            unit=recorded.unit.label(),
            code=recorded.project.code,
            mode=_mode(d.mode, d.pool),
            count=len(recorded.patents),
        )
    ]
    if recorded.previous is not None:
        lines.append(
            msg("patent.superseded", mode=_mode(recorded.previous.mode, recorded.previous.pool))
        )
    if not recorded.flagged:
        return Reply(lines)
    chairs = [f"@{c.username}" if c.username else c.display() for c in recorded.chairs] or msg(
        "role.chair"
    )
    key = "patent.flag.refuse" if d.mode == Mode.REFUSE else "patent.flag.weakened"
    flag = msg(
        key,
        chairs=chairs,
        unit=recorded.unit.label(),
        before=_mode(recorded.previous.mode, recorded.previous.pool) if recorded.previous else "—",
        after=_mode(d.mode, d.pool),
        clauses=recorded.clauses or msg("patent.clauses_unknown"),
    )
    project = recorded.project
    if (ws.place.chat_id, ws.place.thread_id) == (project.chat_id, project.thread_id):
        return Reply([*lines, flag])
    return Reply(lines, notices=[Notice(project.chat_id, project.thread_id, [flag])])


def _mode(mode: str | None, pool: str | None) -> Msg:
    if mode is None:
        return msg("mode.none")
    if mode == Mode.POOL:
        return msg("mode.pool.named", pool=pool or "")
    return msg(f"mode.{mode}")


def _patent_line(number: str, title: str, jurisdiction: str, clauses: str, status: str) -> Msg:
    details = " · ".join(part for part in (title, jurisdiction, clauses and f"§ {clauses}") if part)
    status_text: Msg | str = msg(f"patent.status.{status}") if status else ""
    return msg("patents.patent", number=number, details=details, status=status_text)


HANDLERS = [patent, register, form_button]
PRIVATE_TEXT = MessageHandler(
    NEW_MESSAGES & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, private_text
)
