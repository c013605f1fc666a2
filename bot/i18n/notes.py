"""The 编制说明 written from the chat (/note)."""

MESSAGES: dict[str, dict[str, str]] = {
    "note.proposed.add": {
        "zh": "文稿补充 #{n}：{who}（{unit}）为 {heading} 补充内容：",
        "en": "Contribution #{n}: {who} ({unit}) proposes text for {heading}:",
    },
    "note.proposed.replace": {
        "zh": "文稿补充 #{n}：{who}（{unit}）提议将 {heading} 整节改写为：",
        "en": "Contribution #{n}: {who} ({unit}) proposes a new wording of {heading}:",
    },
    "note.accepted.add": {
        "zh": "已采纳 #{n}：{who}（{unit}）的文字已并入 {heading}。",
        "en": "Accepted #{n}: the text of {who} ({unit}) is merged into {heading}.",
    },
    "note.accepted.replace": {
        "zh": "已采纳 #{n}：{heading} 已按 {who}（{unit}）的提议整节改写。",
        "en": "Accepted #{n}: {heading} now reads as {who} ({unit}) proposed.",
    },
    "note.header": {
        "zh": "编制说明各部分（/note <部分> <文本> 撰写）：",
        "en": "The explanatory note's sections (write one with /note <section> <text>):",
    },
    "note.row": {
        "zh": "• {heading}：{generated}{state}{pending}",
        "en": "• {heading}: {generated}{state}{pending}",
    },
    "note.generated": {"zh": "自动生成部分 + ", "en": "generated part + "},
    "note.generated_only": {"zh": "（成员尚未补充）", "en": "(nothing added by members)"},
    "note.written_by": {"zh": "{who}撰写", "en": "written by {who}"},
    "note.writer": {"zh": "{person}（{unit}）", "en": "{person} ({unit})"},
    "note.empty_section": {"zh": "（待补充）", "en": "(empty: reads （待补充）)"},
    "note.pending": {"zh": "；待决定 {refs}", "en": "; awaiting decision {refs}"},
    "note.text": {"zh": "「{text}」", "en": "“{text}”"},
    "note.how": {
        "zh": "尚无内容。撰写：/note {section} <文本>（可多行；或回复一条消息）。",
        "en": "Nothing written yet. Write it with /note {section} <text> (several lines "
        "allowed; or reply to a message).",
    },
    "note.unknown_section": {
        "zh": "编制说明没有「{word}」部分：部分为 {sections}（也可写 1–12）。",
        "en": "The explanatory note has no section “{word}”: its sections are {sections} "
        "(or 1–12).",
    },
    "note.empty": {
        "zh": "文本是空的：在部分编号后写上文本，或回复一条消息并发送 /note replace {section}。",
        "en": "The text is empty: write it after the section, or reply to a message with "
        "/note replace {section}.",
    },
    "change.note.add": {
        "zh": "#{n} 编制说明 {section}：补充内容",
        "en": "#{n} explanatory note {section}: text added",
    },
    "change.note.replace": {
        "zh": "#{n} 编制说明 {section}：整节改写",
        "en": "#{n} explanatory note {section}: rewritten",
    },
    "check.note_empty": {
        "zh": "编制说明 {clause}、{detail}：尚无内容，将显示（待补充）",
        "en": "Explanatory note {clause}、{detail}: nobody has written it; it reads （待补充）",
    },
}
