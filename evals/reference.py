"""The reference system: the recipe a user would reach for instead of this product.

LangChain's RecursiveCharacterTextSplitter (500 characters, 50 overlap) over each document, the
same embedding model, a Chroma store, the top 5 chunks; each chunk is credited with the clause
whose heading comes last before the chunk starts, and quoted as the chunk text.
"""
from __future__ import annotations

from bisect import bisect_right

from assistant.corpus.store import Corpus
from assistant.models import Answer, Citation
from assistant.retrieval.dense import DenseIndex, make_embedder
from assistant.retrieval.units import IndexUnit
from assistant.settings import Settings

CHUNK_SIZE, CHUNK_OVERLAP, TOP_K = 500, 50, 5


def _chunks(corpus: Corpus) -> tuple[list[IndexUnit], dict[str, tuple[str, str]]]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              add_start_index=True)
    units, credit = [], {}
    for doc in corpus.documents.values():
        # Offsets of each clause's first line in the document text, for crediting chunks.
        line_starts = [0]
        for line in doc.text.split("\n"):
            line_starts.append(line_starts[-1] + len(line) + 1)
        heads = sorted((line_starts[c.first_line - 1], c.key) for c in doc.clauses.values())
        offsets = [h[0] for h in heads]
        for n, chunk in enumerate(splitter.create_documents([doc.text])):
            start = chunk.metadata["start_index"]
            i = bisect_right(offsets, start) - 1
            key = heads[max(i, 0)][1]
            unit = IndexUnit(doc.id, f"chunk-{n}", chunk.page_content)
            units.append(unit)
            credit[unit.uid] = (doc.id, key)
    return units, credit


class ReferenceSystem:
    name = "reference (splitter 500/50 + same embeddings + Chroma, top 5)"

    def __init__(self, settings: Settings, corpus: Corpus, embedder=None) -> None:
        self.corpus = corpus
        self.units, self.credit = _chunks(corpus)
        model = settings.embedding_model
        self.index = DenseIndex(self.units, embedder or make_embedder(model), f"ref-{model}",
                                corpus.content_hash(), settings.index_dir / "reference")

    def answer(self, question: str) -> Answer:
        hits = self.index.search(question, TOP_K)
        citations, keys = [], []
        for row, _similarity in hits:
            unit = self.units[row]
            doc_id, key = self.credit[unit.uid]
            clause = self.corpus.documents[doc_id].clauses[key]
            citations.append(Citation(doc_id, clause.label,
                                      self.corpus.documents[doc_id].display_title(clause),
                                      unit.text))
            keys.append((doc_id, key))
        ranked = list(dict.fromkeys(keys))
        return Answer(question, "", abstained=False, citations=citations, keys=keys, ranked=ranked)
