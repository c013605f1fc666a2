"""The outbox: every answer the bot owes, stored with the work that owes it, then delivered.

- `payload.py` — what a row says, typed: written by the handler side, read by the sender side.
- `rows.py` — the rows as the work of an update stores them, and their states.
- `refs.py` — which record a message stands for, and where it landed.
- `plan.py` — what a chat's sender sends next (pure rules).
- `sender.py` — the senders, one per chat, within Telegram's limits.

Nothing is imported here: a service may store rows (`rows.py`) without importing Telegram.
"""
