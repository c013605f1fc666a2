"""/history: what each commit did, in the chat's language (bot/domain/changes.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "change.contribution.add": {
        "zh": "#{n} {number} {title}：补充条文",
        "en": "#{n} {number} {title}: text added",
    },
    "change.contribution.replace": {
        "zh": "#{n} {number} {title}：整条改写",
        "en": "#{n} {number} {title}: reworded",
    },
    "change.comments_imported": {
        "zh": "从 {file} 导入意见 C{first}–C{last}",
        "en": "comments C{first}–C{last} imported from {file}",
    },
    "change.comment": {"zh": "意见 C{n}（{number}）", "en": "comment C{n} ({number})"},
    "change.disposition": {
        "zh": "意见 C{n}（{number}）的处理：{disposition}",
        "en": "comment C{n} ({number}) resolved: {disposition}",
    },
    "change.ballot": {"zh": "投票 B{n} 结束：{outcome}", "en": "ballot B{n} closed: {outcome}"},
    "change.undone": {
        "zh": "撤回（数据库未能记录）：{what}",
        "en": "taken back (the database did not record it): {what}",
    },
    "change.stage": {"zh": "进入「{stage}」阶段", "en": "stage: {stage}"},
    "change.policy": {"zh": "文稿并入方式：{policy}", "en": "contributions {policy}"},
    "change.cover.en": {"zh": "封面信息：英文名称", "en": "cover: English title"},
    "change.cover.ics": {"zh": "封面信息：ICS 分类号", "en": "cover: ICS code"},
    "change.cover.ccs": {"zh": "封面信息：CCS 分类号", "en": "cover: CCS code"},
    "change.cover.replaces": {"zh": "封面信息：代替的标准", "en": "cover: the standard replaced"},
    "change.cover.proposer": {"zh": "前言信息：提出单位", "en": "foreword: proposed by"},
    "change.cover.owner": {"zh": "前言信息：归口单位", "en": "foreword: responsible body"},
    "change.created": {"zh": "创建项目 {code}", "en": "project {code} created"},
    "change.drafter": {"zh": "框架起草单位：{unit}", "en": "framework drafter: {unit}"},
    "change.framework": {
        "zh": "框架：新增 {added}；改标题 {retitled}",
        "en": "framework: added {added}; retitled {retitled}",
    },
    "change.framework_imported": {
        "zh": "从 {file} 导入框架（{count} 个条款）",
        "en": "framework imported from {file} ({count} clauses)",
    },
    "change.assigned": {"zh": "{number} 分配给 {unit}", "en": "{number} assigned to {unit}"},
    "change.patent": {
        "zh": "{unit} 的专利许可承诺：{mode}",
        "en": "patent commitment of {unit}: {mode}",
    },
    "change.working_group": {"zh": "起草工作组变更", "en": "working group changed"},
    "change.published": {"zh": "发布，标准编号 {number}", "en": "published as {number}"},
    "change.no_comments": {"zh": "{unit} 回复：无意见", "en": "{unit} replied: no comments"},
    "change.opinion": {"zh": "审查意见 O{n}（{number}）", "en": "review opinion O{n} ({number})"},
    "change.opinion_resolved": {
        "zh": "审查意见 O{n}（{number}）的处理：{disposition}",
        "en": "review opinion O{n} ({number}) resolved: {disposition}",
    },
    "change.meeting.scheduled": {
        "zh": "安排审查会（第 {n} 次）",
        "en": "review meeting no. {n} scheduled",
    },
    "change.meeting.answer": {
        "zh": "审查会（第 {n} 次）：{unit} {answer}",
        "en": "review meeting no. {n}: {unit} {answer}",
    },
    "change.meeting.checkin_opened": {
        "zh": "审查会（第 {n} 次）开始签到",
        "en": "review meeting no. {n}: check-in opened",
    },
    "change.meeting.checkin": {
        "zh": "审查会（第 {n} 次）：{unit} 签到",
        "en": "review meeting no. {n}: {unit} checked in",
    },
    "change.meeting.attendance": {
        "zh": "审查会（第 {n} 次）：登记出席 {name}",
        "en": "review meeting no. {n}: {name} recorded present",
    },
    "change.meeting.vote": {
        "zh": "审查会（第 {n} 次）开始表决 B{ballot}",
        "en": "review meeting no. {n}: vote B{ballot} opened",
    },
    "change.meeting.minutes": {
        "zh": "审查会（第 {n} 次）纪要",
        "en": "review meeting no. {n}: minutes",
    },
    "change.meeting.concluded": {
        "zh": "审查会（第 {n} 次）结论：{conclusion}",
        "en": "review meeting no. {n} concluded: {conclusion}",
    },
    "change.meeting.cancelled": {
        "zh": "审查会（第 {n} 次）取消",
        "en": "review meeting no. {n} cancelled",
    },
    "change.terminated": {"zh": "项目终止", "en": "project ended"},
}
