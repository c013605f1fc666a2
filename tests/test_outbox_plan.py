"""The outbox's pure rules at their edges: which row goes next, which edits are superseded, what
merges, how ranges read, and Telegram's sending limits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.outbox.payload import Key, MergeTag, Payload
from bot.outbox.plan import (
    GROUP_PER_MINUTE,
    MERGED_ITEMS,
    OVERALL_PER_SECOND,
    Budget,
    Row,
    merged_buttons,
    merged_text,
    number_ranges,
    plan,
)

GROUP = -100


def message(row_id: int, text: str = "好", **extra: Any) -> Row:
    return Row(row_id, "message", Payload(text=text, **extra))


def edit(row_id: int, target: int | str, *, live: bool = False, drop: str | None = None) -> Row:
    """An edit of message `target`, or (a str) of the record whose message was still waiting."""
    of = target if isinstance(target, str) else None
    message_id = None if of else target
    payload = Payload(message_id=message_id, of=of, text=f"v{row_id}", live=live, drop=drop or "")
    return Row(row_id, "edit", payload)


def comment(row_id: int, number: int, lang: str = "zh") -> Row:
    merge = MergeTag("comment", "C", number, lang)
    return message(row_id, f"已记录意见 C{number}（4.1）。", merge=merge)


def proposal(row_id: int, number: int) -> Row:
    merge = MergeTag("proposal", "#", number, "zh", (Key(f"采纳 #{number}", f"c:{number}:a"),))
    return message(row_id, f"文稿补充 #{number}", merge=merge)


def test_rows_go_in_order_one_at_a_time() -> None:
    step = plan([message(1), message(2)], 0.0, {}, set(), 2.0)
    assert [row.id for row in step.send] == [1] and step.superseded == [] and step.wake_in is None


def test_an_edit_is_superseded_by_a_later_edit_of_its_message_only() -> None:
    rows = [edit(1, 50, live=True), edit(2, 60, live=True), message(3), edit(4, 50)]
    step = plan(rows, 0.0, {}, set(), 2.0)
    assert step.superseded == [1]
    assert [row.id for row in step.send] == [2]


def test_edits_made_while_their_message_waited_supersede_each_other_not_its_later_ones() -> None:
    rows = [
        message(1),  # the message of ballot 7 (its row names it; the planner needs no more)
        edit(2, "ballot:7", live=True),
        edit(3, "ballot:9", live=True),
        edit(4, "ballot:7", live=True),
        edit(5, 70, live=True),  # the ballot's message, once it landed: another target
    ]
    step = plan(rows, 0.0, {}, set(), 2.0)
    assert step.superseded == [2]
    assert [row.id for row in step.send] == [1]
    later = plan(rows[3:], 0.0, {"ballot:7": 0.0}, set(), 2.0)
    assert [row.id for row in later.send] == [5] and later.wake_in is None


def test_an_edit_that_drops_one_items_buttons_is_never_superseded_nor_supersedes() -> None:
    rows = [edit(1, 50, drop="c:1:"), edit(2, 50, drop="c:2:"), edit(3, 50)]
    step = plan(rows, 0.0, {}, set(), 2.0)
    assert step.superseded == [] and [row.id for row in step.send] == [1]


def test_a_live_edit_after_the_final_one_is_dropped() -> None:
    step = plan([edit(1, 50, live=True)], 0.0, {}, {50}, 2.0)
    assert step.superseded == [1] and step.send == []


@pytest.mark.parametrize(("now", "waits"), [(10.9, True), (11.0, False), (12.5, False)])
def test_a_live_edit_waits_its_interval_exactly(now: float, waits: bool) -> None:
    step = plan([edit(1, 50, live=True)], now, {50: 9.0}, set(), 2.0)
    assert (step.send == []) is waits
    assert step.wake_in == (pytest.approx(11.0 - now) if waits else None)


def test_a_waiting_live_edit_lets_the_messages_behind_it_go() -> None:
    step = plan([edit(1, 50, live=True), message(2)], 10.0, {50: 9.5}, set(), 2.0)
    assert [row.id for row in step.send] == [2]


def test_consecutive_acknowledgements_of_a_kind_merge_and_stop_at_another_row() -> None:
    rows = [comment(1, 5), comment(2, 6), comment(3, 7), message(4), comment(5, 8)]
    step = plan(rows, 0.0, {}, set(), 2.0)
    assert [row.id for row in step.send] == [1, 2, 3]
    text = merged_text(step.send)
    assert text.splitlines()[0] == "已记录意见 C5–C7（3 条）："
    assert text.splitlines()[1:] == [f"已记录意见 C{n}（4.1）。" for n in (5, 6, 7)]


def test_acknowledgements_of_other_kinds_languages_or_topics_do_not_merge() -> None:
    assert len(plan([comment(1, 5), proposal(2, 6)], 0.0, {}, set(), 2.0).send) == 1
    assert len(plan([comment(1, 5), comment(2, 6, lang="en")], 0.0, {}, set(), 2.0).send) == 1
    topic = Row(2, "message", replace(comment(2, 6).payload, thread=7))
    assert len(plan([comment(1, 5), topic], 0.0, {}, set(), 2.0).send) == 1


def test_a_merged_message_holds_at_most_its_items_and_its_length() -> None:
    many = [comment(i, i) for i in range(1, MERGED_ITEMS + 5)]
    assert len(plan(many, 0.0, {}, set(), 2.0).send) == MERGED_ITEMS
    long = [message(i, "长" * 1500, merge=comment(i, i).payload.merge) for i in range(1, 5)]
    assert len(plan(long, 0.0, {}, set(), 2.0).send) == 2  # a third would pass 4,000 characters


def vote(row_id: int, ballot: int, unit: str) -> Row:
    merge = MergeTag("vote", "B", ballot, "zh")
    return message(row_id, f"已记录 {unit} 在 B{ballot} 的投票：同意", merge=merge)


def test_votes_merge_across_the_tally_edits_between_them_which_go_after() -> None:
    rows = [
        vote(1, 1, "朝达"),
        edit(2, 50, live=True),
        vote(3, 1, "华理"),
        edit(4, 50, live=True),
        vote(5, 2, "上阀所"),
        edit(6, 50),  # a final edit (a close): nothing merges across it
        vote(7, 2, "质检中心"),
    ]
    step = plan(rows, 0.0, {}, set(), 2.0)
    assert [row.id for row in step.send] == [1, 3, 5] and step.superseded == [2, 4]
    assert merged_text(step.send).splitlines() == [
        "已记录投票 B1–B2（3 条）：",  # several votes on one ballot name it once
        "已记录 朝达 在 B1 的投票：同意",
        "已记录 华理 在 B1 的投票：同意",
        "已记录 上阀所 在 B2 的投票：同意",
    ]
    after = plan([edit(4, 50, live=True), vote(7, 2, "质检中心")], 0.0, {}, set(), 2.0)
    assert [row.id for row in after.send] == [4]  # the tally goes next, its interval allowing


def test_merged_proposals_keep_each_ones_buttons_labelled_with_its_number() -> None:
    rows = [proposal(1, 21), proposal(2, 22)]
    assert merged_buttons(rows) == (
        (Key("采纳 #21", "c:21:a"),),
        (Key("采纳 #22", "c:22:a"),),
    )
    assert merged_text(rows).startswith("已收到文稿补充 #21–#22（2 条）")


@pytest.mark.parametrize(
    ("numbers", "shown"),
    [
        ([5], "C5"),
        ([5, 6], "C5–C6"),
        ([5, 7], "C5、C7"),
        ([5, 6, 7, 9, 11, 12], "C5–C7、C9、C11–C12"),
        ([7, 6], "C7、C6"),
    ],
)
def test_number_ranges(numbers: list[int], shown: str) -> None:
    assert number_ranges(numbers, prefix="C", separator="、") == shown


def test_a_group_takes_twenty_a_minute_and_the_twenty_first_waits_for_the_first_to_age() -> None:
    budget = Budget()
    for second in range(GROUP_PER_MINUTE):
        assert budget.wait(GROUP, float(second)) == 0
        budget.spend(GROUP, float(second))
    assert budget.wait(GROUP, 30.0) == pytest.approx(30.0)  # the first went at 0, ages out at 60
    assert budget.wait(GROUP, 60.0) == 0
    assert budget.wait(42, 30.0) == 0  # a private chat is not held up by the group


def test_thirty_a_second_overall() -> None:
    budget = Budget()
    for chat in range(OVERALL_PER_SECOND):
        budget.spend(chat + 1, 5.0)
    assert budget.wait(999, 5.5) == pytest.approx(0.5)
    assert budget.wait(999, 6.0) == 0


# Rows as the version before the typed payload stored them (handlers/outgoing.py wrote dicts):
# a restart after the upgrade must still send what they owe.
EARLIER_ROWS = [
    '{"thread": 7, "reply_to": 12, "text": "文稿补充 #3", "buttons": [[{"text": "采纳", "data": "c:3:a"}, {"text": "不采纳", "data": "c:3:r"}]], "force_reply": false, "merge": {"kind": "proposal", "prefix": "#", "number": 3, "lang": "zh", "buttons": [{"text": "采纳 #3", "data": "c:3:a"}]}}',
    '{"message_id": 40, "text": "投票 B1", "buttons": [], "live": true, "drop": null, "of": null}',
    '{"message_id": null, "text": "#3：采纳", "buttons": [], "live": false, "drop": "c:3:", "of": "contribution:3"}',
    '{"thread": null, "reply_to": 5, "filename": "草案.docx"}',
    '{"thread": null, "reply_to": null, "caption": "图1"}',
    '{"thread": null, "reply_to": null, "text": "已收到", "buttons": [], "force_reply": true, "shown": [[{"text": "链接", "url": "https://t.me/x"}]]}',
]


def test_rows_stored_before_the_typed_payload_read_as_they_were_written() -> None:
    proposal_row, live, drop, document, photo, shown = (Payload.from_json(r) for r in EARLIER_ROWS)
    assert (proposal_row.thread, proposal_row.reply_to, proposal_row.text) == (7, 12, "文稿补充 #3")
    assert proposal_row.keys == ((Key("采纳", "c:3:a"), Key("不采纳", "c:3:r")),)
    assert proposal_row.merge == MergeTag("proposal", "#", 3, "zh", (Key("采纳 #3", "c:3:a"),))
    assert Row(2, "edit", live).target == 40 and Row(2, "edit", live).live
    assert Row(3, "edit", drop).target == "contribution:3" and drop.drop == "c:3:"
    assert document.filename == "草案.docx" and document.reply_to == 5
    assert photo.caption == "图1" and photo.thread is None
    assert shown.force_reply and shown.shown == ((Key("链接", url="https://t.me/x"),),)
    for row in EARLIER_ROWS:  # and written again, they read the same
        payload = Payload.from_json(row)
        assert Payload.from_json(payload.to_json()) == payload
