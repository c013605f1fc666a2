"""Use cases of the manuscript system. Services do not depend on python-telegram-bot: they take
plain values and a Workspace, and answer with language-neutral `Msg` values or plain data."""
