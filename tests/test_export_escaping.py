"""Hostile text — in a clause, in the project's title — stays text in every format, read back by
third-party readers: a CommonMark parser for the Markdown, python-docx for the Word file; and a
1,000-clause draft exports every clause."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import docx
from markdown_it import MarkdownIt

from drafts.export.formats import export
from drafts.meta import META_PATH, Clause, Meta, clause_path
from drafts.repository import DraftRepository
from tests.standard_draft import BOT, LI, WHEN, write_standard

TITLE = "</title><script>alert(1)</script>钢制闸阀"
LINES = [
    "见[说明][r]与[x]。",
    "[r]: javascript:alert(1)",
    "# 不是标题",
    "这一行之下的等号不得成为标题",
    "===",
    "<b>粗</b> *斜* `码` \\转义",
]


def _hostile(path: Path) -> DraftRepository:
    repo = write_standard(path)
    meta = Meta.from_json(repo.read(META_PATH) or "")
    repo.commit(
        {META_PATH: replace(meta, title=TITLE).to_json()}, author=BOT, message="t\n", when=WHEN
    )
    text = "\n".join(LINES) + "\n"
    repo.commit({clause_path("c0007"): text}, author=LI, message="h\n", when=WHEN)
    return repo


def test_hostile_text_is_text_in_html_markdown_and_docx(tmp_path: Path) -> None:
    repo = _hostile(tmp_path / "repo.git")
    [(_, page)] = export(repo, "refs/heads/main", "html")
    html = page.decode()
    assert (
        "<title>T/CVA 012—2027 &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;钢制闸阀" in html
    )
    assert "<script" not in html.lower() and 'javascript:alert(1)"' not in html
    assert "\\" not in html.replace("\\转义", "")  # no stray backslash of ours
    [(_, source)] = export(repo, "refs/heads/main", "md")
    tokens = MarkdownIt("commonmark").parse(source.decode())
    links = [
        t for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "link_open"
    ]
    assert links == []  # the reference-style link is not a link
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "不是标题" not in headings and "这一行之下的等号不得成为标题" not in headings
    rendered = MarkdownIt("commonmark").render(source.decode())
    assert "<script" not in rendered and "<b>" not in rendered and "<em>" not in rendered
    shown = "".join(t.content for t in tokens if t.type == "inline")
    for line in LINES[:4]:
        assert line.replace("\\", "") in shown.replace("\\", "")
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    for line in LINES:
        assert line in paragraphs  # literally as typed
    assert "</title><script>alert(1)</script>钢制闸阀" in paragraphs  # the cover's title, as text


def test_a_thousand_clause_export_holds_every_clause(tmp_path: Path) -> None:
    repo = write_standard(tmp_path / "repo.git")
    meta = Meta.from_json(repo.read(META_PATH) or "")
    clauses = tuple(Clause(f"c{i + 100:04d}", f"6.{i}", f"条款{i}") for i in range(1, 1001))
    chapter = Clause("c0099", "6", "大量条款")
    big = replace(meta, clauses=(*meta.clauses[:7], chapter, *clauses, *meta.clauses[7:]))
    files = {META_PATH: big.to_json()} | {
        clause_path(c.id): f"第{c.number}条的要求。\n" for c in clauses
    }
    repo.commit(files, author=LI, message="big\n", when=WHEN)
    [(_, data)] = export(repo, "refs/heads/main", "docx")
    paragraphs = {p.text for p in docx.Document(io.BytesIO(data)).paragraphs}
    assert all(
        f"6.{i}\u3000条款{i}" in paragraphs and f"第6.{i}条的要求。" in paragraphs
        for i in range(1, 1001)
    )
    [(_, page)] = export(repo, "refs/heads/main", "html")
    html = page.decode()
    assert sum(f">6.{i}\u3000条款{i}</h3>" in html for i in range(1, 1001)) == 1000
