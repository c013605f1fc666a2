"""Outline numbering, the /framework grammar and merging. Pure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafts.meta import Meta, merge_outline
from drafts.numbering import (
    NotANumber,
    OutlineError,
    OutlineLine,
    normalize,
    parent,
    parse_outline,
    sort_key,
    template,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", "4"), ("4.2", "4.2"), ("4.2.1", "4.2.1"), ("10.12", "10.12"), ("4.2.", "4.2"),
        ("A", "A"), ("A.1", "A.1"), ("B.2.3", "B.2.3"), ("前言", "前言"), ("Foreword", "前言"),
        ("引言", "引言"), ("4．2", "4.2"), ("参考文献", "参考文献"), ("Bibliography", "参考文献"),
    ],
)  # fmt: skip
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "0", "04", "4.0", "4.x", "x", "a.1", "AB", "A.0", "1.2.3.4.5.6.7", "1000", "4..2", "§4"],
)
def test_not_a_number(text: str) -> None:
    with pytest.raises(NotANumber):
        normalize(text)


def test_sort_order_is_front_matter_numbers_annexes_then_bibliography() -> None:
    numbers = ["B", "10", "4.10", "参考文献", "4.2", "A.1", "引言", "4", "1", "前言", "A", "4.2.1"]
    ordered = sorted(numbers, key=sort_key)
    assert ordered == [
        "前言", "引言", "1", "4", "4.2", "4.2.1", "4.10", "10", "A", "A.1", "B", "参考文献",
    ]  # fmt: skip


def test_parent() -> None:
    assert (parent("4.2.1"), parent("4.2"), parent("4"), parent("A.1"), parent("前言")) == (
        "4.2",
        "4",
        None,
        "A",
        None,
    )


def test_parse_outline_lines_and_errors_together() -> None:
    lines = parse_outline(
        "1 范围\n\n4.2   结构  与 尺寸\n前言\nA 试验方法 (规范性)\nB 选型（资料性）\n"
        "C Sizing (informative)\nA.1 试验装置\n参考文献"
    )
    assert lines == [
        OutlineLine(1, "1", "范围"),
        OutlineLine(3, "4.2", "结构 与 尺寸"),
        OutlineLine(4, "前言", "前言"),
        OutlineLine(5, "A", "试验方法", "规范性"),
        OutlineLine(6, "B", "选型", "资料性"),
        OutlineLine(7, "C", "Sizing", "资料性"),
        OutlineLine(8, "A.1", "试验装置"),  # an annex's clauses carry no designation
        OutlineLine(9, "参考文献", "参考文献"),
    ]
    with pytest.raises(OutlineError) as raised:
        parse_outline("1 范围\n4.x 坏\n5\n1 重复\n6 " + "长" * 201 + "\nA 附录\nB (规范性)")
    assert [(e.line, e.reason) for e in raised.value.errors] == [
        (2, "outline.bad_number"),
        (3, "outline.no_title"),
        (4, "outline.repeated"),
        (5, "outline.title_too_long"),
        (6, "outline.annex_designation"),
        (7, "outline.no_title"),
    ]
    with pytest.raises(OutlineError) as empty:
        parse_outline("\n  \n")
    assert empty.value.errors == []


def _meta() -> Meta:
    return Meta(code="T/X 1", title="标题", stage="framework")


def test_merge_adds_retitles_and_never_removes() -> None:
    first = merge_outline(_meta(), template("zh"))
    assert [c.number for c in first.added] == ["前言", "1", "2", "3", "4", "5", "6", "7"]
    assert [c.id for c in first.meta.clauses][:2] == ["c0001", "c0002"]
    second = merge_outline(first.meta, parse_outline("4 技术要求\n4.1 材料"))
    assert [c.title for c in second.retitled] == ["技术要求"]
    assert [c.number for c in second.added] == ["4.1"]
    numbers = [c.number for c in second.meta.clauses]
    assert numbers == ["前言", "1", "2", "3", "4", "4.1", "5", "6", "7"]
    assert second.meta.clause("4").id == first.meta.clause("4").id  # type: ignore[union-attr]
    assert second.meta.next_clause == 10
    again = merge_outline(second.meta, parse_outline("4.1 材料"))
    assert not again.added and not again.retitled and again.meta == second.meta


def test_merge_reports_clauses_without_parent() -> None:
    merge = merge_outline(_meta(), parse_outline("4.2 结构\n5 试验方法\n5.1.1 压力"))
    assert [line.number for line in merge.orphans] == ["4.2", "5.1.1"]


def test_a_changed_designation_is_a_retitle() -> None:
    first = merge_outline(_meta(), parse_outline("A 试验方法 (资料性)")).meta
    second = merge_outline(first, parse_outline("A 试验方法 (规范性)"))
    assert [(c.number, c.annex) for c in second.retitled] == [("A", "规范性")]


def test_metadata_written_before_annex_designations_still_reads() -> None:
    meta = merge_outline(_meta(), template("zh")).meta
    old = meta.to_json().replace('"annex": "",', "")
    assert '"annex"' not in old and Meta.from_json(old) == meta


def test_meta_round_trips_through_json() -> None:
    meta = merge_outline(_meta(), template("en")).meta
    assert Meta.from_json(meta.to_json()) == meta


@given(
    st.lists(
        st.sampled_from(["1", "2", "2.1", "2.2", "3", "3.1", "3.1.1", "A", "A.1"]),
        unique=True,
        min_size=1,
    )
)
def test_merging_in_any_order_gives_the_same_sorted_outline(numbers: list[str]) -> None:
    lines = [OutlineLine(i, n, f"t{n}") for i, n in enumerate(numbers, 1)]
    merged = merge_outline(_meta(), lines).meta
    assert [c.number for c in merged.clauses] == sorted(numbers, key=sort_key)
    assert len({c.id for c in merged.clauses}) == len(numbers)
