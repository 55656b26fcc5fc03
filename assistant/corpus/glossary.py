"""The field's glossary, Chinese <-> English (corpus/glossary.jsonl): one canonical term in each
language plus aliases. Used to expand a question into the other language and to know the field's
words."""
from __future__ import annotations

import functools
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

    def forms_lower(self, language: str) -> tuple[str, ...]:
        """The non-empty forms in lower case (English forms match case-insensitively)."""
        return tuple(f.lower() for f in self.forms(language) if f.strip())

    def canonical(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@functools.lru_cache(maxsize=4096)
def _whole_word(form: str) -> re.Pattern[str]:
    """A lower-case English form as a whole word (compiled only for forms a text contains)."""
    return re.compile(rf"(?<![a-z]){re.escape(form)}(?![a-z])")


class Glossary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms

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
        for term in self.terms:
            if term.zh not in hits and any(
                    form in lowered and _whole_word(form).search(lowered)
                    for form in term.forms_lower("en")):
                hits[term.zh] = term
        return list(hits.values())

    def translations(self, text: str, into: str) -> list[str]:
        """The other-language names of the terms a text uses (for query expansion)."""
        return [t.canonical(into) for t in self.found_in(text)]

    def words(self, language: str) -> list[str]:
        return [form for t in self.terms for form in t.forms(language)]
