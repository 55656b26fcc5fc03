"""GB/T 29490—2013 / —2023 (and ISO 56005) answered as standards of their own while their texts
are not in the corpus: the clause named with its title, a sentence that the text is missing and
how to add it, OUR summary marked as ours (never a quote), and verbatim quotes of the bj-ipm
clauses the crosswalk relates to it. Expected numbers, titles, summaries and correspondences are
read from corpus/profiles/*.yaml and crosswalk.csv directly; quotes are checked against
corpus/bj-ipm.txt."""
from __future__ import annotations

import csv
import re

import pytest
import yaml

from helpers import BJ_PATH, CORPUS_DIR, squeeze

PROFILES = CORPUS_DIR / "profiles"
DESIGNATIONS = {"gbt29490-2013": "GB/T 29490—2013", "gbt29490-2023": "GB/T 29490—2023",
                "iso56005-2020": "ISO 56005:2020"}
BJ_TEXT = squeeze(BJ_PATH.read_text(encoding="utf-8"))
QUOTE_MARKS = "“”「」『』\"‘’"


def _yaml_clause(profile: str, number: str) -> dict:
    data = yaml.safe_load((PROFILES / f"{profile}.yaml").read_text(encoding="utf-8"))
    return next(c for c in data["clauses"] if str(c["number"]) == number)


def _crosswalk_bj(profile: str, number: str) -> set[str]:
    """bj-ipm cells of the crosswalk rows on this clause (or a sub-clause of it)."""
    column = profile.replace("-", "_").replace("iso56005_2020", "iso56005")
    with (PROFILES / "crosswalk.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["bj_ipm"] for r in rows if r["bj_ipm"] and (
        r[column] == number or r[column].startswith(number + "."))}


def _assert_summary_is_no_quote(answer, summary: str) -> None:
    assert all(summary not in c.quote for c in answer.citations)
    for line in answer.answer.split("\n"):
        if summary in line:
            assert not line.lstrip().startswith(">")
            at = line.index(summary)
            before, after = line[at - 1:at], line[at + len(summary):at + len(summary) + 1]
            assert not (before and before in QUOTE_MARKS)
            assert not (after and after in QUOTE_MARKS)


LOOKUPS = [
    ("GB/T 29490-2023 第8.3条要求什么", "gbt29490-2023", "8.3", "zh"),
    ("GB/T29490—2023 8.3", "gbt29490-2023", "8.3", "en"),  # no Chinese words: English
    ("29490-2023 第8.3条", "gbt29490-2023", "8.3", "zh"),
    ("gbt 29490 2023 第9.2条", "gbt29490-2023", "9.2", "zh"),
    ("2023版 第9.2条", "gbt29490-2023", "9.2", "zh"),
    ("29490 2013版 7.4.2", "gbt29490-2013", "7.4.2", "zh"),
    ("GB/T 29490-2013 4.2.3 说了什么", "gbt29490-2013", "4.2.3", "zh"),
    ("What does clause 8.3 of the 2023 edition require?", "gbt29490-2023", "8.3", "en"),
    ("ＧＢ／Ｔ ２９４９０－２０１３ 第７．５条", "gbt29490-2013", "7.5", "zh"),
    ("ISO 56005 clause 4.1", "iso56005-2020", "4.1", "en"),
    ("新版29490 8.3", "gbt29490-2023", "8.3", "zh"),
    ("旧版标准 第7.4.2条", "gbt29490-2013", "7.4.2", "zh"),
    ("the 2013 edition, clause 7.4.2", "gbt29490-2013", "7.4.2", "en"),
    ("《企业知识产权合规管理体系 要求》第7.2条", "gbt29490-2023", "7.2", "zh"),
    ("GB/T 29490-2023 Annex B", "gbt29490-2023", "B", "en"),
]


@pytest.mark.parametrize("question, profile, number, language", LOOKUPS)
def test_a_clause_of_a_profiled_standard_is_answered_from_its_profile(
        answerer, question, profile, number, language):
    expected = _yaml_clause(profile, number)
    answer = answerer.answer(question)
    assert not answer.abstained
    first = answer.summaries[0]
    assert (first.doc, first.key, first.is_summary) == (profile, number, True)
    summary = expected["summary_zh" if language == "zh" else "summary_en"]
    assert first.summary == summary and summary in answer.answer
    intro = answer.answer.split("\n\n")[0]
    assert DESIGNATIONS[profile] in intro and expected["title"] in intro
    assert profile not in intro  # named by its designation, not by an internal id
    assert f"--profile {profile}" in answer.answer  # how to add a licensed copy
    _assert_summary_is_no_quote(answer, summary)
    # The quotes are the bj-ipm clauses the crosswalk names, verbatim.
    assert all(c.doc == "bj-ipm" and squeeze(c.quote) in BJ_TEXT for c in answer.citations)
    related = _crosswalk_bj(profile, number)
    cited = {key for doc, key in answer.keys}
    assert all(any(k == r or k.startswith((r + ".", r + "/")) for r in related) for k in cited), (
        cited, related)
    if related:
        assert answer.citations
    assert answer.ranked[0] == (profile, number)


