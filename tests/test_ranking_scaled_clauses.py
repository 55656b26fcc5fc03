"""Ranking (issue 16, scaling clauses): the standard's "…要求" clauses on how a company scales a
matter to its size, industry and stage (7.1.2 知识产权资源配置要求, 6.1.2 知识产权制度管理要求:
"根据企业不同的行业属性、经营规模、需求…初创类、试点和示范类等企业可根据…") repeat the words of
the clause they qualify and won on BM25 for questions asking what that clause says: which
resources to provide (7.1.1 知识产权资源配置: 人力资源、信息资源和财务资源), what a policy for
copyright and other kinds of IP covers (6.2.3 其他知识产权管理制度: 总则、管理职责…). For a question
naming no size, industry or stage, a close clause of the same document comes first; a question
that names them (小公司刚起步) keeps the scaling clause. Expected clauses are read from
corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import bj_requirement_number


@pytest.mark.parametrize("question, heading", [
    ("搞知识产权要配人配钱吗", "知识产权资源配置"),
    ("版权这类的管理制度一般咋定", "其他知识产权管理制度"),
    ("著作权的管理制度要写哪几块", "其他知识产权管理制度"),
])
def test_a_question_naming_no_size_or_stage_gets_the_clause_qualified(retriever, question, heading):
    hits = retriever.search(question).hits
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", bj_requirement_number(heading))


def test_a_question_naming_the_companys_size_keeps_the_scaling_clause(retriever):
    hits = retriever.search("小公司刚起步，知识产权资源怎么配置").hits
    assert hits and (hits[0].doc, hits[0].key) == (
        "bj-ipm", bj_requirement_number("知识产权资源配置要求"))
