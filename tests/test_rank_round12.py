"""Questions as staff ask them, twelfth round (issue 16, session 37). Questions written for these
tests, not taken from the eval sets; each failed on the code before the change it tests.
Expected clauses are those whose text states what is asked (quoted beside each case, from
corpus/bj-ipm.txt or its English rendition).

- A story of one audit finding is about what was found: the clause the finding breaks comes
  before the audit and corrective-action clauses every such story names (findings.py).
- What to do with the findings of the audit and the inspections is their analysis (13.4.1),
  not the audit itself.
- What to do before an act is the clause stating a duty before that very act: an exhibition
  is an external information release (参展前 -> 7.4.1 c) 在对外信息发布之前进行相应审批), not a
  supervision check (13.3 监督检查) for the word 检查; "before we license" is 11.4.2.3 a)
  (before licensing), not the clauses on co-developed results.
- Everyday stories: drawings handed to another supplier are kept by the confidentiality rules
  (6.2.3 保密管理制度); stopping sales while the lawsuit runs is an injunction during
  litigation (11.4.2.5 c) 诉中禁令), not the lawsuit itself (10.2 司法保护); a stranger let
  into the workshop and designs open to all are the confidentiality rules' (6.2.3); patents
  bought that had long lapsed for unpaid fees are the transferred rights' legal status (9.3.3.2).
- A company's own rules: the article whose opening label the question says (第二条 授权奖励
  标准：…) comes before one that mentions it in passing (第三条 专利申请受理后先发放申请奖：…，
  授权后再发放授权奖励).
"""
from __future__ import annotations

import pytest

from helpers import bj_english, bj_text, chapter_rules_docx, make_settings


@pytest.mark.parametrize("question, number, stated", [
    # 7.3.2.7 培训: 对…研发人员定期或不定期开展知识产权培训
    ("审核中发现，研发部今年一次知识产权培训都没参加过，这要怎么整改？", "7.3.2.7",
     "研发人员定期或不定期开展知识产权培训"),
    # 11.2.1 知识产权分类管理: 建立商标、专利、商业秘密、技术秘密及其他知识产权的管理清单或手册
    ("内审发现专利台账两年没更新，维持费交没交也没人知道。", "11.2.1", "管理清单或手册"),
    # 4.3.3 合同管理: a) 合同在签订前应针对知识产权内容进行审查
    ("内审的时候发现，几份技术开发合同寄出去之前没人审过知识产权条款。", "4.3.3",
     "合同在签订前应针对知识产权内容进行审查"),
])
def test_a_story_of_one_audit_finding_is_about_what_was_found(answerer, question, number, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", number)


@pytest.mark.parametrize("question", [
    "The internal audit is over and the boss did his spot checks. What do we do with the findings?",
])
def test_what_to_do_with_the_findings_is_their_analysis(answerer, question):
    # 13.4.1: On the basis of the audit opinion and the results of supervision and inspection,
    # the enterprise shall analyse the results achieved …
    assert "On the basis of the audit opinion" in bj_english("13.4.1")
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "13.4.1")


@pytest.mark.parametrize("question", [
    "公司下个月要去参加一个国际展览会，参展前要做哪些知识产权检查？",
    "参展之前要把哪些东西检查一遍？",
])
def test_before_an_exhibition_is_before_an_external_information_release(answerer, question):
    # 7.4.1 c) 在对外信息发布之前进行相应审批
    assert "在对外信息发布之前进行相应审批" in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "7.4.1")


@pytest.mark.xfail(strict=True, reason="the English before-act rule that placed it (rk13) took the "
                   "core test split's paraphrase_en hit@1 to 0.848, under its gate (0.86): "
                   "removed before landing; issue 16 keeps the case open")
def test_before_licensing_a_co_owned_patent_is_the_licensing_clause(answerer):
    # 11.4.2.3 a) before licensing, assess the intellectual property and conduct due diligence
    assert "before licensing, assess the intellectual property" in bj_english("11.4.2.3")
    got = answerer.answer("A research institute co-owns two of our patents. What does the "
                          "standard ask of us before we license them out?")
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "11.4.2.3")


@pytest.mark.parametrize("question, number, stated", [
    # 6.2.3 保密管理制度: 保密管理制度中应包含保密文件管理、信息保密管理 …
    ("客户让我们把产品的工艺图纸转给他们的另一家代工厂，这样做行吗？", "6.2.3#2",
     "保密管理制度中应包含保密文件管理、信息保密管理"),
    # 11.4.2.5 知识产权禁令: c) 申请诉中禁令应提交侵权后果证明
    ("官司还在打，对方的侵权货一直在卖，怎么让法院先停下来？", "11.4.2.5", "申请诉中禁令应提交侵权后果证明"),
])
def test_an_everyday_story_reaches_the_clause_on_its_act(answerer, question, number, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.ranked[0] == ("bj-ipm", number)


def test_a_stranger_in_the_workshop_is_a_matter_for_the_confidentiality_rules(answerer):
    # 6.2.3 (second): … covering … information confidentiality, … restricted areas and access rights
    assert "confidentiality management rules" in bj_english("6.2.3#2")
    got = answerer.answer("A courier wandered into our workshop unescorted yesterday and the mould "
                          "designs are on a folder anyone can access.")
    assert not got.abstained and got.ranked[0] == ("bj-ipm", "6.2.3#2")


def test_patents_bought_long_lapsed_are_the_legal_status_the_contract_states(answerer):
    # 9.3.3.2 …应订立书面合同，并在合同中注明所转移知识产权法律状态、转移范围以及转移条件
    assert "在合同中注明所转移知识产权法律状态" in bj_text()
    got = answerer.answer("从一家研究所买了三件专利，付款后才知道其中一件因为欠年费早已终止。")
    assert not got.abstained and ("bj-ipm", "9.3.3.2") in got.ranked[:2]


REWARD_TITLE = "示例光电有限公司职务发明奖励办法"
GRANT = "授权奖励标准：发明专利每项6000元；实用新型专利每项1500元；外观设计专利每项800元。"
FILING = "专利申请受理后先发放申请奖：发明专利每项1000元，实用新型专利每项300元，授权后再发放授权奖励。"


@pytest.fixture(scope="module")
def own_rules(tmp_path_factory):
    """An answerer over the shipped corpus and one company's reward rules (one index, built once
    for this module)."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    settings = make_settings(tmp_path_factory.mktemp("own-rules-home"))
    rules = chapter_rules_docx(tmp_path_factory.mktemp("own-rules") / "rewards.docx", REWARD_TITLE,
                               [("总则", ["为激励职务发明创造，制定本办法。"]),
                                ("奖励", [GRANT, FILING])])
    add_user_document(settings, rules, "rewards", REWARD_TITLE)
    return ExtractiveAnswerer(settings, Corpus.load(settings))


@pytest.mark.parametrize("question", ["发明专利授权以后公司奖励多少钱？", "实用新型专利授权以后奖励多少？"])
def test_the_article_whose_label_is_asked_comes_before_one_naming_it_in_passing(own_rules,
                                                                                  question):
    got = own_rules.answer(question)
    assert not got.abstained and got.ranked[0] == ("rewards", "第二条")
