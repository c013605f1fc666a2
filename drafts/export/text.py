"""Escaping member text, and the fixed wording of the documents (GB/T 1.1 conventions)."""

from __future__ import annotations

import html

STAGE_NAMES = {
    "proposal": "立项稿",
    "framework": "框架稿",
    "working": "工作组讨论稿",
    "consultation": "征求意见稿",
    "review": "送审稿",
    "approval": "报批稿",
    "published": "发布稿",
}
MODE_NAMES = {
    "free": "免费许可（RAND-Free）",
    "rand": "收费许可（RAND）",
    "pool": "通过专利池许可",
    "refuse": "不同意按上述条件许可",
    None: "无已知必要专利",
}
DISPOSITIONS = {"accept": "采纳", "partial": "部分采纳", "reject": "不采纳", None: "待处理"}
CHOICES = {"yes": "同意", "no": "不同意", "abstain": "弃权"}
PATENT_NOTICE = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"
GBT_NOTE = (
    "本文件按照 GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
)

# Characters that start Markdown markup; a backslash makes each one literal.
_MARKDOWN = "\\`*_{}[]()#+-.!|~"


def markdown_literal(text: str) -> str:
    """Member text as Markdown that renders exactly as typed: HTML is escaped as entities and
    every markup character is backslash-escaped, so neither raw HTML nor a link or image written
    in Markdown can come through."""
    escaped = html.escape(text, quote=True)
    return "".join(f"\\{char}" if char in _MARKDOWN else char for char in escaped)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
