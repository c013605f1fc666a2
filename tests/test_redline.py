"""The redline (修订稿): accepting every tracked change gives exactly the later export's text,
rejecting every one the earlier export's, for a written scenario and for many random edit
histories; each change is authored by whoever last changed its clause."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import docx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafts.export.model import load
from drafts.export.redline import redline_docx
from drafts.export.word import draft_docx
from drafts.meta import META_PATH, Clause, clause_path
from drafts.repository import DraftRepository
from tests.actors import CHAIR, GROUP, SEC
from tests.actors import LI as LI_USER
from tests.actors import ZHANG as ZHANG_USER
from tests.conftest import Bot
from tests.redlines import body, changes, decided, paragraphs
from tests.standard_draft import LI, META, WHEN, ZHANG, write_standard


def _texts(repo: DraftRepository, ref: str) -> list[str]:
    return paragraphs(body(draft_docx(load(repo, ref))))


def _check(repo: DraftRepository, base: str, ref: str) -> bytes:
    redline = redline_docx(repo, base, ref)
    marked = body(redline)
    assert paragraphs(decided(marked, accept=True)) == _texts(repo, ref)
    assert paragraphs(decided(marked, accept=False)) == _texts(repo, base)
    return redline


def test_a_revised_draft_redlined(tmp_path: Path) -> None:
    repo = write_standard(tmp_path / "repo.git")
    later = WHEN + timedelta(days=3)
    repo.commit(
        {clause_path("c0002"): "本文件规定了石油天然气工业用钢制闸阀的要求、试验方法和检验规则。\n"},
        author=ZHANG, message="#20 1 范围: replace\n", when=later,
    )  # fmt: skip
    repo.commit({clause_path("c0009"): None}, author=LI, message="#21 A.1: remove\n", when=later)
    meta = replace(
        META,
        stage="review",
        clauses=(*META.clauses, Clause("c0011", "4.2", "结构")),
        next_clause=12,
    )
    repo.commit({META_PATH: meta.to_json()}, author=LI, message="Framework\n", when=later)
    repo.commit(
        {clause_path("c0011"): "阀门结构长度应符合 GB/T 12221 的规定。\n"},
        author=LI, message="#22 4.2 结构: add\n", when=later,
    )  # fmt: skip
    repo.tag("review", "stage review", later)
    redline = _check(repo, "consultation", "review")
    made = changes(body(redline))
    assert any(
        kind == "ins" and author == "张敏（华理）" and "检验规则" in text
        for kind, author, text in made
    )
    assert any(kind == "del" and "压力源" in text for kind, _, text in made)
    assert any(
        kind == "ins" and author == "李伟（朝达阀门）" and "GB/T 12221" in text
        for kind, author, text in made
    )


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["c0002", "c0006", "c0007", "c0009", "c0010"]),
        st.one_of(
            st.none(),
            st.text(alphabet="阀体材料应符合规定。ABC123 \t", min_size=1, max_size=40),
        ),
        st.sampled_from([LI, ZHANG]),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_random_histories_accept_and_reject_to_the_exports(tmp_path: Path, edits: list) -> None:
    folder = tmp_path / f"repo-{abs(hash(str(edits)))}.git"
    repo = write_standard(folder)
    for n, (clause_id, text, author) in enumerate(edits):
        repo.commit(
            {clause_path(clause_id): None if text is None or not text.strip() else text.strip() + "\n"},
            author=author, message=f"#{n + 30} edit\n", when=WHEN + timedelta(hours=n + 1),
        )  # fmt: skip
    repo.tag("after", "after", WHEN + timedelta(days=1))
    _check(repo, "consultation", "after")


async def test_a_redline_from_the_chat(drafting_bot: Bot) -> None:
    """`/export redline`: the review draft against the consultation draft by default, or any
    two stages; each change authored by the person and unit who made it; bad refs refused."""
    bot = drafting_bot
    await bot.say(ZHANG_USER, GROUP, "/contribute 4.1 阀体材料应符合 GB/T 12229。")
    await bot.say(LI_USER, GROUP, "/accept #1")
    await bot.say(CHAIR, GROUP, "/advance | until 14d")
    [none_yet] = await bot.say(SEC, GROUP, "/export redline consultation")
    assert none_yet == "consultation 与 最新文本 之间没有修改：不生成修订稿。"
    await bot.say(
        ZHANG_USER, GROUP, "/comment 4.1 应包括阀盖\n=> 阀体、阀盖材料应符合 GB/T 12229。"
    )
    await bot.say(LI_USER, GROUP, "/resolve C1 accept")
    await bot.say(ZHANG_USER, GROUP, "/replace 4.1 阀体、阀盖材料应符合 GB/T 12229。")
    await bot.say(LI_USER, GROUP, "/accept #2")
    await bot.say(CHAIR, GROUP, "/advance")  # review
    for text, expected in (
        (
            "/export redline nowhere",
            "没有名为「nowhere」的标签或阶段。已有标签：working、consultation、review",
        ),
        ("/export redline review consultation", "review 在 consultation 之后"),
        ("/export redline review review", "review 与 review 之间没有修改"),
        ("/export redline a b c", "用法：/export"),
        ("/export docx review", "用法：/export"),
    ):
        [answer] = await bot.say(SEC, GROUP, text)
        assert answer.startswith(expected), (text, answer)
    calls = await bot.calls(SEC, GROUP, "/export redline")
    files = {
        name: content
        for c in calls
        if c.method == "sendDocument"
        for name, content in c.files.items()
    }
    assert set(files) == {
        "T_CVA_012_2027-送审稿-修订稿-自consultation.docx",
        "T_CVA_012_2027-送审稿-条文修改对照表-自consultation.docx",
    }
    redline = docx.Document(io.BytesIO(files["T_CVA_012_2027-送审稿-修订稿-自consultation.docx"]))
    marks = [
        (
            element.tag.rsplit("}", 1)[1],
            element.get(qn("w:author")),
            "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText"))),
        )
        for element in redline.element.body.iter(qn("w:ins"), qn("w:del"))
    ]
    assert ("ins", "张敏（华理）", "、阀盖") in marks
    assert "（送审稿修订稿）" in [p.text for p in redline.paragraphs]
    table = docx.Document(
        io.BytesIO(files["T_CVA_012_2027-送审稿-条文修改对照表-自consultation.docx"])
    )
    rows = [[cell.text for cell in row.cells] for row in table.tables[0].rows]
    assert rows[0] == ["序号", "章条编号", "修改前", "修改后", "修改依据"]
    assert rows[1] == [
        "1",
        "4.1",
        "4.1 材料\n阀体材料应符合 GB/T 12229。",
        "4.1 材料\n阀体、阀盖材料应符合 GB/T 12229。",
        "#2（华理）；意见 C1（华东理工大学，采纳）",
    ]
