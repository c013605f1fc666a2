"""The git-backed manuscript: outline numbering, metadata, repository writes and reads."""
