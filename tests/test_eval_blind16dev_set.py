"""The blind dev set of issue 16 (evals/sets/blind16dev): written from the texts alone like the
blind test set, but all in the dev split, to tune on; every kind in the numbers the issue's brief
asks for, twins that pair up, gold keys that exist, no question repeated from another set.
Two batches by two helpers: `b16d-` (every kind) and `b16e-` (oos_vocab2, colloquial2,
en_manager2: out-of-scope questions in the field's vocabulary, 口语 and managers' English), and a
third of out-of-scope questions only, `b16f-` (oos_vocab3: litigation tactics, software tools,
named companies' cases, foreign offices and courts, fees, tax and labour law)."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from evals.schema import SETS_DIR, load_set

# at least this many items of each kind (colloquial: about bj-ipm; other_doc: about the others)
MINIMUM = {"typo": 30, "colloquial": 35, "traditional": 20, "simplified": 20, "en_manager": 30,
           "quantity": 20, "background": 25, "chapter": 10, "oos_vocab": 35}
TYPES = {"typo": {"paraphrase_zh"}, "colloquial": {"paraphrase_zh", "other_doc"},
         "traditional": {"paraphrase_zh", "lookup"}, "simplified": {"paraphrase_zh", "lookup"},
         "en_manager": {"paraphrase_en", "other_doc"}, "quantity": {"paraphrase_zh", "paraphrase_en"},
         "background": {"paraphrase_zh", "paraphrase_en"}, "chapter": {"lookup"},
         "oos_vocab": {"out_of_scope"}}


@pytest.fixture(scope="module")
def dev():
    return load_set("blind16dev")


@pytest.fixture(scope="module")
def first(dev):
    """The first batch (b16d-)."""
    return [i for i in dev if i.id.startswith("b16d-")]


@pytest.fixture(scope="module")
def second(dev):
    """The second batch (b16e-)."""
    return [i for i in dev if i.id.startswith("b16e-")]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def test_at_least_220_items_all_dev_with_ids_naming_their_kind(dev):
    assert len(dev) >= 220
    assert {i.split for i in dev} == {"dev"}
    assert len({i.id for i in dev}) == len(dev)
    for item in dev:
        assert re.fullmatch(rf"b16[defg]-{item.kind}-\d{{3}}", item.id), item.id
        assert item.answerable == bool(item.gold), item.id
        assert (item.reason is None) == item.answerable, item.id
        assert item.type in TYPES[item.kind], item.id


def test_every_kind_in_the_numbers_asked_for(first):
    counts = Counter(i.kind for i in first if i.type != "other_doc")
    assert set(counts) == set(MINIMUM)
    for kind, least in MINIMUM.items():
        assert counts[kind] >= least, (kind, counts[kind])
    other_docs = [i for i in first if i.type == "other_doc"]
    assert len(other_docs) >= 20 and {i.kind for i in other_docs} == {"colloquial"}
    assert {i.doc for i in other_docs} == {"ipms-cert-en", "impl-guide", "iso56005-pilot",
                                           "cert-quality-2020"}
    for kind in ("quantity", "background", "chapter", "oos_vocab"):
        assert {i.language for i in first if i.kind == kind} == {"zh", "en"}, kind


def test_gold_spreads_over_the_whole_standard(first):
    chapters = {i.gold[0].split(".")[0].split("/")[0] for i in first
                if i.doc == "bj-ipm" and i.kind != "chapter"}
    assert {str(n) for n in range(4, 14)} <= chapters
    firsts = Counter(i.gold[0] for i in first if i.doc == "bj-ipm")
    assert len(firsts) >= 90  # distinct clauses answered first
    assert max(firsts.values()) <= 8, firsts.most_common(3)


def test_gold_and_asked_keys_exist_in_the_corpus(corpus, dev):
    for item in dev:
        for key in item.gold:
            assert key in corpus.documents[item.doc].clauses, (item.id, key)
        if item.asked:
            doc, key = item.asked.split(" ", 1)
            assert key in corpus.documents[doc].clauses, (item.id, item.asked)


def test_no_id_or_question_shared_with_another_set(dev):
    questions = Counter(_norm(i.question) for i in dev)
    assert [q for q, n in questions.items() if n > 1] == []
    others = [p.name for p in SETS_DIR.iterdir() if p.is_dir() and p.name != "blind16dev"]
    assert {"core", "tuning", "standards", "blind16"} <= set(others)
    for name in others:
        items = load_set(name)
        assert not {i.id for i in items} & {i.id for i in dev}, name
        assert not {_norm(i.question) for i in items} & set(questions), name


def test_questions_do_not_all_start_alike(dev):
    openings = Counter(_norm(i.question)[:4] for i in dev)
    assert openings.most_common(1)[0][1] <= 8, openings.most_common(3)


def test_twins_pair_traditional_with_simplified(dev):
    by_id = {i.id: i for i in dev}
    traditional = [i for i in dev if i.kind == "traditional"]
    for item in dev:
        assert (item.twin is not None) == (item.kind in ("traditional", "simplified")), item.id
    assert len({i.twin for i in traditional}) == len(traditional) >= MINIMUM["traditional"]
    for item in traditional:
        twin = by_id[item.twin]
        assert twin.kind == "simplified" and twin.twin == item.id, item.id
        assert (twin.type, twin.gold, twin.doc) == (item.type, item.gold, item.doc), item.id
        # the same question, character for character, in the other script
        assert len(twin.question) == len(item.question) and twin.question != item.question
        assert item.id.split("-")[-1] == twin.id.split("-")[-1], item.id


def test_each_kind_carries_what_it_tests(dev):
    for item in dev:
        if item.kind == "quantity":  # a decimal number with a unit, not a clause asked about
            assert re.search(r"\d+\.\d+", item.question), item.id
            assert item.answerable and item.type != "lookup", item.id
        elif item.kind == "background":  # the clause named in passing is not the one asked
            doc, named = item.asked.split(" ", 1)
            assert doc == item.doc and named in item.question, item.id
            assert not any(g == named or g.startswith(named + ".") for g in item.gold), item.id
        elif item.kind == "chapter":
            assert len(item.gold) == 1 and "." not in item.gold[0], item.id
        elif item.kind == "oos_vocab":
            assert not item.answerable and item.doc is None and item.reason, item.id
        elif item.kind == "en_manager":
            assert item.language == "en", item.id
        elif item.kind in ("typo", "traditional", "simplified"):
            assert item.language == "zh", item.id


# ---- the second batch (b16e-) ----

# traditional characters that have a different simplified form (專 专, 權 权 …)
TRADITIONAL_ONLY = set("專權請標審軟體發訴裡幾個麼這們從結條視計書證關費與檢離職務際國")


def _numbered(items, kind: str) -> list[str]:
    return sorted(i.id for i in items if i.kind == kind)


def test_second_batch_oos_vocab_70_questions_no_clause_answers(second):
    oos = [i for i in second if i.kind == "oos_vocab"]
    assert _numbered(oos, "oos_vocab") == [f"b16e-oos_vocab-{n:03d}" for n in range(1, 71)]
    languages = Counter(i.language for i in oos)
    assert languages["zh"] >= 40 and languages["en"] >= 20, languages
    for item in oos:
        assert (item.type, item.doc, item.gold, item.answerable) == (
            "out_of_scope", None, [], False), item.id
        # the reason names the kind of fact and the source that states it
        assert re.fullmatch(r"[^:]+: .+; (no clause|clause).+", item.reason), item.id
    # some Chinese questions typed in traditional characters
    assert sum(1 for i in oos if set(i.question) & TRADITIONAL_ONLY) >= 4


def test_second_batch_colloquial_50_on_bj_ipm_chapters_4_to_13_and_10_on_the_others(second):
    colloquial = [i for i in second if i.kind == "colloquial"]
    assert _numbered(colloquial, "colloquial") == [f"b16e-colloquial-{n:03d}" for n in range(1, 61)]
    assert {i.language for i in colloquial} == {"zh"}
    on_bj = [i for i in colloquial if i.doc == "bj-ipm"]
    assert len(on_bj) == 50 and {i.type for i in on_bj} == {"paraphrase_zh"}
    chapters = Counter(i.gold[0].split(".")[0].split("/")[0] for i in on_bj)
    assert set(chapters) == {str(n) for n in range(4, 14)}, chapters
    firsts = Counter(i.gold[0] for i in on_bj)
    assert len(firsts) == 50  # a different clause answers each first
    others = [i for i in colloquial if i.doc != "bj-ipm"]
    assert len(others) == 10 and {i.type for i in others} == {"other_doc"}
    assert {i.doc for i in others} == {"ipms-cert-en", "impl-guide", "iso56005-pilot",
                                       "cert-quality-2020"}


def test_second_batch_en_manager_30_on_bj_ipm_and_the_other_documents(second):
    managers = [i for i in second if i.kind == "en_manager"]
    assert _numbered(managers, "en_manager") == [f"b16e-en_manager-{n:03d}" for n in range(1, 31)]
    assert {i.language for i in managers} == {"en"}
    on_bj = [i for i in managers if i.doc == "bj-ipm"]
    assert len(on_bj) >= 20 and {i.type for i in on_bj} == {"paraphrase_en"}
    assert len({i.gold[0] for i in on_bj}) == len(on_bj)
    others = [i for i in managers if i.doc != "bj-ipm"]
    assert others and {i.type for i in others} == {"other_doc"}


# ---- the third batch (b16f-) ----

def test_third_batch_oos_vocab_60_questions_in_both_languages_no_clause_answers(dev):
    oos = [i for i in dev if i.id.startswith("b16f-")]
    assert _numbered(oos, "oos_vocab") == [f"b16f-oos_vocab-{n:03d}" for n in range(1, 61)]
    languages = Counter(i.language for i in oos)
    assert languages["zh"] >= 30 and languages["en"] >= 20, languages
    for item in oos:
        assert (item.type, item.doc, item.gold, item.answerable, item.split) == (
            "out_of_scope", None, [], False, "dev"), item.id
        assert re.fullmatch(r"[^:]+: .*no clause.+", item.reason), item.id
    assert sum(1 for i in oos if set(i.question) & TRADITIONAL_ONLY) >= 2


# ---- the fourth batch (b16g-) ----

def test_fourth_batch_oos_vocab_30_questions_written_before_running_them(dev):
    """oos_vocab4: qualification exams and pass rates, becoming a registered attorney, a named
    foreign company's licensing practice, foreign police and customs raids, how similar a mark
    must be before the office refuses it."""
    oos = [i for i in dev if i.id.startswith("b16g-")]
    assert _numbered(oos, "oos_vocab") == [f"b16g-oos_vocab-{n:03d}" for n in range(1, 31)]
    languages = Counter(i.language for i in oos)
    assert languages["zh"] >= 15 and languages["en"] >= 10, languages
    for item in oos:
        assert (item.type, item.doc, item.gold, item.answerable, item.split) == (
            "out_of_scope", None, [], False, "dev"), item.id
        assert re.fullmatch(r"[^:]+: .*no clause.+", item.reason), item.id
