"""BM25 over clause units, with the tokenized units cached on disk beside the index."""
from __future__ import annotations

import json
from pathlib import Path

from rank_bm25 import BM25Okapi

from assistant.retrieval.tokenize import Tokenizer
from assistant.retrieval.units import IndexUnit


class LexicalIndex:
    def __init__(self, units: list[IndexUnit], tokenized: list[list[str]], tokenizer: Tokenizer,
                 text_lengths: list[int] | None = None):
        """tokenized: each unit's indexed words, its text's first (text_lengths of them), then
        its search terms'."""
        self.units = units
        self.tokenizer = tokenizer
        lengths = text_lengths or [len(tokens) for tokens in tokenized]
        self.vocabulary = frozenset(t for tokens, n in zip(tokenized, lengths) for t in tokens[:n])
        self._unit_terms = [frozenset(tokens) for tokens in tokenized]
        # The words of the standard's own text, without the search terms: what the scope check reads.
        self._text_terms = [frozenset(tokens[:n]) for tokens, n in zip(tokenized, lengths)]
        self._bm25 = BM25Okapi(tokenized)
        self._max_idf = max(self._bm25.idf.values(), default=1.0)

    @classmethod
    def build(cls, units: list[IndexUnit], tokenizer: Tokenizer, cache: Path | None,
              corpus_hash: str) -> "LexicalIndex":
        key = f"{corpus_hash}-{tokenizer.signature}"
        cached = _read_cache(cache, key, units)
        if cached is None:
            texts = [tokenizer.tokens(u.text) for u in units]
            terms = [tokenizer.tokens(u.search_terms) if u.search_terms else [] for u in units]
            cached = ([a + b for a, b in zip(texts, terms)], [len(a) for a in texts])
            if cache is not None:
                _write_cache(cache, key, units, *cached)
        return cls(units, cached[0], tokenizer, cached[1])

    def search(self, query_tokens: list[str], limit: int, doc: str | None = None,
               coverage_weight: float = 0.0) -> list[tuple[int, float]]:
        """(unit index, score) for units with a positive BM25 score, best first.

        With a coverage weight, the top candidates are re-ranked by BM25 (relative to the best)
        plus weight x coverage, favouring a clause that holds more of the question's distinct
        words over one that repeats a few of them."""
        if not query_tokens:
            return []
        scores = self._bm25.get_scores(query_tokens)
        ranked = [(i, float(s)) for i, s in enumerate(scores)
                  if s > 0 and (doc is None or self.units[i].doc == doc)]
        ranked.sort(key=lambda pair: -pair[1])
        ranked = ranked[:limit]
        if coverage_weight and ranked:
            best = ranked[0][1]
            ranked = sorted(((i, s / best + coverage_weight * self.coverage(query_tokens, i))
                             for i, s in ranked), key=lambda pair: -pair[1])
        return ranked


    def coverage(self, query_tokens: list[str], unit: int, text_only: bool = False) -> float:
        """Share of the question's information (IDF mass) that the unit contains (with
        text_only, its text without the search terms). Words the corpus never uses count as
        fully informative, so "明天北京天气" covers little."""
        terms = set(query_tokens)
        if not terms:
            return 0.0
        unit_terms = (self._text_terms if text_only else self._unit_terms)[unit]
        weight = {t: max(self._bm25.idf.get(t, self._max_idf), 0.05) for t in terms}
        matched = sum(w for t, w in weight.items() if t in unit_terms)
        return matched / sum(weight.values())


def _read_cache(cache: Path | None, corpus_hash: str, units: list[IndexUnit]
                ) -> tuple[list[list[str]], list[int]] | None:
    if cache is None or not cache.exists():
        return None
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data["corpus_hash"] != corpus_hash or data["uids"] != [u.uid for u in units] \
                or len(data["text_lengths"]) != len(units):
            return None
        return data["tokens"], data["text_lengths"]
    except (ValueError, KeyError, TypeError):
        return None  # a corrupt cache is rebuilt


def _write_cache(cache: Path, corpus_hash: str, units: list[IndexUnit], tokenized,
                 text_lengths: list[int]) -> None:
    from assistant.corpus.build import atomic_write

    atomic_write(cache, json.dumps({"corpus_hash": corpus_hash, "uids": [u.uid for u in units],
                                    "tokens": tokenized, "text_lengths": text_lengths},
                                   ensure_ascii=False))
