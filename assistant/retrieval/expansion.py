"""Query expansion: the standard's own terms for the everyday words staff use (synonyms_zh.txt)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from assistant.textutil import fold


@lru_cache(maxsize=1)
def synonyms_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("assistant.retrieval").joinpath("data", "synonyms_zh.txt").read_text(
        encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" not in line:
            continue
        term, variants = line.split("=", 1)
        pairs.append((term.strip(), tuple(v.strip() for v in variants.split(",") if v.strip())))
    return tuple(pairs)


def expansion_terms(question: str) -> list[str]:
    """Standard terms whose everyday variants occur in the question (and are not there already)."""
    text = fold(question)
    return [term for term, variants in synonyms_zh()
            if term not in text and any(v in text for v in variants)]
