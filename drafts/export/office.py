"""LibreOffice kept warm for the PDFs: offices started ahead, each a LibreOffice behind its own
bridge process (drafts/export/uno_bridge.py, over Debian's `python3-uno`), so that an export does
not wait for one to start.

Each office converts one part of one batch of documents (drafts/export/pdf.py `convert`) and is
then retired, a new one starting in the background. Why not one office for every batch:
LibreOffice numbers the fonts it embeds across a process's life, so a document converted after
others comes out in other bytes than the same document converted first. An office that has
converted only its warm-up page (Latin text: no CJK font is embedded) gives exactly the bytes a
fresh `soffice --convert-to` gives, so a tag still exports to the same bytes whenever, warm or
cold — and a part the warm office could not convert (it died or hung) is converted again cold.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import io
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Callable
from http.client import HTTPConnection
from pathlib import Path

from drafts.export import uno_bridge

log = logging.getLogger("manuscript.office")

START_SECONDS = 60.0  # how long an office may take to answer once started
QUIET_SECONDS = 1.0  # how long conversions pause before retired offices are replaced
DEBIAN_UNO = Path("/usr/lib/python3/dist-packages")  # where python3-uno puts `uno`
Told = Callable[[str], None]  # an office failed and was replaced: the operators hear why


def uno_path() -> Path | None:
    """Where Python finds LibreOffice's `uno` module for the bridge; None where there is none."""
    spec = importlib.util.find_spec("uno")
    if spec is not None and spec.origin is not None:
        return Path(spec.origin).parent
    return DEBIAN_UNO if (DEBIAN_UNO / "uno.py").exists() else None


class OfficeFailed(RuntimeError):
    """The warm office could not convert: it died, hung or refused."""


class _Timed(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host: object) -> HTTPConnection:
        connection = super().make_connection(host)  # type: ignore[arg-type]
        connection.timeout = self.timeout
        return connection


class Office:
    """One LibreOffice behind its bridge, with its own profile, pipe and port."""

    def __init__(self, program: str, uno: Path, timeout: float) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="manuscript-office-"))
        self.port = _free_port()
        self.timeout = timeout
        command = [
            sys.executable, "-m", "drafts.export.uno_bridge", "--uno", str(uno),
            "--soffice", program, "--profile", str(self.folder / "profile"),
            "--port", str(self.port), "--start-seconds", str(START_SECONDS),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "office.log").open("wb"),
            start_new_session=True,  # its LibreOffice goes with it on close
        )

    def ready(self) -> bool:
        """Wait until it answers (True), or it has died or taken too long (False)."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                info = self._proxy(5).info()
                if isinstance(info, dict) and info.get("api") == uno_bridge.API:
                    return True
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
        return False

    def convert(self, docx: bytes) -> bytes:
        try:
            result = self._proxy(self.timeout).convert(xmlrpc.client.Binary(docx))
        except (OSError, xmlrpc.client.Error) as error:
            raise OfficeFailed(str(error)[:300]) from error
        if not isinstance(result, xmlrpc.client.Binary):
            raise OfficeFailed(f"the office answered {type(result).__name__}, not the PDF")
        return bytes(result.data)

    def said(self) -> str:
        """The end of what the bridge and LibreOffice wrote to stderr."""
        log_file = self.folder / "office.log"
        return log_file.read_text(errors="replace")[-300:] if log_file.exists() else ""

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}", allow_none=True, transport=_Timed(timeout)
        )


class Offices:
    """Up to `spares` offices started and warmed ahead. `take` hands one over for a part of a
    batch (or None while none is ready: the part goes cold); `done` retires it, and another
    starts in its place once the conversions have paused."""

    def __init__(self, program: str, spares: int, timeout: float, told: Told | None = None) -> None:
        self.program, self.spares, self.timeout, self.told = program, spares, timeout, told
        self.uno = uno_path()
        self.ready: list[Office] = []
        self.starting = self.busy = 0
        self.quiet_at = 0.0  # when the conversions will have paused, unless another starts
        self.refilling = False
        self.lock = threading.Lock()
        self.closed = False
        atexit.register(self.close)

    def start(self) -> None:
        """Fill up the spares, in the background."""
        if self.uno is None:
            return
        with self.lock:
            if self.closed:
                return
            wanted = self.spares - len(self.ready) - self.starting
            self.starting += max(0, wanted)
        for _ in range(wanted):
            threading.Thread(target=self._warm_one, daemon=True).start()

    def take(self) -> Office | None:
        """A warm office for one part (None while none is ready); `done` with it after."""
        with self.lock:
            if not self.ready:
                return None
            self.busy += 1
            return self.ready.pop(0)

    def done(self, office: Office) -> None:
        """Retire it. Its replacement starts once no warm office has converted for
        QUIET_SECONDS: an export's next batch (its file list, a table continued) comes within
        that, and a LibreOffice starting would take a processor from it."""
        office.close()
        with self.lock:
            self.busy -= 1
            self.quiet_at = time.monotonic() + QUIET_SECONDS
            if self.refilling:
                return
            self.refilling = True
        threading.Thread(target=self._refill_when_quiet, daemon=True).start()

    def failed(self, office: Office, error: Exception) -> None:
        """A warm office failed a conversion: the operators are told (`done` retires it)."""
        log.error("a warm LibreOffice failed (%s); the batch is converted cold", error)
        if self.told is not None:
            self.told(str(error))

    def close(self) -> None:
        with self.lock:
            self.closed, offices, self.ready = True, self.ready, []
        for office in offices:
            office.close()

    def _refill_when_quiet(self) -> None:
        while True:
            with self.lock:
                wait = self.quiet_at - time.monotonic()
                if wait <= 0 and not self.busy:
                    self.refilling = False
                    break
            time.sleep(0.1)
        self.start()

    def _warm_one(self) -> None:
        assert self.uno is not None
        office: Office | None = None
        try:
            office = Office(self.program, self.uno, self.timeout)
            if not office.ready():
                raise OfficeFailed(f"it did not answer: {office.said()!r}")
            office.convert(_warm_up_page())
        except (OSError, OfficeFailed) as error:
            log.error("a LibreOffice to keep warm did not start: %s", error)
            if office is not None:
                office.close()
            office = None
        with self.lock:
            self.starting -= 1
            if office is not None and not self.closed:
                self.ready.append(office)
                office = None
        if office is not None:  # closed meanwhile
            office.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_WARM_UP: list[bytes] = []


def _warm_up_page() -> bytes:
    """A page of Latin text: it loads Writer and the PDF export without embedding a CJK font."""
    if not _WARM_UP:
        from docx import Document

        document = Document()
        document.add_paragraph("Warm-up page.")
        buffer = io.BytesIO()
        document.save(buffer)
        _WARM_UP.append(buffer.getvalue())
    return _WARM_UP[0]
