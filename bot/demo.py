"""`manuscript-bot demo`: a scripted conversation through the real Application, offline.

Several people in a group chat, a forum topic and private chats set up an alliance project. The
transcript is printed as it happens; the database (and later the repositories) stay in `out_dir`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.app import build_application, serving_offline
from bot.config import Settings
from bot.offline import ApiCall, RecordingRequest
from bot.simulator import Chat, Simulator, User, private_chat
from storage.migrate import migrate_url

MARKER = ".manuscript-demo"

SECRETARY = User(10001, "王秘书", "wang_mishu")
CHAIR = User(10002, "陈静", "chenjing")
LI = User(10003, "李伟", "liwei")  # 朝达阀门
ZHANG = User(10004, "张敏", "zhangmin")  # 华东理工大学
ZHAO = User(10005, "赵强", "zhaoqiang")  # 国家阀门质检中心, an observer
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


async def run_demo(out_dir: Path, echo: Callable[[str], None] = print) -> Simulator:
    prepare_folder(out_dir)
    settings = Settings(
        data_dir=out_dir,
        secretariat=frozenset({SECRETARY.id}),
        alliance_name="中国阀门产业标准联盟",
    )
    await migrate_url(settings.database_url)
    transport = RecordingRequest()
    application = build_application(settings, token="0:offline-demo", request=transport)
    sim = Simulator(application, transport, echo=echo)
    async with serving_offline(application):
        await _setup_script(sim)
        await _drafting_script(sim)
    return sim


async def _setup_script(sim: Simulator) -> None:
    """Foundation: units, representatives, a project in a group and one in a forum topic."""
    say = sim.send
    await say(SECRETARY, private_chat(SECRETARY), "/start")
    await say(SECRETARY, GROUP, "/unit add 朝达阀门有限公司 | 朝达阀门 | 企业")
    await say(SECRETARY, GROUP, "/unit add 华东理工大学 | 华理 | 高校")
    await say(
        SECRETARY, GROUP, "/unit add 国家阀门质量检验检测中心 | 质检中心 | 科研院所 | observer"
    )
    await say(SECRETARY, GROUP, "/unit add")  # malformed: answered with the usage line
    await say(SECRETARY, GROUP, "/newproject T/CVA 012—2027 | 石油天然气工业用钢制闸阀")
    await say(LI, GROUP, "/join 朝达阀门")
    await say(ZHANG, GROUP, "/join 华理")
    await say(ZHAO, GROUP, "/join 质检中心")
    await say(ZHANG, GROUP, "/approve @zhangmin")  # denied: only the secretariat confirms
    for person in ("@liwei", "@zhangmin", "@zhaoqiang"):
        await say(SECRETARY, GROUP, f"/approve {person}")
    await say(CHAIR, GROUP, "/help")
    await say(SECRETARY, GROUP, "/grant @chenjing chair")
    await say(CHAIR, GROUP, "/wg add 朝达阀门")
    await say(CHAIR, GROUP, "/wg add 华理")
    await say(SECRETARY, GROUP, "/units")
    await say(LI, GROUP, "/project")
    await say(SECRETARY, FORUM, "/newproject T/CVA 015—2027 | 低温球阀技术条件", topic=42)
    await say(SECRETARY, FORUM, "/lang en", topic=42)
    await say(LI, FORUM, "/project", topic=42)


async def _drafting_script(sim: Simulator) -> None:
    """Drafting: a designated drafter, the framework, contributions accepted and rejected."""
    say = sim.send
    await say(CHAIR, GROUP, "/drafter 朝达阀门")
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
    await sim.press(LI, _with_buttons(proposal), proposal_button(proposal, "a"))
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


def _with_buttons(calls: list[ApiCall]) -> dict[str, Any]:
    return next(call.result for call in calls if call.params.get("reply_markup"))


def proposal_button(calls: list[ApiCall], choice: str) -> str:
    """The callback data of the Accept (`a`) or Reject (`r`) button under a proposal."""
    rows = _with_buttons(calls)["reply_markup"]["inline_keyboard"]
    return next(
        b["callback_data"] for row in rows for b in row if b["callback_data"].endswith(f":{choice}")
    )
