"""What a contribution may be and how it changes a clause's text. Pure."""

from __future__ import annotations

import difflib
import re

from bot.domain.stages import Stage
from drafts.elements import clean_text
from drafts.vocabulary import ContributionKind, ContributionStatus

# A Telegram message holds at most 4096 characters; this leaves room for the command itself.
TEXT_LIMIT = 4000

# Text is taken once there is a working draft, and until the draft goes for approval.
OPEN_STAGES = frozenset({Stage.WORKING, Stage.CONSULTATION, Stage.REVIEW})
# The 编制说明 is written until the package is approved (it goes with the 报批稿).
NOTE_STAGES = OPEN_STAGES | {Stage.APPROVAL}


Kind = ContributionKind
Status = ContributionStatus


_REF = re.compile(r"#?([1-9][0-9]{0,6})")


def parse_ref(word: str) -> int | None:
    """`#12` (or `12`) -> 12."""
    match = _REF.fullmatch(word.strip())
    return int(match.group(1)) if match else None


def clean(text: str) -> str:
    """Normalise line endings and trailing blanks, and take out control characters (a member's
    text is stored exactly as every export shows it); inner blank lines separate paragraphs."""
    lines = [line.rstrip() for line in clean_text(text).split("\n")]
    return "\n".join(lines).strip("\n").strip()


def apply(current: str, kind: Kind, text: str) -> str:
    """The clause text after accepting `text`; the file always ends with one line break."""
    if kind is Kind.REPLACE or not current.strip():
        return text + "\n"
    return current.rstrip("\n") + "\n\n" + text + "\n"


def diff_lines(old: str, new: str) -> list[str]:
    """A compact line diff: `- ` removed, `+ ` added (unchanged lines left out)."""
    return [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith(("- ", "+ ")) and line[2:].strip()
    ]
