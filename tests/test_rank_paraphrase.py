"""Ranking of Chinese paraphrases and scenarios (issue 16, session 30). Questions written for
these tests, not taken from the eval sets; each failed on the code before the change it tests.

- A question asking what a thing must contain or satisfy (有什么讲究, 得满足啥条件, 要写哪些内容)
  is answered by the standard's clause titled with that thing whose text lists the items
  (4.2.1 管理方针: 知识产权管理方针应：a)…), not by clauses that merely mention the thing
  beside more of the question's other words (13.2.2 评审输出's list names 知识产权方针 too).
  A question asking for a procedure's steps (走什么流程, 有哪些步骤) likewise gets the clause
  listing them, also over a sibling under the same heading that lists nothing (13.5.2.2 over
  13.5.2.1, both under 13.5.2 纠正措施).
- A clause tailoring a requirement to the kind of company (6.1.2, 7.1.2: 根据企业不同的行业属性、
  经营规模…初创类、试点和示范类等企业可…) repeats its chapter's words; for a question saying
  nothing of the company's kind, size or stage, the chapter's clause that states the
  requirement itself answers (7.1.1 配备人力资源、信息资源和财务资源; 6.2.3 其他知识产权管理制度),
  while a question about a small or new company keeps the tailoring clause.
- A question asking what to do before an act (下手之前, 许可之前) gets the clause stating the duty
  for that time (9.3.3.1 在确定取得知识产权前，应…; 11.4.2.3 许可前应…), not a sibling on the
  same act that speaks of afterwards (9.3.3.4 新知识产权的归属) or of another act (11.4.2.3
  企业并购与收购).
- Everyday words for two of the standard's acts (synonyms_zh.txt): boasting of or printing
  the company's patents (吹嘘, 号称, 专利号) is 10.1.1.2's 宣示自有知识产权; managing patents by
  their importance (分重点, 区别对待) is 11.2.2's 分级.
- The clauses ranked below the first leave out a heading of a clause ranked above them (10.1.2
  涉外保护 below 10.1.2.1, 6.2 below 6.2.2): the clause above already answers from inside it,
  and its place goes to the next candidate, so a scenario's other acts reach the top five.
- "我们的专利" in a licence or a sale names what is licensed or sold: the everyday reading
  自有知识产权 (10.1.1.3, others infringing the company's own IP) yields to 许可, 转让 …
  read in the same part of the sentence (synonyms_zh.txt `自有知识产权 < 许可, …`).

Expected clauses and phrases come from the standard's own text (corpus/bj-ipm.txt).
"""
from __future__ import annotations

import re

import pytest

from helpers import NUMBERED_LINE, cleaned_text


def clause_line(number: str) -> str:
    """The line of corpus/bj-ipm.txt that starts the clause, with its title."""
    return next(line.strip() for line in cleaned_text("bj-ipm").splitlines()
                if re.match(re.escape(number) + r"(?![\d.])", line.strip()))


def clause_text(number: str) -> str:
    """The clause's lines in corpus/bj-ipm.txt, up to the next numbered line."""
    lines = cleaned_text("bj-ipm").splitlines()
    start = next(i for i, line in enumerate(lines)
                 if re.match(re.escape(number) + r"(?![\d.])", line.strip()))
    out = [lines[start]]
    for line in lines[start + 1:]:
        if NUMBERED_LINE.match(line.strip()):
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


@pytest.mark.parametrize("question, number, lead", [
    # 13.5.2.2: 纠正措施的控制程序一般包括：a) 评审不符合事项 … (13.5.2.1, under the same heading,
    # states the aim and lists nothing)
    ("内审发现不符合项，纠正措施按什么步骤来", "13.5.2.2", "纠正措施的控制程序一般包括"),
    ("体系内审查出问题了，纠正措施有哪些步骤", "13.5.2.2", "纠正措施的控制程序一般包括"),
    ("内审以后纠正措施走什么程序", "13.5.2.2", "纠正措施的控制程序一般包括"),
    # 11.4.2.3 知识产权许可: 企业进行知识产权许可应：a) 许可前应对知识产权进行评估 …
    ("许可给合作方用我们的专利，走什么流程", "11.4.2.3", "企业进行知识产权许可应"),
])
def test_a_question_asking_for_the_steps_gets_the_clause_listing_them(
        retriever, question, number, lead):
    text = clause_text(number)
    assert lead in text and re.search(r"^\s*a\)", text, re.M)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number


