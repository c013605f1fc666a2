"""The documentation keeps up with the code: every command in both halves of the guide, every
setting in the configuration reference, the voting thresholds as the rules count them, and every
link pointing at a file of the repository (none outside it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.commands import COMMANDS
from bot.config import _READERS, variable
from bot.domain.voting import PRESETS
from tests.test_voting import FORMULAS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDE = (DOCS / "guide.md").read_text(encoding="utf-8")
CHINESE, ENGLISH = GUIDE.split("\n## English\n")


@pytest.mark.parametrize("half", [CHINESE, ENGLISH], ids=["zh", "en"])
def test_the_guide_names_every_command(half: str) -> None:
    missing = [spec.name for spec in COMMANDS if not re.search(rf"`/{spec.name}\b", half)]
    assert missing == []


def test_the_configuration_reference_names_every_setting() -> None:
    reference = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name in _READERS:
        assert f"`{variable(name)}` (`{name}`)" in reference, name
    named = set(re.findall(r"`(MANUSCRIPT_[A-Z_]+)`", reference))
    known = {variable(name) for name in _READERS}
    assert named - known == {"MANUSCRIPT_CONFIG", "MANUSCRIPT_TEST_POSTGRES_URL"}


def _fewest_taking_part(rule: str, eligible: int) -> int:
    """By the rule's formula as test_voting.py transcribes it (not by the code under test)."""
    passes = FORMULAS[rule]
    return next(
        cast
        for cast in range(eligible + 1)
        if any(
            passes(eligible, yes, cast - yes - abstain, abstain)
            for yes in range(cast + 1)
            for abstain in range(cast - yes + 1)
        )
    )


def _fewest_yes(rule: str, eligible: int) -> int:
    return next(y for y in range(eligible + 1) if FORMULAS[rule](eligible, y, eligible - y, 0))


def test_the_threshold_table_is_what_the_rules_count() -> None:
    text = (DOCS / "voting.md").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| E | `"))
    rules = re.findall(r"`([a-z-]+)`", header)
    assert rules == list(PRESETS)
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert [int(row.split("|")[1]) for row in rows] == list(range(1, 13))
    for row in rows:
        eligible, *cells = (cell.strip() for cell in row.strip("|").split("|"))
        for rule, cell in zip(rules, cells, strict=True):
            expected = (
                f"{_fewest_taking_part(rule, int(eligible))} / {_fewest_yes(rule, int(eligible))}"
            )
            assert cell == expected, (rule, eligible)


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.name)
def test_links_stay_inside_the_repository(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert "../shared" not in text and "SPEC.md" not in text and "DESIGN.md" not in text
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if target.startswith(("http://", "https://")):
            continue
        assert (document.parent / target).exists(), target
