"""Ranking (issue 16, near misses): a question asking what one of the company's people must do
is answered by the clause the standard titles with that person's name. bj-ipm 7.3.2.1 最高管理者
lists the top manager's duties (a) to h)); under BM25 its long list lost to short clauses that
only mention 最高管理者 (13.4.3, 7.3.2.2), and to the certification summary's three-line
"Responsibilities: Top management", when a boss, a chairman or a CEO asked what they must do.

The rule (Retriever._role_first): the question names one such person (its own word or an
everyday one: 老板/董事长/一把手/CEO -> 最高管理者) and asks for their duties; the clause titled
with that name moves first, the primary standard's before a summary's unless the question names
the summary. It leaves alone a question asking who answers for something (5.1 names the
第一责任人 of the strategy), a question naming two people (the manager a boss appoints), and a
person named in passing. Expected clauses are read from the texts by their headings."""
from __future__ import annotations

import pytest

from helpers import CORPUS_DIR, bj_requirement_number

TOP = "最高管理者"


def summary_heading(words: str) -> str:
    """The certification summary's section heading (the start of its line) holding `words`."""
    lines = (CORPUS_DIR / "ipms-cert-en.txt").read_text(encoding="utf-8").splitlines()
    found = [line.split(" The ")[0] for line in lines if line.startswith(words)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("question", [
    "董事长在贯标这件事上要负哪些职责？",
    "公司一把手在知识产权方面要亲自做些什么",
    "总经理要承担哪些知识产权管理职责",
    "最高管理者在知识产权体系里的职责是什么",
    "老板要管哪些知识产权的事",
    "What are the duties of our CEO under the IP management standard?",
    "What is the chairman expected to do for our IP management system?",
])
def test_a_persons_duties_come_from_the_clause_titled_with_that_person(retriever, question):
    hits = retriever.search(question).hits
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", bj_requirement_number(TOP))


def test_the_summary_answers_when_the_question_names_it(retriever):
    heading = summary_heading("Responsibilities: Top management")
    hits = retriever.search("按认证要求，最高管理者的职责有哪些？").hits
    assert (hits[0].doc, hits[0].key) == ("ipms-cert-en", heading)


@pytest.mark.parametrize("question, heading", [
    # two people named: the one appointed is asked about
    ("老板任命的知识产权管理人员要做哪些事", "知识产权管理人员"),
    # who answers for the strategy: 5.1 says the top manager is its 第一责任人
    ("知识产权战略由谁负总责，是不是老板", "总体要求"),
    # a boss named in passing, no duties asked
    ("总经理说要把知识产权规划搞起来，规划要覆盖什么", "管理规划"),
])
def test_other_questions_naming_a_person_keep_their_clause(retriever, question, heading):
    hits = retriever.search(question).hits
    expected = "5.1" if heading == "总体要求" else bj_requirement_number(heading)
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", expected)
