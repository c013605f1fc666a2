"""A small standard written straight into a real git repository, the way the bot writes one:
the metadata with the cover's facts, clause files committed by their authors, a patent record.
Tests of the exported form render it; `stage(...)` moves it on (the consultation draft is tagged
`consultation`, the published standard `published`)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from drafts.meta import META_PATH, Clause, Meta, UnitRef, clause_path
from drafts.repository import DraftRepository, Identity

WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LI = Identity("李伟 (朝达阀门)", "tg-3@users.manuscript")
ZHANG = Identity("张敏 (华理)", "tg-4@users.manuscript")
BOT = Identity("manuscript-bot", "bot@manuscript.invalid")
NUMBER = "T/CVA 012—2027"
TITLE = "石油天然气工业用钢制闸阀"
CLAUSES = (
    Clause("c0001", "前言", "前言"),
    Clause("c0002", "1", "范围"),
    Clause("c0003", "2", "规范性引用文件"),
    Clause("c0004", "3", "术语和定义"),
    Clause("c0005", "4", "要求"),
    Clause("c0006", "4.1", "材料"),
    Clause("c0007", "5", "试验方法"),
    Clause("c0008", "A", "闸阀压力试验方法", annex="规范性"),
    Clause("c0009", "A.1", "试验装置"),
    Clause("c0010", "参考文献", "参考文献"),
)
META = Meta(
    code="T/CVA 012-2027",
    title=TITLE,
    stage="consultation",
    clauses=CLAUSES,
    next_clause=11,
    alliance="中国阀门产业标准联盟",
    working_group=(UnitRef(2, "华东理工大学"), UnitRef(1, "朝达阀门有限公司")),
    english_title="Steel gate valves for the petroleum and natural gas industries",
    ics="23.060.10",
    ccs="J 16",
    replaces="T/CVA 003—2019",
    replaces_title="钢制闸阀",
)
TEXTS = {
    "c0001": "——增加了闸板硬度要求（见4.1）；\n——删除了铸铁闸阀。",
    "c0002": "本文件规定了石油天然气工业用钢制闸阀的要求和试验方法。",
    "c0003": "GB/T 12229　通用阀门　碳素钢铸件技术条件\nGB/T 13927—2008　工业阀门　压力试验",
    "c0004": "术语：闸阀 | gate valve\n启闭件由阀杆带动沿阀座密封面作直线升降运动的阀门",
    "c0006": "阀体材料应符合 GB/T 12229 的规定，力学性能见表1，试验按 GB/T 13927—2008。\n"
    "表：阀体材料力学性能\n材料牌号\t抗拉强度/MPa\t伸长率/%\nWCB\t485\t22\nWC6\t485\t20\n"
    "注：表中数值为最小值。\n闸阀的术语见3.1。",
    "c0007": "壳体试验按附录A进行。",
    "c0009": "试验装置应包括压力源和压力表。",
    "c0010": "GB/T 21465—2008 阀门　术语",
}
PATENT = {
    "unit": "朝达阀门有限公司",
    "declarant": "李伟",
    "declared_at": "2026-11-18T10:00:00+08:00",
    "essential_patents": True,
    "mode": "free",
    "pool": None,
    "weakens_previous": False,
    "patents": [
        {
            "number": "CN202310123456.7",
            "title": "一种闸阀密封结构",
            "jurisdiction": "CN",
            "clauses": ["4.1"],
            "status": "pending",
        }
    ],
}


def write_standard(path: Path) -> DraftRepository:
    """The consultation draft, tagged `consultation`."""
    repo = DraftRepository(path)
    repo.init()
    repo.commit({META_PATH: META.to_json()}, author=BOT, message="Create\n", when=WHEN)
    for n, (clause_id, text) in enumerate(TEXTS.items()):
        author = ZHANG if clause_id in ("c0004", "c0006") else LI
        repo.commit(
            {clause_path(clause_id): text + "\n"},
            author=author,
            message=f"#{n + 1} {clause_id}\n",
            when=WHEN,
        )
    record = json.dumps(PATENT, ensure_ascii=False) + "\n"
    repo.commit({"patents/u0001.json": record}, author=LI, message="Patent\n", when=WHEN)
    repo.tag("consultation", "stage consultation", WHEN)
    return repo


def publish(repo: DraftRepository) -> None:
    """The standard published on 2027-01-10, in force from 2027-03-01, tagged `published`."""
    meta = replace(
        META,
        stage="published",
        number=NUMBER,
        published_on="2027-01-10",
        effective_on="2027-03-01",
    )
    repo.commit({META_PATH: meta.to_json()}, author=BOT, message="Publish\n", when=WHEN)
    repo.tag("published", "stage published", WHEN)
