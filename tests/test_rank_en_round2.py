"""English questions as a foreign-invested company's manager asks them, second round (issue 16).
Two kinds of near miss: a parent that lists its stages ranked ahead of the stage the question
names (impl-guide "Standard implementation process" ahead of 2 investigation and diagnosis), and
a manager's words the English term table did not map to the standard's (gave notice ->
departure, first shipment -> selling products abroad, kickoff stage -> standard implementation
start-up, outside firm -> service provider, hire in-house or outsource -> form of the
organisation, the strategy being carried out -> management evaluation, final review ->
management review). What is expected comes from the texts: impl-guide's stages are titled
"investigation and diagnosis", "standard implementation start-up", "system construction";
bj-ipm 7.3.2.5 (Departure) has leavers sign a departure agreement; 10.1.2.2 a) says what to
investigate before selling products abroad; 5.4 evaluates the strategy once it is being
implemented; 7.2.2 allows a department of its own or a service provider engaged."""
from __future__ import annotations

import pytest

from assistant.retrieval.expansion import standard_terms_en


@pytest.mark.parametrize("question, doc, key", [
    ("During the diagnosis phase of the rollout, what do we look at?", "impl-guide", "2"),
    ("In the rollout, what is the system construction phase about?", "impl-guide", "3"),
    ("What do we do in the kickoff stage of implementing the standard?", "impl-guide", "1"),
])
def test_the_stage_named_ranks_ahead_of_the_process_listing_it(real_retriever, question, doc,
                                                               key):
    hits = real_retriever.search(question).hits
    assert (hits[0].doc, hits[0].key) == (doc, key)


@pytest.mark.parametrize("question, term", [
    ("Our lead developer handed in notice yesterday.", "departure"),
    ("She gave notice this morning.", "departure"),
    ("We plan our first shipment to Brazil in May.", "selling products abroad"),
    ("Could an outside firm run our patent work?", "service provider"),
    ("What happens at the kick-off meeting?", "standard implementation start-up"),
    ("Two of them hold key patents.", "core intellectual property"),
    # 5.4 Management evaluation: after the strategy enters the implementation stage
    ("Who checks how the IP strategy is being carried out?", "management evaluation"),
    ("How should we be rewarding inventors?", "rewards and remuneration"),
    ("Who attends the final review?", "management review"),
    # 7.2.2 Form of the organisation: a department of its own, or a service provider engaged
    ("Should we hire in-house or outsource the IP function?", "form of the organisation"),
    ("We are buying a single patent from a start-up.", "derivative acquisition"),
])
def test_a_manager_s_words_bring_in_the_standard_s_term(question, term):
    assert term in standard_terms_en(question)


@pytest.mark.parametrize("question, key", [
    ("Our distributor wants the first shipment to Poland in June. What should we check on IP "
     "first?", "10.1.2.2"),
])
def test_a_manager_s_question_ranks_the_standard_s_clause_first(real_retriever, question, key):
    hits = real_retriever.search(question).hits
    assert (hits[0].doc, hits[0].key) == ("bj-ipm", key)
