"""The fixed wording of the documents (GB/T 1.1—2020 and the usual forms), in Chinese."""

from __future__ import annotations

STAGE_NAMES = {
    "proposal": "立项稿",
    "framework": "框架稿",
    "working": "工作组讨论稿",
    "consultation": "征求意见稿",
    "review": "送审稿",
    "approval": "报批稿",
    "published": "发布稿",
}
MODE_NAMES = {
    "free": "免费许可",
    "rand": "合理且无歧视的收费许可",
    "pool": "通过专利池许可",
    "refuse": "不同意按上述条件许可",
    None: "无已知必要专利",
}
DISPOSITIONS = {"accept": "采纳", "partial": "部分采纳", "reject": "不采纳", None: "待处理"}
CHOICES = {"yes": "同意", "no": "不同意", "abstain": "弃权"}
PATENT_CALL = "在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。"
PATENTS_OTHERWISE = (
    "请注意除上述专利外，本文件的某些内容仍可能涉及专利。本文件的发布机构不承担识别专利的责任。"
)
BLANK_DAY = "XXXX-XX-XX"  # a draft's 发布 and 实施 dates
PATENT_NOTICE = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"
GBT_NOTE = (
    "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。"
)
REFERENCES_LEAD = (
    "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
    "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
)
NO_REFERENCES = "本文件没有规范性引用文件。"
TERMS_LEAD = "下列术语和定义适用于本文件。"
NO_TERMS = "本文件没有需要界定的术语和定义。"
WHERE = "式中："
RULE_NAMES = {
    "consensus": "协商一致",
    "majority": "简单多数",
    "two-thirds": "三分之二多数",
    "three-quarters": "四分之三多数",
    "committee": "委员会规则",
    "ieee": "IEEE-SA 规则",
    "oasis-special": "OASIS 特别多数",
    "meeting": "会议表决（同意票不少于出席代表的四分之三）",
}
COUNT_NAMES = {"Y": "同意", "N": "不同意", "A": "弃权", "P": "参与投票的单位"}
BASE_NAMES = {
    "E": "有表决权单位数",
    "P": "参与投票的单位数",
    "D": "同意与不同意票数之和",
    "N": "不同意票数",
    "1": "",
}
OUTCOMES = {
    "passed": "通过",
    "failed": "未通过",
    "elected": "当选",
    "no_winner": "无人当选（票数相同）",
    "terminated": "项目终止，未计票",
}
KIND_NAMES = {
    "motion": "动议表决",
    "stage": "阶段投票",
    "election": "起草单位选举",
    "meeting": "审查会议表决",
}
CONCLUSIONS = {"pass": "通过", "revise": "修改后通过", "fail": "不通过"}
