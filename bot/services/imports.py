"""/import framework and /import comments (docs/word-import.md): a Word or Excel file read into
a plan, shown as a preview, and written only when its sender confirms.

The file is kept (`pending_imports`) and read again on Confirm, so a preview survives a restart
and what is written is planned against the draft as it is then. A framework is one commit
authored by the sender: the outline merged as `/framework` merges it (nothing removed), the texts
written into clauses that have none (a clause with text keeps it), the pictures as figures. The
comments of a form are numbered and written in one commit, every row a comment of the sender's
unit; a row that cannot be taken is listed, never dropped.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.domain.contributions import TEXT_LIMIT
from bot.i18n import Lines, Msg, msg
from bot.outbox.plan import number_ranges
from bot.services.comments import (
    add_comment,
    clause_text_now,
    comment_path,
    commenting,
    record_of,
)
from bot.services.draft_io import commit_files, meta_at, read_meta
from bot.services.errors import Refused
from bot.services.outline import framework_project
from bot.services.projects import working_group_refs
from bot.services.workspace import Workspace
from drafts.document import TERMS_CHAPTER
from drafts.elements import Note, Table, one_line
from drafts.importing.comment_forms import FormRow, read_form
from drafts.importing.docx_blocks import read_docx
from drafts.importing.framework_reading import Framework, read_framework
from drafts.importing.office_files import Kind, Unreadable, office_kind
from drafts.meta import META_PATH, Clause, Meta, clause_path, merge_outline
from drafts.numbering import NotANumber, OutlineLine, normalize
from drafts.repository import Parent
from storage.models import Comment, PendingImport, Project


class What(StrEnum):
    FRAMEWORK = "framework"
    COMMENTS = "comments"


WORDS = {"framework": What.FRAMEWORK, "框架": What.FRAMEWORK, "draft": What.FRAMEWORK}
WORDS |= {"comments": What.COMMENTS, "意见": What.COMMENTS}


@dataclass(frozen=True)
class FrameworkPlan:
    framework: Framework
    meta: Meta  # the outline after the merge
    added: int
    retitled: int
    texts: dict[str, str]  # clause number -> the text written into it
    kept: list[str]  # clauses that have text already: theirs stays
    figures: dict[str, bytes]
    tables: int
    notes: int


@dataclass(frozen=True)
class RowProblem:
    rows: tuple[int, ...]
    reason: str  # `import.row.<reason>`
    clause: str = ""


@dataclass(frozen=True)
class CommentsPlan:
    rows: list[tuple[FormRow, Clause]]
    problems: list[RowProblem]


@dataclass(frozen=True)
class Preview:
    pending: PendingImport
    plan: FrameworkPlan | CommentsPlan


@dataclass(frozen=True)
class Imported:
    file_name: str
    plan: FrameworkPlan | CommentsPlan
    commit: str | None
    comments: list[Comment]


async def start(ws: Workspace, what: What, file_name: str, data: bytes) -> Preview:
    """Check who may import what now, read the file, keep it, and plan the import."""
    project = _allowed(ws, what)
    kind = _kind(what, file_name, data)
    pending = PendingImport(
        project_id=project.id,
        person_id=ws.caller.user_id,
        kind=what.value,
        file_name=shown_name(file_name),
        content=data,
        created_at=ws.now,
    )
    ws.session.add(pending)
    await ws.session.flush()
    plan = await _plan(ws, project, pending, kind)
    if isinstance(plan, CommentsPlan) and not plan.rows:
        raise Refused("import.no_comments", lines=Lines(problem_lines(plan.problems)))
    return Preview(pending, plan)


def shown_name(file_name: str) -> str:
    """The file's name as previews and commit subjects show it: one line, no control or bidi
    characters, at most 100 characters."""
    return one_line(file_name)[:100] or "document"


def problem_lines(problems: list[RowProblem]) -> list[Msg]:
    return [
        msg(
            "import.row.line",
            rows=_ranges(p.rows),
            reason=msg(f"import.row.{p.reason}", clause=p.clause),
        )
        for p in problems
    ]


def _ranges(numbers: tuple[int, ...]) -> str:
    """`5、7–9`: row numbers with runs closed up."""
    return number_ranges(numbers, prefix="", separator="、")


async def confirm(ws: Workspace, pending_id: int) -> Imported:
    pending = await _own(ws, pending_id)
    what = What(pending.kind)
    project = _allowed(ws, what)
    plan = await _plan(ws, project, pending, _kind(what, pending.file_name, pending.content))
    await ws.session.delete(pending)
    if isinstance(plan, FrameworkPlan):
        commit = await _write_framework(ws, project, plan, pending.file_name)
        return Imported(pending.file_name, plan, commit, [])
    made, commit = await _write_comments(ws, project, plan, pending.file_name)
    return Imported(pending.file_name, plan, commit, made)


async def cancel(ws: Workspace, pending_id: int) -> str:
    """Forget the file; its name is returned for the answer."""
    pending = await _own(ws, pending_id)
    await ws.session.delete(pending)
    return pending.file_name


async def _own(ws: Workspace, pending_id: int) -> PendingImport:
    pending = await ws.session.get(PendingImport, pending_id)
    project = ws.require_project()
    if pending is None or pending.project_id != project.id:
        raise Refused("import.gone")
    if pending.person_id != ws.caller.user_id:
        raise Refused("import.not_yours")
    return pending


def _allowed(ws: Workspace, what: What) -> Project:
    return commenting(ws)[0] if what is What.COMMENTS else framework_project(ws)


def _kind(what: What, file_name: str, data: bytes) -> Kind:
    try:
        kind = office_kind(file_name, data)
    except Unreadable as error:
        raise Refused(f"import.file.{error.key}") from None
    if what is What.FRAMEWORK and kind is not Kind.DOCX:
        raise Refused("import.file.want_docx")
    return kind


async def _plan(
    ws: Workspace, project: Project, pending: PendingImport, kind: Kind
) -> FrameworkPlan | CommentsPlan:
    meta = await read_meta(ws, project)
    try:
        if pending.kind == What.FRAMEWORK:
            return await _plan_framework(ws, project, meta, pending)
        return _plan_comments(meta, await asyncio.to_thread(read_form, kind, pending.content))
    except Unreadable as error:
        raise Refused(f"import.file.{error.key}") from None


async def _plan_framework(
    ws: Workspace, project: Project, meta: Meta, pending: PendingImport
) -> FrameworkPlan:
    framework = await asyncio.to_thread(  # a big document takes a while: off the event loop
        lambda: read_framework(
            read_docx(pending.content),
            title=meta.title,
            existing={clause.number for clause in meta.clauses},
            figure_prefix=f"import{pending.id}",
        )
    )
    if not framework.clauses:
        raise Refused("import.no_outline")
    merge = merge_outline(meta, outline_lines(framework))
    written = {c.number: c for c in framework.clauses if c.elements}
    ids = {number: merge.meta.clause(number) for number in written}
    paths = [clause_path(clause.id) for clause in ids.values() if clause is not None]
    current = await ws.drafts.read(project.repository, lambda repo: repo.read_many(paths))
    texts: dict[str, str] = {}
    kept: list[str] = []
    for number, imported in written.items():
        clause = ids[number]
        assert clause is not None, "every imported heading is in the merged outline"
        if (current.get(clause_path(clause.id)) or "").strip():
            kept.append(number)
        else:
            texts[number] = imported.text
    if not (merge.added or merge.retitled or texts):
        raise Refused("import.nothing_new")
    elements = [e for c in framework.clauses if c.number in texts for e in c.elements]
    return FrameworkPlan(
        framework,
        merge.meta,
        len(merge.added),
        len(merge.retitled),
        texts,
        kept,
        {p: b for c in framework.clauses if c.number in texts for p, b in c.figures},
        sum(isinstance(e, Table) for e in elements),
        sum(isinstance(e, Note) for e in elements),
    )


def outline_lines(framework: Framework) -> list[OutlineLine]:
    return [OutlineLine(0, c.number, c.title, c.annex) for c in framework.clauses]


async def _write_framework(
    ws: Workspace, project: Project, plan: FrameworkPlan, file_name: str
) -> str | None:
    lines = outline_lines(plan.framework)

    def changes(parent: Parent) -> dict[str, str | bytes | None]:
        """Merged into the outline the commit is made on; a clause that has text there keeps
        it (another writer may have written it since the preview)."""
        merged = merge_outline(meta_at(parent), lines).meta
        written: dict[str, str | bytes | None] = {META_PATH: merged.to_json()}
        for number, text in plan.texts.items():
            clause = merged.clause(number)
            assert clause is not None
            path = clause_path(clause.id)
            if not (parent(path) or "").strip():
                written[path] = text.rstrip("\n") + "\n"
        return written | plan.figures

    subject = f"Import framework from {file_name}: {len(plan.framework.clauses)} clauses"
    return await commit_files(ws, project, changes, subject)


def _plan_comments(meta: Meta, rows: list[FormRow]) -> CommentsPlan:
    taken: list[tuple[FormRow, Clause]] = []
    empty: list[int] = []
    problems: list[RowProblem] = []
    for row in rows:
        if row.empty:
            empty.append(row.row)
            continue
        text = row.comment or row.reason
        if row.ignored:
            problems.append(RowProblem((row.row,), row.ignored))
        elif not row.clause:
            problems.append(RowProblem((row.row,), "no_clause"))
        elif not text:
            problems.append(RowProblem((row.row,), "no_comment", row.clause))
        elif max(len(text), len(row.proposal)) > TEXT_LIMIT:
            problems.append(RowProblem((row.row,), "too_long", row.clause))
        elif (clause := _clause(meta, row.clause)) is not None:
            taken.append((row, clause))
        elif (term := _term_chapter(meta, row.clause)) is not None:
            taken.append((_naming(row, row.clause), term))
        else:
            problems.append(RowProblem((row.row,), "unknown_clause", row.clause[:40]))
    trailing = _trailing(empty, rows)
    inner = [number for number in empty if number not in trailing]
    if inner:
        problems.insert(0, RowProblem(tuple(inner), "empty"))
    return CommentsPlan(taken, problems)


def _trailing(empty: list[int], rows: list[FormRow]) -> set[int]:
    """The blank rows after the last filled one: the form's unused lines, not worth a word."""
    filled = [row.row for row in rows if not row.empty]
    last = max(filled, default=0)
    return {number for number in empty if number > last}


