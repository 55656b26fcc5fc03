"""BM25 over clause units; the tokenized units are stored in an index version (see
index_store) so a process does not tokenize the corpus again, and a version built after a
document was added or removed tokenizes only the units whose tokens can have changed."""
from __future__ import annotations

import hashlib
import json
import re

import numpy as np
from rank_bm25 import BM25Okapi

from assistant.retrieval.tokenize import Tokenizer, bigrams
from assistant.retrieval.units import IndexUnit
from assistant.textutil import fold


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
        self._words = _Postings(tokenized)
        self._bm25 = self._words.bm25
        self._max_idf = max(self._bm25.idf.values(), default=1.0)
        self._docs = np.array([u.doc for u in units])
        self._bigrams: _Postings | None = None  # built on the first Chinese question
        self._bigrams_built = False

    @classmethod
    def compute(cls, units: list[IndexUnit], tokenizer: Tokenizer) -> "LexicalIndex":
        """Tokenize every unit (about a second per 100,000 characters: jieba)."""
        tokens = Tokens.compute(units, tokenizer)
        return cls(units, tokens.tokenized, tokenizer, tokens.lengths)

    def to_json(self, key: str) -> bytes:
        """The tokenized units as stored in an index version (see Tokens.to_json)."""
        return Tokens(self.units, self.tokenizer, self._tokenized, self._text_lengths
                      ).to_json(key)

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
               coverage_weight: float = 0.0, pairs: list[str] = (),
               pair_weight: float = 0.0) -> list[tuple[int, float]]:
        """(unit index, score) for units with a positive BM25 score, best first.

        With a coverage weight, the top candidates are re-ranked by BM25 (relative to the best)
        plus weight x coverage, favouring a clause that holds more of the question's distinct
        words over one that repeats a few of them. With `pairs` (tokenize.bigrams of the
        question), pair_weight x their BM25 over the units' character pairs is added to the
        words' BM25, so a word the segmenter splits wrongly still meets its clause."""
        if not query_tokens:
            return []
        scores = self.scores(query_tokens)
        if pairs and pair_weight and (index := self.bigram_postings()) is not None:
            scores = scores + pair_weight * index.scores(pairs)
        ranked = self._top(scores, limit, doc)
        if coverage_weight and ranked:
            best = ranked[0][1]
            ranked = sorted(((i, s / best + coverage_weight * self.coverage(query_tokens, i))
                             for i, s in ranked), key=lambda pair: -pair[1])
        return ranked

    def bigram_postings(self) -> "_Postings | None":
        """The BM25 over the units' Chinese character pairs (of their texts and search terms),
        computed on first use rather than stored: no jieba, 10 ms for the shipped corpus's 400
        units; None for a corpus without Chinese text."""
        if not self._bigrams_built:
            bags = [bigrams(u.indexed_text) for u in self.units]
            self._bigrams = _Postings(bags) if any(bags) else None
            self._bigrams_built = True
        return self._bigrams

    def _top(self, scores: np.ndarray, limit: int, doc: str | None) -> list[tuple[int, float]]:
        keep = scores > 0
        if doc is not None:
            keep &= self._docs == doc
        rows = np.flatnonzero(keep)
        best = rows[np.argsort(-scores[rows], kind="stable")[:limit]]  # ties: unit order
        return [(row, float(scores[row])) for row in best.tolist()]

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """Every unit's BM25 score, exactly BM25Okapi.get_scores' (the same terms in the same
        order), computed only where a query word occurs."""
        return self._words.scores(query_tokens)

    def text_terms(self, unit: int) -> frozenset[str]:
        """The words of a unit's text (its breadcrumb of titles and its own text, without the
        search terms)."""
        return self._text_terms[unit]

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


class _Postings:
    """rank_bm25's BM25Okapi over token lists, scored through postings: BM25Okapi.get_scores
    visits every unit for every query term (50 ms a question with 16,000 units); the same
    scores come from the units holding the term."""

    def __init__(self, tokenized: list[list[str]]) -> None:
        self.bm25 = bm25 = BM25Okapi(tokenized)
        self._norm = bm25.k1 * (1 - bm25.b + bm25.b * np.array(bm25.doc_len) / bm25.avgdl)
        self._rows: dict[str, list[int]] = {}
        for row, frequencies in enumerate(bm25.doc_freqs):
            for word in frequencies:
                self._rows.setdefault(word, []).append(row)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._size = len(tokenized)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        bm25 = self.bm25
        scores = np.zeros(self._size)
        for word in query_tokens:
            posting = self._posting(word)
            if posting is None:
                continue
            rows, freq = posting
            scores[rows] += (bm25.idf.get(word) or 0) * (
                freq * (bm25.k1 + 1) / (freq + self._norm[rows]))
        return scores

    def _posting(self, word: str) -> tuple[np.ndarray, np.ndarray] | None:
        posting = self._postings.get(word)
        if posting is None and word in self._rows:
            rows = self._rows[word]
            freqs = self.bm25.doc_freqs
            posting = (np.array(rows), np.array([freqs[row][word] for row in rows]))
            self._postings[word] = posting
        return posting



