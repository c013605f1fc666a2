"""Odd input from people and buttons. Ids that are not plain numbers: superscript and other Unicode digits
(which `str.isdigit()` accepts), and numbers too large for a database integer. Every parser says
"not an id"; through the Application each such command gets its usage line and each such button
"这个按钮已失效" — never an internal error. And: a name git refuses, a unit name
with a line break, a project code that would make a hidden file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.args import UsageError, parse_user_ref
from bot.domain.ballots import parse_ballot_ref
from bot.domain.comments import parse_comment_ref
from bot.domain.contributions import parse_ref
from bot.domain.ids import parse_id
from bot.i18n import msg, render
from bot.simulator import User, private_chat
from tests.actors import CHAIR, GROUP, LI, OTHER_GROUP, SEC, ZHANG
from tests.conftest import Bot

# ASCII digits, digits of other scripts (Nd: int() reads them), superscripts and fractions
# (No: isdigit() says yes, int() refuses), and the prefixes the refs take.
ODD_DIGITS = "0123456789²³¹⁰⁴٠١٢٣۴५६७০১૨๓໔༥၆႗០᠑１２３"
IDS = st.text(alphabet=ODD_DIGITS + "#BbCcu+- ", max_size=30)


@given(IDS)
def test_no_id_parser_fails_on_odd_digits_or_huge_numbers(text: str) -> None:
    for parse in (parse_id, parse_ballot_ref, parse_comment_ref, parse_ref):
        value = parse(text)
        assert value is None or 0 < value < 2**31
        if value is not None:
            assert text.strip().lstrip("#BbCc").isascii()
    try:
        ref = parse_user_ref(text)
    except UsageError:
        return
    assert ref.user_id is None or 0 < ref.user_id < 2**63


@pytest.mark.parametrize(
    "text", ["²", "B²", "C²", "#²", "٣", "B٣", "１２", "0", "-1", "+5", " 5", "1" * 10, "9" * 20]
)
def test_odd_ids_are_not_ids(text: str) -> None:
    assert parse_id(text.removeprefix("B").removeprefix("C").removeprefix("#")) is None
    assert parse_ballot_ref(text) is None or text.strip() == "5"
    assert parse_comment_ref(text) is None or text.strip() == "5"


def test_plain_ids_are_ids() -> None:
    assert [parse_id(t) for t in ("1", "42", "999999999")] == [1, 42, 999999999]
    assert (parse_ballot_ref("b2"), parse_comment_ref("C3"), parse_ref("#12")) == (2, 3, 12)


@pytest.mark.parametrize(
    ("user", "text", "usage"),
    [
        (LI, "/vote B² yes", "用法：/vote"),
        (CHAIR, "/close B²", "用法：/close"),
        (CHAIR, "/close B99999999999999999999", "用法：/close"),
        (LI, "/resolve C² accept", "用法：/resolve"),
        (CHAIR, "/deadline B² 3d", "「B²」不是条款编号"),  # neither a ballot nor a clause
        (LI, "/accept #²", "用法：/accept"),
        (LI, "/withdraw #99999999999999999999", "用法：/withdraw"),
        (SEC, "/approve 99999999999999999999", "用法：/approve"),
    ],
)
async def test_commands_with_odd_ids_answer_their_usage(
    drafting_bot: Bot, user: object, text: str, usage: str
) -> None:
    [answer] = await drafting_bot.say(user, GROUP, text)  # type: ignore[arg-type]
    assert answer.startswith(usage), answer


@pytest.mark.parametrize(
    "data", ["v:²:n", "v:99999999999999999999:y", "v:1:²", "c:²:a", "c:٣:a", "pf:p:²"]
)
async def test_buttons_with_odd_ids_are_stale(drafting_bot: Bot, data: str) -> None:
    bot = drafting_bot
    calls = await bot.calls(CHAIR, GROUP, "/ballot 议题")
    message = next(c.result for c in calls if c.method == "sendMessage")
    pressed = await bot.press(ZHANG, data, message)
    toasts = [c.params.get("text") for c in pressed if c.method == "answerCallbackQuery"]
    assert toasts == ["这个按钮已失效。"], pressed


async def test_a_deep_link_with_an_odd_project_id_answers_its_usage(drafting_bot: Bot) -> None:
    for payload in ("patent-²", "patent-99999999999999999999"):
        [answer] = await drafting_bot.say(LI, private_chat(LI), f"/start {payload}")
        assert answer.startswith("用法：/start"), answer


async def test_a_person_whose_name_git_would_refuse_can_act(drafting_bot: Bot) -> None:
    """Telegram allows a name of only `.`; git refuses it as an author: the commit goes under the
    person's address (`tg-<id>`)."""
    bot = drafting_bot
    dot = User(12, ".", "dot_chair")
    await bot.say(dot, GROUP, "/help")
    await bot.say(SEC, GROUP, "/grant @dot_chair chair")
    [done] = await bot.say(dot, GROUP, "/meta ics 23.060.10")
    assert done.startswith("已记入版本库"), done
    [last] = (await bot.repository()).log(limit=1)
    assert (last.author, last.email) == ("tg-12", "tg-12@users.manuscript")


