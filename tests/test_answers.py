"""The extractive answerer: clause lookups, ambiguity, missing clauses, abstention, framing
language, quotes that are verbatim, and the JSON schema."""
from __future__ import annotations

import json
import re

import pytest

from assistant.errors import IpmsError

CJK_RUN = re.compile(r"[\u3400-\u9fff]+")

LOOKUP_QUESTIONS = ["what does clause 4.3.2 require", "第4.3.2条", "4.3.2条是什么要求", "§4.3.2"]
SEARCH_QUESTIONS = ["员工离职时要签什么协议", "知识产权作价入股要注意什么",
                    "pilot objectives of ISO 56005", "what are the eight stages of implementing the standard",
                    "how should top management evaluate the IP management system"]
OUT_OF_SCOPE = ["明天北京天气怎么样", "how do I reset my router", "如何做红烧肉", "who won the world cup"]


def clauses_labelled(corpus, citation):
    return [c for c in corpus.get(citation.doc).clauses.values() if c.label == citation.clause]


def all_titles(corpus) -> list[str]:
    titles = {c.title for d in corpus.documents.values() for c in d.clauses.values() if c.title}
    titles |= {t for d in corpus.documents.values() for t in (d.meta.title_zh, d.meta.title_en)}
    return sorted(titles, key=len, reverse=True)


def framing_runs(corpus, answer_text: str) -> tuple[list[str], str]:
    """The CJK runs of the framing line that are not part of a title from the corpus, and the
    line itself (titles and quotes stay in the document's language; framing must not)."""
    line = answer_text.split("\n")[0]
    titles = all_titles(corpus)
    foreign = [r for r in CJK_RUN.findall(line) if not any(r in t for t in titles)]
    return foreign, line


# -- clause lookup ----------------------------------------------------------------------------
def test_clause_lookup_cites_the_children_in_order(answerer, corpus):
    answer = answerer.answer("what does clause 4.3.2 require")
    assert not answer.abstained
    assert [(c.doc, c.clause) for c in answer.citations] == [
        ("bj-ipm", "4.3.2.1"), ("bj-ipm", "4.3.2.2"), ("bj-ipm", "4.3.2.3")]
    assert [c.title for c in answer.citations] == ["文件管理", "外来文件与记录文件", "知识产权管理手册"]
    assert "[bj-ipm 4.3.2.1]" in answer.answer
    positions = [answer.answer.index(f"[bj-ipm 4.3.2.{i}]") for i in (1, 2, 3)]
    assert positions == sorted(positions)


@pytest.mark.parametrize("question", LOOKUP_QUESTIONS + SEARCH_QUESTIONS + ["第6.2.3条", "第十章"])
def test_every_quote_is_verbatim_from_the_cited_clause(answerer, corpus, question):
    answer = answerer.answer(question)
    assert answer.citations
    for citation in answer.citations:
        assert citation.quote.strip()
        candidates = clauses_labelled(corpus, citation)
        assert candidates, f"{citation.doc} has no clause labelled {citation.clause}"
        assert any(citation.quote in c.text for c in candidates), citation


def test_lookup_quotes_the_requirement_text(answerer):
    answer = answerer.answer("第4.3.2条")
    first = answer.citations[0].quote
    assert first.startswith("对知识产权管理体系中的管理文件应确保：")
    assert "对因特定目的需要保留的失效文件予以标记。" in first


# -- framing language -------------------------------------------------------------------------
@pytest.mark.parametrize("zh,en", [
    ("第4.3.2条的要求是什么", "what does clause 4.3.2 require"),
    ("员工离职时要签什么协议", "what are the eight stages of implementing the standard"),
    ("第4.3.9条的要求是什么", "what does clause 4.3.9 require"),
    ("如何做红烧肉", "who won the world cup"),
    ("第6.2.3条讲了什么", "what does clause 6.2.3 say"),
])
def test_framing_follows_the_question_language(answerer, corpus, zh, en):
    foreign, line = framing_runs(corpus, answerer.answer(zh).answer)
    assert foreign, f"no Chinese framing in {line!r}"
    foreign, line = framing_runs(corpus, answerer.answer(en).answer)
    assert not foreign, f"Chinese framing {foreign} in {line!r}"
    assert re.search(r"[A-Za-z]{3,}(\s+[A-Za-z]{2,}){2,}", line), line


# -- ambiguous, missing, out of scope ---------------------------------------------------------
@pytest.mark.parametrize("question", ["第6.2.3条讲了什么", "what does clause 6.2.3 say"])
def test_duplicated_number_says_so_and_cites_both(answerer, corpus, question):
    answer = answerer.answer(question)
    assert not answer.abstained
    assert [c.clause for c in answer.citations] == ["6.2.3", "6.2.3"]
    assert {c.title for c in answer.citations} == {"其他知识产权管理制度", "保密管理制度"}
    intro = answer.answer.split("\n\n")[0]
    assert "6.2.3" in intro
    assert re.search(r"2|两|twice|two", intro), intro
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] in corpus.get("bj-ipm").clauses["6.2.3"].text
    assert quotes[1] in corpus.get("bj-ipm").clauses["6.2.3#2"].text


@pytest.mark.parametrize("question", ["第4.3.9条", "what does clause 4.3.9 require"])
def test_missing_clause_abstains_and_names_neighbours(answerer, corpus, question):
    answer = answerer.answer(question)
    assert answer.abstained is True
    assert answer.citations == []
    assert "4.3.9" in answer.answer
    existing = {c.number for c in corpus.get("bj-ipm").clauses.values() if c.number}
    named = set(re.findall(r"\d+(?:\.\d+)+", answer.answer)) - {"4.3.9"}
    assert named, answer.answer
    assert named <= existing
    assert any(n.startswith("4.3") for n in named)


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_abstains_without_citations(answerer, question):
    answer = answerer.answer(question)
    assert answer.abstained is True
    assert answer.citations == []
    assert not re.search(r"\[[a-z0-9.-]+ [^\]]+\]", answer.answer)  # no citation marker


@pytest.mark.parametrize("doc", ["impl-guide", "iso56005-pilot", "cert-quality-2020", "ipms-cert-en"])
def test_missing_number_in_a_sections_document_abstains(answerer, doc):
    answer = answerer.answer("第4.3.2条", doc=doc)
    assert answer.abstained and answer.citations == []


def test_section_label_lookup_in_a_sections_document(answerer, corpus):
    answer = answerer.answer("what does section 2 say", doc="impl-guide")
    assert [(c.doc, c.clause) for c in answer.citations] == [("impl-guide", "2")]
    assert answer.citations[0].title == "investigation and diagnosis"


# -- JSON -------------------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["第4.3.2条", "员工离职时要签什么协议", "第4.3.9条", "如何做红烧肉"])
def test_json_schema_is_exact(answerer, question):
    data = answerer.answer(question).to_json()
    assert set(data) == {"question", "answer", "abstained", "citations"}
    assert data["question"] == question
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["abstained"], bool)
    for citation in data["citations"]:
        assert set(citation) == {"doc", "clause", "title", "quote", "translation"}
        assert all(isinstance(v, str) for v in citation.values())
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# -- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["", "   \n\t ", "知" * 10_000, "？？？！！", "?!... ---"],
                         ids=["empty", "whitespace", "10000-chars", "cjk-punctuation", "ascii-punctuation"])
def test_bad_questions_raise_ipms_error(answerer, question):
    with pytest.raises(IpmsError):
        answerer.answer(question)


def test_unknown_document_raises_ipms_error(answerer):
    with pytest.raises(IpmsError):
        answerer.answer("第4.3.2条", doc="nosuch")
