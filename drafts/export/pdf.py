"""PDF from the DOCX, by LibreOffice: the same layout a word processor gives the master file.

A batch is split into parts converted at once, each by a LibreOffice of its own: one kept warm
(drafts/export/office.py) when this process keeps one ready; otherwise, and when the warm one
fails, `soffice --convert-to` in its own temporary folder with its own profile, so that two
exports at once never share (and lock) a profile."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from drafts.export.office import Office, OfficeFailed, Offices, Told, uno_path
from storage.metrics import CONVERSIONS

log = logging.getLogger("manuscript.pdf")
NO_PDF = (
    "No PDF: LibreOffice is not installed here (Debian: apt install libreoffice-writer-nogui "
    "fonts-noto-cjk); every other format is exported."
)
TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT = 600  # seconds: a 1,000-clause draft converts in well under a minute


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed here: every other format still works."""


class PdfFailed(RuntimeError):
    """LibreOffice could not convert the document, warm nor cold."""


_offices: list[Offices] = []  # the offices this process keeps warm, if it keeps any


def keep_warm(spares: int, told: Told | None = None, timeout: float = TIMEOUT) -> bool:
    """Keep `spares` LibreOffices warm for this process's conversions (`told` hears of one that
    failed); False where LibreOffice or Python's `uno` is missing (conversions stay cold)."""
    for offices in _offices:
        offices.close()
    _offices.clear()
    program = converter()
    if spares <= 0 or program is None or uno_path() is None:
        return False
    _offices.append(Offices(program, spares, timeout, told))
    _offices[0].start()
    return True


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
    if not documents:
        return []
    parts = parts_of(documents)
    batches = [[documents[index] for index in part] for part in parts]
    offices = _offices[0] if _offices else None
    taken = [offices.take() if offices and _light(batch) else None for batch in batches]
    try:
        with ThreadPoolExecutor(len(parts)) as pool:
            converted = list(pool.map(partial(_part, program, offices), batches, taken))
    finally:
        for office in taken:
            if offices is not None and office is not None:
                offices.done(office)
    pdfs = [b""] * len(documents)
    for part, part_pdfs in zip(parts, converted, strict=True):
        for index, pdf in zip(part, part_pdfs, strict=True):
            pdfs[index] = pdf
    return pdfs


# Parts converted at once: on two cores the package's 13 documents take about half the time.
PARTS = 2


def parts_of(documents: list[bytes]) -> list[list[int]]:
    """The batch split into up to PARTS parts of about as much text each (the largest document
    first, each into the part with the least so far), each part in the batch's order. The split
    follows from the documents alone, never from how many offices are free: what a LibreOffice
    embeds depends on what it converted before, and a tag must export to the same bytes
    whenever, warm or cold."""
    sizes = [_text_bytes(docx) for docx in documents]
    parts: list[list[int]] = [[] for _ in range(min(PARTS, len(documents)))]
    loads = [0] * len(parts)
    for index in sorted(range(len(documents)), key=lambda index: (-sizes[index], index)):
        lightest = loads.index(min(loads))
        parts[lightest].append(index)
        loads[lightest] += sizes[index]
    return [sorted(part) for part in parts]


def _part(
    program: str, offices: Offices | None, documents: list[bytes], office: Office | None
) -> list[bytes]:
    if offices is not None and office is not None:
        began = time.perf_counter()
        try:
            pdfs = [office.convert(docx) for docx in documents]
            CONVERSIONS.labels("warm").observe(time.perf_counter() - began)
            return pdfs
        except OfficeFailed as error:
            CONVERSIONS.labels("warm failed").observe(time.perf_counter() - began)
            offices.failed(office, error)
    return _cold(program, documents)


# A warm office saves LibreOffice's start (about a second) but lays a large document out more
# slowly than `soffice --convert-to` (bench/RESULTS.md): past this much text (the Word files'
# document.xml, together) the start saved is less than the time lost, and the part goes cold. (A 1,000-clause draft has 2.7 MB; each file of a package about 22 KB.)
WARM_TEXT_BYTES = 1_000_000


def _light(documents: list[bytes]) -> bool:
    """Whether the part is small enough to gain from a warm office."""
    return sum(map(_text_bytes, documents)) <= WARM_TEXT_BYTES


def _text_bytes(docx: bytes) -> int:
    """The size of a Word file's text (its document.xml); 0 for what is not a Word file, which
    LibreOffice will refuse, warm or cold."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            return archive.getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError):
        return 0


def _cold(program: str, documents: list[bytes]) -> list[bytes]:
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
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            CONVERSIONS.labels("failed").observe(time.perf_counter() - began)
            log.error("LibreOffice took longer than %s s to convert", TIMEOUT)
            raise PdfFailed(f"LibreOffice took longer than {TIMEOUT} s") from None
        targets = [source.with_suffix(".pdf") for source in sources]
        converted = done.returncode == 0 and all(target.exists() for target in targets)
        outcome = "done" if converted else "failed"
        CONVERSIONS.labels(outcome).observe(time.perf_counter() - began)
        if not converted:
            log.error("LibreOffice could not convert: %s", done.stderr[-500:])
            raise PdfFailed(f"LibreOffice could not convert the draft: {done.stderr[-500:]!r}")
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
