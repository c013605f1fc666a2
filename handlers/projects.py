"""/newproject, /project, /wg."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.domain.args import UsageError, split_first
from bot.domain.projects import parse_new_project
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.services import checking, patents, projects
from bot.services.workspace import Workspace
from handlers.answers import Reply
from handlers.base import command
from handlers.reading import reading_buttons
from storage.models import Unit


@command("newproject")
async def newproject(ws: Workspace, args: str) -> list[Msg]:
    created = await projects.create_project(ws, parse_new_project(args))
    return [
        msg("project.created", code=created.code, title=created.title),
        *card_lines(await projects.project_card(ws)),
    ]


@command("project")
async def project(ws: Workspace, args: str) -> Reply:
    card = await projects.project_card(ws)
    return Reply(await full_card_lines(ws, card), buttons=reading_buttons(ws, card.project.id))


async def full_card_lines(ws: Workspace, card: projects.ProjectCard) -> list[Msg]:
    """The project card as /project shows it (the reading view shows the same)."""
    missing, _ = await patents.missing_commitments(ws, card.project)
    lines = card_lines(card, missing, len(await checking.findings(ws, card.project)))
    return lines + _mirror_lines(card, ws.settings.timezone)


def _mirror_lines(card: projects.ProjectCard, timezone: ZoneInfo) -> list[Msg]:
    """How far the repository's mirror is behind (for the chairs and the secretariat)."""
    if not card.mirrored:
        return []
    lag = card.mirror
    if lag is None:
        return [msg("card.mirror_ok")]
    behind = local(lag.behind_since, timezone)
    if lag.failing_since is None:
        return [msg("card.mirror_behind", since=behind)]
    failing = local(lag.failing_since, timezone)
    return [msg("card.mirror_failing", since=behind, failing=failing, error=lag.error)]


@command("wg")
async def wg(ws: Workspace, args: str) -> list[Msg]:
    verb, unit_text = split_first(args)
    if not verb:
        members = await projects.working_group(ws)
        return [
            msg("wg.header", count=len(members)),
            *[msg("wg.line", unit=u.label()) for u in members],
        ]
    if not unit_text:
        raise UsageError()
    if verb.lower() == "add":
        return [msg("wg.added", unit=(await projects.add_to_working_group(ws, unit_text)).label())]
    if verb.lower() == "remove":
        return [
            msg(
                "wg.removed", unit=(await projects.remove_from_working_group(ws, unit_text)).label()
            )
        ]
    raise UsageError()


def card_lines(
    card: projects.ProjectCard, missing_patents: Sequence[Unit] = (), findings: int = 0
) -> list[Msg]:
    p = card.project
    none = msg("none")
    lines = [
        msg("card.title", code=p.code, title=p.title),
        msg("card.stage", stage=msg(f"stage.{p.stage}")),
        msg("card.drafter", drafter=card.drafter.label() if card.drafter else none),
        msg("card.chairs", chairs=[c.display() for c in card.chairs] or none),
        msg(
            "card.working_group",
            count=len(card.working_group),
            units=[u.label() for u in card.working_group] or none,
        ),
    ]
    if missing_patents:
        lines.append(msg("card.patents_missing", units=[u.short() for u in missing_patents]))
    if findings:
        lines.append(msg("card.findings", count=findings))
    if card.next_steps:
        lines.append(msg("card.next"))
        lines += [msg("card.step", step=step) for step in card.next_steps]
    return lines


HANDLERS = [newproject, project, wg]
