"""Exact vector search over a copy of a version's Chroma vectors, without importing chromadb.

Chroma stays the store of record: every local index version holds its Chroma store, and a
Chroma server (settings.chroma_url) is always queried through Chroma. When a version is built,
the vectors Chroma holds are also read back out of it into `vectors.npz` beside the store (part
of the version's manifest, so verified like every other file). A fresh process answering an
English question then compares the question with every vector by one matrix product instead of
importing chromadb (about 0.8 s of CPU on 2 cores, measured by `ipms bench`) and copying the
store to a private folder. The search is exact: Chroma's HNSW index is approximate (at this
corpus size and its search breadth it returns the exact neighbours too; evals compare both,
`IPMS_VECTOR_SEARCH=chroma` selects Chroma's).

Similarities are cosine similarities, as Chroma's cosine space reports them (1 - distance).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.retrieval.index_store import CorruptIndex, Version
from assistant.retrieval.units import IndexUnit

VECTORS_FILE = "vectors.npz"


def export_vectors(collection, path: Path, model: str, corpus_hash: str) -> int:
    """Write every vector of a Chroma collection to `path` (.npz: `uids` (n,), `vectors` (n, d)
    float32 with rows of unit length, `model`, `corpus_hash`); returns n. What is written is
    what Chroma holds, read back from it, not what was sent to it."""
    found = collection.get(include=["embeddings"])
    vectors = _unit_rows(np.asarray(found["embeddings"], dtype=np.float32)
                         .reshape(len(found["ids"]), -1))
    with open(path, "wb") as out:
        np.savez(out, uids=np.asarray(found["ids"], dtype=str), vectors=vectors,
                 model=np.asarray(model), corpus_hash=np.asarray(corpus_hash))
    return len(found["ids"])


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """(n, d) float32, each row scaled to length 1 (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(norms == 0, 1.0, norms))


@dataclass
class ExactVectorSearch:
    """The nearest clause units by cosine similarity over every vector (numpy). Same interface
    as dense.VectorSearch: `search(query, limit, doc)` gives (row, similarity) best first, where
    a row is a position in `row_units` (the caller's list, of which `units` hold vectors)."""

    units: list[IndexUnit]
    vectors: np.ndarray  # (len(units), d), unit rows in the order of `units`
    embedder: object  # dense.Embeddings
    rebuilt: bool
    rows: np.ndarray  # (len(units),) row of each vector in row_units
    docs: np.ndarray  # (len(units),) document id of each vector

    def search(self, query: str, limit: int, doc: str | None = None) -> list[tuple[int, float]]:
        """(row, cosine similarity rounded to 6 places), best first; ties by row."""
        question = np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        norm = float(np.linalg.norm(question))
        similarity = self.vectors @ (question / norm if norm else question)
        chosen = np.flatnonzero(self.docs == doc) if doc else np.arange(len(self.units))
        scored = sorted(((int(self.rows[i]), round(float(similarity[i]), 6)) for i in chosen),
                        key=lambda pair: (-pair[1], pair[0]))
        return scored[:min(limit, len(self.units))]


def open_exact(version: Version, units: list[IndexUnit], embedder, model: str,
               corpus_hash: str, rebuilt: bool = False,
               row_units: list[IndexUnit] | None = None) -> ExactVectorSearch | None:
    """The exact search over a version's vectors.npz, or None when the version has none (built
    before it was written: the caller queries Chroma). Raises CorruptIndex when the file does
    not verify or does not hold exactly these units' vectors for this model and corpus."""
    if VECTORS_FILE not in dict(version.manifest.files):
        return None
    try:
        with np.load(io.BytesIO(version.read(VECTORS_FILE)), allow_pickle=False) as saved:
            uids, vectors = saved["uids"], saved["vectors"]
            stored_model, stored_hash = str(saved["model"]), str(saved["corpus_hash"])
    except (ValueError, KeyError, OSError) as exc:
        raise CorruptIndex(f"{VECTORS_FILE} unreadable: {exc}") from None
    if stored_model != model or stored_hash != corpus_hash:
        raise CorruptIndex(f"{VECTORS_FILE} was made for another model or corpus")
    position = {uid: i for i, uid in enumerate(uids.tolist())}
    if len(position) != len(units) or vectors.shape[0] != len(units) \
            or any(u.uid not in position for u in units):
        raise CorruptIndex(f"{VECTORS_FILE} does not hold this corpus's {len(units)} units")
    order = [position[u.uid] for u in units]
    row = {u.uid: i for i, u in enumerate(row_units or units)}
    return ExactVectorSearch(units, _unit_rows(vectors[order]), embedder, rebuilt,
                             np.asarray([row[u.uid] for u in units]),
                             np.asarray([u.doc for u in units], dtype=str))
