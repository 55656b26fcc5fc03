"""`ipms clause` reads the document from its argument (issue 14): 'GB/T 29490-2023 8.3' is the
2023 profile's 8.3, never bj-ipm's 8.3; a standard the corpus does not know is an error, not
bj-ipm's clause of that number. Expected numbers and titles are read from the profiles
(corpus/profiles/*.yaml) and the bj-ipm text."""
from __future__ import annotations

import pytest

from assistant.answer.clause_view import clause_view
from assistant.errors import IpmsError


@pytest.mark.parametrize("argument, profile, number, title", [
    ("GB/T 29490-2023 8.3", "gbt29490-2023", "8.3", "经营管理"),
    ("GB/T29490—2023 第9.2条", "gbt29490-2023", "9.2", "分析与评价"),
    ("2023版 第9.2条", "gbt29490-2023", "9.2", "分析与评价"),
    ("29490 2013版 7.4.2", "gbt29490-2013", "7.4.2", None),
    ("GB/T 29490-2013 第4.2.1条", "gbt29490-2013", "4.2.1", "总则"),
    ("ISO 56005 4.1", "iso56005-2020", "4.1", None),
])
def test_a_named_profile_is_shown_not_bj_ipm(corpus, argument, profile, number, title):
    view = clause_view(corpus, argument)
    assert view.profile.id == profile and view.number == number
    if title:
        assert view.clauses[0].title == title
    assert "not in the corpus" in view.text


def test_a_named_document_id_and_a_bare_number(corpus):
    assert clause_view(corpus, "bj-ipm 4.3.2").clauses[0].title == "文件控制"
    assert clause_view(corpus, "4.3.2").doc.id == "bj-ipm"
    # The pilot notice also goes by "ISO 56005": a number it has is its own.
    assert clause_view(corpus, "ISO 56005 3(1)").doc.id == "iso56005-pilot"


def test_a_year_less_number_takes_the_edition_that_has_the_clause(corpus):
    # 4.2.1 总则 is in GB/T 29490-2013 only (2023's 4.2 has no sub-clauses in its profile).
    assert clause_view(corpus, "GB/T 29490 4.2.1").profile.id == "gbt29490-2013"


@pytest.mark.parametrize("argument, message", [
    ("GB/T 19001 第4条", "GB/T 19001 is not in the corpus"),
    ("ISO 9001 7.5", "ISO 9001 is not in the corpus"),
    ("GB/T 29490-2023 8.9", "GB/T 29490—2023 has no clause 8.9"),
    # GB/T 29490 has the 2013 and 2023 editions only: another year is not swapped for one.
    ("29490-2016 第8.3条", "GB/T 29490-2016 is not in the corpus"),
    ("GB/T 29490 2016版 8.3", "GB/T 29490-2016 is not in the corpus"),
])
def test_unknown_standards_and_clauses_are_errors(corpus, argument, message):
    with pytest.raises(IpmsError, match=message):
        clause_view(corpus, argument)


@pytest.mark.parametrize("given, profile", [
    ("2023", "gbt29490-2023"), ("GB/T 29490-2023", "gbt29490-2023"),
    ("GB/T29490—2013", "gbt29490-2013"), ("gbt29490-2013", "gbt29490-2013"),
])
def test_doc_given_by_designation_or_edition(corpus, given, profile):
    assert clause_view(corpus, "8.3", given).profile.id == profile


def test_an_unknown_doc_lists_the_documents_and_the_profiles(corpus):
    with pytest.raises(IpmsError) as error:
        clause_view(corpus, "8.3", "nosuch")
    assert "bj-ipm" in str(error.value) and "gbt29490-2023" in str(error.value)
