"""Metric functions. Pure: they take ranked clause keys, citations and the corpus, and return
numbers; the runner aggregates them per type and per language."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.corpus.store import Corpus
from assistant.models import Citation

DocKey = tuple[str, str]


def gold_subtrees(corpus: Corpus, doc: str | None, gold: Sequence[str]) -> list[frozenset[DocKey]]:
    """Each gold clause as the set of (doc, key) it covers: itself and its descendants."""
    if doc is None:
        return []
    if doc not in corpus.documents:  # a standard profile (its text not in the corpus): by number
        from assistant.standards.profiles import load_profile

        numbers = list(load_profile(doc).clauses)
        return [frozenset((doc, n) for n in numbers if n == key or n.startswith(key + "."))
                for key in gold]
    document = corpus.documents[doc]
    return [frozenset((doc, c.key) for c in document.subtree(key)) for key in gold]


def first_hit_rank(ranked: Sequence[DocKey], gold: list[frozenset[DocKey]]) -> int | None:
    for rank, item in enumerate(ranked, start=1):
        if any(item in g for g in gold):
            return rank
    return None


def hit_at_1(ranked: Sequence[DocKey], gold: list[frozenset[DocKey]]) -> float:
    return 1.0 if ranked and any(ranked[0] in g for g in gold) else 0.0


def recall_at_k(ranked: Sequence[DocKey], gold: list[frozenset[DocKey]], k: int = 5) -> float:
    if not gold:
        return 0.0
    top = ranked[:k]
    return sum(1 for g in gold if any(item in g for item in top)) / len(gold)


def reciprocal_rank(ranked: Sequence[DocKey], gold: list[frozenset[DocKey]]) -> float:
    rank = first_hit_rank(ranked, gold)
    return 1.0 / rank if rank else 0.0


@dataclass(frozen=True)
class CitationCounts:
    correct: int  # citations inside some gold subtree
    total: int
    gold_covered: int  # gold clauses with at least one citation inside
    gold_total: int


def citation_counts(cited: Sequence[DocKey], gold: list[frozenset[DocKey]]) -> CitationCounts:
    correct = sum(1 for c in cited if any(c in g for g in gold))
    covered = sum(1 for g in gold if any(c in g for c in cited))
    return CitationCounts(correct, len(cited), covered, len(gold))


def _clauses_labelled(corpus: Corpus, citation: Citation):
    document = corpus.documents.get(citation.doc)
    if document is None:
        return None, []
    return document, [c for c in document.clauses.values() if c.label == citation.clause]


def citation_valid(corpus: Corpus, citation: Citation) -> bool:
    """The cited document exists and has a clause printed with the cited number/label."""
    _, clauses = _clauses_labelled(corpus, citation)
    return bool(clauses)


QuoteVerdict = Literal["verbatim", "misattributed", "not_in_corpus"]


def quote_verdict(corpus: Corpus, citation: Citation) -> QuoteVerdict:
    """'verbatim' when the quote occurs in the cited clause's original text (with its subtree);
    'misattributed' when it occurs only elsewhere in the corpus; else 'not_in_corpus'."""
    quote = citation.quote.strip()
    document, clauses = _clauses_labelled(corpus, citation)
    if quote and document is not None and any(
            quote in document.subtree_text(c.key) for c in clauses):
        return "verbatim"
    if quote and any(quote in d.text for d in corpus.documents.values()):
        return "misattributed"
    return "not_in_corpus"


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def abstention_recall(abstained: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of the unanswerable items that abstained (None when there are none)."""
    flags = [a for a, ok in zip(abstained, answerable) if not ok]
    return sum(flags) / len(flags) if flags else None


def false_abstention(abstained: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of the answerable items that abstained (None when there are none)."""
    flags = [a for a, ok in zip(abstained, answerable) if ok]
    return sum(flags) / len(flags) if flags else None


def abstention_precision(abstained: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of the abstentions that were on unanswerable items: how far an abstention can be
    trusted (None when nothing abstained). Recall says how many unanswerable items abstained."""
    verdicts = [not ok for a, ok in zip(abstained, answerable) if a]
    return sum(verdicts) / len(verdicts) if verdicts else None
