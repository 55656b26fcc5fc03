"""Answerability (issue 16), faults a new user found in answering, each tested as a kind with
more inputs than the ones reported. What is expected is read from the texts:
- bj-ipm 7.3.2.6 激励 sets the company's 奖励和报酬 for inventors and names no amount, so a
  question about the reward the company pays is answered from the clauses on rewards, with the
  note that the standard sets no figure, never sent to the patent office's fee schedule;
- no text of the corpus names a foreign office's examination, the 高新技术企业认定 or 小巨人
  recognition criteria, an office's conditions for expedited examination, how an office's fees
  are paid, what a patent filing submits to the office, or how long or how much a certification
  takes: those abstain and say who answers (the office, CNIPA, the scheme's
  rules, the certification body);
- a figure of the company's own activity (hours or times of training, the share of revenue for
  the IP budget) is answered with the note that the standard sets none;
- a clause number told as done, then a comma and a question about another topic, is background.
"""
from __future__ import annotations

import re

import pytest

from helpers import BJ_PATH, CORPUS_DIR, answer_prefix


def _bj_numbers_whose_text_holds(*words: str) -> set[str]:
    """Numbers of the bj-ipm clauses whose heading or text (up to the next heading) holds a word."""
    found, number = set(), None
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\s*(\d{1,2}(?:\.\d{1,3})+)(?=\s|[\u4e00-\u9fff]|$)", line):
            number = m.group(1)
        if number and any(w in line for w in words):
            found.add(number)
    return found


def _corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt")))


# -- 1. the reward the company pays is its own figure --------------------------------------------
@pytest.mark.parametrize("question, language", [
    ("员工发明的奖励标准是多少钱", "zh"),
    ("我们给发明人的奖励一般发多少钱合适", "zh"),
    ("发明人奖励多少钱合适", "zh"),
    ("How much should we pay inventors as a reward?", "en"),
    ("职务发明人的报酬给多少合适", "zh"),
    ("专利授权后给发明人发多少奖金", "zh"),  # occasioned by a grant, paid by the company
    ("How much bonus should an employee get for an invention?", "en"),
])
def test_a_reward_the_company_pays_is_answered_from_its_clauses(answerer, question, language):
    rewards = _bj_numbers_whose_text_holds("奖励", "报酬")
    assert "7.3.2.6" in rewards
    got = answerer.answer(question)
    assert not got.abstained
    assert answer_prefix(language, "unstated") in got.answer
    assert any(doc == "bj-ipm" and key in rewards for doc, key in got.keys)
    assert "CNIPA" not in got.answer


# -- 2-5. an office's, a scheme's or a certification body's own matter ---------------------------
@pytest.mark.parametrize("question, language, source", [
    # a foreign office's examination, procedure or practice
    ("How does EUIPO examine trademark applications?", "en", "EUIPO"),
    ("EUIPO trademark opposition period", "en", "EUIPO"),
    ("USPTO对软件专利怎么审查", "zh", "USPTO"),
    ("USPTO的专利审查流程", "zh", "USPTO"),
    ("Can I register a trademark in the EU through Madrid system and what fees apply?", "en",
     "EUIPO"),
    ("What is the JPO's practice on design patents?", "en", "JPO"),
    ("欧洲专利局的异议程序是怎样的", "zh", "EPO"),
    # the criteria of 高新技术企业认定, not phrased as a count
    ("高企认定知识产权要多少分", "zh", "高新技术企业认定管理办法"),
    ("高新技术企业认定对知识产权有什么要求", "zh", "高新技术企业认定管理办法"),
    ("申请高企需要什么条件", "zh", "高新技术企业认定管理办法"),
    ("What are the IP criteria for high-tech enterprise recognition?", "en",
     "高新技术企业认定管理办法"),
    # how an office's fee is paid, what a filing submits to the office
    ("专利年费怎么交", "zh", "国家知识产权局"),
    ("商标续展费在哪交", "zh", "国家知识产权局"),
    ("How do we pay patent annuities?", "en", "CNIPA"),
    ("专利申请要交哪些材料给国知局", "zh", "国家知识产权局"),
    # an office's or a scheme's conditions, and what a filing submits, counted
    ("发明专利加快审查要符合哪些条件", "zh", "国家知识产权局"),
    ("申报小巨人需要几件发明专利", "zh", "小巨人"),
    ("外观设计专利申请时要提交几张图片", "zh", "国家知识产权局"),
    # the time and the price of a certification
    ("贯标认证要多长时间", "zh", "认证机构"),
    ("认证机构审核几天", "zh", "认证机构"),
    ("贯标认证费用大概多少", "zh", "认证机构"),
    ("How long does IP management certification take?", "en", "certification body"),
    ("How much does certification cost?", "en", "certification body"),
])
def test_another_bodys_matter_is_abstained_on_naming_who_answers(answerer, question, language,
                                                                  source):
    text = _corpus_text()
    assert "高新技术企业认定" not in text and "USPTO" not in text and "EUIPO" not in text
    assert "小巨人认定" not in text and "加快审查" not in text
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))
    assert source in got.answer


