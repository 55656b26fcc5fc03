"""Issue 16, two faults CI found on questions a clause answers (each fixed as a kind):
- "能不能把认证机构成立时间早、市场规模大作为政策门槛" asks whether something may serve as a
  threshold, not for a number: cert-quality-2020 三 answers it ("不得将认证机构成立时间早、市场
  规模大等作为硬性条件设置政策门槛"), so it is not abstained on as a count nobody states;
- "专利申请和审查文件的保存期限是多久" asks how long the company keeps a document an office
  issued: 审查 or 注册 inside the document's name is not the office's act, and a company's
  records table ("专利申请和审查文件 | 专利权终止后5年") states the period. Asking when the
  office issues it ("注册证书要多久才能拿到") stays the office's act.
"""
from __future__ import annotations

import pytest

from assistant.answer.answerability import Candidate, intent_of, judge

RECORDS_TABLE = ("4.2.2 记录控制\n应对记录的保存期限作出规定，见表1。\n"
                 "记录名称 | 最短保存期限\n知识产权培训记录 | 3年\n"
                 "专利申请和审查文件 | 专利权终止后5年\n商标注册证书 | 长期")


@pytest.mark.parametrize("question", [
    "能不能把认证机构成立时间早、市场规模大作为政策门槛？",
    "可以把专利数量当成评优的门槛吗",
    "地方政策可不可以将贯标认证设为申报项目的门槛",
])
def test_using_something_as_a_threshold_asks_no_number(question):
    assert "count" not in intent_of(question).kinds


@pytest.mark.parametrize("question", ["贯标认证的门槛是多少", "申请高企有什么门槛"])
def test_asking_for_the_threshold_still_asks_a_number(question):
    assert "count" in intent_of(question).kinds


@pytest.mark.parametrize("question", [
    "专利申请和审查文件的保存期限是多久",
    "审查意见通知书要保存多久",
    "商标注册证书要保管几年",
    "How long do we keep examination reports?",
    "How long must registration certificates be retained?",
])
def test_a_kept_document_of_an_office_is_the_companys_record(question):
    intent = intent_of(question)
    assert intent.kinds and not intent.office_act
    verdict = judge(question, "en" if question.isascii() else "zh", [Candidate(RECORDS_TABLE)])
    assert verdict.action == "answer" and verdict.stated_by == 0


@pytest.mark.parametrize("question", [
    "注册证书要多久才能拿到", "审查意见一般多久下来", "How long does registration take?",
])
def test_an_offices_own_act_stays_its_act(question):
    assert intent_of(question).office_act
    verdict = judge(question, "en" if question.isascii() else "zh", [Candidate(RECORDS_TABLE)])
    assert verdict.action == "abstain"


def test_the_threshold_question_is_answered_from_the_notice(answerer):
    got = answerer.answer("能不能把认证机构成立时间早、市场规模大作为政策门槛？")
    assert not got.abstained
    assert ("cert-quality-2020", "三") in got.ranked[:5]
