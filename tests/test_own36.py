"""A company's own rules, as its staff ask about them (issue 16, session 36): English questions
reach the company's Chinese rules; the standard named decides the clause its articles are matched
to; a question whether a rule meets the standard shows the rule and the requirement; 办法 / 规定 /
制度 name the company's documents; a rule named by its (short) title keeps 第N条 to it.

The rules are written here (two Chinese documents, each with a 第十条 and a start date); every
expected value is their own words, bj-ipm's or the GB/T 29490—2023 profile's.
"""
from __future__ import annotations

import pytest

from helpers import chapter_rules_docx, make_settings

IPM_TITLE = "云帆软件有限公司知识产权管理办法"
IPM = [("总则", ["为规范公司知识产权管理，制定本办法。",
                "法务部是公司知识产权归口管理部门。"]),
       ("管理评审", ["总经理每年主持一次知识产权管理评审。",
                 "知识产权台账每季度更新一次。"]),
       ("培训", ["新员工入职一个月内接受不少于四学时的知识产权培训，培训记录由人力资源部保存。"]),
       ("奖励", ["实用新型专利授权后，公司向发明人发放奖励每项3000元。",
               "发明专利授权后，公司向发明人发放奖励每项9000元。"]),
       ("附则", ["本办法由法务部负责解释。", "各子公司参照本办法执行。",
               "本办法自2026年1月1日起施行。"])]
SECRETS_TITLE = "云帆软件有限公司商业秘密保护规定"
SECRETS = [("总则", ["为保护公司商业秘密，制定本规定。",
                   "商业秘密分为核心秘密、重要秘密和一般秘密三级。"]),
           ("管理措施", ["涉密人员应签订保密协议。",
                     "访客进入研发区域应登记并由员工全程陪同。",
                     "涉密载体应存放于带锁文件柜。",
                     "离职员工应交回全部涉密载体。",
                     "对外提供源代码须经总经理书面批准。",
                     "涉密文件的复制须经部门负责人批准。",
                     "涉密信息系统应设置访问日志。",
                     "源代码仓库的访问权限每季度复核一次。"]),
           ("附则", ["本规定自2026年3月1日起施行。"])]


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    home = tmp_path_factory.mktemp("own36-home")
    files = tmp_path_factory.mktemp("own36-files")
    settings = make_settings(home)
    add_user_document(settings, chapter_rules_docx(files / "ipm.docx", IPM_TITLE, IPM),
                      "yunfan-ipm", IPM_TITLE)
    add_user_document(settings, chapter_rules_docx(files / "sec.docx", SECRETS_TITLE, SECRETS),
                      "yunfan-secrets", SECRETS_TITLE)
    return ExtractiveAnswerer(settings, Corpus.load(settings))


def _cited(answer) -> list[tuple[str, str]]:
    return [(c.doc, c.clause) for c in answer.citations]


# -- 5. a rule named by its title or short title: 第N条 of it only ---------------------------------
@pytest.mark.parametrize("question", [
    "《商业秘密保护规定》第十条",
    "商业秘密保护规定第十条讲的是什么",
    "《知识产权管理办法》第三条",
])
def test_an_article_of_a_rule_named_by_its_short_title_is_that_rules(own, question):
    answer = own.answer(question)
    doc = "yunfan-secrets" if "商业秘密" in question else "yunfan-ipm"
    number = "第十条" if "第十条" in question else "第三条"
    assert _cited(answer) and _cited(answer)[0] == (doc, number)
    assert {d for d, _ in _cited(answer)} == {doc}
    assert "bj-ipm" not in answer.answer


# -- 4. 办法 / 规定 / 制度 name the company's documents; all of them answer ---------------------------
@pytest.mark.parametrize("question, expected", [
    ("办法什么时候开始施行？", {("yunfan-ipm", "第十条")}),
    ("规定什么时候开始施行？", {("yunfan-secrets", "第十一条")}),
    ("我们的规定何时生效？", {("yunfan-ipm", "第十条"), ("yunfan-secrets", "第十一条")}),
])
def test_when_our_rules_take_effect_is_answered_from_each(own, question, expected):
    answer = own.answer(question)
    assert not answer.abstained
    assert expected <= set(_cited(answer))


# -- 2. the standard named decides the clause matched ----------------------------------------------
@pytest.mark.parametrize("question", [
    "我们的制度中哪条对应GB/T 29490—2023的7.2能力要求？",
    "我们公司哪条制度符合29490-2023第7.2条？",
])
def test_our_rules_are_matched_to_the_named_editions_clause(own, question):
    answer = own.answer(question)
    assert "[bj-ipm 7.2]" not in answer.answer  # bj-ipm 7.2 is 组织机构, not 2023's 7.2 能力
    assert "能力" in answer.answer.split("\n")[0]
    assert ("yunfan-ipm", "第五条") in _cited(answer)[:2]  # 培训: how competence is built


def test_the_default_standard_decides_when_none_is_named(tmp_path_factory, own):
    from assistant.answer.extractive import ExtractiveAnswerer

    settings = own.settings.model_copy(update={"default_standard": "gbt29490-2023"})
    answer = ExtractiveAnswerer(settings, own.corpus).answer("我们的制度中哪条对应标准的7.2？")
    assert "[bj-ipm 7.2]" not in answer.answer
    assert "能力" in answer.answer.split("\n")[0]


# -- 3. does our rule meet the standard: the rule and the requirement ------------------------------
@pytest.mark.parametrize("question, article, words", [
    ("管理评审由谁主持，多久一次？这符合标准吗？", "第三条", "评审"),
    ("新员工入职后多久要接受知识产权培训？标准怎么要求的？", "第五条", "培训"),
    ("Does our policy on management review meet the standard?", "第三条", "评审"),
])
def test_whether_our_rule_meets_the_standard_shows_both(own, question, article, words):
    answer = own.answer(question)
    cited = _cited(answer)
    assert ("yunfan-ipm", article) in cited
    standard = [c for c in answer.citations if c.doc == "bj-ipm"]
    assert standard and any(words in (c.quote or "") for c in standard)


# -- 1. English questions reach the company's Chinese rules ----------------------------------------
@pytest.mark.parametrize("question, expected", [
    ("What is the reward for a utility model patent under our invention reward rules?",
     ("yunfan-ipm", "第六条")),
    ("How often is access to the source code repository reviewed?", ("yunfan-secrets", "第十条")),
    ("What does our trade secret policy say about visitors?", ("yunfan-secrets", "第四条")),
])
def test_an_english_question_reaches_our_chinese_rules(own, question, expected):
    answer = own.answer(question)
    assert expected in _cited(answer)[:3]
