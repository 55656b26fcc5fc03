"""Ranking of Chinese paraphrases and scenarios (issue 16, session 30). Questions written for
these tests, not taken from the eval sets; each failed on the code before the change it tests.

- A question asking what a thing must contain or satisfy (有什么讲究, 得满足啥条件, 要写哪些内容)
  is answered by the standard's clause titled with that thing whose text lists the items
  (4.2.1 管理方针: 知识产权管理方针应：a)…), not by clauses that merely mention the thing
  beside more of the question's other words (13.2.2 评审输出's list names 知识产权方针 too).

Expected clauses and phrases come from the standard's own text (corpus/bj-ipm.txt).
"""
from __future__ import annotations

import re

import pytest

from helpers import cleaned_text


def clause_line(number: str) -> str:
    """The line of corpus/bj-ipm.txt that starts the clause, with its title."""
    return next(line.strip() for line in cleaned_text("bj-ipm").splitlines()
                if re.match(re.escape(number) + r"\s", line.strip()))


def clause_text(number: str) -> str:
    """The clause's lines in corpus/bj-ipm.txt, up to the next numbered line."""
    lines = cleaned_text("bj-ipm").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(re.escape(number) + r"\s",
                                                               line.strip()))
    out = [lines[start]]
    for line in lines[start + 1:]:
        if re.match(r"\d+(\.\d+)+\s", line.strip()):
            break
        out.append(line)
    return "\n".join(out)


# ---- 1. what a named thing must contain or satisfy: the clause titled with it, which lists it ----

@pytest.mark.parametrize("question, number, title, lead", [
    # 4.2.1 管理方针: 企业应制定知识产权管理方针，知识产权管理方针应：a) 符合法律法规的要求 …
    ("咱们的知识产权方针需要满足哪些要求", "4.2.1", "管理方针", "知识产权管理方针应"),
    ("知识产权方针是老板定的，有什么讲究", "4.2.1", "管理方针", "知识产权管理方针应"),
    ("方针有什么讲究？领导要我起草知识产权方针", "4.2.1", "管理方针", "知识产权管理方针应"),
])
def test_a_question_asking_what_a_thing_must_satisfy_gets_the_clause_listing_it(
        retriever, question, number, title, lead):
    assert title in clause_line(number)
    text = clause_text(number)
    assert lead in text and re.search(r"^\s*a\)", text, re.M)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number
