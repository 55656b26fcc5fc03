"""English BM25 terms: British and American spellings, and word families, meet."""
from __future__ import annotations

import pytest

from assistant.retrieval.tokenize import Tokenizer, american, stem_en


@pytest.mark.parametrize("british, us", [
    ("organisation", "organization"), ("organised", "organized"), ("authorisation", "authorization"),
    ("standardising", "standardizing"), ("analysed", "analyzed"), ("licence", "license"),
    ("defence", "defense"), ("behaviour", "behavior"), ("programme", "program"),
])
def test_british_spellings_become_american(british, us):
    assert american(british) == us


@pytest.mark.parametrize("word", ["enterprise", "exercise", "premises", "revised", "supervising",
                                  "raise", "arises", "appraiser", "otherwise", "analysis"])
def test_words_that_only_look_british_are_kept(word):
    assert american(word) == word


@pytest.mark.parametrize("a, b", [
    ("identify", "identification"), ("classified", "classification"), ("certify", "certification"),
    ("licence", "licensing"), ("organisation", "organize"), ("strategy", "strategic"),
])
def test_word_families_share_a_stem(a, b):
    assert stem_en([a]) == stem_en([b])


def test_a_question_in_american_english_meets_a_british_rendition():
    tokenizer = Tokenizer()
    question = set(tokenizer.tokens("Who authorizes the license and the organization's defense?"))
    rendition = set(tokenizer.tokens("The organisation authorises the licence and its defence."))
    assert {"author", "licens", "organiz", "defens"} <= question & rendition
