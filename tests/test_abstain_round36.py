"""Honest abstention with a pointer (issue 16, session 36): each group is a kind of question the
gate got wrong before, written from the texts, not copied from an eval set.

Matters another law regulates, which the field's words touch (保密, 专利, 出口): the secrecy
qualification and the licence for weapons research and production, state secrets and the 脱密期
of classified staff, defence patents, export control. No text of the corpus names any of them
(checked below), so no clause answers one; the search found clauses that only share a word
(10.1.2.1 c for 国防专利). The answer says the standards do not state it and names the law that
does. Where a clause speaks to a part of the question the standards do cover (staff leaving:
7.3.2.5 离职, 6.2.3 保密管理制度; filing abroad: 10.1.2.1), that clause is cited after a note
naming the law, and the clauses that only share a word are not.
Answered as before: the company's own confidentiality, departures, secret material in a foreign
filing and the IP side of exporting (near misses sharing the words).
A story told without a question, in everyday words that name the field only in pairs (photos
downloaded for free, nobody asked permission: 8.2 f), is answered, not called out of scope.
"""
from __future__ import annotations

import pytest

from helpers import among_first, answer_prefix, corpus_texts

from assistant.answer.regulated import regulated_topic, rule
from assistant.retrieval.scope import english_field_terms


@pytest.fixture(scope="module")
def corpus_text() -> str:
    return corpus_texts()


# The laws' titles as the answer names them (the titles only: DOMAIN.md and the try12 report
# name 《保守国家秘密法》, 《国防专利条例》 and the 保密资格认定办法 the drafted package lists).
QUALIFICATION = "武器装备科研生产单位保密资格认定办法"
LICENCE = "武器装备科研生产许可管理条例"
SECRETS = "保守国家秘密法"
DEFENCE_PATENTS = "国防专利条例"
EXPORT = "出口管制法"


# -- another law's matter: abstain and name the law ------------------------------------------------
@pytest.mark.parametrize("question, language, law", [
    ("申请武器装备科研生产单位保密资格需要什么条件？", "zh", QUALIFICATION),
    ("军工客户要求我们先拿到保密资质，审查时都看哪些方面？", "zh", QUALIFICATION),
    ("What does a secrecy qualification for defence work require?", "en", QUALIFICATION),
    ("办武器装备科研生产许可证要满足哪些条件？", "zh", LICENCE),
    ("国防专利怎么管理？", "zh", DEFENCE_PATENTS),
    ("国防专利的申请和普通专利有什么不同？", "zh", DEFENCE_PATENTS),
    ("How are defence patents handled?", "en", DEFENCE_PATENTS),
    ("我们承担的项目里有国家秘密，定密工作怎么做？", "zh", SECRETS),
    ("Who decides which of our military project files are state secrets?", "en", SECRETS),
    ("碳纤维属于两用物项，出口前要办什么许可？", "zh", EXPORT),
    ("Do we need an export licence to ship our dual-use sensors?", "en", EXPORT),
])
def test_another_law_s_matter_is_abstained_on_and_names_the_law(answerer, corpus_text, question,
                                                               language, law):
    topic = regulated_topic(question)
    assert topic is not None
    assert topic.source["zh"].count("《") >= 1  # the answer names a law by its title
    for word in ("保密资格", "国防专利", "脱密", "国家秘密", "出口管制", "两用物项"):
        assert word not in corpus_text  # no clause can state it
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "unanswerable"))
    assert law in got.answer


# -- a part the standards do cover: that clause, after a note naming the law --------------------
def test_a_clause_speaking_to_a_part_is_kept_and_one_sharing_a_word_is_not():
    titles = ["涉外申请\nApplications abroad", "离职\nDeparture", "保密管理制度\nConfidentiality"]
    got = rule("涉密人员离岗后的脱密期怎么管理？", "zh", titles)
    assert got is not None and got.action == "noted" and got.cited == (1, 2)
    assert SECRETS in got.source
    # the same matter with no part named that a clause covers: abstain
    assert rule("脱密期一般定多长？", "zh", titles).action == "abstain"
    # 10.1.2.1 c) speaks to filing a defence patent's invention abroad, not to its management
    assert rule("已经申请国防专利的发明，还能向外国申请专利吗？", "zh", titles).cited == (0,)
    assert rule("国防专利怎么管理？", "zh", titles).action == "abstain"


