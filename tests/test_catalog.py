"""The message catalog: both languages everywhere, the same placeholders, every command covered."""

from __future__ import annotations

import string

import pytest

from bot.commands import COMMANDS
from bot.i18n import CATALOG, LANGUAGES, msg, render


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_entry_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOG[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert _fields(entry["zh"]) == _fields(entry["en"])


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda spec: spec.name)
def test_every_command_has_usage_and_description(spec: object) -> None:
    for lang in LANGUAGES:
        assert render(lang, msg(spec.usage_key)).startswith(f"/{spec.name}")  # type: ignore[attr-defined]
        assert render(lang, msg(spec.about_key))  # type: ignore[attr-defined]


def test_nested_messages_and_lists_render_in_the_language() -> None:
    denied = msg("error.denied", roles=[msg("role.chair"), msg("role.secretariat")])
    assert render("zh", denied) == "无权执行：此操作需要以下角色之一：主席、秘书处。"
    assert render("en", denied) == "Not allowed: this needs one of these roles: chair, secretariat."


def test_user_text_with_braces_is_not_interpreted() -> None:
    assert (
        render("en", msg("wg.added", unit="{evil} {0}")) == "{evil} {0} joined the working group."
    )


def test_unknown_keys_fail_loudly() -> None:
    with pytest.raises(KeyError):
        msg("no.such.key")
