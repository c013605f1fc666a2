"""Lock files a killed git process leaves behind (`refs/heads/main.lock`, `HEAD.lock` …) make a
repository unwritable for ever. At start-up, holding the instance lock, no git process of this
bot is alive: every such file under the repositories is stale and is removed."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("manuscript.git")
_TOP_LEVEL = ("HEAD.lock", "index.lock", "packed-refs.lock", "config.lock", "shallow.lock")


def clear_stale_locks(repositories: Path) -> list[Path]:
    """Remove the git lock files of every repository under `repositories`; log each one."""
    removed = []
    for repo in sorted(repositories.glob("*.git")):
        found = [repo / name for name in _TOP_LEVEL if (repo / name).exists()]
        found += sorted((repo / "refs").rglob("*.lock"))
        for lock in found:
            lock.unlink(missing_ok=True)
            log.warning("removed a stale git lock left by a killed process: %s", lock)
            removed.append(lock)
    return removed
