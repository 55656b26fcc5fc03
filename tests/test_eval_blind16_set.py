"""The blind set of issue 16 (evals/sets/blind16): written from the texts alone, test split only,
every kind of question the issue names, twins that pair up, gold keys that exist."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.schema import SETS_DIR, load_set

KINDS = {"typo", "colloquial", "traditional", "simplified", "en_manager", "quantity",
         "background", "chapter", "oos_vocab"}


@pytest.fixture(scope="module")
def blind():
    return load_set("blind16")


def test_at_least_150_items_all_in_the_test_split(blind):
    assert len(blind) >= 150
    assert {i.split for i in blind} == {"test"}
    assert len({i.id for i in blind}) == len(blind)
    for item in blind:
        assert item.answerable == bool(item.gold), item.id
        assert (item.reason is None) == item.answerable, item.id
        assert item.kind is not None, item.id


def test_every_kind_is_present_in_numbers(blind):
    counts = Counter(i.kind for i in blind)
    assert set(counts) == KINDS
    for kind in KINDS:
        assert counts[kind] >= 10, (kind, counts[kind])
    assert counts["oos_vocab"] >= 25
    for kind in ("quantity", "background", "chapter", "oos_vocab"):
        assert {i.language for i in blind if i.kind == kind} == {"zh", "en"}, kind


def test_gold_and_asked_keys_exist_in_the_corpus(corpus, blind):
    for item in blind:
        for key in item.gold:
            assert key in corpus.documents[item.doc].clauses, (item.id, key)
        if item.asked:
            doc, key = item.asked.split(" ", 1)
            assert key in corpus.documents[doc].clauses, (item.id, item.asked)


def test_no_id_or_question_shared_with_another_set(blind):
    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text).casefold()

    questions = Counter(norm(i.question) for i in blind)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != "blind16"]
    assert {"core", "tuning", "standards"} <= set(others)
    for name in others:
        items = load_set(name)
        assert not {i.id for i in items} & {i.id for i in blind}, name
        assert not {norm(i.question) for i in items} & set(questions), name


def test_twins_pair_traditional_with_simplified(blind):
    by_id = {i.id: i for i in blind}
    traditional = [i for i in blind if i.kind == "traditional"]
    assert len(traditional) >= 15
    for item in blind:
        assert (item.twin is not None) == (item.kind in ("traditional", "simplified")), item.id
    for item in traditional:
        twin = by_id[item.twin]
        assert twin.kind == "simplified" and twin.twin == item.id, item.id
        assert (twin.type, twin.gold, twin.doc) == (item.type, item.gold, item.doc), item.id
        # the same question, character for character, in the other script
        assert len(twin.question) == len(item.question) and twin.question != item.question


def test_each_kind_carries_what_it_tests(blind):
    for item in blind:
        if item.kind == "quantity":  # a decimal number with a unit, not a clause asked about
            assert re.search(r"\d+\.\d+", item.question), item.id
            assert item.answerable and item.type != "lookup", item.id
        elif item.kind == "background":  # the clause named in passing is not the one asked
            named = item.asked.split(" ", 1)[1]
            assert named in item.question and named not in item.gold, item.id
        elif item.kind == "chapter":
            assert item.type == "lookup" and len(item.gold) == 1 and "." not in item.gold[0]
        elif item.kind == "oos_vocab":
            assert item.type == "out_of_scope" and not item.answerable and item.reason
