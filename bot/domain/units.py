"""Member units: their kinds and the `/unit add` argument grammar."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.args import UsageError, split_bars
from drafts.elements import one_line
from drafts.vocabulary import UnitKind

NAME_LIMIT = 100
SHORT_NAME_LIMIT = 30


# Words a secretary may type for a kind, in either language.
_KIND_WORDS: dict[str, UnitKind] = {
    "enterprise": UnitKind.ENTERPRISE,
    "企业": UnitKind.ENTERPRISE,
    "university": UnitKind.UNIVERSITY,
    "高校": UnitKind.UNIVERSITY,
    "大学": UnitKind.UNIVERSITY,
    "institute": UnitKind.INSTITUTE,
    "科研院所": UnitKind.INSTITUTE,
    "研究院": UnitKind.INSTITUTE,
    "user": UnitKind.USER,
    "用户": UnitKind.USER,
    "other": UnitKind.OTHER,
    "其他": UnitKind.OTHER,
}
_OBSERVER_WORDS = frozenset({"observer", "观察员"})


@dataclass(frozen=True)
class NewUnit:
    name: str
    short_name: str | None
    kind: UnitKind
    observer: bool


def parse_new_unit(text: str) -> NewUnit:
    """`<name> [| <short name>] [| <kind>] [| observer]`; the optional parts in any order."""
    parts = [one_line(part) for part in split_bars(text)]  # a name never holds a line break
    if not parts or not parts[0]:
        raise UsageError()
    name, rest = parts[0], parts[1:]
    short_name: str | None = None
    kind: UnitKind | None = None
    observer = False
    for part in rest:
        word = part.lower()
        if not part:
            continue  # an empty slot, as in `name |  | 高校`
        if word in _OBSERVER_WORDS and not observer:
            observer = True
        elif word in _KIND_WORDS and kind is None:
            kind = _KIND_WORDS[word]
        elif short_name is None and word not in _OBSERVER_WORDS and word not in _KIND_WORDS:
            short_name = part
        else:  # a second short name, kind or observer mark
            raise UsageError()
    if len(name) > NAME_LIMIT or (short_name and len(short_name) > SHORT_NAME_LIMIT):
        raise UsageError()
    return NewUnit(name, short_name, kind or UnitKind.OTHER, observer)