def test_the_not_in_corpus_sentence_is_given(answerer):
    answer = answerer.answer("GB/T 29490-2023 第8.3条要求什么")
    assert "GB/T 29490—2023的标准原文不在语料中" in answer.answer
    english = answerer.answer("GB/T 29490-2023 clause 8.3")
    assert "The text of GB/T 29490—2023 is not in the corpus" in english.answer


def test_a_heading_lists_its_sub_clauses_with_their_summaries(answerer):
    answer = answerer.answer("GB/T 29490-2013 第7.4条")
    for number in ("7.4.1", "7.4.2", "7.4.3"):
        clause = _yaml_clause("gbt29490-2013", number)
        assert f"{number} {clause['title']}" in answer.answer
        assert clause["summary_zh"] in answer.answer
    assert {s.key for s in answer.summaries} == {"7.4", "7.4.1", "7.4.2", "7.4.3"}


@pytest.mark.parametrize("question, wanted", [
    ("GB/T 29490-2023 第8.9条", "8.9"), ("2023版 第11.2条", "11.2"),
    ("GB/T 29490-2023 clause 5.4", "5.4")])
def test_a_number_the_profile_lacks_is_said_to_be_missing(answerer, question, wanted):
    answer = answerer.answer(question)
    assert answer.abstained and not answer.citations and not answer.summaries
    assert re.search(rf"GB/T 29490—2023.*(没有第{re.escape(wanted)}条|has no clause "
                     rf"{re.escape(wanted)} in its profile)", answer.answer)
    assert "[bj-ipm" not in answer.answer  # not bj-ipm's clause of that number


def test_a_sub_clause_of_chapter_8_says_the_profile_stops_at_the_second_level(answerer):
    answer = answerer.answer("GB/T 29490-2023 第8.2.1条")
    assert answer.abstained and "8.2" in answer.answer and "一级" in answer.answer


@pytest.mark.parametrize("question, profile, title", [
    ("2023版对合规义务有什么要求", "gbt29490-2023", "知识产权合规义务"),
    ("新标准对合规文化有什么要求", "gbt29490-2023", "文化"),
    ("2013版对合同管理有什么规定", "gbt29490-2013", "合同管理"),
    ("What does the 2023 edition say about risks and opportunities?", "gbt29490-2023",
     "应对风险和机遇的措施"),
])
def test_a_topical_question_naming_the_standard_searches_its_profile(
        answerer, question, profile, title):
    data = yaml.safe_load((PROFILES / f"{profile}.yaml").read_text(encoding="utf-8"))
    number = next(str(c["number"]) for c in data["clauses"] if c["title"] == title)
    answer = answerer.answer(question)
    assert answer.summaries and (answer.summaries[0].doc, answer.summaries[0].key) == (
        profile, number)
    assert all(c.doc == "bj-ipm" and squeeze(c.quote) in BJ_TEXT for c in answer.citations)
    _assert_summary_is_no_quote(answer, answer.summaries[0].summary)


def test_a_topic_the_profile_lacks_abstains(answerer):
    answer = answerer.answer("2023版对天气预报有什么要求")
    assert answer.abstained and not answer.citations and "GB/T 29490—2023" in answer.answer


def test_json_marks_summaries_and_keeps_them_out_of_the_citations(answerer):
    data = answerer.answer("GB/T 29490-2023 第8.3条要求什么").to_json()
    assert [(s["doc"], s["key"], s["is_summary"]) for s in data["summaries"]] == [
        ("gbt29490-2023", "8.3", True)]
    assert data["citations"] and {c["doc"] for c in data["citations"]} == {"bj-ipm"}
    summary = _yaml_clause("gbt29490-2023", "8.3")["summary_zh"]
    assert all(summary not in c["quote"] for c in data["citations"])
    assert "summaries" not in answerer.answer("第4.3.2条规定了什么").to_json()


# -- standards neither in the corpus nor profiled ----------------------------------------------
@pytest.mark.parametrize("question, designation, phrase", [
    ("GB/T 19001 第4条", "GB/T 19001", "语料中没有"),
    ("ISO 9001 clause 7.5", "ISO 9001", "is not in the corpus"),
    ("ISO/IEC 27001 clause 6.1.2", "ISO/IEC 27001", "is not in the corpus"),
])
def test_a_clause_of_an_unknown_standard_is_not_answered_from_bj_ipm(
        answerer, question, designation, phrase):
    answer = answerer.answer(question)
    assert answer.abstained and not answer.citations
    assert designation in answer.answer and phrase in answer.answer
    assert "ipms corpus add" in answer.answer


