"""A new user's own rules, leftovers of the try8 tryout (issue 16, session 33): a table row of a
PDF keeps every cell, an article number none of the user's documents has is answered for those
documents, the corpus list names a company's rules as such, and the OCR import report counts what
was imported.

Fixtures are built here (tests/pdf_builders.py, tests/docx_builders.py) from texts written in the
test, so every expected value is the document's own words.
"""
from __future__ import annotations

import pytest

from pdf_builders import Layout, typeset

# The training table of a company's rules: the second column's longest entry ends less than the
# cell gap (1.5 em) before the third column starts, as in the LibreOffice print of try8's 制度.
TRAINING_TABLE = ["培训对象 | 培训内容 | 最低学时",
                  "新入职员工 | 知识产权基础与保密义务 | 4",
                  "研发人员 | 专利检索与技术交底 | 8",
                  "知识产权专员 | 实务与法律更新 | 16"]


def _pdf_blocks(pdf: bytes):
    from assistant.corpus.importers import READERS, ImportLimits

    return READERS["pdf"](pdf, "rules.pdf", ImportLimits.from_mb(20))


def test_a_pdf_table_row_keeps_a_cell_that_nearly_touches_the_next_column():
    body = ["第二十四条 公司每年组织知识产权培训，培训对象和学时如下表：", *TRAINING_TABLE,
            "第二十五条 培训记录由人力资源部保存。"]
    pdf = typeset(body, Layout(width_ems=40, header=(), footer=None)).pdf
    tables = [b for b in _pdf_blocks(pdf) if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.split("\n") == TRAINING_TABLE


# -- 2. an article number none of the documents has ---------------------------------------------
@pytest.fixture(scope="module")
def own(tmp_path_factory):
    from test_own_rules_questions import _answerer

    return _answerer(tmp_path_factory)


@pytest.mark.parametrize("question, language", [
    ("第四十条说了什么", "zh"), ("第40条是怎么规定的？", "zh"),
    ("What does article 40 say?", "en"), ("Art. 40", "en"),
])
def test_an_article_no_document_has_names_the_users_documents_and_their_numbers(
        own, question, language):
    """The company's rules end at 第十二条 and its English policy at 2.1: the answer says both
    were looked at, that neither has the article, and what they do number."""
    from test_own_rules_questions import RULES_TITLE

    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    text = answer.answer
    assert RULES_TITLE in text and "Example Robotics IP Policy" in text
    assert "第一条" in text and "第十二条" in text  # the rules' first and last article
    assert ("至" if language == "zh" else " to ") in text
    assert ("也没有" if language == "zh" else "not in your own documents") in text
    if language == "en":
        assert "Article 40" in text


@pytest.mark.parametrize("question, doc, numbers", [
    ("第四十条", "rules", ("第一条", "第十二条")),
    ("Article 40", "policy", ("1 to 2",)),
    ("第九章讲什么", "rules", ("第一章", "第三章")),  # the rules' three chapters
])
def test_a_named_company_document_lacking_the_article_gives_its_numbers(own, question, doc,
                                                                        numbers):
    answer = own.answer(question, doc=doc)
    assert answer.abstained and not answer.citations
    assert all(n in answer.answer for n in numbers)


@pytest.mark.parametrize("question, language", [("第十五章讲什么", "zh"),
                                                ("What is in chapter 15?", "en")])
def test_a_chapter_no_document_has_names_the_users_documents_and_their_chapters(
        own, question, language):
    """bj-ipm ends at chapter 13, the rules at 第三章, the policy at 2."""
    from test_own_rules_questions import RULES_TITLE

    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    assert RULES_TITLE in answer.answer and "Example Robotics IP Policy" in answer.answer
    assert "第一章" in answer.answer and "第三章" in answer.answer


def test_a_dotted_number_of_the_standard_is_answered_as_before(own):
    """9.4 is a standard's number, not an article: no note on the company's documents."""
    answer = own.answer("9.4讲什么")
    assert "也没有" not in answer.answer


# -- 4. the corpus list and the import report ---------------------------------------------------
def test_the_corpus_list_calls_a_companys_rules_company_rules(run_cli, tmp_path):
    """A company's rules added as `ipms corpus add` adds them (no --kind) are listed as company
    rules; a standard the user adds, with its designation on the cover, stays a standard; the
    shipped standard too."""
    from test_own_rules_questions import RULES_TITLE, _rules_docx

    rules = _rules_docx(tmp_path / "rules.docx")
    code, out, err = run_cli("corpus", "add", str(rules), "--id", "rules", "--title", RULES_TITLE)
    assert code == 0, err
    code, listing, err = run_cli("corpus", "list")
    assert code == 0, err
    rows = {line.split()[0]: line for line in listing.splitlines() if line.strip()}
    assert "company rules" in rows["rules"] and " standard " not in rows["rules"]
    assert rows["bj-ipm"].split()[1] == "standard"


def test_the_report_counts_every_section_of_a_page_without_its_title(run_cli, tmp_path):
    """A page of rules starting mid-article (as a scanned page 2 does) with no title above its
    chapter: the loose paragraph and 第二章 are level 1, its four articles level 2; the report
    counts the six sections the tree shows."""
    page = tmp_path / "page.txt"
    page.write_text("委员会每半年至少召开一次会议，审议知识产权战略和年度工作计划。\n"
                    "第二章 组织与职责\n"
                    "第五条 公司设立知识产权管理委员会，由总经理任主任。\n"
                    "第六条 法务部是知识产权归口管理部门，负责专利申请。\n"
                    "第七条 研发中心负责技术交底和专利挖掘。\n"
                    "第八条 人力资源部负责知识产权培训。\n", encoding="utf-8")
    code, out, err = run_cli("corpus", "add", str(page), "--id", "page", "--title", "制度第二页",
                             "--dry-run")
    assert code == 0, err
    assert "sections: 6 (level 1: 2, level 2: 4)" in out, out


# -- 4. an English heading as wide as a Chinese title ----------------------------------------------
def test_an_english_policys_longer_heading_keeps_its_title(own):
    """'5 Confidential information' (24 letters, as wide as 12 Chinese characters) is a heading
    with its title, as '1 Purpose and scope' is; its numbered sentences stay sentences."""
    from assistant.corpus.store import parse_document
    from assistant.models import DocumentMeta

    text = ("Example IP Policy\n1 Purpose and scope\n"
            "1.1 This policy sets out how the company protects its inventions.\n"
            "2 Confidential information\n"
            "2.1 Confidential information shall be marked CONFIDENTIAL.\n"
            "2.2 Staff keep trade secrets.\n"
            "3 Ownership and licensing of inventions\n"
            "3.1 The company owns what staff create at work.\n")
    meta = DocumentMeta("policy", "Example IP Policy", "Example IP Policy", "standard", "en",
                        "user-supplied", "", "policy.docx", "policy.txt", "clauses")
    document = parse_document(meta, text)
    titles = {c.number: c.title for c in document.clauses.values() if c.number}
    assert titles["1"] == "Purpose and scope"
    assert titles["2"] == "Confidential information"
    assert titles["3"] == "Ownership and licensing of inventions"
    assert titles["2.1"] == "" and titles["2.2"] == "" and titles["3.1"] == ""
    bodies = {c.number: c.body for c in document.clauses.values() if c.number}
    assert bodies["2.2"].strip() == "Staff keep trade secrets."
