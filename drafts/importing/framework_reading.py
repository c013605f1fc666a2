"""A framework or draft in Word -> an outline and each clause's text in the clause grammar. Pure.

The outline comes from the headings (Word's heading styles or outline levels); a document with
none gives it from paragraphs that begin with a clause number. Under each heading, paragraphs
become paragraphs, tables tables (the caption `表1　…` above one its title, a last row `注：…`
merged across the table its notes), pictures figures (the caption `图1　…` below one its title),
`注：` notes, and in chapter 3 `3.1` and the line under it a term entry. What the exports write
themselves — the cover, the 目次, the standard's name above chapter 1, the fixed sentences — is
skipped, so that a draft exported to Word and imported again is the same draft. What cannot be
read is listed by paragraph; nothing is dropped without a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafts.document import REFERENCES_CHAPTER, TERMS_CHAPTER
from drafts.elements import (
    COLON,
    EXAMPLE_LABEL,
    LIST_MARKER,
    NOTE_LABEL,
    PICTURE_LIMIT,
    clean_text,
    figure_text,
    one_line,
    picture_kind,
)
from drafts.export import fixed_wording as fixed
from drafts.importing.docx_blocks import Block, Grid, Para, Picture
from drafts.importing.headings import (
    Head,
    designation_of,
    numbered_heading,
    read_head,
    squeezed,
    title_fits,
)
from drafts.numbering import BIBLIOGRAPHY, is_annex, parent

_TOC_STYLE = re.compile(r"toc\s*[0-9]|目录\s*[0-9]", re.I)
_NAME_STYLE = "标准文件_标准名称"
_TABLE_CAPTION = re.compile(r"表\s*(?:[A-Z][.．])?[0-9]+(?:（续）)?[\s\u3000]*(.*)", re.S)
_FIGURE_CAPTION = re.compile(r"图\s*(?:[A-Z][.．])?[0-9]*[\s\u3000]*(.*)", re.S)
_FORMULA = re.compile(r"\t?(.+?)\t（(?:[A-Z][.．])?[0-9]+）")
_TERM_NUMBER = re.compile(r"3(?:[.．][0-9]{1,3})+")
_TERM_HEAD = re.compile(r"(.*?[^\x00-\x7f])[\s\u3000]+([A-Za-z].*)")
_SOURCE = re.compile(r"\[?来源[：:](.*?)\]?")
_BIBLIO_NUMBER = re.compile(r"\[[0-9]+\][\s\u3000]*")
_ITEM = re.compile(LIST_MARKER)
_NOTE = re.compile(rf"(?:{NOTE_LABEL}|{EXAMPLE_LABEL})\s*{COLON}")
# The sentences the exports write themselves (GB/T 1.1—2020), whole or by their fixed start.
_FIXED_SENTENCES = frozenset(
    squeezed(s)
    for s in (
        fixed.GBT_NOTE,
        fixed.PATENT_NOTICE,
        fixed.PATENTS_OTHERWISE,
        fixed.REFERENCES_LEAD,
        fixed.NO_REFERENCES,
        fixed.TERMS_LEAD,
        fixed.NO_TERMS,
    )
)
_FIXED_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"本文件按照GB/T1\.1—2020.*的规定起草。",
        r"本文件代替.*主要技术变化如下：",
        r"本文件由.{1,100}提出(?:并归口)?。",
        r"本文件由.{1,100}归口。",
        r"本文件(?:主要)?起草(?:单位|人)：.*。",
        r"本文件(?:及其所代替文件)?的历次版本发布情况为：.*",
        r"本文件的发布机构(?:提请注意|对于该专利).*",
        r"该专利(?:申请)?持有人.*",
        r"专利(?:申请)?持有人姓名：.*",
    )
)


@dataclass(frozen=True)
class Problem:
    paragraph: int
    excerpt: str
    reason: str  # a catalog key: `import.problem.<reason>`


@dataclass(frozen=True)
class ImportedClause:
    number: str
    title: str
    annex: str
    text: str  # in the clause grammar
    figures: tuple[tuple[str, bytes], ...]  # the pictures the text names, by path
    paragraph: int  # where the heading is


@dataclass(frozen=True)
class Framework:
    clauses: tuple[ImportedClause, ...]
    problems: tuple[Problem, ...]
    skipped: int  # paragraphs of the cover and the 目次
    fixed: int  # sentences the exports write themselves


@dataclass
class _Clause:
    head: Head
    paragraph: int
    pieces: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    figures: list[tuple[str, bytes]] = field(default_factory=list)
    awaiting_title: bool = False  # an annex whose designation and title may follow
    fixed: int = 0  # fixed sentences found under it

    def generated(self) -> bool:
        """An 引言 that holds only the patent statement: the export writes it from the register."""
        return self.head.number == "引言" and self.fixed > 0 and not self.pieces

    def add(self, kind: str, text: str) -> None:
        self.pieces.append((kind, text))

    def last(self) -> str:
        return self.pieces[-1][0] if self.pieces else ""

    def text(self) -> str:
        """Pieces one after another: list items, a table's notes and a formula's 式中 lines
        close up; everything else is apart by an empty line."""
        out = ""
        previous = ""
        for kind, text in self.pieces:
            glued = (previous, kind) in _GLUED
            out += (("\n" if glued else "\n\n") + text) if out else text
            previous = "table" if kind == "table-note" else kind
        return clean_text(out)


_GLUED = {("item", "item"), ("table", "table-note"), ("formula", "where"), ("where", "where")}


def read_framework(
    blocks: Sequence[Block], *, title: str, existing: set[str], figure_prefix: str
) -> Framework:
    """`title`: the project's, so that the standard's name above chapter 1 is not taken for
    text; `existing`: the clause numbers the outline has (a heading's parent may be one of
    them); `figure_prefix`: names this import's picture files."""
    return _Walk(blocks, title, existing, figure_prefix).run()


