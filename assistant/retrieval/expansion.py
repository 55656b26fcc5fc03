"""Query expansion: the standard's own terms for the everyday words staff use
(synonyms_zh.txt for Chinese questions, synonyms_en.txt for English ones)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from assistant.retrieval.tokenize import american, term_groups, word_list
from assistant.textutil import fold


@lru_cache(maxsize=1)
def synonyms_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(standard term, its everyday variants): synonyms_zh.txt's words, with the situations
    of situations_zh.txt (员工交了辞呈 -> 离职, 产品要上市了 -> 风险识别) under the act they call
    for; a term listed in both files is one entry."""
    merged: dict[str, tuple[str, ...]] = {}
    for term, variants in term_groups("synonyms_zh.txt") + term_groups("situations_zh.txt"):
        merged[term] = merged.get(term, ()) + tuple(v for v in variants
                                                    if v not in merged.get(term, ()))
    return tuple(merged.items())


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
                 for term, variants in term_groups("synonyms_en.txt")
                 + term_groups("situations_en.txt"))


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
def _situations_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return term_groups("situations_zh.txt")


@lru_cache(maxsize=1)
def _situations_en() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """situations_en.txt's groups, variants in lower case and American spelling (read once:
    the scope check and ranking ask for every question)."""
    return tuple((term, tuple(" ".join(american(w) for w in v.lower().split()) for v in variants))
                 for term, variants in term_groups("situations_en.txt"))


def situation_acts_en(question: str) -> list[str]:
    """The standard's acts an English question's situation calls for, read through
    situations_en.txt alone (handed in her notice -> departure), in the file's order."""
    if not re.search(r"[A-Za-z]", question):
        return []
    english = re.sub(r"[a-z]+", lambda m: american(m[0]), fold(question).lower())
    acts = []
    for term, variants in _situations_en():
        if any(_may_occur(v, english) for v in variants) \
                and _variants_pattern(variants).search(english):
            acts.append(term)
    return acts


def situation_acts_zh(question: str) -> list[str]:
    """The standard's acts a Chinese question's situation calls for, read through
    situations_zh.txt alone (交了辞呈 -> 离职, 定好了上市日期 -> 风险识别), in the file's order."""
    text = fold(question)
    return [term for term, variants in _situations_zh()
            if any(v in text or _spoken_apart(v, text) for v in variants)]


@lru_cache(maxsize=1)
def whole_terms_zh() -> frozenset[str]:
    """The standard's names of the company's people and bodies (whole_terms_zh.txt): brought in
    by an everyday word, such a name is searched as one word, not with its pieces."""
    return frozenset(word_list("whole_terms_zh.txt"))


def standard_terms_zh(question: str) -> list[str]:
    """Chinese standard terms whose everyday variants occur in the question (and are not there
    already), also with words of no content spoken inside them (_spoken_apart: 买一批专利 for
    买专利). A term read only where a longer variant of another entry, or another standard term
    itself, is read across the same words yields to it (_yielding: 找个代理机构 is 代理机构, a
    服务机构, not 找代理, 外包), and a term yields to a more specific entry read in the same part
    of the sentence (_outranked, precedence_zh: 被侵权 < 许可). One question's terms are read
    once: ranking asks for them several times (_read_terms_zh)."""
    return list(_read_terms_zh(question))


@lru_cache(maxsize=256)
def _read_terms_zh(question: str) -> tuple[str, ...]:
    """standard_terms_zh, kept for the questions last asked."""
    text = fold(question)
    readings = [(term, _readings(term, variants, text)) for term, variants in synonyms_zh()]
    found = [(term, spans) for term, spans in readings if spans]
    found = [(term, spans) for term, spans in found if not _outranked(term, spans, found, text)]
    found = [(term, spans) for term, spans in found if not _read_inside(term, spans, found)]
    return tuple(term for term, spans in found
                 if term not in text and not _yielding(term, spans, found))


@lru_cache(maxsize=1)
def precedence_zh() -> dict[str, frozenset[str]]:
    """Lines `term < more specific, ...` of synonyms_zh.txt: the term's reading yields to any of
    those entries read in the same part of the sentence (被侵权 < 许可: 授权别的企业使用我们的专利
    is a licence, not an infringement)."""
    text = resources.files("assistant.retrieval").joinpath("data", "synonyms_zh.txt") \
        .read_text(encoding="utf-8")
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "<" in line and "=" not in line and "<<" not in line:
            head, items = line.split("<", 1)
            table[head.strip()] = frozenset(i.strip() for i in items.split(",") if i.strip())
    return table


