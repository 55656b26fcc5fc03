"""Topical search in a standard profile: which clauses' titles and summaries match a question.

A profile has a few dozen clauses with a title and a one-sentence summary in each language, so
a small weighted overlap is enough: Chinese is compared by character bigrams, English by words;
a word or bigram found in many clauses counts less (inverse document frequency), one in a title
counts three times. No index and no model: the profile is read as it is.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from assistant.standards.profiles import Profile, ProfileClause
from assistant.textutil import fold

TITLE_WEIGHT = 3.0
MIN_SCORE = 2.5  # below it no clause matches: about one distinctive bigram in a title
RELATED_RATIO = 0.6  # clauses scoring at least this share of the best are shown with it
MAX_CLAUSES = 3
# Question words that say nothing about a topic.
_STOP_ZH = {"什么", "要求", "哪些", "规定", "怎么", "怎样", "如何", "应该", "需要", "有什", "么要",
            "标准", "企业", "条款", "内容", "说了", "讲了", "关于", "方面", "版对", "对于", "可以",
            # the field's own words, in nearly every title ("知识产权管理")
            "知识", "识产", "产权", "权管", "管理", "哪条", "环节", "体系"}
_STOP_EN = {"what", "which", "does", "do", "the", "a", "an", "of", "for", "in", "on", "to", "and",
            "or", "is", "are", "say", "says", "about", "require", "requires", "requirement",
            "requirements", "standard", "edition", "clause", "how", "should", "must", "company",
            "companies", "gb", "t", "iso", "new", "old", "version"}
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[a-z]{2,}")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def features(text: str) -> list[str]:
    """Chinese character bigrams and English word stems of `text`, without question words."""
    text = fold(text).lower()
    out = []
    for run in _CJK_RUN.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1) if run[i:i + 2] not in _STOP_ZH]
        if len(run) == 1:
            out.append(run)
    out += [_stem(w) for w in _WORD.findall(text) if w not in _STOP_EN]
    return out


def _clause_features(clause: ProfileClause) -> tuple[set[str], set[str]]:
    """(title features, summary features) of a clause, both languages."""
    return (set(features(f"{clause.title} {clause.title_en}")),
            set(features(f"{clause.summary_zh} {clause.summary_en}")))


def search_profile(profile: Profile, question: str) -> list[tuple[float, ProfileClause]]:
    """The clauses of `profile` matching `question`, best first: (score, clause), at most
    MAX_CLAUSES, each scoring at least MIN_SCORE and RELATED_RATIO of the best. Empty when
    nothing matches."""
    clauses = list(profile.clauses.values())
    each = [_clause_features(c) for c in clauses]
    frequency = Counter(f for title, summary in each for f in title | summary)
    idf = {f: math.log(1 + len(clauses) / n) for f, n in frequency.items()}
    wanted = set(features(question))
    scored = []
    for clause, (title, summary) in zip(clauses, each):
        score = sum(idf[f] * (TITLE_WEIGHT if f in title else 1.0)
                    for f in wanted if f in title or f in summary)
        if score >= MIN_SCORE:
            scored.append((score, clause))
    scored.sort(key=lambda pair: -pair[0])
    if not scored:
        return []
    best = scored[0][0]
    return [(s, c) for s, c in scored if s >= best * RELATED_RATIO][:MAX_CLAUSES]


STRONG_SCORE = 12.0  # a clause this close is the question's topic (about two distinctive words)


def strong_matches(profile: Profile, question: str) -> list[tuple[float, ProfileClause]]:
    """The clauses of search_profile that match the question by at least two of its words or
    bigrams and score at least STRONG_SCORE: a topic of the profile's own (合规文化, risks and
    opportunities), not one shared word."""
    wanted = set(features(question))
    out = []
    for score, clause in search_profile(profile, question):
        title, summary = _clause_features(clause)
        if score >= STRONG_SCORE and len(wanted & (title | summary)) >= 2:
            out.append((score, clause))
    return out
