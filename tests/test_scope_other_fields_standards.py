"""Scope (issue 16): a question about another field's standard ("食品安全国家标准明确要求哪些检测",
emission, fire, electrical-safety standards) was answered with IP clauses, because 国家标准 (a
glossary term, English "national standard", "GB") counted as a word of the IP field. A word that
names standards of every field no longer counts by itself, and a field's term next to a
standard's noun (食品安全国家标准, 国家标准对排放, emission standards) makes the question one of
that field unless it names IP. Questions on the IP standards (GB/T 29490, 贯标, the national
standard at hand) stay in scope."""
from __future__ import annotations

import pytest

OTHER_FIELDS = [
    "食品安全国家标准明确要求哪些检测",
    "国家标准对排放有什么要求",
    "消防国家标准规定了啥",
    "医疗器械行业标准对灭菌有什么要求",
    "国标对食品接触材料的供应商合同有什么要求",
    "污染物排放标准规定的限值怎么检测",
    "电气安全标准要求做哪些试验",
    "What tests does the national food safety standard require?",
    "What does the national standard on fire protection require?",
    "Which emission standards apply to our boilers?",
    "Does the electrical safety standard require an annual inspection?",
]

IP_STANDARDS = [
    "国家标准GB/T 29490要求企业做什么",
    "知识产权国家标准有哪些要求",
    "这个国家标准对合同有什么要求",
    "国标里对内审有什么要求",
    "参与制定国家标准涉及的专利怎么处理",
    "贯标的国标要求建立哪些制度",
    "What does the national standard GB/T 29490 require for contracts?",
    "Which clause of the IP management standard covers patent searches before R&D?",
]


@pytest.mark.parametrize("question", OTHER_FIELDS)
def test_another_fields_standard_is_out_of_scope(retriever, question):
    got = retriever.search(question)
    assert got.abstained, [h.key for h in got.hits[:3]]


@pytest.mark.parametrize("question", IP_STANDARDS)
def test_the_ip_standards_stay_in_scope(retriever, question):
    got = retriever.search(question)
    assert not got.abstained, got.reason


@pytest.mark.parametrize("question, field", [
    ("食品安全国家标准明确要求哪些检测", "food safety standards"),
    ("国家标准对排放有什么要求", "environmental standards"),
    ("消防规范对仓库有什么规定", "fire safety standards"),
    ("Which emission standards apply to our boilers?", "environmental standards"),
    ("national standard for food contact materials", "food safety standards"),
])
def test_the_field_of_the_standard_is_named(question, field):
    from assistant.retrieval.scope import other_domain

    assert other_domain(question) == field


@pytest.mark.parametrize("question", [
    "我们是做食品安全检测的，研发记录怎么管",  # the company's trade, no standard of it asked
    "标准对医疗器械企业的研发记录有什么要求",  # the IP standard, asked for a kind of company
    "医疗器械企业标准化工作要注意什么",
    "食品安全国家标准里涉及的专利怎么许可",  # names IP
    "What training does the standard require for our electrical engineers?",
])
def test_a_fields_word_without_its_standard_names_no_other_field(question):
    from assistant.retrieval.scope import other_domain

    assert other_domain(question) is None


@pytest.mark.parametrize("term, general", [
    ("国家标准", True), ("国标", True), ("行业标准", True), ("标准化法", True),
    ("企业知识产权管理规范", False), ("知识产权", False), ("29490", False),
])
def test_words_naming_standards_of_every_field(term, general):
    from assistant.retrieval.scope import names_standards_in_general

    assert names_standards_in_general(term) is general
