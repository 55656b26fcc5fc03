"""A clause number named in a sentence that only tells, beside another sentence that asks about
a topic of its own, is background whatever its form (第4.3.2条, clause 4.3.2, 4.3.2的要求): the
question asked is searched, and the named clause is shown after the answer (issue 16). Expected
clauses are read from corpus/bj-ipm.txt: 4.3.2 文件控制, 7.3.2.7 培训, 7.3.2.5 离职."""
from __future__ import annotations

import pytest

from assistant.retrieval.router import read_clause_numbers
from test_close_candidates import number_titled

TOLD_THEN_ASKED = [
    ("第4.3.2条我们已经落实了，现在想问离职员工要做哪些提醒", "离职"),
    ("按照4.3.2的要求我们已经建了文件控制程序，那新员工入职要签什么？", "入职"),
    ("4.3.2规定的文件控制我们做完了，请问专利检索什么时候做", "检索"),
    ("Under clause 4.3.2 we set up document control. What should our IP training cover?",
     "training"),
    ("According to §4.3.2 we keep records; who approves an IP contract?", "contract"),
]


@pytest.mark.parametrize("question, topic", TOLD_THEN_ASKED)
def test_a_number_in_a_telling_sentence_is_background(question, topic):
    reading = read_clause_numbers(question)
    assert reading.asked == [] and reading.background == ["4.3.2"]
    assert "4.3.2" not in reading.search_text and topic in reading.search_text


@pytest.mark.parametrize("question", [
    "第4.3.2条要求什么，我们公司该怎么做",  # the sentence holding it asks
    "按4.3.2，我们要做什么？",  # the asking sentence has no topic of its own
    "What does clause 4.3.2 require? We have 50 staff.",
    "clause 4.3.2. What does it require?",
    "4.3.2, 4.3.3 what do they say?",  # the asking sentence names a clause itself
])
def test_a_number_the_question_asks_about_stays_asked(question):
    assert "4.3.2" in read_clause_numbers(question).asked


@pytest.mark.parametrize("question, title", [
    ("第4.3.2条我们已经落实了，现在想问员工离职时要做哪些知识产权提醒", "离职"),
    ("Under clause 4.3.2 we set up document control. Who must attend IP training?", "培训"),
])
def test_the_question_asked_is_answered_and_the_named_clause_shown(answerer, question, title):
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0] == ("bj-ipm", number_titled(title))
    last = got.answer.split("\n\n")[-1]  # the line naming the clause the question mentioned
    assert number_titled("文件控制") == "4.3.2" and "4.3.2" in last and "文件控制" in last
