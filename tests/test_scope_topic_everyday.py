"""Scope (issue 16, false abstention): a question that names one of the standard's topics in its
own word (战略, the topic of chapter 5 知识产权战略管理) and asks about it in everyday words the
synonym tables turn into the standard's term (外面的人 / 咨询公司 -> 外部专业机构, 有了意见 ->
改进措施, 自己评 -> 自评) is in scope when a best-matching clause of the primary standard, under
a heading with that topic, states the term: 5.4 "管理评价可企业自评也可聘请外部专业机构进行",
5.5 "根据管理评价意见制定改进措施". Such questions abstained for want of a word of the field.
The same everyday words about a plan, a budget or a project review that no heading of the
standard names still abstain (as the session-28 decision in test_scope_colloquial_field.py).
Expected clauses are read from corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import bj_requirement_number


@pytest.mark.parametrize("question, heading", [
    ("战略推进一年了，想请外面的人来评一评行吗", "管理评价"),
    ("战略落地以后能不能自己评", "管理评价"),
    ("战略那边有了意见，接下来怎么办", "管理改进"),
])
def test_a_topic_named_with_everyday_words_for_what_its_clause_says_is_in_scope(
        retriever, question, heading):
    got = retriever.search(question)
    assert not got.abstained, got.reason
    assert (got.hits[0].doc, got.hits[0].key) == ("bj-ipm", bj_requirement_number(heading))


@pytest.mark.parametrize("question", [
    "市场部的年度计划想请外面的人来评一评",
    "项目复盘给了意见，下一步干嘛",
    "客户说想私了，坐下来谈一谈行不行",
])
def test_the_same_everyday_words_without_a_topic_of_the_standard_still_abstain(
        retriever, question):
    assert retriever.search(question).abstained
