"""One message catalog for every user-visible string, in Simplified Chinese and English.

Services speak in `Msg` values (a catalog key and parameters, language-neutral); handlers render
them in the chat's language. A parameter may itself be a `Msg` or a list of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.i18n.catalog import CATALOG

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Msg:
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


class Lines(tuple[object, ...]):
    """A parameter rendered one item per line (a plain list is joined with the list separator)."""


def msg(key: str, **params: object) -> Msg:
    if key not in CATALOG:
        raise KeyError(f"no catalog entry {key!r}")
    return Msg(key, params)


def render(lang: str, message: Msg | str) -> str:
    """Render a Msg (or a bare key without parameters) in `lang`."""
    if isinstance(message, str):
        message = msg(message)
    template = CATALOG[message.key][lang]
    params = {name: _render_value(lang, value) for name, value in message.params.items()}
    return template.format(**params)


def join(lang: str, items: Sequence[object]) -> str:
    return CATALOG["list.separator"][lang].join(str(_render_value(lang, item)) for item in items)


def _render_value(lang: str, value: object) -> object:
    if isinstance(value, Msg):
        return render(lang, value)
    if isinstance(value, Lines):
        return "\n".join(str(_render_value(lang, item)) for item in value)
    if isinstance(value, (list, tuple)):
        return join(lang, value)
    return value


__all__ = ["CATALOG", "LANGUAGES", "Lines", "Msg", "join", "msg", "render"]


def _check(catalog: Mapping[str, Mapping[str, str]]) -> None:
    for key, entry in catalog.items():
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            raise KeyError(f"catalog entry {key!r} lacks {missing}")


_check(CATALOG)
