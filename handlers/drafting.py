"""/drafter, /framework, /assign, /outline, /section, /advance, /history, /diff."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.args import UsageError, required, split_first
from bot.domain.ballots import parse_advance
from bot.domain.changes import describe
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.services import history as history_service
from bot.services import outline as outline_service
from bot.services import stages
from bot.services.checking import finding_lines
from bot.services.history import ClauseChange
from bot.services.workspace import Workspace
from drafts.captions import figure_caption
from drafts.checks import Finding
from drafts.elements import Figure
from drafts.numbering import heading
from drafts.plain_text import element_lines
from handlers.answers import Reply
from handlers.ballots import ballot_reply
from handlers.base import command
from handlers.reading import reading_buttons


@command("drafter")
async def drafter(ws: Workspace, args: str) -> Msg:
    unit = await outline_service.designate_drafter(ws, required(args))
    return msg(
        "drafter.designated", unit=unit.label(), stage=msg(f"stage.{ws.require_project().stage}")
    )


@command("framework")
async def framework(ws: Workspace, args: str) -> list[Msg]:
    use_template = required(args).lower() in {"template", "模板"}
    merge = await outline_service.set_framework(ws, args, use_template=use_template)
    if not merge.added and not merge.retitled:
        return [msg("framework.unchanged")]
    lines = [msg("framework.updated", added=len(merge.added), retitled=len(merge.retitled))]
    return lines + [
        msg("outline.line", heading=heading(c.number, c.title)) for c in merge.meta.clauses
    ]


@command("assign")
async def assign(ws: Workspace, args: str) -> Msg:
    clause_text, unit_text = split_first(args)
    if not unit_text:
        raise UsageError()
    clause, unit = await outline_service.assign(ws, clause_text, unit_text)
    return msg("assign.done", heading=heading(clause.number, clause.title), unit=unit.label())


@command("outline")
async def outline(ws: Workspace, args: str) -> list[Msg]:
    meta, rows = await outline_service.outline(ws)
    if not rows:
        return [msg("outline.empty_yet")]
    lines = [msg("outline.header", code=meta.code, title=meta.title)]
    for row in rows:
        lines.append(
            msg(
                "outline.row",
                heading=heading(row.clause.number, row.clause.title),
                unit=row.clause.assigned.name if row.clause.assigned else msg("outline.unassigned"),
                text=msg("outline.has_text" if row.has_text else "outline.no_text"),
                pending=[f"#{n}" for n in row.open_contributions] or "—",
            )
        )
    return lines


@command("section")
async def section(ws: Workspace, args: str) -> Reply:
    view = await outline_service.section(ws, required(args))
    clause = view.clause
    lines = [msg("outline.line", heading=heading(clause.number, clause.title))]
    if not view.elements:
        return Reply([*lines, msg("section.empty")])
    photos = []
    for written in view.elements:
        text = "\n".join(element_lines(written.element))
        lines += [msg("section.paragraph", text=text, authors=written.authors)]
        element = written.element
        if isinstance(element, Figure) and element.path in view.pictures:
            photos.append((view.pictures[element.path], figure_caption(element)))
    return Reply(lines, photos=photos)


@command("advance")
async def advance(ws: Workspace, args: str) -> Msg | Reply:
    outcome = await stages.advance(ws, parse_advance(args))
    if isinstance(outcome, stages.StageBallot):
        extra = [*recirculation_lines(outcome), *_findings(outcome.findings)]
        return ballot_reply(ws, outcome.view, extra)
    done = msg("advance.done", stage=msg(f"stage.{outcome.stage}"), tag=outcome.tag or "—")
    lines = [done]
    buttons = []
    if outcome.until is not None:  # the consultation opens: everyone is asked to read the draft
        lines.append(msg("consultation.opened", until=local(outcome.until, ws.settings.timezone)))
        buttons = reading_buttons(ws, ws.require_project().id)
    return Reply([*lines, *_findings(outcome.findings)], buttons=buttons)


def _findings(found: list[Finding]) -> list[Msg]:
    if not found:
        return []
    return [msg("advance.findings", count=len(found)), *finding_lines(found)]


def recirculation_lines(outcome: stages.StageBallot) -> list[Msg]:
    """A repeated stage ballot shows what changed since the previous one."""
    if outcome.since is None:
        return []
    return [msg("ballot.recirculation", since=outcome.since), *change_lines(outcome.changes)]


@command("history")
async def history(ws: Workspace, args: str) -> list[Msg]:
    clause, entries = await history_service.history(ws, args)
    header = (
        msg("history.clause", heading=heading(clause.number, clause.title))
        if clause
        else msg("history.all")
    )
    if not entries:
        return [header, msg("history.empty")]
    tz = ws.settings.timezone
    return [header] + [
        msg(
            "history.line",
            when=datetime.fromtimestamp(entry.timestamp, UTC)
            .astimezone(tz)
            .strftime("%Y-%m-%d %H:%M"),
            author=entry.author,
            subject=describe(entry.subject) or entry.subject,
        )
        for entry in entries
    ]


@command("diff")
async def diff(ws: Workspace, args: str) -> list[Msg]:
    if len(args.split()) > 1:
        raise UsageError()
    base, changes = await history_service.diff(ws, args)
    header = msg("diff.since", base=base) if base else msg("diff.since_start")
    return [header, *change_lines(changes)]


def change_lines(changes: list[ClauseChange]) -> list[Msg]:
    if not changes:
        return [msg("diff.none")]
    lines = []
    for change in changes:
        title = heading(change.number, change.title)
        if change.old_title is None:
            lines.append(msg("diff.new_clause", heading=title))
        elif change.old_title != change.title:
            lines.append(msg("diff.retitled", heading=title, old=change.old_title))
        else:
            lines.append(msg("outline.line", heading=title))
        lines += [msg("diff.line", line=line) for line in change.lines]
    return lines


HANDLERS = [drafter, framework, assign, outline, section, advance, history, diff]
