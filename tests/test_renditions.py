"""The bilingual corpus: every clause has a rendition in the other language and every rendition
belongs to a clause; the glossary is well formed and used."""
from __future__ import annotations

import json

import pytest

from assistant.corpus.glossary import Glossary
from assistant.settings import PROJECT_ROOT
from helpers import SHIPPED_IDS

GLOSSARY = PROJECT_ROOT / "corpus" / "glossary.jsonl"


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_every_clause_has_a_rendition_and_every_rendition_a_clause(corpus, doc_id):
    doc = corpus.documents[doc_id]
    assert doc.renditions, f"{doc_id} has no renditions"
    assert set(doc.clauses) - set(doc.renditions) == set(), "clauses without a rendition"
    assert set(doc.renditions) - set(doc.clauses) == set(), "renditions without a clause"


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_renditions_are_in_the_other_language_and_not_empty(corpus, doc_id):
    doc = corpus.documents[doc_id]
    other = "en" if doc.meta.language == "zh" else "zh"
    for key, clause in doc.clauses.items():
        rendition = doc.renditions[key]
        assert rendition.language == other
        if clause.body.strip():
            assert rendition.text.strip(), f"{doc_id} {key}: empty rendition of a non-empty body"
            has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in rendition.text)
            assert has_cjk == (other == "zh"), f"{doc_id} {key}: rendition in the wrong language"


def test_list_items_keep_their_letters(corpus):
    doc = corpus.documents["bj-ipm"]
    for key, clause in doc.clauses.items():
        letters = [item.letter for item in clause.items]
        text = doc.renditions[key].text
        for letter in letters:
            assert f"{letter})" in text or f"{letter.upper()})" in text, (key, letter)


def test_glossary_is_well_formed():
    entries = [json.loads(line) for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    assert len(entries) >= 200
    assert len({e["zh"] for e in entries}) == len(entries)
    assert len({e["en"].lower() for e in entries}) == len(entries)
    for e in entries:
        assert set(e) == {"zh", "en", "zh_aliases", "en_aliases", "category"}


@pytest.mark.parametrize("zh,en", [("管理评审", "management review"), ("内部审核", "internal audit"),
                                   ("商业秘密", "trade secret"), ("最高管理者", "top management")])
def test_glossary_core_terms(zh, en):
    glossary = Glossary.load(PROJECT_ROOT / "corpus")
    assert en in glossary.translations(f"请问{zh}怎么做", "en")
    assert zh in glossary.translations(f"How is the {en} done?", "zh")


def test_renditions_use_the_glossary_terms(corpus):
    """Where a clause uses a core glossary term, its English rendition uses the glossary's name."""
    doc = corpus.documents["bj-ipm"]
    for zh, en in [("内部审核", "internal audit"), ("最高管理者", "top management"),
                   ("纠正措施", "corrective action")]:
        users = [k for k, c in doc.clauses.items() if zh in c.body]
        assert users, zh
        for key in users:
            assert en in doc.renditions[key].text.lower(), (key, zh, en)


# -- crossing languages -----------------------------------------------------------------------
CROSS = [  # question, (doc, acceptable keys at rank 1), written from the texts
    ("Who must receive IP training?", "bj-ipm", {"7.3.2.7"}),
    ("What must a contract for joint development say about ownership of the results?",
     "bj-ipm", {"9.3.2.1"}),
    ("What should employees sign when they leave the company?", "bj-ipm", {"7.3.2.5"}),
    ("贯标实施分为哪几个阶段？", "impl-guide", {"Standard implementation process"}),
    ("ISO 56005 试点的保障措施有哪些？", "iso56005-pilot", {"4"}),
]


@pytest.mark.slow
@pytest.mark.parametrize("question,doc,keys", CROSS)
def test_questions_reach_clauses_in_the_other_language(real_retriever, question, doc, keys):
    result = real_retriever.search(question)
    assert not result.abstained
    top = result.hits[0]
    assert top.doc == doc and any(top.key == k or top.key.startswith(k) for k in keys), \
        [(h.doc, h.key) for h in result.hits]


@pytest.mark.slow
def test_a_rendition_hit_cites_and_quotes_the_original(real_retriever, corpus):
    from assistant.answer.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(real_retriever.settings, corpus, retriever=real_retriever)
    answer = answerer.answer("Who must receive IP training?")
    assert not answer.abstained
    first = answer.citations[0]
    clause = corpus.documents[first.doc].clauses[answer.keys[0][1]]
    assert first.quote in clause.text  # the Chinese original, verbatim
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first.quote)
    assert first.translation == corpus.documents[first.doc].renditions[clause.key].text.strip()
    assert "In English:" in answer.answer and first.translation.split("\n")[0] in answer.answer


def test_clause_in_english_shows_rendition_beside_original(run_cli, corpus):
    rc, out, err = run_cli("clause", "7.3.2.7", "--lang", "en")
    assert rc == 0, err
    rendition = corpus.documents["bj-ipm"].renditions["7.3.2.7"]
    assert rendition.text.strip().split("\n")[0] in out
    assert corpus.documents["bj-ipm"].clauses["7.3.2.7"].body.strip() in out
