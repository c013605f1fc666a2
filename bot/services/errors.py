"""Refusals a service raises; the handler renders them and nothing is written."""

from __future__ import annotations

from bot.domain.roles import Role
from bot.i18n import Msg, msg


class ServiceError(Exception):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


class Refused(ServiceError):
    """The request is understood but cannot be done (unknown unit, already exists, …)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(msg(key, **params))


class Denied(ServiceError):
    """The caller lacks a role; the message names the roles that would do."""

    def __init__(self, roles: tuple[Role, ...]) -> None:
        super().__init__(msg("error.denied", roles=[msg(f"role.{role}") for role in roles]))
        self.roles = roles
