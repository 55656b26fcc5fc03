"""The blind set of session 30 (evals/sets/blind30): paraphrases and scenarios about bj-ipm,
written from the standard's text alone, test split only, gold keys that exist, spread over the
requirement chapters 4-13, and no question repeating another set's."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.schema import SETS_DIR, load_set

PREFIXES = {("paraphrase_zh", "zh"): "b30-pzh-", ("paraphrase_en", "en"): "b30-pen-",
            ("scenario", "zh"): "b30-scn-", ("scenario", "en"): "b30-scn-"}


@pytest.fixture(scope="module")
def blind30():
    return load_set("blind30")


def _norm(text: str) -> str:
    """A question as compared across sets: no whitespace, case folded."""
    return re.sub(r"\s+", "", text).casefold()


def test_counts_per_type_and_language(blind30):
    counts = Counter((i.type, i.language) for i in blind30)
    assert counts == {("paraphrase_zh", "zh"): 40, ("paraphrase_en", "en"): 20,
                      ("scenario", "zh"): 40, ("scenario", "en"): 20}


def test_all_test_split_answerable_ids_unique_and_prefixed(blind30):
    assert {i.split for i in blind30} == {"test"}
    assert len({i.id for i in blind30}) == len(blind30)
    for item in blind30:
        assert item.id.startswith(PREFIXES[(item.type, item.language)]), item.id
        assert item.answerable and item.gold and item.reason is None, item.id
        assert item.doc == "bj-ipm" and item.kind is None and item.twin is None, item.id


def test_gold_keys_exist_and_are_not_repeated(corpus, blind30):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind30:
        assert len(set(item.gold)) == len(item.gold), item.id
        for key in item.gold:
            assert key in clauses, (item.id, key)


def test_first_gold_spreads_over_chapters_4_to_13(blind30):
    chapters = {int(i.gold[0].split(".")[0].split("/")[0]) for i in blind30}
    assert set(range(4, 14)) <= chapters
    for kind in ("paraphrase_zh", "scenario"):
        firsts = {int(i.gold[0].split(".")[0]) for i in blind30 if i.type == kind}
        assert set(range(4, 14)) <= firsts, kind
    assert len({i.gold[0] for i in blind30}) >= 70


def test_chinese_paraphrases_do_not_copy_their_clause_titles(corpus, blind30):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind30:
        if item.type == "paraphrase_zh":
            for key in item.gold:
                title = clauses[key].title or ""
                assert not title or title not in item.question, (item.id, title)


def test_no_id_or_question_shared_with_another_set(blind30):
    questions = Counter(_norm(i.question) for i in blind30)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != "blind30"]
    assert {"core", "tuning", "standards", "blind16", "blind16dev"} <= set(others)
    for name in others:
        items = load_set(name)
        assert not {i.id for i in items} & {i.id for i in blind30}, name
        assert not {_norm(i.question) for i in items} & set(questions), name
