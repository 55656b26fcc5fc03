"""One citation per clause and document family.

With several editions or copies of one standard in the corpus, a topical search finds the same
clause in each of them, and the answer would quote it three times. Two ranked clauses are one
clause of one family when they have the same clause key in different documents and either

- the documents are editions of one standard — they share a standard number with the year left
  out (GB/T 29490—2013 and GB/T 29490—2023; see documents.document_numbers) — and the clause
  texts are alike (a rapidfuzz ratio of at least `EDITION_SIMILAR` on the texts with whitespace
  removed): an edition that renumbered its clauses has a different clause under the same key, and
  that one is cited on its own; or
- the clause texts are near-identical (ratio at least `NEAR_IDENTICAL`): a company's copy of a
  standard imported under another number, or under none.

The best-ranked one stands for the family; the others are listed with it (`Hit.also`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from assistant.corpus.store import Corpus

NEAR_IDENTICAL = 90.0  # rapidfuzz ratio (0-100): edits of a word or two in a clause stay above it
EDITION_SIMILAR = 70.0  # two editions' clause revised in part (a period, a duty added) stays above it


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class ClauseFamilies:
    """Decides whether two (doc, key) clauses are one clause of one document family."""

    def __init__(self, corpus: Corpus, family_of: Callable[[str], set[tuple[str, str]]]) -> None:
        self.corpus = corpus
        self._family_of = family_of
        self._texts: dict[tuple[str, str], str] = {}

    def _text(self, doc: str, key: str) -> str:
        if (doc, key) not in self._texts:
            self._texts[(doc, key)] = _squeeze(self.corpus.documents[doc].clauses[key].text)
        return self._texts[(doc, key)]

    def same(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        """True when `a` and `b` are the same clause key in two editions of one standard with
        alike texts, or the same key with near-identical texts in any two documents."""
        (doc_a, key_a), (doc_b, key_b) = a, b
        if doc_a == doc_b or key_a != key_b:
            return False
        editions = bool(self._family_of(doc_a) & self._family_of(doc_b))
        ratio = fuzz.ratio(self._text(doc_a, key_a), self._text(doc_b, key_b))
        return ratio >= (EDITION_SIMILAR if editions else NEAR_IDENTICAL)

    def collapse(self, ranked: list[tuple[str, str]], limit: int
                 ) -> list[tuple[int, list[tuple[str, str]]]]:
        """Walk `ranked` (best first) and keep at most `limit` clauses, one per family: returns
        (position in `ranked`, the clauses of its family ranked below it)."""
        kept: list[tuple[int, list[tuple[str, str]]]] = []
        by_key: dict[str, list[int]] = {}  # clause key -> indexes into kept
        for position, clause in enumerate(ranked):
            home = next((k for k in by_key.get(clause[1], ())
                         if self.same(ranked[kept[k][0]], clause)), None)
            if home is not None:
                kept[home][1].append(clause)
                continue
            if len(kept) >= limit:
                continue  # still read on: a family member further down joins its kept clause
            by_key.setdefault(clause[1], []).append(len(kept))
            kept.append((position, []))
        return kept
