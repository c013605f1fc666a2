"""The collective review: /meeting (schedule, card, vote, cancel) and its 参加/请假 and 签到
buttons, /checkin, /attend, /opinion, /opinions, /minutes, /conclude, /review letter, /terminate."""

from __future__ import annotations

from bot.domain.args import UsageError, required, split_bars, split_first
from bot.domain.ballots import parse_ballot_ref, parse_options
from bot.domain.comments import parse_comment
from bot.domain.ids import parse_id
from bot.domain.review import (
    parse_attendee,
    parse_conclusion,
    parse_expert,
    parse_letter,
    parse_meeting,
    parse_minutes,
    quorum_needed,
)
from bot.domain.when import local
from bot.i18n import Msg, msg
from bot.services import experts, opinions, review_meeting, stages, termination
from bot.services.errors import Refused
from bot.services.projects import working_group
from bot.services.review_meeting import Card, Notice
from bot.services.workspace import Workspace
from drafts.vocabulary import MeetingAnswer
from handlers import answers
from handlers.answers import Button, Pressed, Reply
from handlers.ballots import ballot_edit, ballot_reply, recorded
from handlers.base import button, command
from handlers.consultation import disposition_line
from storage.models import Meeting, MeetingStatus

ANSWER_KEYS = {"a": MeetingAnswer.ATTEND, "e": MeetingAnswer.EXCUSED}
REASON_LIMIT = 1000


@command("meeting")
async def meeting(ws: Workspace, args: str) -> Reply | list[Msg] | Msg:
    word, rest = split_first(args)
    if not args.strip():
        return card_lines(ws, await review_meeting.card(ws))
    ws.require_live()  # the card is for anyone; the rest changes the project
    if word.lower() in {"vote", "表决"}:
        parts = split_bars(rest)
        options = parse_options(parts[1:] if parts and not parts[0] else parts, allow_secret=False)
        if options.rule:
            raise UsageError()
        held = await review_meeting.open_vote(ws, options)
        line = msg("meeting.vote_line", body=held.body, present=held.present,
                   needed=quorum_needed(held.body))  # fmt: skip
        return ballot_reply(ws, held.view, [line])
    if word.lower() in {"cancel", "取消"} and not rest.strip():
        return msg("meeting.cancelled", n=(await review_meeting.cancel(ws)).number)
    return notice_reply(ws, await review_meeting.schedule(ws, parse_meeting(args)))


def notice_reply(ws: Workspace, notice: Notice) -> Reply:
    """The notice in the group with its answer buttons and the materials; the same, with the
    materials, to each reviewing unit's representatives who have a private chat with the bot."""
    m = notice.meeting
    tz = ws.settings.timezone
    urgent = msg("meeting.urgent", days=ws.settings.review_notice.days) if m.urgent else ""
    lines = [
        msg(
            "meeting.notice",
            n=m.number,
            title=ws.require_project().title,
            when=local(m.scheduled_at, tz),
            place=m.place,
            urgent=urgent,
            body=len(notice.body),
            units=[u.short() for u in notice.body],
            tag=notice.tag,
        )
    ]
    direct = [
        msg(
            "meeting.notice.direct",
            code=ws.require_project().code,
            when=local(m.scheduled_at, tz),
            place=m.place,
        )
    ]
    return Reply(
        lines,
        buttons=[
            Button(msg("button.attend"), f"ma:{m.id}:a"),
            Button(msg("button.excused"), f"ma:{m.id}:e"),
        ],
        documents=notice.materials,
        notices=[
            answers.Notice(person, 0, direct, documents=notice.materials)
            for person in notice.invited
        ],
    )


def card_lines(ws: Workspace, card: Card) -> list[Msg]:
    m = card.meeting
    tz = ws.settings.timezone
    status = "checkin" if m.status == MeetingStatus.SCHEDULED and m.checkin_open else m.status
    lines = [
        msg(
            "meeting.card",
            n=m.number,
            status=msg(f"meeting.status.{status}"),
            when=local(m.scheduled_at, tz),
            place=m.place,
            urgent=msg("meeting.card.urgent") if m.urgent else "",
            body=len(card.body),
            present=len(card.present),
            quorum=card.quorum,
        ),
        msg(
            "meeting.card.answers",
            attend=_units(card, MeetingAnswer.ATTEND),
            excused=_units(card, MeetingAnswer.EXCUSED),
            silent=[u.short() for u in card.body if u.id not in card.replies] or msg("none"),
        ),
    ]
    lines += [
        msg(
            "meeting.card.person",
            name=a.name,
            affiliation=a.affiliation,
            when=local(a.arrived_at, tz),
        )
        for a in card.attendance
    ]
    if card.ballot is not None:
        b = card.ballot
        status_word = msg("ballots.open") if b.outcome is None else msg(f"outcome.{b.outcome}")
        lines.append(msg("meeting.card.vote", n=b.number, status=status_word))
    if m.conclusion is not None:
        lines.append(
            msg(
                "meeting.card.conclusion",
                conclusion=msg(f"conclusion.{m.conclusion}"),
                text=m.conclusion_text or "",
            )
        )
    return lines


def _units(card: Card, answer: MeetingAnswer) -> list[str] | Msg:
    return [u.short() for u in card.body if card.replies.get(u.id) == answer] or msg("none")


@button("ma")
async def answer_button(ws: Workspace, data: str) -> Pressed:
    """`ma:<meeting id>:a|e` — 参加 or 请假, for the presser's unit."""
    meeting_id, _, key = data.partition(":")
    found = await _meeting(ws, meeting_id)
    if key not in ANSWER_KEYS:
        raise Refused("button.stale")
    unit = await review_meeting.answer(ws, found, ANSWER_KEYS[key])
    return Pressed(
        toast=msg("meeting.answered", unit=unit.short(), answer=msg(f"answer.{ANSWER_KEYS[key]}"))
    )


