"""The scope check's amount rule (scope.asks_amount, issue 16): an English question asking for a
sum ("what is the filing fee", "how much does … charge") needs a clause that holds most of it,
but a question that only names a kind of cost or uses "charge" otherwise is an ordinary one."""
from __future__ import annotations

import pytest

from assistant.retrieval.scope import asks_amount


@pytest.mark.parametrize("question", [
    "How much does a US patent attorney charge per hour?",
    "What is the filing fee for a trademark?",
    "What are the official fees for filing a PCT application?",
    "What does a patent search cost?",
    "商标注册费用是多少",
])
def test_a_question_asking_for_a_sum(question):
    assert asks_amount(question)


@pytest.mark.parametrize("question", [
    "We budgeted USD 1.2 million for IP this year. Which cost categories should the IP budget cover?",
    "Who is in charge of IP training?",
    "Which IP costs belong in the budget?",
])
def test_a_question_naming_a_kind_of_cost_asks_for_no_sum(question):
    assert not asks_amount(question)
