"""Adding or removing a document updates the search index incrementally: only the document's own
units are embedded, and the answers are the same as those of a full rebuild (`ipms index`) of
the same corpus. In-process, with the hashing embedder; the homes are built once per module."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.corpus.build import add_user_document, remove_user_document
from assistant.corpus.store import Corpus
from assistant.retrieval.dense import HashingEmbeddings
from assistant.retrieval.indexes import SearchIndexes, update_index
from assistant.retrieval.retriever import Retriever
from helpers import PROJECT_ROOT, make_settings
from test_chroma_server import chroma_server  # noqa: F401  (a fixture)

SAMPLE = PROJECT_ROOT / "tests" / "data" / "sample_standard"

QUESTIONS = [
    "联络人的职责是什么",
    "记录的保存期限是多久",
    "专利年费的缴纳期限由谁跟踪",
    "知识产权培训应该覆盖哪些人员",
    "企业应当如何奖励发明人",
    "What must the contact person do?",
    "How long must records be kept?",
    "What does the standard require for IP training?",
    "what happens in the internal audit stage",
]


class CountingEmbeddings(HashingEmbeddings):
    """The hashing embedder, counting the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def _variant(tmp: Path) -> Path:
    """The sample standard with a title of its own (专利年费管理 instead of 指定), so adding it puts
    a new word into the tokenizer's dictionary."""
    text = (SAMPLE / "standard.txt").read_text(encoding="utf-8")
    assert "4.2.1 指定\n" in text
    path = tmp / "variant.txt"
    path.write_text(text.replace("4.2.1 指定\n", "4.2.1 专利年费管理\n"), encoding="utf-8")
    return path


def _ranked(settings) -> list[tuple]:
    retriever = Retriever(settings, Corpus.load(settings))
    out = []
    for question in QUESTIONS:
        found = retriever.search(question)
        out.append((question, found.abstained,
                    [(h.doc, h.key, round(h.score, 9), h.dense_similarity) for h in found.hits]))
    return out


def _lexical(settings) -> dict:
    pointer = json.loads((settings.home / "index" / "current.json").read_text(encoding="utf-8"))
    data = json.loads((settings.home / "index" / "versions" / pointer["version"]
                       / "lexical.json").read_text(encoding="utf-8"))
    return dict(zip(data["uids"], data["tokens"]))


def _full_rebuild_of(settings, home: Path):
    """A fresh home holding the same user documents, its index built from scratch."""
    fresh = make_settings(home, chroma_url=settings.chroma_url)
    shutil.copytree(settings.user_corpus_dir, fresh.user_corpus_dir)
    Retriever(fresh, Corpus.load(fresh)).build()
    return fresh


def _update(settings) -> tuple[dict, list[str]]:
    embedder = CountingEmbeddings()
    done = SearchIndexes.for_corpus(settings, Corpus.load(settings),
                                    lambda model: embedder).update()
    return done, embedder.embedded


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """One home changed step by step (index built, two documents added, one removed), with the
    index updated after each change, and what each update embedded."""
    root = tmp_path_factory.mktemp("incremental")
    settings = make_settings(root / "home")
    Retriever(settings, Corpus.load(settings)).build()
    record = {}
    add_user_document(settings, _variant(root), "sample-a", "中小企业知识产权管理工作指引（甲）")
    record["add a"] = _update(settings)
    add_user_document(settings, SAMPLE / "rules.txt", "rules-b", "知识产权管理办法")
    record["add b"] = _update(settings)
    record["after adds"] = (_ranked(settings), _lexical(settings))
    remove_user_document(settings, "sample-a")
    record["remove a"] = _update(settings)
    record["after remove"] = (_ranked(settings), _lexical(settings))
    return settings, root, record


def test_adding_a_document_embeds_only_its_units(steps):
    settings, _, record = steps
    done, embedded = record["add a"]
    text = (SAMPLE / "standard.txt").read_text(encoding="utf-8") + "专利年费管理"
    # Every text embedded comes from the added standard (its titles and clause texts, each
    # word as printed there), none from the shipped documents.
    assert embedded and done["embedded"] == len(embedded)
    assert all(word in text for t in embedded for word in t.split())
    assert any("联络人应承担下列工作" in t for t in embedded)
    assert done["units"] > 10 * len(embedded)  # the shipped corpus was not embedded again
    done, embedded = record["add b"]
    assert embedded and any("第三条" in t or "知识产权" in t for t in embedded)
    assert not any("联络人应承担下列工作" in t for t in embedded)


def test_removing_a_document_embeds_nothing(steps):
    _, _, record = steps
    done, embedded = record["remove a"]
    assert embedded == [] and done["embedded"] == 0


