"""The retriever's two indexes, BM25 and vectors, opened from one verified version of the index
store (index_store): built on first use under the store's lock, rebuilt when missing, stale or
damaged, and exchanged for a newer version when the pointer moves, so a long-lived process (the
web app) follows `ipms index` without failing.

A version for a changed corpus (a document added or removed) is built from the version it
replaces: the vectors and tokens of units whose text is unchanged are copied, so only the
document's own units are embedded (and tokenized, with the units containing one of its titles).
`ipms corpus add` and `remove` call update_index() so this happens before the next question."""
from __future__ import annotations

import functools
import hashlib
import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.retrieval.index_store import Built, CorruptIndex, IndexStore, Manifest, Version
from assistant.retrieval.lexical import LexicalIndex, StoredTokens, Tokens
from assistant.retrieval.tokenize import Tokenizer
from assistant.retrieval.units import IndexUnit, dictionary_words, index_units
from assistant.settings import Settings

log = logging.getLogger(__name__)

LEXICAL_FILE = "lexical.json"
LEXICAL_FORMAT = "2"  # bump when what lexical.json holds changes
# What a first build costs, for the notice that explains the wait: try13 (2026-12-01) built the
# default corpus and three company files, about 250 embedded passages, in 40 s of CPU and 2m19s
# of wall time on a shared 2-core machine. The notice gives that range per passage.
BUILD_SECONDS_PER_PASSAGE = (0.15, 0.55)
BUILD_SECONDS_FIXED = 5  # loading jieba and the embedder


@dataclass
class _View:
    """What this process has opened: the version, and each index once it was needed."""

    version: Version
    lexical: LexicalIndex | None = None
    dense: object | None = None  # dense.VectorSearch


