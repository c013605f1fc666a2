"""The repositories mirrored to the alliance's git server: a real `git daemon` on 127.0.0.1 taking
pushes, every write pushed in the background, a write made while the server is down pushed once it
is back (after a restart too), the operators told once, /project showing how far it is behind, and
a host with an empty data directory restored from the mirror before it serves."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from drafts.faults import GitError, RepositoryUnwritable
from drafts.mirror import PUSHED, Mirror, without_secrets
from drafts.repository import DraftRepository, Identity
from drafts.store import DraftStore
from storage.models import Project
from tests.actors import CHAIR, GROUP, LI, ZHANG
from tests.conftest import Bot, Clock, drafting, make_settings, started, with_project
from tests.test_webhook import free_port
from tests.updates import until

pytestmark = pytest.mark.scenario
ADMIN = -100999  # the operators' chat


class GitServer:
    """`git daemon` serving bare repositories under `root` at git://127.0.0.1:<port>/, pushes
    allowed; it can be stopped and started again on the same port."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.url = f"git://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", f"--base-path={self.root}", "--export-all",
             "--enable=receive-pack", "--listen=127.0.0.1", f"--port={self.port}", str(self.root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):  # until it answers
            probe = subprocess.run(
                ["git", "ls-remote", f"{self.url}/none.git"], capture_output=True, check=False
            )
            if b"not found" in probe.stderr or b"does not appear" in probe.stderr:
                return
            subprocess.run(["sleep", "0.05"], check=True)

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)

    def create(self, key: str) -> DraftRepository:
        """The server's side of a project's repository (a server takes pushes only to those)."""
        repo = DraftRepository(self.root / f"{key}.git")
        repo.init()
        return repo


@pytest.fixture
def git_server(tmp_path: Path) -> Iterator[GitServer]:
    server = GitServer(tmp_path / "server")
    server.start()
    yield server
    if server.process is not None and server.process.poll() is None:
        server.stop()


def mirrored(tmp_path: Path, db_url: str, base: str, **changed: object) -> Settings:
    settings = make_settings(tmp_path, db_url)
    return dataclasses.replace(settings, git_mirror=base, admin_chat=ADMIN, **changed)


async def key_of(bot: Bot) -> str:
    [(key,)] = await bot.rows(select(Project.repository))
    return str(key)


def refs(repo: DraftRepository) -> str:
    return "\n".join(line for line in repo.snapshot().splitlines() if "refs/mirror" not in line)


@asynccontextmanager
async def project_on(settings: Settings, clock: Clock) -> AsyncIterator[Bot]:
    async with started(settings, clock) as bot:
        yield await drafting(await with_project(bot))


