"""The arguments of /term, /ref and /figure. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.args import UsageError, split_bars, split_first
from drafts.elements import split_reference

_SOURCE_PREFIX = re.compile(r"来源\s*[：:]\s*")


@dataclass(frozen=True)
class TermArgs:
    term: str
    english: str
    definition: str
    source: str = ""


def parse_term(args: str) -> TermArgs:
    """`<术语> | <English term> | <definition> [| 来源：<source>]`."""
    parts = split_bars(args)
    if len(parts) not in (3, 4) or not parts[0] or not parts[2]:
        raise UsageError()
    source = _SOURCE_PREFIX.sub("", parts[3], count=1) if len(parts) == 4 else ""
    return TermArgs(parts[0], parts[1], parts[2], source.strip())


@dataclass(frozen=True)
class ReferenceArgs:
    text: str  # the line stored in the clause
    bibliography: bool  # an entry of 参考文献, not a normative reference of chapter 2


def parse_reference(args: str) -> ReferenceArgs:
    """`<document number> <title>` (chapter 2), or `biblio <number or citation> <title>`."""
    word, rest = split_first(args)
    if word.lower() in {"biblio", "参考文献"}:
        if not rest.strip():
            raise UsageError()
        return ReferenceArgs(rest.strip(), True)
    found = split_reference(args)
    if found is None or not found[1]:
        raise UsageError()
    return ReferenceArgs(f"{found[0]}　{found[1]}", False)


def parse_figure(args: str) -> tuple[str, str]:
    """`<clause> <title>`: the title may be left out (the figure is then untitled)."""
    clause, title = split_first(args)
    if not clause:
        raise UsageError()
    return clause, " ".join(title.split())
