"""Questions as staff ask them, twelfth round (issue 16, session 37). Questions written for these
tests, not taken from the eval sets; each failed on the code before the change it tests.
Expected clauses are those whose text states what is asked (quoted beside each case, from
corpus/bj-ipm.txt or its English rendition).

- A story of one audit finding is about what was found: the clause the finding breaks comes
  before the audit and corrective-action clauses every such story names (findings.py).
- What to do with the findings of the audit and the inspections is their analysis (13.4.1),
  not the audit itself.
"""
from __future__ import annotations

import pytest

from helpers import bj_english, bj_text


@pytest.mark.parametrize("question, number, stated", [
    # 7.3.2.7 培训: 对…研发人员定期或不定期开展知识产权培训
    ("审核中发现，研发部今年一次知识产权培训都没参加过，这要怎么整改？", "7.3.2.7",
     "研发人员定期或不定期开展知识产权培训"),
    # 11.2.1 知识产权分类管理: 建立商标、专利、商业秘密、技术秘密及其他知识产权的管理清单或手册
    ("内审发现专利台账两年没更新，维持费交没交也没人知道。", "11.2.1", "管理清单或手册"),
    # 4.3.3 合同管理: a) 合同在签订前应针对知识产权内容进行审查
    ("内审的时候发现，几份技术开发合同寄出去之前没人审过知识产权条款。", "4.3.3",
     "合同在签订前应针对知识产权内容进行审查"),
])
def test_a_story_of_one_audit_finding_is_about_what_was_found(answerer, question, number, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", number)


@pytest.mark.parametrize("question", [
    "The internal audit is over and the boss did his spot checks. What do we do with the findings?",
])
def test_what_to_do_with_the_findings_is_their_analysis(answerer, question):
    # 13.4.1: On the basis of the audit opinion and the results of supervision and inspection,
    # the enterprise shall analyse the results achieved …
    assert "On the basis of the audit opinion" in bj_english("13.4.1")
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "13.4.1")
