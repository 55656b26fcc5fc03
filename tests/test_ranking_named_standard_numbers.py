"""Ranking (issue 16, a named standard's number): a question naming ISO 56005 favours the
pilot notice, whose clauses repeat "ISO56005" unevenly (3(2)2 four times). The number's words
(iso, 56005, iso56005) then ranked the notice's clauses by how often they repeat it, not by
what is asked. Once the documents a question names are known, the words of a standard number
the product knows are left out of the BM25 query. Expected clauses are the notice's, found by
their Chinese titles in the corpus (试点目标: its goals; 确定企业: how pilot companies are chosen)."""
from __future__ import annotations

import pytest


def pilot_key(corpus, title: str) -> str:
    """The key of the ISO 56005 pilot notice's clause whose Chinese title is `title`."""
    doc = corpus.documents["iso56005-pilot"]
    return next(k for k, r in doc.renditions.items() if (r.title or "").strip() == title)


@pytest.mark.parametrize("question, title", [
    ("ISO 56005 试点要达到什么目标", "试点目标"),
    ("ISO 56005 试点企业怎么选", "确定企业"),
])
def test_a_named_standards_number_does_not_rank_its_clauses(retriever, corpus, question, title):
    hits = retriever.search(question).hits
    assert hits and (hits[0].doc, hits[0].key) == ("iso56005-pilot", pilot_key(corpus, title))


def test_only_the_numbers_of_standards_are_left_out(retriever):
    question = "花了2000元做了GB/T 29490贯标"
    kept = retriever._without_designations(retriever._query(question, "zh"), question).tokens
    assert "2000" in kept and "29490" not in kept and "gb" not in kept
