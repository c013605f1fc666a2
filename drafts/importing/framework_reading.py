"""A framework or draft in Word -> an outline and each clause's elements (the document model of
drafts/elements.py), built from what the file says a paragraph is — its style's role, the label
Word's numbering writes, its place — as Pandoc's readers build its AST. Pure.

The outline comes from the headings (Word's heading styles, a template's clause styles, outline
levels); a document with none gives it from paragraphs that begin with a clause number. Under
each heading, paragraphs become paragraphs, tables tables (the caption `表1　…` above one, blank
lines between allowed, its title; a last row `注：…` merged across the table its notes), pictures
figures (the caption `图1　…` below one its title), notes and examples, list items, formulas with
their legend, and in chapter 3 term entries. Text typed as the chat types it (`注：…`, `a) …`) is
read by the clause grammar. The stored form is `written(elements)`, which the grammar reads back as
the same elements. What the exports write themselves — the cover, the 目次, the standard's name,
the fixed sentences — is left out and listed, so that a draft exported to Word and imported again
is the same draft; what each paragraph became is reported by kind, what cannot be read by
paragraph: nothing is dropped without a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafts.document import REFERENCES_CHAPTER, TERMS_CHAPTER, role_of
from drafts.elements import (
    COLON,
    EXAMPLE_LABEL,
    LIST_MARKER,
    NOTE_LABEL,
    PICTURE_LIMIT,
    Element,
    Figure,
    Formula,
    ListBlock,
    Note,
    Paragraph,
    Table,
    Term,
    one_line,
    parse,
    picture_kind,
    written,
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
from drafts.importing.template_styles import Role
from drafts.numbering import BIBLIOGRAPHY, is_annex, parent

_TOC_STYLE = re.compile(r"toc\s*[0-9]|目录\s*[0-9]", re.I)
_UNNUMBERED_HEADS = frozenset({"前言", "引言", "参考文献", "目次", "目录"})
# Styles whose paragraphs are never a heading, whatever outline level the template gives them.
_NEVER_HEADS = frozenset(
    {
        Role.UNTITLED,
        Role.TERM,
        Role.NOTE,
        Role.EXAMPLE,
        Role.TABLE_CAPTION,
        Role.FIGURE_CAPTION,
        Role.ITEM,
        Role.REFERENCE,
        Role.ANNEX_TITLE,
    }
)
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
    elements: tuple[Element, ...]  # the document model, as the Word file laid it out
    figures: tuple[tuple[str, bytes], ...]  # the pictures the elements name, by path
    paragraph: int  # where the heading is

    @property
    def text(self) -> str:
        """The elements in the stored form, the clause grammar."""
        return written(self.elements)


@dataclass(frozen=True)
class Reading:
    """What so many paragraphs were read as (or why they were left out), with excerpts."""

    kind: str  # a catalog key: `import.kind.<kind>`
    examples: tuple[str, ...]  # every one's excerpt, in order, `4.1 注1：…`

    @property
    def count(self) -> int:
        return len(self.examples)


# Kinds of text that is not imported: the preview lists every one of them.
LEFT_OUT = frozenset({"cover", "contents", "name", "fixed", "refused"})


@dataclass(frozen=True)
class Framework:
    clauses: tuple[ImportedClause, ...]
    problems: tuple[Problem, ...]
    readings: tuple[Reading, ...] = ()

    def count(self, *kinds: str) -> int:
        return sum(r.count for r in self.readings if r.kind in kinds)

    @property
    def skipped(self) -> int:
        """Paragraphs of the cover, the 目次 and the standard's name."""
        return self.count("cover", "contents", "name")

    @property
    def fixed(self) -> int:
        """Sentences the exports write themselves."""
        return self.count("fixed")