@pytest.mark.parametrize("question, language", [
    ("涉密人员离岗后的脱密期怎么管理？", "zh"),
    ("核心技术员工是涉密人员，他辞职时除了签知识产权协议，脱密期要怎么安排？", "zh"),
    ("An engineer with access to classified projects is leaving. How long is his "
     "declassification period?", "en"),
])
def test_staff_leaving_under_secrecy_cites_only_what_the_standards_cover(answerer, question,
                                                                         language):
    got = answerer.answer(question)
    assert SECRETS in got.answer
    note = answer_prefix(language, "regulated_note")
    if got.abstained:  # no departure or confidentiality clause found: the pointer alone
        assert got.answer.startswith(answer_prefix(language, "unanswerable"))
    else:
        assert got.answer.startswith(note)
        assert {key.split("#")[0] for _, key in got.keys} <= {"7.3.2.5", "6.2.3"}


# -- near misses: the company's own matters in the same words stay answered ---------------------
@pytest.mark.parametrize("question, clause", [
    ("员工离职时保密方面要做什么？", "7.3.2.5"),
    ("公司的保密制度要覆盖哪些方面？涉密区域要不要专门管理？", "6.2.3"),
    ("想把一项发明拿到美国申请专利，技术涉密的话怎么办？", "10.1.2.1"),
    ("产品出口前要做哪些知识产权调查？", "10.1.2.2"),
    # a company grades its own trade secrets (6.2.3 保密管理制度: 保密权限)
    ("商业秘密怎么定密？涉密人员的权限怎么分？", "6.2.3"),
    ("What should we do about confidentiality when an engineer resigns?", None),
])
def test_the_company_s_own_matters_in_the_same_words_are_answered(answerer, question, clause):
    assert regulated_topic(question) is None
    got = answerer.answer(question)
    assert not got.abstained
    for law in (QUALIFICATION, SECRETS, DEFENCE_PATENTS, EXPORT):
        assert law not in got.answer
    assert clause is None or among_first(got, clause, top=5)


# -- a story told without a question, in the field's everyday words -----------------------------
@pytest.mark.parametrize("story", [
    "Our brochure uses photos and a font an intern downloaded for free. Nobody asked whether we "
    "had permission.",
    "The sales deck has icons from a free download site, and no one has permission in writing.",
])
def test_a_story_of_material_used_without_permission_is_answered(answerer, story):
    assert {"引用", "许可"} <= set(english_field_terms(story))
    got = answerer.answer(story)
    assert not got.abstained


def test_one_everyday_word_alone_does_not_make_a_story_the_field_s():
    assert english_field_terms("I asked my manager for permission to take Friday off.") == []


# -- a sector's standard the corpus does not hold: no padding from the documents held -----------
@pytest.mark.parametrize("question, designation", [
    ("AS9100D 对知识产权有什么要求？", "AS 9100"),
    ("IATF 16949 对知识产权管理有什么要求？", "IATF 16949"),
    ("Does AS9100 require an IP management procedure?", "AS 9100"),
    ("What does EN 9100 say about intellectual property?", "EN 9100"),
])
def test_a_sector_standard_not_held_is_named_missing_not_answered_from_others(
        answerer, question, designation):
    got = answerer.answer(question)
    assert got.abstained and got.citations == []
    assert designation in got.answer


@pytest.mark.parametrize("question, clause", [
    ("公司通过了IATF 16949，知识产权内部审核要怎么做？", "13.2"),
    ("我们已经有AS9100体系，知识产权内部审核的评审输入包括哪些？", "13.2"),
])
def test_a_sector_standard_named_beside_a_question_the_corpus_answers(answerer, question, clause):
    got = answerer.answer(question)
    assert not got.abstained
    assert among_first(got, clause, top=5)


@pytest.mark.parametrize("text", [
    "We have 2000 staff as 2023 began.",  # 'as 2023' is no standard
    "公司有 1500 人，研发 300 人。",
])
def test_capitals_and_a_word_edge_keep_ordinary_numbers_from_naming_a_standard(text):
    from assistant.standards.names import standards_named

    assert standards_named(text) == []


# -- a story naming nothing of the field: said to be a story, with how to ask -------------------
@pytest.mark.parametrize("story, language", [
    ("Yesterday our team went hiking in the hills and it rained all afternoon.", "en"),
    ("昨天公司组织去爬山，下午一直在下雨。", "zh"),
])
def test_a_story_without_a_question_or_the_field_s_words_says_how_to_ask(answerer, story,
                                                                         language):
    got = answerer.answer(story)
    assert got.abstained and got.citations == []
    assert got.answer.startswith(answer_prefix(language, "abstain_story"))


def test_a_question_outside_the_field_is_not_called_a_story(answerer):
    got = answerer.answer("明天北京天气怎么样？")
    assert got.abstained
    assert not got.answer.startswith(answer_prefix("zh", "abstain_story"))
