"""The reading view (the Mini App): its page's words, its refusals, and what the group is told
of an action taken there."""

MESSAGES: dict[str, dict[str, str]] = {
    "web.stranger": {
        "zh": "您不是本项目工作组成员单位的代表，不能查看本项目。请先在项目群中用 /join 加入单位。",
        "en": "You do not represent a unit of this project, so you cannot see it. Join a unit "
        "with /join in the project's group first.",
    },
    "web.no_project": {
        "zh": "链接中的项目不存在（可能已被删除）。请从项目群中的按钮重新打开。",
        "en": "The link names no project (it may be gone). Open it again from the button in "
        "the project's group.",
    },
    "web.signed_out.missing": {
        "zh": "未收到 Telegram 的登录信息：请在 Telegram 中从项目群的“阅读文稿”按钮打开本页。",
        "en": "Telegram's sign-in data is missing: open this page from the “Read the draft” "
        "button in the project's group, inside Telegram.",
    },
    "web.signed_out.forged": {
        "zh": "登录信息的签名不正确，本页拒绝访问。请从 Telegram 中重新打开。",
        "en": "The sign-in data's signature is wrong, so this page refuses it. Open it again "
        "from Telegram.",
    },
    "web.signed_out.stale": {
        "zh": "登录信息已过期，请关闭本页后从 Telegram 中重新打开。",
        "en": "The sign-in data has expired: close this page and open it again from Telegram.",
    },
    "web.via": {
        "zh": "（{who} 在阅读页中操作）",
        "en": "(done by {who} in the reading view)",
    },
    "web.open_button": {"zh": "📖 阅读文稿", "en": "📖 Read the draft"},
    "web.usage.comment": {
        "zh": "请填写意见理由；建议文本可留空。",
        "en": "Give the comment's reason; the proposed text may stay empty.",
    },
    "web.usage.vote": {
        "zh": "请选择一个选项；阶段表决投“反对”须说明理由。",
        "en": "Choose one option; a “no” on a stage ballot needs its reason.",
    },
    "web.usage.propose": {
        "zh": "请写出建议的条文（可用与群聊相同的列表、表格、注等写法）。",
        "en": "Write the proposed text (lists, tables and notes as in the chat).",
    },
    "web.usage.decide": {
        "zh": "请选择采纳或不采纳；不采纳须说明理由。",
        "en": "Accept or reject; a rejection needs its reason.",
    },
    "web.too_fast": {
        "zh": "操作过于频繁，请稍候再试。",
        "en": "Too many requests: wait a moment and try again.",
    },
    "web.already": {
        "zh": "此操作已记录过（重复提交只记录一次）。",
        "en": "This was recorded already (a repeated request counts once).",
    },
    "web.ui.comment": {"zh": "对本条提意见", "en": "Comment on this clause"},
    "web.ui.reason": {"zh": "意见及理由", "en": "Comment and reason"},
    "web.ui.proposed": {"zh": "建议改为（可不填）", "en": "Proposed text (optional)"},
    "web.ui.send": {"zh": "提交", "en": "Send"},
    "web.ui.authors": {"zh": "撰写者", "en": "Written by"},
    "web.ui.previous": {"zh": "上一页", "en": "Previous"},
    "web.ui.next": {"zh": "下一页", "en": "Next"},
    "web.ui.ballots": {"zh": "进行中的表决", "en": "Open ballots"},
    "web.ui.latest": {"zh": "最新文本", "en": "Latest text"},
    "web.ui.why_no": {"zh": "不同意的理由", "en": "Why not"},
    "web.ui.tally": {
        "zh": "已投 {cast}/{eligible}：同意 {yes}，不同意 {no}，弃权 {abstain}",
        "en": "Cast {cast}/{eligible}: yes {yes}, no {no}, abstain {abstain}",
    },
    "web.ui.propose": {"zh": "为本条撰写条文", "en": "Propose text for this clause"},
    "web.ui.proposal": {"zh": "建议的条文", "en": "Proposed text"},
    "web.ui.replace_all": {
        "zh": "整条改写（不勾选则补充在后）",
        "en": "Replace the whole clause (otherwise added after)",
    },
    "web.ui.accept": {"zh": "采纳", "en": "Accept"},
    "web.ui.reject": {"zh": "不采纳", "en": "Reject"},
    "web.ui.why_reject": {"zh": "不采纳的理由", "en": "Why it is rejected"},
    "web.ui.changes": {"zh": "两个阶段之间的改动：", "en": "Changes between stages:"},
    "web.ui.card": {"zh": "项目概况", "en": "The project"},
    "web.ui.choose": {"zh": "选择要阅读的项目", "en": "Choose a project to read"},
    "web.ui.none": {
        "zh": "您还没有可阅读的项目。",
        "en": "There is no project for you to read yet.",
    },
    "web.menu_button": {"zh": "阅读文稿", "en": "Read a draft"},
}