def _term_chapter(meta: Meta, word: str) -> Clause | None:
    """A term's number (`3.1`) names an entry of chapter 3, not a clause: the comment goes to
    the chapter."""
    try:
        number = normalize(word)
    except NotANumber:
        return None
    if number.split(".")[0] != TERMS_CHAPTER or "." not in number:
        return None
    return meta.clause(TERMS_CHAPTER)


def _naming(row: FormRow, term: str) -> FormRow:
    """The row with the term it is about at the start of its text."""
    if row.comment:
        return replace(row, comment=f"（{term}）{row.comment}")
    return replace(row, reason=f"（{term}）{row.reason}")


def _clause(meta: Meta, word: str) -> Clause | None:
    try:
        return meta.clause(normalize(word))
    except NotANumber:
        return None


async def _write_comments(
    ws: Workspace, project: Project, plan: CommentsPlan, file_name: str
) -> tuple[list[Comment], str | None]:
    if not plan.rows:
        raise Refused("import.no_comments")
    unit = ws.unit
    assert unit is not None, "commenting() requires a unit"
    originals: dict[str, str] = {}
    made: list[Comment] = []
    for row, clause in plan.rows:
        if clause.id not in originals:
            originals[clause.id] = await clause_text_now(ws, project, clause)
        reason = row.comment or row.reason
        if row.comment and row.reason:
            reason = f"{row.comment}\n理由：{row.reason}"
        made.append(
            await add_comment(
                ws,
                project,
                unit,
                clause,
                originals[clause.id],
                reason,
                row.proposal or None,
                record_enrolment=False,
            )
        )
    records = {comment_path(c): record_of(c, unit).to_json() for c in made}
    units = await working_group_refs(ws, project)

    def changes(parent: Parent) -> dict[str, str | bytes | None]:
        """The comments, and the unit in the working group (in the same commit)."""
        meta = meta_at(parent)
        enrolled = replace(meta, working_group=units)
        return {**records, **({META_PATH: enrolled.to_json()} if enrolled != meta else {})}

    subject = f"C{made[0].number}–C{made[-1].number}: imported from {file_name}"
    return made, await commit_files(ws, project, changes, subject)
