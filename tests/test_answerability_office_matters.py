"""Answerability (issue 16): questions in the field's words asking for an office's, a scheme's or
a government's fact, phrased as staff phrase them, abstain and say who answers. Each group is a
kind of phrasing the cues of answerability.toml did not read before; what is expected comes from
the texts: no text of the corpus states a term of protection, a fee an office charges, a
subsidy or reward a government pays, an office's procedure (a transfer, a lost certificate
replaced), how long an office takes (受理, 实审, 宽展期), how many person-days a certification
audit takes, or the criteria of 专精特新/小巨人 recognition. The company's own procedure (公司内部)
stays answered from the clauses on acquisition (bj-ipm 9.1 获取)."""
from __future__ import annotations

import pytest

from helpers import CORPUS_DIR, answer_prefix


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """The corpus's texts and their renditions."""
    files = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "renditions").glob("*.jsonl"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


@pytest.mark.parametrize("question, language, source", [
    # a term of protection asked as "until when" or "the term of a ..."
    ("外观设计专利能保护到什么时候", "zh", "国家知识产权局"),
    ("注册商标有效期到哪一年为止", "zh", "商标"),
    ("What is the term of a Chinese utility model patent?", "en", "CNIPA"),
    # an office's fee asked as what is paid (交多少, 一共多少, which fee)
    ("发明专利年费每年得交多少", "zh", "国家知识产权局"),
    ("一件外观设计从申请到授权费用一共多少", "zh", "国家知识产权局"),
    ("Which fees does CNIPA charge for a utility model?", "en", "CNIPA"),
    # a reward or subsidy a government pays for a certification passed or a patent granted
    ("通过贯标认证以后能拿到多少奖励", "zh", "资助或奖励政策"),
    ("新授权一件发明专利，区里补贴有多少", "zh", "资助或奖励政策"),
    ("How much subsidy can we get for each granted invention patent?", "en", "support policy"),
    # an office's procedure: a transfer, a change, a lost certificate replaced
    ("商标转让要办什么手续", "zh", "商标"),
    ("专利权人地址变更需要哪些手续", "zh", "国家知识产权局"),
    ("专利证书遗失了怎么补办", "zh", "国家知识产权局"),
    ("What is the procedure for recording a trademark licence in China?", "en", "trademark"),
    # how long an office takes, in its own words (受理, 实审, 宽展期, 两年还是三年)
    ("专利申请的受理通知书一般几天能下来", "zh", "国家知识产权局"),
    ("发明专利实审大概多久", "zh", "国家知识产权局"),
    ("商标到期后的宽展期有几个月", "zh", "商标"),
    ("发明专利授权要一年还是两年", "zh", "国家知识产权局"),
    # a certification audit's person-days
    ("贯标认证审核一般要几个人天", "zh", "认证机构"),
    # another scheme's count, the scheme named as applied for
    ("申请专精特新小巨人要多少个发明专利", "zh", "小巨人"),
    # paying an office online
    ("专利年费能在网上交吗", "zh", "国家知识产权局"),
    # counted in any unit of time (多少个月, 几个工作日), an approval (核准), a recordal, a
    # certificate replaced (能补吗), a long subject before "valid"
    ("实用新型从递交到授权一般要多少个月", "zh", "国家知识产权局"),
    ("商标变更申请几个工作日能核准", "zh", "商标"),
    ("How do we record a trademark transfer with CNIPA?", "en", "trademark"),
    ("外观设计专利证书弄丢了还能补吗", "zh", "国家知识产权局"),
    ("How long is the registration of a Chinese trademark for our flagship product line valid?", "en", "trademark"),
])
def test_an_office_s_or_government_s_fact_is_abstained_on(answerer, corpus_text, question,
                                                         language, source):
    for absent in ("宽展期", "实质审查", "人天", "补办", "资助", "小巨人认定", "受理通知书"):
        assert absent not in corpus_text
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))
    assert source in got.answer


@pytest.mark.parametrize("question", [
    "专利申请的流程公司内部怎么定",  # the company's own procedure: 9.1 获取
    "公司内部提交专利申请前要走哪些步骤",
])
def test_the_company_s_own_filing_procedure_is_answered(answerer, question):
    got = answerer.answer(question)
    assert not got.abstained
    assert any(doc == "bj-ipm" and key.startswith("9.") for doc, key in got.keys[:3])


def test_a_pilot_s_timetable_is_no_term_of_protection(corpus):
    # iso56005-pilot 2 (its Chinese rendition): 用三年时间 … 实现试点全覆盖 — a timetable, not how
    # long a right lasts.
    from assistant.answer.answerability import answers, candidate, intent_of

    pilot = corpus.documents["iso56005-pilot"]
    texts = [candidate(pilot, c).text for c in pilot.clauses.values()]
    timetable = min((t for t in texts if "用三年时间" in t), key=len)
    assert not answers(intent_of("实用新型专利能保护到哪年"), timetable)
