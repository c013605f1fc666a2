"""Use cases of the manuscript system. Services never import telegram: they take plain values
and a Workspace, and answer with language-neutral `Msg` values or plain data."""
