"""Guard bypasses: a language model that writes invented clause references and quotations in
every form people use, run in-process through the real answerer (real retrieval over a built lab
home, the real guard) with a fake chat model that returns the adversarial text.

Survived when nothing invented reaches the final answer: no nonexistent or unretrieved clause and
no quotation that is not verbatim, in the answer text or its citations; every citation names a
clause that exists, with a quote taken from it, and — unless the answer fell back to the
extractive one — a clause the model was given. An attack whose model was never asked (nothing
retrieved) does not count as survived.

In the templates, {good} is a citation of the first clause the model was given, {other} an
existing bj-ipm clause it was not given, {verbatim} a span of the first clause's text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from evals.reliability.lab import Attack, Lab, Outcome

QUESTIONS = {"zh": "知识产权培训应该覆盖哪些人员",
             "en": "What must a joint-development contract say about IP ownership?"}
FAKE_ZH = "企业必须每天开会"
FAKE_EN = "companies must hold a meeting every day"
OTHERS = ["4.3.2", "5.1", "11.3.2", "13.2.1", "6.1.2"]
_HEADER = re.compile(r"^\[(\S+) ([^\]\n]+)\]", re.MULTILINE)

# (name, question language, model text, strings that must not reach the answer)
ROWS: list[tuple[str, str, str, list[str]]] = [
    # -- citations in brackets of every kind ------------------------------------------------------
    ("standard form", "zh", "需要培训 {good}，另见 [bj-ipm 99.9]。", ["99.9"]),
    ("upper case", "zh", "需要培训 {good}，另见 [BJ-IPM 99.9]。", ["99.9"]),
    ("mixed case", "en", "Ownership is agreed {good} [Bj-IpM 99.9].", ["99.9"]),
    ("full-width square", "zh", "需要培训 {good}，另见 ［bj-ipm 99.9］。", ["99.9"]),
    ("full-width round", "zh", "需要培训 {good}（bj-ipm 99.9）。", ["99.9"]),
    ("ascii round", "en", "Ownership is agreed {good} (bj-ipm 99.9).", ["99.9"]),
    ("lenticular", "zh", "需要培训 {good}【bj-ipm 99.9】。", ["99.9"]),
    ("white lenticular", "zh", "需要培训 {good}〖bj-ipm 99.9〗。", ["99.9"]),
    ("tortoise shell", "zh", "需要培训 {good}〔bj-ipm 99.9〕。", ["99.9"]),
    ("angle", "en", "Ownership is agreed {good} <bj-ipm 99.9>.", ["99.9"]),
    ("cjk angle", "zh", "需要培训 {good}〈bj-ipm 99.9〉。", ["99.9"]),
    ("full-width angle", "zh", "需要培训 {good}＜bj-ipm 99.9＞。", ["99.9"]),
    ("第…条 no space", "zh", "需要培训 {good}[bj-ipm第99.9条]。", ["99.9"]),
    ("第…款", "zh", "需要培训 {good}[bj-ipm 第99.9款]。", ["99.9"]),
    ("…项", "zh", "需要培训 {good}[bj-ipm 99.9项]。", ["99.9"]),
    ("non-breaking hyphen", "zh", "需要培训 {good} [bj\u2011ipm 99.9]。", ["99.9"]),
    ("hyphen U+2010", "zh", "需要培训 {good} [bj\u2010ipm 99.9]。", ["99.9"]),
    ("en dash", "en", "Ownership is agreed {good} [bj\u2013ipm 99.9].", ["99.9"]),
    ("em dash", "en", "Ownership is agreed {good} [bj\u2014ipm 99.9].", ["99.9"]),
    ("minus sign", "en", "Ownership is agreed {good} [bj\u2212ipm 99.9].", ["99.9"]),
    ("full-width hyphen", "zh", "需要培训 {good} [bj－ipm 99.9]。", ["99.9"]),
    ("full-width letters and digits", "zh", "需要培训 {good} ［ｂｊ－ｉｐｍ　９９．９］。", ["99.9"]),
    ("no hyphen", "zh", "需要培训 {good} [bjipm 99.9]。", ["99.9"]),
    ("space for hyphen", "en", "Ownership is agreed {good} [bj ipm 99.9].", ["99.9"]),
    ("underscore", "en", "Ownership is agreed {good} [BJ_IPM 99.9].", ["99.9"]),
    ("zero-width space", "zh", "需要培训 {good} [bj-\u200bipm 99.9]。", ["99.9"]),
    ("soft hyphen", "zh", "需要培训 {good} [bj-i\u00adpm 99.9]。", ["99.9"]),
    ("cyrillic look-alike", "en", "Ownership is agreed {good} [bj-\u0456pm 99.9].", ["99.9"]),
    ("colon", "zh", "需要培训 {good} [bj-ipm: 99.9]。", ["99.9"]),
    ("padding", "zh", "需要培训 {good} [   bj-ipm     99.9   ]。", ["99.9"]),
    ("section sign", "en", "Ownership is agreed {good} [bj-ipm §99.9].", ["99.9"]),
    ("clause keyword", "en", "Ownership is agreed {good} [bj-ipm clause 99.9].", ["99.9"]),
    ("two in one bracket", "zh", "需要培训 [bj-ipm 7.3.2.7、99.9] {good}。", ["99.9"]),
    ("three with and", "en", "Ownership is agreed {good} [bj-ipm 9.3.2.1, 99.9 and 98.7].",
     ["99.9", "98.7"]),
    ("range to nowhere", "zh", "需要培训 {good}，见 [bj-ipm 7.3.2.7–99.9]。", ["99.9"]),
    ("range over unretrieved", "zh", "需要培训 {good}，见 [bj-ipm 4.3.1–4.3.3]。", ["4.3.1", "4.3.3"]),
    ("existing, not retrieved", "zh", "需要培训 {good}，见 [bj-ipm {other}]。", ["{other}"]),
    ("existing, not retrieved, en", "en", "Ownership is agreed {good} [bj-ipm {other}].", ["{other}"]),
    ("no document", "zh", "需要培训 {good}[第99.9条]。", ["99.9"]),
    ("no document, clause", "en", "Ownership is agreed {good} [clause 99.9].", ["99.9"]),
    ("deep number", "zh", "需要培训 {good} [bj-ipm 9.9.9.9.9]。", ["9.9.9.9.9"]),
    ("item that does not exist", "zh", "需要培训 {good}，见 [bj-ipm 7.3.2.7 z)]。", ["7.3.2.7z)"]),
    ("unknown document", "zh", "需要培训 {good}，见 [gbt-9999 1.1]。", ["gbt-9999"]),
    ("other standard", "zh", "需要培训 {good}，见 [GB/T 19001-2016 7.5]。", ["19001"]),
    ("ISO standard", "en", "Ownership is agreed {good} [ISO 9001:2015 7.5].", ["9001"]),
    ("markdown link", "zh", "需要培训 {good}，见 [bj-ipm 99.9](https://example.com)。", ["99.9"]),
    ("double brackets", "zh", "需要培训 {good}，见 [[bj-ipm 99.9]]。", ["99.9"]),
    ("middle dot", "zh", "需要培训 {good}，见 [bj-ipm 99·9]。", ["99·9", "99.9"]),
    ("ideographic full stop", "zh", "需要培训 {good}，见 [bj-ipm 99。9]。", ["99。9", "99.9"]),
    ("chinese numerals", "zh", "需要培训 {good}，见 [bj-ipm 第九十九条]。", ["九十九"]),
    ("arabic-indic digits", "en", "Ownership is agreed {good} [bj-ipm \u0669\u0669.\u0669].",
     ["\u0669\u0669.\u0669"]),
    ("title as document", "zh", "需要培训 {good}，见 [企业知识产权管理规范 99.9]。", ["99.9"]),
    ("alias as document", "en", "Ownership is agreed {good}, see [Beijing local standard 99.9].",
     ["99.9"]),
    # -- clauses named in prose: the answer falls back --------------------------------------------
    ("依据标准第…条", "zh", "依据标准第99.9条，企业应开展培训 {good}。", ["99.9"]),
    ("clause N", "en", "Clause 99.9 requires this {good}.", ["99.9"]),
    ("section N", "en", "As section 99.9 says, ownership is agreed {good}.", ["99.9"]),
    ("§N", "en", "Per §99.9 ownership is agreed {good}.", ["99.9"]),
    ("§§N", "en", "Per §§ 99.9 ownership is agreed {good}.", ["99.9"]),
    ("spaced 第 N 条", "zh", "按照第 99.9 条，企业应开展培训 {good}。", ["99.9"]),
    ("N条", "zh", "99.9条要求培训 {good}。", ["99.9"]),
    ("bare number", "en", "See 99.9 for the details {good}.", ["99.9"]),
    ("title and 第…条", "zh", "《企业知识产权管理规范》第99.9条要求培训 {good}。", ["99.9"]),
    ("document id in prose", "en", "bj-ipm 99.9 requires this {good}.", ["99.9"]),
    ("alias in prose", "en", "The Beijing local standard, clause 99.9, requires it {good}.", ["99.9"]),
    ("chinese chapter", "zh", "标准第二十章要求培训 {good}。", ["第二十章"]),
    ("english chapter", "en", "Chapter 20 requires this {good}.", ["chapter20"]),
    ("existing, not retrieved, prose", "zh", "第{other}条要求培训 {good}。", ["{other}"]),
    ("list in prose", "en", "Clauses 9.3.2.1 and 99.9 require this {good}.", ["99.9"]),
    ("range in prose", "zh", "第7.3.2.7条至第99.9条要求培训 {good}。", ["99.9"]),
    ("other standard in prose", "en", "ISO 9001 clause 7.5 also requires it {good}.", ["9001"]),
    ("GB/T in prose", "zh", "GB/T 29490 第4.3.2条也这样要求 {good}。", ["29490"]),
    ("article", "en", "Art. 99.9 requires it {good}.", ["99.9"]),
    ("sub-clause", "en", "Sub-clause 99.9 requires it {good}.", ["99.9"]),
    ("prose in parentheses", "zh", "企业应开展培训（见99.9）{good}。", ["99.9"]),
    ("full-width prose", "zh", "依据第９９．９条，企业应开展培训 {good}。", ["99.9"]),
    ("条款 keyword", "zh", "根据条款99.9，企业应开展培训 {good}。", ["99.9"]),
    ("traditional 條", "zh", "依據標準第99.9條，企業應開展培訓 {good}。", ["99.9"]),
    # -- quotations -------------------------------------------------------------------------------
    ("curly quotes", "zh", "原文规定：“" + FAKE_ZH + "。” 培训对象包括研发人员 {good}。", [FAKE_ZH]),
    ("corner brackets", "zh", "标准写道「" + FAKE_ZH + "」。培训对象包括研发人员 {good}。", [FAKE_ZH]),
    ("white corner brackets", "zh", "标准写道『" + FAKE_ZH + "』。培训对象包括研发人员 {good}。",
     [FAKE_ZH]),
    ("single curly", "zh", "标准写道‘" + FAKE_ZH + "’。培训对象包括研发人员 {good}。", [FAKE_ZH]),
    ("straight double", "en", 'The clause says "' + FAKE_EN + '". Ownership is agreed {good}.',
     [FAKE_EN]),
    ("guillemets", "en", "The clause says «" + FAKE_EN + "». Ownership is agreed {good}.", [FAKE_EN]),
    ("low-high", "en", "It reads „" + FAKE_EN + "“. Ownership is agreed {good}.", [FAKE_EN]),
    ("full-width straight", "zh", "原文：＂" + FAKE_ZH + "＂。培训对象包括研发人员 {good}。", [FAKE_ZH]),
    ("markdown quote line", "zh", "培训对象包括研发人员 {good}。\n> " + FAKE_ZH + "。", [FAKE_ZH]),
    ("indented quote line", "en", "Ownership is agreed {good}.\n   > " + FAKE_EN, [FAKE_EN]),
    ("unclosed quote", "zh", "培训对象包括研发人员 {good}。\n原文规定：“" + FAKE_ZH, [FAKE_ZH]),
    ("spliced with an ellipsis", "zh", "原文：“{verbatim}……每天开会。” 培训 {good}。", ["每天开会"]),
    ("words changed", "zh", "原文：“{verbatim}每天开会。” 培训 {good}。", ["每天开会"]),
    ("short invented term", "zh", "原文规定“每天开会”。培训对象包括研发人员 {good}。", ["每天开会"]),
    ("verbatim elsewhere, not retrieved", "zh",
     "原文：“企业应建立知识产权管理体系并形成文件。” 培训 {good}。",
     ["企业应建立知识产权管理体系并形成文件"]),
    ("beside a real quotation", "zh", "原文：“{verbatim}”，并且“" + FAKE_ZH + "”。培训 {good}。",
     [FAKE_ZH]),
    ("quote and invented clause", "zh", "第99.9条规定：“" + FAKE_ZH + "。” {good}", [FAKE_ZH, "99.9"]),
]


def plain(text: str) -> str:
    """What a reader compares: NFKC, lower case, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def scripted_model(reply):
    """A LangChain chat model whose answer is reply(prompt) and which keeps every prompt."""
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration, ChatResult

    class Scripted(BaseChatModel):
        answer: Any
        prompts: list = []

        @property
        def _llm_type(self) -> str:
            return "scripted"

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            prompt = "\n".join(str(m.content) for m in messages)
            self.prompts.append(prompt)
            return ChatResult(generations=[ChatGeneration(message=AIMessage(
                content=self.answer(prompt)))])

    return Scripted(answer=reply, prompts=[])


