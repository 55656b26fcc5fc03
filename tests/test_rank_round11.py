"""Questions as staff ask them, eleventh round (issue 16, session 36). Questions written for these
tests, not taken from the eval sets; each failed on the code before the change it tests.
Expected clauses are those whose text states what is asked (quoted beside each case, from
corpus/bj-ipm.txt).

- An untitled clause is about its first duty, not a second one with a subject of its own:
  13.4.2 (企业可委托外部机构…进行分析，外部机构应出具…改进意见) is on an outside analysis, so a
  story of improvement advice left without a plan is 12.4 改进意见's.
- A sibling named word by word (9.1.2 申请检索: 申请 + 检索, through 查新 and 递交) comes before
  a sibling whose title has a word said nowhere (9.1.1 专利布局).
- Everyday names: 知识产权方针 for 管理方针 (4.2.1), 知产的课 for 培训 (7.3.2.7), 叫停 for
  禁令 (11.4.2.5); a plan never made after an evaluation (没人做方案) for 改进意见 (12.4).
"""
from __future__ import annotations

import pytest

from helpers import bj_text


@pytest.mark.parametrize("question, number, stated", [
    # 12.4 改进意见: 针对知识产权管理体系的评价结果需出具改进意见，并根据改进意见制定改进方案
    ("公司请外部机构做了一次体系评价，报告交上去以后一直没有下文，也没人定怎么改。", "12.4",
     "根据改进意见制定改进方案"),
    ("年度体系评价的报告出来了，大家看完就算了，到现在没人做方案。", "12.4", "根据改进意见制定改进方案"),
    # 9.1.2 申请检索: a sibling named word by word comes first (查新 → 检索, 递交 → 提交申请)
    ("专利申请递交之前，要先查新吗？", "9.1.2", "应对待申请的技术点进行新颖性检索和创新性检索"),
    ("这件专利申请赶着递交，递交之前要做哪些查新？", "9.1.2", "应对待申请的技术点进行新颖性检索和创新性检索"),
    # 4.2.1 管理方针: 企业应制定知识产权管理方针，知识产权管理方针应：a) 符合法律法规的要求 …
    ("知识产权方针该由谁来定，内容上有什么讲究？", "4.2.1", "企业应制定知识产权管理方针"),
    # 7.3.2.7 培训: 对知识产权管理人员、…研发人员定期或不定期开展知识产权培训
    ("新一年的知产的课打算怎么排，该让哪些岗位的人参加？", "7.3.2.7", "定期或不定期开展知识产权培训"),
    # 11.4.2.5 知识产权禁令: b) 申请诉前禁令应提交知识产权证明、侵权凭证以及侵权后果证明
    ("对方的仿冒品还在大量出货，能不能让法院先叫停？", "11.4.2.5", "申请诉前禁令应提交"),
])
def test_an_everyday_name_reaches_the_clause_titled_with_the_term(answerer, question, number,
                                                                    stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", number)
