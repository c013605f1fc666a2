"""`manuscript-bot demo`: a scripted conversation through the real Application, offline.

Several people in a group chat, a forum topic and private chats set up an alliance project. The
transcript is printed as it happens; the database (and later the repositories) stay in `out_dir`.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import signal
import zipfile
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import select

from bot.app import serving_offline
from bot.config import Settings
from bot.domain.webapp_auth import signed_launch
from bot.jobs.schedule import tick
from bot.offline import ApiCall
from bot.pictures import valve_sketch
from bot.runtime import ManualClock
from bot.simulator import Chat, Simulator, User, offline_application, private_chat
from bot.web.serving import web_server
from storage.migrate import migrate_url
from storage.models import Project

MARKER = ".manuscript-demo"
TIMEZONE = ZoneInfo("Asia/Shanghai")  # the settings' default: the alliance's time zone

SECRETARY = User(10001, "王秘书", "wang_mishu")
CHAIR = User(10002, "陈静", "chenjing")
LI = User(10003, "李伟", "liwei")  # 朝达阀门
ZHANG = User(10004, "张敏", "zhangmin")  # 华东理工大学
ZHAO = User(10005, "赵强", "zhaoqiang")  # 国家阀门质检中心, an observer
SUN = User(10006, "孙磊", "sunlei")  # 上海阀门研究所
GROUP = Chat(-1001000000001, "T/CVA 012 闸阀标准起草组")
FORUM = Chat(-1001000000002, "联盟标准工作区", forum=True)


class DemoFolderError(Exception):
    """The output folder holds something that is not an earlier demo; it is left alone."""


def prepare_folder(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).exists():
            raise DemoFolderError(
                f"{out_dir} is not empty and not an earlier demo's folder; choose another with --out"
            )
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("written by manuscript-bot demo\n", encoding="utf-8")


async def run_demo(
    out_dir: Path,
    echo: Callable[[str], None] = print,
    serve: tuple[str, int] | None = None,
    served: Callable[[], Awaitable[None]] | None = None,
) -> Simulator:
    """The scripted conversation; with `serve` (an address), the reading view stays up there
    afterwards until `served` returns (by default, until Ctrl-C)."""
    prepare_folder(out_dir)
    settings = Settings(
        data_dir=out_dir,
        secretariat=frozenset({SECRETARY.id}),
        alliance_name="中国阀门产业标准联盟",
        live_edit_seconds=0.0,  # the demo's days pass in a second: show every live edit
        web_listen=serve or ("127.0.0.1", 8080),
    )
    await migrate_url(settings.database_url)
    clock = ManualClock()
    application, transport = offline_application(settings, "0:offline-demo", clock)
    sim = Simulator(application, transport, echo=echo)
    sim.clock = clock  # type: ignore[attr-defined]
    async with serving_offline(application):
        await _setup_script(sim)
        await _drafting_script(sim)
        await _elements_script(sim)
        await _ballot_script(sim)
        await _patent_script(sim)
        await _review_script(sim)
        await _export_script(sim, out_dir)
        if serve is not None:
            await _serve_reading_view(sim, served or _until_interrupted)
    return sim


async def _serve_reading_view(sim: Simulator, served: Callable[[], Awaitable[None]]) -> None:
    """Keep the reading view up with a link signed for 李伟 (the demo plays Telegram's part)."""
    await sim.send(CHAIR, GROUP, "/ballot 是否启动本标准英文版的编制")  # something to vote on
    application = sim.application
    runtime = application.bot_data.runtime
    async with runtime.db.session() as session:
        project_id = await session.scalar(select(Project.id).where(Project.chat_id == GROUP.id))
    host, port = application.bot_data.settings.web_listen
    launch = signed_launch(application.bot.token, LI.id, LI.name, f"p{project_id}", sim.clock())  # type: ignore[attr-defined]
    link = f"http://{host}:{port}/app#tgWebAppData={quote(launch)}"
    async with web_server(application):
        if sim.echo is not None:
            sim.echo(f"\n阅读页 · reading view, signed in as 李伟 (Ctrl-C ends it):\n{link}")
        await served()


async def _until_interrupted() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


async def _setup_script(sim: Simulator) -> None:
    """Foundation: units, representatives, a project in a group and one in a forum topic."""
    say = sim.send
    await say(SECRETARY, private_chat(SECRETARY), "/start")
    await say(SECRETARY, GROUP, "/unit add 朝达阀门有限公司 | 朝达阀门 | 企业")
    await say(SECRETARY, GROUP, "/unit add 华东理工大学 | 华理 | 高校")
    await say(
        SECRETARY, GROUP, "/unit add 国家阀门质量检验检测中心 | 质检中心 | 科研院所 | observer"
    )
    await say(SECRETARY, GROUP, "/unit add 上海阀门研究所 | 上阀所 | 科研院所")
    await say(SECRETARY, GROUP, "/unit add")  # malformed: answered with the usage line
    await say(SECRETARY, GROUP, "/newproject T/CVA 012—2027 | 石油天然气工业用钢制闸阀")
    await say(LI, GROUP, "/join 朝达阀门")
    await say(ZHANG, GROUP, "/join 华理")
    await say(ZHAO, GROUP, "/join 质检中心")
    await say(SUN, GROUP, "/join 上阀所")
    await say(ZHANG, GROUP, "/approve @zhangmin")  # denied: only the secretariat confirms
    for person in ("@liwei", "@zhangmin", "@zhaoqiang", "@sunlei"):
        await say(SECRETARY, GROUP, f"/approve {person}")
    await say(CHAIR, GROUP, "/help")
    await say(SECRETARY, GROUP, "/grant @chenjing chair")
    await say(CHAIR, GROUP, "/wg add 朝达阀门")
    await say(CHAIR, GROUP, "/wg add 华理")
    await say(SECRETARY, GROUP, "/units")
    await say(LI, GROUP, "/project")
    await say(SECRETARY, FORUM, "/newproject T/CVA 015—2027 | 低温球阀技术条件", topic=42)
    await say(SECRETARY, FORUM, "/lang en", topic=42)
    await say(SECRETARY, FORUM, "/drafter 华理", topic=42)
    await say(LI, FORUM, "/project", topic=42)


async def _drafting_script(sim: Simulator) -> None:
    """Drafting: an elected drafter, the framework, contributions accepted and rejected."""
    say = sim.send
    election = await say(CHAIR, GROUP, "/elect 朝达阀门 | 华理 | until 3d")
    await sim.press(LI, _with_buttons(election), _button(election, "选 朝达阀门"))
    await sim.press(ZHANG, _with_buttons(election), _button(election, "选 华理"))
    await say(SUN, GROUP, "/vote B1 朝达阀门")
    await say(ZHAO, GROUP, "/vote B1 华理")  # an observer never votes
    await say(CHAIR, GROUP, "/close B1")
    await say(LI, GROUP, "/framework template")
    await say(
        LI, GROUP, "/framework\n4.1 材料\n4.2 结构\n4.x 压力试验"
    )  # one bad line: nothing applied
    await say(LI, GROUP, "/framework\n4.1 材料\n4.2 结构与尺寸\n4.3 压力试验")
    await say(CHAIR, GROUP, "/assign 4.1 华理")
    await say(
        ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229 的规定。"
    )  # not yet: framework stage
    await say(CHAIR, GROUP, "/advance")
    proposal = await say(ZHANG, GROUP, "/contribute 4.1 阀体、阀盖材料应符合 GB/T 12229 的规定。")
    await sim.press(LI, _with_buttons(proposal), _button(proposal, "采纳"))
    await say(
        LI,
        GROUP,
        "/contribute 1 本文件规定了石油天然气工业用钢制闸阀的要求、试验方法和检验规则。\n本文件适用于公称尺寸 DN50～DN600 的闸阀。",
    )
    await say(LI, GROUP, "/accept #2")
    await say(ZHANG, GROUP, "/contribute 4.2 阀门结构长度可由制造商自定。")
    await say(LI, GROUP, "/reject #3 结构长度须符合 GB/T 12221，不能自定")
    await say(
        ZHAO, GROUP, "/contribute 4.3 试验压力为 1.5 倍公称压力。"
    )  # observers comment, not contribute
    await say(LI, GROUP, "/replace 4.1 阀体、阀盖和闸板的材料应符合 GB/T 12229 的规定。")
    await say(CHAIR, GROUP, "/accept #4")
    await say(ZHANG, GROUP, "/outline")
    await say(ZHANG, GROUP, "/section 4.1")
    await say(ZHANG, GROUP, "/history")
    await say(ZHANG, GROUP, "/diff working")


TABLE = (
    "阀体材料的力学性能应符合表1的规定。\n\n"
    "表：阀体材料力学性能\n"
    "材料牌号\t抗拉强度/MPa\t屈服强度/MPa\t伸长率/%\n"
    "WCB\t485\t250\t22\n"
    "WC6\t485\t275\t20\n"
    "注：表中数值为最小值。"
)
FORMULA = (
    "壳体试验压力按式（1）计算，试验方法见附录A：\n\n"
    "公式：p_t = 1.5 × PN\n"
    "式中：\n"
    "p_t——壳体试验压力，单位为兆帕（MPa）；\n"
    "PN——公称压力，单位为兆帕（MPa）。"
)


async def _elements_script(sim: Simulator) -> None:
    """A standard's elements: an annex and 参考文献 in the framework, two terms, normative
    references, a table pasted from a spreadsheet, a figure sent as a photo, a formula, the
    annex's text, and the draft checked."""
    say = sim.send
    await say(LI, GROUP, "/framework\nA 闸阀压力试验方法 (规范性)\nA.1 试验装置\n参考文献")
    for user, line in (
        (ZHANG, "/term 闸阀 | gate valve | 启闭件（闸板）由阀杆带动，沿阀座密封面作直线升降运动的阀门 | 来源：GB/T 21465—2008，3.1.1"),
        (ZHANG, "/term 闸板 | wedge | 闸阀中沿阀座密封面升降、起截断作用的启闭件"),
        (LI, "/ref GB/T 13927 工业阀门　压力试验"),
        (LI, "/ref GB/T 12229 通用阀门　碳素钢铸件技术条件"),
        (LI, "/ref GB/T 12221 金属阀门　结构长度"),
        (LI, "/ref biblio GB/T 21465—2008 阀门　术语"),
        (ZHANG, f"/contribute 4.1 {TABLE}"),
        (ZHANG, "/contribute 4.2 闸阀的典型结构见图1，闸板沿阀座密封面升降。"),
        (LI, f"/contribute 4.3 {FORMULA}"),
        (LI, "/contribute A.1 试验装置应包括压力源、压力表和盲板；压力表的精度等级不低于 1.6 级，试验按 GB/T 13927 进行。"),
    ):  # fmt: skip
        await _accepted(sim, await say(user, GROUP, line))
    await say(ZHANG, GROUP, "/contribute 4.1 材料\t牌号\nWCB\t铸钢\t多余")  # ragged: refused
    figure = await sim.send_picture(LI, GROUP, valve_sketch(), "/figure 4.2 闸阀结构示意图")
    await _accepted(sim, figure)
    await say(ZHANG, GROUP, "/section 4.1")
    await say(ZHANG, GROUP, "/section 4.2")
    await say(CHAIR, GROUP, "/check")


async def _accepted(sim: Simulator, proposal: list[ApiCall]) -> None:
    """The drafter accepts a proposal with its button."""
    await sim.press(LI, _with_buttons(proposal), _button(proposal, "采纳"))


async def _ballot_script(sim: Simulator) -> None:
    """A motion: several units vote by buttons and by command; one changes its mind."""
    say = sim.send
    motion = await say(
        CHAIR, GROUP, "/ballot 结构长度是否统一采用 GB/T 12221？ | rule two-thirds | until 2d"
    )
    await sim.press(LI, _with_buttons(motion), _button(motion, "同意"))
    await _later(sim, "一天后（截止前 1 天的提醒）", days=1, minutes=1)  # names 华理 and 上阀所
    await sim.press(ZHANG, _with_buttons(motion), _button(motion, "不同意"))
    await say(SUN, GROUP, "/vote B2 yes 与现行国标一致")
    await say(ZHANG, GROUP, "/vote B2 abstain 待内部讨论")  # the unit's latest vote counts
    await _later(sim, "又过了 22 小时（截止前 2 小时）：各单位都已投票，不再提醒", hours=22)
    await say(ZHANG, GROUP, "/ballots")
    await say(CHAIR, GROUP, "/close B2")


def _with_buttons(calls: list[ApiCall]) -> dict[str, Any]:
    return next(call.result for call in calls if call.params.get("reply_markup"))


def _button(calls: list[ApiCall], label: str) -> str:
    """The callback data of the inline button labelled `label`."""
    rows = _with_buttons(calls)["reply_markup"]["inline_keyboard"]
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


async def _patent_script(sim: Simulator) -> None:
    """Patent commitments: `none`, `free` with patents through the private form, one `rand`
    that weakens an earlier `free` and is flagged to the chair."""
    say = sim.send
    await say(ZHANG, GROUP, "/patent none")
    link = await say(LI, GROUP, "/patent")
    payload = _with_buttons(link)["reply_markup"]["inline_keyboard"][0][0]["url"].split("start=")[1]
    li_dm = private_chat(LI)
    essential = await say(LI, li_dm, f"/start {payload}")
    await sim.press(LI, _with_buttons(essential), _button(essential, "有必要专利"))
    mode = await say(
        LI,
        li_dm,
        "ZL202110123456.7 | 一种闸阀密封结构 | CN | 4.1 | 已授权\nZL202210654321.0 | 闸板导向装置 | CN | 4.2 | 申请中",
    )
    summary = await sim.press(LI, _with_buttons(mode), _button(mode, "免费许可"))
    await sim.press(LI, _with_buttons(summary), _button(summary, "确认提交"))
    await say(SUN, GROUP, "/patent free ZL201910987654.3")
    await say(SUN, GROUP, "/patent rand ZL201910987654.3")
    await say(CHAIR, GROUP, "/patents")
    await say(CHAIR, GROUP, "/project")


async def _review_script(sim: Simulator) -> None:
    """Consultation, review and publication: refused advances, comments and dispositions, a
    review by correspondence that fails (a `no` explained by reply), revision, a review meeting
    that concludes `revise`, approval."""
    say = sim.send
    await say(
        CHAIR, GROUP, "/meta en Steel gate valves for the petroleum and natural gas industries"
    )
    await say(CHAIR, GROUP, "/meta ics 23.060.10")
    await say(CHAIR, GROUP, "/meta ccs j16")
    await say(CHAIR, GROUP, "/meta replaces T/CVA 003-2019 | 钢制闸阀")
    changes = "——增加了闸板密封面的硬度要求（见4.1）；\n——删除了铸铁闸阀的内容。"
    await _accepted(sim, await say(ZHANG, GROUP, f"/contribute 前言 {changes}"))  # 代替's list
    await say(CHAIR, GROUP, "/meta")
    await say(CHAIR, GROUP, "/advance")  # refused: the comment period needs an end
    await say(CHAIR, GROUP, "/advance | until 14d")
    await say(CHAIR, GROUP, "/wg add 质检中心")
    await say(
        ZHANG, GROUP, "/comment 4.1 未规定闸板材料的硬度要求\n=> 闸板密封面硬度应不低于 HB 250。"
    )
    await _form_script(sim)
    await say(SUN, GROUP, "/comment none")  # 上阀所 replies with no comments: counted as 回函
    await say(CHAIR, GROUP, "/advance")  # refused: C1 and C2 have no disposition
    await say(LI, GROUP, "/resolve C1 partial 硬度要求移至 5 试验方法")
    await say(LI, GROUP, "/resolve C2 reject DN700 以上另立标准")
    await say(ZHANG, GROUP, "/comments")
    await _note_script(sim)
    await say(CHAIR, GROUP, "/advance")
    first = await say(CHAIR, GROUP, "/advance | until 7d")
    await say(LI, GROUP, "/vote B3 yes")
    prompt = await sim.press(ZHANG, _with_buttons(first), _button(first, "不同意"))
    asked = next(call.result for call in prompt if call.method == "sendMessage")
    await say(ZHANG, GROUP, "4.2 结构与尺寸缺少结构长度要求", reply_to=asked)
    await say(SUN, GROUP, "/vote B3 yes")
    await say(CHAIR, GROUP, "/close B3")
    await _accepted(
        sim, await say(ZHANG, GROUP, "/contribute 4.2 阀门结构长度应符合 GB/T 12221 的规定。")
    )
    await _meeting_script(sim)
    effective = (sim.clock.now + timedelta(days=90)).astimezone(TIMEZONE).date()  # type: ignore[attr-defined]
    await say(SECRETARY, GROUP, f"/publish T/CVA 012—2027 | {effective.isoformat()}")
    await say(LI, GROUP, "/project")


# The 编制说明's sections the working group writes (一, 四 and 八 begin with what the bot writes).
NOTES = (
    (LI, "一", "起草组于工作组讨论稿阶段召开三次工作会议，逐条讨论了材料、结构和试验要求。"),
    (
        ZHANG,
        "二",
        "本文件按照 GB/T 1.1—2020 的规定起草，与现行国家标准协调一致。主要内容：\n"
        "——阀体、阀盖和闸板的材料要求；\n——结构长度与尺寸要求；\n——压力试验方法。",
    ),
    (
        SUN,
        "三",
        "起草组对三种规格的闸阀做了壳体试验和密封试验，结果见表1。\n\n"
        "表：压力试验验证结果\n公称尺寸\t壳体试验\t密封试验\nDN100\t合格\t合格\n"
        "DN300\t合格\t合格\nDN600\t合格\t合格",
    ),
    (ZHANG, "五", "统一闸阀的材料和试验要求，可减少重复检验，提高长输管线阀门的可靠性。"),
    (SUN, "六", "本文件参考了 API 600 和 ISO 10434，技术指标不低于其要求。"),
    (LI, "七", "本文件与 GB/T 12221、GB/T 12229 等现行国家标准协调一致，无冲突。"),
    (ZHANG, "九", "建议本文件作为推荐性团体标准发布。"),
    (LI, "十", "建议发布后由联盟组织宣贯培训，并在会员单位的产品检验中采用。"),
    (SUN, "十一", "本文件发布后，T/CVA 003-2019《钢制闸阀》同时废止。"),
    (ZHANG, "十二", "无。"),
)


async def _note_script(sim: Simulator) -> None:
    """The working group writes the 编制说明 from the chat: each section proposed with /note
    and accepted by the drafter; a section named wrongly is refused; /note lists them."""
    say = sim.send
    await say(ZHANG, GROUP, "/note 十三 无。")  # refused: there is no section 十三
    for user, section, text in NOTES:
        await _accepted(sim, await say(user, GROUP, f"/note {section} {text}"))
    await say(CHAIR, GROUP, "/note")


async def _meeting_script(sim: Simulator) -> None:
    """The review meeting: its notice with the materials, answers (a reminder names the unit that
    has not answered), check-in with an engineer and an invited expert recorded by /attend, the
    vote among those present, two review opinions resolved, minutes, the conclusion `revise`,
    and the move to approval once the opinions are handled."""
    say = sim.send
    await say(CHAIR, GROUP, "/meeting 3d | 上海 联盟秘书处第一会议室")  # refused: too soon
    notice = await say(CHAIR, GROUP, "/meeting 12d | 上海 联盟秘书处第一会议室")
    for voter in (LI, ZHANG):
        await sim.press(voter, _with_buttons(notice), _button(notice, "参加"))
    await _later(sim, "— 九天后", days=9, hours=1)  # the reminder 3 days before names 上阀所
    await sim.press(SUN, _with_buttons(notice), _button(notice, "请假"))
    await _later(sim, "— 三天后，审查会在上海召开", days=3)
    await say(CHAIR, GROUP, "/meeting vote")  # refused: nobody has checked in
    checkin = await say(CHAIR, GROUP, "/checkin")
    for person in (LI, ZHANG):
        await sim.press(person, _with_buttons(checkin), _button(checkin, "签到"))
    await say(SECRETARY, GROUP, "/attend 周工 | 上阀所 | 高级工程师")  # 上阀所 sent an engineer
    await say(SECRETARY, GROUP, "/attend 王教授 | 浙江大学 | 教授")  # an invited expert
    await say(LI, GROUP, "/meeting")
    vote = await say(CHAIR, GROUP, "/meeting vote")
    for voter in (LI, ZHANG):
        await sim.press(voter, _with_buttons(vote), _button(vote, "同意"))
    await say(SUN, GROUP, "/vote B4 yes 周工在会上表示同意")
    await say(CHAIR, GROUP, "/close B4")
    await say(
        CHAIR, GROUP, "/opinion 4.1 闸板密封面硬度要求应给出试验方法\n=> 硬度按 GB/T 231.1 测定。"
    )
    await say(CHAIR, GROUP, "/opinion 4.2 结构长度应注明适用的公称尺寸范围")
    await say(SECRETARY, GROUP, "/minutes 起草组汇报了标准编制过程和征求意见处理情况。")
    await say(SECRETARY, GROUP, "/minutes 王教授建议补充硬度的测定方法，与会代表同意。")
    await say(CHAIR, GROUP, "/conclude fail")  # refused: the vote passed
    await say(CHAIR, GROUP, "/conclude revise 按审查意见修改后报批")
    await say(CHAIR, GROUP, "/advance")  # refused: O1 and O2 have no disposition
    await _accepted(sim, await say(LI, GROUP, "/contribute 4.1 闸板密封面硬度按 GB/T 231.1 测定。"))
    await say(LI, GROUP, "/resolve O1 accept")
    await say(LI, GROUP, "/resolve O2 reject 结构长度已按 GB/T 12221 分档，无需另注")
    await say(CHAIR, GROUP, "/advance")


async def _form_script(sim: Simulator) -> None:
    """赵强 takes the blank form, fills it in Excel under his centre's own header (修改意见及理由)
    with a totals row and his name below, and sends it back: the row naming a clause the draft does
    not have and the two closing rows are listed, the other becomes a comment once he confirms."""
    await sim.send(ZHAO, GROUP, "/export form")
    sim.narrate("赵强在 Excel 中填写反馈表")
    preview = await sim.send_file(
        ZHAO,
        GROUP,
        _filled_form(),
        "质检中心-征求意见反馈表.xlsx",
        "/import comments",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    await sim.press(ZHAO, _with_buttons(preview), _button(preview, "确认提交"))


def _filled_form() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["征求意见反馈表"],
        ["序号", "章条编号", "修改意见及理由", "修改建议", "提出单位"],
        [1, "1", "适用范围应包括 DN700，该规格已在长输管线中使用", None, "国家阀门质检中心"],
        [2, "9", "应增加出厂检验报告格式", None, "国家阀门质检中心"],
        ["合计", None, "2 条", None, None],
        ["填表人：赵强", None, None, None, None],
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _later(sim: Simulator, story: str, **delta: float) -> None:
    """Let time pass on the demo's clock and run what falls due (ballots, reminders)."""
    sim.clock.advance(**delta)  # type: ignore[attr-defined]
    sim.narrate(story)
    await sim.observe(tick(sim.application))


async def _export_script(sim: Simulator, out_dir: Path) -> None:
    """The secretariat exports the published standard's package; it is saved beside the data,
    with the standard itself (HTML, Word and, where LibreOffice is installed, PDF) taken out of
    it, so that a newcomer can open them at once."""
    calls = await sim.send(SECRETARY, GROUP, "/export package")
    for call in calls:
        for name, content in call.files.items():
            (out_dir / name).write_bytes(content)
            sim.narrate(f"{name} 已写入 {out_dir}")
            base = name.removesuffix("-package.zip")
            with zipfile.ZipFile(io.BytesIO(content)) as package:
                for standard in (f"{base}{ext}" for ext in (".html", ".docx", ".pdf")):
                    if standard in package.namelist():
                        (out_dir / standard).write_bytes(package.read(standard))
                        sim.narrate(f"{standard} 已写入 {out_dir}")
