"""What gets indexed: one unit per clause, its text prefixed with its ancestors' titles."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.store import Corpus, Document
from assistant.textutil import has_cjk


@dataclass(frozen=True)
class IndexUnit:
    doc: str
    key: str
    text: str  # breadcrumb of titles + the clause's own text (or its rendition)
    rendition: str | None = None  # the language of the rendition this unit holds, if one
    # The clause's search terms in the unit's language: ranked on, but not read by the scope
    # check (an everyday phrase says nothing about whether a question is about IP management).
    search_terms: str = ""
    language: str = ""  # of the text indexed: the document's, or the rendition's

    @property
    def indexed_text(self) -> str:
        return f"{self.text} {self.search_terms}" if self.search_terms else self.text

    @property
    def uid(self) -> str:
        return f"{self.doc}::{self.key}" + (f"::{self.rendition}" if self.rendition else "")


def index_units(corpus: Corpus) -> list[IndexUnit]:
    """One unit per clause in its own language and one per rendition in the other language, each
    followed by the clause's search terms in that language (corpus/search_terms)."""
    units = []
    for doc in corpus.documents.values():
        for clause in doc.clauses.values():
            ancestors = [a for a in reversed(doc.ancestors(clause.key)) if a.kind != "title"]
            if clause.text.strip():
                trail = [a.title for a in ancestors if a.title]
                units.append(IndexUnit(doc.id, clause.key, " ".join(trail + [clause.text]),
                                       search_terms=_terms(doc, clause.key, doc.meta.language),
                                       language=doc.meta.language))
            rendition = doc.renditions.get(clause.key)
            if rendition and (rendition.title or rendition.text).strip():
                trail = [doc.renditions[a.key].title for a in ancestors
                         if a.key in doc.renditions and doc.renditions[a.key].title]
                units.append(IndexUnit(doc.id, clause.key,
                                       " ".join(trail + [rendition.title, rendition.text]),
                                       rendition.language,
                                       _terms(doc, clause.key, rendition.language),
                                       rendition.language))
    return units


def _terms(doc: Document, key: str, language: str) -> str:
    return "; ".join(doc.search_terms.get(language, {}).get(key, ()))


def dictionary_words(corpus: Corpus) -> list[str]:
    """Clause titles, defined terms and the glossary's Chinese terms: words jieba keeps whole."""
    words = set(corpus.glossary.words("zh"))
    for doc in corpus.documents.values():
        for clause in doc.clauses.values():
            title = clause.title if doc.meta.language == "zh" else (
                doc.renditions[clause.key].title if clause.key in doc.renditions else "")
            if title and len(title) <= 20:
                words.add(title)
    return sorted(w for w in words if has_cjk(w))
