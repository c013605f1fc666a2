"""The records of the package: the comment table's rows, and the ballots, the patent register
and the explanatory note as Markdown."""

from __future__ import annotations

from drafts.export.markdown_source import md_text as L
from drafts.export.model import Draft
from drafts.export.text import CHOICES, DISPOSITIONS, MODE_NAMES


def comment_rows(draft: Draft) -> list[list[str]]:
    """The comment resolution table (征求意见汇总处理表)."""
    rows = []
    for index, record in enumerate(draft.comments, start=1):
        note = str(record.get("note") or "")
        disposition = DISPOSITIONS.get(record.get("disposition"), str(record.get("disposition")))
        rows.append(
            [
                str(index),
                str(record.get("clause", "")),
                str(record.get("original") or ""),
                str(record.get("proposed") or ""),
                str(record.get("reason", "")),
                str(record.get("unit", "")),
                f"{disposition} {note}".strip(),
            ]
        )
    return rows


COMMENT_HEADER = ["序号", "章节号", "原文", "修改建议", "理由", "提出单位", "处理意见"]


def ballot_record(draft: Draft) -> str:
    out = [f"# {L(draft.meta.code)} 投票记录"]
    for record in draft.ballots:
        totals = record.get("totals", {})
        out.append(
            f"## {L(str(record['ballot']))} {L(str(record.get('question') or record.get('kind')))}\n\n"
            f"规则：{L(str(record['rule']))}；结果：{L(str(record.get('outcome')))}；"
            f"同意 {totals.get('yes')}，不同意 {totals.get('no')}，弃权 {totals.get('abstain')}，"
            f"参与 {totals.get('cast')}/{totals.get('eligible')}"
        )
        for vote in record.get("votes", []):
            comment = f"（{L(str(vote['comment']))}）" if vote.get("comment") else ""
            out.append(
                f"- {L(str(vote['unit']))}：{CHOICES.get(vote['choice'], L(str(vote['choice'])))}{comment}，{L(str(vote['cast_by']))}"
            )
    return "\n\n".join(out) + "\n"


def patent_register(draft: Draft) -> str:
    out = [f"# {L(draft.meta.code)} 专利许可承诺登记"]
    for record in draft.patents:
        out.append(
            f"## {L(str(record['unit']))}\n\n声明人：{L(str(record['declarant']))}，{L(str(record['declared_at'])[:10])}；{MODE_NAMES.get(record.get('mode'), '')}"
        )
        for p in record.get("patents", []):
            out.append(
                f"- {L(str(p['number']))} {L(str(p.get('title') or ''))} {L(str(p.get('jurisdiction') or ''))} {L(' '.join(p.get('clauses') or []))}"
            )
    return "\n\n".join(out) + "\n"


def explanatory_note(draft: Draft) -> str:
    """A skeleton of the 编制说明, filled with what the repository knows."""
    meta = draft.meta
    units = "、".join(L(u.name) for u in meta.working_group) or "（尚无）"
    held = (
        "；".join(f"{L(str(b['ballot']))} {L(str(b.get('outcome')))}" for b in draft.ballots)
        or "（无）"
    )
    return (
        "\n\n".join(
            [
                f"# 《{L(meta.title)}》编制说明",
                f"## 一、任务来源\n\n本文件由{L(meta.alliance)}立项，项目代号 {L(meta.code)}。",
                "## 二、编制过程\n\n采用文稿制：由框架起草单位起草标准框架，起草工作组各成员单位补充、讨论、修改，"
                f"经征求意见（共 {len(draft.comments)} 条意见）和集体审查。",
                f"## 三、起草工作组\n\n{units}",
                f"## 四、投票情况\n\n{held}",
                "## 五、其他需要说明的事项\n\n（待补充）",
            ]
        )
        + "\n"
    )