class Tokens:
    """The tokenized units, without the BM25 index built over them (what a build writes)."""

    def __init__(self, units: list[IndexUnit], tokenizer: Tokenizer,
                 tokenized: list[list[str]], lengths: list[int], reused: int = 0) -> None:
        self.units, self.tokenizer = units, tokenizer
        self.tokenized, self.lengths = tokenized, lengths
        self.reused = reused  # units whose tokens were taken from a previous version

    @classmethod
    def compute(cls, units: list[IndexUnit], tokenizer: Tokenizer,
                previous: "StoredTokens | None" = None) -> "Tokens":
        """Tokenize every unit, or with the tokens of a previous version only the units whose
        tokens can differ from those stored: new or changed units, and units containing a
        dictionary word that one of the two versions has and the other has not."""
        reuse = previous.reusable(units, tokenizer) if previous is not None else {}
        tokenized, lengths = [], []
        for unit in units:
            stored = reuse.get(unit.uid)
            if stored is None:
                text = tokenizer.tokens(unit.text)
                terms = tokenizer.tokens(unit.search_terms) if unit.search_terms else []
                stored = (text + terms, len(text))
            tokenized.append(stored[0])
            lengths.append(stored[1])
        return cls(units, tokenizer, tokenized, lengths, len(reuse))

    def to_json(self, key: str) -> bytes:
        """As stored in an index version; `key` names what they were built from (corpus,
        tokenizer), so they are never read for anything else. What a later version needs to
        reuse them is stored too: each unit's text hash and the tokenizer's dictionary words
        and base signature."""
        return json.dumps({"key": key, "uids": [u.uid for u in self.units],
                           "tokens": self.tokenized, "text_lengths": self.lengths,
                           "texts": [text_hash(u) for u in self.units],
                           "tokenizer": self.tokenizer.base_signature,
                           "words": sorted(self.tokenizer.dictionary_words)},
                          ensure_ascii=False).encode("utf-8")


def text_hash(unit: IndexUnit) -> str:
    """A short hash of what a unit's tokens are made from (its text and its search terms)."""
    return hashlib.sha256(f"{unit.text}\x00{unit.search_terms}".encode("utf-8")).hexdigest()[:16]


class StoredTokens:
    """The tokens of a previous version's lexical.json, for Tokens.compute() to reuse."""

    def __init__(self, data: bytes) -> None:
        """Raises ValueError when the data is not a lexical index of this format."""
        try:
            raw = json.loads(data.decode("utf-8"))
            uids, tokens, lengths, texts = raw["uids"], raw["tokens"], raw["text_lengths"], \
                raw["texts"]
            self.signature, self.words = raw["tokenizer"], frozenset(raw["words"])
            ok = (isinstance(self.signature, str)
                  and all(isinstance(w, str) for w in self.words)
                  and len(uids) == len(tokens) == len(lengths) == len(texts)
                  and all(isinstance(t, list) and all(isinstance(w, str) for w in t)
                          for t in tokens)
                  and all(isinstance(n, int) and 0 <= n <= len(t) for n, t in zip(lengths, tokens))
                  and all(isinstance(v, str) for v in (*uids, *texts)))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"unreadable lexical index ({exc.__class__.__name__})") from None
        if not ok:
            raise ValueError("unreadable lexical index (wrong shapes)")
        self._by_uid = {uid: (text, tokens, n) for uid, text, tokens, n
                        in zip(uids, texts, tokens, lengths)}

    def reusable(self, units: list[IndexUnit],
                 tokenizer: Tokenizer) -> dict[str, tuple[list[str], int]]:
        """uid -> (tokens, text length) of the units whose stored tokens are still theirs."""
        if self.signature != tokenizer.base_signature:
            return {}
        changed = self.words ^ tokenizer.dictionary_words
        pattern = re.compile("|".join(re.escape(w) for w in sorted(changed))) if changed else None
        out = {}
        for unit in units:
            stored = self._by_uid.get(unit.uid)
            if stored is None or stored[0] != text_hash(unit):
                continue
            if pattern is not None:
                text = f"{unit.text}\x00{unit.search_terms}"
                if pattern.search(text) or pattern.search(fold(text).lower()):
                    continue
            out[unit.uid] = (stored[1], stored[2])
        return out
