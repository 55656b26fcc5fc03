"""A bare clause number with a title typed beside it ("第9.3条内部审核有什么要求？").

A number with no standard named is read in the default standard (the `default_standard`
setting, else the primary one, bj-ipm). When the title typed right after the number is not that
number's title there, but is the title of the same number in another held standard — a
standard of the corpus, or a shipped profile whose text is not in the corpus (GB/T 29490—2023
9.3 内部审核) — the question is read in that standard, and the answer says so. When the title
is that number's title in no held standard, the answer says the number and the title disagree
and where the title is, then answers the number as usual.

Titles are the documents' and profiles' own, in both languages: the Chinese title, and the
English one (a profile's `title_en`, a document's rendition title), so "clause 9.3 internal
audit" and "What does 8.2 Management review require?" are read as their Chinese twins are. A
typed title is the longest title of any held standard the text after the number begins with,
compared without case, spaces between Chinese characters or enumeration marks (岗位职责和权限
is 岗位、职责和权限), followed by the end of a phrase (a question word, a particle, punctuation or
a space), so "第9.3条分析一下" types no title and "9.3 general" types none either (titles such as
General name no topic). Wording is in prompts/answer/<lang>.toml (titled_as, titled_disagree).
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

# Between the number and its title: 条/款/节, spaces, a colon or dash and an opening quote.
_LEAD = re.compile(r"^\s*(?:条|款|节)?\s*[:：\-–—]?\s*[「“\"'‘《(（【]?\s*")
# What may follow a typed title: a closing mark, punctuation, a particle or a question word.
_AFTER = re.compile(r"^(?:$|[\s」”\"'’》)）】，。,.？?！!：:；;]|[的有是要讲说中里怎应包规如呢吗和与及都在写])")
# Between a title typed before the number and it: spaces, a closing mark, a colon, 第 / clause.
_TRAIL = re.compile(r"[\s」”\"'’》)）】:：\-–—]*(?:第|(?i:clause|section|§))?\s*$")
# What may come before a title typed before the number: the start, a mark, a space or 关于/看/查.
_BEFORE = re.compile(r"(?:^|[\s「“\"'‘《(（【，。,.？?！!：:；;]|[于看查问讲的])$")
# English titles that name no topic of their own: never read as a typed title.
_GENERAL_EN = {"general", "general requirements", "requirements", "overview", "general provisions"}


@dataclass(frozen=True)
class Held:
    """A standard a number can be read in: a document of the corpus or a profile."""

    id: str
    profile: bool
    titles: dict[str, str] = field(default_factory=dict)  # number -> its title
    titles_en: dict[str, str] = field(default_factory=dict)  # number -> its English title

    def title(self, number: str, language: str) -> str:
        """The title of `number` as an answer in `language` names it ("" when untitled)."""
        own = self.titles.get(number, "")
        return (self.titles_en.get(number) or own) if language == "en" else own

    def has(self, number: str, typed: str) -> bool:
        """Whether `typed` (a title as _key reads it) is the title of `number` here, or of a
        clause above it (组织环境 of 4 for 4.1)."""
        return typed in self.keys(number)

    def keys(self, number: str) -> set[str]:
        """The titles (as _key reads them) of `number` and of the clauses above it here."""
        parts = number.split(".")
        above = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
        return {_key(t) for n in above for t in (self.titles.get(n), self.titles_en.get(n)) if t}


@dataclass(frozen=True)
class TitledReading:
    """What a typed title says about a number: read it in `held` (None: in the default, with
    the note that the number and title disagree)."""

    number: str
    typed: str  # the title as _key reads it
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
            titles_en: dict[str, str] = {}
            for clause in doc.lookup_table():
                title = doc.display_title(clause)
                if clause.number and title and title != clause.label:
                    titles.setdefault(clause.number, title)
                    rendition = doc.renditions.get(clause.key)
                    if rendition is not None and rendition.title.strip():
                        titles_en.setdefault(clause.number, rendition.title.strip())
            out[doc.id] = Held(doc.id, False, titles, titles_en)
        names = self.answerer.names
        for pid, profile in names.profiles.items():
            if pid not in names.texts:
                clauses = profile.clauses.items()
                out[pid] = Held(pid, True, {n: c.title for n, c in clauses if c.title},
                                {n: c.title_en for n, c in clauses if c.title_en})
        return out

    @cached_property
    def _titles(self) -> dict[str, str]:
        """Every title of every held standard as _key reads it, longest first (at least two
        characters; no English title that names no topic), with its form as printed."""
        found: dict[str, str] = {}
        for held in self.held.values():
            for title in [*held.titles.values(), *held.titles_en.values()]:
                key = _key(title)
                if len(key) >= 2 and key not in _GENERAL_EN:
                    found.setdefault(key, title)
        return dict(sorted(found.items(), key=lambda pair: -len(pair[0])))

    def shown(self, typed: str) -> str:
        """A typed title as the standards print it."""
        return self._titles.get(typed, typed)

    def read(self, question: str, number: str, default: str) -> TitledReading | None:
        """The reading of `number` in `question` when a title typed after it is not the
        number's title in `default` (a held standard's id); None when no title is typed or it
        is the default's own."""
        typed = self._typed(question, number)
        reader = self.held.get(default)
        owns = {_key(t) for t in (reader.titles.get(number), reader.titles_en.get(number)) if t
                } if reader else set()
        if typed is None or reader is None or any(typed in own or own in typed for own in owns
                                                  ) or typed in reader.keys(number):
            return None  # the default's own title (方针 of 4.2.1 管理方针), or its chapter's
        for held in self.held.values():
            if held.id != default and held.has(number, typed):
                return TitledReading(number, typed, reader, held)
        return TitledReading(number, typed, reader, None)

    def _typed(self, question: str, number: str) -> str | None:
        """The title typed right after `number`, or right before it ("能力7.2", "组织环境 4.1",
        "内部审核第9.3条"); None when none is."""
        text = _key(question)
        for m in re.finditer(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text):
            tail = _LEAD.sub("", text[m.end():], count=1)
            head = _TRAIL.sub("", text[:m.start()], count=1)
            for title in self._titles:
                if tail.startswith(title) and _AFTER.match(tail[len(title):]):
                    return title
                if head.endswith(title) and _BEFORE.search(head[:len(head) - len(title)]):
                    return title
        return None

    def where(self, title: str) -> list[tuple[Held, str]]:
        """(standard, number) of the first clause titled `title` in each held standard."""
        found = {}
        for held in self.held.values():
            for number in [*held.titles, *held.titles_en]:
                if held.has(number, title):
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
            default_title = reading.default.title(reading.number, language)
            note = t("titled_as" if default_title else "titled_as_absent",
                     standard=self.name(reading.held, language),
                     title=reading.held.title(reading.number, language),
                     default=self.name(reading.default, language),
                     default_title=default_title, **names)
        else:
            answer = self._lookup(question, reading.default, reading.number, language)
            places = t("list_separator").join(
                t("titled_place", standard=self.name(h, language), **clause_name(n, language))
                for h, n in self.where(reading.typed)[:3])
            note = t("titled_disagree", title=self.shown(reading.typed), places=places,
                     standard=self.name(reading.default, language),
                     default_title=reading.default.title(reading.number, language) or "—",
                     **names)
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


def _key(text: str) -> str:
    """Text as titles are compared: folded, lower case, without enumeration marks, spaces
    between Chinese characters dropped and other runs of spaces made one."""
    text = re.sub(r"[、·]", "", fold(text).lower())
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(?<=[^a-z0-9]) | (?=[^a-z0-9])", "", text).strip()
