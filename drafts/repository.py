"""One bare git repository per project, written with plumbing only.

Every write builds its tree in a private temporary index (GIT_INDEX_FILE), makes the commit with
`commit-tree` (author = the contributor, committer = the bot) and moves the branch with a
compare-and-swap `update-ref`, retried on conflict. Nothing ever touches a shared index or working
copy, so concurrent writers can neither lose changes nor carry each other's files.
These calls block: callers run them off the event loop (drafts/store.py).
"""

from __future__ import annotations

import logging
import os
import random
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafts.faults import GitError, RepositoryLocked
from drafts.history import UNDO_SUBJECT, UNDO_TRAILER, WRITE_TRAILER

log = logging.getLogger("manuscript.git")
BRANCH = "refs/heads/main"
ZERO = "0" * 40
BOT = ("manuscript-bot", "bot@manuscript.invalid")
_CAS_ATTEMPTS = 60
_BACKOFF_CAP = 0.2  # seconds; jittered so that competing writers stop colliding


_GIT_TRIMS = " .,:;\"'\\"  # what git strips from both ends of an identity's name
_LOCKED = re.compile(r"Unable to create '([^']+\.lock)': File exists")


# A commit's changes: path -> new content (None: the file is removed), or a function of the
# parent commit (read as `parent(path)` -> text) that gives them, run again on each new parent.
Contents = Mapping[str, str | bytes | None]
Changes = Contents | Callable[["Parent"], Contents]


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    @staticmethod
    def clean(name: str, email: str) -> Identity:
        """Git refuses `<`, `>` and line breaks in identities, and a name made only of the
        characters it trims (`.`, `,`, `:`, `;`, quotes): such a name is the address's own part
        (`tg-1234`); otherwise the rest of the name is kept."""
        for bad in "<>\n\r":
            name = name.replace(bad, " ")
        name = " ".join(name.split())
        if not name.strip(_GIT_TRIMS):
            name = email.split("@", 1)[0] or "unknown"
        return Identity(name, email)


@dataclass(frozen=True)
class LogEntry:
    sha: str
    author: str
    email: str
    timestamp: int
    subject: str


@dataclass(frozen=True)
class Change:
    author: str
    timestamp: int
    subject: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class BlameLine:
    sha: str
    author: str
    subject: str
    text: str
    time: int = 0  # when its commit was authored (seconds since the epoch)


@dataclass(frozen=True)
class Refs:
    """The branch's commit and each tag's commit, the tags oldest first."""

    head: str | None
    tags: dict[str, str]


@dataclass(frozen=True)
class Parent:
    """The commit a write is being built on (None for the first commit of a repository)."""

    repo: DraftRepository
    sha: str | None

    def __call__(self, path: str) -> str | None:
        return self.repo.read(path, self.sha) if self.sha else None


