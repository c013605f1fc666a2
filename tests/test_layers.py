"""The layering the README describes, checked (the contracts are in pyproject.toml): handlers →
services → pure rules; services and rules free of Telegram; the rules free of I/O; the draft and
the storage free of the bot; handlers free of SQL and git. A planted import fails it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).parent.parent


def test_the_layering_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert (
        lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0
    )


def test_a_planted_import_breaks_it(tmp_path: Path) -> None:
    """The same contracts over a copy of the code in which a service imports `telegram`."""
    for package in ("bot", "handlers", "storage", "drafts"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    planted = tmp_path / "bot" / "services" / "people.py"
    planted.write_text("from telegram import Update  # planted\n" + planted.read_text())
    script = textwrap.dedent(
        """
        import sys
        import pytest
from importlinter.cli import lint_imports
        sys.exit(lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True))
        """
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
    )
    assert found.returncode == 1, found.stdout + found.stderr
    assert "bot.services.people -> telegram" in found.stdout
