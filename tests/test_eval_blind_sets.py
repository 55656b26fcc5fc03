"""The blind sets written from bj-ipm's text alone by engineers who had not seen the product's
answers: blind30 (session 30, test split only), blind31 and blind32 (sessions 31 and 32, dev split
only, for tuning; their test counterpart is blind30; blind32 adds out-of-scope questions) and
blind33 (session 33, dev split only, written like blind32 after it had been tuned on) and blind34
(session 34, test split only, written like blind33 after blind31-33 had been tuned on; the second
test-only set beside blind30, with abstentions) and blind35 (session 35, dev split only, with
clause lookups in unusual forms and each item labelled with its kind). Each: the counts it was written with, one split, gold keys that
exist, first golds spread over the requirement chapters 4-13, Chinese paraphrases that do not copy
their clause titles, and no question repeating another set's."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest

from evals.schema import SETS_DIR, load_set


@dataclass(frozen=True)
class BlindSet:
    """What a blind set was written to be: its split, id prefix, counts per (type, language),
    the fewest distinct first golds, and which (type, language) groups each reach chapters 4-13."""
    name: str
    split: str
    prefix: str
    counts: dict
    distinct_firsts: int
    spread_groups: tuple
    kinds: frozenset = frozenset()   # the kinds an answerable item may be labelled with


SETS = (
    BlindSet("blind30", "test", "b30", {("paraphrase_zh", "zh"): 40, ("paraphrase_en", "en"): 20,
                                        ("scenario", "zh"): 40, ("scenario", "en"): 20},
             70, (("paraphrase_zh", "zh"), ("scenario", None))),
    BlindSet("blind31", "dev", "b31", {("paraphrase_zh", "zh"): 50, ("paraphrase_en", "en"): 20,
                                       ("scenario", "zh"): 40, ("scenario", "en"): 20},
             80, (("paraphrase_zh", "zh"), ("paraphrase_en", "en"), ("scenario", "zh"),
                  ("scenario", "en"))),
    BlindSet("blind32", "dev", "b32", {("paraphrase_zh", "zh"): 45, ("paraphrase_en", "en"): 25,
                                       ("scenario", "zh"): 40, ("scenario", "en"): 30,
                                       ("out_of_scope", "zh"): 6, ("out_of_scope", "en"): 4},
             80, (("paraphrase_zh", "zh"), ("paraphrase_en", "en"), ("scenario", "zh"),
                  ("scenario", "en"))),
    BlindSet("blind33", "dev", "b33", {("paraphrase_zh", "zh"): 45, ("paraphrase_en", "en"): 25,
                                       ("scenario", "zh"): 40, ("scenario", "en"): 30,
                                       ("out_of_scope", "zh"): 6, ("out_of_scope", "en"): 4},
             80, (("paraphrase_zh", "zh"), ("paraphrase_en", "en"), ("scenario", "zh"),
                  ("scenario", "en"))),
    BlindSet("blind34", "test", "b34", {("paraphrase_zh", "zh"): 40, ("paraphrase_en", "en"): 25,
                                        ("scenario", "zh"): 40, ("scenario", "en"): 30,
                                        ("out_of_scope", "zh"): 9, ("out_of_scope", "en"): 6},
             80, (("paraphrase_zh", "zh"), ("paraphrase_en", "en"), ("scenario", "zh"),
                  ("scenario", "en"))),
    BlindSet("blind35", "dev", "b35", {("paraphrase_zh", "zh"): 40, ("paraphrase_en", "en"): 25,
                                       ("scenario", "zh"): 35, ("scenario", "en"): 25,
                                       ("lookup", "zh"): 6, ("lookup", "en"): 4,
                                       ("out_of_scope", "zh"): 10, ("out_of_scope", "en"): 5},
             80, (("paraphrase_zh", "zh"), ("paraphrase_en", "en"), ("scenario", "zh"),
                  ("scenario", "en")),
             frozenset({"colloquial", "typo", "traditional", "en_manager", "quantity",
                        "background", "chapter"})),
)
TYPE_PREFIX = {"paraphrase_zh": "pzh", "paraphrase_en": "pen", "scenario": "scn",
               "out_of_scope": "abs", "lookup": "lk"}


@pytest.fixture(scope="module", params=SETS, ids=[s.name for s in SETS])
def blind(request):
    spec = request.param
    return spec, load_set(spec.name)


def _norm(text: str) -> str:
    """A question as compared across sets: no whitespace, case folded."""
    return re.sub(r"\s+", "", text).casefold()


def _chapter(key: str) -> int:
    """The chapter of a clause key ('10.2/司法保护' -> 10, '6.2.3#2' -> 6)."""
    return int(re.match(r"\d+", key).group())


def test_counts_per_type_and_language(blind):
    spec, items = blind
    assert Counter((i.type, i.language) for i in items) == spec.counts
    assert len({i.gold[0] for i in items if i.gold}) >= spec.distinct_firsts


def test_one_split_answerable_ids_unique_prefixed_and_numbered(blind):
    spec, items = blind
    assert {i.split for i in items} == {spec.split}
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert item.id.startswith(f"{spec.prefix}-{TYPE_PREFIX[item.type]}-"), item.id
        assert item.twin is None, item.id
        if item.type == "out_of_scope":
            # written as the other sets write them: no document, no gold, a reason naming what
            # would answer, the `oos_vocab` kind (the field's vocabulary, no clause answers)
            assert not item.answerable and item.gold == [] and item.doc is None, item.id
            assert item.reason and item.kind == "oos_vocab", item.id
        else:
            assert item.answerable and item.gold and item.reason is None, item.id
            assert item.doc == "bj-ipm" and item.kind in spec.kinds | {None}, item.id
    for kind in TYPE_PREFIX.values():
        prefix = f"{spec.prefix}-{kind}-"
        numbers = sorted(int(i.id[len(prefix):]) for i in items if i.id.startswith(prefix))
        assert numbers == list(range(1, len(numbers) + 1)), prefix


def test_gold_keys_exist_and_are_not_repeated(corpus, blind):
    _, items = blind
    clauses = corpus.documents["bj-ipm"].clauses
    for item in items:
        assert len(set(item.gold)) == len(item.gold), item.id
        for key in item.gold:
            assert key in clauses, (item.id, key)


def test_first_gold_spreads_over_chapters_4_to_13(blind):
    spec, items = blind
    for kind, language in spec.spread_groups:
        firsts = {_chapter(i.gold[0]) for i in items
                  if i.type == kind and language in (None, i.language)}
        assert set(range(4, 14)) <= firsts, (kind, language)


def test_chinese_paraphrases_do_not_copy_their_clause_titles(corpus, blind):
    _, items = blind
    clauses = corpus.documents["bj-ipm"].clauses
    for item in items:
        if item.type == "paraphrase_zh":
            for key in item.gold:
                title = clauses[key].title or ""
                assert not title or title not in item.question, (item.id, title)


def test_no_id_or_question_shared_with_another_set(blind):
    spec, items = blind
    questions = Counter(_norm(i.question) for i in items)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != spec.name]
    assert {"core", "tuning", "standards", "blind16", "blind16dev", "blind30"} - {spec.name} \
        <= set(others)
    for name in others:
        other = load_set(name)
        assert not {i.id for i in other} & {i.id for i in items}, name
        assert not {_norm(i.question) for i in other} & set(questions), name


@pytest.mark.parametrize("spec", [s for s in SETS if s.split == "dev"], ids=lambda s: s.name)
def test_a_dev_set_runs_whole_and_has_no_gate(spec):
    """`ipms eval --set blind31 --split dev` runs every item and checks no threshold: a dev set is
    for tuning, and its test counterpart is the one reported."""
    from evals.runner import load_thresholds

    assert len(load_set(spec.name, "dev")) == sum(spec.counts.values())
    assert load_set(spec.name, "test") == []
    assert load_thresholds(set_name=spec.name) == {}


@pytest.mark.parametrize("spec", [s for s in SETS if s.split == "test"], ids=lambda s: s.name)
def test_a_test_set_runs_whole_on_test_and_has_no_gate(spec):
    """`ipms eval --set blind34 --split test` runs every item: a blind test set is never tuned on,
    has no dev items, and has no gate of its own (the lead engineer runs it once and reports)."""
    from evals.runner import load_thresholds

    assert len(load_set(spec.name, "test")) == sum(spec.counts.values())
    assert load_set(spec.name, "dev") == []
    assert load_thresholds(set_name=spec.name) == {}


@pytest.mark.parametrize("name", ["blind32", "blind33", "blind34"])
def test_some_questions_in_traditional_characters_and_chinese_scenarios_first(name):
    """A few Chinese questions are typed in traditional characters, as staff in Hong Kong or
    Taiwan-run companies write them (characters that exist only in that script)."""
    items = load_set(name)
    traditional = [i for i in items if re.search(r"[產冊裡寫嗎過錄誰麼發歐請專術話辦讓對賣準備審標]",
                                                 i.question)]
    assert len(traditional) >= 5
    scenarios = sorted((i for i in items if i.type == "scenario"), key=lambda i: i.id)
    assert [i.language for i in scenarios] == ["zh"] * 40 + ["en"] * 30
