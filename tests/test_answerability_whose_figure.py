"""Answerability (issue 16): whose figure a question asks for. A duration, count or amount of the
company's own activity is answered from the clauses that govern it, with the note that the
standard sets no figure, however the question is worded; a figure set by an office, a court or
another scheme (tax relief) is abstained on, naming where to look. Expected clauses are read
from corpus/bj-ipm.txt: 11.2.2 知识产权分级管理 (分级评价, no number of grades), 9.1 检索 (检索报告,
no time limit), 11.2 知识产权资产管理 (筛选, no interval); the corpus states no tax rate."""
from __future__ import annotations


import pytest

from helpers import BJ_PATH, answer_prefix


@pytest.fixture(scope="module")
def answerer(session_settings, corpus, retriever):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.settings import RetrievalSettings

    settings = session_settings.model_copy(
        update={"retrieval": RetrievalSettings(answerability_check=True)})
    return ExtractiveAnswerer(settings, corpus, retriever=retriever)


def _chapter_of(heading: str) -> str:
    """The number of the bj-ipm clause whose heading line ends in `heading`, cut to two levels."""
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        number, _, title = line.strip().partition(" ")
        if title.strip() == heading:
            return ".".join(number.split(".")[:2])
    raise AssertionError(heading)


@pytest.mark.parametrize("question, language, heading", [
    # the company's own activity, in words no clause holds all of (多长时间出, graded into)
    ("专利检索报告要多长时间出", "zh", "申请检索"),
    ("How many levels should IP assets be graded into?", "en", "知识产权分级管理"),
    # how the company decides, even about an office's fee it pays (年费)
    ("专利年费要不要继续交，多久评估一次", "zh", "知识产权分级管理"),
])
def test_the_companys_own_figure_is_answered_with_the_missing_figure_said(
        answerer, question, language, heading):
    got = answerer.answer(question)
    assert not got.abstained
    assert any(doc == "bj-ipm" and key.startswith(_chapter_of(heading)) for doc, key in got.keys)
    assert answer_prefix(language, "unstated") in got.answer


@pytest.mark.parametrize("question, language, source", [
    ("研发费用加计扣除比例是多少", "zh", "税务"),
    ("What share of R&D spending can be deducted from tax?", "en", "tax"),
    # amounts, time limits and materials of an office, asked in everyday words
    ("商标续展交晚了，滞纳金要交多少", "zh", "商标"),
    ("Which documents must we submit to register a trademark?", "en", "trademark"),
    ("By when must we claim priority for a patent filed abroad?", "en", "patent"),
])
def test_a_figure_of_another_scheme_is_abstained_on_and_the_source_named(
        answerer, question, language, source):
    assert "加计扣除" not in BJ_PATH.read_text(encoding="utf-8")
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable")) and source in got.answer
