"""What a heading of a Word document says: a clause number and title (`4.1　材料`), an annex
(`附　录　A（规范性）试验方法`), the front and back matter (`前　　言`, `参考文献`), or the 目次.
Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.elements import one_line
from drafts.numbering import (
    BACK_MATTER,
    DESIGNATIONS,
    FRONT_MATTER,
    TITLE_LIMIT,
    NotANumber,
    is_annex,
    is_unnumbered,
    normalize,
)

_SPACE = r"[\s\u3000]"
# A number, then (after optional space) the title; `2019年` is not clause 201 of title `9年`.
_NUMBERED = re.compile(
    rf"([1-9][0-9]{{0,2}}(?:[.．][0-9]{{1,3}}){{0,5}}|[A-Z](?:[.．][0-9]{{1,3}}){{1,5}})"
    rf"[.．]?(?![0-9.．A-Za-z]){_SPACE}*(.*)",  # `4.1.` as some write it is 4.1
    re.S,
)
_ANNEX = re.compile(rf"(?:附{_SPACE}*录|[Aa]nnex){_SPACE}*([A-Z])(?![A-Za-z]){_SPACE}*(.*)", re.S)
_DESIGNATION = re.compile(r"[(（]\s*(规范性|资料性|normative|informative)\s*[)）]", re.I)
_CONTENTS = {"目次", "目录", "contents"}
# A numbered line of body text in a document without heading styles is a heading only when its
# title is short and is not a sentence.
NUMBERED_TITLE_LIMIT = 40
_SENTENCE_END = tuple("。；;，,：:")


@dataclass(frozen=True)
class Head:
    number: str  # `4.1`, `A`, `前言`, `参考文献`; empty: the heading gave none
    title: str
    annex: str = ""  # 规范性 | 资料性 for an annex heading that says so
    contents: bool = False  # the 目次: what follows is not the standard's text


def squeezed(text: str) -> str:
    return re.sub(rf"{_SPACE}+", "", text)


def read_head(text: str) -> Head | None:
    """The heading a line of text is, or None when it reads as no heading at all."""
    flat = squeezed(text)
    if not flat:
        return None
    if flat.lower() in _CONTENTS:
        return Head("", flat, contents=True)
    unnumbered = FRONT_MATTER | BACK_MATTER
    if flat.lower() in unnumbered:
        return Head(unnumbered[flat.lower()], flat)
    if match := _ANNEX.fullmatch(text.strip()):
        rest = match.group(2)
        designation = _DESIGNATION.search(rest)
        annex = DESIGNATIONS[designation.group(1).lower()] if designation else ""
        title = _DESIGNATION.sub(" ", rest)
        return Head(match.group(1), one_line(title), annex)
    if match := _NUMBERED.fullmatch(text.strip()):
        try:
            number = normalize(match.group(1))
        except NotANumber:
            return None
        return Head(number, one_line(match.group(2)))
    return None


def designation_of(text: str) -> str:
    """`（规范性）` alone on its line -> 规范性; anything else -> ""."""
    match = _DESIGNATION.fullmatch(text.strip())
    return DESIGNATIONS[match.group(1).lower()] if match else ""


def numbered_heading(text: str) -> Head | None:
    """In a document without heading styles: a line that starts with a clause number and has a
    short title, an annex line, or the front and back matter."""
    head = read_head(text)
    if head is None or head.contents or not head.number:
        return head
    if not head.title and not is_annex(head.number) and not is_unnumbered(head.number):
        return None  # a number alone on a line is not a heading without heading styles
    if head.title and len(head.title) > NUMBERED_TITLE_LIMIT:
        return None
    if head.title.endswith(_SENTENCE_END) or ("\n" in text.strip() and not _ANNEX.match(text)):
        return None
    return head


def title_fits(title: str) -> bool:
    return len(title) <= TITLE_LIMIT