async def test_a_unit_name_is_one_line_of_plain_text(project_bot: Bot) -> None:
    bot = project_bot
    [added] = await bot.say(SEC, GROUP, "/unit add 上海\n阀门\u202e研究所 | 上阀所")
    assert added.startswith("已登记单位：上海 阀门研究所（上阀所）"), added


async def test_an_export_is_never_a_hidden_file(project_bot: Bot) -> None:
    bot = project_bot
    await bot.say(SEC, OTHER_GROUP, "/newproject ... | 点")
    [document] = [
        c for c in await bot.calls(SEC, OTHER_GROUP, "/export md") if c.method == "sendDocument"
    ]
    [name] = document.files
    assert not name.startswith("."), name


async def test_a_right_to_left_override_in_a_name_does_not_turn_the_bots_words(
    project_bot: Bot,
) -> None:
    """Names and titles people choose lose their control and bidi characters where they come in:
    a person's Telegram name, a project's title, a ballot's question, an outline's titles."""
    bot = project_bot
    tricky = User(13, "李\u202e伟", "tricky")
    [answer] = await bot.say(tricky, GROUP, "/join 朝达")
    assert answer.startswith("已收到申请：李伟 申请代表"), answer
    await bot.say(SEC, OTHER_GROUP, "/newproject T/X 1\u2067 | 标\u202e题\n二")
    [card] = await bot.say(SEC, OTHER_GROUP, "/project")
    assert "T/X 1《标题 二》" in card and "\u202e" not in card
    await bot.say(CHAIR, GROUP, "/wg add 朝达")
    [ballot] = await bot.say(CHAIR, GROUP, "/ballot 是否\u202e采用")
    assert ballot.startswith("投票 B1：是否采用"), ballot


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("محمد", "\u2068محمد\u2069"),  # Arabic
        ("דוד 2", "\u2068דוד 2\u2069"),  # Hebrew with a digit: the digit stays inside
        ("ﻻ", "\u2068ﻻ\u2069"),  # a presentation form
        ("𐤀", "\u2068𐤀\u2069"),  # Phoenician, beyond the BMP
        ("上海 ישראל\n第二行", "\u2068上海 ישראל\u2069\n\u2068第二行\u2069"),  # each line isolated
        ("李伟", "李伟"),  # no right-to-left letter: left as it is
        ("Li Wei 1.2", "Li Wei 1.2"),
        ("", ""),
    ],
)
def test_a_right_to_left_parameter_is_isolated(text: str, shown: str) -> None:
    assert render("zh", msg("comment.recorded", n=3, number=text)) == f"已记录意见 C3（{shown}）。"


def test_isolation_reaches_names_inside_lists_and_nested_messages() -> None:
    names = ["朝达", "محمد"]
    listed = render("zh", msg("error.denied", roles=names))
    assert listed.endswith("朝达、\u2068محمد\u2069。")
    nested = render("en", msg("error.usage", usage=msg("comment.recorded", n=1, number="שלום")))
    assert nested == "Usage: Comment C1 on \u2068שלום\u2069 recorded."


async def test_a_right_to_left_name_does_not_turn_the_bots_words_around_it(
    project_bot: Bot,
) -> None:
    bot = project_bot
    arabic = User(14, "محمد 3", "mohammed")
    [answer] = await bot.say(arabic, GROUP, "/join 朝达")
    assert answer.startswith("已收到申请：\u2068محمد 3\u2069 申请代表"), answer
