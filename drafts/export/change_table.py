"""条文修改对照表: every clause whose title or text changed between two drafts — its number, the
text before and after, and why: the contributions (`#n`, with their authors' units) whose
commits changed it, and the comments and review opinions on it that were taken up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from docx.shared import Mm

from drafts.document import Section
from drafts.export.comment_table import landscape_form
from drafts.export.fixed_wording import DISPOSITIONS, STAGE_NAMES
from drafts.export.model import Draft, author_parts, load
from drafts.export.packaging import save
from drafts.export.record_docs import grid, lines
from drafts.meta import clause_path
from drafts.numbering import heading, sort_key
from drafts.plain_text import element_lines
from drafts.repository import DraftRepository

HEADER = ["序号", "章条编号", "修改前", "修改后", "修改依据"]
WIDTHS = [Mm(w) for w in (12, 22, 85, 85, 53)]
TAKEN = ("accept", "partial")
_CONTRIBUTION = re.compile(r"#(?P<n>\d+) ")


@dataclass(frozen=True)
class ChangeRow:
    clause: str
    before: str
    after: str
    why: tuple[str, ...]


def change_rows(repo: DraftRepository, base: str, ref: str) -> list[ChangeRow]:
    old, new = load(repo, base), load(repo, ref)
    by_path: dict[str, list[str]] = {}
    for change in reversed(repo.changes_between(base, ref)):  # oldest first
        if (made := _CONTRIBUTION.match(change.subject)) is None:
            continue
        unit = author_parts(change.author)[1]
        for path in change.paths:
            by_path.setdefault(path, []).append(f"#{made['n']}（{unit}）")
    olds = {section.clause.id: section for section in old.sections}
    news = {section.clause.id: section for section in new.sections}
    rows = []
    for clause_id in sorted(olds.keys() | news.keys(), key=lambda i: _order(olds, news, i)):
        was, now = olds.get(clause_id), news.get(clause_id)
        text_before, text_after = _shown(was), _shown(now)
        if text_before == text_after:
            continue
        number = (now or was).number  # type: ignore[union-attr]
        why = [*dict.fromkeys(by_path.get(clause_path(clause_id), []))]
        why += _taken_up(new, number, old.date)
        rows.append(
            ChangeRow(number, text_before or "（无）", text_after or "（删除）", tuple(why))
        )
    return rows


def _order(
    olds: dict[str, Section], news: dict[str, Section], clause_id: str
) -> tuple[object, ...]:
    return sort_key((news.get(clause_id) or olds[clause_id]).number)


def _shown(section: Section | None) -> str:
    """A clause as the table shows it: its heading, then its text as the chat shows it (a
    table's rows, a figure's caption, a note with its label)."""
    if section is None:
        return ""
    title = heading(section.number, section.clause.title)
    body = [line for element in section.elements for line in element_lines(element)]
    return "\n".join([title, *body])


def _taken_up(draft: Draft, number: str, since: datetime) -> list[str]:
    """The comments and review opinions on the clause (partly) accepted since `since`."""
    found = [
        f"意见 {c.number}（{c.unit}，{DISPOSITIONS[c.disposition]}）"
        for c in draft.comments
        if c.clause == number and c.disposition in TAKEN and _after(c.resolved_at, since)
    ]
    found += [
        f"审查意见 {o.number}（{DISPOSITIONS[o.disposition]}）"
        for o in draft.opinions
        if o.clause == number and o.disposition in TAKEN and _after(o.resolved_at, since)
    ]
    return found


def _after(stamp: str | None, since: datetime) -> bool:
    return stamp is not None and datetime.fromisoformat(stamp) >= since.replace(microsecond=0)


def change_table_docx(repo: DraftRepository, base: str, ref: str) -> bytes:
    new = load(repo, ref)
    old_stage = STAGE_NAMES.get(load(repo, base).meta.stage, base)
    new_stage = STAGE_NAMES.get(new.meta.stage, ref)
    doc = landscape_form(new, f"条文修改对照表（{old_stage}→{new_stage}）")
    rows = change_rows(repo, base, ref)
    cells = [
        [str(n), row.clause, row.before, row.after, "；".join(row.why) or "—"]
        for n, row in enumerate(rows, start=1)
    ]
    grid(doc, HEADER, cells or [["", "", "（两稿之间没有条文修改）", "", ""]], WIDTHS)
    lines(doc, f"共修改{len(rows)}处（{new_stage}与{old_stage}相比）。")
    return save(doc, new.date)
