"""The standard's elements: terms, references, figures, tables, and /check's findings."""

MESSAGES: dict[str, dict[str, str]] = {
    "cmd.term.usage": {
        "zh": "/term <术语> | <英文对应词> | <定义> [| 来源：<来源>]",
        "en": "/term <term> | <English term> | <definition> [| 来源：<source>]",
    },
    "cmd.term.about": {"zh": "提出第 3 章的术语条目", "en": "propose a term entry of chapter 3"},
    "cmd.ref.usage": {
        "zh": "/ref <文件编号> <文件名称>（第 2 章规范性引用文件）  |  /ref biblio <编号或出处> <名称>（参考文献）",
        "en": "/ref <document number> <title> (chapter 2, normative references)  |  "
        "/ref biblio <number or citation> <title> (bibliography)",
    },
    "cmd.ref.about": {
        "zh": "提出规范性引用文件或参考文献",
        "en": "propose a normative reference or a bibliography entry",
    },
    "cmd.figure.usage": {
        "zh": "/figure <条款编号> <图题>：作为图片的说明文字发送（照片，或不超过 10 MB 的 PNG/JPEG 文件），或回复一张图片发送",
        "en": "/figure <clause> <title>: as the caption of a picture (a photo, or a PNG/JPEG "
        "file of at most 10 MB), or in reply to a picture",
    },
    "cmd.figure.about": {"zh": "为条款提出一幅图", "en": "propose a figure for a clause"},
    "cmd.check.usage": {"zh": "/check", "en": "/check"},
    "cmd.check.about": {
        "zh": "按标准编写规则检查文稿",
        "en": "check the draft against the rules of a standard",
    },
    "contribution.ragged_table": {
        "zh": "表格各行的单元格数不一致，未作任何更改。请检查第 {rows} 行（与表头的列数不同）。",
        "en": "The table's rows have different numbers of cells; nothing was changed. "
        "Check line(s) {rows} (their cells differ from the header's).",
    },
    "outline.annex_designation": {
        "zh": "附录须注明（规范性）或（资料性），例如 “A 试验方法 (规范性)”",
        "en": "an annex needs its designation, e.g. “A Test methods (normative)”",
    },
    "check.clean": {
        "zh": "检查完毕：没有发现问题。",
        "en": "Checked: nothing to report.",
    },
    "check.header": {"zh": "检查发现 {count} 项问题：", "en": "The check found {count} issue(s):"},
    "check.line": {"zh": "• {finding}", "en": "• {finding}"},
    "check.empty": {"zh": "{clause}：条款还没有条文", "en": "{clause}: the clause has no text yet"},
    "check.no_references": {
        "zh": "2：没有规范性引用文件，导出时将写“本文件没有规范性引用文件。”",
        "en": "2: no normative references; the export will say “本文件没有规范性引用文件。”",
    },
    "check.no_terms": {
        "zh": "3：没有术语条目，导出时将写“本文件没有需要界定的术语和定义。”",
        "en": "3: no terms; the export will say “本文件没有需要界定的术语和定义。”",
    },
    "check.citation_unlisted": {
        "zh": "{clause}：引用了 {detail}，但第 2 章和参考文献中都没有列出",
        "en": "{clause}: cites {detail}, which chapter 2 and the bibliography do not list",
    },
    "check.reference_uncited": {
        "zh": "2：列出了 {detail}，但正文中没有引用",
        "en": "2: lists {detail}, which the text never cites",
    },
    "check.unreferenced": {
        "zh": "{clause}：正文中没有提及{detail}（例如“见{detail}”）",
        "en": "{clause}: the text never refers to {detail} (e.g. “见{detail}”)",
    },
    "check.term_unused": {
        "zh": "{clause}：术语“{detail}”已定义，但正文中没有使用",
        "en": "{clause}: the term “{detail}” is defined but never used",
    },
    "check.annex_designation": {
        "zh": "附录{clause}：没有注明（规范性）或（资料性）；用 /framework 重发该行并注明",
        "en": "annex {clause}: no designation (normative or informative); resend its line with /framework",
    },
    "card.findings": {
        "zh": "文稿检查：{count} 项问题（/check 查看）",
        "en": "Draft check: {count} issue(s) (see /check)",
    },
    "advance.findings": {
        "zh": "注意：文稿检查发现 {count} 项问题：",
        "en": "Note: the draft check found {count} issue(s):",
    },
    "advance.findings_block": {
        "zh": "不能进入「{stage}」：文稿检查发现 {count} 项问题，需先解决：\n{lines}",
        "en": "Cannot enter the {stage} stage: the draft check found {count} issue(s) to resolve first:\n{lines}",
    },
}
