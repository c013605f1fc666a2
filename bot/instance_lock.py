"""One `manuscript-bot run` per data directory: an exclusive lock on a file in it, held for the
life of the process (the kernel drops it when the process dies, however it dies). Two instances
on the same repositories would write the same drafts; the second one refuses to start."""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from typing import IO

LOCK_NAME = "manuscript.lock"


class AlreadyRunning(RuntimeError):
    """Another process holds the data directory."""


def hold(data_dir: Path) -> IO[str]:
    """Take the data directory's lock, or raise AlreadyRunning naming the holder; keep the
    returned file open as long as the instance runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "an unknown process"
        handle.close()
        raise AlreadyRunning(
            f"another manuscript-bot is running on {data_dir} ({holder}); stop it first"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
    handle.flush()
    return handle
