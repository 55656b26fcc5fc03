"""Everyday words in a question bring in the standard's own terms (both languages)."""
from __future__ import annotations

import re

import pytest

from assistant.corpus.store import Corpus
from assistant.retrieval.expansion import standard_terms_en, standard_terms_zh
from assistant.retrieval.tokenize import term_groups
from helpers import make_settings


@pytest.mark.parametrize("question, term", [
    ("What does the boss have to do?", "top management"),
    ("We found prior art on our invention", "prior application"),
    ("We are taking over a start-up", "takeover"),
    ("A key engineer is quitting next month", "departure"),
    ("老板要做什么", "最高管理者"),
])
def test_everyday_words_bring_in_the_standard_term(question, term):
    assert term in standard_terms_zh(question) + standard_terms_en(question)


@pytest.mark.parametrize("question", ["What does the standard say about bossa nova?",
                                      "Is the weather fine today?", "The enterprise shall"])
def test_unrelated_words_bring_in_nothing_english(question):
    assert standard_terms_en(question) == []


def test_a_term_already_in_the_question_is_not_added_again():
    assert "top management" not in standard_terms_en("What must top management do, says my boss?")


def test_every_english_standard_term_occurs_in_the_english_texts(tmp_path):
    """The left side of synonyms_en.txt is the corpus's own wording, or it could never match."""
    corpus = Corpus.load(make_settings(tmp_path))
    english = " ".join(
        [r.title + " " + r.text for d in corpus.documents.values()
         for r in d.renditions.values() if r.language == "en"]
        + [c.text for d in corpus.documents.values() if d.meta.language == "en"
           for c in d.clauses.values()]).lower()
    missing = [t for t, _ in term_groups("synonyms_en.txt")
               if not re.search(r"(?<![a-z])" + re.escape(t.lower()) + r"(?![a-z])", english)]
    assert not missing
