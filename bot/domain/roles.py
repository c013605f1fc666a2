"""Roles and the permission table."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ANYONE = "anyone"
    SELF = "self"  # the user in their own private chat with the bot
    MEMBER = "member"  # representative of a voting unit
    OBSERVER = "observer"  # representative of an observer unit
    DRAFTER = "drafter"  # representative of the project's framework drafter unit
    CHAIR = "chair"  # chair of the project bound to the chat
    SECRETARIAT = "secretariat"


class Action(StrEnum):
    READ = "read"
    JOIN = "join"
    SET_LANGUAGE = "set_language"
    CONTRIBUTE = "contribute"  # propose text, withdraw one's own proposal
    EDIT_FRAMEWORK = "edit_framework"  # set / extend the outline, assign clauses
    DECIDE = "decide"  # accept / reject contributions
    VOTE = "vote"  # vote for one's own unit
    DECLARE_PATENTS = "declare_patents"  # for one's own unit
    COMMENT = "comment"  # consultation comments
    EXPORT = "export"
    MANAGE_PROJECT = "manage_project"  # designate drafter, ballots, advance, deadlines, /wg
    ADMINISTER = "administer"  # register units and people, create projects, appoint


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.READ: frozenset({Role.ANYONE}),
    Action.JOIN: frozenset({Role.ANYONE}),
    Action.SET_LANGUAGE: frozenset({Role.SELF, Role.CHAIR, Role.SECRETARIAT}),
    Action.CONTRIBUTE: frozenset({Role.MEMBER, Role.DRAFTER, Role.CHAIR}),
    Action.EDIT_FRAMEWORK: frozenset({Role.DRAFTER, Role.CHAIR}),
    Action.DECIDE: frozenset({Role.DRAFTER, Role.CHAIR}),
    Action.VOTE: frozenset({Role.MEMBER, Role.DRAFTER, Role.CHAIR}),
    Action.DECLARE_PATENTS: frozenset({Role.MEMBER, Role.DRAFTER, Role.CHAIR, Role.OBSERVER}),
    Action.COMMENT: frozenset({Role.MEMBER, Role.DRAFTER, Role.CHAIR, Role.OBSERVER}),
    Action.EXPORT: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    Action.MANAGE_PROJECT: frozenset({Role.CHAIR, Role.SECRETARIAT}),
    Action.ADMINISTER: frozenset({Role.SECRETARIAT}),
}

# Order in which a denial lists the roles that would have been enough.
ROLE_ORDER = (
    Role.MEMBER,
    Role.DRAFTER,
    Role.OBSERVER,
    Role.CHAIR,
    Role.SECRETARIAT,
    Role.SELF,
    Role.ANYONE,
)


def is_allowed(held: frozenset[Role], action: Action) -> bool:
    return bool(PERMISSIONS[action] & (held | {Role.ANYONE}))


def roles_needed(action: Action) -> tuple[Role, ...]:
    return tuple(role for role in ROLE_ORDER if role in PERMISSIONS[action])