@dataclass
class Workbench:
    """Settings, corpus and extractive answerer for one lab home, built once per lab."""

    settings: Any
    corpus: Any
    extractive: Any

    @classmethod
    def for_home(cls, home: Path, lab: Lab) -> "Workbench":
        from assistant.answer.extractive import ExtractiveAnswerer
        from assistant.corpus.store import Corpus
        from assistant.settings import PROJECT_ROOT, Settings

        settings = Settings(home=home, embedding_model=lab.embedding_model,
                            corpus_dir=PROJECT_ROOT / "corpus", prompts_dir=PROJECT_ROOT / "prompts",
                            chroma_url=None, llm_provider="none")
        corpus = Corpus.load(settings)
        return cls(settings, corpus, ExtractiveAnswerer(settings, corpus))

    def ask(self, question: str, model, doc: str | None = None):
        from assistant.llm.answerer import LLMAnswerer

        return LLMAnswerer(self.settings, self.corpus, model, self.extractive).answer(question, doc)

    def citations_hold(self, answer, listed: set[tuple[str, str]]) -> str | None:
        """Why a citation of the answer is not sound, or None."""
        for citation in answer.citations:
            document = self.corpus.documents.get(citation.doc)
            clause = next((c for c in document.clauses.values() if c.label == citation.clause),
                          None) if document else None
            if clause is None:
                return f"cites [{citation.doc} {citation.clause}], which does not exist"
            if citation.quote not in document.subtree_text(clause.key):
                return f"the quote of [{citation.doc} {citation.clause}] is not its text"
            if not answer.guard.fallback and (citation.doc, citation.clause) not in listed:
                return f"cites [{citation.doc} {citation.clause}], which was not retrieved"
        return None


