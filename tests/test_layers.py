"""The layering the README describes, checked (the contracts are in pyproject.toml): handlers →
services → pure rules; services and rules free of Telegram; the rules free of I/O; the draft and
the storage free of the bot; handlers free of SQL and git; scheduled work (bot/jobs) reached by
no handler or service. A planted import fails it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).parent.parent
# In a process of its own: import-linter's CLI configures logging (dictConfig), which would turn
# off the loggers of every later test in this worker.
LINT = textwrap.dedent(
    """
    import sys
    from importlinter.cli import lint_imports
    sys.exit(lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True))
    """
)


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=tree,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tree), "PATH": ""},
    )


def test_the_layering_holds() -> None:
    found = _lint(ROOT)
    assert found.returncode == 0, found.stdout + found.stderr
    assert "0 broken" in found.stdout


def test_a_planted_import_breaks_it(tmp_path: Path) -> None:
    """The same contracts over a copy of the code in which a service imports `telegram`."""
    for package in ("bot", "handlers", "storage", "drafts"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    planted = tmp_path / "bot" / "services" / "people.py"
    planted.write_text("from telegram import Update  # planted\n" + planted.read_text())
    found = _lint(tmp_path)
    assert found.returncode == 1, found.stdout + found.stderr
    assert "bot.services.people -> telegram" in found.stdout
