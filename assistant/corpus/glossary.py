"""The field's glossary, Chinese <-> English (corpus/glossary.jsonl): one canonical term in each
language plus aliases. Used to expand a question into the other language and to know the field's
words."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IpmsError
from assistant.textutil import fold

GLOSSARY_FILE = "glossary.jsonl"


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    zh_aliases: tuple[str, ...] = ()
    en_aliases: tuple[str, ...] = ()
    category: str = "general"  # "general": an ordinary business word, not one of the IP field

    def forms(self, language: str) -> tuple[str, ...]:
        return (self.zh, *self.zh_aliases) if language == "zh" else (self.en, *self.en_aliases)

    def canonical(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


class Glossary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._en_patterns: list[tuple[re.Pattern[str], Term]] | None = None

    @property
    def _en(self) -> list[tuple[re.Pattern[str], Term]]:
        """English forms match as whole words, case-insensitively (compiled on first use)."""
        if self._en_patterns is None:
            self._en_patterns = [
                (re.compile(rf"(?<![a-z]){re.escape(form.lower())}(?![a-z])"), term)
                for term in self.terms for form in term.forms("en") if form.strip()]
        return self._en_patterns

    @classmethod
    def load(cls, corpus_dir: Path) -> "Glossary":
        path = corpus_dir / GLOSSARY_FILE
        if not path.exists():
            return cls([])
        terms = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                terms.append(Term(r["zh"], r["en"], tuple(r.get("zh_aliases", ())),
                                  tuple(r.get("en_aliases", ())), r.get("category", "general")))
            except (ValueError, KeyError, TypeError):
                raise IpmsError(f"{path.name} line {number}: needs zh and en") from None
        return cls(terms)

    def found_in(self, text: str) -> list[Term]:
        """Terms named in a text, in either language."""
        folded = fold(text)
        lowered = folded.lower()
        hits: dict[str, Term] = {}
        for term in self.terms:
            if any(form and form in folded for form in term.forms("zh")):
                hits[term.zh] = term
        for pattern, term in self._en:
            if term.zh not in hits and pattern.search(lowered):
                hits[term.zh] = term
        return list(hits.values())

    def translations(self, text: str, into: str) -> list[str]:
        """The other-language names of the terms a text uses (for query expansion)."""
        return [t.canonical(into) for t in self.found_in(text)]

    def words(self, language: str) -> list[str]:
        return [form for t in self.terms for form in t.forms(language)]
