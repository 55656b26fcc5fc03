"""Ranking among close candidates (issue 16) for English questions: a sibling of the first
clause whose English title names what is asked comes first (8.2 Risk identification ahead of
8.1 General requirements for "which risks must we identify"). Clauses are found by the titles
printed in corpus/renditions/bj-ipm.en.jsonl and corpus/ipms-cert-en.txt, never by the code
under test."""
from __future__ import annotations

import json

import pytest

from helpers import CORPUS_DIR


def bj_titled(title: str, chapter: str = "") -> str:
    """The key of the bj-ipm clause (in `chapter`, when given) whose English rendition carries
    `title`."""
    path = CORPUS_DIR / "renditions" / "bj-ipm.en.jsonl"
    keys = [row["key"] for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if row.get("title") == title and row["key"].startswith(chapter)]
    assert len(keys) == 1, f"{title!r} titles {keys} in {path}"
    return keys[0]


def _index(retriever, doc: str, key: str) -> int:
    return retriever.clause_ids.index((doc, key))


@pytest.mark.parametrize("question, title", [
    # The risk chapter's general clause (8.1) speaks of identifying and controlling risks
    # at once; the question asks about identifying them, which 8.2's title names.
    ("Which kinds of IP risk does the standard expect us to identify?", "Risk identification"),
    ("What does risk identification cover under the standard?", "Risk identification"),
    # 7.4.2.2 Financial management also speaks of the budget; the question names 7.4.2.1.
    ("What goes into the financial budget for IP?", "Financial budget"),
])
def test_the_sibling_an_english_question_names_comes_first(retriever, question, title):
    hit = retriever.search(question).hits[0]
    assert (hit.doc, hit.key) == ("bj-ipm", bj_titled(title))


@pytest.mark.parametrize("second_score, moved", [(0.9, True), (0.5, False)])
def test_a_named_sibling_moves_only_when_close(retriever, second_score, moved):
    """'Once the risk has been identified' is the standard's own wording for controlling it
    (synonyms_en.txt: risk control); 8.1's title names nothing."""
    general = _index(retriever, "bj-ipm", bj_titled("General requirements", "8."))
    control = _index(retriever, "bj-ipm", bj_titled("Risk control"))
    ordered = [(general, 1.0), (control, second_score)]
    result = retriever._named_sibling_first_en(
        "Once the risk has been identified, what do we do about it?", ordered, 1.4)
    assert (result[0][0] == control) is moved


def test_only_siblings_move(retriever):
    """Departure (7.3.2.5) is named, but it is no sibling of Original acquisition (9.3.1)."""
    other = _index(retriever, "bj-ipm", bj_titled("Original acquisition"))
    leaving = _index(retriever, "bj-ipm", bj_titled("Departure"))
    ordered = [(other, 1.0), (leaving, 0.95)]
    assert retriever._named_sibling_first_en("What happens at departure?", ordered, 1.4) == ordered


def test_a_first_clause_named_by_its_alternative_title_stays(retriever):
    """ipms-cert-en's section 'Intellectual property management institution (or intellectual
    property supervisor)' names the supervisor: a question about the supervisor that also
    mentions the boss (top management) keeps it first."""
    supervisor = _index(retriever, "ipms-cert-en", "Intellectual property management institution "
                                                   "(or intellectual property supervisor)")
    top = _index(retriever, "ipms-cert-en", "Responsibilities: Top management")
    ordered = [(supervisor, 1.0), (top, 0.95)]
    question = "What does the IP supervisor do, and does he brief the boss?"
    assert retriever._named_sibling_first_en(question, ordered, 1.4) == ordered


def test_chinese_questions_are_left_to_the_chinese_rule(retriever):
    general = _index(retriever, "bj-ipm", bj_titled("General requirements", "8."))
    control = _index(retriever, "bj-ipm", bj_titled("Risk control"))
    ordered = [(general, 1.0), (control, 0.95)]
    assert retriever._named_sibling_first_en("风险管控要做什么", ordered, 1.4) == ordered


@pytest.mark.parametrize("title, names", [
    ("General requirements", []),
    ("Risk identification", ["risk identification"]),
    ("Management procedures", ["procedures"]),
    ("Responsibilities: Top management", ["top management"]),
    ("Intellectual property management institution (or intellectual property supervisor)",
     ["institution", "supervisor"]),
    ("[Corrective action control procedure]", ["corrective action control procedure"]),
])
def test_what_an_english_title_names(title, names):
    from assistant.retrieval.retriever import _english_names

    assert _english_names(title) == names
