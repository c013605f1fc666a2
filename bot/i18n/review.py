"""The collective review: the review meeting, review opinions, review by correspondence, and the
end of a project."""

MESSAGES: dict[str, dict[str, str]] = {
    "meeting.notice": {
        "zh": "📋 审查会通知（第 {n} 次）：《{title}》送审稿审查会\n时间：{when}\n地点：{place}{urgent}\n"
        "审查单位（应到 {body} 个）：{units}\n审查材料（版本库标签 {tag}）随后发送：送审稿、编制说明、征求意见汇总处理表。\n"
        "请各单位代表用下方按钮回复 参加 / 请假。",
        "en": "📋 Review meeting notice (no. {n}): review of the draft of “{title}”\nWhen: {when}\n"
        "Where: {place}{urgent}\nReviewing units ({body}): {units}\nThe materials (repository tag "
        "{tag}) follow: the review draft, the explanatory note, the comment resolution table.\n"
        "Representatives: please answer Attend / Excused with the buttons below.",
    },
    "meeting.urgent": {
        "zh": "\n⚠️ 紧急会议：短于 {days} 天的材料提前期，纪要将予记录。",
        "en": "\n⚠️ Urgent: sooner than the {days}-day notice period; the minutes record it.",
    },
    "meeting.notice.direct": {
        "zh": "📋 {code} 送审稿审查会将于 {when} 召开，地点：{place}。审查材料附后；请在项目群中回复参加或请假。",
        "en": "📋 The review meeting of {code} is at {when}, {place}. The materials follow; please "
        "answer Attend or Excused in the project's group.",
    },
    "meeting.card": {
        "zh": "审查会（第 {n} 次）：{status}\n时间：{when}\n地点：{place}{urgent}\n应到 {body} 个单位，实到 {present}（表决需 ≥{quorum}）",
        "en": "Review meeting no. {n}: {status}\nWhen: {when}\nWhere: {place}{urgent}\n"
        "Reviewing units {body}, present {present} (a vote needs ≥{quorum})",
    },
    "meeting.card.urgent": {"zh": "（紧急）", "en": " (urgent)"},
    "meeting.card.answers": {
        "zh": "参加：{attend}\n请假：{excused}\n未回复：{silent}",
        "en": "Attending: {attend}\nExcused: {excused}\nNot answered: {silent}",
    },
    "meeting.card.person": {
        "zh": "✔ {name}（{affiliation}）{when}",
        "en": "✔ {name} ({affiliation}) {when}",
    },
    "meeting.card.vote": {"zh": "表决：B{n}（{status}）", "en": "Vote: B{n} ({status})"},
    "meeting.card.conclusion": {
        "zh": "审查结论：{conclusion} {text}",
        "en": "Conclusion: {conclusion} {text}",
    },
    "meeting.status.scheduled": {"zh": "已通知", "en": "scheduled"},
    "meeting.status.checkin": {"zh": "签到中", "en": "checking in"},
    "meeting.status.voting": {"zh": "表决", "en": "voting"},
    "meeting.status.concluded": {"zh": "已结束", "en": "concluded"},
    "meeting.status.cancelled": {"zh": "已取消", "en": "cancelled"},
    "button.attend": {"zh": "参加", "en": "Attend"},
    "button.excused": {"zh": "请假", "en": "Excused"},
    "button.checkin": {"zh": "签到", "en": "Check in"},
    "answer.attend": {"zh": "参加", "en": "attending"},
    "answer.excused": {"zh": "请假", "en": "excused"},
    "meeting.answered": {
        "zh": "已记录：{unit} {answer}审查会。",
        "en": "Recorded: {unit} — {answer}.",
    },
    "meeting.checkin_posted": {
        "zh": "审查会（第 {n} 次）开始签到：各审查单位代表请按「签到」。无 Telegram 的出席人员由秘书用 /attend 登记。",
        "en": "Review meeting no. {n}: check-in is open. Representatives of the reviewing units, "
        "press Check in; the secretary records people without Telegram with /attend.",
    },
    "meeting.checked_in": {
        "zh": "{name}（{unit}）已签到，{when}。",
        "en": "{name} ({unit}) checked in at {when}.",
    },
    "meeting.attended": {
        "zh": "已登记出席：{name}（{affiliation}）{counts}",
        "en": "Recorded present: {name} ({affiliation}) {counts}",
    },
    "meeting.attended.counts": {
        "zh": "，计入审查单位 {unit}。",
        "en": "— counts for the reviewing unit {unit}.",
    },
    "meeting.attended.expert": {
        "zh": "，专家组专家，计入实到。",
        "en": "— an expert of the panel, counted present.",
    },
    "meeting.attended.guest": {
        "zh": "，列席（不属审查单位，不计入应到、实到）。",
        "en": "— as a guest (not of a reviewing unit: not counted in the quorum).",
    },
    "ballot.title.meeting": {
        "zh": "审查会议表决 B{n}：送审稿是否通过审查（出席单位表决）",
        "en": "Review meeting vote B{n}: does the draft pass its review (units present vote)",
    },
    "meeting.vote_line": {
        "zh": "签到结束：应到 {body} 个单位，实到 {present}，达到法定人数（≥{needed}）。出席单位表决，同意票须不少于出席单位的 3/4。",
        "en": "Check-in closed: {present} of {body} reviewing units present, a quorum (≥{needed}). "
        "The units present vote; a pass needs yes from at least 3/4 of them.",
    },
    "meeting.concluded": {
        "zh": "审查会（第 {n} 次）结论：{conclusion}。{next}",
        "en": "Review meeting no. {n} concluded: {conclusion}. {next}",
    },
    "meeting.next.pass": {
        "zh": "主席可用 /advance 进入报批稿阶段。",
        "en": "The chair may now /advance to approval.",
    },
    "meeting.next.revise": {
        "zh": "起草组按审查意见修改后，所有审查意见有处理意见时，主席可用 /advance 进入报批稿阶段。",
        "en": "Once the drafters have revised the draft and every review opinion has a "
        "disposition, the chair may /advance to approval.",
    },
    "meeting.next.fail": {
        "zh": "项目仍处于送审稿阶段；可修改后重新审查（/meeting 或 /review letter）。",
        "en": "The project stays in review; revise and review again (/meeting or /review letter).",
    },
    "meeting.cancelled": {
        "zh": "审查会（第 {n} 次）已取消。",
        "en": "Review meeting no. {n} is cancelled.",
    },
    "minutes.recorded": {
        "zh": "已记入审查会（第 {n} 次）纪要。",
        "en": "Added to the minutes of review meeting no. {n}.",
    },
    "conclusion.pass": {"zh": "通过", "en": "pass"},
    "conclusion.revise": {"zh": "修改后通过", "en": "pass after revision"},
    "conclusion.fail": {"zh": "不通过", "en": "fail"},
    "meeting.not_review": {
        "zh": "项目处于「{stage}」阶段：审查只在送审稿阶段进行。",
        "en": "The project is at the {stage} stage: the review takes place in review.",
    },
    "meeting.already": {
        "zh": "审查会（第 {n} 次）尚未结束：先结束或取消它（/meeting cancel）。",
        "en": "Review meeting no. {n} is still open: conclude or cancel it first (/meeting cancel).",
    },
    "meeting.letter_open": {
        "zh": "函审投票 B{n} 正在进行：审查会要待它结束后召开。",
        "en": "The review by correspondence B{n} is open: a meeting waits until it closes.",
    },
    "meeting.too_soon": {
        "zh": "审查材料应在会前送达：最早可安排在 {earliest}。确需提前召开，请在命令末尾加 | 紧急。",
        "en": "The materials must reach the units in time: the earliest allowed is {earliest}. "
        "For an urgent meeting add | urgent.",
    },
    "meeting.none": {
        "zh": "还没有审查会：主席可用 /meeting <时间> | <地点或视频会议链接> 安排。",
        "en": "There is no review meeting: the chair schedules one with /meeting <when> | <place "
        "or video link>.",
    },
    "meeting.not_in_body": {
        "zh": "审查会（第 {n} 次）由起草工作组的表决单位审查：您不是其中任一单位的代表。",
        "en": "Review meeting no. {n} is reviewed by the working group's voting units: you do "
        "not represent one of them.",
    },
    "meeting.answers_over": {
        "zh": "审查会（第 {n} 次）已开始表决或已结束，不再回复参加或请假。",
        "en": "Review meeting no. {n} has voted or ended: answers are closed.",
    },
    "meeting.checkin_over": {
        "zh": "审查会（第 {n} 次）已开始表决，签到已结束。",
        "en": "Review meeting no. {n} has opened its vote: check-in is over.",
    },
    "meeting.checkin_closed": {
        "zh": "审查会（第 {n} 次）现在不能签到（主席用 /checkin 开始签到，表决开始时签到结束）。",
        "en": "Review meeting no. {n} is not checking in now (the chair opens check-in with "
        "/checkin; it closes when the vote opens).",
    },
    "meeting.checked_in_before": {
        "zh": "您已于 {when} 签到。",
        "en": "You checked in at {when} already.",
    },
    "meeting.attend_after_vote": {
        "zh": "审查会（第 {n} 次）已开始表决：出席登记已结束。",
        "en": "Review meeting no. {n} has opened its vote: attendance is closed.",
    },
    "meeting.vote_opened": {
        "zh": "审查会（第 {n} 次）的表决已经开始。",
        "en": "Review meeting no. {n} has opened its vote already.",
    },
    "meeting.no_quorum": {
        "zh": "不足法定人数，不能表决：应到 {body} 个单位，实到 {present}，需至少 {needed}（2/3）。会议须另行召开。",
        "en": "No quorum, no vote: {present} of {body} reviewing units present, at least "
        "{needed} (2/3) needed. The meeting must be held again.",
    },
    "meeting.no_vote": {
        "zh": "审查会（第 {n} 次）还没有表决：先用 /meeting vote。",
        "en": "Review meeting no. {n} has not voted: /meeting vote first.",
    },
    "meeting.vote_still_open": {
        "zh": "表决 B{n} 尚未结束：结束后（/close B{n}）再作结论。",
        "en": "The vote B{n} is still open: conclude once it has closed (/close B{n}).",
    },
    "meeting.conclusion_contradicts": {
        "zh": "结论与表决不一致：B{n} {outcome}，不能作出「{conclusion}」的结论。",
        "en": "The conclusion contradicts the vote: B{n} {outcome}, so it cannot be “{conclusion}”.",
    },
    "opinion.recorded": {
        "zh": "已记录审查意见 O{n}（{number}）。",
        "en": "Review opinion O{n} on {number} recorded.",
    },
    "opinion.resolved": {
        "zh": "O{n} 的处理意见：{disposition}。",
        "en": "O{n} is now {disposition}.",
    },
    "opinion.unknown": {"zh": "没有审查意见 O{n}。", "en": "There is no review opinion O{n}."},
    "opinions.none": {"zh": "还没有审查意见。", "en": "No review opinions yet."},
    "opinions.row": {
        "zh": "O{n} · {number} · {text} · {proposed} · {disposition}",
        "en": "O{n} · {number} · {text} · {proposed} · {disposition}",
    },
    "advance.meeting_open": {
        "zh": "审查会（第 {n} 次）尚未作出结论：先 /conclude，或 /meeting cancel 后改为函审。",
        "en": "Review meeting no. {n} has no conclusion yet: /conclude first, or /meeting cancel "
        "and review by correspondence.",
    },
    "advance.opinions_open": {
        "zh": "结论为修改后通过：以下审查意见尚无处理意见：{opinions}（/resolve O<编号> accept|partial|reject <说明>）",
        "en": "The conclusion was pass after revision: these review opinions have no "
        "disposition yet: {opinions} (/resolve O<n> accept|partial|reject <note>)",
    },
    "advance.meeting_passed_no_ballot": {
        "zh": "审查会已通过：进入报批稿无需投票，请直接 /advance。",
        "en": "The review meeting passed: approval needs no ballot; just /advance.",
    },
    "next.review": {
        "zh": "集体审查：主席用 /meeting <时间> | <地点> 安排审查会，或用 /review letter 函审。",
        "en": "The collective review: the chair schedules a meeting with /meeting <when> | "
        "<place>, or reviews by correspondence with /review letter.",
    },
    "target.meeting": {"zh": "审查会（第 {n} 次）", "en": "review meeting no. {n}"},
    "reminder.meeting": {
        "zh": "⏰ {target} 将于 {when} 召开（还有 {left}），地点：{place}。尚未回复参加/请假：{units}。{people}",
        "en": "⏰ {target} is at {when} ({left} left), {place}. Not yet answered Attend/Excused: "
        "{units}. {people}",
    },
    "reminder.meeting.direct": {
        "zh": "⏰ {code} 的{target}将于 {when} 召开（还有 {left}）：请在项目群中回复参加或请假。",
        "en": "⏰ {target} of {code} is at {when} ({left} left): please answer Attend or Excused "
        "in the project's group.",
    },
    "review.letter_opened": {
        "zh": "函审开始：各表决单位以投票回函，回函率须 ≥2/3，且同意票须 ≥ 回函单位的 3/4。",
        "en": "Review by correspondence: the voting units answer by ballot; at least 2/3 must "
        "return it, and 3/4 of the returns agree.",
    },
    "project.terminated": {
        "zh": "项目 {code} 已终止：不再接受修改（仍可查看和导出）。",
        "en": "Project {code} has ended: it takes no more changes (it can still be read and "
        "exported).",
    },
    "terminate.done": {
        "zh": "项目 {code} 已终止（{reason}）。已关闭的投票：{ballots}；截止时间和提醒已停止；版本库已打标签 terminated。",
        "en": "Project {code} has ended ({reason}). Ballots closed: {ballots}; deadlines and "
        "reminders stopped; the repository is tagged terminated.",
    },
    "outcome.terminated": {"zh": "项目终止，未计票", "en": "ended with the project, uncounted"},
}
MESSAGES.update(
    {
        "expert.added": {
            "zh": "已列入专家组：{name}（{affiliation}）{title}{vote}",
            "en": "On the expert panel: {name} ({affiliation}) {title}{vote}",
        },
        "expert.no_vote": {
            "zh": "；所在单位是起草单位，不参加表决。",
            "en": "; of a drafting unit, so does not vote.",
        },
        "expert.removed": {
            "zh": "已从专家组中移除：{name}。",
            "en": "Removed from the expert panel: {name}.",
        },
        "expert.exists": {"zh": "专家组中已有 {name}。", "en": "{name} is on the panel already."},
        "expert.unknown": {"zh": "专家组中没有 {name}。", "en": "{name} is not on the panel."},
        "experts.none": {
            "zh": "专家组还没有专家：主席或秘书处用 /expert add <姓名> | <单位> | <职务/职称> [| @用户名] 添加。",
            "en": "The expert panel is empty: the chair or secretariat adds experts with "
            "/expert add <name> | <affiliation> | <title> [| @user].",
        },
        "experts.header": {
            "zh": "专家组（{count}）：{mode}",
            "en": "Expert panel ({count}): {mode}",
        },
        "experts.mode.panel": {
            "zh": "本联盟由专家组审查",
            "en": "this alliance reviews by its expert panel",
        },
        "experts.mode.units": {
            "zh": "本联盟由工作组表决单位审查（MANUSCRIPT_REVIEW_BODY=units），专家组仅供参考",
            "en": "this alliance reviews by the working group's voting units "
            "(MANUSCRIPT_REVIEW_BODY=units); the panel is for reference",
        },
        "experts.row": {
            "zh": "{name} · {affiliation} · {title} · {user}{vote}",
            "en": "{name} · {affiliation} · {title} · {user}{vote}",
        },
        "experts.no_vote": {
            "zh": " · 不表决（起草单位）",
            "en": " · does not vote (drafting unit)",
        },
        "expert.not_panel_review": {
            "zh": "本联盟由工作组表决单位审查（MANUSCRIPT_REVIEW_BODY=units）：专家不单独表决。",
            "en": "This alliance reviews by the working group's units (MANUSCRIPT_REVIEW_BODY=units): "
            "experts do not vote apart.",
        },
        "expert.votes_in_person": {
            "zh": "{name} 以 @{user} 登记，请本人用表决消息下的按钮投票。",
            "en": "{name} is listed as @{user}: they vote in person with the buttons.",
        },
        "expert.vote_not_meeting": {
            "zh": "B{n} 不是审查会议表决：专家的表决只在审查会上记录。",
            "en": "B{n} is not a review meeting's vote: an expert's vote is recorded only there.",
        },
        "meeting.not_on_panel": {
            "zh": "审查会（第 {n} 次）由专家组审查：您不是专家组中参加表决的专家（专家以 Telegram 用户名登记）。",
            "en": "Review meeting no. {n} is reviewed by the expert panel: you are not one of its "
            "voting experts (experts are listed by their Telegram username).",
        },
    }
)
