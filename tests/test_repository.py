"""The bare repository: commits with the right author, CAS under concurrent writers, reads."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from drafts.repository import BOT, DraftRepository, Identity

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def _repo(tmp_path: Path) -> DraftRepository:
    repo = DraftRepository(tmp_path / "p.git")
    repo.init()
    return repo


def _show(repo: DraftRepository, sha: str, fmt: str) -> str:
    return repo._git("show", "-s", f"--format={fmt}", sha).decode().strip()


def test_commit_records_author_committer_message_and_date(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    author = Identity.clean("Li Wei (Chaoda <Valve>)\n", "tg-3@users.manuscript")
    sha = repo.commit(
        {"clauses/c0001.md": "text\n"}, author=author, message="#1 4.1: add\n", when=NOW
    )
    assert sha is not None and repo.head() == sha
    assert _show(repo, sha, "%an|%ae|%cn|%ce|%s|%at") == (
        f"Li Wei (Chaoda Valve )|tg-3@users.manuscript|{BOT[0]}|{BOT[1]}|#1 4.1: add|{int(NOW.timestamp())}"
    )
    assert repo.read("clauses/c0001.md") == "text\n"
    assert repo.read("clauses/none.md") is None


def test_read_many_reads_each_path_at_its_ref_in_one_call(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    me = Identity("A", "a@x")
    texts = {"clauses/a.md": "第一\n条文\n", "clauses/empty.md": "", "clauses/b.md": "x" * 70_000}
    first = repo.commit(texts, author=me, message="one\n", when=NOW)
    repo.commit({"clauses/a.md": "changed\n"}, author=me, message="two\n", when=NOW)
    paths = ["clauses/b.md", "clauses/none.md", "clauses", "clauses/a.md", "clauses/empty.md"]
    assert repo.read_many(paths) == {
        "clauses/b.md": "x" * 70_000,
        "clauses/none.md": None,
        "clauses": None,  # a folder, not a file
        "clauses/a.md": "changed\n",
        "clauses/empty.md": "",
    }
    assert first is not None and repo.read_many(["clauses/a.md"], first) == {
        "clauses/a.md": "第一\n条文\n"
    }
    assert repo.read_many([]) == {}


def test_unchanged_tree_makes_no_commit_unless_asked(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    me = Identity("A", "a@x")
    first = repo.commit({"f.md": "x\n"}, author=me, message="one", when=NOW)
    assert repo.commit({"f.md": "x\n"}, author=me, message="two", when=NOW) is None
    forced = repo.commit({"f.md": "x\n"}, author=me, message="three", when=NOW, allow_empty=True)
    assert forced not in (None, first) and repo.head() == forced


def test_sixteen_concurrent_writers_lose_nothing_and_mix_nothing(tmp_path: Path) -> None:
    repo = _repo(tmp_path)

    def write(i: int) -> str | None:
        # A separate object per thread, as separate processes would have.
        writer = DraftRepository(repo.path)
        author = Identity(f"writer {i}", f"w{i}@x")
        return writer.commit(
            {f"clauses/c{i:04d}.md": f"text {i}\n"}, author=author, message=f"#{i}\n", when=NOW
        )

    with ThreadPoolExecutor(max_workers=16) as pool:
        shas = list(pool.map(write, range(32)))
    assert len(set(shas)) == 32 and None not in shas
    for i, sha in enumerate(shas):
        assert sha is not None
        files = (
            repo._git("diff-tree", "--no-commit-id", "--name-only", "-r", "--root", sha)
            .decode()
            .split()
        )
        assert files == [f"clauses/c{i:04d}.md"], f"commit {i} carries {files}"
        assert _show(repo, sha, "%an") == f"writer {i}"
    assert len(repo.log(limit=100)) == 32
    assert len(repo.sizes("clauses/")) == 32


def test_tags_trailers_blame_and_changed(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    a, b = Identity("甲", "a@x"), Identity("乙", "b@x")
    repo.commit({"c.md": "第一段\n"}, author=a, message="#1 1: add\n\nContribution: 1\n", when=NOW)
    repo.tag("working", "entered", NOW)
    repo.commit(
        {"c.md": "第一段\n\n第二段\n", "d.md": "x\n"},
        author=b,
        message="#2 1: add\n\nContribution: 2\n",
        when=NOW,
    )
    assert repo.tags() == ["working"]
    assert sorted(value for _, value in repo.trailer_values("Contribution")) == ["1", "2"]
    assert [(line.author, line.text) for line in repo.blame("c.md")] == [
        ("甲", "第一段"),
        ("乙", ""),
        ("乙", "第二段"),
    ]
    assert sorted(repo.changed("working", ".")) == ["c.md", "d.md"]
    assert repo.read("c.md", "working") == "第一段\n"


# One writer process: appends `lines` lines to the same clause, each a commit whose change is
# computed from the parent it lands on.
_APPENDER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from drafts.repository import DraftRepository, Identity
repo, name, lines = DraftRepository(Path(sys.argv[1])), sys.argv[2], int(sys.argv[3])
for n in range(lines):
    line = f"{name}-{n}"
    repo.commit(
        lambda read: {"clauses/c0001.md": (read("clauses/c0001.md") or "") + line + "\\n"},
        author=Identity(name, f"{name}@x"), message=line + "\\n", when=datetime.now(UTC),
    )
"""


