"""PDF from the DOCX, by LibreOffice: the same layout a word processor gives the master file.

Each conversion runs in its own temporary folder with its own LibreOffice profile, so that two
exports at once never share (and lock) a profile."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from storage.metrics import CONVERSIONS

NO_PDF = (
    "No PDF: LibreOffice is not installed here (Debian: apt install libreoffice-writer-nogui "
    "fonts-noto-cjk); every other format is exported."
)
TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT = 600  # seconds: a 1,000-clause draft converts in well under a minute


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed here: every other format still works."""


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, when: datetime) -> bytes:
    """The PDF of a Word file, stamped with the draft's date (see `stamped`)."""
    [pdf] = convert([docx])
    return stamped(pdf, when)


def convert(documents: list[bytes]) -> list[bytes]:
    """Tagged PDFs, as LibreOffice writes them: the structure tree that tells readers (and
    drafts/export/continuation.py) which text is a table's row, and on which page it lies."""
    program = converter()
    if program is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="manuscript-pdf-") as folder:
        work = Path(folder)
        sources = [work / f"d{index}.docx" for index in range(len(documents))]
        for source, docx in zip(sources, documents, strict=True):
            source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            f"pdf:writer_pdf_Export:{TAGGED}",
            "--outdir",
            str(work),
            *map(str, sources),
        ]
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        targets = [source.with_suffix(".pdf") for source in sources]
        converted = done.returncode == 0 and all(target.exists() for target in targets)
        outcome = "done" if converted else "failed"
        CONVERSIONS.labels(outcome).observe(time.perf_counter() - began)
        if not converted:
            raise RuntimeError(f"LibreOffice could not convert the draft: {done.stderr[-500:]!r}")
        return [target.read_bytes() for target in targets]


_CREATED = re.compile(rb"/CreationDate\(D:\d{14}")
_DIGESTS = re.compile(rb"(/ID \[ <|>\s*<|/DocChecksum /)([0-9A-F]{32})")


_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def pdf_pages(pdf: bytes) -> int:
    """The pages of a PDF LibreOffice wrote (its page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def stamped(pdf: bytes, when: datetime) -> bytes:
    """LibreOffice writes the time of the conversion and a random file id into the PDF: they
    are replaced, at the same lengths (the cross-reference offsets stay true), by the draft's
    date and a digest of the rest, so that a tag exports to the same bytes whenever."""
    moment = when.astimezone(UTC).strftime("%Y%m%d%H%M%S").encode()
    pdf = _CREATED.sub(b"/CreationDate(D:" + moment, pdf)
    cut = pdf.rfind(b"trailer")
    if cut < 0:
        return pdf
    head, trailer = pdf[:cut], pdf[cut:]
    blank = _DIGESTS.sub(lambda m: m[1] + b"0" * 32, trailer)
    digest = hashlib.md5(head + blank, usedforsecurity=False).hexdigest().upper().encode()
    return head + _DIGESTS.sub(lambda m: m[1] + digest, trailer)
