"""English questions of the field in staff's words are in scope, and English questions that only
borrow the field's words stay out of it (issue 16, part H4).

The questions were written from the texts (corpus/renditions/bj-ipm.en.jsonl) before the fix:
half ask what a bj-ipm clause states, in the words a manager uses (lab notebooks, white papers,
pictures off the internet, a new hire from a rival), half ask what no clause states though they
use the field's words (an office's fee or time, a court's practice, a notebook's binding). The
expected clause of each answerable question is named by a phrase of its English rendition, read
from the file, so a test fails if the text no longer says it.

The tests' hashing embedder ranks English by chance, so answerable questions assert an answer
and the clause among the first five of the lexical ranking (BM25 with the synonym files), which
no embedder moves, not its place in the fused answer."""
from __future__ import annotations

import json
import re

import pytest

from helpers import CORPUS_DIR

# (question, bj-ipm clause that answers it, a phrase of that clause's English rendition)
ANSWERABLE = [
    ("What should our engineers be writing down in their lab notebooks?",
     "9.3.1", "retain the R&D records"),
    ("Do we need to record who did what, and when, during product development?",
     "9.3.1", "time, place and design (R&D) content"),
    ("Before marketing publishes a technical white paper on our website, does someone have "
     "to approve it?", "7.4.1", "before any external information release"),
    ("Our designers grabbed some pictures off the internet for the new brochure. What should "
     "we check first?", "8.2", "quotation of text and images"),
    ("We're hiring a developer who used to work for our biggest rival. What checks should we "
     "run when they join?", "7.3.2.4", "background checks"),
    ("What reminders should people get on their way out of the company?",
     "7.3.2.5", "reminders of intellectual property matters upon departure"),
    ("Should we print patent numbers on our product packaging and flyers?",
     "10.1.1.2", "IP marking"),
    ("We use an outside law firm for our filings. How should we vet them and keep track of "
     "their work?", "10.1.1.4", "tracking and supervising the outsourced work"),
    ("We're co-developing a sensor with a university lab and their PhD students want to "
     "publish. What do we need in place?", "9.3.2.2", "research information release procedure"),
    ("How should the filing receipts and grant certificates we get back be handled "
     "internally?", "10.1.1.1", "as controlled documents"),
    ("Who writes our company IP rulebook, and who is responsible for it?",
     "6.1", "top management is responsible for"),  # 6.1.1 and 6.1.2 both say so
    ("Staff run cracked copies of design software on their laptops. What are we expected "
     "to check?", "8.2", "genuine software"),
]

# Questions no clause answers, in the field's words: an office's fee, time or papers, another
# country's rules, a court's practice, a thing the field's words name but that is not managed.
OUT_OF_SCOPE = [
    "How much does it cost to file a utility model application in China?",
    "How long does the EUIPO usually take to register a trademark?",
    "What is the deadline for entering the national phase in Japan after a PCT filing?",
    "How long does a patent infringement lawsuit in Germany typically last?",
    "How many years is a registered design protected in the European Union?",
    "What documents does the USPTO want with a provisional patent application?",
    "What's the renewal fee for a Chinese invention patent in its tenth year?",
    "What is the average settlement amount in US patent lawsuits?",
    "Which brand of lab notebook has the sturdiest binding?",
    "How do I write a white paper that generates sales leads?",
    "Which font looks best on a product brochure?",
    "How many hours of sleep do software developers need?",
]


def _in(key: str, clause: str) -> bool:
    return clause == key or clause.startswith(key + ".")


def _rendition(key: str) -> str:
    """The English rendition of a bj-ipm clause and its sub-clauses, as a reader sees it."""
    units = [json.loads(line) for line in (CORPUS_DIR / "renditions" / "bj-ipm.en.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()]
    text = " ".join(f"{u['title']} {u['text']}" for u in units if _in(key, u["key"]))
    assert text, key
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("question, key, phrase", ANSWERABLE)
def test_an_english_question_of_the_field_is_answered(answerer, retriever, question, key,
                                                      phrase):
    assert phrase.lower() in _rendition(key).lower()
    got = answerer.answer(question)
    assert not got.abstained, got
    lexical = retriever.search(question, top_k=30).hits
    assert any(hit.doc == "bj-ipm" and _in(key, hit.key) and hit.lexical_rank <= 5
               for hit in lexical if hit.lexical_rank), (question, got.ranked[:5])


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_an_english_question_borrowing_the_fields_words_is_abstained_on(answerer, question):
    assert answerer.answer(question).abstained


def _twins(name: str) -> list[str]:
    path = CORPUS_DIR.parent / "assistant" / "retrieval" / "data" / name
    return [line.split("=", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if "=" in line and not line.lstrip().startswith("#")]


def test_an_english_field_term_counts_as_its_chinese_twin_does(retriever):
    """Every twin of field_terms_en.txt is itself a scope anchor of a Chinese question."""
    twins = _twins("field_terms_en.txt")
    assert twins and all(twin in retriever.anchors for twin in twins), [
        t for t in twins if t not in retriever.anchors]


def test_every_cue_names_a_term_of_the_standard():
    text = (CORPUS_DIR / "bj-ipm.txt").read_text(encoding="utf-8")
    twins = _twins("field_cues_en.txt")
    assert twins and [t for t in twins if t not in text] == []


def test_cues_count_only_in_pairs_of_different_terms():
    from assistant.retrieval.scope import english_field_terms

    # "white paper" and "press release" are cues of one term (宣传), "sign-off" of another (审批)
    assert english_field_terms("Who should draft our next white paper?") == []
    assert english_field_terms("Send the press release with the white paper.") == []
    assert set(english_field_terms("Is there a sign-off step before we post a white paper?")) \
        == {"宣传", "审批"}


@pytest.mark.parametrize("question", [
    "Where can I buy a good lab notebook?", "实验记录本哪里买比较好", "研发笔记本用什么牌子的好"])
def test_shopping_advice_is_a_neighbouring_field(question):
    """A purchase in the field's words (a lab notebook is an R&D record) is not an IP question:
    other_domains.txt names the field; a core IP word keeps a question in (where to buy a patent)."""
    from assistant.retrieval.scope import other_domain

    path = CORPUS_DIR.parent / "assistant" / "retrieval" / "data" / "other_domains.txt"
    assert "shopping advice = " in path.read_text(encoding="utf-8")
    assert other_domain(question) == "shopping advice"
    assert other_domain("Where can we buy a patent in this technology?") is None