class _Walk:
    def __init__(
        self, blocks: Sequence[Block], title: str, existing: set[str], prefix: str
    ) -> None:
        self.blocks = blocks
        self.title = squeezed(title)
        self.known = set(existing)
        self.prefix = prefix
        self.styled = any(isinstance(b, Para) and b.level and b.text.strip() for b in blocks)
        self.clauses: list[_Clause] = []
        self.current: _Clause | None = None
        self.ignoring = True  # before the first heading, in the 目次, under a refused heading
        self.seen: set[str] = set()
        self.position: list[str] = []
        self.problems: list[Problem] = []
        self.skipped = 0
        self.fixed = 0
        self.term: dict[str, list[str]] | None = None
        self.pictures = 0

    def run(self) -> Framework:
        index = 0
        while index < len(self.blocks):
            index = self.block(index)
        self.close_term()
        clauses = tuple(
            ImportedClause(
                c.head.number, c.head.title, c.head.annex, c.text(), tuple(c.figures), c.paragraph
            )
            for c in self.clauses
            if not c.generated()
        )
        return Framework(clauses, tuple(self.problems), self.skipped, self.fixed)

    def problem(self, para: Para | Grid, reason: str, excerpt: str = "") -> None:
        text = excerpt or (para.text if isinstance(para, Para) else "")
        text = " ".join(text.split())
        self.problems.append(
            Problem(para.index, text[:30] + ("…" if len(text) > 30 else ""), reason)
        )

    # -- blocks ---------------------------------------------------------------------------------
    def block(self, index: int) -> int:
        block = self.blocks[index]
        if isinstance(block, Grid):
            if self.ignoring or self.current is None:
                self.skipped += 1
            else:
                self.table(block, "")
            return index + 1
        head = self.heading(block)
        if head is not None:
            self.open(block, head)
            return index + 1
        if self.ignoring or self.current is None:
            self.skipped += bool(block.text.strip() or block.pictures)
            return index + 1
        return self.paragraph(index, block)

    def heading(self, para: Para) -> Head | None:
        text = para.text.strip()
        if not text or _TOC_STYLE.match(para.style):
            return None
        if self.in_terms() and (_TERM_NUMBER.fullmatch(text) or para.style.endswith("术语条目")):
            return None  # a term entry's number, not a clause
        if self.styled:
            if not para.level:
                return None
            return read_head(text) or Head("", one_line(text))
        return numbered_heading(text)

    def open(self, para: Para, head: Head) -> None:
        self.close_term()
        if head.contents:
            self.ignoring, self.current = True, None
            self.skipped += 1
            return
        if not head.number:
            head = self.derived(para, head)
            if not head.number:
                return
        if not title_fits(head.title):
            self.refuse(para, "title_too_long")
            return
        if head.number in self.seen:
            self.refuse(para, "repeated")
            return
        up = parent(head.number)
        if up is not None and up not in self.seen and up not in self.known:
            self.refuse(para, "orphan")
            return
        if not head.title and not is_annex(head.number):
            if head.number in {"前言", "引言", BIBLIOGRAPHY}:
                head = Head(head.number, head.number)
            else:
                self.refuse(para, "no_title")
                return
        self.seen.add(head.number)
        if "." in head.number or head.number[0].isdigit() or is_annex(head.number):
            self.position = head.number.split(".")
        self.current = _Clause(head, para.index, awaiting_title=is_annex(head.number))
        self.clauses.append(self.current)
        self.ignoring = False

    def refuse(self, para: Para, reason: str) -> None:
        """A heading that cannot be taken: listed, and what is under it is not imported."""
        self.problem(para, reason)
        self.ignoring, self.current = True, None

    def derived(self, para: Para, head: Head) -> Head:
        """A heading Word numbers itself: its number from its level and the headings before."""
        level = para.level
        if level > len(self.position) + 1:
            self.refuse(para, "level")
            return head
        above = self.position[: level - 1]
        if len(self.position) >= level:
            current = self.position[level - 1]
            following = chr(ord(current) + 1) if current.isalpha() else str(int(current) + 1)
        else:
            following = "1"
        return Head(".".join([*above, following]), head.title, head.annex)

    # -- text under a heading -----------------------------------------------------------------
    def paragraph(self, index: int, para: Para) -> int:
        clause = self.current
        assert clause is not None
        text = para.text.strip()
        if clause.awaiting_title and text and not para.pictures and self.annex_line(clause, text):
            return index + 1
        clause.awaiting_title = False
        if para.pictures:
            return self.figures(index, para)
        if not text:
            if para.math:
                self.problem(para, "math", "（公式）")
            return index + 1
        if (
            _TOC_STYLE.match(para.style)
            or para.style == _NAME_STYLE
            or squeezed(text) == self.title
        ):
            self.skipped += 1
            return index + 1
        if self.is_fixed(text):
            self.fixed += 1
            clause.fixed += 1
            return index + 1
        if para.math:
            self.problem(para, "math")
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if isinstance(following, Grid) and (caption := _TABLE_CAPTION.fullmatch(text)):
            self.table(following, caption.group(1).strip())
            return index + 2
        if self.in_terms() and self.term_line(para, text):
            return index + 1
        self.close_term()
        for line in text.split("\n"):
            if line.strip():
                self.line(para, line.strip())
        return index + 1

    def annex_line(self, clause: _Clause, text: str) -> bool:
        """`（规范性）` and the title under an annex's `附录A`, where they are lines of their own."""
        designation = designation_of(text)
        if designation and not clause.head.annex:
            clause.head = Head(clause.head.number, clause.head.title, designation)
            return True
        if not clause.head.title and len(text) <= 60 and not text.endswith("。"):
            clause.head = Head(clause.head.number, one_line(text), clause.head.annex)
            clause.awaiting_title = False
            return True
        return False

    def line(self, para: Para, line: str) -> None:
        clause = self.current
        assert clause is not None
        if match := _FORMULA.fullmatch(para.text.strip("\n")):
            clause.add("formula", f"公式：{match.group(1).strip()}")
            return
        line = line.replace("\t", " ")
        if line == fixed.WHERE or (clause.last() in {"formula", "where"} and "——" in line):
            clause.add("where", line)
            return
        if clause.head.number == BIBLIOGRAPHY:
            clause.add("text", _BIBLIO_NUMBER.sub("", line, count=1))
            return
        if _ITEM.match(line) or (para.numbered and clause.head.number != REFERENCES_CHAPTER):
            clause.add("item", line if _ITEM.match(line) else f"——{line}")
            return
        clause.add("text", line)

    def is_fixed(self, text: str) -> bool:
        flat = squeezed(text)
        return flat in _FIXED_SENTENCES or any(p.fullmatch(flat) for p in _FIXED_PATTERNS)

    # -- tables and figures --------------------------------------------------------------------
    def table(self, grid: Grid, title: str) -> None:
        clause = self.current
        assert clause is not None
        self.close_term()
        kept = [i for i, row in enumerate(grid.rows) if any(cell.strip() for cell in row)]
        notes: list[str] = []
        while kept and kept[-1] in grid.full_rows and _NOTE.match(grid.rows[kept[-1]][0].strip()):
            cell = grid.rows[kept.pop()][0]
            notes = [line.strip() for line in cell.split("\n") if line.strip()] + notes
        rows = [grid.rows[i] for i in kept]
        if len(rows) < 2:
            self.problem(grid, "one_row_table", " ".join(c for row in rows for c in row))
            for row in rows:
                clause.add("text", "　".join(cell for cell in row if cell))
            return
        width = max(len(row) for row in rows)
        lines = [f"表：{title}"] if title else []
        lines += [_row_line(row, width) for row in rows]
        clause.add("table", "\n".join(lines))
        for note in notes:
            clause.add("table-note", note)

    def figures(self, index: int, para: Para) -> int:
        clause = self.current
        assert clause is not None
        self.close_term()
        caption_at = index + 1
        following = self.blocks[caption_at] if caption_at < len(self.blocks) else None
        title = ""
        if isinstance(following, Para) and not following.pictures:
            match = _FIGURE_CAPTION.fullmatch(following.text.strip())
            if match and following.text.strip():
                title = one_line(match.group(1))
                index = caption_at
        for picture in para.pictures:
            self.figure(para, picture, title)
        text = para.text.strip()
        if text:
            for line in text.split("\n"):
                if line.strip():
                    self.line(para, line.strip())
        return index + 1

    def figure(self, para: Para, picture: Picture, title: str) -> None:
        clause = self.current
        assert clause is not None
        kind = picture_kind(picture.data)
        if kind is None:
            self.problem(para, "picture_format", picture.content_type)
            return
        if len(picture.data) > PICTURE_LIMIT:
            self.problem(para, "picture_too_large")
            return
        self.pictures += 1
        path = f"figures/{self.prefix}-{self.pictures:03d}.{kind}"
        clause.figures.append((path, picture.data))
        clause.add("figure", figure_text(title, path))

    # -- terms of chapter 3 ----------------------------------------------------------------------
    def in_terms(self) -> bool:
        return self.current is not None and self.current.head.number == TERMS_CHAPTER

    def term_line(self, para: Para, text: str) -> bool:
        """A term entry: its number (`3.1`), the term with its English, the definition, notes
        and the source; False for a line that is not part of one."""
        if _TERM_NUMBER.fullmatch(text) or (para.style.endswith("术语条目") and text[0].isdigit()):
            self.close_term()
            self.term = {"head": [], "lines": [], "notes": [], "source": []}
            return True
        term = self.term
        if term is None:
            return False
        if not term["head"]:
            match = _TERM_HEAD.fullmatch(text)
            term["head"] = [match.group(1).strip(), match.group(2).strip()] if match else [text]
        elif _NOTE.match(text):
            term["notes"].append(text)
        elif source := _SOURCE.fullmatch(text):
            term["source"] = [source.group(1).strip()]
        else:
            term["lines"].append(text)
        return True

    def close_term(self) -> None:
        term, self.term = self.term, None
        if term is None or self.current is None:
            return
        if not term["head"]:
            return
        head = " | ".join(term["head"])
        lines = [f"术语：{head}", *term["lines"], *term["notes"]]
        lines += [f"来源：{source}" for source in term["source"]]
        self.current.add("term", "\n".join(lines))


def _row_line(row: tuple[str, ...], width: int) -> str:
    """A row in the stored form: cells apart by tabs (a one-column table as `| cell |`)."""
    cells = [" ".join(cell.split()).replace("|", "｜") for cell in row]
    cells += [""] * (width - len(cells))
    if width == 1:
        return f"| {cells[0]} |"
    return "\t".join(cells)
