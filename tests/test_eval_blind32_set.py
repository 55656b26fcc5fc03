"""The blind dev set of session 32 (evals/sets/blind32): paraphrases, scenarios and
out-of-scope questions about bj-ipm written from the standard's text alone, for tuning (dev
split only, no gate), with gold keys that exist, spread over the requirement chapters 4-13, and
no question repeating another set's."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.schema import SETS_DIR, load_set

PREFIXES = {("paraphrase_zh", "zh"): "b32-pzh-", ("paraphrase_en", "en"): "b32-pen-",
            ("scenario", "zh"): "b32-scn-", ("scenario", "en"): "b32-scn-",
            ("out_of_scope", "zh"): "b32-abs-", ("out_of_scope", "en"): "b32-abs-"}
COUNTS = {("paraphrase_zh", "zh"): 45, ("paraphrase_en", "en"): 25,
          ("scenario", "zh"): 40, ("scenario", "en"): 30,
          ("out_of_scope", "zh"): 6, ("out_of_scope", "en"): 4}


@pytest.fixture(scope="module")
def blind32():
    return load_set("blind32")


def _norm(text: str) -> str:
    """A question as compared across sets: no whitespace, case folded."""
    return re.sub(r"\s+", "", text).casefold()


def _chapter(key: str) -> int:
    """The chapter of a clause key ('10.2/司法保护' -> 10, '6.2.3#2' -> 6)."""
    return int(re.match(r"\d+", key).group())


def test_counts_per_type_and_language(blind32):
    assert Counter((i.type, i.language) for i in blind32) == COUNTS


def test_all_dev_ids_unique_and_prefixed(blind32):
    assert {i.split for i in blind32} == {"dev"}
    assert len({i.id for i in blind32}) == len(blind32)
    for item in blind32:
        assert item.id.startswith(PREFIXES[(item.type, item.language)]), item.id
        assert item.twin is None, item.id


def test_ids_are_numbered_in_order_without_gaps(blind32):
    for prefix in set(PREFIXES.values()):
        numbers = sorted(int(i.id[len(prefix):]) for i in blind32 if i.id.startswith(prefix))
        assert numbers == list(range(1, len(numbers) + 1)), prefix


def test_chinese_scenarios_come_before_english_ones(blind32):
    scenarios = sorted((i for i in blind32 if i.type == "scenario"), key=lambda i: i.id)
    languages = [i.language for i in scenarios]
    assert languages == ["zh"] * 40 + ["en"] * 30


def test_answerable_items_have_existing_unrepeated_gold(corpus, blind32):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind32:
        if item.type == "out_of_scope":
            continue
        assert item.answerable and item.gold and item.reason is None, item.id
        assert item.doc == "bj-ipm" and item.kind is None, item.id
        assert len(set(item.gold)) == len(item.gold), item.id
        for key in item.gold:
            assert key in clauses, (item.id, key)


def test_out_of_scope_items_are_written_as_the_other_sets_write_them(blind32):
    """Unanswerable, no document, no gold, a reason naming what would answer, and the blind
    sets' `oos_vocab` kind (the field's vocabulary, no clause answers)."""
    for item in blind32:
        if item.type != "out_of_scope":
            continue
        assert not item.answerable and item.gold == [] and item.doc is None, item.id
        assert item.reason and item.kind == "oos_vocab", item.id


def test_first_gold_spreads_over_chapters_4_to_13(blind32):
    for kind, language in COUNTS:
        if kind == "out_of_scope":
            continue
        firsts = {_chapter(i.gold[0]) for i in blind32 if (i.type, i.language) == (kind, language)}
        assert firsts == set(range(4, 14)), (kind, language)
    assert len({i.gold[0] for i in blind32 if i.gold}) >= 80


def test_chinese_paraphrases_do_not_copy_their_clause_titles(corpus, blind32):
    clauses = corpus.documents["bj-ipm"].clauses
    for item in blind32:
        if item.type == "paraphrase_zh":
            for key in item.gold:
                title = clauses[key].title or ""
                assert not title or title not in item.question, (item.id, title)


def test_some_questions_are_in_traditional_characters(blind32):
    """A few Chinese questions are written in traditional characters, as staff in Hong Kong or
    Taiwan-run companies type them (checked by characters that exist only in that script)."""
    traditional = [i for i in blind32 if re.search(r"[產冊裡寫嗎過錄誰麼發歐請專術話辦讓對賣準備審標]",
                                                  i.question)]
    assert len(traditional) >= 5


def test_no_id_or_question_shared_with_another_set(blind32):
    questions = Counter(_norm(i.question) for i in blind32)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != "blind32"]
    assert {"core", "tuning", "standards", "blind16", "blind16dev", "blind30", "blind31"} <= set(others)
    for name in others:
        items = load_set(name)
        assert not {i.id for i in items} & {i.id for i in blind32}, name
        assert not {_norm(i.question) for i in items} & set(questions), name


def test_the_dev_split_is_the_whole_set_and_has_no_gate(blind32):
    """`ipms eval --set blind32 --split dev` runs every item and checks no threshold: the set is
    for tuning."""
    from evals.runner import load_thresholds

    assert len(load_set("blind32", "dev")) == len(blind32) == 150
    assert load_set("blind32", "test") == []
    assert load_thresholds(set_name="blind32") == {}
