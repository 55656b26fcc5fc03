"""The web app builds its index in a child process at start-up (issue 19: the serving process
stays under 600 MB): the server opens a version another process built, and embeds nothing."""
from __future__ import annotations

from assistant.web.handlers import Services
from helpers import make_settings


def test_the_index_is_built_in_a_child_and_opened_by_the_server(tmp_path):
    settings = make_settings(tmp_path)
    services = Services.load(settings)
    extractive = getattr(services.answerer, "extractive", services.answerer)
    indexes = extractive.retriever.indexes
    assert indexes.store.pointed_name() is not None  # an index exists on disk
    assert indexes.version == indexes.store.pointed_name()  # and the server opened it
    assert indexes.last_build == {}  # built elsewhere: nothing embedded or tokenized here


def test_a_current_index_spawns_no_child_and_builds_nothing(tmp_path, monkeypatch):
    """A restart on an index that serves the corpus: no child process (a spawn costs a Python
    start and the corpus parsed again), nothing built in the server either."""
    from assistant.corpus.store import Corpus
    from assistant.retrieval.retriever import Retriever
    from assistant.web import handlers

    settings = make_settings(tmp_path)
    corpus = Corpus.load(settings)
    Retriever(settings, corpus).indexes.dense()  # what `ipms index` or the last start built
    spawned = []
    monkeypatch.setattr(handlers, "build_index_in_child", spawned.append)
    services = Services.load(settings)
    assert spawned == []
    indexes = getattr(services.answerer, "extractive", services.answerer).retriever.indexes
    assert indexes.last_build == {}  # opened, not built
    assert indexes.version == indexes.store.pointed_name()

    # An index of another corpus (a document removed meanwhile) or none at all is built again.
    smaller = Corpus({k: v for k, v in corpus.documents.items() if k != "impl-guide"},
                     corpus.glossary)
    assert not handlers.index_serves(settings, smaller)
    assert handlers.index_serves(settings, corpus)
    assert not handlers.index_serves(make_settings(tmp_path / "empty"), corpus)
