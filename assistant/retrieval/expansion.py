"""Query expansion: the standard's own terms for the everyday words staff use
(synonyms_zh.txt for Chinese questions, synonyms_en.txt for English ones)."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.retrieval.tokenize import american, term_groups, word_list
from assistant.textutil import fold


@lru_cache(maxsize=1)
def synonyms_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return term_groups("synonyms_zh.txt")


def _inflected(word: str) -> str:
    """A word in its base form with the regular English endings (file, files, filed, filing)."""
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 2:
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    return re.escape(word) + "(?:s|es|ed|ing|d)?"


@lru_cache(maxsize=1)
def synonyms_en() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(standard term, its everyday variants in lower case and American spelling)."""
    return tuple((term, tuple(" ".join(american(w) for w in v.lower().split()) for v in variants))
                 for term, variants in term_groups("synonyms_en.txt"))


def _stem(word: str) -> str:
    """What every inflected form of a word (see _inflected) begins with."""
    return word[:-1] if word.endswith("e") or (word.endswith("y") and len(word) > 2) else word


@lru_cache(maxsize=None)
def _variants_pattern(variants: tuple[str, ...]) -> re.Pattern[str]:
    """The variants as whole, inflected words (compiled only for groups a question may use:
    compiling all of them costs a cold process half a second). A word ends where Latin letters
    and digits end, not at `\b`: Chinese characters are word characters to `\b`, so "签NDA时"
    or "做FTO检索" would hide the acronym from a Chinese question."""
    phrases = [r"[\s-]+".join(_inflected(w) for w in v.split()) for v in variants]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(phrases) + r")(?![a-z0-9])")


@lru_cache(maxsize=1)
def whole_terms_zh() -> frozenset[str]:
    """The standard's names of the company's people and bodies (whole_terms_zh.txt): brought in
    by an everyday word, such a name is searched as one word, not with its pieces."""
    return frozenset(word_list("whole_terms_zh.txt"))


def standard_terms_zh(question: str) -> list[str]:
    """Chinese standard terms whose everyday variants occur in the question (and are not there
    already)."""
    text = fold(question)
    return [term for term, variants in synonyms_zh()
            if term not in text and any(v in text for v in variants)]


def standard_terms_en(question: str) -> list[str]:
    """English standard terms (the renditions' wording) whose everyday variants occur in it."""
    english = re.sub(r"[a-z]+", lambda m: american(m[0]), fold(question).lower())
    return [term for term, variants in synonyms_en()
            if term.lower() not in english
            and any(_may_occur(v, english) for v in variants)
            and _variants_pattern(variants).search(english)]


def _may_occur(variant: str, english: str) -> bool:
    """Whether every word of `variant` can occur in `english`: each of its inflected forms
    begins with the word's stem, so a group none of whose variants passes need not be compiled
    (a cold process compiled some 300 patterns for 30 questions when only first words were
    looked at)."""
    words = variant.split()
    return bool(words) and all(_stem(w) in english for w in words)
