"""Ranking (issue 16, summary paragraphs): the certification summary's untitled paragraph on
objectives (ipms-cert-en ¶8, whose Chinese rendition's title is only a bracketed gloss) restates
4.2.2 管理目标 and beat it on BM25 for questions asking whether the objectives must be
quantified, which 4.2.2 d) 可量化 answers. A first clause whose title names nothing gives way
across documents to the primary standard's clause whose title's head (目标) the question holds,
within the window and ratio of Retriever._head_first. Expected clauses are read from
corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import bj_requirement_number


@pytest.mark.parametrize("question, heading", [
    ("知识产权管理目标可以不量化吗", "管理目标"),
    ("知识产权目标能不能只写定性的，不设可量化参数", "管理目标"),
])
def test_the_standards_clause_titled_with_what_is_asked_beats_an_untitled_paragraph(
        retriever, question, heading):
    hits = retriever.search(question).hits
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", bj_requirement_number(heading))
