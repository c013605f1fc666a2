"""The step-by-step patent declaration in a private chat: project → essential patents?
→ patent list → licensing mode (→ pool name) → summary → confirm or cancel.

The state lives in the database (one row per person), so a restart of the bot loses nothing;
only the confirmation writes a declaration, so cancelling or abandoning the form writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.patents import (
    POOL_NAME_LIMIT,
    Declaration,
    Mode,
    Patent,
    PatentLinesError,
    parse_patent_lines,
)
from bot.domain.roles import Action
from bot.services.errors import Refused, bad_lines
from bot.services.patents import Recorded, declare, projects_of_unit
from bot.services.workspace import Workspace
from storage.models import PatentForm, Project


class Step(StrEnum):
    PROJECT = "project"
    ESSENTIAL = "essential"
    PATENTS = "patents"
    MODE = "mode"
    POOL = "pool"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class FormView:
    step: Step
    project: Project | None
    declaration: Declaration
    projects: list[Project] = field(default_factory=list)  # the choice at the PROJECT step


async def start(ws: Workspace, project_id: int | None) -> FormView:
    ws.require(Action.DECLARE_PATENTS)
    choices = await projects_of_unit(ws)
    if project_id is not None:
        choices = [p for p in choices if p.id == project_id]
        if not choices:
            raise Refused("patent.form.no_such_project")
    if not choices:
        raise Refused("patent.form.no_project")
    form = await ws.session.get(PatentForm, ws.caller.user_id)
    if form is None:
        form = PatentForm(person_id=ws.caller.user_id)
        ws.session.add(form)
    form.data = "{}"
    if len(choices) == 1:
        form.project_id, form.step = choices[0].id, Step.ESSENTIAL.value
    else:
        form.project_id, form.step = None, Step.PROJECT.value
    form.updated_at = ws.now
    return await _view(ws, form, choices)


async def choose_project(ws: Workspace, project_id: int) -> FormView:
    form = await _form(ws, Step.PROJECT)
    if project_id not in {p.id for p in await projects_of_unit(ws)}:
        raise Refused("patent.form.no_such_project")
    return await _advance(ws, form, Step.ESSENTIAL, project_id=project_id)


async def answer_essential(ws: Workspace, holds: bool) -> FormView:
    form = await _form(ws, Step.ESSENTIAL)
    return await _advance(ws, form, Step.PATENTS if holds else Step.CONFIRM, essential=holds)


async def give_patents(ws: Workspace, text: str) -> FormView:
    form = await _form(ws, Step.PATENTS)
    try:
        patents = parse_patent_lines(text)
    except PatentLinesError as error:
        if not error.problems:
            raise Refused("patent.form.patents_needed") from None
        raise bad_lines("patent.lines.invalid", "patent.line.problem", error.problems) from None
    listed = [[p.number, p.title, p.jurisdiction, list(p.clauses), p.status] for p in patents]
    return await _advance(ws, form, Step.MODE, patents=listed)


async def choose_mode(ws: Workspace, mode: Mode) -> FormView:
    form = await _form(ws, Step.MODE)
    return await _advance(
        ws, form, Step.POOL if mode is Mode.POOL else Step.CONFIRM, mode=mode.value
    )


async def give_pool(ws: Workspace, name: str) -> FormView:
    form = await _form(ws, Step.POOL)
    name = " ".join(name.split())
    if not name or len(name) > POOL_NAME_LIMIT:
        raise Refused("patent.form.pool_name")
    return await _advance(ws, form, Step.CONFIRM, pool=name)


async def confirm(ws: Workspace) -> Recorded:
    form = await _form(ws, Step.CONFIRM)
    view = await _view(ws, form, [])
    assert view.project is not None
    recorded = await declare(ws, view.project, view.declaration)
    await ws.session.delete(form)
    return recorded


async def cancel(ws: Workspace) -> None:
    form = await ws.session.get(PatentForm, ws.caller.user_id)
    if form is None:
        raise Refused("patent.form.none")
    await ws.session.delete(form)


async def current_step(ws: Workspace) -> Step | None:
    form = await ws.session.get(PatentForm, ws.caller.user_id)
    return Step(form.step) if form else None


async def _form(ws: Workspace, expected: Step) -> PatentForm:
    form = await ws.session.get(PatentForm, ws.caller.user_id)
    if form is None:
        raise Refused("patent.form.none")
    if form.step != expected:
        raise Refused("patent.form.other_step")
    return form


async def _advance(ws: Workspace, form: PatentForm, step: Step, **answers: object) -> FormView:
    data = json.loads(form.data)
    if "project_id" in answers:
        form.project_id = int(answers.pop("project_id"))  # type: ignore[call-overload]
    data.update(answers)
    form.data = json.dumps(data, ensure_ascii=False)
    form.step = step.value
    form.updated_at = ws.now
    return await _view(ws, form, [])


async def _view(ws: Workspace, form: PatentForm, choices: list[Project]) -> FormView:
    data = json.loads(form.data)
    project = await ws.session.get(Project, form.project_id) if form.project_id else None
    patents = tuple(Patent(n, t, j, tuple(c), s) for n, t, j, c, s in data.get("patents", []))
    mode = Mode(data["mode"]) if data.get("essential") and data.get("mode") else None
    declaration = Declaration(mode, patents if mode else (), pool=data.get("pool"))
    return FormView(Step(form.step), project, declaration, choices)
