"""Quiz generation in-process: both question kinds, questions spread over the chosen chapters,
distractors that cannot be right, no blanks in list lead-ins, an end with a review and a pass
mark, new questions on a retake."""
from __future__ import annotations

import re

import pytest

from assistant.errors import IpmsError
from assistant.web import quiz

SEEDS = range(12)


def _chapter(question: quiz.Question) -> str:
    return question.clause_key.split(".")[0]


def test_both_kinds_in_every_quiz(corpus):
    for seed in SEEDS:
        session = quiz.build_quiz(corpus, ["7"], 4, "Li Min", seed=seed)
        assert {q.kind for q in session.questions} == {"fill_in", "which_clause"}, seed


def test_questions_spread_over_the_chosen_chapters(corpus):
    for seed in SEEDS:
        session = quiz.build_quiz(corpus, ["7", "9"], 4, "Li Min", seed=seed)
        chapters = [_chapter(q) for q in session.questions]
        assert chapters.count("7") == 2 and chapters.count("9") == 2, (seed, chapters)
    three = quiz.build_quiz(corpus, ["5", "8", "10"], 3, "x", seed=5)
    assert sorted(_chapter(q) for q in three.questions) == ["10", "5", "8"]


def _flat(text: str) -> str:
    """`text` without white space: an item's mark ('b)') stands on a line of its own in a body."""
    return re.sub(r"\s", "", text)


def test_fill_in_distractors_cannot_be_right_and_no_lead_in_is_blanked(corpus):
    document = corpus.documents["bj-ipm"]
    seen = 0
    for seed in range(40):
        session = quiz.build_quiz(corpus, ["4", "7", "8", "9", "10"], 10, "x", seed=seed)
        for question in session.questions:
            assert question.answer in question.options and len(set(question.options)) == 4
            if question.kind != "fill_in":
                continue
            seen += 1
            # the sentence is the clause's own, with the answer in the blank; a list item comes
            # after its lead-in ('…应确保：……c) 按＿＿＿＿、秘密级别进行管理；'), which keeps no blank
            # and does not give the answer away
            body = _flat(document.clauses[question.clause_key].body)
            lead, _, item = question.prompt.rpartition("……")
            assert quiz.BLANK in item and _flat(item.replace(quiz.BLANK, question.answer)) in body
            assert not lead or (_flat(lead) in body and lead.endswith(("：", ":"))
                                and question.answer not in lead), question.prompt
            assert not item.rstrip().endswith(("：", ":")), question.prompt
            for option in question.options:
                if option != question.answer:
                    assert option not in question.answer and question.answer not in option, \
                        (question.answer, question.options)
    assert seen >= 100


def test_a_list_item_is_asked_with_its_lead_in(corpus):
    """An item alone ('c) 按＿＿＿＿、秘密级别进行管理；') cannot be answered: it is shown after its
    list's lead-in; a which-clause question's options never differ by number only (siblings
    titled alike, '日常保护')."""
    items = 0
    for seed in range(40):
        session = quiz.build_quiz(corpus, ["4", "7", "10"], 10, "x", seed=seed)
        for question in session.questions:
            first = question.prompt.rpartition("……")[2][:2]
            if re.match(r"[a-z][)）]", first):
                items += 1
                assert "……" in question.prompt, question.prompt
            if question.kind == "which_clause":
                titles = [o.split(" ", 1)[1] for o in question.options]
                assert len(set(titles)) == 4, question.options
    assert items >= 5


def test_which_clause_statement_and_answer(corpus):
    document = corpus.documents["bj-ipm"]
    session = quiz.build_quiz(corpus, ["7"], 6, "x", seed=2)
    for question in (q for q in session.questions if q.kind == "which_clause"):
        clause = document.clauses[question.clause_key]
        assert question.prompt in clause.body and question.answer.startswith(clause.label + " ")


def test_distractor_terms_leave_out_terms_inside_or_around_the_answer(corpus):
    terms = {t.zh: t for t in corpus.glossary.terms}
    answer = terms["知识产权"]
    chosen = quiz.distractor_terms(answer, "企业应建立知识产权管理体系。", list(terms.values()),
                                   corpus.documents["bj-ipm"].text)
    assert chosen and "自主知识产权" not in chosen
    assert all("知识产权" not in c for c in chosen)


def test_end_review_pass_mark_and_no_answer_after_the_end(corpus):
    session = quiz.build_quiz(corpus, ["9"], 3, "Zhao Lei", seed=1, pass_mark=70)
    first = session.current
    session.answer(next(o for o in first.options if o != first.answer))
    session.answer(session.current.answer)
    session.answer(session.current.answer)
    assert (session.score, session.percent, session.passed) == (2, 67, False)
    assert [(n, q) for n, q, _ in session.wrong] == [(1, first)]
    assert session.ended is not None and session.duration.total_seconds() >= 0
    with pytest.raises(IpmsError):
        session.answer(first.options[0])


def test_retake_gives_other_questions(corpus):
    first = quiz.build_quiz(corpus, ["7", "9"], 5, "x", seed=11)
    second = quiz.build_quiz(corpus, ["7", "9"], 5, "x", seed=12)
    assert [q.prompt for q in first.questions] != [q.prompt for q in second.questions]
