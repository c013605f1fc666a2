"""The drafter, the outline, contributions, stages and the repository's history."""

MESSAGES: dict[str, dict[str, str]] = {
    "stage.frozen": {
        "zh": "项目处于「{stage}」阶段，文稿已冻结。",
        "en": "The project is at the {stage} stage; the draft is frozen.",
    },
    "drafter.designated": {
        "zh": "已指定 {unit} 为框架起草单位。当前阶段：{stage}。起草单位代表可用 /framework 设置标准框架。",
        "en": "{unit} is the framework drafter. Stage: {stage}. "
        "Its representatives set the outline with /framework.",
    },
    "drafter.observer": {
        "zh": "{unit} 是观察员单位，不能担任框架起草单位。",
        "en": "{unit} is an observer unit and cannot draft the framework.",
    },
    "drafter.same": {
        "zh": "{unit} 已经是框架起草单位。",
        "en": "{unit} is the framework drafter already.",
    },
    "framework.no_drafter": {
        "zh": "尚未指定框架起草单位：主席先用 /drafter <单位> 指定。",
        "en": "There is no framework drafter yet: the chair designates one with /drafter <unit>.",
    },
    "framework.unchanged": {
        "zh": "框架没有变化。",
        "en": "The outline is unchanged.",
    },
    "framework.updated": {
        "zh": "框架已更新：新增 {added} 条，修改标题 {retitled} 条。当前框架：",
        "en": "Outline updated: {added} clause(s) added, {retitled} retitled. The outline now:",
    },
    "outline.line": {"zh": "{heading}", "en": "{heading}"},
    "outline.empty": {
        "zh": "用法：/framework 后面每行一条：<编号> <标题>，例如 “4.2 材料”；或 /framework template。",
        "en": "Usage: /framework followed by one line per clause: <number> <title>, "
        "e.g. “4.2 Materials”; or /framework template.",
    },
    "outline.invalid": {
        "zh": "框架未作任何更改，以下行有误：\n{lines}",
        "en": "Nothing in the outline was changed; these lines are wrong:\n{lines}",
    },
    "outline.error_line": {
        "zh": "第 {line} 行「{text}」：{reason}",
        "en": "line {line} “{text}”: {reason}",
    },
    "outline.bad_number": {
        "zh": "编号应为 4、4.2、4.2.1、附录 A、A.1 或 前言/引言",
        "en": "the number should be like 4, 4.2, 4.2.1, an annex A, A.1, or 前言/引言",
    },
    "outline.no_title": {"zh": "缺少标题", "en": "the title is missing"},
    "outline.title_too_long": {"zh": "标题超过 200 字", "en": "the title is over 200 characters"},
    "outline.repeated": {"zh": "该编号在本条消息中重复", "en": "this number appears twice"},
    "outline.orphans": {
        "zh": "框架未作任何更改：以下条款的上级条款不存在，请一并加入：\n{lines}",
        "en": "Nothing in the outline was changed: these clauses lack their parent clause; "
        "add it too:\n{lines}",
    },
    "outline.orphan": {"zh": "第 {line} 行：{number}", "en": "line {line}: {number}"},
    "outline.empty_yet": {
        "zh": "还没有标准框架。框架起草单位用 /framework 设置，或 /framework template 载入常用结构。",
        "en": "There is no outline yet. The framework drafter sets it with /framework, "
        "or loads the usual skeleton with /framework template.",
    },
    "outline.header": {"zh": "{code}《{title}》框架：", "en": "Outline of {code} “{title}”:"},
    "outline.row": {
        "zh": "{heading} — 分工：{unit} · {text} · 待处理：{pending}",
        "en": "{heading} — assigned: {unit} · {text} · open: {pending}",
    },
    "outline.unassigned": {"zh": "未分配", "en": "nobody"},
    "outline.has_text": {"zh": "已有条文", "en": "has text"},
    "outline.no_text": {"zh": "暂无条文", "en": "no text yet"},
    "clause.not_a_number": {
        "zh": "「{text}」不是条款编号（例如 4.2、A.1、前言）。",
        "en": "“{text}” is not a clause number (e.g. 4.2, A.1, 前言).",
    },
    "clause.unknown": {
        "zh": "框架中没有条款 {number}。发送 /outline 查看框架。",
        "en": "The outline has no clause {number}. Send /outline to see it.",
    },
    "assign.done": {
        "zh": "已将 {heading} 分配给 {unit}。",
        "en": "{heading} is assigned to {unit}.",
    },
    "assign.observer": {
        "zh": "{unit} 是观察员单位，不能承担条款起草。",
        "en": "{unit} is an observer unit and cannot draft clauses.",
    },
    "assign.same": {
        "zh": "{number} 已分配给 {unit}。",
        "en": "{number} is assigned to {unit} already.",
    },
    "section.empty": {"zh": "（暂无条文）", "en": "(no text yet)"},
    "section.paragraph": {"zh": "{text}\n  — {authors}", "en": "{text}\n  — {authors}"},
    "advance.done": {
        "zh": "项目已进入「{stage}」阶段，版本库已打标签 {tag}。",
        "en": "The project is now at the {stage} stage; the repository is tagged {tag}.",
    },
    "advance.need_drafter": {
        "zh": "不能推进：尚未指定框架起草单位（/drafter <单位>）。",
        "en": "Cannot advance: no framework drafter has been designated (/drafter <unit>).",
    },
    "advance.need_framework": {
        "zh": "不能推进：标准框架还是空的，起草单位需先用 /framework 设置。",
        "en": "Cannot advance: the outline is empty; the drafter sets it with /framework first.",
    },
    "history.all": {"zh": "最近的修改：", "en": "Latest changes:"},
    "history.clause": {"zh": "{heading} 的最近修改：", "en": "Latest changes to {heading}:"},
    "history.empty": {"zh": "（还没有修改）", "en": "(no changes yet)"},
    "history.line": {"zh": "• {when} {author}：{subject}", "en": "• {when} {author}: {subject}"},
    "diff.since": {"zh": "自 {base} 以来的变化：", "en": "Changes since {base}:"},
    "diff.since_start": {"zh": "自项目创建以来的变化：", "en": "Changes since the project began:"},
    "diff.none": {"zh": "（没有变化）", "en": "(no changes)"},
    "diff.new_clause": {"zh": "【新增】{heading}", "en": "[new] {heading}"},
    "diff.retitled": {"zh": "{heading}（原标题：{old}）", "en": "{heading} (was: {old})"},
    "diff.line": {"zh": "  {line}", "en": "  {line}"},
    "diff.unknown_ref": {
        "zh": "没有名为「{ref}」的标签或阶段。已有标签：{tags}",
        "en": "There is no tag or stage called “{ref}”. Tags: {tags}",
    },
    "contribution.no_unit": {
        "zh": "您还不代表任何成员单位，不能提交文稿：请先 /join <单位>，由秘书处确认。",
        "en": "You do not represent a member unit yet: send /join <unit> and wait for the "
        "secretariat to confirm.",
    },
    "contribution.closed": {
        "zh": "项目处于「{stage}」阶段，不接收文稿补充（工作组讨论稿至送审稿阶段接收）。",
        "en": "The project is at the {stage} stage and takes no contributions "
        "(they are taken from the working draft to the review draft).",
    },
    "contribution.empty": {
        "zh": "文稿内容是空的：在编号后写上条文，或回复一条消息并发送 /contribute <编号>。",
        "en": "The text is empty: write it after the clause number, or reply to a message "
        "with /contribute <clause>.",
    },
    "contribution.too_long": {
        "zh": "文稿过长（{length} 字，上限 {limit} 字），请分条提交。",
        "en": "The text is too long ({length} characters, the limit is {limit}); "
        "send it in several parts.",
    },
    "contribution.proposed.add": {
        "zh": "文稿补充 #{n}：{who}（{unit}）为 {heading} 补充条文：",
        "en": "Contribution #{n}: {who} ({unit}) proposes text for {heading}:",
    },
    "contribution.proposed.replace": {
        "zh": "文稿补充 #{n}：{who}（{unit}）提议将 {heading} 整条改写为：",
        "en": "Contribution #{n}: {who} ({unit}) proposes a new wording of {heading}:",
    },
    "contribution.text": {"zh": "「{text}」", "en": "“{text}”"},
    "contribution.decide_how": {
        "zh": "起草单位或主席：按下方按钮，或 /accept #{n}、/reject #{n} <理由>。",
        "en": "Drafter or chair: use the buttons, or /accept #{n} / /reject #{n} <reason>.",
    },
    "contribution.accepted.add": {
        "zh": "已采纳 #{n}：{who}（{unit}）的条文已并入 {heading}。",
        "en": "Accepted #{n}: the text of {who} ({unit}) is merged into {heading}.",
    },
    "contribution.accepted.replace": {
        "zh": "已采纳 #{n}：{heading} 已按 {who}（{unit}）的提议改写。",
        "en": "Accepted #{n}: {heading} now reads as {who} ({unit}) proposed.",
    },
    "contribution.merged_at_start": {
        "zh": "机器人停止或数据库中断前未及答复的文稿补充，现已并入草案：",
        "en": "Merged now: the bot stopped, or its database went away, before it could answer "
        "this contribution.",
    },
    "contribution.diff": {"zh": "变化：", "en": "What changed:"},
    "contribution.accepted_toast": {"zh": "已采纳 #{n}", "en": "Accepted #{n}"},
    "contribution.rejected": {
        "zh": "未采纳 #{n}。理由：{reason}",
        "en": "Rejected #{n}. Reason: {reason}",
    },
    "contribution.withdrawn": {"zh": "#{n} 已撤回。", "en": "#{n} is withdrawn."},
    "contribution.closed_note": {"zh": "#{n}：{status}", "en": "#{n}: {status}"},
    "contribution.reject_how": {
        "zh": "不采纳需说明理由：请发送 /reject #{n} <理由>",
        "en": "A rejection needs a reason: send /reject #{n} <reason>",
    },
    "contribution.unknown": {"zh": "没有文稿补充 #{n}。", "en": "There is no contribution #{n}."},
    "contribution.decided": {"zh": "#{n} 已{status}。", "en": "#{n} is {status} already."},
    "contribution.not_yours": {
        "zh": "只有 #{n} 的提交人可以撤回它。",
        "en": "Only the author of #{n} can withdraw it.",
    },
    "status.open": {"zh": "待处理", "en": "open"},
    "status.accepted": {"zh": "采纳", "en": "accepted"},
    "status.rejected": {"zh": "不采纳", "en": "rejected"},
    "status.withdrawn": {"zh": "撤回", "en": "withdrawn"},
    "button.accept": {"zh": "采纳", "en": "Accept"},
    "button.reject": {"zh": "不采纳", "en": "Reject"},
    "button.accept_n": {"zh": "采纳 #{n}", "en": "Accept #{n}"},
    "button.reject_n": {"zh": "不采纳 #{n}", "en": "Reject #{n}"},
    "button.see_chat": {
        "zh": "说明较长，已发在群里。",
        "en": "The answer is long: it is in the chat.",
    },
    "reply.continued": {"zh": "（续 {part}/{parts}）", "en": "(continued {part}/{parts})"},
    "button.stale": {
        "zh": "这个按钮已失效。",
        "en": "This button is no longer valid.",
    },
    "policy.review": {"zh": "审核后并入（review）", "en": "merged after review (review)"},
    "policy.open": {"zh": "即时并入（open）", "en": "merged at once (open)"},
    "policy.set": {"zh": "文稿并入方式：{policy}。", "en": "Contributions are now {policy}."},
    "policy.same": {"zh": "并入方式已经是{policy}。", "en": "Contributions are {policy} already."},
}
