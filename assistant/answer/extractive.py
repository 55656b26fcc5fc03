"""The default answerer: no language model. It names the clauses, quotes them verbatim from the
corpus and cites each as [doc clause]. Clause numbers in the question are looked up directly;
everything else goes through retrieval, which may abstain."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.quotes import quote_for
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.models import Answer, Citation, Clause
from assistant.retrieval.router import RoutedNumber, find_clause_numbers, route
from assistant.settings import Settings
from assistant.textutil import language_of

_WORDS = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
MAX_SUBTREE_CITATIONS = 40


@dataclass(frozen=True)
class Templates:
    """Answer framing for one language, from prompts/answer/<lang>.toml."""

    language: str
    strings: dict[str, str]

    @classmethod
    def load(cls, prompts_dir: Path, language: str) -> "Templates":
        path = prompts_dir / "answer" / f"{language}.toml"
        with path.open("rb") as handle:
            return cls(language, tomllib.load(handle))

    def __call__(self, name: str, **values: object) -> str:
        return self.strings[name].format(**values)


# Control characters other than tab and line breaks, and zero-width marks: read as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clause_name(number: str, language: str) -> dict[str, str]:
    """How an answer names a clause number: 第4.3.2条 / clause 4.3.2 for a dotted number, the
    number as printed when it carries its own word (第三条, 第二章), 附录A / Annex A for an
    annex, A.1 for an annex clause (as Chinese standards write it). Returns the template values
    number, clause (at a sentence start) and clause_lower."""
    if re.fullmatch(r"\d+(\.\d+)*", number):
        zh, en = f"第{number}条", f"Clause {number}"
    elif re.fullmatch(r"[A-Z]", number) or number.startswith("附录"):
        letter = number.removeprefix("附录")
        zh, en = f"附录{letter}", f"Annex {letter}"
    else:
        zh, en = number, f"Clause {number}" if re.fullmatch(r"[A-Z](\.\d+)+", number) else number
    name = zh if language == "zh" else en
    lower = name[0].lower() + name[1:] if name.startswith(("Clause", "Annex")) else name
    return {"number": number, "clause": name, "clause_lower": lower}


def validate_question(question: str, max_chars: int) -> str:
    """The question stripped, with control and zero-width characters read as spaces.

    Raises IpmsError when it is empty, longer than max_chars characters, has no words, or holds
    bytes that are not text (lone surrogates: what Python makes of invalid UTF-8 in argv)."""
    if _SURROGATE.search(question):
        raise IpmsError("the question is not valid text (it holds bytes that are not UTF-8)")
    text = _CONTROL.sub(" ", question).strip()
    if not text:
        raise IpmsError("the question is empty")
    if len(text) > max_chars:
        raise IpmsError(f"the question is {len(text)} characters long; the limit is {max_chars}")
    if not _WORDS.search(text):
        raise IpmsError("the question has no words in it")
    return text


def render_body(text: str) -> str:
    """Display form of clause text: a list letter printed alone is joined to its line."""
    return re.sub(r"(?m)^([(（]?[a-zA-Z][)）])\s*\n", r"\1 ", text)


class ExtractiveAnswerer:
    def __init__(self, settings: Settings, corpus: Corpus, retriever=None) -> None:
        self.settings = settings
        self.corpus = corpus
        self._retriever = retriever
        self._templates: dict[str, Templates] = {}

    @property
    def retriever(self):
        if self._retriever is None:
            from assistant.retrieval.retriever import Retriever

            self._retriever = Retriever(self.settings, self.corpus)
        return self._retriever

    def templates(self, language: str) -> Templates:
        if language not in self._templates:
            self._templates[language] = Templates.load(self.settings.prompts_dir, language)
        return self._templates[language]

    # -- entry point ----------------------------------------------------------------------------
    def answer(self, question: str, doc: str | None = None) -> Answer:
        question = validate_question(question, self.settings.max_question_chars)
        target = self.corpus.get(doc) if doc else None
        language = language_of(question)
        numbers = find_clause_numbers(question)
        if numbers:
            return self._lookup(question, numbers, target or self.corpus.primary, language)
        return self._search(question, doc, language)

    # -- clause numbers -------------------------------------------------------------------------
    def _lookup(self, question: str, numbers: list[str], doc: Document, language: str) -> Answer:
        t = self.templates(language)
        routed = route(numbers, doc.lookup_table())
        parts: list[str] = []
        chosen: list[Clause] = []
        for r in routed:
            parts.append(self._routed_text(r, doc, t))
            for clause in r.clauses:
                chosen.extend(self._with_body(doc, doc.clauses[clause.key]))
        citations, keys = self._cite(doc_clauses=[(doc, c) for c in chosen])
        answer_text = "\n\n".join(parts)
        ranked = [(doc.id, c.key) for r in routed for c in r.clauses]
        return Answer(question, answer_text, abstained=not citations, citations=citations,
                      keys=keys, ranked=ranked)

    def _routed_text(self, r: RoutedNumber, doc: Document, t: Templates) -> str:
        title = doc.meta.title(t.language)
        if r.status == "missing":
            nearest = "、".join if t.language == "zh" else ", ".join
            names = nearest(f"{c.label} {doc.display_title(doc.clauses[c.key])}".strip()
                            for c in r.nearest)
            text = t("missing", doc_title=title, doc=doc.id, **clause_name(r.number, t.language))
            return text + (" " + t("nearest", clauses=names) if names else "")
        blocks = []
        if r.status == "ambiguous":
            blocks.append(t("ambiguous_intro", doc_title=title, doc=doc.id,
                            count=len(r.clauses), **clause_name(r.number, t.language)))
        for clause in r.clauses:
            clause = doc.clauses[clause.key]
            if r.status == "found":
                blocks.append(t("lookup_intro", doc_title=title, doc=doc.id,
                                title=doc.display_title(clause),
                                **clause_name(r.number, t.language)))
            blocks.append(self._subtree_text(doc, clause, t))
        return "\n\n".join(blocks)

    def _subtree_text(self, doc: Document, clause: Clause, t: Templates) -> str:
        blocks = []
        for node in doc.subtree(clause.key)[:MAX_SUBTREE_CITATIONS]:
            if node.key == clause.key and not node.body.strip():
                continue  # a bare heading: the intro already names it
            blocks.append(self._clause_block(doc, node, t))
        return "\n\n".join(blocks)

    def _clause_block(self, doc: Document, clause: Clause, t: Templates,
                      quote: str | None = None) -> str:
        title = doc.display_title(clause)
        if title == clause.label:
            title = ""
        rendition = doc.renditions.get(clause.key) if t.language != doc.meta.language else None
        if rendition is not None and rendition.title and title:
            title = f"{rendition.title} ({title})"  # the reader's language first
        header = t("clause_header", label=clause.label, title=title, doc=doc.id).replace("  ", " ")
        if clause.inferred:
            header += t("inferred_note")
        body = quote if quote is not None else clause.body.strip()
        if not body:
            return header
        quoted = "\n".join(f"> {line}" for line in render_body(body).split("\n"))
        if rendition is None or not rendition.text.strip():
            return f"{header}\n{quoted}"
        # For a reader of the other language: the rendition explains, the original is quoted.
        return (f"{header}\n{t('rendition_label')} {rendition.text.strip()}\n"
                f"{t('original_label')}\n{quoted}")

    @staticmethod
    def _with_body(doc: Document, clause: Clause) -> list[Clause]:
        return [c for c in doc.subtree(clause.key) if c.body.strip()][:MAX_SUBTREE_CITATIONS]

    # -- retrieval ------------------------------------------------------------------------------
    def _search(self, question: str, doc: str | None, language: str) -> Answer:
        t = self.templates(language)
        result = self.retriever.search(question, doc)
        if result.abstained or not result.hits:
            names = ", ".join(f"{d.meta.title(language)} ({d.id})"
                              for d in self.corpus.documents.values())
            return Answer(question, t("abstain", documents=names), True, [])
        cfg = self.settings.retrieval
        top = result.hits[0].strength()
        picked: list[tuple[Document, Clause]] = []
        for hit in result.hits:
            if len(picked) >= cfg.max_answer_clauses or hit.strength() < top * cfg.related_score_ratio:
                break
            document = self.corpus.documents[hit.doc]
            clause = document.clauses[hit.key]
            if any(_contains(document, p.key, clause.key) or _contains(document, clause.key, p.key)
                   for d, p in picked if d.id == document.id):
                continue
            picked.append((document, clause))
        tokenizer = self.retriever.lexical.tokenizer
        query_tokens = tokenizer.tokens(question)
        quoted: list[tuple[Document, Clause]] = []
        for document, clause in picked:
            quoted.extend((document, c) for c in self._with_body(document, clause)[:6])
        citations, keys = self._cite(quoted, query_tokens, tokenizer.tokens)
        blocks = [t("search_intro")]
        for (document, clause), citation in zip(quoted, citations):
            blocks.append(self._clause_block(document, clause, t, quote=citation.quote))
        return Answer(question, "\n\n".join(blocks), not citations, citations, keys,
                      ranked=[(h.doc, h.key) for h in result.hits])

    def _cite(self, doc_clauses: list[tuple[Document, Clause]], query_tokens=None, tokenize=None
              ) -> tuple[list[Citation], list[tuple[str, str]]]:
        citations, keys = [], []
        for doc, clause in doc_clauses:
            quote = quote_for(clause, query_tokens, tokenize)
            rendition = doc.renditions.get(clause.key)
            translation = rendition.text.strip() if rendition and rendition.text.strip() else None
            citations.append(Citation(doc.id, clause.label, doc.display_title(clause), quote,
                                      translation))
            keys.append((doc.id, clause.key))
        return citations, keys


def _contains(doc: Document, ancestor: str, key: str) -> bool:
    return any(a.key == ancestor for a in doc.ancestors(key))
