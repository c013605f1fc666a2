"""What a chat's sender sends next, from the rows its outbox holds: pure rules, tested at their
edges in tests/test_outbox_plan.py.

- Rows go in order. A live edit (a ballot's tally after a vote) waits until its message was last
  edited an interval ago, and lets the messages behind it go first.
- An edit whose message has a later edit waiting is superseded (each edit carries the whole text);
  so is a live edit of a message whose final edit went out (a closed ballot keeps its result).
- Acknowledgements of one kind waiting in a row for one chat (`/comment`s, proposals, `/vote`s)
  go as one message: `已记录意见 C5–C12（8 条）`, each proposal's buttons kept, labelled with its
  number; a live edit between them goes after.
- Telegram's limits: 20 messages a minute into a group, 30 a second overall.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.i18n import msg, render
from bot.outbox.payload import Keys, MergeTag, Payload

GROUP_PER_MINUTE = 20
OVERALL_PER_SECOND = 30
MERGED_LIMIT = 4000  # characters of a merged message (Telegram's is 4096)
MERGED_ITEMS = 20  # proposals in one merged message: two buttons each, well under Telegram's 100

Target = int | str  # a message's id, or the ref of the record whose message is still waiting


@dataclass(frozen=True)
class Row:
    """A pending outbox row as the planner sees it."""

    id: int
    kind: str  # message, edit, document, photo
    payload: Payload

    @property
    def target(self) -> Target | None:
        """The message an edit changes: its id, or, when the edit was made while the message
        still waited in the outbox, the ref of its record."""
        if self.kind != "edit":
            return None
        message_id = self.payload.message_id
        return message_id if message_id is not None else str(self.payload.of)

    @property
    def live(self) -> bool:
        return self.kind == "edit" and self.payload.live

    @property
    def merge(self) -> MergeTag | None:
        return self.payload.merge if self.kind == "message" else None


@dataclass
class Step:
    send: list[Row] = field(default_factory=list)  # one row, or several merged into one message
    superseded: list[int] = field(default_factory=list)
    wake_in: float | None = None  # nothing to send now: look again this much later


def plan(
    rows: Sequence[Row],
    now: float,
    last_live: Mapping[Target, float],  # message -> when it was last edited live
    finals: frozenset[Target] | set[Target],  # messages whose final edit went out
    interval: float,
) -> Step:
    step = Step()
    later_edits: set[Target] = set()
    for row in reversed(rows):  # an edit is superseded by a later edit of its message
        target = row.target
        if target is None or row.payload.drop:
            continue
        if target in later_edits or (row.live and target in finals):
            step.superseded.append(row.id)
        later_edits.add(target)
    step.superseded.reverse()
    gone = set(step.superseded)
    remaining = [row for row in rows if row.id not in gone]
    for index, row in enumerate(remaining):
        if row.live:
            ready_at = last_live.get(row.target or 0, float("-inf")) + interval
            if now < ready_at:
                wait = ready_at - now
                step.wake_in = wait if step.wake_in is None else min(step.wake_in, wait)
                continue
        step.send = [row, *_mergeable(row, remaining[index + 1 :])]
        step.wake_in = None
        return step
    return step


def _mergeable(head: Row, following: Sequence[Row]) -> list[Row]:
    """The acknowledgements right behind `head` that join it in one message."""
    merge = head.merge
    if merge is None:
        return []
    joined: list[Row] = []
    length = len(head.payload.text) + 100  # room for the header
    for row in following:
        if row.live:  # a vote's tally edit between two votes' acknowledgements goes after them
            continue
        other = row.merge
        if other is None or other.kind != merge.kind or other.lang != merge.lang:
            break
        if row.payload.thread != head.payload.thread:
            break
        length += len(row.payload.text) + 2
        if length > MERGED_LIMIT or len(joined) + 1 >= MERGED_ITEMS:
            break
        joined.append(row)
    return joined


def merged_text(rows: Sequence[Row]) -> str:
    """The one message that stands for several acknowledgements: a header naming them all, then
    each one's own text."""
    first = rows[0].merge
    assert first is not None and len(rows) > 1
    lang, kind = first.lang, first.kind
    # Several votes on one ballot name it once.
    numbers = list(dict.fromkeys(row.merge.number for row in rows if row.merge))
    items = number_ranges(
        numbers, prefix=first.prefix, separator=render(lang, msg("list.separator"))
    )
    header = render(lang, msg(f"outbox.merged.{kind}", items=items, count=len(rows)))
    gap = "\n\n" if kind == "proposal" else "\n"
    return header + "\n" + gap.join(row.payload.text for row in rows)


def merged_buttons(rows: Sequence[Row]) -> Keys:
    """Each acknowledgement's own buttons, labelled with its number, a row for each."""
    return tuple(row.merge.keys for row in rows if row.merge is not None and row.merge.keys)


def number_ranges(numbers: Sequence[int], *, prefix: str, separator: str) -> str:
    """`C5–C8、C10`: runs of consecutive numbers as ranges, in the order given."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return separator.join(
        f"{prefix}{run[0]}" if len(run) == 1 else f"{prefix}{run[0]}–{prefix}{run[-1]}"
        for run in runs
    )


class Budget:
    """Telegram's sending limits, counted over sliding windows: a group takes 20 messages a
    minute, the bot 30 a second in all. `wait` says how long until a send into a chat may go."""

    def __init__(
        self, per_group: int = GROUP_PER_MINUTE, overall: int = OVERALL_PER_SECOND
    ) -> None:
        self.per_group = per_group
        self.overall = overall
        self._groups: dict[int, deque[float]] = {}
        self._all: deque[float] = deque()

    def wait(self, chat_id: int, now: float) -> float:
        wait = _wait(self._all, self.overall, 1.0, now)
        if chat_id < 0:  # groups and channels have negative ids
            wait = max(
                wait, _wait(self._groups.setdefault(chat_id, deque()), self.per_group, 60.0, now)
            )
        return wait

    def spend(self, chat_id: int, now: float) -> None:
        self._all.append(now)
        if chat_id < 0:
            self._groups.setdefault(chat_id, deque()).append(now)


def _wait(sent: deque[float], limit: int, window: float, now: float) -> float:
    while sent and sent[0] <= now - window:
        sent.popleft()
    return 0.0 if len(sent) < limit else sent[0] + window - now
