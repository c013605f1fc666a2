"""Units, representatives and appointments."""

MESSAGES: dict[str, dict[str, str]] = {
    "unit.status.voting": {"zh": "表决单位", "en": "voting"},
    "unit.status.observer": {"zh": "观察员", "en": "observer"},
    "unit.exists": {
        "zh": "已有名称或简称为「{name}」的单位，未重复登记。",
        "en": "A unit named or short-named “{name}” exists already; nothing was added.",
    },
    "unit.added": {
        "zh": "已登记单位：{unit} · {kind} · {status}。其代表可发送 /join {name} 申请。",
        "en": "Registered unit {unit} · {kind} · {status}. Its representatives send /join {name}.",
    },
    "units.empty": {
        "zh": "尚未登记任何单位。秘书处可用 /unit add <名称> 登记。",
        "en": "No units are registered yet. The secretariat adds them with /unit add <name>.",
    },
    "units.header": {"zh": "成员单位（{count}）：", "en": "Units ({count}):"},
    "units.line": {
        "zh": "• {unit} · {kind} · {status} — 代表：{reps}",
        "en": "• {unit} · {kind} · {status} — representatives: {reps}",
    },
    "units.pending.header": {
        "zh": "待秘书处确认的申请：",
        "en": "Requests awaiting the secretariat:",
    },
    "units.pending.line": {
        "zh": "• {who}（{ref}）申请代表 {unit}",
        "en": "• {who} ({ref}) asks to represent {unit}",
    },
    "join.already": {"zh": "您已经是 {unit} 的代表。", "en": "You already represent {unit}."},
    "join.requested": {
        "zh": "已收到申请：{who} 申请代表 {unit}。秘书处确认：/approve {ref}，拒绝：/deny {ref} <理由>",
        "en": "Request noted: {who} asks to represent {unit}. "
        "The secretariat confirms with /approve {ref} or rejects with /deny {ref} <reason>.",
    },
    "join.no_request": {
        "zh": "{who} 没有待确认的代表申请（请对方先发送 /join <单位>）。",
        "en": "{who} has no request waiting (they send /join <unit> first).",
    },
    "join.approved": {
        "zh": "已确认：{who} 代表 {unit}。",
        "en": "Confirmed: {who} represents {unit}.",
    },
    "join.denied": {
        "zh": "已拒绝 {who} 代表 {unit} 的申请。理由：{reason}",
        "en": "Rejected {who}'s request to represent {unit}. Reason: {reason}",
    },
    "grant.already": {"zh": "{who} 已经是{role}。", "en": "{who} is already {role}."},
    "grant.secretariat": {
        "zh": "已任命 {who} 为秘书处成员。",
        "en": "{who} is now a member of the secretariat.",
    },
    "grant.chair": {
        "zh": "已任命 {who} 为项目 {code} 的主席。",
        "en": "{who} is now chair of project {code}.",
    },
    "revoke.none": {"zh": "{who} 没有{role}的任命。", "en": "{who} holds no {role} appointment."},
    "revoke.configured": {
        "zh": "{who} 是配置文件中指定的秘书处成员，只能在配置中移除。",
        "en": "{who} is secretariat by configuration; remove them there.",
    },
    "revoke.done": {"zh": "已撤销 {who} 的{role}任命。", "en": "{who} is no longer {role}."},
}
