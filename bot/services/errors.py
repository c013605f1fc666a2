"""Refusals a service raises; the handler renders them and nothing is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.domain.roles import Role
from bot.i18n import Lines, Msg, msg


class ServiceError(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


class Refused(ServiceError):
    """The request is understood but cannot be done (unknown unit, already exists, …)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(msg(key, **params))


class LineProblem(Protocol):
    """One bad line of a multi-line form (an outline, a patent list)."""

    @property
    def line(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def reason(self) -> str: ...


def bad_lines(key: str, line_key: str, problems: Iterable[LineProblem]) -> Refused:
    """A refusal listing every bad line with its number, its text and why."""
    return Refused(
        key,
        lines=Lines(
            msg(line_key, line=p.line, text=p.text, reason=msg(p.reason)) for p in problems
        ),
    )


class Denied(ServiceError):
    """The caller lacks a role; the message names the roles that would do."""

    def __init__(self, roles: tuple[Role, ...]) -> None:
        super().__init__(msg("error.denied", roles=[msg(f"role.{role}") for role in roles]))
        self.roles = roles