@pytest.mark.parametrize("question", [
    "如何提高企业知识产权管理水平的流程",  # 提高企业 is no 高企
    "通过PCT途径去国外申请专利，企业要做哪些准备",  # an office named, the company's preparation
    "内部审核多久进行一次",  # the company's own audit
])
def test_the_companys_own_matters_are_not_an_office_s(question):
    from assistant.answer.answerability import intent_of

    assert intent_of(question).office is None


# -- 7. a figure of the company's own activity: the note that the standard sets none -------------
@pytest.mark.parametrize("question, language", [
    ("我们今年培训1.5小时够不够，培训要覆盖哪些人", "zh"),
    ("公司每年知识产权经费应该占营收多少", "zh"),
    ("预算250万够不够做贯标", "zh"),
    ("培训每年要搞几次", "zh"),
    ("一年搞3次知识产权培训够不够", "zh"),
    ("Are 3 IP training sessions a year enough?", "en"),
    ("Is 2 hours of IP training a year enough?", "en"),
])
def test_a_figure_the_standard_does_not_set_is_said_so(answerer, question, language):
    # 7.3.2.7 培训: 定期或不定期开展 — no number of hours or sessions.
    assert "定期或不定期开展知识产权培训" in BJ_PATH.read_text(encoding="utf-8")
    got = answerer.answer(question)
    assert not got.abstained
    assert answer_prefix(language, "unstated") in got.answer


# -- 6. a clause number as background before a comma ---------------------------------------------
@pytest.fixture(scope="module")
def title_of(corpus):
    from assistant.retrieval.router import by_number, route

    bj = corpus.documents["bj-ipm"]
    table = bj.lookup_table()
    lookup = by_number(table)

    def title(number: str) -> str | None:
        found = route([number], table, lookup, nearest=False)[0]
        return bj.display_title(bj.clauses[found.clauses[0].key]) if found.clauses else None
    return title


@pytest.mark.parametrize("question, number", [
    ("4.3.2我们做完了，那合同审查要怎么做", "4.3.2"),
    ("4.3.2我们做完了。那合同审查要怎么做", "4.3.2"),
    ("4.3.2搞定了；那合同审查怎么做", "4.3.2"),
    ("7.3.2.4做好了，然后合同审查怎么搞", "7.3.2.4"),
    ("Clause 4.3.2 is done, then how do we review contracts?", "4.3.2"),
    ("4.3.2 is done; now how do we review contracts?", "4.3.2"),
])
def test_a_number_told_as_done_before_a_comma_is_background(title_of, question, number):
    from assistant.retrieval.router import read_clause_numbers

    reading = read_clause_numbers(question, title_of)
    assert reading.asked == [] and reading.background == [number]


@pytest.mark.parametrize("question", [
    "按4.3.2，我们要做什么？",
    "4.3.2, what does it require?",
    "第4.3.2条，文件控制有哪些要求",  # 文件控制 is the clause's own title
])
def test_a_number_asked_about_after_a_comma_stays_asked(title_of, question):
    from assistant.retrieval.router import read_clause_numbers

    assert read_clause_numbers(question, title_of).asked == ["4.3.2"]


def test_the_comma_joined_question_is_answered_not_looked_up(answerer):
    got = answerer.answer("4.3.2我们做完了，那合同审查要怎么做")
    contracts = _bj_numbers_whose_text_holds("合同")
    assert not got.abstained
    assert got.keys and got.keys[0][1] in contracts and not got.keys[0][1].startswith("4.3.2")
