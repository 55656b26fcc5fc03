"""A bare clause number with a title typed beside it ("第9.3条内部审核有什么要求？").

A number with no standard named is read in the default standard (the `default_standard`
setting, else the primary one, bj-ipm). When the title typed right after the number is not that
number's title there, but is the title of the same number in another held standard — a
standard of the corpus, or a shipped profile whose text is not in the corpus (GB/T 29490—2023
9.3 内部审核) — the question is read in that standard, and the answer says so. When the title
is that number's title in no held standard, the answer says the number and the title disagree
and where the title is, then answers the number as usual.

Titles are the documents' and profiles' own; a typed title is the longest title of any held
standard the text after the number begins with, followed by the end of a phrase (a question
word, a particle or punctuation), so "第9.3条分析一下" types no title. Wording is in
prompts/answer/<lang>.toml (titled_as, titled_disagree).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.retrieval.documents import NamedProfile
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.models import Answer

# Between the number and its title: 条/款/节, spaces and an opening quote.
_LEAD = re.compile(r"^\s*(?:条|款|节)?\s*[「“\"《(（【]?\s*")
# What may follow a typed title: a closing mark, punctuation, a particle or a question word.
_AFTER = re.compile(r"^(?:$|[\s」”\"》)）】，。,.？?！!：:；;]|[的有是要讲说中里怎应包规如呢吗和与及都在写])")


@dataclass(frozen=True)
class Held:
    """A standard a number can be read in: a document of the corpus or a profile."""

    id: str
    profile: bool
    titles: dict[str, str] = field(default_factory=dict)  # number -> its title


@dataclass(frozen=True)
class TitledReading:
    """What a typed title says about a number: read it in `held` (None: in the default, with
    the note that the number and title disagree)."""

    number: str
    typed: str
    default: Held
    held: Held | None


class TitledNumbers:
    """Reads titles typed beside bare clause numbers, for one ExtractiveAnswerer."""

    def __init__(self, answerer: "ExtractiveAnswerer") -> None:
        self.answerer = answerer
        self.corpus = answerer.corpus

    @cached_property
    def held(self) -> dict[str, Held]:
        """Every held standard by id: the corpus's standards read by clauses, then the profiles
        whose text no document holds."""
        out: dict[str, Held] = {}
        for doc in self.corpus.documents.values():
            if doc.meta.kind != "standard" or doc.meta.structure != "clauses":
                continue
            titles: dict[str, str] = {}
            for clause in doc.lookup_table():
                title = doc.display_title(clause)
                if clause.number and title and title != clause.label:
                    titles.setdefault(clause.number, title)
            out[doc.id] = Held(doc.id, False, titles)
        names = self.answerer.names
        for pid, profile in names.profiles.items():
            if pid not in names.texts:
                out[pid] = Held(pid, True, {n: c.title for n, c in profile.clauses.items()
                                            if c.title})
        return out

    @cached_property
    def _titles(self) -> list[str]:
        """Every title of every held standard, longest first (at least two characters)."""
        found = {_squeeze(t) for h in self.held.values() for t in h.titles.values()}
        return sorted((t for t in found if len(t) >= 2), key=len, reverse=True)

    def read(self, question: str, number: str, default: str) -> TitledReading | None:
        """The reading of `number` in `question` when a title typed after it is not the
        number's title in `default` (a held standard's id); None when no title is typed or it
        is the default's own."""
        typed = self._typed(question, number)
        reader = self.held.get(default)
        own = _squeeze(fold(reader.titles.get(number, ""))) if reader else ""
        if typed is None or reader is None or (own and (typed in own or own in typed)):
            return None  # the default's own title (方针 of 4.2.1 管理方针)
        for held in self.held.values():
            if held.id != default and _same(held.titles.get(number), typed):
                return TitledReading(number, typed, reader, held)
        return TitledReading(number, typed, reader, None)

    def _typed(self, question: str, number: str) -> str | None:
        text = _squeeze(fold(question))
        for m in re.finditer(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text):
            tail = _LEAD.sub("", text[m.end():], count=1)
            for title in self._titles:
                if tail.startswith(title) and _AFTER.match(tail[len(title):]):
                    return title
        return None

    def where(self, title: str) -> list[tuple[Held, str]]:
        """(standard, number) of the first clause titled `title` in each held standard."""
        found = {}
        for held in self.held.values():
            for number, own in held.titles.items():
                if _same(own, title):
                    found.setdefault(held.id, (held, number))
        return list(found.values())

    def answer(self, question: str, numbers: list[str], default: str, language: str
               ) -> "Answer | None":
        """The answer for a question whose one bare number carries a title that is not the
        default's (see the module docstring); None when the ordinary lookup applies."""
        from assistant.answer.extractive import clause_name

        if len(numbers) != 1 or (reading := self.read(question, numbers[0], default)) is None:
            return None
        t = self.answerer.templates(language)
        names = clause_name(reading.number, language)
        if reading.held is not None:
            answer = self._lookup(question, reading.held, reading.number, language)
            note = t("titled_as", standard=self.name(reading.held, language), title=reading.typed,
                     default=self.name(reading.default, language),
                     default_title=reading.default.titles.get(reading.number, ""), **names)
        else:
            answer = self._lookup(question, reading.default, reading.number, language)
            places = t("list_separator").join(
                t("titled_place", standard=self.name(h, language), **clause_name(n, language))
                for h, n in self.where(reading.typed)[:3])
            note = t("titled_disagree", title=reading.typed, places=places,
                     standard=self.name(reading.default, language),
                     default_title=reading.default.titles.get(reading.number, "—"), **names)
        answer.answer = f"{note}\n\n{answer.answer}"
        return answer

    def _lookup(self, question: str, held: Held, number: str, language: str) -> "Answer":
        if held.profile:
            return self.answerer.profiles.lookup(question, [number], (NamedProfile(held.id, ""),),
                                                 language)
        return self.answerer._lookup(question, [number], [self.corpus.documents[held.id]], (),
                                     language)

    def name(self, held: Held, language: str) -> str:
        """How an answer names a held standard: its designation, or its title and id."""
        if held.profile:
            return self.answerer.names.profiles[held.id].designation
        meta = self.corpus.documents[held.id].meta
        t = self.answerer.templates(language)
        return t("document_item", doc_title=meta.title(language) or meta.title_zh, doc=held.id)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _same(title: str | None, typed: str) -> bool:
    return title is not None and _squeeze(fold(title)) == typed
