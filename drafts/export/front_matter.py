"""The draft's own words before the body: the cover and the foreword, as plain text that every
writer lays out in its own way."""

from __future__ import annotations

from drafts.export.model import Draft
from drafts.export.text import GBT_NOTE, MODE_NAMES, PATENT_NOTICE, STAGE_NAMES


def cover_lines(draft: Draft) -> list[str]:
    meta = draft.meta
    return [
        meta.alliance,
        meta.number or meta.code,
        meta.title,
        STAGE_NAMES.get(meta.stage, meta.stage),
        draft.date.strftime("%Y-%m-%d"),
    ]


def foreword(draft: Draft) -> list[str]:
    """Paragraphs of the foreword: the drafting working group is the author — no lead unit."""
    meta = draft.meta
    units = "、".join(unit.name for unit in meta.working_group) or "（尚无）"
    lines = [
        GBT_NOTE,
        PATENT_NOTICE,
        f"本文件由{meta.alliance}提出并归口。",
        f"本文件由{meta.alliance}《{meta.title}》起草工作组按文稿制起草，起草工作组成员单位：{units}。",
    ]
    holders = [p for p in draft.patents if p.get("patents")]
    if holders:
        lines.append(
            "本文件的发布机构提请注意，声明符合本文件时，可能涉及下列专利的使用。专利持有人已向本文件的发布机构作出如下许可声明："
        )
        for record in holders:
            numbers = "、".join(str(p["number"]) for p in record["patents"])
            terms = MODE_NAMES.get(record.get("mode"), str(record.get("mode")))
            pool = f"「{record['pool']}」" if record.get("pool") else ""
            lines.append(f"{record['unit']}：{numbers}，{terms}{pool}。")
    return lines