class SearchIndexes:
    """Opens, builds and follows the index versions for one corpus (its units and hash).

    `tokenizer_factory` makes the BM25 tokenizer (jieba is loaded on its first Chinese text);
    `embedder_factory(model name, backend)` makes the embedder, only when vectors are needed:
    a new version's vectors are computed with the backend the settings resolve to (see
    dense.resolve_backend), and an existing version's questions are embedded with the backend
    recorded in it. Safe to use from several threads: one of them opens or builds, the others
    wait for it."""

    def __init__(self, settings: Settings, units: list[IndexUnit], corpus_hash: str,
                 tokenizer_factory: Callable[[], Tokenizer],
                 embedder_factory: Callable[[str, str], object]) -> None:
        self.settings = settings
        self.units = units
        self.corpus_hash = corpus_hash
        self._tokenizer_factory = tokenizer_factory
        self._embedder_factory = embedder_factory
        self._tokenizer: Tokenizer | None = None
        self._key: str | None = None
        self._embedders: dict[str, object] = {}  # backend -> embedder
        self._backend: str | None = None
        self._lock = threading.RLock()
        self._view: _View | None = None
        self._seen: str | None = None  # the last pointed version looked at by refresh()
        self._embedded: str | None = None  # the last version whose vectors this process embedded
        self.last_build: dict[str, int] = {}  # units, tokenized, embedded by the last build here
        url = settings.chroma_url
        self.store = IndexStore(settings.index_dir, on_remove=(
            (lambda manifest: _drop_server_collection(url, manifest)) if url else None))

    @classmethod
    def for_corpus(cls, settings: Settings, corpus,
                   embedder_factory: Callable[[str], object] | None = None) -> "SearchIndexes":
        """The indexes of a corpus (store.Corpus): its units, its hash, a tokenizer with its
        titles in the dictionary, and the configured embedder (`embedder_factory(model name)`
        replaces it, for every backend)."""
        factory = ((lambda model, backend: embedder_factory(model)) if embedder_factory
                   else functools.partial(_make_embedder, settings))
        return cls(settings, index_units(corpus), corpus.content_hash(),
                   lambda: Tokenizer(dictionary_words(corpus), settings.home / "cache"), factory)

    # -- what a version must be built from ------------------------------------------------------
    @property
    def tokenizer(self) -> Tokenizer:
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = self._tokenizer_factory()
            return self._tokenizer

    @property
    def key(self) -> str:
        """Changes with the corpus, the tokenization and the lexical file's format."""
        if self._key is None:
            text = f"{self.corpus_hash}|{self.tokenizer.signature}|{LEXICAL_FORMAT}"
            self._key = hashlib.sha256(text.encode()).hexdigest()[:24]
        return self._key

    def _build_backend(self) -> str:
        from assistant.retrieval.dense import resolve_backend

        if self._backend is None:
            self._backend = resolve_backend(self.settings.embedding_model,
                                            self.settings.embedding_backend,
                                            self.settings.models_dir)
        return self._backend

    def _dense_key(self) -> str:
        from assistant.retrieval.dense import dense_key

        return dense_key(self.settings.embedding_model, self._build_backend(),
                         self._dense_languages())

    def _dense_languages(self) -> tuple[str, ...]:
        chosen = self.settings.retrieval.dense_languages
        if chosen is not None:
            return tuple(chosen)
        from assistant.retrieval.dense import MODEL_LANGUAGES

        return MODEL_LANGUAGES.get(self.settings.embedding_model, ())

    @property
    def dense_units(self) -> list[IndexUnit]:
        """The units that get vectors: those in a language the embedding model reads
        (settings.retrieval.dense_languages; all when it is empty)."""
        languages = self._dense_languages()
        return [u for u in self.units if not languages or u.language in languages]

    def _embedder_now(self, backend: str | None = None):
        """The embedder for `backend` (default: the one new vectors are computed with)."""
        with self._lock:
            backend = backend or self._build_backend()
            if backend not in self._embedders:
                self._embedders[backend] = self._embedder_factory(
                    self.settings.embedding_model, backend)
            return self._embedders[backend]

    # -- opening ----------------------------------------------------------------------------------
    @property
    def version(self) -> str | None:
        """The name of the version this process has open, if any."""
        view = self._view
        return view.version.name if view else None

    def lexical(self) -> LexicalIndex:
        with self._lock:
            view = self._view
            if view is None or view.lexical is None:
                view = self._open(dense=False)
            return view.lexical

    def dense(self):
        with self._lock:
            view = self._view
            if view is None or view.dense is None:
                view = self._open(dense=True)
            return view.dense

    def refresh(self) -> None:
        """Cheap (one small read): when the pointer names another version built for this same
        corpus, forget the open one so the next search opens the new one. A version built for
        another corpus (after `corpus add`) is not for this process: it keeps what it has."""
        view = self._view
        if view is None:
            return
        name = self.store.pointed_name()
        if name is None or name == view.version.name or name == self._seen:
            return
        with self._lock:
            self._seen = name
            try:
                current = self.store.current()
            except CorruptIndex:
                return  # the next build repairs it; what is open is still good
            if current is not None and current.manifest.key == self.key \
                    and self._view is view:
                self._view = None

    def _accept(self, dense: bool) -> Callable[[Manifest], bool]:
        """Whether a version serves this corpus (and holds vectors for it when `dense`)."""
        key = self.key
        if not dense:  # a BM25-only question loads nothing of dense search
            return lambda manifest: manifest.key == key
        from assistant.retrieval.dense import same_vectors

        model, languages = self.settings.embedding_model, self._dense_languages()
        on_server = bool(self.settings.chroma_url)
        return lambda manifest: manifest.key == key \
            and same_vectors(manifest.dense, model, languages) \
            and (manifest.collection is not None) == on_server

    def serves_corpus(self, dense: bool = True) -> bool:
        """Cheap (the pointer and the manifest: two small reads, no index file opened, no
        embedder, no jieba): whether the current version serves this corpus, with its vectors
        when `dense`, so opening it would build nothing. False when there is no index or its
        pointer or manifest is damaged (opening it would rebuild)."""
        try:
            version = self.store.current()
        except CorruptIndex:
            return False
        return version is not None and self._accept(dense)(version.manifest)

    def _wanted_dense(self, dense: bool) -> bool:
        # Vectors too when any question language uses them: one build serves every
        # process that starts on an empty home, whatever it asks first.
        cfg = self.settings.retrieval
        return dense or cfg.dense_weight_en > 0 or cfg.dense_weight_zh > 0

    def _open(self, dense: bool) -> _View:
        key = self.key
        old = self._view
        accept = self._accept(dense)

        def load(version: Version) -> _View:
            keep = old if old is not None and old.version.manifest.key == key else None
            lexical = keep.lexical if keep and keep.lexical else self._load_lexical(version)
            vectors = self._load_dense(version, rebuilt=False) if dense else (
                keep.dense if keep and keep.version.name == version.name else None)
            return _View(version, lexical, vectors)

        def build(folder: Path, name: str, previous: Version | None) -> Built:
            if previous is None:  # a person or a script waits for the first answer
                if self._wanted_dense(dense):
                    self._embedder_now()  # a model that cannot load fails before the notice
                log.warning(build_notice(len(self.units), len(self.dense_units)))
            return self._build(folder, name, previous, dense=self._wanted_dense(dense),
                               reuse=True)

        version, view, _ = self.store.open(accept, load, build)
        if view.dense is not None and self._embedded == version.name:
            view.dense.rebuilt = True
        self._view = view
        return view

    def rebuild(self, dense: bool = True) -> dict[str, object]:
        """Build a new version now (`ipms index`) and open it; what was built, for the CLI."""
        with self._lock:
            version = self.store.rebuild(
                lambda folder, name, previous: self._build(folder, name, previous, dense=dense,
                                                           reuse=False))
            view = _View(version, self._load_lexical(version))
            if dense:
                view.dense = self._load_dense(version, rebuilt=True)
            self._view = view
            return {"version": version.name, "vocabulary": len(view.lexical.vocabulary)}

    def update(self) -> dict[str, object] | None:
        """After the corpus changed: when an index exists and does not serve this corpus yet,
        build one that does from it (see _build) and point at it, under the store's lock; what
        was done, or None when there is no index (the first question builds it) or nothing to
        do. Raises IpmsError when the index cannot be written."""
        if self.store.pointed_name() is None:
            return None
        with self._lock:
            dense = self._wanted_dense(False)
            self.last_build = {}
            version, _, built = self.store.open(
                self._accept(dense), lambda version: version,
                lambda folder, name, previous: self._build(folder, name, previous, dense=dense,
                                                           reuse=True))
            return {"version": version.name, **self.last_build} if built else None

    # -- loading and building ---------------------------------------------------------------------
    def _load_lexical(self, version: Version) -> LexicalIndex:
        data = version.read(LEXICAL_FILE)
        try:
            return LexicalIndex.from_json(data, self.key, self.units, self.tokenizer)
        except (ValueError, ZeroDivisionError) as exc:
            raise CorruptIndex(str(exc)) from None

    def _load_dense(self, version: Version, rebuilt: bool):
        from assistant.retrieval.dense import backend_of, open_vectors
        from assistant.retrieval.exact_vectors import open_exact

        recorded = backend_of(version.manifest.dense or "")
        if recorded != self._build_backend():
            log.warning("the search index was built with the %s embedding backend and answers "
                        "with it; `ipms index` rebuilds it with %s", recorded,
                        self._build_backend())
        embedder = self._embedder_now(recorded)
        if not self.settings.chroma_url and self.settings.vector_search == "exact":
            exact = open_exact(version, self.dense_units, embedder, self.settings.embedding_model,
                               self.corpus_hash, rebuilt, row_units=self.units)
            if exact is not None:  # else a version made before the copy was kept: Chroma
                return exact
        return open_vectors(self.dense_units, embedder, self.settings.embedding_model,
                            self.corpus_hash, version, self.settings.chroma_url, rebuilt,
                            row_units=self.units)

    def _build(self, folder: Path, name: str, previous: Version | None, dense: bool,
               reuse: bool) -> Built:
        """Fill a new version's folder. With `reuse`, what of the version it replaces still
        verifies is copied rather than computed again: everything when it was built from the
        same corpus, else the tokens and vectors of the units whose text is unchanged."""
        from assistant.retrieval.dense import (VECTORS_FILE, build_vectors, copy_vectors,
                                               same_vectors, update_vectors)

        key, dense_key = self.key, self._dense_key()
        previous = previous if reuse else None
        same = previous is not None and previous.manifest.key == key
        self.last_build = {"units": len(self.units)}
        (folder / LEXICAL_FILE).write_bytes(self._lexical_data(previous, same))
        url = self.settings.chroma_url
        reusable = previous is not None \
            and same_vectors(previous.manifest.dense, self.settings.embedding_model,
                             self._dense_languages()) \
            and (previous.manifest.collection is not None) == bool(url)
        if same and reusable and not url:
            try:
                copy_vectors(previous, folder, self.settings.embedding_model, self.corpus_hash)
                self.last_build["embedded"] = 0
                return Built(key, previous.manifest.dense)  # as the vectors were made
            except CorruptIndex:
                shutil.rmtree(folder / "chroma", ignore_errors=True)
                (folder / VECTORS_FILE).unlink(missing_ok=True)
        if not dense:
            return Built(key)
        if reusable:
            try:
                collection, embedded = update_vectors(
                    self.dense_units, self._embedder_now, self.settings.embedding_model,
                    self.corpus_hash, folder, name, previous, url)
                self.last_build["embedded"] = embedded
                self._embedded = name
                return Built(key, dense_key, collection)
            except CorruptIndex as exc:
                log.warning("vectors of version %s not reusable (%s); embedding every unit",
                            previous.name, exc)
                shutil.rmtree(folder / "chroma", ignore_errors=True)
                (folder / VECTORS_FILE).unlink(missing_ok=True)
        collection = build_vectors(self.dense_units, self._embedder_now(),
                                   self.settings.embedding_model,
                                   self.corpus_hash, folder, name, url)
        self._embedded = name
        self.last_build["embedded"] = len(self.dense_units)
        return Built(key, dense_key, collection)

    def _lexical_data(self, previous: Version | None, same: bool) -> bytes:
        """lexical.json for this corpus: the previous version's when built from the same
        corpus, else computed, reusing the previous version's tokens where they still hold."""
        stored = None
        try:
            if previous is not None:
                data = previous.read(LEXICAL_FILE)
                if same:
                    LexicalIndex.from_json(data, self.key, self.units, self.tokenizer)
                    self.last_build["tokenized"] = 0
                    return data
                stored = StoredTokens(data)
        except (CorruptIndex, ValueError, ZeroDivisionError):
            stored = None
        tokens = Tokens.compute(self.units, self.tokenizer, stored)
        self.last_build["tokenized"] = len(self.units) - tokens.reused
        return tokens.to_json(self.key)


