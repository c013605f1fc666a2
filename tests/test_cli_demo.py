"""`manuscript-bot demo`: the whole scripted conversation, offline, leaving its data behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main


def test_demo_prints_the_conversation_and_leaves_its_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    transcript = capsys.readouterr().out
    assert "王秘书: /unit add 朝达阀门有限公司 | 朝达阀门 | 企业" in transcript
    assert "🤖 无权执行：此操作需要以下角色之一：秘书处。" in transcript
    assert "🤖 用法：/unit add" in transcript
    assert "Stage: proposal" in transcript  # the forum topic switched to English
    assert "抱歉" not in transcript  # no handler failed
    with sqlite3.connect(out / "manuscript.sqlite3") as db:
        assert db.execute("select count(*) from units").fetchone() == (3,)
        assert db.execute("select count(*) from projects").fetchone() == (2,)
        assert db.execute("select count(*) from persons where unit_id is not null").fetchone() == (
            3,
        )
    # A second run replaces its own earlier folder.
    assert main(["demo", "--out", str(out)]) == 0


def test_demo_leaves_a_foreign_folder_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["demo", "--out", str(tmp_path)]) == 2
    assert "not an earlier demo's folder" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
