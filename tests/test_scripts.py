"""Sub- and superscripts as members type them, at their edges."""

from __future__ import annotations

import pytest

from drafts.export.scripts import Place, script_runs

L, B, P = Place.LINE, Place.SUB, Place.SUP


@pytest.mark.parametrize(
    ("typed", "runs"),
    [
        ("p_t = 1.5 × PN", [("p", L), ("t", B), (" = 1.5 × PN", L)]),
        ("x^2 + y^2", [("x", L), ("2", P), (" + y", L), ("2", P)]),
        ("a_{max}", [("a", L), ("max", B)]),
        ("10^{-3} m", [("10", L), ("-3", P), (" m", L)]),
        (
            "p_t——试验压力，单位为兆帕（MPa）；",
            [("p", L), ("t", B), ("——试验压力，单位为兆帕（MPa）；", L)],
        ),
        ("_x", [("_x", L)]),  # nothing to lower
        ("a _b", [("a _b", L)]),  # after a space: itself
        ("a_ b", [("a_ b", L)]),  # before a space: itself
        ("a_", [("a_", L)]),  # at the end
        ("a_{}", [("a_{}", L)]),  # an empty group
        ("a_{b", [("a_{b", L)]),  # an unclosed group
        ("a_{x}^2", [("a", L), ("x", B), ("2", P)]),
        ("F_N^2", [("F", L), ("N", B), ("2", P)]),
        ("", [("", L)]),
        ("plain", [("plain", L)]),
    ],
)
def test_script_runs(typed: str, runs: list[tuple[str, Place]]) -> None:
    assert script_runs(typed) == runs
