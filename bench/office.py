"""PDF conversion cold against warm, in one run: the demo's approval package and the 1,000-clause
draft's PDF, each exported with a LibreOffice started per batch (cold) and with offices started
ahead (warm, drafts/export/office.py), and the package's documents each converted by a
LibreOffice of its own for reference (one start per document). The figures are the conversions'
time (LibreOffice's part of the export) and the whole export's; the warm runs wait first until
their offices are ready, as a server's are between exports."""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from unittest.mock import patch

from bench.harness import thousand_clauses
from bot.config import WARM_OFFICES
from bot.demo import run_demo
from drafts.export import continuation, pdf
from drafts.export.formats import File, export
from drafts.export.office import uno_path
from drafts.meta import Meta
from drafts.repository import BRANCH, DraftRepository, Identity

Row = Callable[[str, str, str, str], None]
RUNS = 3  # each way, alternating; the medians are shown


async def offices(row: Row) -> None:
    if pdf.converter() is None or uno_path() is None:
        print(f"{'PDF cold against warm':<46} {'—':>16}  {'≥ 3×':<12} LibreOffice or python3-uno missing")  # fmt: skip
        return
    with tempfile.TemporaryDirectory() as folder:
        pdf.keep_warm(0)
        await run_demo(Path(folder) / "demo", echo=lambda _: None)
        found = (Path(folder) / "demo" / "repositories").glob("*.git")
        [demo] = [path for path in found if "approval" in DraftRepository(path).tags()]
        big = DraftRepository(Path(folder) / "big.git")
        big.init()
        meta = Meta(code="T/B 1000", title="千条款基准", stage="review", alliance="基准联盟")
        big.commit(thousand_clauses(meta), author=Identity("b", "b@x"), message="big\n", when=datetime.now(UTC))  # fmt: skip
        package = DraftRepository(demo)
        cases = [
            ("the demo's approval package", lambda: export(package, "approval", "package")),
            ("the 1,000-clause draft's PDF", lambda: export(big, BRANCH, "pdf")),
        ]
        for name, make in cases:
            _compare(row, name, make)
        _per_document(row, package)
    pdf.keep_warm(0)


def _compare(row: Row, name: str, make: Callable[[], list[File]]) -> None:
    figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    made: dict[bool, list[File]] = {}
    for _ in range(RUNS):
        for warm in (False, True):
            if warm:
                _ready(pdf.keep_warm(WARM_OFFICES))
            else:
                pdf.keep_warm(0)
            with _converting() as converting:
                began = time.perf_counter()
                made[warm] = make()
                figures[warm].append((sum(converting), time.perf_counter() - began))
    (cold_pdf, cold_all), (warm_pdf, warm_all) = (_median(figures[w]) for w in (False, True))
    same = "the same bytes" if made[False] == made[True] else "DIFFERENT bytes"
    row(f"{name}: conversions, cold → warm", f"{cold_pdf:.2f} → {warm_pdf:.2f} s", "≥ 3×",
        f"{cold_pdf / warm_pdf:.1f}× faster; whole export {cold_all:.2f} → {warm_all:.2f} s; {same}; median of {RUNS}")  # fmt: skip


def _per_document(row: Row, demo: DraftRepository) -> None:
    """The start per document the batches replaced: the package's Word files one by one."""
    pdf.keep_warm(0)
    documents = _package_words(demo)
    began = time.perf_counter()
    for docx in documents:
        pdf.convert([docx])
    row("  the package's documents, a LibreOffice each", f"{time.perf_counter() - began:.2f} s", "—",
        f"{len(documents)} Word files converted one by one, cold: the start per document before batches")  # fmt: skip


def _package_words(demo: DraftRepository) -> list[bytes]:
    [(_, archive)] = export(demo, "approval", "package")
    with zipfile.ZipFile(io.BytesIO(archive)) as package:
        return [package.read(n) for n in package.namelist() if n.endswith(".docx")]


def _ready(kept: bool) -> None:
    assert kept, "offices could not be kept warm"
    [offices] = pdf._offices
    while len(offices.ready) < offices.spares:
        time.sleep(0.1)


@contextmanager
def _converting() -> Iterator[list[float]]:
    """The time each batch took to convert, parts at once counted once (the metric counts each
    LibreOffice's run, and so each part, apart)."""
    spent: list[float] = []
    convert = pdf.convert

    def timed(documents: list[bytes]) -> list[bytes]:
        began = time.perf_counter()
        try:
            return convert(documents)
        finally:
            spent.append(time.perf_counter() - began)

    with patch.object(pdf, "convert", timed), patch.object(continuation, "convert", timed):
        yield spent


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    ordered = sorted(runs)
    return ordered[len(ordered) // 2]
