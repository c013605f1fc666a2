"""修订稿: the `to` text in the standard's form, with every change since `from` a Word tracked
change — text inserted (`w:ins`) and deleted (`w:del`) within a paragraph or a table cell, whole
paragraphs, clauses, table rows and figures added or removed — authored by the person and unit
whose commit last changed that clause between the two, and dated with that commit.

Both texts are laid out by the standard's writer (drafts/export/word.py) with the same cover
line, `（<stage>修订稿）`; the redline is the `to` document with the `from` document's blocks
aligned into it. Accepting every change gives the `to` text, rejecting every change the `from`
text (tests/redlines.py applies both, independently of this module).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from itertools import count

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafts.export.fixed_wording import STAGE_NAMES
from drafts.export.model import author_parts, load
from drafts.export.packaging import save
from drafts.export.word import draft_docx
from drafts.export.word_styles import ANNEX, HEADINGS
from drafts.meta import Meta, clause_path
from drafts.repository import DraftRepository

P, TBL, TR, TC, R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
T, DEL_T, INSTR, DEL_INSTR = qn("w:t"), qn("w:delText"), qn("w:instrText"), qn("w:delInstrText")
INS, DEL = qn("w:ins"), qn("w:del")
EMBED = qn("r:embed")
PLAIN_RUN_PARTS = {qn("w:rPr"), T, qn("w:tab")}
BOOKMARKS = {qn("w:bookmarkStart"), qn("w:bookmarkEnd")}
HEADING_STYLES = {*HEADINGS, ANNEX}
FRONT = "前言"  # what comes before the first heading is told with the 前言


@dataclass(frozen=True)
class Mark:
    """Who made a change and when, as Word shows it beside the change."""

    author: str  # `李伟（朝达阀门）`
    date: str  # `2026-12-03T10:00:00Z`


def redline_docx(repo: DraftRepository, base: str, ref: str) -> bytes:
    old, new = load(repo, base), load(repo, ref)
    line = f"（{STAGE_NAMES.get(new.meta.stage, new.meta.stage)}修订稿）"
    old_doc = Document(io.BytesIO(draft_docx(old, stage_line=line)))
    new_doc = Document(io.BytesIO(draft_docx(new, stage_line=line)))
    changed = repo.last_changes(base, ref)  # one walk of the history serves every mark
    marks = _marks(changed, old.meta, new.meta)
    fallback = _latest(changed, repo.commit_time(ref))
    news = {clause.id: clause.number for clause in new.meta.clauses}
    renumbered = {c.number: news[c.id] for c in old.meta.clauses if c.id in news}
    _Redline(old_doc, new_doc, marks, fallback, renumbered).run()
    return save(new_doc, new.date)


def _marks(changed: dict[str, tuple[str, int]], old: Meta, new: Meta) -> dict[str, Mark]:
    """Clause number -> the mark of the commit that last changed that clause since the base."""
    last = {path: _mark(author, stamp) for path, (author, stamp) in changed.items()}
    marks = {}
    for meta in (old, new):  # the new numbering wins where a clause was renumbered
        for clause in meta.clauses:
            if (mark := last.get(clause_path(clause.id))) is not None:
                marks[clause.number] = mark
    return marks


def _latest(changed: dict[str, tuple[str, int]], made: int) -> Mark:
    """The mark of a change outside any clause (the cover, the 目次): the latest commit's."""
    if not changed:
        return _mark("manuscript-bot", made)
    author, stamp = max(changed.values(), key=lambda entry: entry[1])
    return _mark(author, stamp)