@lru_cache(maxsize=1)
def inside_zh() -> dict[str, frozenset[str]]:
    """Lines `term << entry, ...` of synonyms_zh.txt: the term is not brought in where each of
    its readings lies inside a longer reading of one of those entries (监督检查 << 内部审核:
    the 检查 of 内部检查 is the internal audit, not the top manager's supervision), while a
    reading of its own elsewhere in the sentence still counts (内审意见和督查结果: both)."""
    text = resources.files("assistant.retrieval").joinpath("data", "synonyms_zh.txt") \
        .read_text(encoding="utf-8")
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "<<" in line and "=" not in line:
            head, items = line.split("<<", 1)
            table[head.strip()] = frozenset(i.strip() for i in items.split(",") if i.strip())
    return table


def _read_inside(term: str, spans: list[tuple[int, int, int, bool]],
                 found: list[tuple[str, list[tuple[int, int, int, bool]]]]) -> bool:
    """Whether every reading of a term lies inside a longer reading of an entry it is read
    inside of (inside_zh)."""
    wider = inside_zh().get(term)
    if not wider:
        return False
    outer = [(b0, b1) for other, o in found if other in wider for b0, b1, *_ in o]
    return all(any(b0 <= a0 and a1 <= b1 and b1 - b0 > a1 - a0 for b0, b1 in outer)
               for a0, a1, *_ in spans)


_PART_END = re.compile(r"[，,。.？?！!；;：:\n]")


def _outranked(term: str, spans: list[tuple[int, int, int, bool]],
               found: list[tuple[str, list[tuple[int, int, int, bool]]]], text: str) -> bool:
    """Whether a more specific entry (precedence_zh) is read in the same part of the sentence
    (between punctuation) as every reading of the term."""
    specific = precedence_zh().get(term)
    if not specific:
        return False
    ends = [m.start() for m in _PART_END.finditer(text)]

    def part(at: int) -> int:
        return sum(1 for e in ends if e < at)

    others = [part(b0) for other, o in found if other in specific for b0, *_ in o]
    return all(part(a0) in others for a0, *_ in spans)


def _readings(term: str, variants: tuple[str, ...], text: str) -> list[tuple[int, int, int, bool]]:
    """Where a term is read in the text: (start, end, length of the words read, whether spoken
    apart) for the term itself and for each variant, whole or spoken apart."""
    spans = []
    for word in (term, *variants):
        at = text.find(word)
        if at >= 0:
            spans.append((at, at + len(word), len(word), False))
        elif word is not term and (m := _apart_match(word, text)) is not None:
            spans.append((m.start(), m.end(), len(word), True))
    return spans


def _yielding(term: str, spans: list[tuple[int, int, int, bool]],
              found: list[tuple[str, list[tuple[int, int, int, bool]]]]) -> bool:
    """Whether every reading of a term is spoken apart and gives way to a longer reading of
    another entry, said whole, that shares words with it: 找个代理机构 is 代理机构, a 服务机构,
    not 找(个)代理, 外包; 走啥流程 stays 走流程 beside 流程. Whole readings stand side by side,
    crossing (国外专利 / 专利库) or one inside another (签协议之前 holds 协议: before signing,
    and a contract), since each may say something of its own."""
    def beaten(a0: int, a1: int, n: int, apart: bool) -> bool:
        return apart and any(other != term and not b_apart and m > n and b0 < a1 and a0 < b1
                             for other, others in found for b0, b1, m, b_apart in others)
    return all(beaten(*span) for span in spans)


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
    return _apart_match(variant, text) is not None


def _apart_match(variant: str, text: str) -> re.Match[str] | None:
    """The first place a variant is spoken apart in the text (see _spoken_apart), or None."""
    if not _CJK_ONLY.fullmatch(variant):
        return None
    for k in range(1, len(variant)):
        if variant[:k] in text and variant[k:] in text \
                and (m := _apart_pattern(variant, k).search(text)) is not None:
            return m
    return None


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
