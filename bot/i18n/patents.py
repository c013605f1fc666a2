"""Patent licensing commitments: the form, the register and the flags to the chair."""

MESSAGES: dict[str, dict[str, str]] = {
    "mode.free": {"zh": "免费许可", "en": "royalty-free (RAND-Free)"},
    "mode.rand": {"zh": "收费许可（RAND）", "en": "royalty-bearing (RAND)"},
    "mode.pool": {"zh": "专利池", "en": "patent pool"},
    "mode.pool.named": {"zh": "专利池「{pool}」", "en": "patent pool “{pool}”"},
    "mode.refuse": {"zh": "不同意许可", "en": "not willing to license"},
    "mode.none": {"zh": "无已知必要专利", "en": "no essential patents known"},
    "patent.status.granted": {"zh": "已授权", "en": "granted"},
    "patent.status.pending": {"zh": "申请中", "en": "pending"},
    "patent.open_private": {
        "zh": "专利许可声明在私聊中填写（{code}）：点下方按钮打开与机器人的私聊。也可在此直接发送 /patent none、/patent free <专利号…> 等。",
        "en": "Patent declarations are made in a private chat ({code}): press the button to open it. "
        "One-line forms such as /patent none or /patent free <numbers…> work here too.",
    },
    "button.declare": {"zh": "填写专利声明", "en": "Declare patents"},
    "button.cancel": {"zh": "取消", "en": "Cancel"},
    "button.confirm": {"zh": "确认提交", "en": "Confirm"},
    "button.project": {"zh": "{code}", "en": "{code}"},
    "button.essential_yes": {"zh": "有必要专利", "en": "Yes, we hold some"},
    "button.essential_no": {"zh": "据我所知没有", "en": "None known"},
    "patent.form.project": {
        "zh": "为哪个标准项目声明？",
        "en": "Which standard project is this declaration for?",
    },
    "patent.form.essential": {
        "zh": "{code}：贵单位是否持有您认为实施本标准所必要的专利？",
        "en": "{code}: does your unit hold patents it believes essential to this standard?",
    },
    "patent.form.patents": {
        "zh": "请逐行列出专利，每行一件：\n<专利号> | <名称> | <国家/地区> | <相关条款> | 已授权/申请中\n例如：ZL202110123456.7 | 一种闸阀密封结构 | CN | 4.1, 4.2 | 已授权",
        "en": "List the patents, one a line:\n<number> | <title> | <jurisdiction> | <related clauses> | granted/pending\n"
        "e.g. US10123456B2 | Gate valve seal | US | 4.1, 4.2 | granted",
    },
    "patent.form.mode": {"zh": "许可方式：", "en": "Licensing terms:"},
    "patent.form.pool": {"zh": "请发送专利池的名称。", "en": "Send the name of the patent pool."},
    "patent.form.summary": {
        "zh": "请核对（{code}）：{mode}",
        "en": "Please check ({code}): {mode}",
    },
    "patent.form.confirm": {
        "zh": "确认提交后将记入登记簿；取消则不保存任何内容。",
        "en": "Confirm to record it in the register; cancel and nothing is stored.",
    },
    "patent.form.answered": {"zh": "（已回答）", "en": "(answered)"},
    "patent.form.cancelled": {
        "zh": "已取消，未保存任何内容。",
        "en": "Cancelled; nothing was stored.",
    },
    "patent.form.none": {
        "zh": "没有进行中的专利声明。发送 /patent 重新开始。",
        "en": "There is no declaration in progress. Send /patent to start again.",
    },
    "patent.form.other_step": {
        "zh": "这个按钮属于之前的步骤；请按最新一条消息操作，或发送 /patent 重新开始。",
        "en": "That button belongs to an earlier step; use the latest message, or send /patent to start again.",
    },
    "patent.form.use_buttons": {
        "zh": "请用上一条消息下方的按钮回答（或发送 /patent 重新开始）。",
        "en": "Please answer with the buttons under the last message (or send /patent to start again).",
    },
    "patent.form.patents_needed": {
        "zh": "请至少列出一件专利，每行一件。",
        "en": "List at least one patent, one a line.",
    },
    "patent.form.pool_name": {
        "zh": "专利池名称不能为空，且不超过 100 字。",
        "en": "The pool's name must not be empty nor over 100 characters.",
    },
    "patent.form.no_project": {
        "zh": "贵单位目前没有可声明的项目（观察员单位只在参与的项目中声明）。",
        "en": "Your unit has no project to declare for (observer units declare in projects they take part in).",
    },
    "patent.form.no_such_project": {
        "zh": "贵单位不能在该项目中声明。",
        "en": "Your unit cannot declare in that project.",
    },
    "patent.dm_which_project": {
        "zh": "贵单位参与多个项目（或没有参与项目）：请在项目群里发送该命令，或发送 /patent 逐步填写。",
        "en": "Your unit takes part in several projects (or none): send this in the project's group, "
        "or send /patent for the step-by-step form.",
    },
    "patent.lines.invalid": {
        "zh": "未保存，以下行有误：\n{lines}\n每行格式：<专利号> | <名称> | <国家/地区> | <相关条款> | 已授权/申请中",
        "en": "Nothing stored; these lines are wrong:\n{lines}\n"
        "Each line: <number> | <title> | <jurisdiction> | <related clauses> | granted/pending",
    },
    "patent.line.problem": {
        "zh": "第 {line} 行「{text}」：{reason}",
        "en": "line {line} “{text}”: {reason}",
    },
    "patent.line.fields": {
        "zh": "应有 5 栏，用 | 分隔",
        "en": "5 fields separated by | are needed",
    },
    "patent.line.number": {"zh": "专利号无效", "en": "the patent number is not valid"},
    "patent.line.repeated": {"zh": "专利号重复", "en": "the patent is listed twice"},
    "patent.line.title": {
        "zh": "缺少名称（或超过 200 字）",
        "en": "the title is missing (or over 200 characters)",
    },
    "patent.line.jurisdiction": {
        "zh": "国家/地区应为 CN、US、EP、JP、WO 等",
        "en": "the jurisdiction should be CN, US, EP, JP, WO …",
    },
    "patent.line.clauses": {
        "zh": "相关条款应为条款编号，如 4.1, 4.2",
        "en": "the related clauses should be clause numbers, e.g. 4.1, 4.2",
    },
    "patent.line.status": {
        "zh": "状态应为 已授权 或 申请中",
        "en": "the status should be granted or pending",
    },
    "patent.published": {
        "zh": "标准已发布，不再接收专利声明。",
        "en": "The standard is published; declarations are closed.",
    },
    "patent.observer_outside": {
        "zh": "观察员单位 {unit} 未参与项目 {code}，不能在其中声明。",
        "en": "The observer unit {unit} does not take part in {code} and cannot declare there.",
    },
    "patent.recorded": {
        "zh": "已登记 {unit} 在 {code} 的专利许可承诺：{mode}（专利 {count} 件）。",
        "en": "Recorded the patent commitment of {unit} in {code}: {mode} ({count} patent(s)).",
    },
    "patent.superseded": {
        "zh": "（取代此前的声明：{mode}；历史记录保留。）",
        "en": "(It supersedes the earlier declaration: {mode}; the history is kept.)",
    },
    "patent.flag.refuse": {
        "zh": "⚠️ {chairs}：{unit} 声明不同意许可（此前：{before}）。涉及条款：{clauses}。这些条款可能需要改写以避开该专利。",
        "en": "⚠️ {chairs}: {unit} is not willing to license (before: {before}). Clauses concerned: "
        "{clauses}. They may need redrafting to avoid the patent.",
    },
    "patent.flag.weakened": {
        "zh": "⚠️ {chairs}：{unit} 的专利许可承诺由「{before}」变为「{after}」。涉及条款：{clauses}。",
        "en": "⚠️ {chairs}: {unit} weakened its patent commitment from {before} to {after}. "
        "Clauses concerned: {clauses}.",
    },
    "patent.clauses_unknown": {
        "zh": "未注明（逐步填写的声明会写明相关条款）",
        "en": "not named (the step-by-step form names them)",
    },
    "patents.header": {
        "zh": "专利许可承诺登记（{count}）：",
        "en": "Patent commitments ({count}):",
    },
    "patents.entry": {
        "zh": "• {unit} — {mode} — {who}，{when}",
        "en": "• {unit} — {mode} — {who}, {when}",
    },
    "patents.patent": {
        "zh": "    {number} {details} {status}",
        "en": "    {number} {details} {status}",
    },
    "patents.missing": {
        "zh": "尚未声明的表决单位：{units}",
        "en": "Voting units still to declare: {units}",
    },
    "patents.observers": {
        "zh": "观察员单位（请声明，非必需）：{units}",
        "en": "Observer units (asked, not required): {units}",
    },
    "private.only_commands": {
        "zh": "我只理解命令。发送 /help 查看可用命令。",
        "en": "I only understand commands here. Send /help for the ones you can use.",
    },
}
