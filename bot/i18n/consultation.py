"""Consultation, review and publication."""

MESSAGES: dict[str, dict[str, str]] = {
    "consultation.opened": {
        "zh": "征求意见稿已形成，意见截止 {until}。请用 /comment <条款> <理由> 提出意见，可另起一行写 => <建议条文>；/comments 查看汇总。",
        "en": "The consultation draft is out; comments close {until}. Comment with "
        "/comment <clause> <reason>, optionally a line => <proposed text>; /comments shows them all.",
    },
    "comment.none_recorded": {
        "zh": "已记录：{unit} 对征求意见稿无意见（计入回函单位）。",
        "en": "Recorded: {unit} has no comments on the consultation draft (counted as replied).",
    },
    "comment.none_but_commented": {
        "zh": "{unit} 已提出意见（如 C{n}），不能再登记为无意见。",
        "en": "{unit} has already commented (e.g. C{n}): it cannot also reply with no comments.",
    },
    "comment.recorded": {
        "zh": "已记录意见 C{n}（{number}）。",
        "en": "Comment C{n} on {number} recorded.",
    },
    "comment.resolved": {
        "zh": "C{n} 的处理意见：{disposition}。",
        "en": "C{n} is now {disposition}.",
    },
    "comment.unknown": {"zh": "没有意见 C{n}。", "en": "There is no comment C{n}."},
    "comment.not_consultation": {
        "zh": "项目处于「{stage}」阶段：意见只在征求意见稿阶段提出（处理意见可至送审稿阶段）。",
        "en": "The project is at the {stage} stage: comments are taken during consultation "
        "(and resolved until the review).",
    },
    "comment.period_over": {
        "zh": "征求意见期已结束。",
        "en": "The comment period is over.",
    },
    "comments.none": {"zh": "还没有意见。", "en": "No comments yet."},
    "comments.header": {
        "zh": "征求意见汇总处理表（{count}）：序号 · 章节号 · 原文 · 修改建议 · 理由 · 提出单位 · 处理意见",
        "en": "Comment resolution table ({count}): no. · clause · original · proposal · reason · unit · disposition",
    },
    "comments.row": {
        "zh": "C{n} · {number} · {original} · {proposed} · {reason} · {unit} · {disposition}",
        "en": "C{n} · {number} · {original} · {proposed} · {reason} · {unit} · {disposition}",
    },
    "disposition.accept": {"zh": "采纳", "en": "accepted"},
    "disposition.partial": {"zh": "部分采纳", "en": "partially accepted"},
    "disposition.reject": {"zh": "不采纳", "en": "not accepted"},
    "disposition.open": {"zh": "待处理", "en": "open"},
    "disposition.with_note": {"zh": "{disposition} {note}", "en": "{disposition} {note}"},
    "advance.need_until": {
        "zh": "进入征求意见稿须设定意见截止时间：/advance | until <时间>",
        "en": "Entering consultation needs the end of the comment period: /advance | until <when>",
    },
    "advance.comments_open": {
        "zh": "不能进入送审稿：以下意见尚无处理意见：{comments}（/resolve C<编号> accept|partial|reject <说明>）",
        "en": "Cannot move to review: these comments have no disposition yet: {comments} "
        "(/resolve C<n> accept|partial|reject <note>)",
    },
    "advance.patents_missing": {
        "zh": "送审投票尚不能开始：以下表决单位还没有专利许可承诺：{units}（/patent）",
        "en": "The review ballot cannot open yet: these voting units have no patent commitment: "
        "{units} (/patent)",
    },
    "advance.use_publish": {
        "zh": "报批稿由秘书处用 /publish <标准编号> 发布。",
        "en": "The secretariat publishes the approval draft with /publish <standard number>.",
    },
    "advance.published": {"zh": "标准已发布。", "en": "The standard is published."},
    "publish.not_approval": {
        "zh": "项目处于「{stage}」阶段：只有报批稿可以发布。",
        "en": "The project is at the {stage} stage: only an approval draft can be published.",
    },
    "publish.bad_number": {
        "zh": "标准编号不能为空，且不超过 64 字。",
        "en": "The standard number must not be empty nor over 64 characters.",
    },
    "publish.done": {
        "zh": "{code} 已发布，标准编号 {number}，{published}发布，{effective}实施；版本库已打标签 {tag}。",
        "en": "{code} is published as {number}, issued {published}, effective {effective}; "
        "the repository is tagged {tag}.",
    },
    "publish.bad_date": {
        "zh": "实施日期应写作 YYYY-MM-DD，例如 2027-03-01（收到：{text}）。",
        "en": "Write the effective date as YYYY-MM-DD, e.g. 2027-03-01 (got: {text}).",
    },
    "publish.effective_past": {
        "zh": "实施日期 {day} 早于发布日期（今天）。",
        "en": "The effective date {day} is before the publication date (today).",
    },
    "export.no_pdf": {
        "zh": "无法导出 PDF：本机未安装 LibreOffice；docx、html、md 等其他格式照常可用。",
        "en": "No PDF: LibreOffice is not installed on this server; docx, html, md and the "
        "other formats still work.",
    },
    "export.pdf_failed": {
        "zh": "PDF 未能生成：LibreOffice 无法转换这份文稿（已重试）。docx、html、md 等其他格式照常可用；详情已记入日志。",
        "en": "The PDF could not be made: LibreOffice failed to convert this draft (it was tried "
        "again). docx, html, md and the other formats still work; the log has the details.",
    },
    "export.package_without_pdf": {
        "zh": "材料包中没有 PDF：本机未安装 LibreOffice。",
        "en": "The package has no PDF: LibreOffice is not installed on this server.",
    },
    "export.no_earlier_stage": {
        "zh": "还没有可比较的阶段标签：请写明 /export redline <自> [<至>]。",
        "en": "There is no earlier stage to compare with: name it, /export redline <from> [<to>].",
    },
    "export.latest": {"zh": "最新文本", "en": "the latest text"},
    "export.no_changes": {
        "zh": "{since} 与 {until} 之间没有修改：不生成修订稿。",
        "en": "Nothing changed between {since} and {until}: no redline made.",
    },
    "export.from_after_to": {
        "zh": "{since} 在 {until} 之后：修订稿从较早的一稿比到较晚的一稿，请交换次序。",
        "en": "{since} comes after {until}: a redline goes from the earlier draft to the later; "
        "swap them.",
    },
    "export.done": {
        "zh": "导出（{fmt}）：{count} 个文件。",
        "en": "Export ({fmt}): {count} file(s).",
    },
    "ballot.recirculation": {
        "zh": "自上次投票（{since}）以来的修改：",
        "en": "Changes since the previous ballot ({since}):",
    },
}
