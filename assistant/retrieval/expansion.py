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
    already), also with words of no content spoken inside them (_spoken_apart: 买一批专利 for
    买专利)."""
    text = fold(question)
    return [term for term, variants in synonyms_zh()
            if term not in text and any(v in text or _spoken_apart(v, text) for v in variants)]


# Words of no content that speech puts between a verb and its object: particles, measure
# words, question words, light verbs (买一批专利, 审了合同, 配哪些资源, 拆到各个部门,
# 一起搞研发). At most two of them, between two parts of a variant. Not 的 nor pronouns with
# it: 现有的专利 is no 现有专利 (prior art), and 写上我们的专利号 no 写专利 (drafting one).
_FILLERS = ("了", "个", "上", "各", "一批", "一些", "一下", "一个", "一家", "这些", "那些",
            "哪些", "什么", "啥", "搞", "弄")
_CJK_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{3,}")


def _spoken_apart(variant: str, text: str) -> bool:
    """Whether a variant of three Chinese characters or more occurs in the text with one or two
    _FILLERS inside it, split anywhere (买 / 专利). A split is tried only when both of its parts
    occur in the text, so no pattern is compiled for most variants."""
    if not _CJK_ONLY.fullmatch(variant):
        return False
    return any(variant[:k] in text and variant[k:] in text
               and _apart_pattern(variant, k).search(text) for k in range(1, len(variant)))


@lru_cache(maxsize=None)
def _apart_pattern(variant: str, k: int) -> re.Pattern[str]:
    fillers = "|".join(sorted(_FILLERS, key=len, reverse=True))
    return re.compile(re.escape(variant[:k]) + f"(?:{fillers}){{1,2}}" + re.escape(variant[k:]))


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
