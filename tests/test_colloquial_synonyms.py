"""Everyday words staff use (issue 16: colloquial questions), read as the standard's terms
through data/synonyms_zh.txt. Expected clauses are read from corpus/bj-ipm.txt: 7.3.2.3
知识产权工作人员, 9.3.3 继受取得, and 纠正措施 (corrective action) in chapter 13."""
from __future__ import annotations


import pytest

from helpers import BJ_PATH, bj_requirement_number



@pytest.mark.parametrize("question, heading", [
    ("具体干活的那些人一般有哪些岗位", "知识产权工作人员"),
    ("想买人家的专利，事先要确认什么", "继受取得"),
])
def test_everyday_words_find_the_clause(answerer, question, heading):
    got = answerer.answer(question)
    number = bj_requirement_number(heading)
    assert not got.abstained and got.keys[0][0] == "bj-ipm"
    assert got.keys[0][1] == number or got.keys[0][1].startswith(number + ".")


def test_a_fault_that_keeps_coming_back_is_in_scope(answerer):
    got = answerer.answer("审核发现的问题老是再犯怎么办")
    assert "纠正措施" in BJ_PATH.read_text(encoding="utf-8")
    assert not got.abstained and got.citations