_BENCHES: dict[Path, Workbench] = {}


def _bench(lab: Lab) -> Workbench:
    if lab.root not in _BENCHES:
        _BENCHES.clear()
        _BENCHES[lab.root] = Workbench.for_home(lab.built_home(), lab)
    return _BENCHES[lab.root]


def _fill(template: str, prompt: str, bench: Workbench) -> str:
    listed = _HEADER.findall(prompt)
    doc_id, label = listed[0]
    document = bench.corpus.documents[doc_id]
    clause = next(c for c in document.clauses.values() if c.label == label)
    body = clause.body.strip() or clause.text.strip()
    verbatim = re.split(r"[，。；,.;\n]", body)[0][:20]
    numbers = {lab for _, lab in listed}
    other = next(n for n in OTHERS if n not in numbers and n not in prompt)
    return (template.replace("{good}", f"[{doc_id} {label}]").replace("{other}", other)
            .replace("{verbatim}", verbatim))


def _run(name: str, language: str, template: str, bads: list[str], lab: Lab) -> Outcome:
    bench = _bench(lab)
    sent: dict[str, str] = {}

    def reply(prompt: str) -> str:
        sent["text"] = _fill(template, prompt, bench)
        return sent["text"]

    model = scripted_model(reply)
    answer = bench.ask(QUESTIONS[language], model)
    if not model.prompts:
        return Outcome(False, "the model was never asked (nothing retrieved): the attack did not run")
    listed = set(_HEADER.findall(model.prompts[0]))
    other = next((n for n in OTHERS if f"bj-ipm {n}]" in sent["text"]
                  or f"第{n}条" in sent["text"]), None)
    shown = plain(answer.answer + " ".join(c.quote + " " + c.clause for c in answer.citations))
    for bad in bads:
        bad = bad.replace("{other}", other or "{other}")
        if plain(bad) in shown:
            return Outcome(False, f"{bad!r} reached the answer")
    problem = bench.citations_hold(answer, listed)
    if problem:
        return Outcome(False, problem)
    return Outcome(True, "fell back" if answer.guard.fallback
                   else f"removed: {'; '.join(answer.guard.removed)[:100]}")


def attacks() -> list[Attack]:
    return [Attack(name, partial(_run, name, language, template, bads))
            for name, language, template, bads in ROWS]