def test_two_processes_changing_one_clause_keep_both_changes(tmp_path: Path) -> None:
    """Each write's text is rebuilt on the head it lands on: when the other process moved the
    branch first, its lines are in the parent the write reads again, so none is overwritten."""
    repo = _repo(tmp_path)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    writers = [
        subprocess.Popen([sys.executable, "-c", _APPENDER, str(repo.path), name, "25"], env=env)
        for name in ("a", "b")
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    lines = (repo.read("clauses/c0001.md") or "").splitlines()
    assert sorted(lines) == sorted(f"{name}-{n}" for name in "ab" for n in range(25))
    assert len(repo.log(limit=100)) == 50


def test_a_write_id_is_a_trailer_of_every_commit_and_tag_it_makes(tmp_path: Path) -> None:
    _repo(tmp_path)
    signed = DraftRepository(tmp_path / "p.git", "w1")
    author = Identity("Li", "tg-3@users.manuscript")
    one = signed.commit({"a.md": "a\n"}, author=author, message="Cover: title\n", when=NOW)
    two = signed.commit(
        {"b.md": "b\n"}, author=author, message="#1 4.1: add\n\nContribution: 1\n", when=NOW
    )
    signed.tag("working", "working: entered", NOW)
    assert one and two
    # A subject that looks like a trailer stays the subject; a trailer paragraph is extended.
    assert _show(signed, one, "%B") == "Cover: title\n\nWrite: w1"
    assert _show(signed, two, "%B") == "#1 4.1: add\n\nContribution: 1\nWrite: w1"
    assert signed.trailer_values("Contribution") == [(two, "1")]
    tag_text = signed._git("cat-file", "-p", "refs/tags/working").decode()
    assert tag_text.endswith("0001 working: entered\n\nWrite: w1\n")
    assert signed.tags() == ["working"]  # still ordered by the sequence its message starts with
    DraftRepository(signed.path, "w2").tag("review", "review: entered", NOW)
    assert signed.write_ids() == ["w1", "w2"]  # commits newest first, then tags alone


def test_undo_restores_what_a_write_changed_and_keeps_what_changed_since(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    author = Identity("Li", "tg-3@users.manuscript")
    repo.commit({"keep.md": "1\n", "edit.md": "old\n", "pic.png": b"\x89PNG-old"}, author=author, message="base\n", when=NOW)  # fmt: skip
    before = repo._git("rev-parse", "HEAD^{tree}").decode()
    orphan = DraftRepository(repo.path, "w9")
    orphan.commit({"edit.md": "new\n", "added.md": "x\n", "pic.png": b"\x89PNG-new"}, author=author, message="C1 4.1: comment\n", when=NOW)  # fmt: skip
    orphan.tag("consultation", "consultation: entered", NOW)
    sha = repo.undo("w9", NOW)
    assert sha is not None and repo._git("rev-parse", "HEAD^{tree}").decode() == before
    assert (
        repo.read("added.md") is None and repo.read_blobs(["pic.png"])["pic.png"] == b"\x89PNG-old"
    )
    assert repo.tags() == [] and repo.undone_ids() == {"w9"}
    assert _show(repo, sha, "%s|%an") == f"Undo: C1 4.1: comment|{BOT[0]}"
    # A file another write changed after the orphan loses only the orphan's lines (added after
    # them, or apart from them); where they cannot be taken out cleanly, the file is kept.
    orphan = DraftRepository(repo.path, "w10")
    orphan.commit({"edit.md": "old\n\norphan's\n", "keep.md": "2\n", "far.md": "a\nb\nc\nd\n"}, author=author, message="x\n", when=NOW)  # fmt: skip
    repo.commit({"edit.md": "old\n\norphan's\n\nlanded\n", "keep.md": "3\n", "far.md": "A\nb\nc\nd\n"}, author=author, message="y\n", when=NOW)  # fmt: skip
    assert repo.undo("w10", NOW) is not None
    assert repo.read("edit.md") == "old\n\nlanded\n"  # the later write's paragraph stays
    assert repo.read("far.md") == "A\nb\nc\nd\n"  # made by the orphan, changed since: kept
    assert repo.read("keep.md") == "3\n"  # the same line changed again: kept
    merged = DraftRepository(repo.path, "w11")
    repo.commit({"far.md": "a\nb\nc\nd\ne\n"}, author=author, message="z\n", when=NOW)
    merged.commit({"far.md": "a\nb\nc\nd\ne\nORPHAN\n"}, author=author, message="o\n", when=NOW)  # fmt: skip
    repo.commit({"far.md": "LANDED\nb\nc\nd\ne\nORPHAN\n"}, author=author, message="l\n", when=NOW)  # fmt: skip
    assert repo.undo("w11", NOW) is not None
    assert repo.read("far.md") == "LANDED\nb\nc\nd\ne\n"  # a three-way merge takes it out
    assert repo.undo("unknown", NOW) is None


def test_an_undo_with_nothing_left_to_restore_still_says_so(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    author = Identity("Li", "tg-3@users.manuscript")
    repo.commit({"a.md": "a\n"}, author=author, message="base\n", when=NOW)
    record = DraftRepository(repo.path, "w1")
    record.commit({"a.md": "a\n"}, author=author, message="event\n", when=NOW, allow_empty=True)
    head = repo.head()
    sha = repo.undo("w1", NOW)
    assert sha is not None and sha != head and repo.undone_ids() == {"w1"}


def test_a_write_taken_back_leaves_no_author_and_no_version_behind(tmp_path: Path) -> None:
    """The exports name a clause's writers and a declaration's earlier versions from the
    history: an undone write and its undoing are not among them."""
    repo = _repo(tmp_path)
    li, zhang = Identity("李伟 (朝达)", "tg-3@users.manuscript"), Identity("张敏 (华理)", "tg-4@users.manuscript")  # fmt: skip
    repo.commit({"patents/u0001.json": "free\n"}, author=li, message="a\n", when=NOW)
    DraftRepository(repo.path, "w1").commit(
        {"patents/u0001.json": "none\n", "clauses/c0001.md": "x\n"}, author=zhang, message="b\n", when=NOW
    )  # fmt: skip
    assert [name for name, _ in repo.authorship(["clauses", "patents"])] == ["李伟 (朝达)", "张敏 (华理)"]  # fmt: skip
    repo.undo("w1", NOW)
    assert repo.authorship(["clauses", "patents"]) == [("李伟 (朝达)", ["patents/u0001.json"])]
    assert repo.versions(["patents/u0001.json"]) == {"patents/u0001.json": ["free\n"]}
    repo.commit({"patents/u0001.json": "fair\n"}, author=li, message="c\n", when=NOW)
    assert repo.versions(["patents/u0001.json"]) == {"patents/u0001.json": ["fair\n", "free\n"]}