def _mark(author: str, stamp: int) -> Mark:
    person, unit = author_parts(author)
    shown = person if person == unit else f"{person}（{unit}）"
    return Mark(shown, datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


class _Redline:
    def __init__(
        self,
        old: DocxDocument,
        new: DocxDocument,
        marks: dict[str, Mark],
        fallback: Mark,
        renumbered: dict[str, str],
    ) -> None:
        self.old, self.new = old, new
        self.renumbered = renumbered  # an old clause number -> its number in the new text
        self.marks, self.fallback = marks, fallback
        self.ids = count(1)

    def run(self) -> None:
        old_blocks = list(_blocks(self.old.element.body))
        new_blocks = list(_blocks(self.new.element.body))
        old_clauses = _clauses(old_blocks)
        new_clauses = _clauses(new_blocks)
        end = self.new.element.body.find(qn("w:sectPr"))
        self._align(old_blocks, new_blocks, old_clauses, new_clauses, end.addprevious)

    def _align(
        self,
        old: Sequence[BaseOxmlElement],
        new: Sequence[BaseOxmlElement],
        old_clauses: Sequence[str],
        new_clauses: Sequence[str],
        append: Callable[[BaseOxmlElement], None],
    ) -> None:
        """Walk the two block sequences; put each deleted old block before the new block that
        follows it (or, at the end, where `append` puts it)."""
        keys = SequenceMatcher(
            None,
            # A block is matched within its clause: the same sentence in two clauses is two
            # blocks (and the matching stays near-linear on drafts that repeat themselves).
            [(self.renumbered.get(c, c), *self._key(b, self.old)) for b, c in zip(old, old_clauses, strict=True)],
            [(c, *self._key(b, self.new)) for b, c in zip(new, new_clauses, strict=True)],
            autojunk=False,
        )  # fmt: skip
        for op, i1, i2, j1, j2 in keys.get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(pairs):
                self._change(old[i1 + k], new[j1 + k], new_clauses[j1 + k])
            for j in range(j1 + pairs, j2):
                self._mark_block(new[j], INS, self._mark_of(new_clauses[j]))
            place = new[j1 + pairs] if j1 + pairs < len(new) else None
            for i in range(i1 + pairs, i2):
                copy = self._copied(old[i])
                self._mark_block(copy, DEL, self._mark_of(old_clauses[i]))
                if place is not None:
                    place.addprevious(copy)
                else:
                    append(copy)

    def _change(self, old: BaseOxmlElement, new: BaseOxmlElement, clause: str) -> None:
        """A block that changed: a paragraph's text diffed by character, a table's rows and
        cells aligned; anything else (a figure, a field) replaced whole."""
        mark = self._mark_of(clause)
        if old.tag == new.tag == P and _plain(old) and _plain(new):
            self._diff_text(old, new, mark)
        elif old.tag == new.tag == TBL and _columns(old) == _columns(new):
            self._diff_rows(old, new, clause)
        else:
            copy = self._copied(old)
            self._mark_block(copy, DEL, mark)
            new.addprevious(copy)
            self._mark_block(new, INS, mark)

    def _diff_rows(self, old: BaseOxmlElement, new: BaseOxmlElement, clause: str) -> None:
        old_rows, new_rows = old.findall(TR), new.findall(TR)
        rows = SequenceMatcher(
            None, [_text(r) for r in old_rows], [_text(r) for r in new_rows], autojunk=False
        )
        mark = self._mark_of(clause)
        for op, i1, i2, j1, j2 in rows.get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(pairs):
                for old_cell, new_cell in zip(
                    old_rows[i1 + k].findall(TC), new_rows[j1 + k].findall(TC), strict=True
                ):
                    self._align(
                        old_cell.findall(P), new_cell.findall(P),
                        [clause] * len(old_cell.findall(P)), [clause] * len(new_cell.findall(P)),
                        new_cell.append,
                    )  # fmt: skip
            for j in range(j1 + pairs, j2):
                self._mark_block(new_rows[j], INS, mark)
            place = new_rows[j1 + pairs] if j1 + pairs < len(new_rows) else None
            for i in range(i1 + pairs, i2):
                copy = self._copied(old_rows[i])
                self._mark_block(copy, DEL, mark)
                if place is not None:
                    place.addprevious(copy)
                else:
                    new.append(copy)

    def _diff_text(self, old: BaseOxmlElement, new: BaseOxmlElement, mark: Mark) -> None:
        """Replace the new paragraph's runs by the character diff of the two texts."""
        before, after = _text(old), _text(new)
        runs = new.findall(R)
        properties = runs[0].find(qn("w:rPr")) if runs else None
        anchor = runs[0] if runs else None
        for run in runs:
            if run is not anchor:
                new.remove(run)
        built: list[BaseOxmlElement] = []
        for op, i1, i2, j1, j2 in SequenceMatcher(
            None, before, after, autojunk=False
        ).get_opcodes():
            if op == "equal":
                built.append(_run(after[j1:j2], properties, deleted=False))
                continue
            if i2 > i1:
                built.append(
                    self._wrapped(DEL, mark, [_run(before[i1:i2], properties, deleted=True)])
                )
            if j2 > j1:
                built.append(
                    self._wrapped(INS, mark, [_run(after[j1:j2], properties, deleted=False)])
                )
        if anchor is not None:
            for element in built:
                anchor.addprevious(element)
            new.remove(anchor)
        else:
            for element in built:
                new.append(element)

    def _mark_block(self, block: BaseOxmlElement, kind: str, mark: Mark) -> None:
        """Every run of the block inserted (or deleted), and its paragraph marks and table rows
        with it, so that accepting (or rejecting) the change leaves no trace of it."""
        for paragraph in [block] if block.tag == P else list(block.iter(P)):
            properties = paragraph.find(qn("w:pPr"))
            if properties is None:
                properties = OxmlElement("w:pPr")
                paragraph.insert(0, properties)
            run_properties = properties.find(qn("w:rPr"))
            if run_properties is None:
                run_properties = OxmlElement("w:rPr")
                sect = properties.find(qn("w:sectPr"))
                if sect is not None:
                    sect.addprevious(run_properties)
                else:
                    properties.append(run_properties)
            run_properties.append(self._change_element(kind, mark))
        for row in [block] if block.tag == TR else list(block.iter(TR)):
            row_properties = row.find(qn("w:trPr"))
            if row_properties is None:
                row_properties = OxmlElement("w:trPr")
                exceptions = row.find(qn("w:tblPrEx"))  # trPr follows it, and comes before cells
                row.insert(1 if exceptions is not None else 0, row_properties)
            row_properties.append(self._change_element(kind, mark))
        for run in list(block.iter(R)):
            if kind == DEL:
                for old, new in ((T, DEL_T), (INSTR, DEL_INSTR)):
                    for text in run.findall(old):
                        text.tag = new
            wrapper = self._change_element(kind, mark)
            run.addprevious(wrapper)
            wrapper.append(run)

    def _wrapped(self, kind: str, mark: Mark, runs: list[BaseOxmlElement]) -> BaseOxmlElement:
        wrapper = self._change_element(kind, mark)
        for run in runs:
            wrapper.append(run)
        return wrapper

    def _change_element(self, kind: str, mark: Mark) -> BaseOxmlElement:
        element = OxmlElement("w:ins" if kind == INS else "w:del")
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), mark.author)
        element.set(qn("w:date"), mark.date)
        return element

    def _copied(self, block: BaseOxmlElement) -> BaseOxmlElement:
        """An old block to put into the new document: its pictures carried over, its section
        break and bookmarks left behind (they belong to the old layout)."""
        copy = deepcopy(block)
        for element in list(copy.iter(*BOOKMARKS, qn("w:sectPr"))):
            element.getparent().remove(element)
        for blip in copy.iter(qn("a:blip")):
            rid = blip.get(EMBED)
            if rid:
                blob = _part(self.old, rid).blob
                new_rid, _ = self.new.part.get_or_add_image(io.BytesIO(blob))
                blip.set(EMBED, new_rid)
        return copy

    def _mark_of(self, clause: str) -> Mark:
        return self.marks.get(clause, self.fallback)

    def _key(self, block: BaseOxmlElement, doc: DocxDocument) -> tuple[str, ...]:
        """What makes two blocks the same: their kind, style, text and pictures."""
        style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        pictures = tuple(
            hashlib.sha1(_part(doc, rid).blob).hexdigest()
            for blip in block.iter(qn("a:blip"))
            if (rid := blip.get(EMBED))
        )
        return (
            block.tag,
            style.get(qn("w:val")) if style is not None else "",
            _text(block),
            *pictures,
        )


