"""Load the corpus (shipped documents plus the user's own) as parsed documents."""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from assistant.corpus.glossary import Glossary
from assistant.corpus.renditions import Rendition, load_renditions
from assistant.corpus.search_terms import load_search_terms
from assistant.corpus.section_parser import parse_sections
from assistant.corpus.standard_parser import parse_standard
from assistant.errors import IpmsError
from assistant.models import Clause, Defect, DocumentMeta
from assistant.settings import Settings

# Bump when parsing changes what the clauses are, so indexes built before are rebuilt.
PARSER_VERSION = "1"
MANIFEST = "manifest.json"


@dataclass
class Document:
    meta: DocumentMeta
    clauses: dict[str, Clause]
    roots: list[str]
    defects: list[Defect]
    text: str
    renditions: dict[str, Rendition] = field(default_factory=dict)  # key -> other language
    # language -> key -> everyday phrases for the clause (retrieval only; see search_terms.py)
    search_terms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def rendition_language(self) -> str:
        return "en" if self.meta.language == "zh" else "zh"

    @property
    def id(self) -> str:
        return self.meta.id

    def by_number(self, number: str) -> list[Clause]:
        """Every clause printed (or inferred) with this number, in document order."""
        return [c for c in self.clauses.values() if c.number == number]

    def subtree(self, key: str) -> list[Clause]:
        """The clause and all its descendants, in document order."""
        out: list[Clause] = []
        stack = [key]
        while stack:
            clause = self.clauses[stack.pop()]
            out.append(clause)
            stack.extend(reversed(clause.children))
        return sorted(out, key=lambda c: c.first_line)

    def subtree_text(self, key: str) -> str:
        return "\n".join(c.text for c in self.subtree(key))

    def ancestors(self, key: str) -> list[Clause]:
        out = []
        parent = self.clauses[key].parent
        while parent is not None:
            out.append(self.clauses[parent])
            parent = self.clauses[parent].parent
        return out

    def display_title(self, clause: Clause) -> str:
        """The clause's title, or for a sentence-carrying clause the nearest ancestor's below
        the chapter level (bj-ipm 9.3.3.1 → 继受取得 of 9.3.3); '' for a clause right under a
        chapter or the document's title: an article of rules (第五条 under 第二章 组织与职责) or a
        numbered sentence of a policy (7.1 under 7 Breach and review) is not named after its
        chapter."""
        if clause.title:
            return clause.title
        for ancestor in self.ancestors(clause.key):
            if self._is_chapter(ancestor):
                return ""
            if ancestor.title:
                return ancestor.title
        return ""

    def _is_chapter(self, clause: Clause) -> bool:
        """A top-level part: a clause without a parent or right under the title, or a 第N章."""
        parent = self.clauses.get(clause.parent) if clause.parent else None
        return (parent is None or parent.kind == "title" or clause.kind == "title"
                or bool(re.fullmatch(r"第.{1,6}章", clause.label or "")))

    def numbered(self) -> list[Clause]:
        return [c for c in self.clauses.values() if c.number is not None]

    def lookup_table(self) -> list[Clause]:
        """Clauses a number can name: numbered clauses, or for an unnumbered document its
        sections under their own labels (as copies whose `number` is the label)."""
        if self.meta.structure == "clauses":
            return self.numbered()
        return [replace(c, number=c.label) for c in self.clauses.values() if c.kind == "section"]


def _meta_from(entry: dict) -> DocumentMeta:
    known = {f.name for f in fields(DocumentMeta)}
    values = {k: v for k, v in entry.items() if k in known}
    values["aliases"] = tuple(values.get("aliases", ()))
    return DocumentMeta(**values)


def read_manifest(directory: Path) -> list[dict]:
    path = directory / MANIFEST
    if not path.exists():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["documents"]
    except (ValueError, KeyError) as exc:
        raise IpmsError(f"corpus manifest {path} is unreadable: {exc}") from None


def parse_document(meta: DocumentMeta, text: str) -> Document:
    if meta.structure == "clauses":
        parsed = parse_standard(meta.id, text, meta.title_zh if meta.language == "zh" else meta.title_en)
    else:
        parsed = parse_sections(meta.id, text, meta.language)
    return Document(meta, parsed.clauses, parsed.roots, parsed.defects, text)


def _read_texts(directory: Path, attempts: int = 5) -> list[tuple[DocumentMeta, str]]:
    """Every document of a corpus folder as (meta, text), read as one consistent snapshot.

    A concurrent `corpus add --replace` or `remove` writes the new text, switches the manifest
    and then deletes the old text, so a text that vanished between reading the manifest and
    reading it means the manifest changed: read it again. IpmsError when a text stays missing."""
    for attempt in range(attempts):
        out = []
        try:
            for entry in read_manifest(directory):
                meta = _meta_from(entry)
                out.append((meta, (directory / meta.file).read_text(encoding="utf-8")))
            return out
        except FileNotFoundError as exc:
            if attempt == attempts - 1:
                raise IpmsError(f"corpus file {exc.filename} is missing") from None
            time.sleep(0.05 * (attempt + 1))
        except OSError as exc:
            raise IpmsError(f"corpus file {exc.filename} cannot be read: {exc.strerror}") from None
    return []


class Corpus:
    """All documents: the shipped ones (settings.corpus_dir) then the user's (home/corpus)."""

    def __init__(self, documents: dict[str, Document], glossary: Glossary | None = None) -> None:
        self.documents = documents
        self.glossary = glossary or Glossary([])

    @classmethod
    def load(cls, settings: Settings) -> "Corpus":
        documents: dict[str, Document] = {}
        for directory in (settings.corpus_dir, settings.user_corpus_dir):
            for meta, text in _read_texts(directory):
                document = parse_document(meta, text)
                document.renditions = load_renditions(directory, meta.id,
                                                      document.rendition_language)
                document.search_terms = load_search_terms(directory, meta.id)
                documents[meta.id] = document
        if not documents:
            raise IpmsError(f"no documents found in {settings.corpus_dir}")
        return cls(documents, Glossary.load(settings.corpus_dir))

    @property
    def primary(self) -> Document:
        return next((d for d in self.documents.values() if d.meta.primary),
                    next(iter(self.documents.values())))

    def get(self, doc_id: str) -> Document:
        try:
            return self.documents[doc_id]
        except KeyError:
            known = ", ".join(self.documents)
            raise IpmsError(f"unknown document '{doc_id}' (known: {known})") from None

    def clause(self, doc_id: str, key: str) -> Clause:
        return self.documents[doc_id].clauses[key]

    def content_hash(self) -> str:
        """Changes whenever any document's text, metadata or the parser changes."""
        digest = hashlib.sha256(PARSER_VERSION.encode())
        for doc in self.documents.values():
            digest.update(json.dumps(doc.meta.__dict__, sort_keys=True, ensure_ascii=False).encode())
            digest.update(doc.text.encode("utf-8"))
            for key, rendition in sorted(doc.renditions.items()):
                digest.update(f"{key}\t{rendition.title}\t{rendition.text}".encode("utf-8"))
            for language, by_key in sorted(doc.search_terms.items()):
                for key, terms in sorted(by_key.items()):
                    digest.update(f"{language}\t{key}\t{'|'.join(terms)}".encode("utf-8"))
        # The glossary expands queries, so a change to it rebuilds the index too.
        for term in self.glossary.terms:
            digest.update(repr(term).encode("utf-8"))
        return digest.hexdigest()[:16]
