"""Projects, their status card and working group."""

MESSAGES: dict[str, dict[str, str]] = {
    "project.chat_taken": {
        "zh": "本群（或话题）已绑定项目 {code}。新项目请在另一个群或话题中创建。",
        "en": "This chat (or topic) is already bound to project {code}. "
        "Create a new project in another chat or topic.",
    },
    "project.code_taken": {
        "zh": "标准代号 {code} 已被另一个项目使用。",
        "en": "The code {code} is used by another project.",
    },
    "project.created": {
        "zh": "已创建标准项目 {code}《{title}》，并绑定到本聊天。",
        "en": "Created the standard project {code} “{title}”, bound to this chat.",
    },
    "card.title": {"zh": "📄 {code}《{title}》", "en": "📄 {code} “{title}”"},
    "card.stage": {"zh": "阶段：{stage}", "en": "Stage: {stage}"},
    "card.drafter": {"zh": "框架起草单位：{drafter}", "en": "Framework drafter: {drafter}"},
    "card.chairs": {"zh": "主席：{chairs}", "en": "Chairs: {chairs}"},
    "card.working_group": {
        "zh": "起草工作组（{count}）：{units}",
        "en": "Working group ({count}): {units}",
    },
    "card.patents_missing": {
        "zh": "尚未声明专利许可承诺：{units}",
        "en": "Patent commitments missing: {units}",
    },
    "card.next": {"zh": "下一步：", "en": "Next:"},
    "card.step": {"zh": "• {step}", "en": "• {step}"},
    "next.appoint_chair": {
        "zh": "秘书处任命主席：/grant <@用户名> chair",
        "en": "the secretariat appoints a chair: /grant <@username> chair",
    },
    "next.designate_drafter": {
        "zh": "主席指定框架起草单位",
        "en": "the chair designates the framework drafter",
    },
    "next.set_framework": {
        "zh": "{unit} 用 /framework 设置标准框架，主席再用 /advance 进入工作组讨论稿",
        "en": "{unit} sets the outline with /framework; then the chair moves on with /advance",
    },
    "next.contribute": {
        "zh": "各单位用 /contribute <条款> <条文> 补充文稿，起草单位或主席采纳",
        "en": "units propose text with /contribute <clause> <text>; the drafter or chair decides",
    },
    "wg.header": {"zh": "起草工作组（{count}）：", "en": "Working group ({count}):"},
    "wg.line": {"zh": "• {unit}", "en": "• {unit}"},
    "wg.added": {"zh": "{unit} 已加入起草工作组。", "en": "{unit} joined the working group."},
    "wg.removed": {"zh": "{unit} 已移出起草工作组。", "en": "{unit} left the working group."},
    "wg.already": {
        "zh": "{unit} 已在起草工作组中。",
        "en": "{unit} is in the working group already.",
    },
    "wg.not_member": {
        "zh": "{unit} 不在起草工作组中。",
        "en": "{unit} is not in the working group.",
    },
    "wg.drafter_stays": {
        "zh": "{unit} 是框架起草单位，不能移出起草工作组。",
        "en": "{unit} is the framework drafter and stays in the working group.",
    },
}

MESSAGES |= {
    "meta.header": {
        "zh": "封面与前言信息（/meta <字段> <内容> 修改，- 清除）：",
        "en": "The cover's and the foreword's facts (/meta <field> <value> to change, - clears):",
    },
    "meta.set": {"zh": "已记入版本库：", "en": "Recorded in the repository:"},
    "meta.unset": {"zh": "（未填，封面留空）", "en": "(not set: the cover shows a blank)"},
    "meta.default": {"zh": "（未填，即 {body}）", "en": "(not set: {body})"},
    "meta.line.en": {"zh": "en 英文名称：{value}", "en": "en English title: {value}"},
    "meta.line.ics": {"zh": "ics ICS 分类号：{value}", "en": "ics ICS code: {value}"},
    "meta.line.ccs": {"zh": "ccs CCS 分类号：{value}", "en": "ccs CCS code: {value}"},
    "meta.line.replaces": {
        "zh": "replaces 代替标准：{value}",
        "en": "replaces the standard replaced: {value}",
    },
    "meta.line.proposer": {
        "zh": "proposer 提出单位：{value}",
        "en": "proposer proposed by: {value}",
    },
    "meta.line.owner": {
        "zh": "owner 归口单位：{value}",
        "en": "owner under the charge of: {value}",
    },
    "meta.empty": {
        "zh": "{field} 的内容不能为空。",
        "en": "The value of {field} must not be empty.",
    },
    "meta.too_long": {
        "zh": "{field} 的内容过长（不超过 {limit} 字）。",
        "en": "The value of {field} is too long (at most {limit} characters).",
    },
    "meta.bad_ics": {
        "zh": "ICS 分类号形如 23.060.10（多个用分号隔开）。",
        "en": "An ICS code reads like 23.060.10 (several separated by semicolons).",
    },
    "meta.bad_ccs": {
        "zh": "CCS 分类号形如 J 16（一个大写字母和两位数字）。",
        "en": "A CCS code reads like J 16 (a capital letter and two digits).",
    },
    "card.mirror_ok": {"zh": "版本库镜像：已同步", "en": "Repository mirror: up to date"},
    "card.mirror_behind": {
        "zh": "版本库镜像：自 {since} 起的写入正在推送",
        "en": "Repository mirror: the writes since {since} are being pushed",
    },
    "card.mirror_failing": {
        "zh": "版本库镜像：自 {since} 起的写入尚未推送；自 {failing} 起推送失败：{error}",
        "en": "Repository mirror: the writes since {since} are not pushed; pushing has failed "
        "since {failing}: {error}",
    },
}
