"""What gets indexed: one unit per clause, its text prefixed with its ancestors' titles."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.store import Corpus


@dataclass(frozen=True)
class IndexUnit:
    doc: str
    key: str
    text: str  # breadcrumb of titles + the clause's own text

    @property
    def uid(self) -> str:
        return f"{self.doc}::{self.key}"


def index_units(corpus: Corpus) -> list[IndexUnit]:
    units = []
    for doc in corpus.documents.values():
        for clause in doc.clauses.values():
            trail = [a.title for a in reversed(doc.ancestors(clause.key)) if a.title and a.kind != "title"]
            if not clause.text.strip():
                continue
            units.append(IndexUnit(doc.id, clause.key, " ".join(trail + [clause.text])))
    return units


def dictionary_words(corpus: Corpus) -> list[str]:
    """Clause titles and defined terms: words jieba must keep whole."""
    words = set()
    for doc in corpus.documents.values():
        if doc.meta.language != "zh":
            continue
        for clause in doc.clauses.values():
            if clause.title and len(clause.title) <= 20:
                words.add(clause.title)
    return sorted(words)
