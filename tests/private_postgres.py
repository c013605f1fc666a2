"""A PostgreSQL cluster of a test's own, to restart and stop under the bot (never the shared
server the other tests use): initdb into a fresh folder, a free port on 127.0.0.1, run as the
`postgres` system user (PostgreSQL refuses to run as root). Skipped where the server's programs
or that user are missing, failed under CI (.ci/run installs PostgreSQL)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    def __init__(self) -> None:
        missing = BIN is None or not (BIN / "initdb").exists()
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            missing = True
        if missing or os.geteuid() != 0:
            reason = "a private PostgreSQL cluster needs the server's programs, root and the postgres user"
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        self.folder = Path(tempfile.mkdtemp(prefix="mbt-pg-"))
        os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.port = _free_port()
        self._as_postgres(
            "initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres"
        )

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, program: str, *args: str) -> None:
        assert BIN is not None
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(BIN / program), *args],
            check=True,
            capture_output=True,
        )

    def _ctl(self, action: str, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            "pg_ctl", "-D", str(self.folder / "data"), "-w", "-o", options,
            "-l", str(self.folder / "server.log"), action, *args,
        )  # fmt: skip

    def start(self) -> None:
        self._ctl("start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends the sessions cleanly, `immediate` as a crash would."""
        self._ctl("stop", "-m", mode)

    def restart(self, mode: str = "fast") -> None:
        self._ctl("restart", "-m", mode)

    def remove(self) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(BIN / "pg_ctl"), "-D",
             str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)
