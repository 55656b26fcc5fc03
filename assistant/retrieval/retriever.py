"""Hybrid retrieval over clauses: BM25 (both languages) fused with dense search (English),
with a scope check so off-topic questions abstain instead of citing something."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus
from assistant.retrieval.expansion import expansion_terms
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.tokenize import Tokenizer, domain_stems_en, domain_terms_zh
from assistant.retrieval.scope import ScopeSignals, asks_amount, decide, foreign_standard
from assistant.retrieval.units import IndexUnit, dictionary_words, index_units
from assistant.settings import Settings
from assistant.textutil import language_of

# Clause titles too general to show that a question is about IP management.
_GENERIC_TITLES = {"总体要求", "改进", "分析", "目标", "概述", "范围", "前言", "引言", "影响因素",
                   "评估", "取得", "谈判", "审计", "管理体系", "改进意见", "评价方式", "评价内容"}


_DEFINITIONAL = re.compile(r"什么是|是什么|定义|含义|指的是|叫做|何谓|本标准|范围|(?i:\bwhat (is|are|does)\b.*\b(mean|defin)|\bdefin|\bmeaning\b|\bwhat is an?\b)")
_DEFINITION_CHAPTERS = re.compile(r"术语|定义|terms and definitions", re.IGNORECASE)


def _is_secondary(corpus: Corpus, unit: IndexUnit) -> bool:
    """Definitions, front matter, scope and normative references."""
    doc = corpus.documents[unit.doc]
    clause = doc.clauses[unit.key]
    if clause.kind in ("front", "title", "preamble"):
        return True
    chapter = ([clause] + doc.ancestors(clause.key))[-1]
    return doc.meta.structure == "clauses" and chapter.number in ("1", "2") or bool(
        _DEFINITION_CHAPTERS.search(chapter.title))


@dataclass
class Hit:
    doc: str
    key: str
    score: float  # fused
    lexical_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None
    lexical_score: float | None = None  # BM25 blended with coverage (see LexicalIndex.search)

    def strength(self) -> float:
        """How well this hit matches on its own, comparable between hits of one search."""
        return self.lexical_score if self.lexical_score is not None else (self.dense_similarity or 0.0)


@dataclass
class Retrieval:
    hits: list[Hit]
    abstained: bool
    language: str
    reason: str = ""  # why it abstained
    signals: ScopeSignals = field(default_factory=ScopeSignals)

    @property
    def scope_terms(self) -> list[str]:
        return self.signals.terms


def rrf(rankings: list[tuple[float, list[int]]], k: int) -> dict[int, float]:
    """Weighted reciprocal rank fusion of rankings given as (weight, unit indices best first)."""
    fused: dict[int, float] = {}
    for weight, ranking in rankings:
        if weight <= 0:
            continue
        for rank, unit in enumerate(ranking, start=1):
            fused[unit] = fused.get(unit, 0.0) + weight / (k + rank)
    return fused


class Retriever:
    """Built lazily: the lexical index on the first search, the dense index on the first search
    that needs it (English questions with the default settings)."""

    def __init__(self, settings: Settings, corpus: Corpus,
                 embedder_factory: Callable[[str], object] | None = None) -> None:
        self.settings = settings
        self.corpus = corpus
        self.corpus_hash = corpus.content_hash()
        self.units: list[IndexUnit] = index_units(corpus)
        self._embedder_factory = embedder_factory
        self._lexical: LexicalIndex | None = None
        self._dense = None
        self._anchors: frozenset[str] | None = None
        self._secondary = [_is_secondary(corpus, u) for u in self.units]

    # -- indexes ------------------------------------------------------------------------------
    @property
    def lexical(self) -> LexicalIndex:
        if self._lexical is None:
            tokenizer = Tokenizer(dictionary_words(self.corpus), self.settings.home / "cache")
            self._lexical = LexicalIndex.build(self.units, tokenizer,
                                               self.settings.index_dir / "lexical.json",
                                               self.corpus_hash)
        return self._lexical

    @property
    def dense(self):
        if self._dense is None:
            self._dense = self._open_dense(force_rebuild=False)
        return self._dense

    def _open_dense(self, force_rebuild: bool):
        from assistant.retrieval.dense import DenseIndex, make_embedder

        factory = self._embedder_factory or make_embedder
        model = self.settings.embedding_model
        return DenseIndex(self.units, factory(model), model, self.corpus_hash,
                          self.settings.index_dir / "chroma", self.settings.chroma_url,
                          force_rebuild=force_rebuild)

    def build(self, dense: bool = True) -> dict[str, object]:
        """Build (or verify) every index now; used by `ipms index` and the benchmark."""
        cache = self.settings.index_dir / "lexical.json"
        cache.unlink(missing_ok=True)
        self._lexical = None
        lexical = self.lexical
        info: dict[str, object] = {"units": len(self.units), "corpus_hash": self.corpus_hash,
                                   "vocabulary": len(lexical.vocabulary)}
        if dense:
            self._dense = self._open_dense(force_rebuild=True)
            info["dense_rebuilt"] = self._dense.rebuilt
            info["embedding_model"] = self.settings.embedding_model
        return info

    # -- scope ----------------------------------------------------------------------------------
    @property
    def anchors(self) -> frozenset[str]:
        if self._anchors is None:
            titles = {re.sub(r"\s+", "", c.title) for d in self.corpus.documents.values()
                      for c in d.clauses.values() if c.title and d.meta.language == "zh"}
            self._anchors = frozenset(
                set(domain_terms_zh()) | set(domain_stems_en()) | (titles - _GENERIC_TITLES))
        return self._anchors

    # -- search ---------------------------------------------------------------------------------
    def search(self, question: str, doc: str | None = None, top_k: int | None = None) -> Retrieval:
        cfg = self.settings.retrieval
        top_k = top_k or cfg.top_k
        language = language_of(question)
        tokens = self.lexical.tokenizer.tokens(question)
        for term in expansion_terms(question):
            tokens += self.lexical.tokenizer.tokens(term)
        lexical = self.lexical.search(tokens, cfg.candidates, doc, cfg.coverage_weight)
        dense_weight = cfg.dense_weight_zh if language == "zh" else cfg.dense_weight_en
        dense: list[tuple[int, float]] = []
        if dense_weight > 0:
            dense = self.dense.search(question, cfg.candidates, doc)
        signals = ScopeSignals(
            terms=[t for t in tokens if t in self.anchors],
            best_similarity=max((s for _, s in dense), default=0.0),
            best_coverage=max((self.lexical.coverage(tokens, u) for u, _ in lexical[:3]),
                              default=0.0),
            foreign_standard=foreign_standard(question, self.lexical.vocabulary),
            asks_amount=asks_amount(question),
        )
        reason = decide(signals, cfg)
        if reason is None and not lexical and not dense:
            reason = "nothing matched"
        if reason is not None:
            return Retrieval([], True, language, reason, signals)
        fused = rrf([(cfg.lexical_weight, [i for i, _ in lexical]),
                     (dense_weight, [i for i, _ in dense])], cfg.rrf_k)
        if not _DEFINITIONAL.search(question):
            # Definitions and front matter answer "what is X" and "what is this standard";
            # for every other question a requirement clause is the better answer.
            for unit in fused:
                if self._secondary[unit]:
                    fused[unit] *= cfg.secondary_clause_weight
        lex_rank = {unit: r for r, (unit, _) in enumerate(lexical, start=1)}
        dense_rank = {unit: r for r, (unit, _) in enumerate(dense, start=1)}
        similarity = dict(dense)
        lexical_score = dict(lexical)
        ordered = sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))[:top_k]
        hits = [Hit(self.units[u].doc, self.units[u].key, score, lex_rank.get(u),
                    dense_rank.get(u), similarity.get(u), lexical_score.get(u))
                for u, score in ordered]
        return Retrieval(hits, False, language, "", signals)
