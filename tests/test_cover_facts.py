"""/meta: the cover's facts set from the chat, checked at their edges, recorded in the repository
and shown on the exported cover; a denied or malformed /meta changes nothing."""

from __future__ import annotations

import io
import json

import docx
import pytest

from bot.domain.cover_facts import FIELDS, BadFact, parse_day, parse_fact
from drafts.export.formats import export
from drafts.export.front_matter import title_lines
from drafts.meta import standard_number
from tests.actors import CHAIR, GROUP, LI, SEC
from tests.conftest import Bot


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("ics", "23.060.10", {"ics": "23.060.10"}),
        ("ics", "23.060.10； 77.140.20", {"ics": "23.060.10;77.140.20"}),
        ("ics", "23", {"ics": "23"}),
        ("ccs", "j16", {"ccs": "J 16"}),
        ("ccs", "J 16", {"ccs": "J 16"}),
        ("en", "Steel  gate valves", {"english_title": "Steel gate valves"}),
        ("replaces", "T/CVA 003-2019", {"replaces": "T/CVA 003—2019", "replaces_title": ""}),
        ("replaces", "T/CVA 003–2019 | 《钢制闸阀》", {"replaces": "T/CVA 003—2019", "replaces_title": "钢制闸阀"}),
        ("owner", "-", {"owner": ""}),
        ("replaces", "-", {"replaces": "", "replaces_title": ""}),
        ("proposer", "x" * 100, {"proposer": "x" * 100}),
    ],
)  # fmt: skip
def test_a_fact_is_stored_as_the_cover_prints_it(
    field: str, typed: str, stored: dict[str, str]
) -> None:
    assert parse_fact(FIELDS[field], typed) == stored


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        ("ics", "23.06.10", "meta.bad_ics"),
        ("ics", "23.060.100", "meta.bad_ics"),
        ("ics", "ICS 23.060.10", "meta.bad_ics"),
        ("ccs", "J16A", "meta.bad_ccs"),
        ("ccs", "16", "meta.bad_ccs"),
        ("proposer", "x" * 101, "meta.too_long"),
        ("en", "x" * 201, "meta.too_long"),
        ("replaces", " | 钢制闸阀", "meta.too_long"),
        ("en", "   ", "meta.empty"),
    ],
)
def test_a_fact_that_does_not_fit_is_refused(field: str, typed: str, reason: str) -> None:
    with pytest.raises(BadFact) as refused:
        parse_fact(FIELDS[field], typed)
    assert refused.value.reason == reason


def test_numbers_and_days_as_a_standard_writes_them() -> None:
    assert standard_number("T/CVA  012-2027") == "T/CVA 012—2027"
    assert standard_number("T/CVA 012—2027") == "T/CVA 012—2027"
    assert standard_number("T/CVA 012") == "T/CVA 012"
    assert str(parse_day("2027-03-01")) == "2027-03-01"
    for wrong in ("2027/03/01", "2027-3-1", "2027-02-30", "tomorrow"):
        with pytest.raises(ValueError):
            parse_day(wrong)


async def test_meta_from_the_chat_reaches_the_cover(drafting_bot: Bot) -> None:
    bot = drafting_bot
    [shown] = await bot.say(CHAIR, GROUP, "/meta")
    lines = shown.split("\n")
    assert lines[0].startswith("封面与前言信息") and "ics ICS 分类号：（未填，封面留空）" in lines
    assert "proposer 提出单位：（未填，即 标准联盟）" in lines
    [recorded] = await bot.say(CHAIR, GROUP, "/meta ccs j16")
    assert recorded == "已记入版本库：\nccs CCS 分类号：J 16"
    await bot.say(SEC, GROUP, "/meta ics 23.060.10")
    await bot.say(CHAIR, GROUP, "/meta en Steel gate valves")
    await bot.say(CHAIR, GROUP, "/meta proposer 中国机械工业联合会")
    assert (await bot.say(CHAIR, GROUP, "/meta ics 23.06"))[0] == (
        "ICS 分类号形如 23.060.10（多个用分号隔开）。"
    )
    denied = await bot.say(LI, GROUP, "/meta ics 11.040")
    assert denied[0].startswith("无权执行") and "主席" in denied[0]
    for malformed in ("/meta colour red", "/meta ics"):
        assert (await bot.say(CHAIR, GROUP, malformed))[0].startswith("用法：/meta")
    repo = await bot.repository()
    meta = json.loads(repo.read("meta/project.json") or "")
    assert (meta["ics"], meta["ccs"], meta["english_title"]) == (
        "23.060.10",
        "J 16",
        "Steel gate valves",
    )
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "ICS 23.060.10\tT/CVA" in paragraphs and "CCS J 16" in paragraphs
    assert "Steel gate valves" in paragraphs
    assert "本文件由中国机械工业联合会提出。" in paragraphs
    assert "本文件由标准联盟归口。" in paragraphs


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("石油天然气工业用钢制闸阀", ("石油天然气工业用钢制闸阀",)),
        ("工业阀门　第2部分：闸阀", ("工业阀门", "第2部分：闸阀")),
        ("工业阀门 第12部分:闸阀", ("工业阀门", "第12部分:闸阀")),
        ("第三方检测　第一部分：总则", ("第三方检测", "第一部分：总则")),
        ("第2部分：闸阀", ("第2部分：闸阀",)),  # nothing before the part: one line
        ("阀门部分结构第2版", ("阀门部分结构第2版",)),
    ],
)
def test_a_two_part_title_breaks_before_its_part(title: str, lines: tuple[str, ...]) -> None:
    assert title_lines(title) == lines
