"""Strings used everywhere: errors, roles, stages, unit kinds."""

MESSAGES: dict[str, dict[str, str]] = {
    "list.separator": {"zh": "、", "en": ", "},
    "none": {"zh": "（无）", "en": "(none)"},
    # Acknowledgements that waited for a busy group, sent as one message (bot/outbox/plan.py).
    "outbox.merged.comment": {
        "zh": "已记录意见 {items}（{count} 条）：",
        "en": "Comments {items} recorded ({count}):",
    },
    "outbox.merged.vote": {
        "zh": "已记录投票 {items}（{count} 条）：",
        "en": "Votes on {items} recorded ({count}):",
    },
    "outbox.merged.proposal": {
        "zh": "已收到文稿补充 {items}（{count} 条），每条下方按钮标有其编号：",
        "en": "Contributions {items} received ({count}); each one's buttons carry its number:",
    },
    "error.internal": {
        "zh": "抱歉，处理这条命令时出错了，没有做任何更改。请稍后再试；如仍出错，请把参考号 {ref} 告诉秘书处。",
        "en": "Sorry, something went wrong and nothing was changed. Please try again later; "
        "if it keeps failing, give the secretariat the reference {ref}.",
    },
    "error.kept": {
        "zh": "抱歉，处理这条命令时出错了；已经完成的部分已保存，未完成的部分机器人会自动补上。请不要重复发送。如有疑问，请把参考号 {ref} 告诉秘书处。",
        "en": "Sorry, something went wrong; what was already done is saved, and the bot will "
        "finish the rest by itself. Please do not send it again. If in doubt, give the "
        "secretariat the reference {ref}.",
    },
    "error.unconfirmed": {
        "zh": "抱歉，数据库暂时无法访问，无法确认这条命令是否已生效。恢复后机器人会自动核对：未完成的更改会被撤回。请稍后查看（如 /project）再决定是否重发。参考号 {ref}。",
        "en": "Sorry, the database cannot be reached, so it is not known yet whether this took "
        "effect. Once it is back the bot checks by itself and takes back what was not completed. "
        "Look again later (/project, say) before sending it again. Reference {ref}.",
    },
    "error.undo_pending": {
        "zh": "抱歉，处理这条命令时出错了，数据库没有记录这次更改；已写入草稿版本库的部分暂时无法撤回（存储故障，已记入日志），机器人会在下次写入或重启时自动撤回。故障排除后请重试。参考号 {ref}。",
        "en": "Sorry, something went wrong and the database did not record this; what was "
        "already written to the draft cannot be taken back yet (a storage fault, in the log), "
        "and the bot takes it back at the next write or start. Try again once the fault is "
        "cleared. Reference {ref}.",
    },
    "error.still_in_draft": {
        "zh": "数据库没有记录这次更改，但本次命令较早写入草稿版本库的部分暂时无法撤回，机器人会在下次写入或重启时自动撤回。故障排除后请重试。",
        "en": "The database did not record this, but what this command had already written to "
        "the draft cannot be taken back yet; the bot takes it back at the next write or start. "
        "Try again once the fault is cleared.",
    },
    "error.storage": {
        "zh": "草稿无法写入版本库（存储故障，如磁盘已满或只读，已记入日志）。",
        "en": "The draft could not be written (a storage fault, such as a full disk or a "
        "read-only repository; it is in the log).",
    },
    "error.storage_retry": {
        "zh": "没有做任何更改。故障排除后即可重试，无需重启机器人。",
        "en": "Nothing was changed. Try again once the fault is cleared; the bot needs no restart.",
    },
    "error.locked_for_chairs": {
        "zh": "⚠️ 项目 {code} 的草稿版本库被锁定（{lock}），暂时无法写入，成员的操作会被拒绝。请运维人员确认没有另一个机器人实例在运行后删除该锁文件，或重启机器人（启动时会清除遗留的锁）。此提醒只发一次。",
        "en": "⚠️ The draft repository of {code} is locked ({lock}) and cannot be written for "
        "now: members' actions are refused. Ask the operator to check that no other instance of "
        "the bot is running and remove the lock file, or restart the bot (start-up clears stale "
        "locks). You are told this once.",
    },
    "error.repository_locked": {
        "zh": "草稿版本库暂时被锁定，本次操作未能完成；已记入日志。请稍后再试，或请管理员重启机器人（重启时会清除遗留的锁）。",
        "en": "The draft's repository is locked for now, so this could not be done; it is in the "
        "log. Try again later, or ask the operator to restart the bot (start-up clears stale locks).",
    },
    "error.denied": {
        "zh": "无权执行：此操作需要以下角色之一：{roles}。",
        "en": "Not allowed: this needs one of these roles: {roles}.",
    },
    "error.usage": {"zh": "用法：{usage}", "en": "Usage: {usage}"},
    "error.no_project": {
        "zh": "本群（或本话题）尚未绑定标准项目。秘书处可用 /newproject <代号> | <标准名称> 创建。",
        "en": "This chat (or topic) has no standard project yet. "
        "The secretariat creates one with /newproject <code> | <title>.",
    },
    "error.private_chat": {
        "zh": "这是私聊，没有绑定项目：请在项目群组中使用此命令。",
        "en": "This is a private chat with no project: use this command in the project's group.",
    },
    "error.group_only": {
        "zh": "请在项目群组中使用此命令。",
        "en": "Use this command in the project's group chat.",
    },
    "error.unknown_unit": {
        "zh": "未找到单位「{name}」。发送 /units 查看已登记的单位。",
        "en": "No unit called “{name}”. Send /units to see the registered units.",
    },
    "error.unknown_user": {
        "zh": "还不认识用户 {who}：请对方先在本群或与机器人的私聊中发一条消息（例如 /start）。",
        "en": "I do not know {who} yet: ask them to send any message (e.g. /start) "
        "here or in a private chat with me first.",
    },
    "error.unknown_command": {
        "zh": "没有这个命令。发送 /help 查看您在这里可用的命令。",
        "en": "There is no such command. Send /help for the commands you can use here.",
    },
    "error.edited_command": {
        "zh": "编辑过的命令不会再次执行（原来的命令已经处理过）。如需改动，请重新发送一条命令。",
        "en": "An edited command is not run again (the original was handled). To change "
        "something, send a new command.",
    },
    "role.anyone": {"zh": "任何人", "en": "anyone"},
    "role.self": {"zh": "本人（私聊中）", "en": "yourself (in a private chat)"},
    "role.member": {"zh": "成员单位代表", "en": "member unit representative"},
    "role.observer": {"zh": "观察员单位代表", "en": "observer unit representative"},
    "role.drafter": {"zh": "框架起草单位代表", "en": "framework drafter representative"},
    "role.chair": {"zh": "主席", "en": "chair"},
    "role.secretariat": {"zh": "秘书处", "en": "secretariat"},
    "stage.proposal": {"zh": "立项", "en": "proposal"},
    "stage.framework": {"zh": "框架起草", "en": "framework drafting"},
    "stage.working": {"zh": "工作组讨论稿", "en": "working draft"},
    "stage.consultation": {"zh": "征求意见稿", "en": "consultation draft"},
    "stage.review": {"zh": "送审稿", "en": "review draft"},
    "stage.approval": {"zh": "报批稿", "en": "approval draft"},
    "stage.published": {"zh": "已发布", "en": "published"},
    "kind.enterprise": {"zh": "企业", "en": "enterprise"},
    "kind.university": {"zh": "高校", "en": "university"},
    "kind.institute": {"zh": "科研院所", "en": "research institute"},
    "kind.user": {"zh": "用户", "en": "user"},
    "kind.other": {"zh": "其他", "en": "other"},
}

MESSAGES |= {
    "start.text": {
        "zh": "您好！我是{alliance}的文稿制标准起草机器人。\n"
        "由一家单位起草标准框架，各成员单位在群里补充条文、讨论修改；主席按联盟规则组织投票，"
        "各单位声明专利许可承诺；秘书处从版本库导出报批材料。",
        "en": "Hello! I am {alliance}'s manuscript-system drafting bot.\n"
        "One unit drafts the framework of a standard, every member unit contributes and revises "
        "clauses from the group chat, chairs run ballots under the alliance's rules, units declare "
        "their patent commitments, and the secretariat exports the approval package from the "
        "repository.",
    },
    "help.header": {"zh": "您在这里可用的命令：", "en": "Commands you can use here:"},
    "help.line": {"zh": "{usage} — {about}", "en": "{usage} — {about}"},
    "lang.set": {
        "zh": "本聊天的语言已设为简体中文。",
        "en": "This chat's language is now English.",
    },
}
