"""How answers, exports and training records read to a new user (an IP manager trying the web
app): a summary's quotes say they are not the standard's text; chips are questions in the
interface's language; exports follow the interface's language and print each quote once; the
training record names the standard and edition; the crosswalk relates every 2023 clause that has
a 2013 counterpart; related clauses are listed once, ranked and capped."""
from __future__ import annotations

import pytest

from assistant.answer.status import document_status
from assistant.models import DocumentMeta
from assistant.web import handlers as h
from generators.templates_io import TemplateSet

SUMMARY_QUESTION_EN = "What are the certification requirements for top management?"
SUMMARY_QUESTION_ZH = "认证对最高管理者有什么要求"


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def _meta(**changes) -> DocumentMeta:
    values = dict(id="x", title_zh="某文件", title_en="A document", kind="guide", language="en",
                  issuer="", date="", source="x.raw.txt", file="x.txt", structure="sections")
    return DocumentMeta(**{**values, **changes})


# -- 3. a quote from a summary is labelled as one ------------------------------------------------
def test_documents_marked_as_summaries_or_guides_have_a_status():
    assert document_status(_meta(title_en="Requirements (summary)")) == "summary"
    assert document_status(_meta(title_zh="认证要求（英文摘要）")) == "summary"
    assert document_status(_meta(issuer="unattributed web summary")) == "summary"
    assert document_status(_meta()) == "guide"
    assert document_status(_meta(kind="standard", title_en="Summary of nothing")) == ""
    assert document_status(_meta(kind="notice")) == ""


@pytest.mark.parametrize("question,label", [(SUMMARY_QUESTION_EN, "unofficial summary"),
                                            (SUMMARY_QUESTION_ZH, "非官方摘要")])
def test_every_quote_from_the_summary_is_labelled_beside_its_citation(answerer, question, label):
    answer = answerer.answer(question)
    summary = [c for c in answer.citations if c.doc == "ipms-cert-en"]
    assert summary, "the question is answered from the English summary"
    assert all(c.status == "summary" for c in summary)
    for citation in answer.citations:
        tag = f"[{citation.doc} {citation.clause}]"
        line = next(x for x in answer.answer.split("\n") if tag in x)
        assert (label in line) == (citation.doc == "ipms-cert-en"), line


def test_the_standard_itself_is_not_labelled(answerer):
    answer = answerer.answer("第4.3.2条要求什么？")
    assert answer.citations and all(c.status == "" for c in answer.citations)
    assert "非官方" not in answer.answer


def test_the_clause_page_and_the_cli_clause_view_label_the_summary(services, corpus):
    from assistant.answer.clause_view import clause_view

    key = next(k for k, c in corpus.documents["ipms-cert-en"].clauses.items() if c.body.strip())
    assert "非官方摘要" in h.clause_markdown(services, "ipms-cert-en", key, "zh")
    assert "unofficial summary" in h.clause_markdown(services, "ipms-cert-en", key, "en")
    assert "unofficial summary" in clause_view(corpus, "Planning", "ipms-cert-en").text
    assert "非官方" not in h.clause_markdown(services, "bj-ipm", "4.3.2.1", "zh")
