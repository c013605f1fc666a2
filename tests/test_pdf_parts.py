"""How a batch of Word files is split into the parts converted at once (drafts/export/pdf.py
`parts_of`): by the files alone, about as much text in each part, each part in the batch's
order."""

from __future__ import annotations

import io
import zipfile

from drafts.export.pdf import PARTS, parts_of


def word(text_bytes: int) -> bytes:
    """A zip holding a document.xml of that many bytes: all the split looks at."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"x" * text_bytes)
    return buffer.getvalue()


def test_two_parts_at_most() -> None:
    assert PARTS == 2


def test_no_files_no_parts_and_one_file_one_part() -> None:
    assert parts_of([]) == []
    assert parts_of([word(5)]) == [[0]]


def test_files_alike_alternate_between_the_parts() -> None:
    assert parts_of([word(10)] * 2) == [[0], [1]]
    assert parts_of([word(10)] * 5) == [[0, 2, 4], [1, 3]]


def test_a_large_file_has_a_part_to_itself() -> None:
    assert parts_of([word(1), word(100), word(1), word(1)]) == [[1], [0, 2, 3]]
    assert parts_of([word(100), word(60), word(50)]) == [[0], [1, 2]]


def test_the_largest_go_first_each_to_the_part_with_less() -> None:
    """Files 0–4 of 20, 40, 10, 30, 20: file 1 (40) to the first part, 3 (30) to the second,
    0 (20) to the second (50), 4 (20) to the first (60), 2 (10) to the second (60)."""
    sizes = [20, 40, 10, 30, 20]
    assert parts_of([word(size) for size in sizes]) == [[1, 4], [0, 2, 3]]


def test_what_is_not_a_word_file_counts_as_no_text() -> None:
    assert parts_of([b"not a zip", word(50), word(10)]) == [[1], [0, 2]]
