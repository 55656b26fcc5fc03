"""The eval sets are well formed and honest about what they test."""
from __future__ import annotations

from collections import Counter

import pytest

from evals.schema import load_set


def test_schema_and_size():
    items = load_set("core")
    assert len(items) >= 250
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert item.answerable == bool(item.gold), item.id
        assert (item.reason is None) == item.answerable, item.id


@pytest.mark.parametrize("name", ["core", "tuning"])
def test_every_gold_key_exists(corpus, name):
    for item in load_set(name):
        for key in item.gold:
            assert key in corpus.documents[item.doc].clauses, (item.id, key)


def test_the_tuning_set_is_dev_only_and_shares_no_id_or_question_with_core():
    tuning, core = load_set("tuning"), load_set("core")
    assert len(tuning) >= 200 and {i.split for i in tuning} == {"dev"}
    assert not {i.id for i in tuning} & {i.id for i in core}
    assert not {i.question for i in tuning} & {i.question for i in core}


def test_both_splits_hold_every_type():
    counts = Counter((i.type, i.split) for i in load_set("core"))
    for kind in {t for t, _ in counts}:
        assert counts[(kind, "dev")] >= 3 and counts[(kind, "test")] >= 3, kind


def test_every_requirement_clause_has_a_paraphrased_question(corpus):
    doc = corpus.documents["bj-ipm"]
    requirement = {c.key for c in doc.clauses.values()
                   if c.body.strip() and (c.kind == "heading" or (
                       c.number and int(c.number.split(".")[0]) >= 4))}
    covered = set()
    for item in load_set("core"):
        if item.type == "paraphrase_zh":
            for key in item.gold:
                covered |= {c.key for c in doc.subtree(key)}
    assert requirement - covered == set()
