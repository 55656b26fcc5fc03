"""Query expansion: the standard's own terms for the everyday words staff use (synonyms_zh.txt)."""
from __future__ import annotations

from functools import lru_cache

from assistant.retrieval.tokenize import term_groups
from assistant.textutil import fold


@lru_cache(maxsize=1)
def synonyms_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return term_groups("synonyms_zh.txt")


def expansion_terms(question: str) -> list[str]:
    """Standard terms whose everyday variants occur in the question (and are not there already)."""
    text = fold(question)
    return [term for term, variants in synonyms_zh()
            if term not in text and any(v in text for v in variants)]