@dataclass
class _Clause:
    head: Head
    paragraph: int
    elements: list[Element] = field(default_factory=list)
    figures: list[tuple[str, bytes]] = field(default_factory=list)
    awaiting_title: bool = False  # an annex whose designation and title may follow
    fixed: int = 0  # fixed sentences found under it

    def generated(self) -> bool:
        """An 引言 that holds only the patent statement: the export writes it from the register."""
        return self.head.number == "引言" and self.fixed > 0 and not self.elements

    def last(self) -> Element | None:
        return self.elements[-1] if self.elements else None

    def typed(self, line: str) -> None:
        """A line of text as the clause grammar reads it, as if a member had typed it here."""
        self.elements += parse(line, role_of(self.head.number))

    def item(self, line: str) -> None:
        """A list item: the list before it goes on when nothing came between them."""
        [block] = parse(line)
        previous = self.last()
        if isinstance(block, ListBlock) and isinstance(previous, ListBlock):
            self.elements[-1] = ListBlock(previous.items + block.items)
        else:
            self.elements.append(block)


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
        self.shift = 0  # heading levels above the chapters' (the standard's name as Heading 1)
        self.annexes = 0
        self.read: dict[str, list[str]] = {}
        self.clauses: list[_Clause] = []
        self.current: _Clause | None = None
        self.ignoring = True  # before the first heading, in the 目次, under a refused heading
        self.in_contents = False
        self.legend_open = False  # a `式中：` line has opened the legend of the formula above
        self.seen: set[str] = set()
        self.position: list[str] = []
        self.problems: list[Problem] = []
        self.term: dict[str, list[str]] | None = None
        self.pictures = 0

    def run(self) -> Framework:
        index = 0
        while index < len(self.blocks):
            index = self.block(index)
        self.close_term()
        clauses = tuple(
            ImportedClause(
                c.head.number,
                c.head.title,
                c.head.annex,
                tuple(c.elements),
                tuple(c.figures),
                c.paragraph,
            )
            for c in self.clauses
            if not c.generated()
        )
        readings = tuple(Reading(kind, tuple(found)) for kind, found in self.read.items())
        return Framework(clauses, tuple(self.problems), readings)

    def tally(self, kind: str, text: str) -> None:
        """One paragraph (or table, or picture) read as `kind`, for the preview."""
        flat = " ".join(text.split())
        where = self.current.head.number if self.current and kind not in LEFT_OUT else ""
        excerpt = flat[:30] + ("…" if len(flat) > 30 else "")
        self.read.setdefault(kind, []).append(f"{where} {excerpt}".strip())

    def left_out(self, block: Para | Grid) -> None:
        """Text before the first heading, in the 目次 or under a refused heading."""
        if isinstance(block, Grid):
            text = " ".join(cell for row in block.rows for cell in row if cell)
        else:
            text = block.text if block.text.strip() else "（图）" * len(block.pictures)
        if text.strip():
            kind = "refused" if self.clauses or self.problems else "cover"
            self.tally("contents" if self.in_contents else kind, text)

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
                self.left_out(block)
            else:
                self.table(block, "")
            return index + 1
        if block.role is Role.COVER and block.text.strip():
            self.tally("cover", block.text)
            return index + 1
        if self.is_name(index, block):
            self.tally("name", block.text)
            return index + 1
        head = self.heading(block)
        if head is not None:
            self.open(block, head)
            return index + 1
        if self.ignoring or self.current is None:
            self.left_out(block)
            return index + 1
        return self.paragraph(index, block)

    def is_name(self, index: int, para: Para) -> bool:
        """The standard's name above chapter 1 (the exports write it): in a name style, or the
        project's title, or — as some drafts have it — the first heading, unnumbered, with the
        chapters a level below it (their levels are then read one up)."""
        text = para.text.strip()
        if not text or _TOC_STYLE.match(para.style):
            return False
        flat = squeezed(text)
        if para.role is Role.NAME or (para.role is Role.CONTENTS and flat not in _UNNUMBERED_HEADS):
            return True
        before_chapters = not any(number[0].isdigit() for number in self.seen)
        if flat == self.title and (para.level or not self.ignoring):
            self.shift = para.level if before_chapters and para.level else self.shift
            return True
        if not (self.styled and para.level and before_chapters and para.role is Role.BODY):
            return False
        head = read_head(text)
        if head is not None and (head.number or head.contents):
            return False
        later = [b for b in self.blocks[index + 1 :] if isinstance(b, Para) and b.level]
        if not later or later[0].level <= para.level:
            return False
        if any(b.level <= para.level and not _matter(b) for b in later):
            return False  # an unnumbered chapter with clauses under it, not the name
        self.shift = para.level
        return True

    def heading(self, para: Para) -> Head | None:
        text = para.text.strip()
        if not text or _TOC_STYLE.match(para.style) or para.role in _NEVER_HEADS:
            return None
        if self.in_terms() and (_TERM_NUMBER.fullmatch(text) or para.style.endswith("术语条目")):
            return None  # a term entry's number, not a clause
        if para.role is Role.ANNEX or (para.level == 1 and designation_of(text.split("\n")[0])):
            return self.annex_head(para)  # `（资料性）` heading a top-level heading: an annex
        if para.role is Role.FRONT or squeezed(text) in _UNNUMBERED_HEADS:
            return read_head(para.own)  # 前言, 引言, 参考文献, 目次: a heading in any style
        if self.styled:
            if not para.level:
                return None
            head = read_head(text)
            if head is None or not (head.number or head.contents):  # a label not of a clause
                head = read_head(para.own) or Head("", one_line(para.own or text))
            return head
        return numbered_heading(text)

    def annex_head(self, para: Para) -> Head:
        """An annex heading: `附录A` by Word's numbering or typed; with neither, the next letter."""
        head = read_head(para.text.strip())
        if head is not None and is_annex(head.number):
            return head
        own = para.own.strip()
        designation = next((d for line in own.split("\n") if (d := designation_of(line))), "")
        title = " ".join(line for line in own.split("\n") if not designation_of(line))
        return Head(chr(ord("A") + self.annexes), one_line(title), designation)

    def open(self, para: Para, head: Head) -> None:
        self.close_term()
        if head.contents:
            self.ignoring, self.current, self.in_contents = True, None, True
            self.tally("contents", para.text)
            return
        self.in_contents = False
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
        self.annexes += is_annex(head.number)
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
        level = para.level - self.shift if para.level > self.shift else para.level
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
        if _TOC_STYLE.match(para.style) or squeezed(text) == self.title:
            self.tally("contents" if _TOC_STYLE.match(para.style) else "name", text)
            return index + 1
        if self.is_fixed(text):
            self.tally("fixed", text)
            clause.fixed += 1
            return index + 1
        if para.math:
            self.problem(para, "math")
        caption = _TABLE_CAPTION.fullmatch(text)
        if caption or para.role is Role.TABLE_CAPTION:
            at = self.next_block(index)
            if isinstance(self.blocks[at] if at < len(self.blocks) else None, Grid):
                grid = self.blocks[at]
                assert isinstance(grid, Grid)
                self.table(grid, (caption.group(1) if caption else para.own).strip())
                return at + 1
        shown = self.shown(para, text)
        if self.in_terms() and self.term_line(para, shown):
            return index + 1
        self.close_term()
        if para.role is Role.UNTITLED:
            self.tally("untitled", text)
            clause.elements.append(Paragraph(one_line(text)))
            return index + 1
        for line in shown.split("\n"):
            if line.strip():
                self.line(para, line.strip())
        return index + 1

    def next_block(self, index: int) -> int:
        """The block after `index`, past empty paragraphs (a caption a blank line above its table)."""
        at = index + 1
        while at < len(self.blocks):
            block = self.blocks[at]
            if not isinstance(block, Para) or block.text.strip() or block.pictures:
                return at
            at += 1
        return at

    def shown(self, para: Para, text: str) -> str:
        """A paragraph's text in the clause grammar's words: a note or example style without its
        label gets one; a list item Word numbers with a label the grammar has not (`1.`, `①`,
        a bullet) is a `——` item."""
        clause = self.current
        assert clause is not None
        if para.role in {Role.NOTE, Role.EXAMPLE} and not _NOTE.match(text):
            return ("注：" if para.role is Role.NOTE else "示例：") + para.own.strip()
        if para.label.strip() and _NOTE.fullmatch(para.label.strip()):
            return para.label.strip() + para.own.strip()  # `注：` and its text close up
        listed = para.numbered and para.role in {Role.ITEM, Role.BODY}
        if (
            listed
            and not _ITEM.match(text)
            and clause.head.number not in {REFERENCES_CHAPTER, BIBLIOGRAPHY}
        ):
            return f"——{para.own.strip()}"
        return text

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
            self.tally("formula", match.group(1))
            clause.elements.append(Formula(match.group(1).strip()))
            self.legend_open = False
            return
        line = line.replace("\t", " ")
        formula = clause.last()
        if isinstance(formula, Formula) and self.legend(formula, line):
            return
        if clause.head.number == BIBLIOGRAPHY:
            self.tally("reference", line)
            clause.typed(_BIBLIO_NUMBER.sub("", line, count=1))
            return
        if _ITEM.match(line):
            self.tally("item", line)
            clause.item(line)
            return
        if note := _NOTE.match(line):
            self.tally("example" if note.group(0).startswith("示例") else "note", line)
        elif clause.head.number in {"前言", "引言"}:
            self.tally("front", line)
        clause.typed(line)

    def legend(self, formula: Formula, line: str) -> bool:
        """`式中：` and the lines `p——…；` under a formula: its legend."""
        clause = self.current
        assert clause is not None
        if line.startswith(fixed.WHERE) and not formula.where and not self.legend_open:
            rest = line[len(fixed.WHERE) :].strip()
            where: tuple[str, ...] = (rest,) if rest else ()
        elif "——" in line and not line.startswith("——") and self.legend_open:
            where = (*formula.where, line)
        else:
            return False
        self.legend_open = True
        clause.elements[-1] = Formula(formula.expression, where)
        return True

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
                clause.typed("　".join(one_line(cell) for cell in row if cell))
            return
        width = max(len(row) for row in rows)
        cells = [tuple(one_line(cell) for cell in row) + ("",) * (width - len(row)) for row in rows]
        table_notes = tuple(n for note in notes for n in parse(note) if isinstance(n, Note))
        self.tally("table", f"{title or '（无表题）'}（{len(rows)} 行）")
        clause.elements.append(Table(cells[0], tuple(cells[1:]), one_line(title), table_notes))

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
        self.tally("figure", title or "（无图题）")
        clause.elements.append(Figure(title, path))

    # -- terms of chapter 3 ----------------------------------------------------------------------
    def in_terms(self) -> bool:
        return self.current is not None and self.current.head.number == TERMS_CHAPTER

    def term_line(self, para: Para, text: str) -> bool:
        """A term entry: its number (`3.1`), the term with its English, the definition, notes
        and the source; False for a line that is not part of one."""
        numbered = _TERM_NUMBER.fullmatch(text) or (
            para.style.endswith("术语条目") and text[0].isdigit()
        )
        if numbered or para.role is Role.TERM:
            self.close_term()
            self.term = {"head": [], "lines": [], "notes": [], "source": []}
            own = para.own.strip() if para.role is Role.TERM else ""
            if own and not _TERM_NUMBER.fullmatch(own):  # the term on its number's line
                self.term_line(Para(para.index, own, para.style, 0, False), own)
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
        self.tally("term", " | ".join(term["head"]))
        notes = tuple(n for note in term["notes"] for n in parse(note) if isinstance(n, Note))
        name, english = (term["head"] + [""])[:2]
        source = term["source"][0] if term["source"] else ""
        definition = "\n".join(term["lines"])
        self.current.elements.append(Term(name, english, definition, notes, source))


def _matter(para: Para) -> bool:
    """A heading of the front or back matter, or an annex: not a chapter."""
    head = read_head(para.text.strip())
    return para.role in {Role.FRONT, Role.ANNEX} or (
        head is not None and (head.contents or bool(head.number and not head.number[0].isdigit()))
    )
