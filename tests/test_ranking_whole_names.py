"""Ranking (issue 16, near misses): the standard's name of one of the company's people or
bodies, brought in by an everyday word (老板/总经理/董事长 -> 最高管理者, 研发岗/研发工程师 ->
研发人员, data/synonyms_zh.txt), is searched as one word (data/whole_terms_zh.txt), not with
its pieces (管理, 人员, 最高), which stand in clauses on every subject. A boss named in passing
then no longer outweighs what is asked, and a research post no longer draws the training
clause (7.3.2.7 lists 研发人员 among those trained). Expected clauses are read from
corpus/bj-ipm.txt by their headings (5.2 管理规划, 7.3.2.4 入职, 5.1 总体要求 naming the
第一责任人) and from the implementation guide's heading on the benefits of implementing.
Also the opinions of an evaluation already given (给了意见, 提了意见): what follows is 5.5
管理改进 (根据管理评价意见制定改进措施), not 5.4 which gives them."""
from __future__ import annotations

import re

import pytest

from helpers import BJ_PATH, CORPUS_DIR, bj_requirement_number



@pytest.mark.parametrize("question, heading", [
    ("总经理说要把知识产权规划搞起来，规划要覆盖什么", "管理规划"),
    ("董事长让我们先搞个知识产权规划，要规划些啥", "管理规划"),
    ("研发岗的新同事入职，要签什么知识产权声明", "入职"),
    ("研发工程师刚入职，需要做背景调查吗", "入职"),
])
def test_a_person_named_in_passing_does_not_outweigh_what_is_asked(answerer, question, heading):
    got = answerer.answer(question)
    assert not got.abstained
    assert got.keys[0] == ("bj-ipm", bj_requirement_number(heading))


def test_the_first_responsible_for_strategy_is_the_strategy_clause(answerer):
    # 5.1: 最高管理者作为企业知识产权战略管理的第一责任人
    text = BJ_PATH.read_text(encoding="utf-8")
    strategy = re.search(r"(?m)^(5\.1)\s*总体要求\n(.*)$", text)
    assert strategy and "战略管理的第一责任人" in strategy[2]
    got = answerer.answer("战略上谁是第一责任人，老板还是知识产权部门")
    assert got.keys[0] == ("bj-ipm", "5.1")


def test_a_boss_asking_about_benefits_gets_the_guide_s_benefits(answerer):
    guide = (CORPUS_DIR / "impl-guide.txt").read_text(encoding="utf-8")
    heading = "What are the benefits of implementing intellectual property standards for enterprises"
    assert heading in guide
    got = answerer.answer("老总问贯标到底对企业有什么好处")
    assert got.keys[0] == ("impl-guide", heading)


# -- opinions already given: what follows is the improvement clause -----------------------------
@pytest.mark.parametrize("question", [
    "战略评估给了意见以后，我们接下来怎么办",
    "知识产权战略评价提了意见之后要做什么",
])
def test_after_the_evaluation_s_opinions_comes_improvement(answerer, question):
    # 5.4 管理评价 gives 评价意见; 5.5 管理改进: 根据管理评价意见制定改进措施 (data/synonyms_zh.txt).
    text = BJ_PATH.read_text(encoding="utf-8")
    assert "根据管理评价意见制定改进措施" in text
    got = answerer.answer(question)
    assert got.keys[0] == ("bj-ipm", bj_requirement_number("管理改进"))


# -- a name the index does not hold as a word keeps its pieces ------------------------------------
@pytest.mark.parametrize("question", [
    "奖励发明人的钱要不要列进年度经费预算",
    "发明人奖金和专利维持费从哪项经费里支出",
    "发明人的奖金该列在哪一项经费里",
])
def test_the_inventors_reward_is_an_item_of_the_budget(answerer, question):
    # 7.4.2.1 财务预算 lists 对知识产权成果完成人进行奖励的费用 among the budget's items; 发明人
    # brings in 成果完成人, which the clause says only inside 知识产权成果完成人: searched as one
    # word it matched nothing, and 11.4.1's 给予发明人一定奖励 came first.
    text = BJ_PATH.read_text(encoding="utf-8")
    assert "对知识产权成果完成人进行奖励的费用" in text
    got = answerer.answer(question)
    assert got.keys[0] == ("bj-ipm", bj_requirement_number("财务预算"))
