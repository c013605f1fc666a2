"""LibreOffice kept warm for the PDFs: offices started ahead, each a LibreOffice behind unoserver
(from PyPI, run over Debian's `python3-uno`), so that an export does not wait for one to start.

Each office converts one batch of documents (drafts/export/pdf.py `convert`) and is then retired,
a new one starting in the background. Why not one office for every batch: LibreOffice numbers the
Type 1 fonts it embeds across a process's life, so a document converted after others comes out
in other bytes than the same document converted first. An office that has converted only its
warm-up page (Latin text: no CJK font is embedded) gives exactly the bytes a fresh
`soffice --convert-to` gives, so a tag still exports to the same bytes whenever, warm or cold —
and a batch the warm office could not convert (it died or hung) is converted once more cold.
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

log = logging.getLogger("manuscript.office")

START_SECONDS = 60.0  # how long an office may take to answer once started
API = "3"  # unoserver's XML-RPC interface this module speaks
DEBIAN_UNO = Path("/usr/lib/python3/dist-packages")  # where python3-uno puts `uno`
Told = Callable[[str], None]  # an office failed and was replaced: the operators hear why


def uno_path() -> Path | None:
    """Where Python finds LibreOffice's `uno` module for unoserver; None where there is none."""
    if importlib.util.find_spec("unoserver") is None:
        return None
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
    """One LibreOffice behind unoserver, with its own profile and ports."""

    def __init__(self, uno: Path, timeout: float) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="manuscript-office-"))
        self.port, uno_port = _free_port(), _free_port()
        self.timeout = timeout
        command = [
            sys.executable, "-c", _SERVE.format(uno=str(uno)),
            "--interface", "127.0.0.1", "--port", str(self.port),
            "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port),
            "--user-installation", str(self.folder / "profile"),
            "--conversion-timeout", str(int(timeout)),
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
                if isinstance(info, dict) and info.get("api") == API:
                    return True
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
        return False

    def convert(self, docx: bytes) -> bytes:
        try:
            result = self._proxy(self.timeout).convert(
                None, xmlrpc.client.Binary(docx), None, "pdf", "writer_pdf_Export",
                ["UseTaggedPDF=true"], True, None, None,
            )  # fmt: skip
        except (OSError, xmlrpc.client.Error) as error:
            raise OfficeFailed(str(error)[:300]) from error
        if not isinstance(result, xmlrpc.client.Binary):
            raise OfficeFailed(f"unoserver answered {type(result).__name__}, not the PDF")
        return bytes(result.data)

    def said(self) -> str:
        """The end of what unoserver and LibreOffice wrote to stderr."""
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
    """Up to `spares` offices started and warmed ahead. `take` hands one over for a batch (or
    None while none is ready: the batch goes cold), and starts another in its place."""

    def __init__(self, spares: int, timeout: float, told: Told | None = None) -> None:
        self.spares, self.timeout, self.told = spares, timeout, told
        self.uno = uno_path()
        self.ready: list[Office] = []
        self.starting = 0
        self.lock = threading.Lock()
        self.closed = False
        atexit.register(self.close)

    def start(self) -> None:
        """Fill up the spares, in the background."""
        if self.uno is None:
            return
        with self.lock:
            wanted = self.spares - len(self.ready) - self.starting
            self.starting += max(0, wanted)
        for _ in range(wanted):
            threading.Thread(target=self._warm_one, daemon=True).start()

    def take(self) -> Office | None:
        """A warm office for one batch (None while none is ready); `done` with it after."""
        with self.lock:
            return self.ready.pop(0) if self.ready else None

    def done(self, office: Office) -> None:
        """Retire it and start another: after the batch, since a starting LibreOffice would
        take the processor from the conversion."""
        office.close()
        self.start()

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

    def _warm_one(self) -> None:
        assert self.uno is not None
        office: Office | None = None
        try:
            office = Office(self.uno, self.timeout)
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


# unoserver, with `uno` found after the environment's own packages (PYTHONPATH would put the
# system's folder before them), and gone with its LibreOffice as soon as the bot is: a bot
# killed outright must not leave offices behind. (PR_SET_PDEATHSIG would fire when the thread
# that started the office ends, not the bot.)
_SERVE = """
import os, signal, sys, threading, time
sys.path.append({uno!r})
parent = os.getppid()
def orphaned():
    while os.getppid() == parent:
        time.sleep(1)
    os.killpg(0, signal.SIGKILL)
threading.Thread(target=orphaned, daemon=True).start()
from unoserver.server import main
sys.exit(main())
"""


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
