"""编制说明: the twelve sections a standards body expects, in order. The bot fills what its
records hold — 一 (the stages with their dates, the working group, who wrote which clauses), 四 (the
patent register), 八 (failed ballots, `no` votes with their reasons, comments not accepted) — and
the working group's text from the chat (`/note`, the repository's `notes/`) follows; a section
with neither reads （待补充）."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime

from drafts.document import Section
from drafts.export.ballot_record import ballot_outcome, ballot_title
from drafts.export.fixed_wording import DISPOSITIONS, MODE_NAMES, STAGE_NAMES
from drafts.export.model import Draft, author_parts
from drafts.export.packaging import save
from drafts.export.record_docs import heading, lines, record_document
from drafts.export.review_docs import review_sentence
from drafts.export.word import write_elements
from drafts.notes import NUMERALS, TITLES, TO_WRITE, section_heading
from drafts.numbering import sort_key
from drafts.records import BallotRecord


class Subheading(str):
    """A line of a section that is a heading of its own: `（一）任务来源`."""


def explanatory_note_docx(draft: Draft) -> bytes:
    doc = record_document(f"《{draft.meta.title}》编制说明")
    generated = {1: _work(draft), 4: _patents(draft), 8: _disagreements(draft)}
    written = {int_of(section): section for section in draft.notes}
    for number in range(1, len(TITLES) + 1):
        heading(doc, section_heading(number))
        for line in generated.get(number, []):
            if isinstance(line, Subheading):
                heading(doc, line, level=2)
            else:
                lines(doc, line)
        elements = written[number].elements if number in written else ()
        write_elements(doc, draft, elements)
        if number not in generated and not elements:
            lines(doc, TO_WRITE)
    return save(doc, draft.date)


def int_of(section: Section) -> int:
    return NUMERALS.index(section.number) + 1


def _work(draft: Draft) -> list[str]:
    meta = draft.meta
    return [
        Subheading("（一）任务来源"),
        f"本文件由{meta.alliance}立项，项目代号{meta.code}，按文稿制起草：由框架起草单位起草标准框架，"
        "起草工作组各成员单位在工作组中补充、讨论和修改条文。",
        Subheading("（二）主要工作过程"),
        *_events(draft),
        Subheading("（三）主要参加单位和工作组成员及其所做的工作"),
        f"起草工作组成员单位：{'、'.join(u.name for u in meta.working_group) or '无'}。",
        *_who_wrote_what(draft),
    ]


# The stages the 工作过程 tells (each tags the repository); the project's first steps are its 任务来源.
TAGGED_STAGES = frozenset({"working", "consultation", "review", "approval", "published"})
# The commits that are events of the work, as the services write their subjects.
_STAGE = re.compile(r"Stage: (?P<stage>[a-z]+)")
_BALLOT = re.compile(r"B(?P<n>\d+): (?:passed|failed|elected|no_winner|terminated)")
_COMMENT = re.compile(r"C\d+ \S+: comment|C\d+–C\d+: imported from .+")
_CONCLUDED = re.compile(r"Meeting (?P<n>\d+): concluded (?:pass|revise|fail)")


def _events(draft: Draft) -> list[str]:
    """The stages entered, the ballots closed, the first comment and the review meeting, in the
    order their commits were made (several share a minute: a ballot closing and the stage it
    opens)."""
    ballots = {record.ballot: record for record in draft.ballots}
    meetings = {record.number: record for record in draft.meetings}
    events: list[tuple[datetime, str]] = []
    commented = False
    for when, subject in draft.story:
        if (stage := _STAGE.fullmatch(subject)) and stage["stage"] in TAGGED_STAGES:
            events.append((when, f"进入{STAGE_NAMES[stage['stage']]}阶段"))
        elif (ballot := _BALLOT.fullmatch(subject)) and (record := ballots.get(f"B{ballot['n']}")):
            if record.kind != "meeting":  # a meeting's vote is told with the meeting
                events.append((when, _ballot_event(record)))
        elif _COMMENT.fullmatch(subject) and not commented and draft.comments:
            commented = True
            events.append((when, f"收到首条征求意见，共收到{len(draft.comments)}条"))
        elif (held := _CONCLUDED.fullmatch(subject)) and (
            told := review_sentence(draft, meetings.get(int(held["n"])))
        ):
            events.append((when, told))
    return [f"{when:%Y年%m月%d日 %H:%M}，{what}。" for when, what in events] or [TO_WRITE]


def _ballot_event(record: BallotRecord) -> str:
    """A ballot's end; the review by correspondence (函审) with its 回函率."""
    outcome = ballot_outcome(record)
    if record.kind == "stage" and record.target_stage == "approval":
        t = record.totals
        rate = f"{t.cast / t.eligible:.0%}" if t.eligible else "—"
        return (
            f"函审（{record.ballot}）结束：发函{t.eligible}个单位，回函{t.cast}个（回函率{rate}），"
            f"同意{t.yes}票、不同意{t.no}票、弃权{t.abstain}票，{outcome}"
        )
    return f"{record.ballot}「{ballot_title(record)}」结束，{outcome}"


def _who_wrote_what(draft: Draft) -> list[str]:
    """Per unit (as the commits name it), its people and the clauses they wrote, by number."""
    people: dict[str, dict[str, None]] = defaultdict(dict)
    clauses: dict[str, set[str]] = defaultdict(set)
    for author, numbers in draft.written:
        name, unit = author_parts(author)
        people[unit][name] = None
        clauses[unit] |= set(numbers)
    return [
        f"{unit}：{'、'.join(people[unit])}，撰写了{'、'.join(sorted(clauses[unit], key=sort_key))}"
        f"（共{len(clauses[unit])}条）。"
        for unit in people
    ]


def _patents(draft: Draft) -> list[str]:
    if not draft.patents:
        return ["尚无单位作出专利许可声明。"]
    out = []
    for record in draft.patents:
        if not record.patents:
            out.append(f"{record.unit}：声明无已知必要专利。")
            continue
        listed = "；".join(
            f"{p.number}（{p.title or '名称未填'}，涉及{'、'.join(p.clauses) or '未指明的章条'}）"
            for p in record.patents
        )
        mode = MODE_NAMES.get(record.mode, str(record.mode))
        out.append(f"{record.unit}：{listed}；许可方式：{mode}。")
    return out


def _disagreements(draft: Draft) -> list[str]:
    out = []
    for record in draft.ballots:
        if record.outcome in ("failed", "no_winner"):
            out.append(f"{record.ballot}「{ballot_title(record)}」未通过。")
        for vote in record.votes or ():
            if vote.choice == "no" and vote.comment:
                out.append(f"{record.ballot}：{vote.unit}投不同意，理由：{vote.comment}")
    for comment in draft.comments:
        if comment.disposition in ("partial", "reject"):
            disposition = DISPOSITIONS[comment.disposition]
            out.append(
                f"{comment.number}（{comment.clause}，{comment.unit}）："
                f"{comment.reason}——{disposition}：{comment.note or ''}"
            )
    return out or ["无。"]
