"""Chinese questions, sixth round (issue 16, session 32). Questions written for these tests, not
taken from the eval sets; each failed on the code before the change it tests. Expected clauses
are those whose text states what is asked (quoted beside each case, from corpus/bj-ipm.txt).

- The primary standard before a notice: a Chinese question naming no document is asked of the
  standard; a clause of a notice (the ISO 56005 pilot notice's "Overall requirements", met
  through its Chinese rendition) that ranks first gives way to a close requirement clause of
  the standard. A question naming the notice (试点) keeps the notice first (a guard: it held
  before the change too).
"""
from __future__ import annotations

import re

from helpers import BJ_PATH


def bj_text() -> str:
    return re.sub(r"\s+", "", BJ_PATH.read_text(encoding="utf-8"))


def test_the_standard_s_clause_before_a_notice_for_a_question_naming_no_document(answerer):
    # 4.2.2 管理目标 … 知识产权管理目标应： … d)可量化
    assert "企业应明确知识产权管理目标，知识产权管理目标应" in bj_text() and "d)可量化" in bj_text()
    got = answerer.answer("知识产权的目标写成“提升意识”可以吗，还是要能算出数来？")
    assert not got.abstained and got.keys[0] == ("bj-ipm", "4.2.2")


def test_a_question_naming_the_notice_keeps_the_notice_first(answerer):
    got = answerer.answer("试点工作的总体要求有哪些？")
    assert not got.abstained and got.keys[0][0] == "iso56005-pilot"
