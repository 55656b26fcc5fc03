"""Close calls decided by the standard's own words for everyday ones (issue 16, near misses;
data/synonyms_zh.txt). Each question names in everyday words what one clause says in its own,
while a neighbour shares only the general words:

- "签合同之前…审" is 4.3.3 合同管理's "合同在签订前应针对知识产权内容进行审查", not the outsourcing
  clause that also speaks of signing contracts;
- "出口前" is 10.1.2.2's "向境外销售产品前" (涉外贸易), not 10.1.2.1 涉外申请 (filing abroad);
- "电脑…软件…是不是正版" is 8.2 风险识别's "针对办公软件应核查其是否是正版", not 7.4.3 其他配套资源,
  whose 计算机 and 软硬件 only say that a company has computers;
- "碰到…风险了", "识别出风险之后" is 8.3 风险管控 (企业在识别知识产权风险后应…管理和控制), not 8.1's
  overview or 8.2 风险识别;
- "年度预算要列哪些经费项目" is 7.4.2.1 财务预算's list (知识产权工作经费一般包括), not 7.4.2.2 财务管理;
- "知识产权部平时都干啥活" is 7.2.1.1's duties (知识产权组织机构应：), not 7.2.2 组织机构的形式;
- "战略…自己评…请第三方" is 5.4 管理评价's "可企业自评也可聘请外部专业机构进行", not 13.3 监督检查;
- "纠正措施单…按什么流程走" is 13.5.2.2's "纠正措施的控制程序", and "别再犯" 13.5.2.1's "防止不符合
  事项的再发生", not the implementation guide's one-line summary of the internal audit stage.

Clause numbers are read from corpus/bj-ipm.txt by the words on their lines."""
from __future__ import annotations

import re

import pytest

from helpers import BJ_PATH


def number_of(words: str) -> str:
    """The number of the bj-ipm clause whose numbered line (title or first sentence; for a
    number printed alone, the line after it) holds `words`."""
    lines = BJ_PATH.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        if m := re.match(r"\s*(\d+(?:\.\d+)+)", line):
            text = line if line.strip() != m[1] or i + 1 == len(lines) else line + lines[i + 1]
            if words in text:
                found.append(m[1])
    assert len(found) == 1, f"{words!r} on the lines of {found} in {BJ_PATH}"
    return found[0]


@pytest.mark.parametrize("question, words", [
    ("跟合作伙伴签协议之前，知识产权条款要不要先审一遍？", "合同管理"),
    ("我们的设备准备出口到欧洲，出口前知识产权上要注意什么？", "涉外贸易过程中的知识产权工作"),
    ("厂里的机器要出口到东南亚，出口前要先调查哪些情况？", "涉外贸易过程中的知识产权工作"),
    ("公司给员工配的电脑里装的软件，要核实是不是正版吗？", "风险识别"),
    ("行政部买的电脑上的软件要不要查是否正版？", "风险识别"),
    ("碰到专利侵权风险了怎么处理", "风险管控"),
    ("识别出风险之后下一步做什么", "风险管控"),
    ("知识产权的年度预算要列哪些经费项目？", "财务预算"),
    ("知识产权部平时都干啥活", "知识产权组织机构应"),
    ("知识产权战略实施得怎么样，可以自己评吗？还是要请第三方？", "管理评价"),
    ("知识产权战略落地效果要找第三方来评估吗", "管理评价"),
    ("内审开出纠正措施单以后，后面要按什么流程走？", "纠正措施的控制程序"),
    ("同一类问题审核时又出现了，要怎么做才能别再犯？", "防止不符合事项的再发生"),
    ("内审的不符合项老是出，怎么让它别再犯？", "防止不符合事项的再发生"),
])
def test_the_clause_saying_it_in_the_standards_words_comes_first(retriever, question, words):
    hit = retriever.search(question).hits[0]
    assert (hit.doc, hit.key) == ("bj-ipm", number_of(words))