class DraftRepository:
    def __init__(self, path: Path, write_id: str | None = None) -> None:
        self.path = path
        self.write_id = write_id  # the journal's id for what this handle commits and tags

    # -- plumbing ---------------------------------------------------------------------------
    def _git(
        self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None
    ) -> bytes:
        result = subprocess.run(
            ["git", "--git-dir", str(self.path), *args],
            input=input,
            capture_output=True,
            env={**_BASE_ENV, **(env or {})},
            check=False,
        )
        if result.returncode != 0:
            error = result.stderr.decode(errors="replace").strip()
            if locked := _LOCKED.search(error):
                log.error("git %s: the repository is locked by %s", args[0], locked[1])
                raise RepositoryLocked(locked[1])
            raise GitError(f"git {args[0]}: {error}")
        return result.stdout

    # -- setup ------------------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.path / "HEAD").exists()

    def init(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(self.path)],
            check=True,
            capture_output=True,
            env=_BASE_ENV,
        )

    # -- reads ------------------------------------------------------------------------------
    def head(self) -> str | None:
        try:
            return self._git("rev-parse", "--quiet", "--verify", BRANCH).decode().strip()
        except GitError:
            return None

    def read(self, path: str, ref: str = BRANCH) -> str | None:
        try:
            return self._git("cat-file", "blob", f"{ref}:{path}").decode("utf-8")
        except GitError:
            return None

    def read_many(self, paths: Sequence[str], ref: str = BRANCH) -> dict[str, str | None]:
        """The text of each path at `ref` (None where there is none), in one call."""
        blobs = self.read_blobs(paths, ref)
        return {
            path: None if blob is None else blob.decode("utf-8") for path, blob in blobs.items()
        }

    def read_blobs(self, paths: Sequence[str], ref: str = BRANCH) -> dict[str, bytes | None]:
        """The bytes of each path at `ref` (None where there is none), in one `git cat-file
        --batch`: an export reads a thousand clauses, and a process each took 80 % of its time."""
        if not paths:
            return {}
        request = "".join(f"{ref}:{path}\n" for path in paths).encode()
        out = self._git("cat-file", "--batch", input=request)
        blobs: dict[str, bytes | None] = {}
        at = 0
        for path in paths:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3 or header[1] != b"blob":  # "<name> missing", or not a file
                blobs[path] = None
                if len(header) == 3:  # a tree or other object: its body follows all the same
                    at += int(header[2]) + 1
                continue
            size = int(header[2])
            blobs[path] = out[at : at + size]
            at += size + 1
        return blobs

    def sizes(self, prefix: str, ref: str = BRANCH) -> dict[str, int]:
        """Size in bytes of every file under `prefix` at `ref` (the head), in one call."""
        if self.resolve(ref) is None:
            return {}
        out = self._git("ls-tree", "-r", "-l", ref, "--", prefix).decode("utf-8")
        sizes = {}
        for line in out.splitlines():
            info, _, path = line.partition("\t")
            sizes[path] = int(info.split()[3])
        return sizes

    def files(self, prefix: str, ref: str = BRANCH) -> list[str]:
        """Paths of the files directly in the folder `prefix` at `ref`."""
        return self._git("ls-tree", "--name-only", ref, prefix).decode("utf-8").split()

    def commit_time(self, ref: str = BRANCH) -> int:
        """When the commit at `ref` was made (seconds since the epoch)."""
        return int(self._git("log", "-1", "--format=%ct", ref).decode().strip())

    def changed(self, ref: str, prefix: str, to: str = BRANCH) -> list[str]:
        """Paths under `prefix` that differ between `ref` and `to` (the head)."""
        out = self._git("diff", "--name-only", ref, to, "--", prefix).decode("utf-8")
        return out.splitlines()

    def tags(self) -> list[str]:
        """Tag names, oldest first: by the sequence number each tag's message starts with (git's
        dates have one-second resolution, and several tags may be made within a second)."""
        return list(self.refs().tags)

    def log(self, path: str | None = None, limit: int = 10) -> list[LogEntry]:
        if self.head() is None:
            return []
        args = ["log", f"-n{limit}", "--format=%H%x1f%an%x1f%ae%x1f%at%x1f%s", BRANCH]
        if path:
            args += ["--", path]
        entries = []
        for line in self._git(*args).decode().splitlines():
            sha, author, email, timestamp, subject = line.split("\x1f", 4)
            entries.append(LogEntry(sha, author, email, int(timestamp), subject))
        return entries

    def subjects(self, ref: str = BRANCH) -> list[tuple[int, str]]:
        """(time, subject) of every commit up to `ref`, oldest first — the order things happened
        in, finer than their one-second times — without the writes taken back."""
        skipped = self.taken_back(ref)
        out = self._git("log", "--reverse", "--format=%H%x1f%at%x1f%s", ref).decode("utf-8")
        found = []
        for line in out.splitlines():
            sha, stamp, subject = line.split("\x1f", 2)
            if sha not in skipped:
                found.append((int(stamp), subject))
        return found

    def changes_between(self, base: str, ref: str = BRANCH) -> list[Change]:
        """The commits after `base` up to `ref`, newest first, with the paths each changed
        (writes taken back left out)."""
        skipped = self.taken_back(ref)
        out = self._git(
            "log", "--format=%x1e%H%x1f%an%x1f%at%x1f%s", "--name-only", f"{base}..{ref}"
        ).decode("utf-8")
        found = []
        for record in out.split("\x1e")[1:]:
            head, *paths = record.strip().split("\n")
            sha, author, stamp, subject = head.split("\x1f", 3)
            if sha not in skipped:
                found.append(Change(author, int(stamp), subject, tuple(p for p in paths if p)))
        return found

    def last_changes(self, base: str, ref: str = BRANCH) -> dict[str, tuple[str, int]]:
        """Each path changed since `base` up to `ref`: the author and time of its latest change."""
        found: dict[str, tuple[str, int]] = {}
        for change in self.changes_between(base, ref):
            for path in change.paths:
                found.setdefault(path, (change.author, change.timestamp))  # newest first
        return found

    def refs(self) -> Refs:
        """The branch and the tags with their commits, in one call."""
        out = self._git(
            "for-each-ref",
            "--format=%(refname)%09%(objectname)%09%(*objectname)%09%(contents:subject)",
            BRANCH,
            "refs/tags",
        ).decode("utf-8")
        head = None
        tagged = []
        for line in out.splitlines():
            name, sha, peeled, subject = line.split("\t", 3)
            if name == BRANCH:
                head = sha
                continue
            sequence = subject.split(" ", 1)[0]
            order = int(sequence) if sequence.isdigit() else 0
            tagged.append((order, name.removeprefix("refs/tags/"), peeled or sha))
        return Refs(head, {name: sha for _, name, sha in sorted(tagged)})

    def object_ids(self, paths: Sequence[str], ref: str = BRANCH) -> tuple[str, ...]:
        """The object id (blob or tree) of each path at `ref`, "" where there is none, in one
        call: two commits with the same ids hold the same text of those paths."""
        out = self._git("ls-tree", ref, "--", *paths).decode("utf-8")
        found = {}
        for line in out.splitlines():
            info, _, path = line.partition("\t")
            found[path] = info.split()[2]
        return tuple(found.get(path, "") for path in paths)

    def ref_stamp(self) -> tuple[object, ...]:
        """What changes whenever a ref does, read without starting git: the branch's file, the
        tag names, and packed-refs' identity (git replaces each of these by renaming a new file
        over it, so a moved ref is a new content, a new name or a new file)."""

        def identity(path: Path) -> tuple[int, int, int] | None:
            try:
                found = path.stat()
            except FileNotFoundError:
                return None
            return found.st_ino, found.st_mtime_ns, found.st_size

        try:
            branch = (self.path / BRANCH).read_bytes()
        except FileNotFoundError:
            branch = b""
        try:
            tags = frozenset(os.listdir(self.path / "refs" / "tags"))
        except FileNotFoundError:
            tags = frozenset()
        return branch, tags, identity(self.path / "packed-refs")

    def resolve(self, ref: str) -> str | None:
        """The commit a ref names, or None."""
        try:
            return self._git("rev-parse", "--verify", "-q", f"{ref}^{{commit}}").decode().strip()
        except GitError:
            return None

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether `older` comes before (or is) `newer` in the history."""
        try:
            self._git("merge-base", "--is-ancestor", older, newer)
        except GitError:
            return False
        return True

    def tag_dates(self) -> dict[str, int]:
        """Each tag's date (seconds since the epoch)."""
        out = self._git(
            "for-each-ref", "--format=%(refname:short)%09%(creatordate:unix)", "refs/tags"
        )
        pairs = (line.split("\t") for line in out.decode("utf-8").splitlines())
        return {name: int(stamp) for name, stamp in pairs}

    def versions(self, paths: Sequence[str], ref: str = BRANCH) -> dict[str, list[str]]:
        """Every committed text of each file up to `ref`, newest first (writes taken back and
        their undoing left out: they never happened for the record)."""
        skipped = self.taken_back(ref)
        found = {}
        for path in paths:
            shas = self._git("log", "--format=%H", ref, "--", path).decode().split()
            found[path] = [
                text
                for sha in shas
                if sha not in skipped and (text := self.read(path, sha)) is not None
            ]
        return found

    def authorship(self, paths: Sequence[str], ref: str = BRANCH) -> list[tuple[str, list[str]]]:
        """(author, files changed) of each commit touching `paths`, oldest first; the bot's own
        commits left out."""
        out = self._git(
            "log", "--reverse", "--format=%x1e%H%x1f%an%x1f%ae", "--name-only", ref, "--", *paths
        )
        skipped = self.taken_back(ref)
        found = []
        for record in out.decode("utf-8").split("\x1e")[1:]:
            head, *files = record.strip().split("\n")
            sha, name, email = head.split("\x1f", 2)
            if email != BOT[1] and sha not in skipped:
                found.append((name, [f for f in files if f]))
        return found

    def taken_back(self, ref: str = BRANCH) -> set[str]:
        """The commits of writes that were taken back (`undo`), and the undoing commits."""
        undoings = self.trailer_values(UNDO_TRAILER, ref)
        undone = {write_id for _, write_id in undoings}
        written = self.trailer_values(WRITE_TRAILER, ref) if undone else []
        return {sha for sha, _ in undoings} | {sha for sha, w in written if w in undone}

    def trailer_values(self, key: str, ref: str = BRANCH) -> list[tuple[str, str]]:
        """(commit, value) of every commit up to `ref` carrying the trailer `key`."""
        if self.head() is None:
            return []
        fmt = f"--format=%H%x1f%(trailers:key={key},valueonly,separator=%x1d)%x1e"
        pairs = []
        for record in self._git("log", fmt, ref).decode().split("\x1e"):
            sha, _, values = record.strip().partition("\x1f")
            pairs += [(sha, value.strip()) for value in values.split("\x1d") if value.strip()]
        return pairs

    # -- the journal's view ------------------------------------------------------------------
    def write_ids(self) -> list[str]:
        """Ids of the journaled writes in the history, newest first: commits on the branch, then
        those made by a tag alone."""
        ids = list(dict.fromkeys(value for _, value in self.trailer_values(WRITE_TRAILER)))
        return ids + [w for w in dict.fromkeys(w for _, w in self._tag_writes()) if w not in ids]

    def undone_ids(self) -> set[str]:
        return {value for _, value in self.trailer_values(UNDO_TRAILER)}

    def undo(self, write_id: str, when: datetime) -> str | None:
        """Take back a journaled write whose database side never committed: its tags are
        deleted, and one commit (trailer `Undoes: <id>`) restores each file it changed to what
        it was before. A text file a later write changed again loses only this write's lines
        (a three-way merge, as `git revert` does); one where that conflicts, or a picture, is
        kept and logged. The commit is made even when nothing is left to restore, so that the
        history says the write was taken back. None when the write is not in the history."""
        for tag in self._tags_of(write_id):
            self._git("update-ref", "-d", f"refs/tags/{tag}")
            log.warning("write %s: tag %s deleted", write_id, tag)
        shas = [sha for sha, value in self.trailer_values(WRITE_TRAILER) if value == write_id]
        if not shas:
            return None
        paths = sorted({path for sha in shas for path in self._changed_by(sha)})
        newest, oldest = shas[0], shas[-1]
        written = self.read_blobs(paths, newest)
        before = self.read_blobs(paths, f"{oldest}^") if self._has_parent(oldest) else {}

        def restore(parent: Parent) -> Contents:
            now = self.read_blobs(paths, parent.sha) if parent.sha else {}
            restored: dict[str, str | bytes | None] = {}
            for path in paths:
                if now.get(path) == written[path]:
                    restored[path] = before.get(path)
                elif (
                    merged := _taken_out(now.get(path), written[path], before.get(path))
                ) is not None:
                    restored[path] = merged
                else:
                    log.warning("write %s: kept %s, changed again since", write_id, path)
            return restored

        subject = self._git("log", "-1", "--format=%s", newest).decode().strip()
        message = f"{UNDO_SUBJECT}{subject}\n\n{UNDO_TRAILER}: {write_id}\n"
        unsigned = DraftRepository(self.path)  # the undo is not itself a journaled write
        return unsigned.commit(
            restore, author=Identity(*BOT), message=message, when=when, allow_empty=True
        )

    def _tags_of(self, write_id: str) -> list[str]:
        return [name for name, value in self._tag_writes() if value == write_id]

    def _tag_writes(self) -> list[tuple[str, str]]:
        """(tag, write id) of every tag made by a journaled write."""
        out = self._git(
            "for-each-ref",
            f"--format=%(refname:short)%1f%(contents:trailers:key={WRITE_TRAILER},valueonly)%1e",
            "refs/tags",
        ).decode()
        pairs = (record.strip().partition("\x1f") for record in out.split("\x1e"))
        return [(name, value.strip()) for name, _, value in pairs if value.strip()]

    def _changed_by(self, sha: str) -> list[str]:
        out = self._git("diff-tree", "-r", "--root", "--no-commit-id", "--name-only", "-z", sha)
        return [path for path in out.decode("utf-8").split("\0") if path]

    def _has_parent(self, sha: str) -> bool:
        try:
            self._git("rev-parse", "--quiet", "--verify", f"{sha}^")
        except GitError:
            return False
        return True

    def blame(self, path: str, ref: str = BRANCH) -> list[BlameLine]:
        out = self._git("blame", "--porcelain", ref, "--", path).decode("utf-8")
        authors: dict[str, str] = {}
        subjects: dict[str, str] = {}
        times: dict[str, int] = {}
        lines: list[BlameLine] = []
        sha = ""
        for line in out.splitlines():
            if line.startswith("\t"):
                lines.append(
                    BlameLine(
                        sha,
                        authors.get(sha, ""),
                        subjects.get(sha, ""),
                        line[1:],
                        times.get(sha, 0),
                    )
                )
            elif (
                len(line) > 40
                and line[40] == " "
                and all(c in "0123456789abcdef" for c in line[:40])
            ):
                sha = line[:40]
            elif line.startswith("author "):
                authors[sha] = line[7:]
            elif line.startswith("author-time "):
                times[sha] = int(line[12:])
            elif line.startswith("summary "):
                subjects[sha] = line[8:]
        return lines

    # -- the mirror ---------------------------------------------------------------------------
    def snapshot(self) -> str:
        """Every ref and its object, as git lists them."""
        return self._git("for-each-ref", "--format=%(objectname) %(refname)").decode("utf-8")

    def push_mirror(self, url: str, marker: str, *, guarded: bool = False) -> None:
        """Push every ref to `url` (removing there what is gone here), then note what was pushed
        in the file `marker`. A path that is no repository yet becomes one.

        Guarded (a deployment with a standby), the push changes the mirror only where it still
        has what this repository last pushed, or has nothing this repository lacks: a former
        holder never drops what the instance that took over wrote there (GitError instead)."""
        if "://" not in url and not (Path(url) / "HEAD").exists():
            DraftRepository(Path(url)).init()
        pushed = self.snapshot()
        if not guarded:
            self._git("push", "--mirror", "--quiet", url)
        else:
            try:
                self._push_leased(url, _refs(self._last_pushed(marker)))
            except GitError:  # the mirror moved since: fine only if it moved to what is here
                theirs = _refs(self._git("ls-remote", "--refs", url).decode())
                if not self._contains(list(theirs.values())):
                    raise GitError(
                        "the mirror has writes this repository lacks (another instance wrote there)"
                    ) from None
                self._push_leased(url, theirs)
        (self.path / marker).write_text(pushed, encoding="utf-8")

    def _push_leased(self, url: str, expected: dict[str, str]) -> None:
        """Every ref pushed, all or none, each only if the mirror holds what is expected of it
        (nothing, for a ref not expected there)."""
        here = _refs(self.snapshot())
        leases = [f"--force-with-lease={ref}:{expected.get(ref, '')}" for ref in here | expected]
        self._git("push", "--quiet", "--atomic", "--prune", *leases, url, "refs/*:refs/*")

    def _last_pushed(self, marker: str) -> str:
        try:
            return (self.path / marker).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def _contains(self, objects: list[str]) -> bool:
        """Whether every one of `objects` is here, reachable from a ref."""
        if not objects:
            return True
        try:
            return self._git("rev-list", "--count", *objects, "--not", "--all").strip() == b"0"
        except GitError:  # an object this repository does not have
            return False

    def unpushed(self, marker: str) -> bool:
        """Whether refs moved since the last push noted in `marker`."""
        return not (self.path / marker).exists() or self._last_pushed(marker) != self.snapshot()

    def clone_mirror(self, url: str, marker: str) -> None:
        """This repository made again from its mirror at `url`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cloned = subprocess.run(
            ["git", "clone", "--mirror", "--quiet", url, str(self.path)],
            capture_output=True,
            env=_BASE_ENV,
            check=False,
        )
        if cloned.returncode != 0:
            raise GitError(f"git clone: {cloned.stderr.decode(errors='replace').strip()}")
        (self.path / marker).write_text(self.snapshot(), encoding="utf-8")

    def fetch_mirror(self, url: str, marker: str) -> None:
        """Every ref made what it is at `url`, refs it lacks removed: the mirror is the truth for
        an instance taking over from another."""
        self._git("fetch", "--quiet", "--prune", "--force", url, "+refs/*:refs/*")
        (self.path / marker).write_text(self.snapshot(), encoding="utf-8")

    # -- writes -----------------------------------------------------------------------------
    def commit(
        self,
        changes: Changes,
        *,
        author: Identity,
        message: str,
        when: datetime,
        allow_empty: bool = False,
    ) -> str | None:
        """Write `changes` (path -> new text, or bytes for a picture) as one commit; None when
        nothing would change (unless `allow_empty`: then the commit records the event even
        without a change).

        The branch moves by compare-and-swap. When another writer (another process) moved it
        first, the commit is rebuilt on the new head: the tree from the new parent's, and, when
        `changes` is a function, the changes computed again from the new parent's files — so a
        change that depends on a file (a clause's text with a contribution appended) never
        overwrites the other writer's change to that file."""
        build = changes if callable(changes) else (lambda parent: changes)
        env = _identity_env(author, when)
        message = self._signed(message)
        for attempt in range(_CAS_ATTEMPTS):
            if attempt:
                time.sleep(random.uniform(0, min(_BACKOFF_CAP, 0.005 * 2**attempt)))
            parent = self.head()
            wanted = build(Parent(self, parent))
            blobs = {
                path: None if content is None else self._blob(content)
                for path, content in wanted.items()
            }
            tree = self._tree(parent, blobs)
            unchanged = parent is not None and tree == self._parent_tree(parent)
            if unchanged and not allow_empty:
                return None
            args = ["commit-tree", tree] + (["-p", parent] if parent else [])
            commit = self._git(*args, input=message.encode(), env=env).decode().strip()
            try:
                self._git("update-ref", BRANCH, commit, parent or ZERO)
            except RepositoryLocked:
                raise
            except GitError:
                continue  # another writer moved the branch: rebuild on its commit
            return commit
        raise GitError(f"could not update {BRANCH} after {_CAS_ATTEMPTS} attempts")

    def _signed(self, message: str) -> str:
        """The message with this handle's write id as a trailer (in the message's trailer
        paragraph when it has one, else in a paragraph of its own)."""
        if self.write_id is None:
            return message
        return with_trailer(message, WRITE_TRAILER, self.write_id)

    def _parent_tree(self, parent: str) -> str:
        return self._git("rev-parse", f"{parent}^{{tree}}").decode().strip()

    def tag(self, name: str, message: str, when: datetime) -> None:
        """An annotated tag on the head; its message starts with the tag's sequence number."""
        sequence = len(self.tags()) + 1
        env = _identity_env(None, when)
        text = self._signed(f"{sequence:04d} {message}\n")
        self._git("tag", "-a", name, "-F", "-", BRANCH, input=text.encode(), env=env)

    def _blob(self, content: str | bytes) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        return self._git("hash-object", "-w", "--stdin", input=data).decode().strip()

    def _tree(self, parent: str | None, blobs: Mapping[str, str | None]) -> str:
        with tempfile.TemporaryDirectory(prefix="manuscript-index-") as folder:
            env = {"GIT_INDEX_FILE": os.path.join(folder, "index")}
            if parent is not None:
                self._git("read-tree", parent, env=env)
            entries = "".join(
                f"100644 {sha}\t{path}\n" if sha else f"0 {ZERO}\t{path}\n"  # mode 0: removed
                for path, sha in blobs.items()
            )
            self._git("update-index", "--add", "--index-info", input=entries.encode(), env=env)
            return self._git("write-tree", env=env).decode().strip()


# A clean, predictable git: no user config, no pager, no prompts, stable output.
_BASE_ENV = {
    **{
        key: value
        for key, value in os.environ.items()
        # and what an SSH mirror needs: the agent, or a command with its key
        if key in {"PATH", "HOME", "LANG", "TMPDIR", "SSH_AUTH_SOCK", "GIT_SSH_COMMAND"}
    },
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C.UTF-8",
}


def _taken_out(now: bytes | None, written: bytes | None, before: bytes | None) -> str | None:
    """`now` without the change from `before` to `written` (a three-way merge of text);
    None when a side is missing or not text, or the change cannot be taken out cleanly."""
    if now is None or written is None or before is None:
        return None
    try:
        sides = [now.decode("utf-8"), written.decode("utf-8"), before.decode("utf-8")]
    except UnicodeDecodeError:
        return None
    if sides[0].startswith(sides[1]):  # the later write only added after it (appended to)
        return sides[2] + sides[0][len(sides[1]) :]
    with tempfile.TemporaryDirectory(prefix="manuscript-undo-") as folder:
        files = []
        for name, text in zip(("now", "written", "before"), sides, strict=True):
            (Path(folder) / name).write_text(text, encoding="utf-8")
            files.append(str(Path(folder) / name))
        result = subprocess.run(
            ["git", "merge-file", "-p", "--quiet", *files],
            capture_output=True,
            env=_BASE_ENV,
            check=False,
        )
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


_TRAILER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*: ")


def with_trailer(message: str, key: str, value: str) -> str:
    """`message` with the trailer `key: value` added to its last paragraph when that paragraph
    (not the subject) is already made of trailers, else as a paragraph of its own."""
    body = message.rstrip("\n")
    paragraphs = body.split("\n\n")
    last = paragraphs[-1].split("\n")
    if len(paragraphs) > 1 and all(_TRAILER_LINE.match(line) for line in last):
        return f"{body}\n{key}: {value}\n"
    return f"{body}\n\n{key}: {value}\n"


def _identity_env(author: Identity | None, when: datetime) -> dict[str, str]:
    stamp = f"@{int(when.timestamp())} +0000"
    env = {
        "GIT_COMMITTER_NAME": BOT[0],
        "GIT_COMMITTER_EMAIL": BOT[1],
        "GIT_COMMITTER_DATE": stamp,
    }
    if author is not None:
        env |= {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_AUTHOR_DATE": stamp,
        }
    return env


def _refs(listing: str) -> dict[str, str]:
    """Ref -> object, from lines of `<object> <ref>` (for-each-ref) or `<object>\t<ref>`
    (ls-remote)."""
    pairs = (line.split(None, 1) for line in listing.splitlines() if line.strip())
    return {ref: sha for sha, ref in pairs}
