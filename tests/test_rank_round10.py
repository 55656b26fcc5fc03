"""Questions as staff ask them, tenth round (issue 16, session 35). Questions written for these
tests, not taken from the eval sets; each failed on the code before the change it tests.
Expected clauses are those whose text states what is asked (quoted beside each case, from
corpus/bj-ipm.txt or its English rendition).

- An audit or a review as the occasion of a question that asks for an act of the standard
  (整改 -> 纠正措施, "what comes out of it" -> review output): the primary standard's clause on
  the act comes before the implementation guide's one sentence on the stage, even when the
  clause's title names the stage too (13.2.2 评审输出 / Review output).
- The audit told as the occasion in its short form or in passing (审核中发现…, 内审完了…) is
  when, not what, is asked: the act's clause may be further behind the guide's and still comes
  first; a question naming no act of the standard (内部审核中发现的不合格项怎么处理) keeps the
  guide's sentence on the stage.
- A count told after a finding ("审核中发现几份合同…") is the story, not a number asked.
- The act a story calls for (situations_zh.txt) titles a clause whose title is general (12.4
  改进意见) word for word, and an untitled clause (10.1.1.3) by its first requirement.
"""
from __future__ import annotations

import pytest

from assistant.answer import answerability
from helpers import bj_english, bj_text


def test_what_comes_out_of_a_review_is_its_output_clause(answerer):
    # 13.2.2 Review output: improvement recommendations on the guiding principle …, resource needs
    assert "Review output generally includes" in bj_english("13.2.2")
    got = answerer.answer("The management review ended today. What should come out of it on paper?")
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "13.2.2")


@pytest.mark.parametrize("question", [
    "内审发现好几处不符合，整改完了，同样的问题还要防着再出，该怎么做？",
    "内审完了查出一批问题，整改要走哪些步骤？",
    "审核中发现好几份合同没人审过，整改从哪里下手？",
])
def test_an_act_asked_on_the_occasion_of_an_audit_is_the_standard_s(answerer, question):
    # 13.5.2.1 企业应采取措施，以消除不符合事项的原因，防止不符合事项的再发生;
    # 13.5.2.2 纠正措施的控制程序一般包括：a) 评审不符合事项 …
    assert "防止不符合事项的再发生" in bj_text() and "纠正措施的控制程序一般包括" in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] in {("bj-ipm", "13.5.2.1"), ("bj-ipm", "13.5.2.2")}


@pytest.mark.parametrize("text", [
    "审核中发现几份销售合同没有做知识产权审查，整改从哪开始？",
    "今年收到几件律师函，都说我们侵权，该怎么应对？",
])
def test_a_count_told_after_a_finding_is_not_asked(text):
    assert "count" not in answerability.intent_of(text).kinds


@pytest.mark.parametrize("question, number, stated", [
    # 12.4 改进意见: 针对知识产权管理体系的评价结果需出具改进意见，并根据改进意见制定改进方案
    ("体系评价做完半年了，报告里的问题交上去以后就没人落实。", "12.4", "根据改进意见制定改进方案"),
    # 10.1.1.3 (untitled) 企业应建立产品销售市场监控办法，…及时跟踪和调查相关知识产权被侵权情况
    ("在一个行业展会上，有家公司的展品跟我们的主打产品一模一样，市场部拍了照片，之后就没人管了。",
     "10.1.1.3",
     "企业应建立产品销售市场监控办法"),
])
def test_a_story_s_act_titles_a_general_or_untitled_clause(answerer, question, number, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", number)
