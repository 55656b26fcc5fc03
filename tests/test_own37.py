"""A company's own rules, as its staff ask about them (issue 16, session 37): English questions
reach the company's Chinese rules in everyday words; "does our rule meet the standard?" compares
with the standard named (or the default one) through the crosswalk; what every rule has (who
interprets it) is answered from each document that has it; a rule named by a short title without
an article number, and a clause title typed before its number; 涉密人员 of a company whose rules
speak of trade secrets only.

The rules are written here (three Chinese documents); every expected value is their own words or
the GB/T 29490—2023 profile's and crosswalk's.
"""
from __future__ import annotations

import pytest

from helpers import chapter_rules_docx, make_settings

IPM_TITLE = "星河数据有限公司知识产权管理办法"
IPM = [("总则", ["为规范公司知识产权管理，制定本办法。",                      # 第一条
                "法务部是公司知识产权归口管理部门。"]),                        # 第二条
       ("评审与审核", ["总经理每年主持一次知识产权管理评审。",                 # 第三条
                   "公司每年至少开展一次知识产权内部审核，内审员不得审核本部门的工作。"]),  # 第四条
       ("培训", ["新员工入职一个月内接受不少于四学时的知识产权培训。"]),            # 第五条
       ("附则", ["本办法由法务部负责解释。",                                   # 第六条
               "本办法自2026年1月1日起施行。"])]                              # 第七条
SECRETS_TITLE = "星河数据有限公司商业秘密保护规定"
SECRETS = [("总则", ["为保护公司商业秘密，制定本规定。",                          # 第一条
                   "商业秘密分为核心秘密、重要秘密和一般秘密三级。"]),             # 第二条
           ("管理措施", ["涉密人员应签订保密协议和竞业限制协议。",                  # 第三条
                     "访客进入研发区域应登记并由员工全程陪同。",                   # 第四条
                     "对外提供源代码须经总经理书面批准。",                         # 第五条
                     "源代码仓库的访问权限每季度复核一次。",                       # 第六条
                     "涉密人员离职时应交回全部涉密载体，离职后两年内继续履行保密义务。"]),  # 第七条
           ("附则", ["本规定由信息安全部负责解释。",                               # 第八条
                   "本规定自2026年3月1日起施行。"])]                             # 第九条
REWARDS_TITLE = "星河数据有限公司员工发明奖励办法"
REWARDS = [("奖励", ["发明专利授权后，公司向发明人发放奖励每项9000元。",            # 第一条
                   "本办法自2026年5月1日起施行。"])]                             # 第二条


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    home = tmp_path_factory.mktemp("own37-home")
    files = tmp_path_factory.mktemp("own37-files")
    settings = make_settings(home)
    for name, doc, title, chapters in [("ipm", "xinghe-ipm", IPM_TITLE, IPM),
                                       ("sec", "xinghe-secrets", SECRETS_TITLE, SECRETS),
                                       ("rew", "xinghe-rewards", REWARDS_TITLE, REWARDS)]:
        add_user_document(settings, chapter_rules_docx(files / f"{name}.docx", title, chapters),
                          doc, title)
    return ExtractiveAnswerer(settings, Corpus.load(settings))


@pytest.fixture(scope="module")
def own_2023(own):
    """The same corpus with GB/T 29490—2023 as the default standard."""
    from assistant.answer.extractive import ExtractiveAnswerer

    settings = own.settings.model_copy(update={"default_standard": "gbt29490-2023"})
    return ExtractiveAnswerer(settings, own.corpus, own.retriever)


def _cited(answer) -> list[tuple[str, str]]:
    return [(c.doc, c.clause) for c in answer.citations]


# -- 1. English questions in everyday words reach the company's Chinese rules ---------------------
@pytest.mark.parametrize("question, expected", [
    ("Who approves giving source code to a third party?", ("xinghe-secrets", "第五条")),
    ("Who is responsible for interpreting the trade secret rules?", ("xinghe-secrets", "第八条")),
    ("Who interprets the trade secret rules?", ("xinghe-secrets", "第八条")),
    ("How many hours of training must new employees complete?", ("xinghe-ipm", "第五条")),
])
def test_an_english_question_in_everyday_words_reaches_our_chinese_rules(own, question, expected):
    answer = own.answer(question)
    assert not answer.abstained
    assert expected in _cited(answer)[:3]


def test_an_english_question_on_a_period_our_rule_states_is_not_told_none_is_stated(own):
    answer = own.answer("How often is access to the source code repository reviewed?")
    assert "does not state" not in answer.answer


