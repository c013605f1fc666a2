"""Real faults, injected where they happen: in the database driver (a commit that fails, a
database that cannot be reached) and in the file system (a read-only or full repository)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import RepositoryWrite


class DatabaseFaults:
    """`fail_next_write_commit`: the next commit of a transaction that records a repository
    write fails (as when PostgreSQL restarts under it), after the repository was written;
    `down`: every statement fails, as when the database cannot be reached."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine.sync_engine
        self.fail_next_write_commit = False
        # The next commit of a write lands, and its answer is lost on the way back (the
        # connection broke in the middle of the commit): the caller cannot know it landed.
        self.lose_next_commit_reply = False
        self.down_after_failing = False  # the failing commit takes the database down with it
        self.down = False
        self.on_failing: Callable[[], None] = lambda: None  # another fault at the same moment
        self.failed = 0
        self._journaled = False

    def _after_flush(self, session: Session, _context: Any) -> None:
        if any(isinstance(row, RepositoryWrite) for row in session.new):
            self._journaled = True

    def _commit(self, connection: Any) -> None:
        journaled, self._journaled = self._journaled, False
        if self.lose_next_commit_reply and journaled:
            self.lose_next_commit_reply = False
            self.failed += 1
            connection.connection.dbapi_connection.commit()  # it lands …
            raise OperationalError("COMMIT", None, ConnectionResetError("connection reset"))
        if self.fail_next_write_commit and journaled:
            self.fail_next_write_commit = False
            self.failed += 1
            self.down = self.down_after_failing
            self.on_failing()
            raise OperationalError("COMMIT", None, ConnectionError("server closed the connection"))

    def _rollback(self, _connection: Any) -> None:
        self._journaled = False

    def _execute(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.down:
            raise OperationalError(statement, None, ConnectionError("the database is down"))

    @contextmanager
    def installed(self) -> Iterator[DatabaseFaults]:
        hooks = [
            (Session, "after_flush", self._after_flush),
            (self.engine, "commit", self._commit),
            (self.engine, "rollback", self._rollback),
            (self.engine, "before_cursor_execute", self._execute),
        ]
        for target, name, hook in hooks:
            event.listen(target, name, hook)
        try:
            yield self
        finally:
            for target, name, hook in hooks:
                event.remove(target, name, hook)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Nothing can be created or changed in `folder`, even by root (the immutable attribute;
    without `chattr`, the write permissions are taken away)."""
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "-R", "+i", str(folder)], check=False).returncode == 0:
        try:
            yield
        finally:
            subprocess.run([chattr, "-R", "-i", str(folder)], check=True)
        return
    modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
    for path in modes:
        path.chmod(modes[path] & ~0o222)
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


@contextmanager
def full_disk(folder: Path) -> Iterator[bool]:
    """`folder` moved onto a file system with no room left (a small tmpfs filled up); yields
    False when this machine does not allow mounting one (the caller skips)."""
    keep = folder.with_name(folder.name + ".kept")
    folder.rename(keep)
    folder.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        if mounted:
            shutil.copytree(keep, folder, dirs_exist_ok=True)
            with (folder / "filler").open("wb", buffering=0) as filler:  # every byte left taken
                for chunk in (65536, 4096, 1):
                    try:
                        while True:
                            filler.write(b"\0" * chunk)
                    except OSError:
                        pass
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()
        keep.rename(folder)


# Runs ACTION, once, the moment a commit whose subject starts with the text in `at-commit` has
# moved the branch: the reference-transaction hook runs before git's update-ref returns, so the
# bot's git write is held there (its database side not yet committed) while ACTION runs.
_AT_COMMIT = """#!/bin/sh
[ "$1" = committed ] || exit 0
while read -r old new ref; do
  [ "$ref" = refs/heads/main ] && [ -f "$GIT_DIR/at-commit" ] || continue
  subject=$(git log -1 --format=%s "$new")
  case "$subject" in "$(cat "$GIT_DIR/at-commit")"*)
    rm "$GIT_DIR/at-commit"
    ACTION;;
  esac
done
exit 0
"""
# Actions: hold git until the test removes `paused` (it names the commit), or for a minute.
HOLD = 'echo "$subject" > "$GIT_DIR/paused"; while [ -f "$GIT_DIR/paused" ]; do sleep 0.05; done'
HOLD_A_MINUTE = 'echo "$subject" > "$GIT_DIR/paused"; sleep 60'


def at_commit(repository: Path, subject: str, action: str) -> None:
    """Run the shell `action` in `repository`'s git, once, right after the commit whose subject
    starts with `subject` has moved the branch."""
    hook = repository / "hooks" / "reference-transaction"
    hook.write_text(_AT_COMMIT.replace("ACTION", action))
    hook.chmod(0o755)
    (repository / "at-commit").write_text(subject)
