"""/import framework, /import comments: previews, refusals of files, results."""

MESSAGES: dict[str, dict[str, str]] = {
    "cmd.import.usage": {
        "zh": "/import framework（Word 框架或文稿）或 /import comments（填好的征求意见反馈表，Word 或 Excel）："
        "作为 .docx/.xlsx 文件的说明文字发送，或回复该文件发送",
        "en": "/import framework (a framework or draft in Word) or /import comments (a filled "
        "comment form, Word or Excel): as the caption of a .docx/.xlsx file, or in reply to one",
    },
    "cmd.import.about": {
        "zh": "从 Word 导入框架或文稿，从反馈表导入意见",
        "en": "import a framework from Word, or comments from a filled form",
    },
    "import.file.too_large": {
        "zh": "文件超过 20 MB，Telegram 不允许机器人下载这么大的文件。请压缩其中的图片或拆分后再发送。未作任何更改。",
        "en": "The file is over 20 MB, more than Telegram lets a bot download. Compress its "
        "pictures or split it, and send it again. Nothing was changed.",
    },
    "import.file.download_failed": {
        "zh": "未能从 Telegram 下载该文件，请重新发送。未作任何更改。",
        "en": "The file could not be downloaded from Telegram; please send it again. Nothing "
        "was changed.",
    },
    "import.file.old_word": {
        "zh": "这是旧版 Word 文件（.doc）。请在 Word 或 WPS 中“另存为” .docx 后再发送。未作任何更改。",
        "en": "This is an old Word file (.doc). Please save it as .docx in Word or WPS and "
        "send it again. Nothing was changed.",
    },
    "import.file.saved_as_other": {
        "zh": "这个 .doc 文件其实是网页或 RTF 格式（Word 另存时选了“网页”或“RTF”）。请在 Word 或 WPS 中打开，"
        "“另存为” Word 文档（.docx）后再发送。未作任何更改。",
        "en": "This .doc file is really a web page or rich text (RTF), as Word saves them "
        "under that name. Open it in Word or WPS, save it as a Word document (.docx) and send "
        "it again. Nothing was changed.",
    },
    "import.file.old_excel": {
        "zh": "这是旧版 Excel 文件（.xls）。请“另存为” .xlsx 后再发送。未作任何更改。",
        "en": "This is an old Excel file (.xls). Please save it as .xlsx and send it again. "
        "Nothing was changed.",
    },
    "import.file.macros": {
        "zh": "含宏的文件（.docm、.xlsm）不予读取。请另存为不含宏的 .docx 或 .xlsx 后再发送。未作任何更改。",
        "en": "Files with macros (.docm, .xlsm) are refused. Please save it as a .docx or "
        ".xlsx without macros and send it again. Nothing was changed.",
    },
    "import.file.encrypted": {
        "zh": "文件设有密码保护，无法读取。请在 Word/Excel 中取消密码后再发送。未作任何更改。",
        "en": "The file is protected with a password and cannot be read. Remove the password "
        "and send it again. Nothing was changed.",
    },
    "import.file.corrupt": {
        "zh": "文件已损坏，或不是有效的 Word/Excel 文件，无法读取。未作任何更改。",
        "en": "The file is damaged or not a valid Word/Excel file and cannot be read. Nothing "
        "was changed.",
    },
    "import.file.not_office": {
        "zh": "这不是 Word（.docx）或 Excel（.xlsx）文件。未作任何更改。",
        "en": "This is not a Word (.docx) or Excel (.xlsx) file. Nothing was changed.",
    },
    "import.file.want_docx": {
        "zh": "框架或文稿须为 Word 文件（.docx）。未作任何更改。",
        "en": "A framework or draft must be a Word file (.docx). Nothing was changed.",
    },
    "import.file.no_columns": {
        "zh": "没有找到反馈表的表头，未作任何更改。表头须有章条编号一列（章条号、章节号、条款、条文）和意见一列"
        "（意见内容、修改意见、修改意见及理由、意见和建议），可另有理由、修改建议、提出单位；英文的 ISO 意见表"
        "（Clause、Comments、Proposed change、MB/NC）也可。Word 文件看其中的表格，Excel 文件看第一个工作表。",
        "en": "No header row of a comment form was found; nothing was changed. The header needs "
        "a clause column (章条编号, 章条号, 条款, 条文, Clause) and a comment column (意见内容, 修改意见, "
        "修改意见及理由, 意见和建议, Comments), and may have 理由, 修改建议 (Proposed change) and "
        "提出单位 (MB/NC) — in a table of a Word file, or in the first sheet of an Excel file.",
    },
    "import.file.too_many_rows": {
        "zh": "工作表超过 5000 行，不像一份反馈表。未作任何更改。",
        "en": "The sheet has more than 5,000 rows: not a comment form. Nothing was changed.",
    },
    "import.no_outline": {
        "zh": "文件中既没有标题样式（标题 1–5、Heading 1–5），也没有以章条编号开头的段落"
        "（如“4 要求”“4.1 材料”“附录A”），无法识别框架。未作任何更改。",
        "en": "The file has neither heading styles (Heading 1–5) nor paragraphs that begin with "
        "a clause number (“4 要求”, “4.1 材料”, “附录A”): no outline could be read. Nothing "
        "was changed.",
    },
    "import.nothing_new": {
        "zh": "文件中的框架与现有框架相同，也没有可以写入空条款的条文。未作任何更改。",
        "en": "The file's outline is the one the draft has, and it has no text for an empty "
        "clause. Nothing was changed.",
    },
    "import.framework.preview": {
        "zh": "导入预览（{file}）：{clauses} 个条款（新增 {added} 个，改标题 {retitled} 个），"
        "{texts} 个条款写入条文，含 {tables} 个表、{figures} 幅图、{notes} 条注。",
        "en": "Import preview ({file}): {clauses} clauses ({added} new, {retitled} retitled), "
        "text for {texts} clauses, with {tables} tables, {figures} figures and {notes} notes.",
    },
    "import.framework.clause": {"zh": "{heading}{mark}", "en": "{heading}{mark}"},
    "import.framework.with_text": {"zh": "（写入条文）", "en": " (text)"},
    "import.framework.keeps_text": {"zh": "（已有条文，保留原文）", "en": " (has text: kept)"},
    "import.framework.kept": {
        "zh": "这些条款已有条文，保留原文、不用文件中的文字：{numbers}",
        "en": "These clauses have text already; theirs is kept, the file's is not used: {numbers}",
    },
    "import.read.heading": {"zh": "读作：", "en": "Read as:"},
    "import.left_out.heading": {
        "zh": "未导入的文字（导出时自动生成，或不属于标准正文）：",
        "en": "Text not imported (the exports write it, or it is not the standard's text):",
    },
    "import.read.line": {
        "zh": "{kind}：{count} 处 {examples}{more}",
        "en": "{kind}: {count} {examples}{more}",
    },
    "import.read.more": {"zh": "……另 {count} 处", "en": " … {count} more"},
    "import.kind.front": {"zh": "前言、引言的段落", "en": "paragraphs of 前言 and 引言"},
    "import.kind.term": {"zh": "术语条目", "en": "term entries"},
    "import.kind.note": {"zh": "注", "en": "notes"},
    "import.kind.example": {"zh": "示例", "en": "examples"},
    "import.kind.item": {"zh": "列项", "en": "list items"},
    "import.kind.table": {"zh": "表", "en": "tables"},
    "import.kind.figure": {"zh": "图", "en": "figures"},
    "import.kind.formula": {"zh": "公式", "en": "formulas"},
    "import.kind.reference": {"zh": "参考文献条目", "en": "bibliography entries"},
    "import.kind.untitled": {
        "zh": "无标题条（编号保留在文字中）",
        "en": "untitled clauses (their numbers kept in the text)",
    },
    "import.kind.cover": {
        "zh": "封面及第一个标题之前的文字",
        "en": "the cover and text before the first heading",
    },
    "import.kind.contents": {"zh": "目次", "en": "the table of contents"},
    "import.kind.name": {"zh": "标准名称", "en": "the standard's name"},
    "import.kind.fixed": {
        "zh": "固定句（导出时按 GB/T 1.1 自动生成）",
        "en": "fixed sentences (the exports write them, GB/T 1.1)",
    },
    "import.kind.refused": {
        "zh": "未导入标题之下的文字",
        "en": "text under a heading that was not imported",
    },
    "import.problems": {
        "zh": "未能识别 {count} 处（未导入）：",
        "en": "{count} places could not be read (not imported):",
    },
    "import.problem.line": {
        "zh": "第 {paragraph} 段「{excerpt}」：{reason}",
        "en": "paragraph {paragraph} “{excerpt}”: {reason}",
    },
    "import.problem.math": {
        "zh": "Word 公式对象无法读取，请改写为一行“公式：…”",
        "en": "a Word equation object cannot be read; write it as a line “公式：…”",
    },
    "import.problem.picture_format": {
        "zh": "图片格式不支持（只收 PNG、JPEG）",
        "en": "picture format not supported (PNG and JPEG only)",
    },
    "import.problem.picture_too_large": {
        "zh": "图片超过 10 MB",
        "en": "the picture is over 10 MB",
    },
    "import.problem.one_row_table": {
        "zh": "表格只有一行，作为段落导入",
        "en": "a table of one row: imported as a paragraph",
    },
    "import.problem.orphan": {
        "zh": "上级条款不存在，此标题及其下内容未导入",
        "en": "its parent clause does not exist; the heading and what is under it are not imported",
    },
    "import.problem.repeated": {
        "zh": "条款编号重复，此标题及其下内容未导入",
        "en": "the clause number repeats; the heading and what is under it are not imported",
    },
    "import.problem.no_title": {
        "zh": "标题只有编号没有题目，此标题及其下内容未导入",
        "en": "a number without a title; the heading and what is under it are not imported",
    },
    "import.problem.title_too_long": {
        "zh": "标题超过 200 字，此标题及其下内容未导入",
        "en": "a heading over 200 characters; it and what is under it are not imported",
    },
    "import.problem.level": {
        "zh": "标题跳级，无法编号，此标题及其下内容未导入",
        "en": "the heading skips a level and cannot be numbered; it and what is under it are "
        "not imported",
    },
    "import.confirm_hint": {
        "zh": "确认后作为一次提交写入文稿，作者为 {name}；取消则不作任何更改。只有 {name} 可以确认或取消。",
        "en": "Confirm writes it to the draft as one commit by {name}; Cancel changes nothing. "
        "Only {name} can confirm or cancel.",
    },
    "import.framework.done": {
        "zh": "已导入（{file}）：框架 {clauses} 个条款，{texts} 个条款写入条文，{figures} 幅图。提交 {commit}。",
        "en": "Imported ({file}): an outline of {clauses} clauses, text for {texts} clauses, "
        "{figures} figures. Commit {commit}.",
    },
    "import.comments.preview": {
        "zh": "导入预览（{file}）：{count} 条意见，均记为{unit}的意见：",
        "en": "Import preview ({file}): {count} comments, all recorded as {unit}'s:",
    },
    "import.comments.row": {
        "zh": "第 {row} 行 · {clause}：{text}",
        "en": "row {row} · {clause}: {text}",
    },
    "import.rows_skipped": {
        "zh": "以下行未导入：",
        "en": "These rows are not imported:",
    },
    "import.row.line": {"zh": "第 {rows} 行：{reason}", "en": "row {rows}: {reason}"},
    "import.row.empty": {"zh": "空行", "en": "empty"},
    "import.row.footer": {
        "zh": "合计、填表人或签名行，不是意见",
        "en": "a totals, filled-by or signature row, not a comment",
    },
    "import.row.no_clause": {"zh": "没有填写章条编号", "en": "no clause number"},
    "import.row.no_comment": {
        "zh": "章条 {clause} 没有填写意见内容",
        "en": "clause {clause} has no comment",
    },
    "import.row.too_long": {
        "zh": "章条 {clause} 的意见超过 4000 字",
        "en": "the comment on clause {clause} is over 4,000 characters",
    },
    "import.row.unknown_clause": {
        "zh": "章条「{clause}」在文稿中不存在",
        "en": "clause “{clause}” is not in the draft",
    },
    "import.no_comments": {
        "zh": "文件中没有可以导入的意见，未作任何更改。\n{lines}",
        "en": "The file has no comment that can be imported; nothing was changed.\n{lines}",
    },
    "import.comments.done": {
        "zh": "已记录意见 {numbers}（{count} 条），{unit}。提交 {commit}。",
        "en": "Comments {numbers} recorded ({count}), {unit}. Commit {commit}.",
    },
    "import.done_toast": {"zh": "已导入。", "en": "Imported."},
    "import.cancelled": {
        "zh": "已取消导入（{file}），未作任何更改。",
        "en": "Import cancelled ({file}); nothing was changed.",
    },
    "import.gone": {
        "zh": "这次导入已经确认或取消了。",
        "en": "This import has been confirmed or cancelled already.",
    },
    "import.not_yours": {
        "zh": "只有发送该文件的人可以确认或取消这次导入。",
        "en": "Only the person who sent the file can confirm or cancel this import.",
    },
}