# -- 2. does our rule meet the standard: the standard named, else the default one ------------------
@pytest.mark.parametrize("question", [
    "我们的知识产权管理办法符合GB/T 29490—2023关于内部审核的要求吗？",
    "我们的内部审核规定符合29490-2023的要求吗？",
])
def test_whether_our_rule_meets_the_named_edition_shows_our_article_and_its_clause(own, question):
    answer = own.answer(question)
    assert ("xinghe-ipm", "第四条") in _cited(answer)
    assert "9.3" in answer.answer and "内部审核" in answer.answer  # 2023 9.3 内部审核
    assert ("bj-ipm", "13.2") in _cited(answer)  # what the crosswalk maps 2023 9.3 to


def test_whether_our_rule_meets_the_default_edition_uses_it(own_2023):
    answer = own_2023.answer("管理评审由谁主持，多久一次？这符合标准吗？")
    assert ("xinghe-ipm", "第三条") in _cited(answer)
    assert "GB/T 29490—2023" in answer.answer and "管理评审" in answer.answer
    assert "9.4" in answer.answer  # 2023 9.4 管理评审, not bj-ipm's numbers alone


# -- 3. what every rule has, answered from each document that has it -------------------------------
@pytest.mark.parametrize("question, expected", [
    ("制度由哪个部门负责解释？", {("xinghe-ipm", "第六条"), ("xinghe-secrets", "第八条")}),
    ("规定由谁负责解释？", {("xinghe-secrets", "第八条")}),
    ("我们的规章制度分别由谁解释？", {("xinghe-ipm", "第六条"), ("xinghe-secrets", "第八条")}),
    ("各项制度由哪个部门负责解释？", {("xinghe-ipm", "第六条"), ("xinghe-secrets", "第八条")}),
])
def test_what_every_rule_says_of_itself_is_answered_from_each(own, question, expected):
    answer = own.answer(question)
    assert not answer.abstained
    assert set(_cited(answer)) == expected


# -- 4. a rule named by its short title without an article; a title typed before its number -------
@pytest.mark.parametrize("question", ["《商业秘密保护规定》有几章？", "保密规定有几章",
                                      "《商业秘密保护规定》讲什么"])
def test_a_rule_named_by_its_short_title_is_outlined(own, question):
    answer = own.answer(question)
    assert not answer.abstained
    assert {d for d, _ in _cited(answer)} == {"xinghe-secrets"}
    for heading in ("第一章", "第二章", "第三章", "管理措施", "附则"):
        assert heading in answer.answer


def test_a_rule_named_bare_by_its_short_title_is_searched_alone(own):
    answer = own.answer("商业秘密保护规定怎么说访客")
    assert _cited(answer)[0] == ("xinghe-secrets", "第四条")
    assert {d for d, _ in _cited(answer)} == {"xinghe-secrets"}


@pytest.mark.parametrize("question, ids", [
    ("知识产权管理办法怎么说培训", ("xinghe-ipm",)),
    ("企业如何制定知识产权管理办法？", ()),  # drafting one: the kind of document, not ours
    ("知识产权管理办法应符合标准哪些要求", ()),  # about the standard
])
def test_a_bare_title_names_our_rule_unless_the_kind_is_meant(own, question, ids):
    from assistant.answer.own_rules import own_named

    assert own_named(own, question, own.names.find(question), []).ids == ids


@pytest.mark.parametrize("question, title", [("能力7.2", "能力"), ("组织环境 4.1", "理解企业及其环境"),
                                             ("内部审核 第9.3条有什么要求", "内部审核")])
def test_a_clause_title_typed_before_its_number_reads_that_edition(own, question, title):
    answer = own.answer(question)
    assert "GB/T 29490—2023" in answer.answer.split("\n")[0]
    assert title in answer.answer
    assert "标准概要中也有" not in answer.answer


# -- 5. 涉密人员 of a company whose rules speak of trade secrets, not state secrets ------------------
@pytest.mark.parametrize("question, article", [("涉密人员离职后要遵守什么？", "第七条"),
                                               ("涉密人员要签什么协议？", "第三条")])
def test_trade_secret_staff_are_not_pointed_to_the_state_secrets_law(own, question, article):
    answer = own.answer(question)
    assert "保守国家秘密法" not in answer.answer
    assert ("xinghe-secrets", article) in _cited(answer)[:3]


def test_state_secret_words_in_the_question_keep_the_pointer(own):
    answer = own.answer("涉及国家秘密的涉密人员离职后脱密期多长？")
    assert "保守国家秘密法" in answer.answer


def test_a_company_doing_classified_work_keeps_the_pointer():
    from assistant.answer.regulated import rule

    trade = ["商业秘密分为三级。涉密人员应签订保密协议。"]
    classified = ["本公司承担国家秘密项目，涉密人员按国家保密规定管理。", *trade]
    assert rule("涉密人员离职后要遵守什么？", "zh", [], own=trade) is None
    assert rule("涉密人员离职后要遵守什么？", "zh", [], own=classified) is not None
    assert rule("涉密人员离职后要遵守什么？", "zh", []) is not None  # no company rules at all
