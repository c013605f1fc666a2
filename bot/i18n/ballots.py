"""Ballots, votes and results."""

MESSAGES: dict[str, dict[str, str]] = {
    "ballot.title.motion": {"zh": "投票 B{n}：{question}", "en": "Ballot B{n}: {question}"},
    "ballot.title.stage": {
        "zh": "阶段投票 B{n}：是否进入「{stage}」阶段",
        "en": "Stage ballot B{n}: move to the {stage} stage?",
    },
    "ballot.title.election": {
        "zh": "选举 B{n}：框架起草单位",
        "en": "Election B{n}: the framework drafter",
    },
    "ballot.rule": {"zh": "规则：{rule}{secret}", "en": "Rule: {rule}{secret}"},
    "ballot.secret": {"zh": "（无记名）", "en": " (secret)"},
    "ballot.until": {"zh": "截止：{when}", "en": "Closes: {when}"},
    "ballot.no_deadline": {
        "zh": "无截止时间（主席用 /close 结束）",
        "en": "No deadline (the chair closes it with /close)",
    },
    "ballot.needs": {
        "zh": "需 {needs}；已投 {cast}/{eligible}",
        "en": "Needs {needs}; voted {cast}/{eligible}",
    },
    "ballot.counts": {
        "zh": "同意 {yes} · 不同意 {no} · 弃权 {abstain}",
        "en": "yes {yes} · no {no} · abstain {abstain}",
    },
    "ballot.candidate": {"zh": "• {unit}：{votes} 票", "en": "• {unit}: {votes} vote(s)"},
    "ballot.voted": {"zh": "已投票：{units}", "en": "Voted: {units}"},
    "ballot.waiting": {"zh": "未投票：{units}", "en": "Not yet voted: {units}"},
    "need.Y.min": {"zh": "≥{bound} 同意", "en": "≥{bound} yes"},
    "need.Y.max": {"zh": "≤{bound} 同意", "en": "≤{bound} yes"},
    "need.N.min": {"zh": "≥{bound} 不同意", "en": "≥{bound} no"},
    "need.N.max": {"zh": "≤{bound} 不同意", "en": "≤{bound} no"},
    "need.A.min": {"zh": "≥{bound} 弃权", "en": "≥{bound} abstain"},
    "need.A.max": {"zh": "≤{bound} 弃权", "en": "≤{bound} abstain"},
    "need.P.min": {"zh": "≥{bound} 参与", "en": "≥{bound} voting"},
    "need.P.max": {"zh": "≤{bound} 参与", "en": "≤{bound} voting"},
    "base.E": {"zh": "有表决权单位", "en": "eligible"},
    "base.P": {"zh": "参与", "en": "voting"},
    "base.D": {"zh": "同意+不同意", "en": "yes+no"},
    "base.N": {"zh": "不同意", "en": "no"},
    "button.yes": {"zh": "同意", "en": "Yes"},
    "button.no": {"zh": "不同意", "en": "No"},
    "button.abstain": {"zh": "弃权", "en": "Abstain"},
    "button.candidate": {"zh": "选 {unit}", "en": "Elect {unit}"},
    "choice.yes": {"zh": "同意", "en": "yes"},
    "choice.no": {"zh": "不同意", "en": "no"},
    "choice.abstain": {"zh": "弃权", "en": "abstain"},
    "vote.recorded": {
        "zh": "已记录 {unit} 在 B{n} 的投票：{choice}",
        "en": "Recorded {unit}'s vote on B{n}: {choice}",
    },
    "vote.later_stands": {
        "zh": "未计入：{unit} 在 B{n} 已有一张更晚发出的投票（{choice}），这张较早的投票不改变它。",
        "en": "Not counted: {unit} already has a vote on B{n} sent after this one ({choice}); "
        "this earlier vote does not change it.",
    },
    "vote.why_not": {
        "zh": "{who}：阶段投票的「不同意」须说明理由。请直接回复本消息写明理由，理由送达后投票才生效（B{n}）。",
        "en": "{who}: a “no” on a stage ballot needs a comment. Reply to this message with your "
        "reason; the vote counts once it arrives (B{n}).",
    },
    "vote.no_needs_comment": {
        "zh": "阶段投票投「不同意」须附理由：/vote B{n} no <理由>",
        "en": "A “no” on a stage ballot needs a comment: /vote B{n} no <reason>",
    },
    "vote.not_eligible": {
        "zh": "{unit} 不在 B{n} 的表决单位名单中（名单在投票开始时确定）。",
        "en": "{unit} is not in the electorate of B{n} (fixed when the ballot opened).",
    },
    "vote.bad_choice": {
        "zh": "请选择 yes/no/abstain（同意/不同意/弃权）：/vote B{n} yes",
        "en": "Choose yes, no or abstain: /vote B{n} yes",
    },
    "vote.not_candidate": {
        "zh": "该单位不是 B{n} 的候选单位。",
        "en": "That unit is not a candidate in B{n}.",
    },
    "ballot.unknown": {"zh": "没有投票 B{n}。", "en": "There is no ballot B{n}."},
    "ballot.closed": {"zh": "投票 B{n} 已结束。", "en": "Ballot B{n} is closed."},
    "ballot.stage_open": {
        "zh": "阶段投票 B{n} 尚在进行中。",
        "en": "The stage ballot B{n} is still open.",
    },
    "ballot.bad_rule": {
        "zh": "不认识的表决规则「{rule}」。可用：consensus、majority、two-thirds、three-quarters、committee、"
        "ieee、oasis-special，或 quorum=3/4 approve=2/3/cast oppose<=1/4/cast",
        "en": "Unknown voting rule “{rule}”. Use consensus, majority, two-thirds, three-quarters, "
        "committee, ieee, oasis-special, or quorum=3/4 approve=2/3/cast oppose<=1/4/cast",
    },
    "ballot.no_electorate": {
        "zh": "没有可投票的单位：起草工作组中还没有表决单位（/wg add <单位>）。",
        "en": "Nobody could vote: the working group has no voting units yet (/wg add <unit>).",
    },
    "when.bad": {
        "zh": "「{when}」不是时间。可写 2027-03-01、2027-03-01 18:00，或 90m、36h、3d、2w。",
        "en": "“{when}” is not a time. Write 2027-03-01, 2027-03-01 18:00, or 90m, 36h, 3d, 2w.",
    },
    "when.past": {"zh": "「{when}」已经过去了。", "en": "“{when}” has passed already."},
    "election.too_late": {
        "zh": "项目已处于「{stage}」阶段，不再选举框架起草单位。",
        "en": "The project is at the {stage} stage; the framework drafter is no longer elected.",
    },
    "election.repeated": {
        "zh": "候选单位重复了。",
        "en": "A candidate is named twice.",
    },
    "advance.no_ballot": {
        "zh": "进入「{stage}」无需投票：请直接发送 /advance。",
        "en": "Entering the {stage} stage needs no ballot: send /advance alone.",
    },
    "ballots.none": {"zh": "本项目还没有投票。", "en": "This project has no ballots yet."},
    "ballots.open": {"zh": "进行中", "en": "open"},
    "ballots.line": {
        "zh": "• {title} — {status}（已投 {cast}/{eligible}）",
        "en": "• {title} — {status} (voted {cast}/{eligible})",
    },
    "outcome.passed": {"zh": "通过", "en": "passed"},
    "outcome.failed": {"zh": "未通过", "en": "failed"},
    "outcome.elected": {"zh": "已选出", "en": "elected"},
    "outcome.no_winner": {"zh": "无人当选", "en": "no winner"},
    "result.passed": {"zh": "✅ 已结束，通过 — {title}", "en": "✅ Closed, passed — {title}"},
    "result.failed": {"zh": "❌ 已结束，未通过 — {title}", "en": "❌ Closed, failed — {title}"},
    "result.elected": {"zh": "✅ 选举结束 — {title}", "en": "✅ Election closed — {title}"},
    "result.no_winner": {
        "zh": "⚠️ 选举结束，无人当选 — {title}",
        "en": "⚠️ Election closed, no winner — {title}",
    },
    "result.winner": {
        "zh": "当选：{unit}，成为框架起草单位。",
        "en": "Elected: {unit}, now the framework drafter.",
    },
    "result.no_quorum": {
        "zh": "参与单位不足法定人数；请主席用 /drafter 指定。",
        "en": "Too few units voted for the quorum; the chair designates with /drafter.",
    },
    "result.tie": {
        "zh": "得票最多的候选单位票数相同；请主席用 /drafter 指定。",
        "en": "The leading candidates are tied; the chair designates with /drafter.",
    },
    "result.no_votes": {
        "zh": "没有单位投给候选单位；请主席用 /drafter 指定。",
        "en": "No unit voted for a candidate; the chair designates with /drafter.",
    },
    "result.participation": {
        "zh": "参与 {cast}/{eligible}，其中弃权 {abstain}",
        "en": "Voted {cast}/{eligible}, of which {abstain} abstained",
    },
    "result.tally": {
        "zh": "同意 {yes}，不同意 {no}，弃权 {abstain}；参与 {cast}/{eligible}",
        "en": "Yes {yes}, no {no}, abstain {abstain}; voted {cast}/{eligible}",
    },
    "result.condition": {
        "zh": "{mark} {need}（{fraction} × {base} {base_value}）：实际 {value}",
        "en": "{mark} {need} ({fraction} × {base} {base_value}): actual {value}",
    },
    "result.condition.plain": {
        "zh": "{mark} {need}：实际 {value}",
        "en": "{mark} {need}: actual {value}",
    },
    "result.why": {"zh": "未达到：{needs}", "en": "Not met: {needs}"},
    "result.entered": {
        "zh": "项目已进入「{stage}」阶段。",
        "en": "The project is now at the {stage} stage.",
    },
}
