"""Answerability, not only topicality (issue 16): a question asking for a fee, a term of
protection, an office's filing procedure or materials, another scheme's threshold or a foreign
office's practice is answered by a clause only if the clause states such a fact; otherwise the
answer abstains and says where to look. Expected behaviour comes from reading the texts: no clause
of bj-ipm states a fee or a term of protection; 12.1 says the system is evaluated every year
(每年); 13.2 governs internal audits but sets no interval (分阶段); 11.4.2.5 lists what an
injunction application must submit; the ISO 56005 notice sets 1/3 and dates."""
from __future__ import annotations

import re

import pytest

from assistant.answer.answerability import Intent, answers, intent_of
from helpers import BJ_PATH, CORPUS_DIR, NUMBERED_LINE, answer_prefix

# -- what a question asks for -------------------------------------------------------------------
# The examples, and more of each kind.
ASKS = [
    ("外观设计专利的保护期限是多久", "term"),
    ("How long is a design patent protected?", "term"),
    ("发明专利能保护多少年", "term"),
    ("高新技术企业认定需要多少件专利", "count"),
    ("How many patents does a company need for high-tech enterprise recognition?", "count"),
    ("How long does EUIPO take to register a trademark?", "foreign_office"),
    ("EUIPO注册商标需要多长时间", "duration"),
    ("软件著作权登记需要哪些材料", "materials"),
    ("What documents do I need to file a software copyright registration?", "materials"),
    ("商标注册费用是多少", "fee"),
    ("注册一个商标要花多少钱", "fee"),
    ("How much does it cost to register a trademark?", "fee"),
    ("发明专利授权需要多长时间", "duration"),
    ("How long does it take to get a patent granted in China?", "duration"),
    ("商标注册的流程是什么", "procedure"),
    ("How do I file a patent application with the USPTO?", "procedure"),
    ("企业应当多久进行一次内部审核", "duration"),
    ("How often should internal audits be carried out?", "duration"),
]

# Ordinary questions about the standards' requirements: no fact of these kinds is asked, even
# where they use the words (程序, 文件, 费用, 申请).
ORDINARY = [
    "知识产权培训应该覆盖哪些人员",
    "合同的知识产权审查程序怎么建立",
    "贯标需要准备哪些文件",
    "知识产权经费包括哪些费用",
    "专利管理制度一般包括哪些内容",
    "专利申请前要做哪些检索",
    "What does clause 4.3.2 require?",
    "What documents do we need to keep for the IP management system?",
    "Who is responsible for IP training?",
    "贯标时老板要承担哪几项职责",  # which duties, not how many
    "收到的律师函这些外来文件应该怎么登记保管",  # record keeping, not a filing at an office
    "通过PCT途径去国外申请专利，企业要做哪些准备",  # an office named, no fact of it asked
]


@pytest.mark.parametrize("question,kind", ASKS)
def test_the_kind_of_fact_asked(question, kind):
    assert kind in intent_of(question).kinds


@pytest.mark.parametrize("question", ORDINARY)
def test_ordinary_questions_ask_for_no_such_fact(question):
    assert not intent_of(question)


def test_a_named_foreign_office_is_read():
    intent = intent_of("USPTO专利申请流程是怎样的")
    assert intent.office is not None and intent.office.name == "USPTO"


# -- what a clause states -------------------------------------------------------------------------
def _bj_clauses() -> list[str]:
    """bj-ipm's text cut at each numbered line, as a reader would see its clauses."""
    blocks: list[list[str]] = [[]]
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        if NUMBERED_LINE.match(line):
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks if b]


def _clause(number: str) -> str:
    return next(b for b in _bj_clauses() if re.match(rf"{re.escape(number)}(?![.\d])", b))


@pytest.mark.parametrize("question", ["商标注册费用是多少", "中国发明专利的官方申请费是多少",
                                      "外观设计专利的保护期限是多久",
                                      "How long is a design patent protected?",
                                      "高新技术企业认定需要多少件专利",
                                      "EUIPO注册商标需要多长时间"])
def test_no_clause_of_bj_ipm_states_a_fee_a_term_a_threshold_or_an_office(question):
    intent = intent_of(question)
    assert intent
    assert [b.split("\n")[0] for b in _bj_clauses() if answers(intent, b)] == []