def test_a_topical_question_naming_an_unknown_standard_says_so_first(answerer):
    answer = answerer.answer("GB/T 19001 对知识产权培训有什么要求")
    assert answer.answer.startswith("语料中没有GB/T 19001")
    assert all(squeeze(c.quote) in BJ_TEXT for c in answer.citations if c.doc == "bj-ipm")


# -- what stays as it was -----------------------------------------------------------------------
def test_a_bare_number_is_bj_ipms_and_names_the_profiles_that_have_it(answerer):
    answer = answerer.answer("第8.3条规定了什么")
    assert [(c.doc, c.clause) for c in answer.citations] == [("bj-ipm", "8.3")]
    last = answer.answer.split("\n\n")[-1]
    for profile in ("gbt29490-2013", "gbt29490-2023"):
        assert f"{DESIGNATIONS[profile]} {_yaml_clause(profile, '8.3')['title']}" in last


@pytest.mark.parametrize("question", ["过期的旧版本要怎么处理？", "已经作废的旧版知识产权文件怎么处理",
                                      "iso56005-pilot 第三条是什么"])
def test_old_versions_of_documents_and_document_ids_name_no_profile(answerer, question):
    assert not answerer.answer(question).summaries


@pytest.mark.parametrize("text, profile", [
    ("过期的旧版本要怎么处理", None), ("gbt 29490 2013 第4.2.3条", "gbt29490-2013"),
    ("13版29490的6.1.6", "gbt29490-2013")])
def test_standards_named(text, profile):
    from assistant.standards.names import profile_named

    assert profile_named(text) == profile


def test_a_topical_question_about_the_iso_56005_pilot_stays_with_the_notice(answerer):
    answer = answerer.answer("ISO 56005 试点从哪年持续到哪年")
    assert not answer.summaries


def test_a_number_the_pilot_notice_has_is_looked_up_there(answerer):
    # The notice goes by "ISO 56005" too; its chapter 1 is its own, not the profile's.
    answer = answerer.answer("ISO 56005 试点通知 第一章")
    assert not answer.summaries
    assert answer.citations and {c.doc for c in answer.citations} == {"iso56005-pilot"}


# -- ipms clause --doc PROFILE ----------------------------------------------------------------
def test_clause_view_of_a_profile(corpus):
    from assistant.answer.clause_view import clause_view

    view = clause_view(corpus, "8.3", "gbt29490-2023")
    clause = _yaml_clause("gbt29490-2023", "8.3")
    assert f"8.3 {clause['title']}" in view.text and clause["summary_zh"] in view.text
    data = view.to_json()
    assert data["doc"] == "gbt29490-2023" and data["is_summary"] and not data["text_in_corpus"]
    assert data["clauses"][0]["summary_zh"] == clause["summary_zh"]
    assert set(data["clauses"][0]["corresponding"]["bj-ipm"]) == {
        r for r in _crosswalk_bj("gbt29490-2023", "8.3")}


def test_clause_view_of_a_number_the_profile_lacks_is_one_line(corpus):
    from assistant.answer.clause_view import clause_view
    from assistant.errors import IpmsError

    with pytest.raises(IpmsError) as caught:
        clause_view(corpus, "8.9", "gbt29490-2023")
    assert "GB/T 29490—2023 has no clause 8.9 in its profile" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_eval_gold_of_a_profile_clause(corpus):
    from evals import metrics

    gold = metrics.gold_subtrees(corpus, "gbt29490-2013", ["7.4"])
    assert gold == [frozenset({("gbt29490-2013", n) for n in ("7.4", "7.4.1", "7.4.2", "7.4.3")})]
    assert metrics.hit_at_1([("gbt29490-2013", "7.4.2")], gold) == 1.0


def test_with_a_language_model_a_profile_answer_is_given_as_it_is(session_settings, corpus,
                                                                    answerer):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    from assistant.llm.answerer import LLMAnswerer

    invented = "GB/T 29490—2023 第8.3条原文：“企业应建立经营管理制度。” [gbt29490-2023 8.3]"
    model = GenericFakeChatModel(messages=iter([AIMessage(content=invented)]))
    llm = LLMAnswerer(session_settings, corpus, model, extractive=answerer)
    answer = llm.answer("GB/T 29490-2023 第8.3条要求什么")
    assert answer.summaries and answer.summaries[0].key == "8.3"
    assert "企业应建立经营管理制度" not in answer.answer  # the model was not asked
    assert {c.doc for c in answer.citations} == {"bj-ipm"}


@pytest.mark.parametrize("question, named", [
    ("GB/T 29490-2023 第十章", "第10章：改进"),  # a chapter is a 章, not a 条
    ("GB/T 29490-2023 chapter 10", "chapter 10: Improvement"),
])
def test_a_chapter_is_named_as_a_chapter(answerer, question, named):
    assert named in answerer.answer(question).answer
