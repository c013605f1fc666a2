"""What a paragraph style is for, by its name: the style families of the standardization
administration's GB/T 1.1 Word template (`标准文件_章标题`, `…_一级条标题`, `…_附录标识`, `…_术语条一`,
`…_注：`, `…_正文表标题` …) and the templates that copy it, whatever their prefix (`标准文件_`,
`团体标准_`, none) or their style ids (Word's are opaque: `affc`). Pure."""

from __future__ import annotations

import re
from enum import StrEnum


class Role(StrEnum):
    BODY = "body"
    COVER = "cover"  # the cover's lines: never the standard's text
    CONTENTS = "contents"  # the 目次's title
    NAME = "name"  # the standard's name above chapter 1: the exports write it
    FRONT = "front"  # the 前言 and 引言 headings
    HEADING = "heading"  # 章标题, 一级条标题 … 五级条标题 (in an annex too)
    UNTITLED = "untitled"  # 一级无标题 …: a numbered clause without a title
    ANNEX = "annex"  # 附录标识: `附录A`, its designation and title
    ANNEX_TITLE = "annex_title"  # an annex's title in a paragraph of its own
    TERM = "term"  # 术语条一 …: a term's number
    NOTE = "note"  # 注：, 注×：
    EXAMPLE = "example"  # 示例：, 示例×：
    TABLE_CAPTION = "table_caption"
    FIGURE_CAPTION = "figure_caption"
    ITEM = "item"  # 破折号列项, 字母编号列项, 数字编号列项, 一级项 …
    REFERENCE = "reference"  # 参考文献条目


_LEVELS = "一二三四五"
_CLAUSE = re.compile(rf"(?:附录)?([{_LEVELS}])级条标题")
_UNTITLED = re.compile(rf"(?:附录)?([{_LEVELS}])级无标题")
# In the order they are tried: the first whose pattern a name contains gives the role.
_BY_NAME: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(pattern), role)
    for pattern, role in (
        (r"封面|发布|实施|ICS|标准代替|标准部门", Role.COVER),
        (r"英文", Role.BODY),  # an English caption or note beside the Chinese one
        (r"目次|目录", Role.CONTENTS),
        (r"前言|引言标题", Role.FRONT),
        (r"标准名称", Role.NAME),
        (r"附录标识", Role.ANNEX),
        (r"附录(?:章)?标题", Role.ANNEX_TITLE),
        (r"无标题", Role.UNTITLED),
        (r"章标题|级条标题", Role.HEADING),
        (r"参考文献条目", Role.REFERENCE),
        (r"术语条", Role.TERM),
        (r"表标题", Role.TABLE_CAPTION),
        (r"图标题", Role.FIGURE_CAPTION),
        (r"注[×xX]?[：:]$", Role.NOTE),
        (r"示例[×xX]?[：:]$", Role.EXAMPLE),
        (r"列项|[一二三]级项", Role.ITEM),
    )
)


def role_of(style_name: str) -> Role:
    """The role a style's name gives its paragraphs; BODY for any other name."""
    name = style_name.strip()
    return next((role for pattern, role in _BY_NAME if pattern.search(name)), Role.BODY)


def level_of(style_name: str) -> int:
    """The heading level a clause style's name says: 章标题 1, 一级条标题 2 … 五级条标题 6 (an annex's
    the same: A is 1, A.1 is 2); 0 for any other name."""
    if "章标题" in style_name and "附录" not in style_name:
        return 1
    match = _CLAUSE.search(style_name) or _UNTITLED.search(style_name)
    return _LEVELS.index(match.group(1)) + 2 if match else 0
