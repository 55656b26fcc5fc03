"""Exact vector search over the copy of a version's vectors (issue 19): the same neighbours as
querying the Chroma store, no chromadb import for a question, and a copy that does not verify
or does not match the corpus is never used."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.corpus.store import Corpus
from assistant.retrieval.exact_vectors import VECTORS_FILE, ExactVectorSearch, open_exact
from assistant.retrieval.index_store import CorruptIndex, Manifest, Version
from assistant.retrieval.retriever import Retriever
from helpers import make_settings

QUESTIONS = ["what does the standard say about IP training for employees",
             "who approves the intellectual property manual",
             "trade secret protection when an employee leaves",
             "patent search before a research project starts",
             "how is the management review carried out"]


def _version_dir(home: Path) -> Path:
    name = json.loads((home / "index" / "current.json").read_text(encoding="utf-8"))["version"]
    return home / "index" / "versions" / name


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("exact-home")
    Retriever(make_settings(home), Corpus.load(make_settings(home))).build()
    return home


def test_a_built_version_keeps_the_vectors_chroma_holds(home: Path):
    files = json.loads((_version_dir(home) / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert VECTORS_FILE in files and any(path.startswith("chroma/") for path in files)


@pytest.mark.parametrize("doc", [None, "bj-ipm", "ipms-cert-en"])
def test_exact_search_finds_what_the_chroma_store_finds(home: Path, doc):
    exact = Retriever(make_settings(home), Corpus.load(make_settings(home))).indexes.dense()
    chroma_settings = make_settings(home, vector_search="chroma")
    chroma = Retriever(chroma_settings, Corpus.load(chroma_settings)).indexes.dense()
    assert isinstance(exact, ExactVectorSearch) and not isinstance(chroma, ExactVectorSearch)
    for question in QUESTIONS:
        ours, theirs = exact.search(question, 20, doc), chroma.search(question, 20, doc)
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5), question
        assert _tie_groups(ours) == _tie_groups(theirs), question


def _tie_groups(found: list[tuple[int, float]]) -> list[set[int]]:
    """The rows found, grouped by equal similarity, best first; the last group is left out:
    which of several equally near units make the cut-off is arbitrary (Chroma's HNSW picks
    any, exact search the first rows)."""
    groups: dict[float, set[int]] = {}
    for row, similarity in found:
        groups.setdefault(round(similarity, 5), set()).add(row)
    return [groups[s] for s in sorted(groups, reverse=True)][:-1]


def test_an_english_question_imports_no_chromadb(home: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": "hashing", "HF_HUB_OFFLINE": "1",
                "PYTHONIOENCODING": "utf-8"})
    script = ("import sys; from assistant.cli import main\n"
              "code = main(['ask', sys.argv[1], '--json'])\n"
              "print('CHROMADB', 'chromadb' in sys.modules, file=sys.stderr); sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script, QUESTIONS[0]], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=str(tmp_path), timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout)["citations"]  # answered, with its vectors
    assert "CHROMADB False" in done.stderr


def _version_with(tmp_path: Path, uids, vectors, model="hashing", corpus_hash="h") -> Version:
    buffer = io.BytesIO()
    np.savez(buffer, uids=np.asarray(uids, dtype=str), vectors=np.asarray(vectors, np.float32),
             model=np.asarray(model), corpus_hash=np.asarray(corpus_hash))
    (tmp_path / VECTORS_FILE).write_bytes(buffer.getvalue())
    digest = hashlib.sha256(buffer.getvalue()).hexdigest()
    return Version(tmp_path, Manifest("v", "k", files=((VECTORS_FILE, digest),)))


class _Unit:
    def __init__(self, uid: str, doc: str = "d") -> None:
        self.uid, self.doc = uid, doc


class _Axis:
    """Embeds a question as a unit vector along the axis its text names ('0', '1', ...)."""

    def embed_query(self, text: str) -> list[float]:
        vector = [0.0, 0.0, 0.0]
        vector[int(text)] = 2.0
        return vector


def test_rows_follow_the_units_not_the_file_order(tmp_path: Path):
    units = [_Unit("a"), _Unit("b", "other"), _Unit("c")]
    version = _version_with(tmp_path, ["c", "a", "b"], [[0, 0, 1], [1, 0, 0], [0, 3, 0]])
    search = open_exact(version, units, _Axis(), "hashing", "h")
    assert search.search("0", 3)[0] == (0, 1.0)  # unit a, whatever its place in the file
    assert search.search("1", 1) == [(1, 1.0)]  # b's stored vector had length 3: cosine is 1
    assert [row for row, _ in search.search("1", 3, doc="d")] == [0, 2]


@pytest.mark.parametrize("problem", ["a unit missing", "an extra unit", "another model",
                                     "another corpus", "not checksummed", "not an npz"])
def test_a_copy_that_does_not_match_is_refused(tmp_path: Path, problem: str):
    units = [_Unit("a"), _Unit("b")]
    uids, vectors = ["a", "b"], [[1, 0, 0], [0, 1, 0]]
    if problem == "a unit missing":
        uids, vectors = ["a"], [[1, 0, 0]]
    elif problem == "an extra unit":
        uids, vectors = ["a", "b", "z"], vectors + [[0, 0, 1]]
    version = _version_with(tmp_path, uids, vectors,
                            model="other" if problem == "another model" else "hashing",
                            corpus_hash="other" if problem == "another corpus" else "h")
    if problem == "not checksummed":
        (tmp_path / VECTORS_FILE).write_bytes((tmp_path / VECTORS_FILE).read_bytes()[:-8])
    elif problem == "not an npz":
        data = b"not a numpy archive"
        (tmp_path / VECTORS_FILE).write_bytes(data)
        version = Version(tmp_path, Manifest("v", "k", files=(
            (VECTORS_FILE, hashlib.sha256(data).hexdigest()),)))
    with pytest.raises(CorruptIndex):
        open_exact(version, units, _Axis(), "hashing", "h")


def test_a_version_without_a_copy_is_searched_through_chroma(tmp_path: Path):
    version = Version(tmp_path, Manifest("v", "k", files=()))
    assert open_exact(version, [_Unit("a")], _Axis(), "hashing", "h") is None
