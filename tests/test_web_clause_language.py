"""The Browse tab and the Train tab in the interface's language (issue 16, after the answer
presentation work): a clause of a document in the other language is named and shown in the
interface's language first, its original beside it and marked; labels and the corresponding
clauses' heading follow the interface language; the Train tab names on screen the standard and
edition its quiz is drawn from. Expected words come from the corpus's own renditions
(corpus/renditions/*.jsonl), the documents' titles and corpus/editions.yaml."""
from __future__ import annotations

import re

import pytest

from assistant.web import browse
from assistant.web import handlers as h
from generators.templates_io import TemplateSet

CJK = re.compile(r"[\u4e00-\u9fff]")
SUMMARY = "ipms-cert-en"  # an English summary of the certification requirements
# corpus/renditions/ipms-cert-en.zh.jsonl: "Management evaluation" -> 管理评价
EVALUATION_ZH = "管理评价"
PARENT_EN = ("What are the requirements for the certification of intellectual property "
             "management system?")
PARENT_ZH = "知识产权管理体系认证有哪些要求？"


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def _line(page: str, start: str) -> str:
    return next(line for line in page.split("\n") if line.startswith(start))


def test_an_english_summary_reads_in_chinese_first_in_a_chinese_interface(services, corpus):
    page = h.clause_markdown(services, SUMMARY, "Management evaluation", "zh")
    heading = _line(page, "### ")
    assert heading.startswith(f"### {EVALUATION_ZH}") and "原文" in heading
    assert "Management evaluation" in heading  # the original beside it
    parent = _line(page, "上级条款")
    assert parent.split("：", 1)[1].strip().startswith(PARENT_ZH), parent
    assert PARENT_EN in parent and "原文" in parent
    rendition = corpus.documents[SUMMARY].renditions["Management evaluation"].text.strip()
    original = corpus.documents[SUMMARY].clauses["Management evaluation"].body.strip()
    assert page.index(rendition) < page.index(original.split(".")[0])
    assert "原文" in page[page.index(rendition):page.index(original.split(".")[0])]


def test_the_same_clause_reads_in_english_first_in_an_english_interface(services, corpus):
    page = h.clause_markdown(services, SUMMARY, "Management evaluation", "en")
    assert _line(page, "### ") == "### Management evaluation"
    parent = _line(page, "Parent")
    assert parent == f"Parent: {PARENT_EN}" and not CJK.search(parent)
    rendition = corpus.documents[SUMMARY].renditions["Management evaluation"].text.strip()
    assert page.index("Top managers should regularly evaluate") < page.index(rendition)
    assert "上级条款" not in page and "原文" not in page


def test_a_chinese_standard_reads_in_english_first_in_an_english_interface(services, corpus):
    document = corpus.documents["bj-ipm"]
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7", "en")
    heading = _line(page, "### ")
    assert heading.startswith("### 7.3.2.7 Training") and "original" in heading.lower()
    assert "培训" in heading  # the standard's own title beside it
    parent = _line(page, "Parent")
    assert parent.startswith("Parent: 7.3.2 Intellectual property human resource management")
    english = document.renditions["7.3.2.7"].text.strip().split("\n")[0]
    chinese = document.clauses["7.3.2.7"].body.strip().split("\n")[0]
    assert page.index(english) < page.index(chinese)
    assert "Original" in page[page.index(english):page.index(chinese)]


def test_a_chinese_standard_in_a_chinese_interface_is_unchanged(services, corpus):
    document = corpus.documents["bj-ipm"]
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7", "zh")
    assert _line(page, "### ") == "### 7.3.2.7 培训"
    assert "（原文：" not in page and "原文（" not in page
    english = document.renditions["7.3.2.7"].text.strip().split("\n")[0]
    chinese = document.clauses["7.3.2.7"].body.strip().split("\n")[0]
    assert page.index(chinese) < page.index(english)


@pytest.mark.parametrize("lang,heading,other", [("zh", "#### 对应条款", "Corresponding clauses"),
                                                ("en", "#### Corresponding clauses", "对应条款")])
def test_the_corresponding_clauses_heading_follows_the_interface(services, lang, heading, other):
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7", lang)
    assert f"\n{heading}\n" in page and other not in page


def test_related_procedures_and_forms_are_named_in_the_interface_language(services):
    # generators/templates: P08's and R24's own titles in each language
    english = _line(h.clause_markdown(services, "bj-ipm", "7.3.2.7", "en"), "Related")
    assert "P08 IP training procedure" in english and "R24 Training sign-in sheet" in english
    assert not CJK.search(english)
    chinese = _line(h.clause_markdown(services, "bj-ipm", "7.3.2.7", "zh"), "相关程序")
    assert "P08 知识产权培训控制程序" in chinese and "R24 培训签到表" in chinese


def test_an_english_page_brackets_the_relation_the_english_way(services):
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7", "en")
    assert "Education and training (equivalent)" in page and "（" not in page.split(
        "#### Corresponding clauses")[1]
    assert "（等同）" in h.clause_markdown(services, "bj-ipm", "7.3.2.7", "zh")


def test_tree_and_results_name_clauses_in_the_interface_language(corpus):
    summary = corpus.documents[SUMMARY]
    tree = browse.tree_html(summary, "Management evaluation", "zh")
    assert f">{EVALUATION_ZH}</a>" in tree and ">Management evaluation</a>" not in tree
    assert "原文：Management evaluation" in tree  # the original as the link's tooltip
    assert ">Management evaluation</a>" in browse.tree_html(summary, None, "en")
    found = browse.results_html(corpus.documents["bj-ipm"], "培训", "en")
    assert ">7.3.2.7 Training</a>" in found


@pytest.mark.parametrize("lang,standard,edition", [
    # the training record's words (tests/test_answer_presentation.py), from the document's
    # aliases and title and corpus/editions.yaml
    ("zh", "北京市地方标准《企业知识产权管理规范》", "2021年以前的版本"),
    ("en", "Enterprise Intellectual Property Management Specification", "pre-2021 edition"),
])
def test_the_train_tab_names_the_standard_and_edition_on_screen(services, lang, standard,
                                                                edition):
    shown = h.quiz_source_markdown(services, lang)
    assert standard in shown and edition in shown
    assert bool(CJK.search(shown)) == (lang == "zh")


def test_the_train_tab_chapters_follow_the_interface_language(services):
    english = dict((key, name) for name, key in h.chapter_options(services, "en"))
    chinese = dict((key, name) for name, key in h.chapter_options(services, "zh"))
    assert english.keys() == chinese.keys()
    assert chinese["7"] == "7 知识产权资源管理" and not CJK.search(english["7"])
