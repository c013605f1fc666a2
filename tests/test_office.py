"""LibreOffice kept warm (drafts/export/office.py): a batch's parts, converted at once, give the
very bytes a cold `soffice --convert-to` gives, however many offices were free; one that dies or
hangs is replaced, the operators hear of it and its part is converted again cold; a retired
office is replaced only once the conversions pause; a conversion that fails warm and cold says
so plainly, in the chat too; and an office does not outlive the process that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document

from drafts.export import pdf
from drafts.export.office import Offices, uno_path
from drafts.export.pdf import PdfFailed, convert, keep_warm, stamped
from storage.metrics import CONVERSIONS, REGISTRY
from tests.actors import CHAIR, GROUP
from tests.conftest import Bot
from tests.office_docs import saved

if pdf.converter() is None or uno_path() is None:
    pytestmark = pytest.mark.skip("LibreOffice or python3-uno is not installed")


@pytest.fixture
def told() -> Iterator[list[str]]:
    """Offices kept warm for the test (one spare, a short timeout), and what the operators hear."""
    heard: list[str] = []
    assert keep_warm(1, heard.append, timeout=15)
    yield heard
    keep_warm(0)


def _spare() -> Offices:
    [offices] = pdf._offices
    deadline = time.monotonic() + 90
    while not offices.ready and time.monotonic() < deadline:
        time.sleep(0.1)
    assert offices.ready, "no office became ready"
    return offices


def _warm(outcome: str) -> float:
    return CONVERSIONS.labels(outcome)._sum.get()  # type: ignore[attr-defined]


def _runs(outcome: str) -> float:
    """How many LibreOffice runs (one per part) ended so."""
    count = REGISTRY.get_sample_value(
        "manuscript_pdf_conversion_seconds_count", {"outcome": outcome}
    )
    return count or 0.0


def docx_of(paragraphs: list[str]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return saved(document)


DOCUMENTS = [
    docx_of(["范围", "本文件规定了阀门的术语。"]),
    docx_of(["第二份文件", "其中的第二段。", "Latin text 123."]),
]
# Four files in Chinese, two to each part: what LibreOffice embeds for the second file of a
# part depends on the first, so a part converted anywhere else would give other bytes.
BATCH = [
    docx_of(["术语和定义", "阀门：用于控制流体的装置。"]),
    docx_of(["试验方法", "壳体试验压力为公称压力的一点五倍。"]),
    docx_of(["标志和包装", "产品应有铭牌，标明型号、规格和制造单位。"]),
    docx_of(["检验规则", "出厂检验逐台进行。", "Type test 2027."]),
]


@pytest.mark.parametrize("spares", [1, 2])
def test_a_batch_gives_the_bytes_a_cold_start_gives_however_many_offices_were_free(
    told: list[str], spares: int
) -> None:
    """With two offices free both parts go warm, at once; with one, one part goes cold beside
    it. Batch after batch, each part in an office that has converted nothing else."""
    keep_warm(spares, told.append, timeout=15)
    warm = []
    for _ in range(2):
        offices = _spare()
        while len(offices.ready) < spares:
            time.sleep(0.1)
        before, cold_before = _runs("warm"), _runs("done")
        warm.append(convert(BATCH))
        assert (_runs("warm") - before, _runs("done") - cold_before) == (spares, 2 - spares)
    keep_warm(0)
    cold = convert(BATCH)
    assert len(cold) == 4 and len(set(cold)) == 4
    when = datetime(2027, 1, 1, tzinfo=UTC)
    for batch in warm:
        assert [stamped(p, when) for p in batch] == [stamped(p, when) for p in cold]
    assert not told


def test_a_retired_office_is_replaced_once_the_conversions_pause(
    told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export's next batch follows within QUIET_SECONDS: no LibreOffice starts meanwhile
    to take a processor from it."""
    monkeypatch.setattr("drafts.export.office.QUIET_SECONDS", 600)
    offices = _spare()
    convert(DOCUMENTS[:1])
    time.sleep(0.5)
    assert (offices.starting, offices.ready) == (0, [])
    with offices.lock:
        offices.quiet_at = time.monotonic()  # as if the conversions had paused that long
    _spare()


def test_a_batch_of_much_text_goes_cold_and_leaves_the_office_for_the_next(
    told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past WARM_TEXT_BYTES a warm office would lose more in layout than it saves in start-up
    (bench/RESULTS.md): such a batch is converted cold, and the office waits for a light one."""
    offices = _spare()
    monkeypatch.setattr(pdf, "WARM_TEXT_BYTES", 1000)  # these two files hold more than that
    warm, cold = _warm("warm"), _warm("done")
    convert(DOCUMENTS)
    assert (_warm("warm"), len(offices.ready)) == (warm, 1) and _warm("done") > cold
    monkeypatch.setattr(pdf, "WARM_TEXT_BYTES", 100_000)
    convert(DOCUMENTS)
    assert _warm("warm") > warm


@pytest.mark.parametrize("fault", [signal.SIGKILL, signal.SIGSTOP])
def test_an_office_that_dies_or_hangs_is_replaced_and_the_batch_converted_cold(
    told: list[str], fault: signal.Signals
) -> None:
    offices = _spare()
    [office] = offices.ready
    os.killpg(office.process.pid, fault)  # LibreOffice and its bridge: dead, or frozen
    before = _warm("warm failed")
    [converted] = convert(DOCUMENTS[:1])
    assert _warm("warm failed") > before
    assert b"%PDF" in converted[:8] and pdf.pdf_pages(converted) == 1
    assert len(told) == 1  # the operators heard of it, once
    assert office.process.poll() is not None  # the failed office is gone
    _spare()  # and another is ready in its place


def test_a_conversion_that_fails_warm_and_cold_says_so(told: list[str]) -> None:
    _spare()
    with pytest.raises(PdfFailed, match="LibreOffice could not convert"):
        convert([b"PK\x03\x04 not a Word file"])
    assert len(told) == 1


async def test_the_chat_is_told_plainly_when_no_pdf_can_be_made(
    drafting_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice that fails every conversion (a broken installation): `/export pdf` says the
    PDF could not be made, not an internal error."""
    broken = tmp_path / "bin"
    broken.mkdir()
    (broken / "soffice").write_text("#!/bin/sh\necho 'soffice: broken' >&2\nexit 1\n")
    (broken / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{broken}{os.pathsep}{os.environ['PATH']}")
    answer = "\n".join(await drafting_bot.say(CHAIR, GROUP, "/export pdf"))
    assert "PDF 未能生成" in answer and "内部错误" not in answer


def test_an_office_goes_with_the_process_that_started_it(tmp_path: Path) -> None:
    """The bot killed outright leaves no LibreOffice behind."""
    script = (
        "import sys, time\n"
        "from drafts.export.pdf import keep_warm, _offices\n"
        "keep_warm(1)\n"
        "while not _offices[0].ready: time.sleep(0.1)\n"
        "print(_offices[0].ready[0].process.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert parent.stdout is not None
    group = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(group) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(group)


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
