"""What a commit of the draft did, told in the chat's language: `/history` reads the repository's
commit subjects (written in English by the services, and kept so in git) and shows each as a
catalog message. Pure: a subject in, a Msg out (None for a subject of no known form)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.i18n import Msg, msg
from drafts.history import UNDO_SUBJECT

Builder = Callable[[dict[str, str]], Msg | None]


def _stage(parts: dict[str, str]) -> Msg:
    return msg("change.stage", stage=msg(f"stage.{parts['stage']}"))


def _commitment(parts: dict[str, str]) -> Msg:
    mode = "none" if parts["mode"] == "none known" else parts["mode"]
    return msg("change.patent", unit=parts["unit"], mode=msg(f"mode.{mode}"))


def _comment(parts: dict[str, str]) -> Msg:
    what = parts["what"]
    if what == "comment":
        return msg("change.comment", n=parts["n"], number=parts["number"])
    return msg(
        "change.disposition",
        n=parts["n"],
        number=parts["number"],
        disposition=msg(f"disposition.{what}"),
    )


def _opinion(parts: dict[str, str]) -> Msg:
    what = parts["what"]
    if what == "opinion":
        return msg("change.opinion", n=parts["n"], number=parts["number"])
    return msg(
        "change.opinion_resolved",
        n=parts["n"],
        number=parts["number"],
        disposition=msg(f"disposition.{what}"),
    )


# The steps of a review meeting (bot/services/review_meeting.py), each with what it names.
_MEETING_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"scheduled", "change.meeting.scheduled"),
        (r"(?P<answer>attend|excused) of (?P<unit>.+)", "change.meeting.answer"),
        (r"check-in opened", "change.meeting.checkin_opened"),
        (r"check-in of (?P<unit>.+)", "change.meeting.checkin"),
        (r"attendance of (?P<name>.+)", "change.meeting.attendance"),
        (r"vote B(?P<ballot>\d+) opened", "change.meeting.vote"),
        (r"minutes", "change.meeting.minutes"),
        (r"concluded (?P<conclusion>pass|revise|fail)", "change.meeting.concluded"),
        (r"cancelled", "change.meeting.cancelled"),
    )
)


def _meeting(parts: dict[str, str]) -> Msg | None:
    for pattern, key in _MEETING_STEPS:
        if match := pattern.fullmatch(parts["step"]):
            found: dict[str, object] = dict(match.groupdict())
            if "answer" in found:
                found["answer"] = msg(f"answer.{found['answer']}")
            if "conclusion" in found:
                found["conclusion"] = msg(f"conclusion.{found['conclusion']}")
            return msg(key, n=parts["n"], **found)
    return None


# The forms the services write (bot/services/*), most specific first.
_FORMS: tuple[tuple[re.Pattern[str], Builder], ...] = tuple(
    (re.compile(pattern), build)
    for pattern, build in (
        (
            r"#(?P<n>\d+) 编制说明 (?P<section>\S+): (?P<kind>add|replace)",
            lambda p: msg(f"change.note.{p['kind']}", **p),
        ),
        (
            r"#(?P<n>\d+) (?P<number>\S+) (?P<title>.*): (?P<kind>add|replace)",
            lambda p: msg(f"change.contribution.{p['kind']}", **p),
        ),
        (
            r"C(?P<first>\d+)–C(?P<last>\d+): imported from (?P<file>.+)",
            lambda p: msg("change.comments_imported", **p),
        ),
        (
            r"C(?P<n>\d+) (?P<number>\S+): (?P<what>comment|accept|partial|reject)",
            _comment,
        ),
        (
            r"B(?P<n>\d+): (?P<outcome>passed|failed|elected|no_winner)",
            lambda p: msg("change.ballot", n=p["n"], outcome=msg(f"outcome.{p['outcome']}")),
        ),
        (r"Stage: (?P<stage>[a-z]+)", _stage),
        (
            r"Policy: (?P<policy>open|review)",
            lambda p: msg("change.policy", policy=msg(f"policy.{p['policy']}")),
        ),
        (
            r"Cover: (?P<field>en|ics|ccs|replaces|proposer|owner)",
            lambda p: msg(f"change.cover.{p['field']}"),
        ),
        (r"Create project (?P<code>.+)", lambda p: msg("change.created", **p)),
        (r"Framework drafter: (?P<unit>.+)", lambda p: msg("change.drafter", **p)),
        (
            r"Framework: added (?P<added>.+); retitled (?P<retitled>.+)",
            lambda p: msg("change.framework", **p),
        ),
        (
            r"Import framework from (?P<file>.+): (?P<count>\d+) clauses",
            lambda p: msg("change.framework_imported", **p),
        ),
        (r"Assign (?P<number>\S+) to (?P<unit>.+)", lambda p: msg("change.assigned", **p)),
        (
            r"Patent commitment of (?P<unit>.+): (?P<mode>free|rand|pool|refuse|none known)",
            _commitment,
        ),
        (r"Working group", lambda p: msg("change.working_group")),
        (r"Standard number: (?P<number>.+)", lambda p: msg("change.published", **p)),
        (r"(?P<unit>.+): no comments", lambda p: msg("change.no_comments", **p)),
        (
            r"O(?P<n>\d+) (?P<number>\S+): (?P<what>opinion|accept|partial|reject)",
            _opinion,
        ),
        (r"Meeting (?P<n>\d+): (?P<step>.+)", _meeting),
        (r"Terminated", lambda p: msg("change.terminated")),
    )
)


def describe(subject: str) -> Msg | None:
    if subject.startswith(UNDO_SUBJECT):  # the journal took back a write whose database side failed
        what = subject[len(UNDO_SUBJECT) :]
        return msg("change.undone", what=describe(what) or what)
    for pattern, build in _FORMS:
        if match := pattern.fullmatch(subject):
            return build(match.groupdict())
    return None
