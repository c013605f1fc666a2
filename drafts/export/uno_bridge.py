"""The far side of a warm office (drafts/export/office.py): a process of its own that starts a
LibreOffice listening on a pipe (LibreOffice's own `--accept` listener), drives it over UNO and
converts Word files to tagged PDFs for XML-RPC calls on 127.0.0.1, one at a time.

Run as `python -m drafts.export.uno_bridge --uno DIR …`: LibreOffice's `uno` module is taken from
DIR (Debian's python3-uno) after the environment's own packages, which that folder's older copies
must not shadow. Each document is loaded hidden, with the Word filter named: hidden because a
visible load builds a frame and a layout for the screen, about a third more time per document
(bench/RESULTS.md); the filter named so that a file that is not Word fails here as it fails
`soffice --convert-to`, instead of being opened as text."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from xmlrpc.client import Binary
from xmlrpc.server import SimpleXMLRPCServer

API = "manuscript-office-1"  # what `info` answers: the interface drafts/export/office.py speaks
WORD_FILTER = "MS Word 2007 XML"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="uno_bridge")
    parser.add_argument("--uno", required=True, help="the folder of LibreOffice's uno module")
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--start-seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    sys.path.append(args.uno)
    threading.Thread(target=_gone_with_parent, args=(os.getppid(),), daemon=True).start()
    pipe = f"manuscript-office-{os.getpid()}"
    quiet = ["--headless", "--invisible", "--norestore", "--nologo", "--nodefault"]
    listening = f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"
    profile = f"-env:UserInstallation={args.profile.as_uri()}"
    office = subprocess.Popen([args.soffice, profile, *quiet, listening])
    converter = _Converter(_desktop(pipe, office, args.start_seconds), args.profile.parent)
    server = SimpleXMLRPCServer(("127.0.0.1", args.port), logRequests=False, allow_none=True)
    server.register_function(lambda: {"api": API}, "info")
    server.register_function(converter.convert, "convert")
    server.serve_forever()
    return 0


def _desktop(pipe: str, office: subprocess.Popen[bytes], start_seconds: float) -> Any:
    """LibreOffice's desktop, once its listener answers."""
    import uno  # type: ignore[import-not-found]  # LibreOffice's, found through --uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + start_seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # NoConnectException, until the listener is up
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start listening") from None
            time.sleep(0.05)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


class _Converter:
    def __init__(self, desktop: Any, work: Path) -> None:
        self.desktop, self.work = desktop, work

    def convert(self, docx: Any) -> Binary:
        """The tagged PDF of a Word file; an error (an XML-RPC fault to the caller) if
        LibreOffice cannot open or write it."""
        import uno

        with tempfile.TemporaryDirectory(dir=self.work) as folder:
            source, target = Path(folder) / "d.docx", Path(folder) / "d.pdf"
            source.write_bytes(docx.data)  # an xmlrpc.client.Binary
            document = self.desktop.loadComponentFromURL(
                source.as_uri(),
                "_blank",
                0,
                _properties(uno, Hidden=True, ReadOnly=True, FilterName=WORD_FILTER),
            )
            if document is None:
                raise ValueError("LibreOffice could not open the Word file")
            try:
                tagged = uno.Any("[]com.sun.star.beans.PropertyValue", _properties(uno, UseTaggedPDF=True))  # fmt: skip
                document.storeToURL(
                    target.as_uri(),
                    _properties(uno, FilterName="writer_pdf_Export", FilterData=tagged),
                )
            finally:
                document.close(True)
            return Binary(target.read_bytes())


def _properties(uno: Any, **values: object) -> tuple[Any, ...]:
    return tuple(
        uno.createUnoStruct("com.sun.star.beans.PropertyValue", name, 0, value, 0)
        for name, value in values.items()
    )


def _gone_with_parent(parent: int) -> None:
    """The bot killed outright takes its offices along: when this process is orphaned it ends
    its process group, LibreOffice with it. (PR_SET_PDEATHSIG would fire when the thread that
    started the office ends, not the bot.)"""
    while os.getppid() == parent:
        time.sleep(1)
    os.killpg(0, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
