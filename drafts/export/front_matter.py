"""The standard's own words before the body, as every writer lays them out: the cover's lines,
the 前言 and the 引言 with the fixed sentences of GB/T 1.1—2020, filled from the repository."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.document import Section
from drafts.export.fixed_wording import (
    BLANK_DAY,
    GBT_NOTE,
    PATENT_CALL,
    PATENT_NOTICE,
    PATENTS_OTHERWISE,
    STAGE_NAMES,
)
from drafts.export.model import Draft
from drafts.meta import standard_number
from drafts.records import DeclarationRecord, PatentRecord

_PART = re.compile(r"(.*?\S)[\s\u3000]*(第[0-9０-９一二三四五六七八九十]+部分[：:].*)")


@dataclass(frozen=True)
class Cover:
    ics: str  # `ICS 23.060.10`, or `ICS` alone when not set
    ccs: str
    group_code: str  # `T/CVA`, printed large top right
    number: str  # `T/CVA 012—2027`
    replaces: str  # `代替 T/CVA 003—2019`, or empty
    title_lines: tuple[str, ...]
    english_title: str
    stage: str  # `（征求意见稿）`; empty on a published standard
    made_on: str  # the day a draft was made; empty on a published standard
    patent_call: str  # on 征求意见稿 and 送审稿
    published: str  # `2027-01-10发布` or `XXXX-XX-XX发布`
    effective: str
    issuer: str  # `<联盟>　发 布`


def document_number(draft: Draft) -> str:
    return standard_number(draft.meta.number or draft.meta.code)


def title_lines(title: str) -> tuple[str, ...]:
    """A two-part title is broken before `第N部分：`."""
    match = _PART.fullmatch(title)
    return (match[1], match[2]) if match else (title,)


def cover(draft: Draft) -> Cover:
    meta = draft.meta
    number = document_number(draft)
    published = meta.stage == "published"
    codes = [code for code in meta.ics.split(";") if code]
    return Cover(
        ics=" ".join(["ICS", *codes]),
        ccs=f"CCS {meta.ccs}" if meta.ccs else "CCS",
        group_code=number.split()[0] if number.split() else "",
        number=number,
        replaces=f"代替 {meta.replaces}" if meta.replaces else "",
        title_lines=title_lines(meta.title),
        english_title=meta.english_title,
        stage="" if published else f"（{STAGE_NAMES.get(meta.stage, meta.stage)}）",
        made_on="" if published else f"（本稿完成日期：{draft.date:%Y-%m-%d}）",
        patent_call=PATENT_CALL if meta.stage in ("consultation", "review") else "",
        published=f"{meta.published_on or BLANK_DAY}发布",
        effective=f"{meta.effective_on or BLANK_DAY}实施",
        issuer=f"{meta.alliance}\u3000发 布",
    )


@dataclass(frozen=True)
class FrontPart:
    """前言 or 引言: the fixed sentences around what the members wrote in that clause."""

    key: str  # `foreword` | `introduction`: the bookmark and the anchor
    label: str  # 前言 | 引言, as the 目次 lists it
    title: str  # `前　　言`
    lead: tuple[str, ...]
    section: Section | None
    tail: tuple[str, ...]


def front_parts(draft: Draft) -> list[FrontPart]:
    document = draft.document
    parts = [
        FrontPart(
            "foreword",
            "前言",
            "前\u3000\u3000言",
            _foreword_lead(draft),
            document.section("前言"),
            _foreword_tail(draft),
        )
    ]
    introduction = document.section("引言")
    disclosed = _disclosed(draft)
    if disclosed or (introduction and introduction.elements):
        parts.append(
            FrontPart(
                "introduction",
                "引言",
                "引\u3000\u3000言",
                (),
                introduction,
                tuple(_patent_sentences(disclosed)),
            )
        )
    return parts


def _foreword_lead(draft: Draft) -> tuple[str, ...]:
    meta = draft.meta
    if not meta.replaces:
        return (GBT_NOTE,)
    named = f"{meta.replaces}《{meta.replaces_title}》" if meta.replaces_title else meta.replaces
    return (
        GBT_NOTE,
        f"本文件代替{named}，与{meta.replaces}相比，除结构调整和编辑性改动外，主要技术变化如下：",
    )


def _foreword_tail(draft: Draft) -> tuple[str, ...]:
    meta = draft.meta
    proposer, owner = meta.proposer or meta.alliance, meta.owner or meta.alliance
    bodies = (
        [f"本文件由{proposer}提出并归口。"]
        if proposer == owner
        else [f"本文件由{proposer}提出。", f"本文件由{owner}归口。"]
    )
    units = "、".join(unit.name for unit in meta.working_group)
    people = "、".join(draft.drafters)
    return (
        PATENT_NOTICE,
        *bodies,
        *([f"本文件起草单位：{units}。"] if units else []),
        *([f"本文件主要起草人：{people}。"] if people else []),
    )


def _disclosed(draft: Draft) -> list[DeclarationRecord]:
    """The register's records that name patents under a licensing mode."""
    return [record for record in draft.patents if record.patents and record.mode]


def _patent_sentences(records: list[DeclarationRecord]) -> list[str]:
    """The 引言's patent statement of GB/T 1.1—2020, one block a patent holder; a pending
    application is named as such."""
    lines: list[str] = []
    for record in records:
        patents = record.patents
        for patent in patents:
            clauses = "、".join(patent.clauses)
            subject = patent.title or patent.number
            kind = _kind(patent)
            lines.append(
                f"本文件的发布机构提请注意，声明符合本文件时，可能涉及到{clauses}与{subject}相关的{kind}的使用。"
            )
        kind = "专利" if any(_kind(p) == "专利" for p in patents) else "专利申请"
        lines.append(f"本文件的发布机构对于该{kind}的真实性、有效性和范围无任何立场。")
        lines.append(_promise(record, kind))
        lines.append(f"{kind}持有人姓名：{record.unit}\u3000地址：……")
    if records:
        lines.append(PATENTS_OTHERWISE)
    return lines


def _kind(patent: PatentRecord) -> str:
    return "专利申请" if patent.status == "pending" else "专利"


def _promise(record: DeclarationRecord, kind: str) -> str:
    mode = record.mode
    holder = f"该{kind}持有人"
    if mode == "refuse":
        return f"{holder}不同意在合理且无歧视的条款和条件下许可该{kind}的实施。"
    terms = f"免费许可其{kind}的实施" if mode == "free" else f"就{kind}授权许可进行谈判"
    pool = f"许可通过专利池「{record.pool}」进行。" if mode == "pool" and record.pool else ""
    return (
        f"{holder}已向本文件的发布机构承诺，他愿意同任何申请人在合理且无歧视的条款和条件下，"
        f"{terms}。{pool}{holder}的声明已在本文件的发布机构备案。相关信息可以通过以下联系方式获得："
    )