async def test_every_write_reaches_a_path_mirror_and_the_card_says_so(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    base = tmp_path / "mirror"
    async with project_on(mirrored(tmp_path, db_url, str(base)), clock) as bot:
        await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
        await bot.say(LI, GROUP, "/accept #1")
        key = await key_of(bot)
        local = await bot.repository()
        remote = DraftRepository(base / f"{key}.git")
        mirror = bot.runtime.drafts.mirror
        assert mirror is not None
        await until(lambda: mirror.lag(key) is None, seconds=20)
        assert refs(remote) == refs(local)
        [card] = await bot.say(CHAIR, GROUP, "/project")
        assert "版本库镜像：已同步" in card
        [member_card] = await bot.say(ZHANG, GROUP, "/project")
        assert "镜像" not in member_card  # for the chairs and the secretariat


async def test_a_write_while_the_server_is_down_is_pushed_when_it_is_back_and_operators_told(
    tmp_path: Path, db_url: str, clock: Clock, git_server: GitServer
) -> None:
    settings = mirrored(tmp_path, db_url, git_server.url, mirror_alert=timedelta(0))
    async with started(settings, clock) as bot:
        await with_project(bot)
        key = await key_of(bot)
        remote = git_server.create(key)
        await drafting(bot)
        local = await bot.repository()
        mirror = bot.runtime.drafts.mirror
        assert mirror is not None
        await until(lambda: mirror.lag(key) is None, seconds=20)
        assert refs(remote) == refs(local)
        await bot.sim.settle()
        # (Its first push, before the server had the repository, was told and its end too.)
        earlier = sum(c.params.get("chat_id") == ADMIN for c in bot.transport.calls)
        git_server.stop()
        await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
        await bot.say(LI, GROUP, "/accept #1")  # answered at once: the push waits for nobody
        await until(lambda: (lag := mirror.lag(key)) is not None and bool(lag.error), seconds=20)
        [card] = await bot.say(CHAIR, GROUP, "/project")
        assert "推送失败" in card and "127.0.0.1" in card
        await bot.sim.settle()
        told = [c.text for c in bot.transport.calls if c.params.get("chat_id") == ADMIN][earlier:]
        assert len(told) == 1 and "T/CVA 012—2027" in told[0] and "推送到镜像失败" in told[0]
        git_server.start()
        await until(lambda: mirror.lag(key) is None, seconds=20)
        assert refs(remote) == refs(local)
        await bot.sim.settle()
        told = [c.text for c in bot.transport.calls if c.params.get("chat_id") == ADMIN][earlier:]
        assert len(told) == 2 and "已重新推送到镜像" in told[1]  # told once each way


async def test_what_was_not_pushed_before_a_restart_is_pushed_after_it(
    tmp_path: Path, db_url: str, clock: Clock, git_server: GitServer
) -> None:
    plain = make_settings(tmp_path, db_url)
    async with started(plain, clock) as bot:  # no mirror yet: writes nobody pushed
        await drafting(await with_project(bot))
        await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
        key = await key_of(bot)
    remote = git_server.create(key)
    async with started(mirrored(tmp_path, db_url, git_server.url), clock) as bot:
        local = await bot.repository()
        mirror = bot.runtime.drafts.mirror
        assert mirror is not None and mirror.lag(key) is not None  # found behind at the start
        await until(lambda: mirror.lag(key) is None, seconds=20)
        assert refs(remote) == refs(local)
        assert (local.path / PUSHED).exists()
        assert not local.unpushed(PUSHED)


async def test_a_host_with_an_empty_data_directory_is_restored_from_the_mirror(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    base = tmp_path / "mirror"
    settings = mirrored(tmp_path, db_url, str(base))
    async with project_on(settings, clock) as bot:
        await bot.say(ZHANG, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
        await bot.say(LI, GROUP, "/accept #1")
        local = await bot.repository()
        before = refs(local)
        remote = DraftRepository(base / f"{await key_of(bot)}.git")
        await until(lambda: remote.exists() and refs(remote) == before)
    shutil.rmtree(settings.data_dir / "repositories")  # the host's disk is gone; the database stays
    async with started(settings, clock) as bot:
        restored = await bot.repository()
        assert refs(restored) == before
        [section] = await bot.say(ZHANG, GROUP, "/section 4.1")
        assert "GB/T 12229" in section  # and it serves from it
        await bot.say(ZHANG, GROUP, "/contribute 4.2 结构长度应符合 GB/T 12221。")
        await until(lambda: refs(remote) == refs(restored))


def test_addresses_lose_their_credentials_in_what_is_told() -> None:
    said = "fatal: unable to access 'https://alice:s3cret@git.example.org/x.git/': 403"
    assert without_secrets(said) == "fatal: unable to access 'https://git.example.org/x.git/': 403"
    assert without_secrets("ssh://git@host:22/x.git") == "ssh://host:22/x.git"
    assert without_secrets("/srv/mirror/x.git") == "/srv/mirror/x.git"


@pytest.mark.parametrize("remote", ["a path", "git daemon"])
def test_a_guarded_push_never_drops_what_another_instance_wrote_to_the_mirror(
    tmp_path: Path, remote: str, request: pytest.FixtureRequest
) -> None:
    """With a standby, pushes are guarded: a former holder's push is refused once the instance
    that took over has written to the mirror; a push whose note of the last push was lost (a
    crash between the two) still goes, since the mirror has nothing the repository lacks. So on
    a path and over the git protocol to a real server."""
    if remote == "git daemon":
        server: GitServer = request.getfixturevalue("git_server")
        on_server = server.create("mirror")
        mirror = f"{server.url}/mirror.git"
    else:
        mirror = str(tmp_path / "mirror.git")
        on_server = DraftRepository(Path(mirror))
    first = DraftRepository(tmp_path / "first.git")
    first.init()
    write(first, "1", "第一稿")
    first.push_mirror(mirror, PUSHED, guarded=True)
    second = DraftRepository(tmp_path / "second.git")
    second.clone_mirror(mirror, PUSHED)  # the standby takes over
    write(second, "1", "接管后的写入")
    second.push_mirror(mirror, PUSHED, guarded=True)
    write(first, "2", "旧实例迟到的写入")
    with pytest.raises(GitError, match="another instance wrote there"):
        first.push_mirror(mirror, PUSHED, guarded=True)
    assert on_server.snapshot() == second.snapshot()
    write(second, "3", "再写一条")
    (second.path / PUSHED).unlink()  # pushed, then killed before the note was written
    second.push_mirror(mirror, PUSHED, guarded=True)
    assert on_server.snapshot() == second.snapshot()
    assert not second.unpushed(PUSHED)


def write(repo: DraftRepository, name: str, text: str) -> None:
    repo.commit(
        {f"clauses/{name}.md": text},
        author=Identity("李伟", "li@example.org"),
        message=f"{name}\n",
        when=datetime.now(UTC),
    )


async def test_with_a_standby_a_write_is_on_the_mirror_before_it_is_acknowledged(
    tmp_path: Path,
) -> None:
    """In a deployment with a standby, a journaled write returns (and its update is answered)
    only once the mirror has it; without one, the push is the background's. Once this instance
    has lost the deployment's lock, it writes and pushes nothing."""
    for standby in (True, False):
        store = DraftStore(tmp_path / f"data-{standby}")
        mirror = Mirror(
            str(tmp_path / f"mirror-{standby}"), store.root, Clock(), timedelta(hours=1), _quiet
        )
        mirror.standby, mirror.fenced, store.mirror = standby, store.fenced, mirror
        store.listeners.append(mirror.written)
        store.repository("k").init()
        await store.write("k", lambda repo: write(repo, "1", "第一稿"), "w1")
        pushed = tmp_path / f"mirror-{standby}" / "k.git"
        if standby:
            assert DraftRepository(pushed).snapshot() == store.repository("k").snapshot()
            assert mirror.lag("k") is None  # nothing left for the background
        else:
            assert not pushed.exists() and mirror.lag("k") is not None
    store.fenced.set()
    with pytest.raises(RepositoryUnwritable, match="no longer holds the deployment's lock"):
        await store.write("k", lambda repo: write(repo, "2", "迟到的写入"), "w2")
    with pytest.raises(GitError):
        mirror.push_now("k")


async def _quiet(key: str, error: str, since: datetime | None) -> None:
    return None
