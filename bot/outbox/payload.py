"""What an outbox row says, as a type: the handler side (handlers/outgoing.py) writes it, the
planner and the senders read it. Stored as JSON in the row; a row stored by an earlier version
reads the same (the keys never changed, only the type around them is new)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Self


@dataclass(frozen=True)
class Key:
    """An inline button: its label, and either the data it sends back or the link it opens."""

    text: str
    data: str = ""
    url: str = ""

    def to_data(self) -> dict[str, str]:
        return (
            {"text": self.text, "url": self.url}
            if self.url
            else {"text": self.text, "data": self.data}
        )

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(str(d["text"]), str(d.get("data") or ""), str(d.get("url") or ""))


Keys = tuple[tuple[Key, ...], ...]  # rows of buttons


def _keys(rows: Any) -> Keys:
    return tuple(tuple(Key.from_data(k) for k in row) for row in rows or ())


def _rows(keys: Keys) -> list[list[dict[str, str]]]:
    return [[key.to_data() for key in row] for row in keys]


@dataclass(frozen=True)
class MergeTag:
    """An acknowledgement that may go as one message with others of its kind waiting in its chat:
    `已记录意见 C5–C12（8 条）`. Its own buttons are kept, labelled with its number."""

    kind: str  # comment, proposal, vote
    prefix: str  # C, #, B
    number: int
    lang: str
    keys: tuple[Key, ...] = ()

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "prefix": self.prefix,
            "number": self.number,
            "lang": self.lang,
            "buttons": [key.to_data() for key in self.keys],
        }

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Self:
        return cls(
            str(d["kind"]),
            str(d["prefix"]),
            int(d["number"]),
            str(d["lang"]),
            tuple(Key.from_data(k) for k in d.get("buttons") or ()),
        )


@dataclass(frozen=True)
class Payload:
    """One of: a message (text, buttons, maybe a merge tag), a document (filename), a photo
    (caption), or an edit (the message it changes — by id, or by the ref of its record while that
    message still waits — and the new text and buttons)."""

    text: str = ""
    thread: int | None = None  # the forum topic
    reply_to: int | None = None  # the message it answers
    keys: Keys = ()
    force_reply: bool = False
    merge: MergeTag | None = None
    filename: str = ""
    caption: str = ""
    message_id: int | None = None  # an edit's message
    of: str | None = None  # an edit's record, while its message waits in the outbox
    live: bool = False  # an edit that may wait for the next (a ballot's tally)
    drop: str = ""  # an edit that only takes away the buttons whose data begins so
    shown: Keys | None = None  # a merged message: the buttons it shows now

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "text": self.text,
            "thread": self.thread,
            "reply_to": self.reply_to,
            "buttons": _rows(self.keys),
            "force_reply": self.force_reply,
            "filename": self.filename,
            "caption": self.caption,
            "message_id": self.message_id,
            "of": self.of,
            "live": self.live,
            "drop": self.drop,
        }
        if self.merge is not None:
            data["merge"] = self.merge.to_data()
        if self.shown is not None:
            data["shown"] = _rows(self.shown)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Self:
        d = json.loads(text)
        merge, shown = d.get("merge"), d.get("shown")
        return cls(
            text=str(d.get("text") or ""),
            thread=_int(d.get("thread")),
            reply_to=_int(d.get("reply_to")),
            keys=_keys(d.get("buttons")),
            force_reply=bool(d.get("force_reply")),
            merge=MergeTag.from_data(merge) if isinstance(merge, dict) else None,
            filename=str(d.get("filename") or ""),
            caption=str(d.get("caption") or ""),
            message_id=_int(d.get("message_id")),
            of=None if d.get("of") is None else str(d["of"]),
            live=bool(d.get("live")),
            drop=str(d.get("drop") or ""),
            shown=None if shown is None else _keys(shown),
        )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
