"""The blind dev set of session 31 (evals/sets/blind31): paraphrases and scenarios about bj-ipm,
written from the standard's text alone, for tuning (dev split only; its test counterpart is
blind30), with gold keys that exist, spread over the requirement chapters 4-13, and no question
repeating another set's."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.schema import SETS_DIR, load_set

PREFIXES = {("paraphrase_zh", "zh"): "b31-pzh-", ("paraphrase_en", "en"): "b31-pen-",
            ("scenario", "zh"): "b31-scn-", ("scenario", "en"): "b31-scn-"}


@pytest.fixture(scope="module")
def blind31():
    return load_set("blind31")


def _norm(text: str) -> str:
    """A question as compared across sets: no whitespace, case folded."""
    return re.sub(r"\s+", "", text).casefold()


def _chapter(key: str) -> int:
    """The chapter of a clause key ('10.2/司法保护' -> 10, '6.2.3#2' -> 6)."""
    return int(re.match(r"\d+", key).group())


def test_counts_per_type_and_language(blind31):
    counts = Counter((i.type, i.language) for i in blind31)
    assert counts == {("paraphrase_zh", "zh"): 50, ("paraphrase_en", "en"): 20,
                      ("scenario", "zh"): 40, ("scenario", "en"): 20}


def test_all_dev_split_answerable_ids_unique_and_prefixed(blind31):
    assert {i.split for i in blind31} == {"dev"}
    assert len({i.id for i in blind31}) == len(blind31)
    for item in blind31:
        assert item.id.startswith(PREFIXES[(item.type, item.language)]), item.id
        assert item.answerable and item.gold and item.reason is None, item.id
        assert item.doc == "bj-ipm" and item.kind is None and item.twin is None, item.id


def test_ids_are_numbered_in_order_without_gaps(blind31):
    for prefix in set(PREFIXES.values()):
        numbers = sorted(int(i.id[len(prefix):]) for i in blind31 if i.id.startswith(prefix))
        assert numbers == list(range(1, len(numbers) + 1)), prefix


def test_gold_keys_exist_and_are_not_repeated(corpus, blind31):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind31:
        assert len(set(item.gold)) == len(item.gold), item.id
        for key in item.gold:
            assert key in clauses, (item.id, key)


def test_first_gold_spreads_over_chapters_4_to_13(blind31):
    for kind, language in PREFIXES:
        firsts = {_chapter(i.gold[0]) for i in blind31
                  if (i.type, i.language) == (kind, language)}
        assert firsts == set(range(4, 14)), (kind, language)
    assert len({i.gold[0] for i in blind31}) >= 80


def test_chinese_paraphrases_do_not_copy_their_clause_titles(corpus, blind31):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind31:
        if item.type == "paraphrase_zh":
            for key in item.gold:
                title = clauses[key].title or ""
                assert not title or title not in item.question, (item.id, title)


def test_no_id_or_question_shared_with_another_set(blind31):
    questions = Counter(_norm(i.question) for i in blind31)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != "blind31"]
    assert {"core", "tuning", "standards", "blind16", "blind16dev", "blind30"} <= set(others)
    for name in others:
        items = load_set(name)
        assert not {i.id for i in items} & {i.id for i in blind31}, name
        assert not {_norm(i.question) for i in items} & set(questions), name


def test_the_dev_split_is_the_whole_set_and_has_no_gate(blind31):
    """`ipms eval --set blind31 --split dev` runs every item and checks no threshold: the set is
    for tuning, and its test counterpart (blind30) is the one reported."""
    from evals.runner import load_thresholds

    assert len(load_set("blind31", "dev")) == len(blind31) == 130
    assert load_set("blind31", "test") == []
    assert load_thresholds(set_name="blind31") == {}
