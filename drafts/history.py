"""The words a draft's history is written with, read by the pure rules that tell it back
(bot/domain/changes.py) and written by the plumbing (drafts/repository.py)."""

from __future__ import annotations

# Every journaled write carries its id (bot/services/journal.py) in the commits and tags it makes;
# an undo of it names the id too, so the history alone says whether a write landed and stayed.
WRITE_TRAILER = "Write"
UNDO_TRAILER = "Undoes"
UNDO_SUBJECT = "Undo: "  # followed by the subject of the write taken back
