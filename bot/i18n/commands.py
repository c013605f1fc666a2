"""Usage lines and one-line descriptions of the chat commands (see bot/commands.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "cmd.start.usage": {"zh": "/start", "en": "/start"},
    "cmd.start.about": {"zh": "机器人简介", "en": "what this bot does"},
    "cmd.help.usage": {"zh": "/help", "en": "/help"},
    "cmd.help.about": {"zh": "您在这里可用的命令", "en": "the commands you can use here"},
    "cmd.project.usage": {"zh": "/project", "en": "/project"},
    "cmd.project.about": {"zh": "项目状态卡", "en": "the project's status card"},
    "cmd.units.usage": {"zh": "/units", "en": "/units"},
    "cmd.units.about": {"zh": "成员单位及其代表", "en": "units and their representatives"},
    "cmd.join.usage": {"zh": "/join <单位名称或简称>", "en": "/join <unit name or short name>"},
    "cmd.join.about": {"zh": "申请作为某单位的代表", "en": "ask to represent a unit"},
    "cmd.wg.usage": {
        "zh": "/wg  |  /wg add <单位>  |  /wg remove <单位>",
        "en": "/wg  |  /wg add <unit>  |  /wg remove <unit>",
    },
    "cmd.wg.about": {"zh": "起草工作组", "en": "the drafting working group"},
    "cmd.lang.usage": {"zh": "/lang zh|en", "en": "/lang zh|en"},
    "cmd.lang.about": {"zh": "切换本聊天的语言", "en": "switch this chat's language"},
    "cmd.unit.usage": {
        "zh": "/unit add <名称> [| <简称>] [| <类型：企业/高校/科研院所/用户/其他>] [| observer]",
        "en": "/unit add <name> [| <short name>] "
        "[| <kind: enterprise/university/institute/user/other>] [| observer]",
    },
    "cmd.unit.about": {"zh": "登记成员单位", "en": "register a unit"},
    "cmd.approve.usage": {
        "zh": "/approve <@用户名或用户ID>",
        "en": "/approve <@username or user id>",
    },
    "cmd.approve.about": {"zh": "确认代表申请", "en": "confirm a request to represent a unit"},
    "cmd.deny.usage": {
        "zh": "/deny <@用户名或用户ID> [<理由>]",
        "en": "/deny <@username or user id> [<reason>]",
    },
    "cmd.deny.about": {"zh": "拒绝代表申请", "en": "reject a request to represent a unit"},
    "cmd.grant.usage": {
        "zh": "/grant <@用户名或用户ID> secretariat|chair",
        "en": "/grant <@username or user id> secretariat|chair",
    },
    "cmd.grant.about": {
        "zh": "任命秘书处成员或本项目主席",
        "en": "appoint a secretariat member or this project's chair",
    },
    "cmd.revoke.usage": {
        "zh": "/revoke <@用户名或用户ID> secretariat|chair",
        "en": "/revoke <@username or user id> secretariat|chair",
    },
    "cmd.revoke.about": {"zh": "撤销任命", "en": "withdraw an appointment"},
    "cmd.newproject.usage": {
        "zh": "/newproject <标准代号> | <标准名称>",
        "en": "/newproject <code> | <title>",
    },
    "cmd.newproject.about": {
        "zh": "把本群（或话题）绑定到新的标准项目",
        "en": "bind this chat (or topic) to a new standard project",
    },
}

MESSAGES |= {
    "cmd.outline.usage": {"zh": "/outline", "en": "/outline"},
    "cmd.outline.about": {
        "zh": "标准框架与各条款状态",
        "en": "the outline and each clause's state",
    },
    "cmd.section.usage": {"zh": "/section <条款编号>", "en": "/section <clause>"},
    "cmd.section.about": {"zh": "某条款的条文及执笔人", "en": "a clause's text and who wrote it"},
    "cmd.history.usage": {"zh": "/history [<条款编号>]", "en": "/history [<clause>]"},
    "cmd.history.about": {"zh": "最近的修改", "en": "the latest changes"},
    "cmd.diff.usage": {"zh": "/diff [<标签或阶段>]", "en": "/diff [<tag or stage>]"},
    "cmd.diff.about": {"zh": "自某标签以来的变化", "en": "what changed since a tag"},
    "cmd.contribute.usage": {
        "zh": "/contribute <条款编号> <条文>（可多行；或回复一条消息）",
        "en": "/contribute <clause> <text> (several lines allowed; or reply to a message)",
    },
    "cmd.contribute.about": {"zh": "为条款补充条文", "en": "propose text for a clause"},
    "cmd.note.usage": {
        "zh": "/note [<部分> <文本>]（部分：一…十二 或 1–12；/note replace <部分> <文本> 整节改写）",
        "en": "/note [<section> <text>] (section: 一…十二 or 1–12; /note replace <section> <text> "
        "rewrites it)",
    },
    "cmd.note.about": {"zh": "撰写编制说明", "en": "write the explanatory note"},
    "cmd.replace.usage": {
        "zh": "/replace <条款编号> <新条文>",
        "en": "/replace <clause> <new wording>",
    },
    "cmd.replace.about": {"zh": "提议整条改写", "en": "propose a new wording of a clause"},
    "cmd.withdraw.usage": {"zh": "/withdraw #<编号>", "en": "/withdraw #<n>"},
    "cmd.withdraw.about": {"zh": "撤回自己的文稿补充", "en": "withdraw your contribution"},
    "cmd.framework.usage": {
        "zh": "/framework 后每行：<编号> <标题>；或 /framework template",
        "en": "/framework then one line each: <number> <title>; or /framework template",
    },
    "cmd.framework.about": {"zh": "设置或扩充标准框架", "en": "set or extend the outline"},
    "cmd.assign.usage": {"zh": "/assign <条款编号> <单位>", "en": "/assign <clause> <unit>"},
    "cmd.assign.about": {"zh": "分配条款起草单位", "en": "assign a clause to a unit"},
    "cmd.accept.usage": {"zh": "/accept #<编号>", "en": "/accept #<n>"},
    "cmd.accept.about": {"zh": "采纳文稿补充", "en": "accept a contribution"},
    "cmd.reject.usage": {"zh": "/reject #<编号> <理由>", "en": "/reject #<n> <reason>"},
    "cmd.reject.about": {"zh": "不采纳文稿补充", "en": "reject a contribution"},
    "cmd.drafter.usage": {"zh": "/drafter <单位>", "en": "/drafter <unit>"},
    "cmd.drafter.about": {"zh": "指定框架起草单位", "en": "designate the framework drafter"},
    "cmd.policy.usage": {"zh": "/policy open|review", "en": "/policy open|review"},
    "cmd.policy.about": {
        "zh": "文稿即时并入或审核后并入",
        "en": "merge contributions at once or after review",
    },
    "cmd.advance.usage": {
        "zh": "/advance [| until <时间>] [| rule <规则>]",
        "en": "/advance [| until <when>] [| rule <rule>]",
    },
    "cmd.advance.about": {"zh": "推进到下一阶段", "en": "move the project to its next stage"},
}

MESSAGES |= {
    "cmd.ballot.usage": {
        "zh": "/ballot <议题> [| until <时间>] [| rule <规则>] [| secret]",
        "en": "/ballot <question> [| until <when>] [| rule <rule>] [| secret]",
    },
    "cmd.ballot.about": {"zh": "发起表决", "en": "open a yes/no/abstain ballot"},
    "cmd.elect.usage": {
        "zh": "/elect <单位> | <单位> [| …] [| until <时间>]",
        "en": "/elect <unit> | <unit> [| …] [| until <when>]",
    },
    "cmd.elect.about": {"zh": "选举框架起草单位", "en": "elect the framework drafter"},
    "cmd.vote.usage": {
        "zh": "/vote B<编号> yes|no|abstain [<意见>]（选举：/vote B<编号> <单位>）",
        "en": "/vote B<n> yes|no|abstain [<comment>] (election: /vote B<n> <unit>)",
    },
    "cmd.vote.about": {"zh": "代表本单位投票", "en": "vote for your unit"},
    "cmd.close.usage": {"zh": "/close B<编号>", "en": "/close B<n>"},
    "cmd.close.about": {"zh": "提前结束投票", "en": "close a ballot early"},
    "cmd.ballots.usage": {"zh": "/ballots", "en": "/ballots"},
    "cmd.ballots.about": {"zh": "进行中与最近的投票", "en": "open and recent ballots"},
}

MESSAGES |= {
    "cmd.patent.usage": {
        "zh": "/patent（私聊逐步填写）| /patent none | free <专利号…> | rand <专利号…> | pool <专利池> | <专利号…> | refuse <专利号…>",
        "en": "/patent (step-by-step in a private chat) | /patent none | free <numbers…> | rand <numbers…> | "
        "pool <pool> | <numbers…> | refuse <numbers…>",
    },
    "cmd.patent.about": {
        "zh": "声明本单位的专利许可承诺",
        "en": "declare your unit's patent commitment",
    },
    "cmd.patents.usage": {"zh": "/patents", "en": "/patents"},
    "cmd.patents.about": {"zh": "专利许可承诺登记簿", "en": "the patent commitment register"},
}

MESSAGES |= {
    "cmd.comment.usage": {
        "zh": "/comment <条款编号> <理由>（可另起一行：=> <建议条文>）；本单位无意见：/comment none",
        "en": "/comment <clause> <reason> (optionally a line: => <proposed text>); "
        "no comments from your unit: /comment none",
    },
    "cmd.comment.about": {"zh": "对征求意见稿提意见", "en": "comment on the consultation draft"},
    "cmd.comments.usage": {"zh": "/comments [open]", "en": "/comments [open]"},
    "cmd.comments.about": {"zh": "征求意见汇总处理表", "en": "the comment resolution table"},
    "cmd.resolve.usage": {
        "zh": "/resolve C<编号>|O<编号> accept|partial|reject <说明>（部分采纳、不采纳须说明）",
        "en": "/resolve C<n>|O<n> accept|partial|reject <note> (partial and reject need the note)",
    },
    "cmd.resolve.about": {"zh": "记录处理意见", "en": "record a disposition"},
    "cmd.publish.usage": {
        "zh": "/publish <标准编号> [| <实施日期 YYYY-MM-DD>]",
        "en": "/publish <standard number> [| <effective date YYYY-MM-DD>]",
    },
    "cmd.publish.about": {"zh": "发布标准", "en": "publish the standard"},
    "cmd.meta.usage": {
        "zh": "/meta [en|ics|ccs|replaces|proposer|owner <内容>]（- 清除）",
        "en": "/meta [en|ics|ccs|replaces|proposer|owner <value>] (- clears)",
    },
    "cmd.meta.about": {"zh": "封面与前言信息", "en": "the cover's and the foreword's facts"},
}

MESSAGES |= {
    "cmd.deadline.usage": {
        "zh": "/deadline <条款>|consultation|patents|B<编号> <时间>|off",
        "en": "/deadline <clause>|consultation|patents|B<n> <when>|off",
    },
    "cmd.deadline.about": {"zh": "设定或取消截止时间", "en": "set or remove a deadline"},
    "cmd.deadlines.usage": {"zh": "/deadlines", "en": "/deadlines"},
    "cmd.deadlines.about": {"zh": "即将到来的截止时间", "en": "upcoming deadlines"},
}

MESSAGES |= {
    "cmd.export.usage": {
        "zh": "/export [md|html|docx|pdf|comments|form|package]  |  /export redline [<自标签或阶段> [<至标签或阶段>]]",
        "en": "/export [md|html|docx|pdf|comments|form|package]  |  "
        "/export redline [<from tag or stage> [<to tag or stage>]]",
    },
    "cmd.export.about": {"zh": "导出文稿与报批材料", "en": "export the draft and its package"},
    "cmd.meeting.usage": {
        "zh": "/meeting  |  /meeting <时间> | <地点或视频会议链接> [| 紧急]  |  /meeting vote [| until <时间>]  |  /meeting cancel",
        "en": "/meeting  |  /meeting <when> | <place or video link> [| urgent]  |  "
        "/meeting vote [| until <when>]  |  /meeting cancel",
    },
    "cmd.meeting.about": {"zh": "审查会：安排、查看、表决", "en": "the review meeting"},
    "cmd.checkin.usage": {"zh": "/checkin", "en": "/checkin"},
    "cmd.checkin.about": {"zh": "审查会开始签到", "en": "open the review meeting's check-in"},
    "cmd.attend.usage": {
        "zh": "/attend <姓名> | <单位> [| <职务/职称>]",
        "en": "/attend <name> | <unit or affiliation> [| <title or post>]",
    },
    "cmd.attend.about": {"zh": "登记无 Telegram 的出席人员", "en": "record someone present"},
    "cmd.opinion.usage": {
        "zh": "/opinion <条款> <审查意见>，可另起一行写 => <建议条文>",
        "en": "/opinion <clause> <opinion>, optionally a line => <proposed text>",
    },
    "cmd.opinion.about": {"zh": "记录审查意见", "en": "record a review opinion"},
    "cmd.opinions.usage": {"zh": "/opinions", "en": "/opinions"},
    "cmd.opinions.about": {"zh": "审查意见及其处理", "en": "the review opinions"},
    "cmd.minutes.usage": {"zh": "/minutes <纪要内容>", "en": "/minutes <text>"},
    "cmd.minutes.about": {"zh": "记入审查会纪要", "en": "add to the meeting's minutes"},
    "cmd.conclude.usage": {
        "zh": "/conclude pass|revise|fail [<说明>]（通过 / 修改后通过 / 不通过）",
        "en": "/conclude pass|revise|fail [<text>]",
    },
    "cmd.conclude.about": {"zh": "审查结论", "en": "the review meeting's conclusion"},
    "cmd.review.usage": {
        "zh": "/review letter [| until <时间>]（函审）",
        "en": "/review letter [| until <when>] (by correspondence)",
    },
    "cmd.review.about": {"zh": "以函审方式审查", "en": "review by correspondence"},
    "cmd.terminate.usage": {"zh": "/terminate <理由>", "en": "/terminate <reason>"},
    "cmd.terminate.about": {"zh": "终止项目", "en": "end the project"},
    "cmd.expert.usage": {
        "zh": "/expert add <姓名> | <单位> | <职务/职称> [| @用户名]  |  /expert remove <姓名>  |  "
        "/expert vote B<编号> <姓名> yes|no|abstain（代无 Telegram 的专家登记表决）",
        "en": "/expert add <name> | <affiliation> | <title or post> [| @user]  |  "
        "/expert remove <name>  |  /expert vote B<n> <name> yes|no|abstain (for an expert "
        "without Telegram)",
    },
    "cmd.expert.about": {"zh": "管理审查专家组", "en": "the expert panel"},
    "cmd.experts.usage": {"zh": "/experts", "en": "/experts"},
    "cmd.experts.about": {"zh": "审查专家组", "en": "the expert panel"},
}
