"""Answerability, third round (issue 16): out-of-scope questions in the field's vocabulary of
kinds the cues did not read before — litigation tactics, the police, evidential weight and
penalties; which software, database or service firm to choose; a named company's case or
certification; a foreign country's office or courts (India, Vietnam, Germany, the unitary
patent); the national office named as the actor (国家知识产权局审一件…要几个月); a limit the
law sets on what may be agreed (最多可以约定几年); a quote, a notary's or a government's
amount asked in everyday words (报价, 收费大概多少, 补多少, what it costs, a premium); what the
law protects (is software patentable, AI生成的图片有没有著作权, 发明和实用新型有什么区别); an
office's examination criteria (近似到什么程度会被驳回); the chances of winning (胜诉的概率). What is expected
comes from the texts: no text of the corpus names a defence, the police (公安), a penalty, a
software product, those companies or those countries; 10.2 names only the routes of a dispute.
The company's own matter stays answered: its duties before exporting (10.1.2.2), its contracts
when a customer asks it to implement the standard, its databases (9.2.1), the routes of a
dispute (10.2), its own confidentiality rules (6.2.3)."""
from __future__ import annotations

import pytest

from helpers import CORPUS_DIR, among_first, answer_prefix


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """The corpus's texts and their renditions, lower-cased."""
    files = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "renditions").glob("*.jsonl"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files).lower()


@pytest.mark.parametrize("question, language, absent", [
    # litigation tactics, the police, evidential weight, penalties
    ("对方告我们侵犯商标权，打官司用什么抗辩理由胜算大", "zh", "抗辩"),
    ("Which defences usually succeed against a trade secret claim in a Chinese court?", "en",
     "defence"),
    ("商业秘密被前员工带走了，可以去公安局报案让他们抓人吗", "zh", "公安"),
    ("Can we report a copycat to the police?", "en", "police"),
    ("专利公证书在诉讼中的证据效力有多高", "zh", "证据效力"),
    ("假冒别人的注册商标会被罚多少", "zh", "罚"),
    ("Penalties for counterfeiting a registered trademark in China: what fines apply?", "en",
     "penalt"),
    # which product or service to choose
    ("专利管理系统哪家好用，求推荐", "zh", "推荐"),
    ("Which docketing software would you recommend for a small IP team?", "en", "docketing"),
    # a named company's case or certification
    ("小米和高通之间的专利授权纠纷后来怎么样了", "zh", "高通"),
    ("How did the Huawei v. ZTE case end at the EU court?", "en", "huawei"),
    ("Which certification body audited Tencent's IP management system?", "en", "tencent"),
    # a foreign country's office or courts
    ("在印度打专利官司一般要多久判", "zh", "印度"),
    ("去越南申请商标，申请文件要用什么语言", "zh", "越南"),
    ("Which courts in Germany hear patent cases at first instance?", "en", "germany"),
    ("Which language must a patent application in Germany be written in?", "en", "germany"),
    ("Which countries take part in the unitary patent system?", "en", "unitary"),
    # the national office as the actor; a limit the law sets on what may be agreed
    ("国家知识产权局审一件实用新型要几个月", "zh", "实用新型要几个月"),
    ("保密协议里的保密期限最多可以约定几年", "zh", "保密期限"),
    # amounts in everyday words: a quote, a notary's charge, a city's subsidy, what it costs
    ("请律所做一次专利侵权风险分析，报价一般是多少", "zh", "报价"),
    ("做证据保全公证，公证处收费大概多少", "zh", "公证处"),
    ("广州对新授权的发明一件能补多少", "zh", "补多少"),
    ("Roughly what it costs to register a design patent through an agency?", "en", "costs"),
    # the evidence an office wants
    ("What evidence does the trademark office want to prove a mark is well known?", "en",
     "well known"),
])
def test_a_fact_no_clause_states_is_abstained_on(answerer, corpus_text, question, language,
                                                 absent):
    assert absent.lower() not in corpus_text
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))


@pytest.mark.parametrize("question, language, absent", [
    # what the law protects, and how kinds of rights differ in law
    ("AI生成的图片到底有没有著作权", "zh", "ai生成"),
    ("软件算法在中国能不能申请发明专利", "zh", "算法"),
    ("实用新型和发明专利有什么区别，哪个更值钱", "zh", "值钱"),
    ("Is software patentable in China at all?", "en", "patentable"),
    ("Can an AI be named as an inventor on a Chinese patent?", "en", "named as"),
    # an office's examination criteria, the chances of winning, a firm to pick, a premium
    ("商标近似到什么程度会被驳回", "zh", "驳回"),
    ("商标被抢注了，打官司胜诉的概率大吗", "zh", "胜诉"),
    ("专利无效宣告成功率有多高", "zh", "成功率"),
    ("专利侵权诉讼一般请哪家律所比较好", "zh", "律所"),
    ("深圳有哪些知识产权服务机构口碑不错", "zh", "口碑"),
    ("Which law firm is best for patent litigation in Shanghai?", "en", "shanghai"),
    ("What premium would an IP insurance policy cost us per year?", "en", "premium"),
])
def test_a_rule_of_law_an_office_s_criteria_or_a_firm_to_pick_is_abstained_on(
        answerer, corpus_text, question, language, absent):
    assert absent.lower() not in corpus_text
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))


@pytest.mark.parametrize("question, clause", [
    # 6.2.1 / 6.2.2: the company's own rules for patents and for trademarks
    ("专利和商标的管理制度有什么区别", "6.2"),
    # 9.1.1 专利布局 / 9.1.2 申请检索: finding what to file is the company's step
    ("Before we file, how should we break our technology down to identify patentable points?",
     "9.1"),
    ("Should we run a patentability search before filing?", "9.1"),
])
def test_the_company_s_own_step_in_the_same_words_stays_answered(answerer, question, clause):
    got = answerer.answer(question)
    assert not got.abstained
    assert among_first(got, clause)


@pytest.mark.parametrize("question, clause", [
    # 10.1.2.2 a): 向境外销售产品前，应调查目标国家或地区的司法保护环境……
    ("向德国出口产品之前，知识产权方面要先做哪些调查", "10.1.2.2"),
    ("Before selling our products in Germany, what IP checks should we make?", "10.1.2.2"),
    # 9.2.1: 选择专利数据库进行专利检索
    ("标准里建议检索哪些专利数据库", "9.2.1"),
    # 10.2: 司法、行政、仲裁与调解以及谈判
    ("专利纠纷有哪些解决途径", "10.2"),
    # 6.2.3 保密管理制度: the company's own rules
    ("员工违反保密制度会受到什么处罚", "6.2.3"),
])
def test_the_company_s_own_matter_stays_answered(answerer, question, clause):
    got = answerer.answer(question)
    assert not got.abstained
    assert among_first(got, clause)


def test_a_named_customer_beside_the_company_s_own_question_is_answered(answerer):
    got = answerer.answer("华为要求我们这些供应商贯标，标准对采购合同有什么要求")
    assert not got.abstained and got.citations


def test_a_fee_asked_of_a_profiled_standard_is_abstained_on(answerer):
    # The GB/T 29490—2023 profile summarises duties; none states a consultant's price.
    got = answerer.answer("How much do consultants typically charge for a GB/T 29490 project?")
    assert got.abstained and got.citations == []
