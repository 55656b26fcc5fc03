"""Honest abstention both ways (issue 16, session 35): each group is a kind of question the gate
got wrong before, written from the texts, not copied from an eval set.

Answered, though the gate called them out of scope or looked a clause up instead:
- staff shorten 知识产权 to 知产, or name 竞业禁止 / 竞业限制, beside a neighbouring field's word
  (劳动合同): bj-ipm 7.3.2.4 and 7.3.2.5 themselves put these into 劳动人事合同 and agreements;
- an IME puts a whole word of the same sound in place of half of a term (竞业进制 for 竞业禁止,
  the words of 7.3.2.4; 竞业现值 for 竞业限制, of 7.3.2.5);
- an English story tells an infringement and the routes of 10.2 (司法、行政、谈判) in a
  manager's words (fakes, sue, the market regulator, asking to talk);
- a story names a foreign country and what its courts or customs did, then asks what the company
  should have done (10.1.2.2 a: investigate the target country before selling there);
- a story names a clause as background, goes on to tell a matter of its own, and asks a short
  question about that matter ("Is that enough?").
Abstained on, saying who answers: a tax treatment, a tax filing or a rate of tax. No text of the
corpus mentions any tax (checked below), so no clause can answer one.
"""
from __future__ import annotations

import pytest

from helpers import CORPUS_DIR, answer_prefix

from assistant.retrieval.normalise import normalise
from assistant.retrieval.router import read_clause_numbers
from assistant.retrieval.scope import english_field_terms, other_domain


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """The corpus's texts and their renditions."""
    files = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "renditions").glob("*.jsonl"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def _clause_family(ranked, prefix: str, within: int = 5) -> bool:
    """Whether bj-ipm's clause `prefix` or a part of it is among the first `within` ranked. The
    tests' hashing embedder ranks by chance, so the place asked for is loose: what is tested is
    that the question is answered from the clauses at all."""
    return any(doc == "bj-ipm" and (key == prefix or key.startswith(prefix + ".")
                                    or key.startswith(prefix + "/"))
               for doc, key in ranked[:within])


# -- taxes: abstain and name the tax authority or a tax adviser --------------------------------
@pytest.mark.parametrize("question, language, source", [
    ("把专利许可给关联公司收的许可费，要交增值税吗？", "zh", "税务顾问"),
    ("商标转让合同要缴印花税吗", "zh", "税务顾问"),
    ("专利作价入股以后，税务上怎么处理", "zh", "税务顾问"),
    ("技术转让的收入想免税，要去税务局备案吗？", "zh", "税务顾问"),
    ("How is the income from assigning a patent to another company taxed?", "en", "tax adviser"),
    ("Do we have to withhold tax when we pay royalties to our overseas parent for its "
     "trademark?", "en", "tax adviser"),
    ("Is VAT charged on the licence fees we receive for our software copyright?", "en",
     "tax adviser"),
])
def test_a_tax_question_is_abstained_on_and_names_who_answers(answerer, corpus_text, question,
                                                              language, source):
    assert "税" not in corpus_text and " tax" not in corpus_text.lower()
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))
    assert source in got.answer


# -- 知产, 竞业禁止 beside a neighbouring field's word --------------------------------------------------
@pytest.mark.parametrize("question, clause", [
    ("员工离职要签知产协议吗？写进劳动合同里算不算？", "7.3.2.5"),
    ("研发岗新人的知产声明能不能直接放进劳动合同里？", "7.3.2.4"),
    # 竞业禁止 and 竞业限制 are the standard's own words (7.3.2.4, 7.3.2.5)
    ("新员工的竞业禁止写进劳动合同里就行吗？", "7.3.2.4"),
    ("核心技术人员离职，竞业限制要不要单独签，还是劳动合同里写一句就够？", "7.3.2.5"),
])
def test_the_field_s_own_words_beside_a_labour_word_keep_it_in_scope(answerer, question, clause):
    assert other_domain(question) is None
    got = answerer.answer(question)
    assert not got.abstained
    assert _clause_family(got.ranked, clause)


# -- a whole word of the same sound for half of a term -----------------------------------------
@pytest.mark.parametrize("typed, term", [
    ("研发岗要签竞业进制协议吗", "竞业禁止"),
    ("核心员工离职时签竞业现值协议", "竞业限制"),
])
def test_a_homophone_word_inside_a_long_term_is_read_as_the_term(vocabulary, corpus_text,
                                                                  typed, term):
    assert term in corpus_text
    read = normalise(typed, vocabulary)
    assert term in read.text and read.corrections


# -- an English story of infringement and the routes of 10.2 -----------------------------------
@pytest.mark.parametrize("question", [
    "Someone on a shopping platform sells fakes of our charger. Should we sue them or go to "
    "the market regulator?",
    "Our former agent keeps making fakes of our valves; management cannot decide between a "
    "lawsuit and letting the market regulator handle it.",
])
def test_an_infringement_story_in_a_manager_s_words_is_answered_from_10_2(answerer, question):
    # 被侵权 (fakes) and the routes of 10.2 its words name: the standard's own words (10.2)
    assert {"被侵权", "司法保护", "行政保护"} <= set(english_field_terms(question))
    got = answerer.answer(question)
    assert not got.abstained
    assert _clause_family(got.ranked, "10.2")


# -- a foreign country's courts or customs told in the story, not asked about -----------------
@pytest.mark.parametrize("question", [
    "Last year customs in Brazil held one of our shipments for weeks. Before we start "
    "selling our products abroad in Mexico, what IP matters should we investigate first?",
    "去年在德国的官司打了两年才判。今年要往越南卖货，出口前要先查些什么？",
])
def test_a_foreign_office_told_in_the_story_leaves_the_clauses_to_answer(answerer, question):
    got = answerer.answer(question)
    assert not got.abstained
    assert _clause_family(got.ranked, "10.1.2")


# -- a clause named as background, then a matter of its own, then a short question -------------
@pytest.mark.parametrize("question, clause", [
    ("The auditor flagged clause 4.2.2 in March. Since then our engineers keep lab notebooks, "
     "but nobody signs or dates the entries. Is that enough?", None),  # English: ranked by chance
    ("去年审核时第4.2.2条被开了不符合项。现在研发部的实验记录没人签字，也没写日期。这样行吗？", "9.3.1"),
])
def test_a_short_question_after_a_story_asks_about_the_story(answerer, question, clause):
    reading = read_clause_numbers(question, lambda number: "")
    assert reading.asked == [] and reading.background == ["4.2.2"]
    got = answerer.answer(question)
    assert not got.abstained
    assert got.keys and got.keys[0] != ("bj-ipm", "4.2.2")
    assert "4.2.2" in got.answer  # named after the answer, as background
    assert clause is None or _clause_family(got.ranked, clause)
