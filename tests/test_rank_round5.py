"""Ranking, fifth round (issue 16: paraphrased questions). Questions written for these tests,
not taken from the eval sets; each failed on the code before the change it tests. Expected
clauses are those whose text states what is asked (quoted beside each case).

- Everyday words with no standard term: 拿出去用 is the standard's 运用 (11.3.1 前置环节: 在知识
  产权运用前…), 内部检查 / 体系自查 its 内部审核 (13.2), 吹我们有专利 its 宣示 (10.1.1.2).
- Two everyday phrases whose standard terms one clause states together (研究所 -> 科研院所,
  毕业论文 -> 研究信息发布: 9.3.2.2) put a question in scope; one alone does not.
- A question asking what to do before an act, said in everyday words, gets the clause stating
  a duty before that very act (拿出去用之前 -> 11.3.1.1 在知识产权运用前).
- A standard term is not brought in where its everyday word is only part of a longer one of
  another term (synonyms_zh.txt `监督检查 << 内部审核`): the 检查 of 内部检查 is no 监督检查.
- A neighbouring field named only in what a question sets aside (除了劳动合同还要签啥) does
  not make it that field's question.
- How the IP budget is spent, in everyday words (钱花得咋样), is 经费使用 (7.4.2.2).
"""
from __future__ import annotations

import pytest

from helpers import among_first
from test_rank_round4 import bj_clause_text


# ---- 1. everyday words for the standard's terms ----

@pytest.mark.parametrize("question, clause, says", [
    # 11.3.1.1 评估: 在知识产权运用前，企业需要对知识产品进行评估
    ("这批专利拿出去用之前，要不要先做个评估", "11.3.1.1", "在知识产权运用前，企业需要对知识产品进行评估"),
    # 10.1.1.2: 在销售、宣传过程中宣示自有知识产权
    ("推销的时候跟客户吹我们拿了多少专利，可以吗", "10.1.1.2", "在销售、宣传过程中宣示自有知识产权"),
])
def test_everyday_words_reach_the_clause_of_the_standard_s_term(answerer, question, clause, says):
    assert says in bj_clause_text(clause)
    got = answerer.answer(question)
    assert not got.abstained
    assert got.keys[0] == ("bj-ipm", clause)


# ---- 2. two everyday phrases stated together by one clause put a question in scope ----

def test_two_everyday_phrases_one_clause_states_are_in_scope(answerer):
    # 研究所 -> 科研院所, 毕业论文 -> 研究信息发布; 9.3.2.2 states both
    assert "与高校、科研院所进行合作开发时，应建立研究信息发布程序" in bj_clause_text("9.3.2.2")
    got = answerer.answer("和研究所一起做项目，研究生想把数据写进毕业论文，要注意啥")
    assert not got.abstained
    assert got.keys[0] == ("bj-ipm", "9.3.2.2")
    # 毕业论文 alone (研究信息发布) beside words of no clause: a student's thesis, not the company's
    assert answerer.answer("毕业论文的格式要求是什么").abstained


# ---- 3. a word read inside a longer everyday word ----

def test_the_check_of_an_internal_check_is_not_the_top_manager_s_supervision(answerer):
    from assistant.retrieval.expansion import standard_terms_zh

    terms = standard_terms_zh("体系内部检查发现的问题由谁跟进")
    assert "内部审核" in terms and "监督检查" not in terms
    # 13.3 监督检查: 最高管理者…对知识产权管理体系的运行进行监督检查…监督检查事项一般包括
    assert among_first(answerer.answer("老板检查体系运行情况时一般查哪些事项"), "13.3", top=2)


def test_supervision_said_on_its_own_beside_an_internal_audit_still_counts():
    from assistant.retrieval.expansion import standard_terms_zh

    # 13.3 监督检查 and 13.2 内部审核 both asked: 督查 is a word of its own here
    terms = standard_terms_zh("内部检查做完、领导督查也做完以后要做什么")
    assert {"内部审核", "监督检查"} <= set(terms)



# ---- 4. a neighbouring field named only in what the question sets aside ----

def test_a_field_set_aside_with_besides_is_not_what_is_asked(answerer):
    # 7.3.2.4 入职: 要求新入职工签署知识产权声明文件
    assert "要求新入职工签署知识产权声明文件" in bj_clause_text("7.3.2.4")
    got = answerer.answer("新招的工程师入职，除了劳动合同以外还得让他签啥")
    assert not got.abstained
    assert got.keys[0] == ("bj-ipm", "7.3.2.4")
    # the same field asked about, not set aside, is still out of scope
    assert answerer.answer("新员工的劳动合同试用期最长几个月").abstained


# ---- 5. how the money is spent, in everyday words ----

def test_how_the_budget_is_spent_reaches_financial_management(answerer):
    # 花得咋样 is 经费使用; 7.4.2.2 财务管理: 对每季度的知识产权的经费使用情况进行核查
    assert "对每季度的知识产权的经费使用情况进行核查" in bj_clause_text("7.4.2.2")
    got = answerer.answer("知识产权的钱花得咋样，多久对一次账")
    assert got.keys[0] == ("bj-ipm", "7.4.2.2")
