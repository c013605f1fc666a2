"""The 编制说明 as a second document of the project's repository: twelve sections, each a file of
clause-grammar text under `notes/`, written from the chat (`/note`). Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from drafts.document import Section, build_sections
from drafts.meta import Clause

TITLES = (
    "工作简况",
    "标准编制原则和主要内容",
    "主要试验（或验证）情况分析",
    "标准中涉及专利的情况",
    "预期达到的社会效益、对产业发展的作用",
    "与国际、国外同类标准技术内容的对比情况",
    "与现行相关法律、法规、规章及相关标准的协调性",
    "重大分歧意见的处理经过和依据",
    "标准性质的建议说明",
    "贯彻标准的要求和措施建议",
    "废止现行相关标准的建议",
    "其他应予说明的事项",
)
NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
# The sections the bot writes from its records (一 work so far, 四 patents, 八 disagreements); the
# members' text follows the generated part.
GENERATED = frozenset({1, 4, 8})
FOLDER = "notes/"
TO_WRITE = "（待补充）"

_WORD = re.compile(r"(?P<word>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[、.．]?")


def section_path(section: int) -> str:
    return f"{FOLDER}{section:02d}.md"


def section_of_path(path: str) -> int | None:
    match = re.fullmatch(rf"{FOLDER}(\d\d)\.md", path)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= len(TITLES) else None


def section_heading(section: int) -> str:
    """`二、标准编制原则和主要内容`."""
    return f"{NUMERALS[section - 1]}、{TITLES[section - 1]}"


def parse_section(word: str) -> int | None:
    """A section as people name it: `二`, `二、`, `2`, `２`, `十二` -> its number 1–12."""
    match = _WORD.fullmatch(unicodedata.normalize("NFKC", word.strip()))
    if match is None:
        return None
    word = match["word"]
    number = int(word) if word.isdigit() else NUMERALS.index(word) + 1 if word in NUMERALS else 0
    return number if 1 <= number <= len(TITLES) else None


def sections(texts: Mapping[int, str]) -> tuple[Section, ...]:
    """The twelve sections as the document model (section -> stored text): the clause grammar
    works in them as in a clause, their tables numbered through the 编制说明."""
    clauses = [Clause(f"note-{n}", NUMERALS[n - 1], TITLES[n - 1]) for n in range(1, 13)]
    return build_sections(clauses, {f"note-{n}": text for n, text in texts.items()})


def empty_sections(texts: Mapping[int, str]) -> list[int]:
    """The sections nobody wrote and the bot does not write: they would read （待补充）."""
    return [
        n for n in range(1, len(TITLES) + 1) if n not in GENERATED and not texts.get(n, "").strip()
    ]