def _part(doc: DocxDocument, rid: str) -> Part:
    return doc.part.related_parts[rid]


def _blocks(body: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    for child in body:
        if child.tag in (P, TBL):
            yield child


def _clauses(blocks: Sequence[BaseOxmlElement]) -> list[str]:
    """The clause number each block belongs to, by the headings before it."""
    current = FRONT
    found = []
    for block in blocks:
        style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if (
            block.tag == P
            and style is not None
            and _style_name(style.get(qn("w:val"))) in HEADING_STYLES
        ):
            current = _heading_number(_text(block)) or current
        found.append(current)
    return found


def _style_name(style_id: str | None) -> str:
    """python-docx gives a heading the style id `Heading1` for the name `Heading 1`."""
    text = style_id or ""
    return f"Heading {text[-1]}" if text.startswith("Heading") and text[-1:].isdigit() else text


def _heading_number(text: str) -> str:
    """`4.1　材料` -> `4.1`; `附　录　A…` -> `A`."""
    if text.startswith("附"):
        letters = [c for c in text.split("\n")[0] if c.isascii() and c.isalpha()]
        return letters[0] if letters else ""
    return text.split("\u3000", 1)[0].strip()


def _plain(paragraph: BaseOxmlElement) -> bool:
    """A paragraph of text runs alike: safe to diff by character."""
    runs = paragraph.findall(R)
    if any(child.tag not in (R, qn("w:pPr"), *BOOKMARKS) for child in paragraph):
        return False
    if any(part.tag not in PLAIN_RUN_PARTS for run in runs for part in run):
        return False
    looks = {_properties(run) for run in runs}
    return len(looks) <= 1


def _properties(run: BaseOxmlElement) -> str:
    found = run.find(qn("w:rPr"))
    return str(found.xml) if found is not None else ""


def _text(block: BaseOxmlElement) -> str:
    out = []
    for element in block.iter(T, qn("w:tab"), qn("w:br"), DEL_T):
        if element.tag in (T, DEL_T):
            out.append(element.text or "")
        else:
            out.append("\t" if element.tag == qn("w:tab") else "\n")
    return "".join(out)


def _run(text: str, properties: BaseOxmlElement | None, *, deleted: bool) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    if properties is not None:
        run.append(deepcopy(properties))
    for index, piece in enumerate(text.split("\t")):
        if index:
            run.append(OxmlElement("w:tab"))
        if piece:
            element = OxmlElement("w:delText" if deleted else "w:t")
            element.text = piece
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(element)
    return run


def _columns(table: BaseOxmlElement) -> int:
    return len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