NOTICE_START = "building the search index"  # the notice's first words (evals/reliability)


def build_notice(passages: int, embedded: int) -> str:
    """The one line said when a question has to wait for the first build: what is built and
    about how long it takes (BUILD_SECONDS_PER_PASSAGE for the `embedded` passages)."""
    low, high = (BUILD_SECONDS_FIXED + embedded * rate for rate in BUILD_SECONDS_PER_PASSAGE)
    return (f"{NOTICE_START} for {passages} passages, once: about {_span(low, high)} "
            "(`ipms index` builds it ahead)")


def _span(low: float, high: float) -> str:
    """"20-60 seconds", "1-3 minutes"."""
    if high < 90:
        return f"{round(low / 10) * 10 or 10}-{round(high / 10) * 10 or 10} seconds"
    return f"{max(1, round(low / 60))}-{max(2, round(high / 60))} minutes"


def _make_embedder(settings: Settings, model: str, backend: str):
    from assistant.retrieval.dense import make_embedder

    return make_embedder(model, backend, settings.models_dir, _session_threads(settings))


def _session_threads(settings: Settings) -> int:
    try:
        from assistant.threads import session_threads
    except ImportError:  # threads not configured yet: onnxruntime decides
        return 0
    return session_threads(settings)


def update_index(settings: Settings) -> dict[str, object] | None:
    """Bring an existing search index up to the current corpus now (after `corpus add` or
    `corpus remove`), embedding only what changed; None when there is no index yet or it
    already serves this corpus. Raises IpmsError (or OSError) when the update fails: the
    corpus change stands and the next question rebuilds the index."""
    from assistant.corpus.store import Corpus

    return SearchIndexes.for_corpus(settings, Corpus.load(settings)).update()


def _drop_server_collection(url: str, manifest: Manifest) -> None:
    if manifest.collection:
        from assistant.retrieval.dense import drop_collection

        drop_collection(url, manifest.collection)
