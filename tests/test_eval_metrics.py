"""The metric functions on small hand-made cases whose right figures are worked out by hand."""
from __future__ import annotations

import pytest

from assistant.models import Citation
from evals import metrics as m
from evals.runner import check_gate

A = frozenset({("d", "4.3.2"), ("d", "4.3.2.1"), ("d", "4.3.2.2")})  # 4.3.2 with its subtree
B = frozenset({("d", "7.3.2.7")})


@pytest.mark.parametrize("ranked,gold,hit,recall,rr", [
    ([("d", "4.3.2.1"), ("d", "9.1")], [A], 1.0, 1.0, 1.0),          # a child counts for its parent
    ([("d", "9.1"), ("d", "4.3.2.2")], [A], 0.0, 1.0, 0.5),
    ([("d", "9.1"), ("d", "8.2"), ("d", "7.3.2.7")], [A, B], 0.0, 0.5, 1 / 3),
    ([("d", "4.3")], [A], 0.0, 0.0, 0.0),                             # a parent does not count
    ([("e", "4.3.2")], [A], 0.0, 0.0, 0.0),                           # same key, other document
    ([], [A], 0.0, 0.0, 0.0),
])
def test_ranking_metrics(ranked, gold, hit, recall, rr):
    assert m.hit_at_1(ranked, gold) == hit
    assert m.recall_at_k(ranked, gold, 5) == recall
    assert m.reciprocal_rank(ranked, gold) == pytest.approx(rr)


def test_recall_at_k_only_looks_at_the_first_k():
    ranked = [("d", str(i)) for i in range(10)] + [("d", "7.3.2.7")]
    assert m.recall_at_k(ranked, [B], 5) == 0.0
    assert m.recall_at_k(ranked, [B], 11) == 1.0


def test_citation_counts():
    cited = [("d", "4.3.2.1"), ("d", "4.3.2.2"), ("d", "9.1")]
    counts = m.citation_counts(cited, [A, B])
    assert (counts.correct, counts.total, counts.gold_covered, counts.gold_total) == (2, 3, 1, 2)


def test_percentile():
    values = [10.0, 1.0, 5.0, 3.0, 2.0]
    assert m.percentile(values, 0.5) == 3.0
    assert m.percentile(values, 1.0) == 10.0
    assert m.percentile([], 0.5) == 0.0


def test_quote_verdicts_on_the_real_corpus(corpus):
    own = "对外来文件与记录文件，应确保："  # a line of 4.3.2.2
    assert m.quote_verdict(corpus, Citation("bj-ipm", "4.3.2.2", "", own)) == "verbatim"
    assert m.quote_verdict(corpus, Citation("bj-ipm", "4.3.2", "", own)) == "verbatim"  # subtree
    assert m.quote_verdict(corpus, Citation("bj-ipm", "7.3.2.7", "", own)) == "misattributed"
    assert m.quote_verdict(corpus, Citation("bj-ipm", "4.3.2.2", "", "企业应每天喝茶。")) == "not_in_corpus"


def test_citation_validity(corpus):
    assert m.citation_valid(corpus, Citation("bj-ipm", "6.2.3", "", ""))
    assert m.citation_valid(corpus, Citation("iso56005-pilot", "3(2)1", "", ""))
    assert not m.citation_valid(corpus, Citation("bj-ipm", "4.3.9", "", ""))
    assert not m.citation_valid(corpus, Citation("no-such-doc", "4.3.2", "", ""))


def test_gate_checks_minimums_and_maximums():
    groups = {"lookup": {"hit@1": 0.9}, "overall": {"false_abstention": 0.05}}
    assert check_gate(groups, {"lookup.hit@1": 0.9, "overall.false_abstention<=": 0.05}) == []
    failures = check_gate(groups, {"lookup.hit@1": 0.95, "overall.false_abstention<=": 0.03,
                                   "scenario.hit@1": 0.5})
    assert len(failures) == 3
    assert any(f.startswith("scenario.hit@1") and "missing" in f for f in failures)