def test_a_clause_stating_an_interval_answers_a_how_often_question():
    intent = intent_of("企业多久要对知识产权管理体系进行一次评价")
    assert "每年" in _clause("12.1")  # 企业应每年对知识产权管理体系的进行评价
    assert answers(intent, _clause("12.1"))
    assert not answers(intent, _clause("13.2"))  # 分阶段组织内部审核: no interval


def test_a_clause_listing_what_to_submit_answers_a_materials_question():
    intent = intent_of("申请诉前禁令要提交哪些材料")
    assert "materials" in intent.kinds
    assert answers(intent, _clause("11.4.2.5"))
    assert not answers(intent, _clause("6.2.2"))


def test_the_notice_states_a_count_and_a_deadline():
    pilot = (CORPUS_DIR / "iso56005-pilot.txt").read_text(encoding="utf-8")
    share = next(p for p in pilot.split("\n") if "1/3" in p)
    deadline = next(p for p in pilot.split("\n") if "March 31" in p)
    assert answers(intent_of("How many pilot enterprises must each region select in 2023?"), share)
    assert answers(intent_of("What is the deadline for the second batch list?"), deadline)


def test_an_ordinary_question_is_answered_by_any_clause():
    assert answers(Intent(), _clause("13.2"))


# -- the answers --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def answerer(session_settings, corpus, retriever):
    """The answers with the check on (retrieval.answerability_check), whatever the default."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.settings import RetrievalSettings

    settings = session_settings.model_copy(
        update={"retrieval": RetrievalSettings(answerability_check=True)})
    return ExtractiveAnswerer(settings, corpus, retriever=retriever)


@pytest.mark.parametrize("question,language,source", [
    ("外观设计专利的保护期限是多久", "zh", "国家知识产权局"),
    ("高新技术企业认定需要多少件专利", "zh", "高新技术企业认定"),
    ("How long does EUIPO take to register a trademark?", "en", "EUIPO"),
    ("EUIPO注册商标需要多长时间", "zh", "EUIPO"),
    ("软件著作权登记需要哪些材料", "zh", "中国版权保护中心"),
    ("商标注册费用是多少", "zh", "国家知识产权局"),
    ("发明专利授权需要多长时间", "zh", "国家知识产权局"),
    ("How long does it take to get a patent granted in China?", "en", "CNIPA"),
    ("USPTO专利申请流程是怎样的", "zh", "USPTO"),
])
def test_facts_the_standards_do_not_state_abstain_and_say_where_to_look(answerer, question,
                                                                       language, source):
    answer = answerer.answer(question)
    assert answer.abstained and answer.citations == []
    assert answer.answer.startswith(answer_prefix(language, "unanswerable"))
    assert source in answer.answer


def test_a_clause_that_governs_the_activity_is_cited_and_the_missing_figure_said(answerer):
    answer = answerer.answer("企业应当多久进行一次内部审核")
    assert not answer.abstained
    # 13.2 内部审核 (or one of its sub-clauses) governs internal audits; it sets no interval
    assert any(doc == "bj-ipm" and (key == "13.2" or key.startswith("13.2."))
               for doc, key in answer.keys)
    assert answer_prefix("zh", "unstated") in answer.answer


def test_a_clause_that_states_the_figure_is_cited_without_a_caveat(answerer):
    answer = answerer.answer("企业多久要对知识产权管理体系进行一次评价")
    assert not answer.abstained
    assert answer.keys[0] == ("bj-ipm", "12.1")
    assert answer_prefix("zh", "unstated") not in answer.answer


def test_a_materials_question_the_standard_answers_is_answered(answerer):
    answer = answerer.answer("申请诉前禁令要提交哪些材料")
    assert not answer.abstained
    assert ("bj-ipm", "11.4.2.5") in answer.keys


# -- abstention precision and recall, separately (evals/metrics.py) --------------------------------
def test_abstention_precision_recall_and_false_abstention_are_separate():
    from evals import metrics as m

    # Four unanswerable items (two abstained), four answerable (one abstained).
    abstained = [True, True, False, False, True, False, False, False]
    answerable = [False, False, False, False, True, True, True, True]
    assert m.abstention_recall(abstained, answerable) == 2 / 4
    assert m.abstention_precision(abstained, answerable) == 2 / 3
    assert m.false_abstention(abstained, answerable) == 1 / 4
    assert m.abstention_precision([False, False], [True, False]) is None
    assert m.abstention_recall([True], [True]) is None


def test_the_eval_report_shows_abstention_precision():
    from evals.runner import COLUMNS

    assert ("abstention_precision", "abstP") in COLUMNS
