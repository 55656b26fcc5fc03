"""Questions answered from the crosswalk (assistant/standards/crosswalk_answers.py through the
extractive answerer). Expected clauses were read from crosswalk.csv and the profiles by hand; every
quote must be a span of corpus/bj-ipm.txt, and GB/T clauses only ever appear as summaries."""
from __future__ import annotations

import pytest

from helpers import BJ_PATH

BJ_TEXT = BJ_PATH.read_text(encoding="utf-8")
NEW_IN_2023 = {"4.1", "4.3", "5.1.3", "6.1", "8.1", "8.4", "10.1", "B"}  # the 'new in 2023' rows


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    """No retriever: a crosswalk question must never reach retrieval."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.store import Corpus
    from helpers import make_settings

    class NoRetrieval:
        def search(self, *args, **kwargs):
            raise AssertionError("a crosswalk question went to retrieval")

    settings = make_settings(tmp_path_factory.mktemp("home"))
    return ExtractiveAnswerer(settings, Corpus.load(settings), retriever=NoRetrieval())


def summaries(answer, doc: str) -> list[str]:
    return [s.key for s in answer.summaries if s.doc == doc]


def check_quotes(answer) -> None:
    assert all(c.doc == "bj-ipm" for c in answer.citations)  # never a GB/T "quote"
    for citation in answer.citations:
        assert all(line in BJ_TEXT for line in citation.quote.split("\n"))


@pytest.mark.parametrize("question, doc, expected, cited", [
    ("bj-ipm 7.3.2.4 对应2023版哪一条", "gbt29490-2023", ["7.1"], ["7.3.2.4"]),
    # The bj-ipm clauses beside two GB/T editions: six quoted, best first (the rows' own
    # before those mapped by topic); the others are named (tests/test_answer_presentation.py).
    ("2013版7.3对应2023版哪条", "gbt29490-2023", ["8.2"],
     ["11.4.2.1", "11.4.2.2", "11.4.2.3", "11.4.3.1", "11.4.3.2", "11.4.2.3"]),
    ("GB/T 29490-2013 第6.1.2条在新版中是哪一条", "gbt29490-2023", ["7.2", "7.3"], ["7.3.2.7"]),
    ("which 2023 clause corresponds to bj-ipm 4.3.2", "gbt29490-2023", ["7.5"],
     ["4.3.2.1", "4.3.2.3", "4.3.2.2"]),
    ("Clause 4.2.2 of the 2013 edition maps to which 2023 clause?", "gbt29490-2023", ["7.5"],
     ["4.3.2.1"]),
])
def test_correspondence_questions(answerer, question, doc, expected, cited):
    answer = answerer.answer(question)
    assert not answer.abstained
    assert summaries(answer, doc) == expected
    assert sorted(c.clause for c in answer.citations) == sorted(cited)
    check_quotes(answer)


def test_the_answer_names_the_clause_title_relation_and_marks_the_summary(answerer):
    answer = answerer.answer("bj-ipm 7.3.2.4 对应2023版哪一条")
    assert "GB/T 29490—2023 7.1「资源」（部分对应）" in answer.answer
    assert "摘要（本产品自行概括，非标准原文" in answer.answer
    assert "对新入职员工进行适当的知识产权背景调查" in answer.answer


def test_what_changed_for_contracts(answerer):
    answer = answerer.answer("what changed between the 2013 and 2023 editions for contracts")
    assert "8.2" in summaries(answer, "gbt29490-2023")
    assert '7.5 "Contract management" → GB/T 29490—2023 8.2 "Basic IP management"' in answer.answer
    assert {"4.3.3", "9.3.2.1", "10.1.1.4"} <= {c.clause for c in answer.citations}
    check_quotes(answer)


def test_a_chinese_answer_gives_the_chinese_notes(answerer):
    answer = answerer.answer("2013版和2023版在合同管理方面有什么变化")
    # crosswalk.csv, column note_zh of the rows on 2013 7.5 合同管理 (bj-ipm 4.3.3, 9.3.2.1)
    assert "签订合同前的知识产权审查；2023版中的位置未经证实。" in answer.answer
    assert "以书面合同约定合作开发或委托开发成果的归属。" in answer.answer
    assert "IP review of contracts" not in answer.answer


def test_what_the_2023_edition_adds(answerer):
    answer = answerer.answer("2023版新增了哪些要求")
    assert set(summaries(answer, "gbt29490-2023")) == NEW_IN_2023
    assert "（摘要，非原文）" in answer.answer


def test_which_requirements_carry_over_unchanged(answerer):
    answer = answerer.answer("从29490-2013到29490-2023，哪些条款基本没有变化")
    # 2023 clauses all of whose rows are 'equivalent': 4.4/5.2/6.3/9.3 ← 2013 4.1/5.2/5.3.2/9.2
    # (9.4 ← 5.5.1 is equivalent, but 9.4 also only partly covers 5.5.2 and 5.5.3)
    assert set(summaries(answer, "gbt29490-2023")) == {"4.4", "5.2", "6.3", "9.3"}
    assert set(summaries(answer, "gbt29490-2013")) == {"4.1", "5.2", "5.3.2", "9.2"}


@pytest.mark.parametrize("question", [
    "GB/T 29490-2023 第8.3条要求什么",  # a profile lookup: engineer P's
    "In the 2023 edition of GB/T 29490, what is clause 10.2 about?",
    "第4.3.2条对应的记录表单",  # bj-ipm alone
    "知识产权方面的制度文件在下发之前要走什么手续？改版之后还要重新审批吗？",
])
def test_other_questions_are_left_alone(corpus, question):
    from assistant.standards.crosswalk_answers import crosswalk_answer
    from assistant.textutil import language_of

    assert crosswalk_answer(corpus, question, language_of(question)) is None


@pytest.mark.parametrize("question, first", [
    # crosswalk.csv: bj-ipm 7.3.2.4 (入职) -> GB/T 29490-2023 7.1; 4.3.3 (合同) -> 2023 8.2.
    ("bj-ipm 7.3.2.4 对应2023版哪一条", ("gbt29490-2023", "7.1")),
    ("which 2023 clause corresponds to bj-ipm 4.3.3", ("gbt29490-2023", "8.2")),
])
def test_the_clause_asked_for_ranks_first(answerer, question, first):
    """What a correspondence question asks for is the other standard's clause: it leads the
    answer's ranking (what evals score), before the bj-ipm clause quoted."""
    answer = answerer.answer(question)
    assert answer.ranked[0] == first
    assert ("bj-ipm", question.split("bj-ipm ")[1].split()[0].split("对")[0]) in answer.ranked


def test_a_number_printed_twice_follows_the_title_named(answerer):
    # bj-ipm prints 6.2.3 twice: 其他知识产权管理制度 (→ 2023 7.5) and 保密管理制度 (6.2.3#2,
    # → 2013 7.6 / 2023 8.2 in crosswalk.csv)
    answer = answerer.answer("北京地方标准6.2.3 保密管理制度 对应2023版29490哪条")
    assert answer.ranked[0] == ("gbt29490-2023", "8.2")
