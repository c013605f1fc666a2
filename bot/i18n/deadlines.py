"""Deadlines and reminders."""

MESSAGES: dict[str, dict[str, str]] = {
    "target.consultation": {"zh": "征求意见期", "en": "the comment period"},
    "target.patents": {"zh": "专利许可承诺", "en": "patent commitments"},
    "target.ballot": {"zh": "投票 B{n}", "en": "ballot B{n}"},
    "target.clause": {"zh": "条款 {number} {title} 的条文", "en": "the text of {number} {title}"},
    "left.days": {"zh": "{days} 天 {hours} 小时", "en": "{days} d {hours} h"},
    "left.hours": {"zh": "{hours} 小时 {minutes} 分", "en": "{hours} h {minutes} min"},
    "left.minutes": {"zh": "{minutes} 分钟", "en": "{minutes} min"},
    "deadline.set": {
        "zh": "已设定截止时间：{target} — {when}（还有 {left}）。提醒将在截止前发出。",
        "en": "Deadline set: {target} — {when} ({left} left). Reminders will go out before it.",
    },
    "deadline.removed": {"zh": "已取消截止时间：{target}。", "en": "Deadline removed: {target}."},
    "deadline.none": {"zh": "{target} 没有截止时间。", "en": "{target} has no deadline."},
    "deadline.unassigned": {
        "zh": "条款 {number} 尚未分配单位：先用 /assign {number} <单位>，截止提醒才有对象。",
        "en": "{number} is not assigned: /assign {number} <unit> first, so reminders have someone to remind.",
    },
    "deadline.not_consultation": {
        "zh": "项目不在征求意见稿阶段（意见截止时间在 /advance | until <时间> 时设定）。",
        "en": "The project is not in consultation (the comment period is set by /advance | until <when>).",
    },
    "deadlines.none": {"zh": "没有即将到来的截止时间。", "en": "No upcoming deadlines."},
    "deadlines.header": {"zh": "即将到来的截止时间：", "en": "Upcoming deadlines:"},
    "deadlines.line": {
        "zh": "• {target} — {when}（还有 {left}）",
        "en": "• {target} — {when} ({left} left)",
    },
    "reminder.before": {
        "zh": "⏰ {target} 将于 {when} 截止（还有 {left}）。尚未完成：{units}。{people}",
        "en": "⏰ {target} is due {when} ({left} left). Still to act: {units}. {people}",
    },
    "reminder.due": {
        "zh": "⌛ {target} 已到截止时间（{when}）。未完成：{units}。{people}",
        "en": "⌛ {target} was due {when}. Not done: {units}. {people}",
    },
    "reminder.before.direct": {
        "zh": "⏰ {code}：{target} 将于 {when} 截止（还有 {left}），贵单位尚未完成。",
        "en": "⏰ {code}: {target} is due {when} ({left} left) and your unit has not acted yet.",
    },
    "reminder.due.direct": {
        "zh": "⌛ {code}：{target} 已到截止时间（{when}），贵单位尚未完成。",
        "en": "⌛ {code}: {target} was due {when} and your unit has not acted.",
    },
    "reminder.consultation.before": {
        "zh": "⏰ 征求意见将于 {when} 截止（还有 {left}），目前已收到 {count} 条意见。/comment 提意见。",
        "en": "⏰ The comment period ends {when} ({left} left); {count} comment(s) so far. Use /comment.",
    },
    "reminder.consultation.silent": {
        "zh": "尚未回函的单位：{units}（没有意见请发 /comment none）。",
        "en": "Units that have not replied yet: {units} (no comments? send /comment none).",
    },
    "reminder.consultation.due": {
        "zh": "⌛ 征求意见期已于 {when} 结束：共收到 {count} 条意见，{open} 条尚待处理。/comments 查看汇总。",
        "en": "⌛ The comment period ended {when}: {count} comment(s) received, {open} still without "
        "a disposition. /comments shows the table.",
    },
}
