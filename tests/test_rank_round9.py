"""Questions as staff ask them, ninth round (issue 16, session 34). Questions written for these
tests, not taken from the eval sets; each failed on the code before the change it tests.
Expected clauses are those whose text states what is asked (quoted beside each case, from
corpus/bj-ipm.txt or its English rendition).

- A story told in full stops, with no question mark and no sentence that asks (tells_only),
  asks for no fact: the figures, deadlines and prices it tells of (十几件专利, 价格便宜得离谱,
  change a deadline, whether the idea is patentable) are the story, so neither the scope
  check's amount rule nor the answerability rule abstains on it. "专利年费多少钱。" still asks.
- A court's judgment or a lawyer's letter received and kept (判决书、律师函…要留多久) is the
  company's record, not an office's act: its clauses are cited, the standard sets no period.
- "标准对这种事有没有要求" asks the standard about the matter told before it.
- English stories calling for an act (situations_en.txt): a stranger in the lab, files open to
  anyone (confidentiality rules), no idea what is worth filing on (patent layout), goods shipped
  to a country for the first time (foreign trade); a Chinese story of working on a project
  together with a research institute (合作开发).
- "How many years does … last" asks a term of protection, abstained as "how long" is.
"""
from __future__ import annotations

import pytest

from assistant.answer import answerability
from helpers import bj_english, bj_text


@pytest.mark.parametrize("text, told", [
    ("去年并购了一家工厂，接手了它名下二十多件商标，到现在也没人去办变更手续。", True),
    ("几份发明专利的证书放在项目组，有几份已经找不到了。", True),
    ("Someone changed the deadline in our filing procedure without approval.", True),
    ("专利年费要交几年。", False),
    ("专利年费多少钱。", False),
    ("Finance wants to know the trademark renewal fee.", False),
    ("Tell me the trademark renewal fee.", False),
    ("专利年费多少钱", False),
    ("我们有十几件专利快到期了，还要续吗？", False),
])
def test_a_text_telling_only_a_story_is_read_as_such(text, told):
    assert answerability.tells_only(text) is told


@pytest.mark.parametrize("question, numbers, stated", [
    # 8.2 e) 针对办公设备，应确认来源确认没有侵犯他人的知识产权
    ("公司行政买了一批复印机和碎纸机，价格便宜得不正常，卖家也拿不出来源证明。", ["8.2"],
     "针对办公设备，应确认来源确认没有侵犯他人的知识产权"),
    # 10.1.1.1 企业应将涉及知识产权取得和确权的文件作为受控文件进行管理; 4.3.2.2 b) 对行政
    # 决定…等外来文件进行有效管理 (an office's notice received is an external document)
    ("十几件外观设计的授权证书和审查意见通知书放在各个项目组，有几份已经找不到了。",
     ["10.1.1.1", "4.3.2.2"], "作为受控文件进行管理"),
])
def test_a_figure_or_price_told_in_a_story_is_not_asked(answerer, question, numbers, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0][1] in numbers


def test_a_story_s_deadline_is_not_a_time_limit_asked(answerer):
    # 4.3.2.1 a) … after revision, undergo review and approval again before issue
    assert "after revision, undergo review and approval again before issue" in bj_english("4.3.2.1")
    got = answerer.answer("A clerk edited our published document control rules to move a "
                          "deadline and put them back on the intranet without approval.")
    assert not got.abstained


def test_keeping_a_court_s_judgment_is_the_company_s_record(answerer):
    # 4.3.2.2 b) 对行政决定、司法判决、律师函等外来文件进行有效管理，保存来源与取得时间；
    # c) 明确保管方式和保管期限
    assert "司法判决、律师函等外来文件" in bj_text() and "保管期限" in bj_text()
    got = answerer.answer("对方寄来的律师函和法院的判决书，公司收到后该记录些什么？要留多久")
    assert not got.abstained and got.keys[0] == ("bj-ipm", "4.3.2.2")


def test_asking_the_standard_about_the_matter_told_is_in_scope(answerer):
    # 9.3.2.2 企业与高校、科研院所进行合作开发时，应建立研究信息发布程序
    got = answerer.answer("老师想把合作项目的数据拿去发论文，标准对这种情况怎么说")
    assert not got.abstained


@pytest.mark.parametrize("question, number, stated", [
    # 6.2.3 保密管理制度 … restricted areas, access authorisation
    ("A courier walked into our lab unescorted and photographed our prototype on the bench.",
     "6.2.3#2", "restricted areas, access authorisation"),
    # 9.1.1 … determine the technical points for which patent …
    ("We built a new battery pack and have no idea which parts are worth patenting.",
     "9.1.1", "determine the technical points"),
    # 10.1.2.2 a) before selling products abroad, the enterprise shall investigate …
    ("Our first container of pumps ships to Mexico in a month. We have never registered "
     "anything there.", "10.1.2.2", "before selling products abroad"),
])
def test_an_english_story_reaches_the_clause_on_its_act(answerer, question, number, stated):
    assert stated in bj_english(number)
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0] == ("bj-ipm", number)


def test_a_project_done_together_with_an_institute_is_joint_development(answerer):
    # 9.3.2.2 企业与高校、科研院所进行合作开发时 … ; 9.3.2.1 合同应明确成果的知识产权归属
    got = answerer.answer("科学院的两位老师要和我们的技术员一起做一个项目，做出来的东西算谁的还没谈。")
    assert not got.abstained and got.keys[0] in {("bj-ipm", "9.3.2.1"), ("bj-ipm", "9.3.2.2")}


def test_how_many_years_a_right_lasts_is_a_term_of_protection(answerer):
    assert answerer.answer("How many years does an invention patent last in China?").abstained


@pytest.mark.parametrize("question, number, stated", [
    # 11.4.2.3 知识产权许可 b) 在许可合同中约定许可使用范围
    ("一家经销商想用我们的一项商标做门店招牌，价钱谈好了，合同还没签。", "11.4.2.3", "知识产权许可"),
])
def test_another_company_wanting_to_use_ours_is_licensing(answerer, question, number, stated):
    assert stated in bj_text()
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0] == ("bj-ipm", number)


@pytest.mark.parametrize("question, key, stated", [
    # 7.3.2.4 Onboarding: background checks on new employees at onboarding
    ("A chemist from the biggest player in our market is joining us in May.", "7.3.2.4",
     "background checks are conducted on new employees at onboarding"),
])
def test_an_english_story_of_a_hire_from_a_rival(answerer, question, key, stated):
    assert stated in bj_english(key)
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0] == ("bj-ipm", key)


def test_the_same_nonconformity_found_again_calls_for_its_causes_removed(answerer):
    # 13.5.2.1 [Eliminating the causes of nonconformities] … in order to prevent their recurrence
    assert "prevent their recurrence" in bj_english("13.5.2.1")
    got = answerer.answer("Unsigned invention records keep coming back in every internal audit, "
                          "and each time only the single record gets fixed.")
    assert not got.abstained and got.keys[0] == ("bj-ipm", "13.5.2.1")
