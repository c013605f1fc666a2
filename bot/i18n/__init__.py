"""One message catalog for every user-visible string, in Simplified Chinese and English.

Services speak in `Msg` values (a catalog key and parameters, language-neutral); handlers render
them in the chat's language. A parameter may itself be a `Msg` or a list of them.
"""

from __future__ import annotations

import re
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
    if isinstance(value, str) and _RIGHT_TO_LEFT.search(value):
        return isolated(value)
    return value


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation
# forms). The catalog has none, so a parameter holding one is text a person chose: a name, a title.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def isolated(text: str) -> str:
    """Each line of `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: a
    right-to-left name keeps its own direction without turning the bot's words, numbers and
    punctuation around it (an isolate ends with its line, so each line gets its own)."""
    return "\n".join(f"\u2068{line}\u2069" if line else line for line in text.split("\n"))


__all__ = ["CATALOG", "LANGUAGES", "Lines", "Msg", "join", "msg", "render"]


def _check(catalog: Mapping[str, Mapping[str, str]]) -> None:
    for key, entry in catalog.items():
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            raise KeyError(f"catalog entry {key!r} lacks {missing}")


_check(CATALOG)
