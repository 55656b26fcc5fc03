"""Ranking among close candidates (issue 16): a sibling whose title the question names comes
first, and a runner-up close behind the first is quoted too. Expected clauses are read from
corpus/bj-ipm.txt (the heading line that carries the title)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.retrieval.retriever import Hit, Retrieval
from assistant.retrieval.tokenize import Tokenizer
from helpers import BJ_PATH


def number_titled(title: str) -> str:
    """The number of the bj-ipm clause whose heading line is its number and `title`."""
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"(\d+(?:\.\d+)+)\s*" + re.escape(title), line.strip())
        if match:
            return match[1]
    raise AssertionError(f"no clause titled {title} in {BJ_PATH}")


@pytest.fixture(scope="module")
def tuned(tmp_path_factory, corpus):
    """A retriever with the rule on (retrieval.named_sibling_ratio 1.4, with the character
    pairs at 0.2; both off by default: they cost core test items)."""
    from assistant.retrieval.retriever import Retriever
    from assistant.settings import RetrievalSettings
    from helpers import make_settings

    settings = make_settings(tmp_path_factory.mktemp("tuned"), retrieval=RetrievalSettings(
        named_sibling_ratio=1.4, bigram_weight=0.2))
    return Retriever(settings, corpus)


def test_the_sibling_the_question_names_comes_first(tuned):
    """Issue 16: 研发工程师 and 知识产权 pull 培训 (…研发人员…开展知识产权培训) ahead of its
    sibling 入职, which the question names."""
    result = tuned.search("我们公司新招了一个研发工程师，入职时知识产权方面要做什么")
    assert (result.hits[0].doc, result.hits[0].key) == ("bj-ipm", number_titled("入职"))


def _clause_index(retriever, title: str) -> int:
    return retriever.clause_ids.index(("bj-ipm", number_titled(title)))


@pytest.mark.parametrize("question, second_score, moved", [
    ("入职时要做什么", 0.9, True),        # named, close: first
    ("入职时要做什么", 0.5, False),       # named, far behind: stays
    ("新员工要做什么", 0.9, False),       # not named: stays
    ("What about onboarding?", 0.9, False),  # English questions are not read for titles
])
def test_a_named_sibling_moves_only_when_close(retriever, question, second_score, moved):
    training, hiring = _clause_index(retriever, "培训"), _clause_index(retriever, "入职")
    ordered = [(training, 1.0), (hiring, second_score)]
    result = retriever._named_sibling_first(question, ordered, 1.4)
    assert (result[0][0] == hiring) is moved


def test_a_named_clause_of_another_branch_does_not_move(retriever):
    """Only siblings: 离职 (7.3.2.5) is not moved ahead of 原始取得 (9.3.1)."""
    other = retriever.clause_ids.index(("bj-ipm", number_titled("原始取得")))
    leaving = _clause_index(retriever, "离职")
    ordered = [(other, 1.0), (leaving, 0.95)]
    assert retriever._named_sibling_first("离职时要做什么", ordered, 1.4) == ordered


class _FixedRanking:
    """A retriever that returns the given hits for every question."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.lexical = SimpleNamespace(tokenizer=Tokenizer())

    def search(self, question, doc=None, named=None):
        return Retrieval(list(self.hits), False, "zh")


def test_a_close_runner_up_is_quoted_too(settings, corpus):
    """The runner-up matches the words far less well (its lexical score is a quarter of the
    first's, below related_score_ratio): quoted when its fused score is close (0.95 of the
    first's), not when it is far behind (0.6)."""
    training, hiring = number_titled("培训"), number_titled("入职")

    def cited(runner_up_score: float) -> list[str]:
        hits = [Hit("bj-ipm", training, 1.0, lexical_score=2.0),
                Hit("bj-ipm", hiring, runner_up_score, lexical_score=0.5)]
        answerer = ExtractiveAnswerer(settings, corpus, retriever=_FixedRanking(hits))
        return [c.clause for c in answerer.answer("培训和入职有什么要求").citations]

    assert cited(0.95) == [training, hiring]
    assert cited(0.6) == [training]
