"""BM25 over clause units; the tokenized units are stored in an index version (see
index_store) so a process does not tokenize the corpus again."""
from __future__ import annotations

import json

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
        self._tokenized, self._text_lengths = tokenized, lengths
        self.vocabulary = frozenset(t for tokens, n in zip(tokenized, lengths) for t in tokens[:n])
        self._unit_terms = [frozenset(tokens) for tokens in tokenized]
        # The words of the standard's own text, without the search terms: what the scope check reads.
        self._text_terms = [frozenset(tokens[:n]) for tokens, n in zip(tokenized, lengths)]
        self._bm25 = BM25Okapi(tokenized)
        self._max_idf = max(self._bm25.idf.values(), default=1.0)

    @classmethod
    def compute(cls, units: list[IndexUnit], tokenizer: Tokenizer) -> "LexicalIndex":
        """Tokenize every unit (a few seconds: jieba over the whole corpus)."""
        texts = [tokenizer.tokens(u.text) for u in units]
        terms = [tokenizer.tokens(u.search_terms) if u.search_terms else [] for u in units]
        return cls(units, [a + b for a, b in zip(texts, terms)], tokenizer, [len(a) for a in texts])

    def to_json(self, key: str) -> bytes:
        """The tokenized units as stored in an index version; `key` names what they were built
        from (corpus, tokenizer), so they are never read for anything else."""
        return json.dumps({"key": key, "uids": [u.uid for u in self.units],
                           "tokens": self._tokenized, "text_lengths": self._text_lengths},
                          ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, key: str, units: list[IndexUnit],
                  tokenizer: Tokenizer) -> "LexicalIndex":
        """The index stored by to_json. Raises ValueError when the data is not the tokens of
        these units for this key (wrong key or units, wrong shapes, empty token lists)."""
        try:
            raw = json.loads(data.decode("utf-8"))
            tokens, lengths = raw["tokens"], raw["text_lengths"]
            ok = (raw["key"] == key and raw["uids"] == [u.uid for u in units]
                  and isinstance(tokens, list) and isinstance(lengths, list)
                  and len(tokens) == len(lengths) == len(units)
                  and all(isinstance(t, list) and all(isinstance(w, str) for w in t)
                          for t in tokens)
                  and all(isinstance(n, int) and 0 <= n <= len(t) for n, t in zip(lengths, tokens))
                  and any(tokens))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"unreadable lexical index ({exc.__class__.__name__})") from None
        if not ok:
            raise ValueError("the lexical index does not belong to this corpus")
        return cls(units, tokens, tokenizer, lengths)

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
