"""Drafts laid out the way the standardization administration's GB/T 1.1 Word template lays them
out, built here: its style names (`标准文件_章标题`, `…_附录标识`, `…_注×：` …) under opaque style
ids, and a numbering part whose levels, linked to those styles, write every label the reader sees
— `1　`, `4.1　`, `附录A`, `表1　`, `注1：`, `示例：`, `a)`, `——`, `[1]` — so that the paragraphs'
own text holds none of them, as in a real draft."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Mm

from bot.pictures import valve_sketch

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
P = "标准文件_"


@dataclass(frozen=True)
class Style:
    style_id: str
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None  # w:outlineLvl, 0-based; 9 is body text


STYLES = (
    Style("affffb", P + "段"),
    Style("a6", P + "前言、引言标题", num_id="36", outline=0),
    Style("afffffffff8", P + "正文标准名称"),
    Style("affc", P + "章标题", num_id="2", ilvl=1, outline=0),
    Style("affd", P + "一级条标题", "affc", ilvl=2, outline=1),
    Style("affe", P + "二级条标题", "affd", ilvl=3, outline=2),
    Style("affffffffe", P + "一级无标题", "affd", outline=9),
    Style("afffffffffff5", P + "术语条一", "affffffffe"),
    Style("aff3", P + "附录标识", num_id="5", outline=0),
    Style("affffff", P + "附录章标题", outline=1),
    Style("aff4", P + "附录一级条标题", num_id="5", ilvl=1, outline=1),
    Style("afff2", P + "注：", num_id="24"),
    Style("a5", P + "注×：", num_id="25"),
    Style("ac", P + "示例：", num_id="26"),
    Style("afa", P + "示例×：", num_id="27"),
    Style("aff2", P + "正文表标题", num_id="10"),
    Style("afd", P + "正文图标题", num_id="11"),
    Style("aff", P + "附录表标题", num_id="32", ilvl=1),
    Style("af1", P + "破折号列项", num_id="6"),
    Style("af5", P + "字母编号列项（一级）", num_id="23"),
    Style("af6", P + "数字编号列项（二级）", num_id="23", ilvl=1),
    Style("afffff2", P + "参考文献标题", outline=0),
    Style("a", P + "参考文献条目", num_id="1"),
)

# abstract id -> levels (ilvl, format, level text, suffix, the style the level belongs to)
_ABSTRACTS: dict[str, tuple[tuple[int, str, str, str, str], ...]] = {
    "31": (
        (0, "none", "%1", "nothing", ""),
        (1, "decimal", "%1%2\u3000", "nothing", "affc"),
        (2, "decimal", "%1%2.%3\u3000", "nothing", "affd"),
        (3, "decimal", "%1%2.%3.%4\u3000", "nothing", "affe"),
    ),
    "27": (
        (0, "upperLetter", "附录%1", "nothing", "aff3"),
        (1, "decimal", "%1.%2\u3000", "nothing", "aff4"),
    ),
    "3": ((0, "none", "%1", "tab", "a6"),),
    "32": ((0, "none", "%1注：", "tab", "afff2"),),
    "2": ((0, "decimal", "注%1：", "nothing", "a5"),),
    "4": ((0, "none", "%1示例：", "nothing", "ac"),),
    "17": ((0, "decimal", "示例%1：", "nothing", "afa"),),
    "25": ((0, "decimal", "表%1\u3000", "nothing", "aff2"),),
    "21": ((0, "decimal", "图%1\u3000", "nothing", "afd"),),
    "22": ((0, "upperLetter", "%1", "space", ""), (1, "decimal", "表%1.%2", "space", "aff")),
    "9": ((0, "none", "——", "nothing", "af1"),),
    "13": ((0, "lowerLetter", "%1)", "tab", "af5"), (1, "decimal", "%2)", "tab", "af6")),
    "0": ((0, "decimal", "[%1]", "tab", "a"),),
}
# numId -> abstract id, as Word numbers the instances: nothing in common with the abstracts' ids
_INSTANCES = {
    "2": "31",
    "5": "27",
    "36": "3",
    "24": "32",
    "25": "2",
    "26": "4",
    "27": "17",
    "10": "25",
    "11": "21",
    "32": "22",
    "6": "9",
    "23": "13",
    "1": "0",
}


def _style_xml(style: Style) -> str:
    num = ""
    if style.num_id is not None or style.ilvl is not None:
        ilvl = f'<w:ilvl w:val="{style.ilvl}"/>' if style.ilvl is not None else ""
        num_id = f'<w:numId w:val="{style.num_id}"/>' if style.num_id is not None else ""
        num = f"<w:numPr>{ilvl}{num_id}</w:numPr>"
    outline = f'<w:outlineLvl w:val="{style.outline}"/>' if style.outline is not None else ""
    based = f'<w:basedOn w:val="{style.based_on}"/>' if style.based_on else ""
    return (
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{style.style_id}">'
        f'<w:name w:val="{style.name}"/>{based}<w:pPr>{num}{outline}</w:pPr></w:style>'
    )


def _abstract_xml(key: str) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{style}"/>' if style else "")
        + f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, fmt, text, suffix, style in _ABSTRACTS[key]
    )
    return f'<w:abstractNum {_W} w:abstractNumId="{key}">{levels}</w:abstractNum>'


def _num_xml(num_id: str, abstract: str) -> str:
    return f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>'


# A draft's content: (style name without its `标准文件_` prefix, text) for a paragraph — a text's
# `\n` a line break — or a table's rows, or PICTURE.
PICTURE = "picture"
Content = Sequence[tuple[str, str] | tuple[tuple[str, ...], ...] | str]


def template_draft(content: Content) -> bytes:
    doc = Document()
    styles = doc.styles.element
    for style in STYLES:
        styles.append(parse_xml(_style_xml(style)))
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for key in _ABSTRACTS:
        numbering.append(parse_xml(_abstract_xml(key)))
    for num_id, abstract in _INSTANCES.items():
        numbering.append(parse_xml(_num_xml(num_id, abstract)))
    for block in content:
        if block == PICTURE:
            doc.add_paragraph().add_run().add_picture(io.BytesIO(valve_sketch()), width=Mm(50))
        elif isinstance(block[0], tuple):
            rows = [row for row in block if isinstance(row, tuple)]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for cells, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(cells.cells, values, strict=True):
                    cell.text = value
        else:
            style, text = block
            paragraph = doc.add_paragraph(style=P + style if style else None)
            for index, line in enumerate(str(text).split("\n")):
                run = paragraph.add_run()
                if index:
                    run.add_break()
                run.add_text(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# A whole draft on the template: 前言, 引言, the name, terms, notes, examples, lists, a table whose
# caption is a blank line above it, a figure, an untitled clause, two annexes, a bibliography.
WHOLE: Content = (
    ("前言、引言标题", "前　　言"),
    (
        "段",
        "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
    ),
    ("段", "本文件由示例联盟提出并归口。"),
    ("段", "本文件替代的是企业内部规范。"),
    ("前言、引言标题", "引　　言"),
    ("段", "视频编码器在广播中应用广泛。"),
    ("正文标准名称", "广播级视频编码器技术要求"),
    ("章标题", "范围"),
    ("段", "本文件规定了广播级视频编码器的要求。"),
    ("章标题", "规范性引用文件"),
    ("段", "本文件没有规范性引用文件。"),
    ("章标题", "术语和定义"),
    ("段", "下列术语和定义适用于本文件。"),
    ("术语条一", ""),
    ("段", "码率　bit rate"),
    ("段", "单位时间内传输的比特数。"),
    ("注：", "码率以 kbit/s 计。"),
    ("术语条一", "帧率　frame rate"),
    ("段", "单位时间内显示的帧数。"),
    ("章标题", "要求"),
    ("一级条标题", "编码"),
    ("段", "编码器应支持下列标准："),
    ("字母编号列项（一级）", "H.266；"),
    ("数字编号列项（二级）", "主档次；"),
    ("字母编号列项（一级）", "AVS3。"),
    ("注×：", "第一条注。"),
    ("注×：", "第二条注。"),
    ("示例：", "1080p 50帧。"),
    ("一级条标题", "性能"),
    ("段", "性能应符合表1。"),
    ("正文表标题", "编码性能"),
    ("段", ""),
    (("项目", "指标"), ("延迟", "≤ 100 ms"), ("码率", "≤ 20 Mbit/s")),
    ("二级条标题", "延迟"),
    ("破折号列项", "端到端；"),
    ("破折号列项", "单帧。"),
    ("一级无标题", "无标题条的文字。"),
    ("一级条标题", "外观"),
    PICTURE,
    ("正文图标题", "前面板"),
    ("示例×：", "第一个示例。"),
    ("示例×：", "第二个示例。"),
    ("附录标识", "\n（规范性）"),
    ("附录章标题", "测试方法"),
    ("附录一级条标题", "设备"),
    ("段", "测试用示波器。"),
    ("附录表标题", "测试设备"),
    (("设备", "型号"), ("示波器", "X1")),
    ("附录标识", "\n（资料性）"),
    ("附录章标题", "应用示例"),
    ("段", "一个应用示例。"),
    ("参考文献标题", "参考文献"),
    ("参考文献条目", "GB/T 1.1—2020　标准化工作导则"),
)
