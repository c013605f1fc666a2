"""bot.heap.settle: start-up's garbage is collected before the survivors are frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot import heap


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector can free it


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs with a normal collector


def test_settle_frees_cycles_then_freezes_what_lives(unfrozen: None) -> None:
    garbage = _Node()
    gone = weakref.ref(garbage)
    del garbage
    heap.settle()
    assert gone() is None  # freezing it instead would have kept it for the life of the process
    assert gc.get_freeze_count() > 0