def test_answers_after_adds_equal_a_full_rebuild(steps):
    settings, root, record = steps
    ranked, tokens = record["after adds"]
    # The added documents are found: the sample standard's contact-person clause ranks.
    assert ("sample-a", "4.2.2") in [(d, k) for d, k, *_ in ranked[0][2]]
    # Rebuilt from scratch with both documents (the removal came later: re-add to compare).
    fresh = make_settings(root / "full-adds")
    add_user_document(fresh, _variant(root), "sample-a", "中小企业知识产权管理工作指引（甲）")
    add_user_document(fresh, SAMPLE / "rules.txt", "rules-b", "知识产权管理办法")
    Retriever(fresh, Corpus.load(fresh)).build()
    assert _lexical(fresh) == tokens
    assert _ranked(fresh) == ranked


def test_answers_after_a_removal_equal_a_full_rebuild(steps):
    settings, root, record = steps
    ranked, tokens = record["after remove"]
    assert all(d != "sample-a" for _, _, hits in ranked for d, *_ in hits)
    fresh = _full_rebuild_of(settings, root / "full-remove")
    assert _lexical(fresh) == tokens
    assert _ranked(fresh) == ranked


def test_no_index_yet_means_nothing_to_update(settings):
    assert update_index(settings) is None
    assert not (settings.home / "index" / "versions").exists()


def test_corpus_add_updates_an_existing_index(run_cli, settings):
    Retriever(settings, Corpus.load(settings)).build()
    versions = settings.home / "index" / "versions"
    code, out, err = run_cli("corpus", "add", str(SAMPLE / "standard.txt"), "--id", "sample-c",
                             "--title", "中小企业知识产权管理工作指引")
    assert code == 0, err
    assert "index updated" in out
    built = sorted(versions.iterdir())
    hits = Retriever(settings, Corpus.load(settings)).search("联络人的职责是什么").hits
    assert ("sample-c", "4.2.2") in [(h.doc, h.key) for h in hits]
    # The question used the version corpus add built: nothing was built on the way.
    assert sorted(versions.iterdir()) == built


def test_the_web_app_follows_a_corpus_change(settings):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.web import handlers as h
    from generators.templates_io import TemplateSet

    corpus = Corpus.load(settings)
    services = h.Services(settings, corpus, ExtractiveAnswerer(settings, corpus), TemplateSet())
    answer, _ = h.ask(services, "联络人的职责是什么", None, [])
    assert all(c.doc != "sample-w" for c in answer.citations)
    add_user_document(settings, SAMPLE / "standard.txt", "sample-w", "中小企业知识产权管理工作指引")
    assert update_index(settings) is not None
    versions = sorted((settings.home / "index" / "versions").iterdir())
    answer, _ = h.ask(services, "联络人的职责是什么", None, [])
    assert ("sample-w", "4.2.2") in [(c.doc, c.clause) for c in answer.citations]
    assert "sample-w" in services.corpus.documents
    assert sorted((settings.home / "index" / "versions").iterdir()) == versions
    remove_user_document(settings, "sample-w")
    answer, _ = h.ask(services, "联络人的职责是什么", None, [])
    assert all(c.doc != "sample-w" for c in answer.citations)


@pytest.mark.slow
def test_on_a_chroma_server_vectors_are_copied_not_embedded(chroma_server, tmp_path):
    server = make_settings(tmp_path / "server-home", chroma_url=chroma_server)
    Retriever(server, Corpus.load(server)).build()
    add_user_document(server, SAMPLE / "standard.txt", "sample-s", "中小企业知识产权管理工作指引")
    done, embedded = _update(server)
    assert embedded and done["embedded"] == len(embedded)
    assert all(word in (SAMPLE / "standard.txt").read_text(encoding="utf-8")
               for t in embedded for word in t.split())
    fresh = _full_rebuild_of(server, tmp_path / "server-full")
    assert _ranked(fresh) == _ranked(server)


def test_bm25_scores_from_postings_are_rank_bm25s(steps):
    """The lexical index scores only the units holding a query word; the scores (and so the
    ranking) are exactly those of rank_bm25's BM25Okapi over every unit."""
    import random

    import numpy as np
    from rank_bm25 import BM25Okapi

    settings, _, _ = steps
    lexical = Retriever(settings, Corpus.load(settings)).lexical
    words = sorted(lexical.vocabulary)
    reference = BM25Okapi(lexical._tokenized)
    rng = random.Random(7)
    for _ in range(50):
        query = [rng.choice(words) for _ in range(rng.randint(1, 12))] + ["未收录的词"]
        expected = reference.get_scores(query)
        assert np.array_equal(lexical.scores(query), expected)
        ranked = sorted(((i, s) for i, s in enumerate(expected) if s > 0), key=lambda p: -p[1])
        assert lexical.search(query, 20) == [(i, float(s)) for i, s in ranked[:20]]
