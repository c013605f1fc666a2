"""The labels Word's numbering writes before paragraphs — `4.1`, `附录A`, `表1`, `注1：`, `a)` —
resolved from `numbering.xml` as Word displays them, so that a draft whose labels are numbering
(the standardization administration's template numbers every heading, caption, note, example and
list item this way) is read as it looks. Pure: XML in, labels out.

Word's rules, as far as a reader needs them: a paragraph is numbered by its own `w:numPr` or its
style's (along `basedOn`, `numId` and `ilvl` each from the nearest that sets it; a level linked to
the style by `w:pStyle` when no `ilvl` is set); `numId` 0 switches numbering off. Counters belong to
the abstract numbering, shared by every `w:num` that uses it; a `w:startOverride` restarts them
where that `w:num` is first used. A level counts up from its `w:start`; a paragraph at a level
restarts the levels below it (unless their `w:lvlRestart` says otherwise). `%n` in the level's
text is level n's counter in that level's format (`w:isLgl`: in decimal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, untyped

from drafts.numbering import roman

LEVELS = 9
_CHINESE = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SEPARATORS = {"tab": "\t", "space": " ", "nothing": ""}


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    restart: int | None = None  # w:lvlRestart: restart after this level (0: never)
    legal: bool = False  # w:isLgl: every number in decimal
    style: str = ""  # w:pStyle: the paragraph style this level belongs to


@dataclass(frozen=True)
class Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride by level


@dataclass(frozen=True)
class Numbering:
    abstracts: dict[str, dict[int, Level]]
    instances: dict[str, Instance]

    def level(self, num_id: str, ilvl: int) -> Level | None:
        instance = self.instances.get(num_id)
        levels = self.abstracts.get(instance.abstract) if instance else None
        return levels.get(ilvl) if levels else None

    def styled_level(self, num_id: str, style_id: str) -> int | None:
        """The level of a numbering that names the style (`w:pStyle`), if any."""
        instance = self.instances.get(num_id)
        levels = self.abstracts.get(instance.abstract, {}) if instance else {}
        return next((n for n, level in levels.items() if level.style == style_id), None)


NO_NUMBERING = Numbering({}, {})


def read_numbering(root: etree._Element | None) -> Numbering:
    """The numbering part's definitions (an empty numbering when the document has none)."""
    if root is None:
        return NO_NUMBERING
    abstracts: dict[str, dict[int, Level]] = {}
    styled: dict[str, str] = {}  # a numbering style's name -> the abstract that defines it
    links: dict[str, str] = {}  # an abstract defined through a numbering style -> that style
    for abstract in root.findall(qn("w:abstractNum")):
        key = abstract.get(qn("w:abstractNumId"), "")
        abstracts[key] = {
            ilvl: _level(lvl)
            for lvl in abstract.findall(qn("w:lvl"))
            if (ilvl := _int(lvl.get(qn("w:ilvl")))) is not None and 0 <= ilvl < LEVELS
        }
        if link := _val(abstract, "w:styleLink"):
            styled[link] = key
        if link := _val(abstract, "w:numStyleLink"):
            links[key] = link
    for key, link in links.items():
        if link in styled and not abstracts[key]:
            abstracts[key] = abstracts[styled[link]]
    instances: dict[str, Instance] = {}
    for num in root.findall(qn("w:num")):
        starts = {}
        for override in num.findall(qn("w:lvlOverride")):
            ilvl, start = _int(override.get(qn("w:ilvl"))), _int(_val(override, "w:startOverride"))
            if ilvl is not None and start is not None:
                starts[ilvl] = start
        instances[num.get(qn("w:numId"), "")] = Instance(_val(num, "w:abstractNumId") or "", starts)
    return Numbering(abstracts, instances)


def _level(lvl: etree._Element) -> Level:
    suffix = _val(lvl, "w:suff") or "tab"
    return Level(
        start=_int(_val(lvl, "w:start")) or 0,  # absent: 0, as Word counts
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        suffix=SEPARATORS.get(suffix, "\t"),
        restart=_int(_val(lvl, "w:lvlRestart")),
        legal=lvl.find(qn("w:isLgl")) is not None,
        style=_val(lvl, "w:pStyle") or "",
    )


class Counters:
    """Walks a document's numbered paragraphs in order and says what Word displays for each."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[str, list[int | None]] = {}
        self.started: set[str] = set()

    def label(self, num_id: str, ilvl: int) -> tuple[str, str, str] | None:
        """The label's text, its separator from the paragraph's text, and the level's format;
        None when the paragraph is not numbered after all."""
        numbering = self.numbering
        instance = numbering.instances.get(num_id)
        if instance is None or num_id == "0":
            return None
        levels = numbering.abstracts.get(instance.abstract)
        if not levels or ilvl not in levels:
            return None
        counts = self.counts.setdefault(instance.abstract, [None] * LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in instance.starts.items():
                if 0 <= at < LEVELS:
                    counts[at] = start - 1
        level = levels[ilvl]
        current = counts[ilvl]
        counts[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):  # restarted by any level above, or as it says
            below = levels.get(deeper)
            if ilvl < (deeper if below is None or below.restart is None else below.restart):
                counts[deeper] = None
        text = level.text
        for n in range(LEVELS, 0, -1):  # %10 is not a level: `%1` then `0` (`%10.%2` is 0.1)
            token = f"%{n}"
            if token in text:
                shown = levels.get(n - 1, Level())
                value = counts[n - 1]
                number = shown.start if value is None else value
                fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
                text = text.replace(token, formatted(number, fmt))
        if level.fmt == "bullet":
            text = ""
        return text, level.suffix, level.fmt


def formatted(number: int, fmt: str) -> str:
    """A counter in one of Word's number formats (an unknown format in decimal)."""
    if fmt == "none":
        return ""
    if fmt in {"upperLetter", "lowerLetter"}:
        letter = chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in {"upperRoman", "lowerRoman"}:
        letters = roman(number)
        return letters if fmt == "upperRoman" else letters.lower()
    if fmt in {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"}:
        return _chinese(number)
    if fmt == "ideographTraditional" and 1 <= number <= 10:
        return _HEAVENLY[number - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= number <= 20:
        return _CIRCLED[number - 1]
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(number))
    return str(number)


def _chinese(number: int) -> str:
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE[tens] + "十")
    return head + (_CHINESE[ones] if ones else "") if tens else _CHINESE[ones]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _val(node: etree._Element, child: str) -> str | None:
    found = node.find(qn(child))
    return None if found is None else found.get(qn("w:val"))