@command("checkin")
async def checkin(ws: Workspace, args: str) -> Reply:
    if args.strip():
        raise UsageError()
    m = await review_meeting.open_checkin(ws)
    return Reply(
        [msg("meeting.checkin_posted", n=m.number)],
        buttons=[Button(msg("button.checkin"), f"mc:{m.id}")],
    )


@button("mc")
async def checkin_button(ws: Workspace, data: str) -> Pressed:
    """`mc:<meeting id>` — the presser is present from now."""
    present = await review_meeting.check_in(ws, await _meeting(ws, data))
    when = local(present.arrived_at, ws.settings.timezone)
    return Pressed(
        toast=msg("meeting.checked_in", name=present.name, unit=present.affiliation, when=when)
    )


async def _meeting(ws: Workspace, text: str) -> Meeting:
    meeting_id = parse_id(text)
    found = await review_meeting.meeting_by_id(ws, meeting_id) if meeting_id else None
    if found is None:
        raise Refused("button.stale")
    return found


@command("attend")
async def attend(ws: Workspace, args: str) -> Msg:
    person = parse_attendee(args)
    row = await review_meeting.attend(ws, person.name, person.unit, person.title)
    counts = msg("meeting.attended.guest")
    if row.unit_id is not None and review_meeting.by_panel(ws):
        counts = msg("meeting.attended.expert")
    elif row.unit_id is not None:
        counts = msg("meeting.attended.counts", unit=row.affiliation)
    return msg("meeting.attended", name=row.name, affiliation=row.affiliation, counts=counts)


@command("opinion")
async def opinion(ws: Workspace, args: str) -> Msg:
    clause, text, proposed = parse_comment(args)
    row = await opinions.add(ws, clause, text, proposed)
    return msg("opinion.recorded", n=row.number, number=row.clause_number)


@command("opinions")
async def opinion_list(ws: Workspace, args: str) -> list[Msg]:
    if args.strip():
        raise UsageError()
    rows = await opinions.listed(ws)
    return [
        msg(
            "opinions.row",
            n=row.number,
            number=row.clause_number,
            text=row.text,
            proposed=row.proposed or "—",
            disposition=disposition_line(row.disposition, row.note),
        )
        for row in rows
    ] or [msg("opinions.none")]


@command("minutes")
async def minutes(ws: Workspace, args: str) -> Msg:
    m = await review_meeting.add_minutes(ws, parse_minutes(args))
    return msg("minutes.recorded", n=m.number)


@command("conclude")
async def conclude(ws: Workspace, args: str) -> Msg:
    conclusion, text = parse_conclusion(args)
    m = await review_meeting.conclude(ws, conclusion, text)
    return msg(
        "meeting.concluded",
        n=m.number,
        conclusion=msg(f"conclusion.{conclusion}"),
        next=msg(f"meeting.next.{conclusion}"),
    )


@command("review")
async def review(ws: Workspace, args: str) -> Reply:
    opened = await stages.review_letter(ws, parse_letter(args))
    return ballot_reply(ws, opened.view, [msg("review.letter_opened")])


@command("expert")
async def expert(ws: Workspace, args: str) -> Msg | Reply:
    word, rest = split_first(args)
    if word.lower() == "add":
        new = parse_expert(rest)
        added = await experts.add(ws, new.name, new.affiliation, new.title, new.username)
        drafting = added.unit_id in {u.id for u in await working_group(ws)}
        return msg(
            "expert.added",
            name=added.name,
            affiliation=added.affiliation,
            title=added.title,
            vote=msg("expert.no_vote") if drafting and not ws.settings.review_drafters_vote else "",
        )
    if word.lower() == "remove" and rest.strip():
        return msg("expert.removed", name=(await experts.remove(ws, rest.strip())).name)
    if word.lower() == "vote":  # `vote B<n> <name> yes|no|abstain`
        ref, _, named = rest.strip().partition(" ")
        name, _, choice = named.strip().rpartition(" ")
        number = parse_ballot_ref(ref)
        if number is None or not name.strip() or not choice:
            raise UsageError()
        view = await review_meeting.vote_for_expert(ws, number, name.strip(), choice)
        return Reply([recorded(ws, view)], edits=await ballot_edit(ws, view))
    raise UsageError()


@command("experts")
async def expert_list(ws: Workspace, args: str) -> list[Msg]:
    if args.strip():
        raise UsageError()
    panel = await experts.panel(ws)
    if not panel:
        return [msg("experts.none")]
    voting = {seat.id for seat in await experts.voting_seats(ws)}
    mode = "panel" if review_meeting.by_panel(ws) else "units"
    return [msg("experts.header", count=len(panel), mode=msg(f"experts.mode.{mode}"))] + [
        msg(
            "experts.row",
            name=e.name,
            affiliation=e.affiliation,
            title=e.title,
            user=f"@{e.username}" if e.username else "—",
            vote="" if e.seat_id in voting else msg("experts.no_vote"),
        )
        for e in panel
    ]


@command("terminate")
async def terminate(ws: Workspace, args: str) -> Msg:
    reason = " ".join(required(args).split())
    if len(reason) > REASON_LIMIT:
        raise UsageError()
    closed = await termination.terminate(ws, reason)
    return msg(
        "terminate.done",
        code=ws.require_project().code,
        reason=reason,
        ballots=[f"B{n}" for n in closed] or msg("none"),
    )


HANDLERS = [
    meeting,
    answer_button,
    checkin,
    checkin_button,
    attend,
    opinion,
    opinion_list,
    minutes,
    conclude,
    review,
    expert,
    expert_list,
    terminate,
]