# ---- 3. a clause tailoring a requirement to the kind of company answers only questions about that ----

@pytest.mark.parametrize("question, number, phrase", [
    # 7.1.1 知识产权资源配置: 企业应为知识产权管理设置相应机构，配备人力资源、信息资源和财务资源
    ("知识产权工作要配哪些人和钱", "7.1.1", "配备人力资源、信息资源和财务资源"),
    # 6.2.3 其他知识产权管理制度: 一般包括总则、管理职责、管理、使用与保护等内容
    ("软件著作权的管理制度该怎么写", "6.2.3", "其他知识产权类别的管理制度"),
])
def test_a_question_saying_nothing_of_the_company_s_kind_gets_the_requirement_itself(
        retriever, question, number, phrase):
    assert phrase in clause_text(number)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number
    tailoring = "根据企业不同的行业属性、经营规模"
    assert tailoring not in clause_text(number)


# ---- 4. what to do before an act: the clause stating the duty for that time ----

@pytest.mark.parametrize("question, number, phrase", [
    ("打算受让一批专利，下手之前要干啥", "9.3.3.1", "在确定取得知识产权前，应"),
    ("准备买人家的专利，下手之前先要做啥", "9.3.3.1", "在确定取得知识产权前，应"),
    ("引进专利之前要先做些什么", "9.3.3.1", "在确定取得知识产权前，应"),
    ("把专利许可给别家之前得先干点啥", "11.4.2.3", "许可前应对知识产权进行评估"),
])
def test_a_question_about_the_time_before_an_act_gets_the_duty_for_that_time(
        retriever, question, number, phrase):
    assert phrase in clause_text(number)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number


# ---- 5. everyday words for 宣示 and 分级 ----

@pytest.mark.parametrize("question, number, phrase", [
    # 10.1.1.2: 在销售、宣传过程中宣示自有知识产权
    ("宣传材料里能号称我们有多少专利吗", "10.1.1.2", "宣示自有知识产权"),
    # 11.2.2 知识产权分级管理: 企业应对知识产权进行分级评价和筛选
    ("专利越来越多，能不能分重点来管", "11.2.2", "分级评价和筛选"),
])
def test_everyday_words_for_boasting_and_grading_reach_the_standard_s_acts(
        retriever, question, number, phrase):
    assert phrase in clause_text(number)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number


# ---- 6. the top five leave out headings of clauses ranked above them ----

def heading_numbers(number: str) -> set[str]:
    """The numbers of the headings above a dotted clause number (10.1.2.1 -> 10, 10.1, 10.1.2)."""
    parts = number.split("#")[0].split("/")[0].split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


@pytest.mark.parametrize("question", [
    "我们的商标在国外被人抢注了怎么办",
])
def test_no_clause_below_the_first_is_a_heading_of_one_ranked_above_it(retriever, question):
    got = retriever.search(question)
    assert not got.abstained and len(got.hits) == 5
    keys = [h.key for h in got.hits if h.doc == "bj-ipm"]
    for i, key in enumerate(keys[1:], start=1):
        assert not any(key in heading_numbers(above) for above in keys[:i]), keys


# ---- 7. "our patents" in a licence or a sale is what is licensed or sold ----

@pytest.mark.parametrize("question, number, phrase", [
    # 11.4.2.1 知识产权转让: 企业进行知识产权转让应：a) 转让前应对知识产权进行评估
    ("我们的专利想转让出去，需要做什么", "11.4.2.1", "企业进行知识产权转让应"),
])
def test_our_patents_in_a_sale_are_what_is_sold_not_what_others_infringe(
        retriever, question, number, phrase):
    assert phrase in clause_text(number)
    got = retriever.search(question)
    assert not got.abstained
    assert got.hits[0].key == number
