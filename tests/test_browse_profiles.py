"""Browse shows the standards the product knows by profile only (try13 fault 11: a company
certifying to GB/T 29490—2023 could not browse it): offered among the documents, its clause tree
by number and title, each clause page with OUR summary marked as such and the bj-ipm clauses
the crosswalk relates to it, as `ipms clause gbt29490-2023 N` shows them. Expected values come
from the profile and crosswalk data (`ipms clause`'s own source), not from the page."""
from __future__ import annotations

import pytest

from assistant.standards.profile_view import profile_clause_view
from assistant.standards.profiles import load_profile
from assistant.web import browse
from assistant.web import handlers as h
from generators.templates_io import TemplateSet

PROFILE = "gbt29490-2023"


@pytest.fixture(scope="module")
def services(session_settings, corpus):
    return h.Services(session_settings, corpus, None, TemplateSet())


def test_the_profile_is_offered_in_browse(services):
    for lang in ("zh", "en"):
        shown = dict((value, label) for label, value in h.browse_choices(services, lang))
        assert PROFILE in shown and "GB/T 29490—2023" in shown[PROFILE]
        assert "bj-ipm" in shown


def test_its_tree_lists_every_clause_by_number_and_title(services):
    profile = load_profile(PROFILE)
    tree = browse.tree_html(browse.browse_document(services.corpus, PROFILE), "7.2")
    for clause in profile.clauses.values():
        assert f"{clause.number} {clause.title}" in tree, clause.number
    assert browse.link(PROFILE, "7.2") in tree


@pytest.mark.parametrize("number", ["7.2", "9.2", "4.1"])
def test_a_clause_page_is_what_ipms_clause_shows(services, corpus, number):
    view = profile_clause_view(corpus, number, PROFILE)
    clause = view.clauses[0]
    page = h.clause_markdown(services, PROFILE, number, "zh")
    assert f"{clause.number} {clause.title}" in page
    assert clause.summary_zh in page
    assert "非官方摘要" in page and "本产品自行概括" in page  # ours, never taken for the standard
    for key in view.corresponding[number]:
        assert key in page, (key, page)
    english = h.clause_markdown(services, PROFILE, number, "en")
    assert clause.summary_en in english and "our own words" in english


def test_searching_the_profile_finds_its_clauses(services):
    document = browse.browse_document(services.corpus, PROFILE)
    assert "7.2" in [c.key for c in browse.search(document, "能力")]


def test_an_unknown_document_is_still_a_one_line_message(services):
    from assistant.errors import IpmsError

    with pytest.raises(IpmsError):
        h.clause_markdown(services, "no-such-standard", "7.2")
