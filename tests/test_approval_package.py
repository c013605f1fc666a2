"""The approval package of a scenario, read back with python-docx: each document says what the
scenario did — the comment table (landscape, its columns, the repeated header row, the 说明's
counts and totals), the 编制说明's twelve sections with the facts of 一, 四 and 八, every ballot
with its numbers (the election's votes per candidate), the patent register with the chat's dates
and the superseded declaration — and hostile text stays text."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from zoneinfo import ZoneInfo

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from drafts.export.formats import RECORDS, export
from drafts.export.model import load
from tests.actors import CHAIR, GROUP, LI, SUN, ZHANG, ZHAO
from tests.conftest import Bot, Clock
from tests.test_ballots import _members

HOSTILE = "<script>alert(1)</script> **粗** [链接](javascript:x)"


async def _scenario(bot: Bot, clock: Clock) -> dict[str, DocxDocument]:
    await _members(bot)
    await bot.say(CHAIR, GROUP, "/elect 朝达 | 华理 | until 3d")
    await bot.say(LI, GROUP, "/vote B1 朝达")
    await bot.say(SUN, GROUP, "/vote B1 朝达")
    await bot.say(ZHANG, GROUP, "/vote B1 华理")
    await bot.say(CHAIR, GROUP, "/close B1")
    await bot.say(LI, GROUP, "/framework template")
    await bot.say(LI, GROUP, "/framework\n4.1 材料")
    await bot.say(CHAIR, GROUP, "/advance")
    await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI, GROUP, "/accept #1")
    await bot.say(LI, GROUP, "/patent free ZL202110123456.7")
    clock.advance(hours=2)
    await bot.say(LI, GROUP, "/patent rand ZL202110123456.7")  # weaker: supersedes the first
    await bot.say(ZHANG, GROUP, "/patent none")
    await bot.say(CHAIR, GROUP, "/ballot 是否统一采用 GB/T 12221？")
    await bot.say(LI, GROUP, "/vote B2 yes")
    await bot.say(ZHANG, GROUP, f"/vote B2 no {HOSTILE}")
    await bot.say(CHAIR, GROUP, "/close B2")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    await bot.say(ZHANG, GROUP, f"/comment 4.1 {HOSTILE}\n=> 阀体、阀盖材料应符合 GB/T 12229。")
    await bot.say(ZHANG, GROUP, "/comment 1 范围过窄")
    await bot.say(LI, GROUP, "/resolve C1 reject 阀盖另条规定")
    await bot.say(LI, GROUP, "/resolve C2 accept")
    draft = load(await bot.repository(), "refs/heads/main")  # the package's documents, no PDF
    return {name: docx.Document(io.BytesIO(write(draft))) for name, _, write in RECORDS}


def _texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cells(document: DocxDocument, index: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[index].rows]


async def test_no_comments_counts_as_a_reply_and_is_refused_after_a_comment(
    project_bot: Bot, clock: Clock
) -> None:
    documents = await _scenario(project_bot, clock)
    bot = project_bot
    [none] = await bot.say(SUN, GROUP, "/comment none")
    assert none == "已记录：上海阀门研究所（上阀所） 对征求意见稿无意见（计入回函单位）。"
    [refused] = await bot.say(ZHANG, GROUP, "/comment none")
    assert refused == "华东理工大学（华理） 已提出意见（如 C1），不能再登记为无意见。"
    [observer] = await bot.say(ZHAO, GROUP, "/comment none")  # an observer may reply too
    assert observer.startswith("已记录：国家阀门质检中心")
    repo = await bot.repository()
    [(_, data)] = export(repo, "refs/heads/main", "comments")
    table = docx.Document(io.BytesIO(data))
    assert (
        "说明：①发送《征求意见稿》的单位数：4个；②收到《征求意见稿》后，回函的单位数：3个；"
        "③收到《征求意见稿》后，回函并有建议或意见的单位数：1个；④没有回函的单位数：1个。"
    ) in _texts(table)
    before = _texts(documents["征求意见汇总处理表"])  # the package exported before the replies
    assert any("②收到《征求意见稿》后，回函的单位数：1个" in line for line in before)


async def test_the_comment_table_is_landscape_with_its_columns_and_totals(
    project_bot: Bot, clock: Clock
) -> None:
    document = (await _scenario(project_bot, clock))["征求意见汇总处理表"]
    section = document.sections[0]
    assert section.page_width > section.page_height and round(section.page_width.mm) == 297
    header = [p.text for p in section.header.paragraphs]
    assert header[0].startswith("标准项目名称：石油天然气工业用钢制闸阀\t承办人：")
    assert header[1].startswith("日期：") and "共 1 页\u3000第 1 页" in header[1]
    rows = _cells(document)
    assert rows == [
        ["序号", "标准章条编号", "意见内容", "提出单位", "处理意见", "备注"],
        ["1", "4.1", f"{HOSTILE}\n建议修改为：阀体、阀盖材料应符合 GB/T 12229。", "华东理工大学",
         "不采纳：阀盖另条规定", ""],
        ["2", "1", "范围过窄", "华东理工大学", "采纳", ""],
    ]  # fmt: skip
    first_row = document.tables[0].rows[0]._tr
    assert first_row.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    widths = [round(column.width.mm) for column in document.tables[0].columns]
    assert widths == [12, 24, 110, 36, 55, 20]
    assert "共收到意见2条，其中采纳1条，部分采纳0条，未采纳1条。" in _texts(document)


async def test_the_explanatory_note_has_its_twelve_sections_filled_from_the_records(
    project_bot: Bot, clock: Clock
) -> None:
    document = (await _scenario(project_bot, clock))["编制说明"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、工作简况", "二、标准编制原则和主要内容", "三、主要试验（或验证）情况分析",
        "四、标准中涉及专利的情况", "五、预期达到的社会效益、对产业发展的作用",
        "六、与国际、国外同类标准技术内容的对比情况", "七、与现行相关法律、法规、规章及相关标准的协调性",
        "八、重大分歧意见的处理经过和依据", "九、标准性质的建议说明", "十、贯彻标准的要求和措施建议",
        "十一、废止现行相关标准的建议", "十二、其他应予说明的事项",
    ]  # fmt: skip
    text = "\n".join(_texts(document))
    work = text[text.index("一、工作简况") : text.index("二、")]
    assert "B1「起草单位选举」结束，朝达阀门有限公司当选。" in work
    assert work.index("朝达阀门有限公司当选") < work.index("进入工作组讨论稿阶段")
    assert work.index("进入工作组讨论稿阶段") < work.index("进入征求意见稿阶段")
    assert "华理：张敏，撰写了4.1（共1条）。" in work
    patents = text[text.index("四、") : text.index("五、")]
    assert (
        "朝达阀门有限公司：ZL202110123456.7（名称未填，涉及未指明的章条）；许可方式：合理且无歧视的收费许可。"
        in patents
    )
    assert "华东理工大学：声明无已知必要专利。" in patents
    disputes = text[text.index("八、") : text.index("九、")]
    assert f"C1（4.1，华东理工大学）：{HOSTILE}——不采纳：阀盖另条规定" in disputes
    assert f"B2：华东理工大学投不同意，理由：{HOSTILE}" in disputes
    assert "C2" not in disputes  # accepted
    assert text[text.index("五、") : text.index("六、")].count("（待补充）") == 1


async def test_the_ballot_record_has_every_ballot_with_its_numbers(
    project_bot: Bot, clock: Clock
) -> None:
    clock_start = clock.now
    document = (await _scenario(project_bot, clock))["投票记录"]
    text = _texts(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["B1\u3000起草单位选举", "B2\u3000是否统一采用 GB/T 12221？"]
    motion = text[text.index("B2\u3000是否统一采用 GB/T 12221？") :]
    assert "同意1，不同意1，弃权0；参与投票：2/3" in motion
    assert ["华东理工大学", "不同意", HOSTILE, "张敏"] in [row[:4] for row in _cells(document, 1)]
    election = "\n".join(text[: text.index(motion[0])])
    assert "\n候选单位得票：朝达阀门有限公司 2票；华东理工大学 1票\n" in election
    assert election.endswith("\n结果：朝达阀门有限公司当选。")
    assert "同意" not in election.replace("表决意见", "")  # no yes/no counts for an election
    zone = ZoneInfo("Asia/Shanghai")
    votes = _cells(document)
    assert votes[0] == ["单位", "表决意见", "理由", "投票人", "投票时间"]
    assert sorted(row[:4] for row in votes[1:]) == [
        ["上海阀门研究所", "朝达阀门有限公司", "", "孙磊"],
        ["华东理工大学", "华东理工大学", "", "张敏"],
        ["朝达阀门有限公司", "朝达阀门有限公司", "", "李伟"],
    ]
    cast = clock_start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    assert [row[4] for row in votes[1:]] == [cast] * 3  # when, in the alliance's time zone


async def test_the_patent_register_dates_match_the_chat_and_keep_the_superseded(
    project_bot: Bot, clock: Clock
) -> None:
    start = clock.now
    document = (await _scenario(project_bot, clock))["专利许可声明登记表"]
    text = _texts(document)
    zone = ZoneInfo("Asia/Shanghai")
    first = start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    later = (start + timedelta(hours=2)).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    chaoda = text[text.index("朝达阀门有限公司") : text.index("华东理工大学")]
    assert chaoda[:4] == [
        "朝达阀门有限公司",
        f"声明人：李伟；声明时间：{later}",
        "必要专利：有；许可方式：合理且无歧视的收费许可",
        "提示：本声明的许可条件弱于该单位此前的声明。",
    ]
    superseded = chaoda.index("已被取代的声明：")
    assert chaoda[superseded + 1 : superseded + 3] == [
        f"声明人：李伟；声明时间：{first}",
        "必要专利：有；许可方式：免费许可",
    ]
    assert _cells(document, 0) == [
        ["专利号或申请号", "名称", "国家或地区", "状态", "涉及的章条"],
        ["ZL202110123456.7", "", "", "未说明", ""],
    ]


async def test_the_package_holds_each_document_whole(project_bot: Bot, clock: Clock) -> None:
    """The zip itself, not the writers: the standard with its last chapter, the ballot record
    with both ballots, the patent register with the declared patent."""
    await _scenario(project_bot, clock)
    repo = await project_bot.repository()
    [(_, package)] = export(repo, "refs/heads/main", "package")
    archive = zipfile.ZipFile(io.BytesIO(package))

    def document(suffix: str) -> DocxDocument:
        [entry] = [n for n in archive.namelist() if n.endswith(suffix)]
        return docx.Document(io.BytesIO(archive.read(entry)))

    standard = document("征求意见稿.docx")
    headings = [p.text for p in standard.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "1\u3000范围",
        "2\u3000规范性引用文件",
        "3\u3000术语和定义",
        "4\u3000要求",
        "4.1\u3000材料",
        "5\u3000试验方法",
        "6\u3000检验规则",
        "7\u3000标志、包装、运输和贮存",
    ]
    assert "阀体材料应符合 GB/T 12229。" in _texts(standard)
    ballots = [p.text for p in document("投票记录.docx").paragraphs if p.style.name == "Heading 1"]
    assert ballots == ["B1\u3000起草单位选举", "B2\u3000是否统一采用 GB/T 12221？"]
    register = document("专利许可声明登记表.docx")
    assert ["ZL202110123456.7", "", "", "未说明", ""] in _cells(register, 0)
    assert "华东理工大学" in _texts(register)
