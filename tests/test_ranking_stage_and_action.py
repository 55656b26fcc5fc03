"""Ranking (issue 16, summary stages): the implementation guide's stage "Internal audit" (one
sentence: the enterprise audits its system and takes corrective measures) beat the standard's
13.5.2 纠正措施 for questions set in an internal audit that ask about the corrective action
("内审查出不符合项了，纠正措施走啥流程"). A question naming both a summary's stage and an
action the primary standard titles a clause with asks about the action: that clause (or one
under its heading) moves ahead of the stage, within Retriever._clause_over_stage's window and
ratio. A question naming only the stage keeps the order it had. Expected clauses are read from
corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import bj_requirement_number


def _under(key: str, heading: str) -> bool:
    number = bj_requirement_number(heading)
    return key == number or key.startswith(number + ".")


def _ordered(retriever, keys: list[tuple[str, str]]) -> list[tuple[int, float]]:
    """A fused ranking of these clauses, each a little below the one before (ratio 1.05)."""
    return [(retriever._position[key], 1.0 / 1.05 ** i) for i, key in enumerate(keys)]


STAGE = ("impl-guide", "Internal audit")


@pytest.mark.parametrize("question", [
    "内审查出不符合项了，纠正措施走啥流程",
    "内部审核发现问题后，纠正措施怎么做",
    "Internal audit raised a nonconformity. What does the standard want for the corrective action?",
    "After the internal audit, how do we handle corrective action?",
])
def test_the_action_asked_about_comes_before_the_stage(retriever, question):
    action = ("bj-ipm", bj_requirement_number("纠正措施") + ".2")
    ordered = _ordered(retriever, [STAGE, action, ("bj-ipm", bj_requirement_number("内部审核"))])
    got = retriever._clause_over_stage(question, ordered, 1.1, 3)
    assert retriever.clause_ids[got[0][0]] == action


@pytest.mark.parametrize("question", [
    "内审要怎么做",
    "What happens at the internal audit stage?",
    "纠正措施的控制程序包括什么",  # the stage is not named: nothing to weigh
])
def test_a_question_naming_one_of_them_keeps_its_order(retriever, question):
    action = ("bj-ipm", bj_requirement_number("纠正措施") + ".2")
    ordered = _ordered(retriever, [STAGE, action])
    got = retriever._clause_over_stage(question, ordered, 1.1, 3)
    assert retriever.clause_ids[got[0][0]] == STAGE


@pytest.mark.parametrize("question", [
    "内审查出不符合项了，纠正措施走啥流程",
    "Internal audit raised a nonconformity. Walk me through the corrective action under the standard.",
])
def test_search_answers_with_the_standards_corrective_action(retriever, question):
    hits = retriever.search(question).hits
    assert hits and hits[0].doc == "bj-ipm" and _under(hits[0].key, "纠正措施"), \
        [(h.doc, h.key) for h in hits[:3]]
