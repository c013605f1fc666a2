"""Every chat command: the action it needs and where it works.

This registry drives `/help` (only the commands the user may use here), the usage line of a
malformed command, the role a denial names, and the command menu set at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.roles import Action


class Scope(StrEnum):
    ANY = "any"
    GROUP = "group"  # needs a group chat (and usually its project)


@dataclass(frozen=True)
class CommandSpec:
    name: str
    action: Action
    scope: Scope = Scope.ANY

    @property
    def usage_key(self) -> str:
        return f"cmd.{self.name}.usage"

    @property
    def about_key(self) -> str:
        return f"cmd.{self.name}.about"


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", Action.READ),
    CommandSpec("help", Action.READ),
    CommandSpec("project", Action.READ, Scope.GROUP),
    CommandSpec("units", Action.READ),
    CommandSpec("join", Action.JOIN),
    CommandSpec("wg", Action.READ, Scope.GROUP),
    CommandSpec("outline", Action.READ, Scope.GROUP),
    CommandSpec("section", Action.READ, Scope.GROUP),
    CommandSpec("history", Action.READ, Scope.GROUP),
    CommandSpec("diff", Action.READ, Scope.GROUP),
    CommandSpec("contribute", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("replace", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("withdraw", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("term", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("ref", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("figure", Action.CONTRIBUTE, Scope.GROUP),
    CommandSpec("check", Action.READ, Scope.GROUP),
    CommandSpec("note", Action.READ, Scope.GROUP),  # proposing: CONTRIBUTE, by its service
    CommandSpec("framework", Action.EDIT_FRAMEWORK, Scope.GROUP),
    CommandSpec("assign", Action.EDIT_FRAMEWORK, Scope.GROUP),
    CommandSpec("accept", Action.DECIDE, Scope.GROUP),
    CommandSpec("reject", Action.DECIDE, Scope.GROUP),
    CommandSpec("ballots", Action.READ, Scope.GROUP),
    CommandSpec("vote", Action.VOTE, Scope.GROUP),
    CommandSpec("patent", Action.DECLARE_PATENTS),
    CommandSpec("patents", Action.READ, Scope.GROUP),
    CommandSpec("comment", Action.COMMENT, Scope.GROUP),
    CommandSpec("comments", Action.READ, Scope.GROUP),
    CommandSpec("resolve", Action.DECIDE, Scope.GROUP),
    CommandSpec("meeting", Action.READ, Scope.GROUP),  # schedule, vote, cancel: the chair's
    CommandSpec("checkin", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("attend", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("opinion", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("opinions", Action.READ, Scope.GROUP),
    CommandSpec("minutes", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("conclude", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("review", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("expert", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("experts", Action.READ, Scope.GROUP),
    CommandSpec("publish", Action.ADMINISTER, Scope.GROUP),
    CommandSpec("meta", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("deadlines", Action.READ, Scope.GROUP),
    CommandSpec("deadline", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec(
        "import", Action.COMMENT, Scope.GROUP
    ),  # framework: EDIT_FRAMEWORK, checked by its service
    CommandSpec("export", Action.READ, Scope.GROUP),  # the service: the form for commenters
    CommandSpec("drafter", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("elect", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("ballot", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("close", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("policy", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("advance", Action.MANAGE_PROJECT, Scope.GROUP),
    CommandSpec("lang", Action.SET_LANGUAGE),
    CommandSpec("unit", Action.ADMINISTER),
    CommandSpec("approve", Action.ADMINISTER),
    CommandSpec("deny", Action.ADMINISTER),
    CommandSpec("grant", Action.ADMINISTER),
    CommandSpec("revoke", Action.ADMINISTER),
    CommandSpec("newproject", Action.ADMINISTER, Scope.GROUP),
    CommandSpec("terminate", Action.ADMINISTER, Scope.GROUP),
)

BY_NAME: dict[str, CommandSpec] = {spec.name: spec for spec in COMMANDS}
