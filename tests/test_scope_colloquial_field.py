"""Scope (issue 16, colloquial questions): a question in everyday words that are themselves
about IP — a patent agency (代理所), being copied (被人仿了, 被人山寨) — is in scope, though it
holds no term of the field: the synonym tables bring in the standard's term (知识产权管理部门,
服务机构; 被侵权), and a brought-in term that names the IP field counts for the scope check
as the question would had it used the term. Everyday words that could be any company's
business (a strategy reviewed, settling privately, an annual party) bring in no such term:
those questions still abstain, as nothing in them says they are about IP (decided in
session 28: the synonym tables cover IP-specific colloquialisms, not general business talk).
Expected clauses are read from corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import bj_requirement_number


@pytest.mark.parametrize("term, expected", [
    ("知识产权管理部门", True), ("专利代理机构", True), ("商标", True),
    ("服务机构", False), ("改进措施", False), ("谈判", False),
])
def test_a_term_names_the_field_when_it_holds_a_word_of_the_field(term, expected):
    from assistant.retrieval.scope import names_the_field

    assert names_the_field(term) is expected


@pytest.mark.parametrize("question, heading", [
    ("公司不设专门部门，把这摊事全交给代理所行吗", "组织机构的形式"),
    ("我们的新品刚上市就被人山寨了，平常该怎么盯", None),
    ("包装被别人仿了，该从哪下手", None),
])
def test_ip_specific_everyday_words_are_in_scope(retriever, question, heading):
    got = retriever.search(question)
    assert not got.abstained, got.reason
    if heading:
        assert ("bj-ipm", bj_requirement_number(heading)) in [(h.doc, h.key) for h in got.hits]


@pytest.mark.parametrize("question", [
    "公司年会的节目怎么安排",
    "客户说想私了，坐下来谈一谈行不行",
    "部门季度计划评完了，下一步干嘛",
])
def test_general_business_talk_still_abstains(retriever, question):
    assert retriever.search(question).abstained
