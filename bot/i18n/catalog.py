"""The merged catalog; each feature keeps its strings in a module of its own."""

from __future__ import annotations

from bot.i18n import (
    ballots,
    changes,
    commands,
    common,
    consultation,
    deadlines,
    drafting,
    elements,
    imports,
    notes,
    operators,
    patents,
    people,
    projects,
    reading,
    review,
)

CATALOG: dict[str, dict[str, str]] = {}
for _module in (
    common,
    commands,
    changes,
    people,
    projects,
    drafting,
    elements,
    imports,
    ballots,
    patents,
    consultation,
    deadlines,
    review,
    notes,
    reading,
    operators,
):
    for _key, _entry in _module.MESSAGES.items():
        if _key in CATALOG:
            raise KeyError(f"catalog key {_key!r} defined twice")
        CATALOG[_key] = _entry
