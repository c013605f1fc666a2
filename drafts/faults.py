"""What can go wrong writing a draft repository, as the layers above it name it: the handlers
answer these plainly, the journal keeps a write unsettled on them. Kept apart from the git
plumbing (drafts/repository.py) so that a layer may know the faults without the plumbing."""

from __future__ import annotations


class GitError(RuntimeError):
    pass


class RepositoryLocked(GitError):
    """A git lock file stands in the way of a write (left by a killed git process, or by another
    writer of the same repository): retrying cannot help until it is gone."""

    def __init__(self, lock: str) -> None:
        super().__init__(f"the repository is locked by {lock}")
        self.lock = lock


class RepositoryUnwritable(Exception):
    """A write failed in git or the file system (a full disk, a read-only repository): the
    branch did not move. Writes work again as soon as the fault is gone."""
