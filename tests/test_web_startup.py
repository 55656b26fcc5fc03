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
