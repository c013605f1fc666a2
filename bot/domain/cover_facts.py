"""The facts on a standard's cover and in its 前言 that the chat sets with /meta: what each field
accepts, and how a typed value becomes the stored one. Pure rules, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from drafts.meta import standard_number

CLEAR = "-"  # `/meta ics -` empties a field


@dataclass(frozen=True)
class Field:
    name: str  # the word typed after /meta
    attribute: str  # the Meta attribute it sets
    limit: int


FIELDS = {
    field.name: field
    for field in (
        Field("en", "english_title", 200),
        Field("ics", "ics", 40),
        Field("ccs", "ccs", 10),
        Field("replaces", "replaces", 64),
        Field("proposer", "proposer", 100),
        Field("owner", "owner", 100),
    )
}

_ICS = re.compile(r"[0-9]{2}(?:\.[0-9]{3}(?:\.[0-9]{2})?)?")
_CCS = re.compile(r"([A-Z])\s*([0-9]{2})")


class BadFact(ValueError):
    """The value does not fit the field; `reason` names the message explaining the form."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_fact(field: Field, value: str) -> dict[str, str]:
    """The Meta attributes a `/meta <field> <value>` sets; `-` clears the field."""
    value = " ".join(value.split())
    if value == CLEAR:
        return {field.attribute: "", **({"replaces_title": ""} if field.name == "replaces" else {})}
    if not value:
        raise BadFact("meta.empty")
    if field.name == "ics":
        codes = [code for code in re.split(r"[;；,，\s]+", value) if code]
        if not all(_ICS.fullmatch(code) for code in codes):
            raise BadFact("meta.bad_ics")
        value = ";".join(codes)
    elif field.name == "ccs":
        match = _CCS.fullmatch(value.upper())
        if match is None:
            raise BadFact("meta.bad_ccs")
        value = f"{match[1]} {match[2]}"
    elif field.name == "replaces":
        number, _, title = (part.strip() for part in value.partition("|"))
        if not number or len(number) > field.limit or len(title) > 200:
            raise BadFact("meta.too_long")
        return {"replaces": standard_number(number), "replaces_title": title.strip("《》")}
    if len(value) > field.limit:
        raise BadFact("meta.too_long")
    return {field.attribute: value}


def parse_day(text: str) -> date:
    """A date as the cover prints it, `YYYY-MM-DD`; ValueError otherwise."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise ValueError(text)
    return date.fromisoformat(text.strip())
