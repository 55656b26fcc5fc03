"""The default answerer: no language model. It names the clauses, quotes them verbatim from the
corpus and cites each as [doc clause]. Clause numbers in the question are looked up directly —
in the document the question names (by id, standard number, title or alias), else in the primary
standard, saying which other documents have that number; everything else goes through
retrieval, which may abstain, and quotes one clause per document family."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer.answerability import (candidate, fact_for, intent_of, judge, source_for,
                                            tells_only)
from assistant.answer.quotes import citation_for, quote_for
from assistant.answer.regulated import rule
from assistant.answer.status import document_status, is_company_document, status_note
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.models import Answer, Citation, Clause
from assistant.retrieval.documents import (DocumentNames, Edition, NamedDocuments,
                                           NamedProfile, without_standard_numbers)
from assistant.retrieval.normalise import Vocabulary, normalise
from assistant.retrieval.router import (RoutedNumber, article_as_chapter, article_label,
                                        by_number, find_clause_numbers, number_forms,
                                        question_language, read_clause_numbers, route)
from assistant.settings import Settings
from assistant.textutil import has_cjk

if TYPE_CHECKING:
    from assistant.retrieval.retriever import Hit

_WORDS = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
MAX_SUBTREE_CITATIONS = 40
MAX_LISTED_DOCUMENTS = 8  # "also in" lists: more are counted, not named
# Labels a notice or rules document prints with their own word (第三条, 第二章, 附录A): in such a
# document they are clause numbers. Its bare labels 1, 3(2) are the positions of its items.
_LABELLED = re.compile(r"第.+[条章]|附录.*|[A-Z](\.\d+)*")
_ARTICLE = re.compile(r"第.+条")
MAX_ANSWERED_DOCUMENTS = 3  # documents an unnamed number is answered from; more are listed


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
        # doc id -> its lookup table, and that table by number
        self._tables: dict[str, tuple[list[Clause], dict[str, list[Clause]]]] = {}

    @property
    def retriever(self):
        if self._retriever is None:
            from assistant.retrieval.retriever import Retriever

            self._retriever = Retriever(self.settings, self.corpus)
        return self._retriever

    @cached_property
    def names(self) -> DocumentNames:
        """The names each document goes by (the retriever's, when it is built already)."""
        if self._retriever is not None and hasattr(self._retriever, "names"):
            return self._retriever.names
        return DocumentNames(self.corpus)

    @cached_property
    def profiles(self):
        """Answers from the standard profiles (assistant/standards/profile_answers.py)."""
        from assistant.standards.profile_answers import ProfileAnswers

        return ProfileAnswers(self)

    def templates(self, language: str) -> Templates:
        if language not in self._templates:
            self._templates[language] = Templates.load(self.settings.prompts_dir, language)
        return self._templates[language]

    # -- entry point ----------------------------------------------------------------------------
    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The corpus's own terms, for correcting typos (assistant/retrieval/normalise.py)."""
        return Vocabulary.from_corpus(self.corpus, lambda: self.retriever.lexical.tokenizer)

    def answer(self, question: str, doc: str | None = None) -> Answer:
        question = validate_question(question, self.settings.max_question_chars)
        # Traditional characters, full-width forms and typos of the corpus's terms: what is
        # routed and searched; the answer keeps the question as asked and says what it read.
        read = normalise(question, self.vocabulary if has_cjk(question) else None)
        answer = self._answer(read.text, doc)
        answer.question = question
        if read.corrections:
            t = self.templates(question_language(read.text, self.corpus.primary.meta.language))
            said = " ".join(t("read_as", typed=a, read=b) for a, b in read.corrections)
            answer.answer = f"{said}\n\n{answer.answer}"
        return answer

    def _answer(self, question: str, doc: str | None) -> Answer:
        self.default  # a bad default_standard fails every question, naming the setting
        doc, restricted = self.restriction(doc)
        target = self.corpus.get(doc) if doc else None
        # "GB/T 29490 第8.3条" is a Chinese question: a standard number's letters do not count.
        # Nor do its clause numbers: "29490 2013版 7.4.2" is Chinese.
        # An English sentence quoting Chinese terms is English; numbers alone are read in the
        # language of the standard they are looked up in (router.question_language).
        language = question_language(question, (target or self.corpus.primary).meta.language,
                                     ignore=without_standard_numbers)
        named = restricted or (NamedDocuments() if doc else self.names.find(question))
        numbers = find_clause_numbers(question)
        bare = doc is None and restricted is None  # no document chosen with the question
        # Which of the company's own rules meets a standard clause: a suggestion (own_rules.py).
        if bare:
            from assistant.answer.own_rules import (own_effect_answer, own_named, own_parts_answer,
                                                    own_rules_answer)

            if (mapped := own_rules_answer(self, question, numbers, language)) is not None:
                return mapped
            from assistant.answer.own_meets import own_meets_answer

            if not numbers and (meets := own_meets_answer(self, question, language)) is not None:
                return meets
            # "本制度…", "我们公司的规定…": the company's own documents first; several things
            # asked of them at once, each answered by its clause.
            ours = own_named(self, question, named, numbers)
            if ours is not named and (effect := own_effect_answer(self, question, ours,
                                                                  language)) is not None:
                return effect
            if ours is not named and not numbers and (
                    parts := own_parts_answer(self, question, ours, language)) is not None:
                return parts
            from assistant.answer.own_outline import own_outline_answer

            if not numbers and (outline := own_outline_answer(self, question, ours,
                                                               language)) is not None:
                return outline  # 《商业秘密保护规定》讲什么, 保密规定有几章
            if ours.ids and not named.ids and not numbers:  # 商业秘密保护规定怎么说访客
                from assistant.answer.own_rules import asked_of_titled

                question = asked_of_titled(self, question, ours.ids)
            named = ours
        # How clauses of the standards correspond, or what changed: the crosswalk.
        if bare:
            from assistant.standards.crosswalk_answers import crosswalk_answer

            if (mapped := crosswalk_answer(self.corpus, question, language)) is not None:
                return mapped
        # 认证范围: the scope clauses, not the certification notices (cert_scope.py).
        if not numbers and not named.unknown:
            from assistant.answer.cert_scope import scope_answer

            default, profiled = self.default if bare else (doc, None)
            reader = default or (profiled.profiles[0].profile if profiled else None)
            if (scoped := scope_answer(self, question, named, reader, language)) is not None:
                return scoped
        if bare and numbers and not (named.ids or named.profiles or named.unknown):
            # A number naming no standard: read in the default one, unless the title typed
            # beside it is another held standard's (第9.3条内部审核: GB/T 29490—2023).
            default, profiled = self.default
            reader = default or (profiled.profiles[0].profile if profiled else None)
            if (titled := self.titled.answer(question, numbers, reader or self.corpus.primary.id,
                                             language)):
                return titled
            if profiled is not None:
                named = replace(named, profiles=profiled.profiles)
            elif default is not None:
                target = self.corpus.get(default)
        # A standard named whose text is not in the corpus: its profile (never quoted).
        if (profiled := self.profiles.answer(question, numbers, named, language)) is not None:
            if bare and profiled.abstained and len(numbers) == 1 and named.profiles and not (
                    named.ids or self.names.find(question).profiles):
                # Read in the default standard, which lacks it: the standard printing it.
                from assistant.standards.profile_missing import held_instead

                return held_instead(self.profiles, profiled, self._lookup(
                    question, numbers, [], (), language), named.profiles[0].profile,
                    numbers[0], language)
            return profiled
        # A number asked about is looked up; one named in passing (去年按4.3.2整改过…，现在想问
        # 培训…) leaves the question to search, and is named after the answer.
        documents = [target] if target else [self.corpus.documents[d] for d in named.ids]
        reading = read_clause_numbers(question, lambda n: self._clause_title(n, documents))
        if reading.background and not reading.asked:
            answer = self._search(reading.search_text, doc, named, language)
            answer.question = question
            if not answer.abstained:
                return self.profiles.with_unknown(
                    self._with_background(answer, reading.background, documents, language),
                    named, language)
            numbers = reading.background
        elif numbers:
            numbers = reading.asked
        if numbers:
            answer = self._lookup(question, numbers, documents, named.editions, language)
            if not documents and not named.unknown:
                answer = self.profiles.also_profiled(answer, numbers, language)
        elif named.unknown:  # GJB 9158: no padding from the documents held
            answer = self.profiles.unknown_search(
                question, named, language, lambda rest: self._search(rest, doc, named, language))
        else:
            answer = self._search(question, doc, named, language)
            if bare and not (named.ids or named.profiles) and (edition := self.default[1]):
                # The default standard is a profile: its clauses first (edition_first.py).
                from assistant.standards.edition_first import edition_first

                answer = edition_first(self.profiles, question, edition.profiles[0], answer,
                                       language)
        return self.profiles.with_unknown(answer, named, language)

    def restriction(self, doc: str | None) -> tuple[str | None, NamedDocuments | None]:
        """A document chosen with the question (`--doc`, the web app's filter, the
        default_standard setting), by id, designation or edition, as every command reads one
        (clause_view.document_given): (the corpus document's id, None), or for a profiled
        standard whose text no document holds (None, the profile as named); (None, None) when
        none is chosen. Raises IpmsError naming the known ids for an unknown one."""
        if not doc or doc in self.corpus.documents:
            return doc or None, None
        from assistant.answer.clause_view import document_given

        given = document_given(self.corpus, doc)
        given = self.names.texts.get(given, given)  # a licensed copy of a profiled standard
        if given in self.corpus.documents:
            return given, None
        return None, NamedDocuments(profiles=(NamedProfile(given, doc),))

    @cached_property
    def default(self) -> tuple[str | None, NamedDocuments | None]:
        """The default_standard setting read as `restriction` reads a document chosen.
        Raises IpmsError naming the setting (IPMS_DEFAULT_STANDARD) for an unknown one."""
        try:
            return self.restriction(self.settings.default_standard)
        except IpmsError as exc:
            raise IpmsError(f"bad setting: IPMS_DEFAULT_STANDARD: {exc}") from None

    @cached_property
    def titled(self):
        """Titles typed beside bare clause numbers (assistant/answer/titled_numbers.py)."""
        from assistant.answer.titled_numbers import TitledNumbers

        return TitledNumbers(self)

    def _clause_title(self, number: str, documents: list[Document]) -> str | None:
        """The title of the clause `number` names in the first of `documents` (the primary
        standard when none is named) that has it; None when none has it."""
        for doc in documents or [self.corpus.primary]:
            r = self._route([number], doc, nearest=False)[0]
            if r.clauses:
                return doc.display_title(doc.clauses[r.clauses[0].key]) or ""
        return None

    def _with_background(self, answer: Answer, numbers: list[str], documents: list[Document],
                         language: str) -> Answer:
        """A search answer followed by a line naming each clause the question mentioned."""
        t = self.templates(language)
        lines = []
        for number in numbers:
            for doc in documents or [self.corpus.primary]:
                r = self._route([number], doc, nearest=False)[0]
                if r.clauses:
                    lines.append(t("background_clause", doc=doc.id,
                                   title=doc.display_title(doc.clauses[r.clauses[0].key]),
                                   **clause_name(r.number, language)))
                    break
        if lines:
            answer.answer = "\n\n".join([answer.answer, *lines])
        return answer

    # -- clause numbers -------------------------------------------------------------------------
    def _route(self, numbers: list[str], doc: Document, nearest: bool = True
               ) -> list[RoutedNumber]:
        if doc.id not in self._tables:
            table = doc.lookup_table()
            self._tables[doc.id] = (table, by_number(table))
        return route(numbers, *self._tables[doc.id], nearest=nearest)

    def _lookup(self, question: str, numbers: list[str], documents: list[Document],
                editions: tuple[Edition, ...], language: str) -> Answer:
        """Each number looked up in each named document, as that document prints it (第5条 is
        the 第五条 of rules numbered so); with none named, in the primary standard, each answer
        followed by the other documents that have the number — or, when only other documents
        have it (第五条 of a company's rules), answered from them (_from_holders)."""
        t = self.templates(language)
        unnamed = not documents
        forms = number_forms(question)
        written = [(n, forms.get(n, "")) for n in numbers]
        if unnamed:
            written = [(self._article_or_chapter(n), form) for n, form in written]
        parts = [self._edition_text(e, t) for e in editions]
        chosen: list[tuple[Document, Clause]] = []
        ranked: list[tuple[str, str]] = []
        unanswered: dict[tuple[str, str], set[str]] = {}  # (number, form): documents lacking it
        for doc in documents or [self.corpus.primary]:
            for number, form in written:
                printed = self._as_printed(number, form, doc)
                r = self._route([printed], doc)[0]
                holders = self._numbered_in(number, form, doc) if unnamed else []
                if unnamed and (answered := self._from_holders(r, form, holders)):
                    parts.append(self._holders_text(doc, r, answered, t))
                    routes = answered[:MAX_ANSWERED_DOCUMENTS]
                else:
                    parts.append(self._routed_text(r, doc, t, form))
                    if unnamed and holders:
                        parts.append(t("also_numbered", documents=self._document_list(
                            [d for d, _ in holders], t), **clause_name(printed, t.language)))
                    routes = [(doc, r)]
                if r.status == "missing" and not holders:
                    unanswered.setdefault((printed, form), set()).add(doc.id)
                for where, found in routes:
                    for clause in found.clauses:
                        chosen.extend((where, c) for c in self._with_body(
                            where, where.clauses[clause.key]))
                    ranked.extend((where.id, c.key) for c in found.clauses)
        parts += self._own_missing(unanswered, documents, language)
        citations, keys = self._cite(doc_clauses=chosen)
        return Answer(question, "\n\n".join(parts), abstained=not citations,
                      citations=citations, keys=keys, ranked=ranked)

    def _own_missing(self, unanswered: dict[tuple[str, str], set[str]],
                     documents: list[Document], language: str) -> list[str]:
        """For each article number every document looked in lacks (and no other has): the
        company's own documents looked at and the numbers they print (own_rules.py)."""
        from assistant.answer.own_rules import own_missing_text

        looked = {d.id for d in documents or [self.corpus.primary]}
        notes = []
        for (number, form), lacking in unanswered.items():
            if lacking >= looked and (note := own_missing_text(self, number, form, documents,
                                                               language)):
                notes.append(note)
        return notes

    def _as_printed(self, number: str, form: str, doc: Document) -> str:
        """`number` as `doc` prints it: a number the question wrote as an article (第5条,
        Article 5) is the document's article label (第五条) when it numbers articles so; an
        article label (第五条) is clause 5 of a standard numbered 1, 2, 3 that has no such
        article. Anything else is looked up as written."""
        table = self._table(doc)
        if form == "article" and (label := article_label(number)) is not None and any(
                _ARTICLE.fullmatch(n) for n in table):
            return label
        chapter = article_as_chapter(number)
        if (chapter is not None and number not in table and chapter in table
                and doc.meta.structure == "clauses"):
            return chapter
        return number

    def _table(self, doc: Document) -> dict[str, list[Clause]]:
        """`doc`'s lookup table by number."""
        if doc.id not in self._tables:
            self._route([], doc)
        return self._tables[doc.id][1]

    def _numbered_in(self, number: str, form: str, looked_in: Document
                     ) -> list[tuple[Document, RoutedNumber]]:
        """The other documents where `number` (as each prints it) names a clause: standards by
        their clause numbers, notices and rules by the labels they print with their own word
        (第三条, 第二章), with the clauses found."""
        found = []
        for doc in self.corpus.documents.values():
            if doc.id == looked_in.id:
                continue
            r = self._route([self._as_printed(number, form, doc)], doc, nearest=False)[0]
            if r.status != "missing" and (doc.meta.structure == "clauses"
                                          or _LABELLED.fullmatch(r.number)):
                found.append((doc, r))
        return found

    @staticmethod
    def _from_holders(r: RoutedNumber, form: str,
                      holders: list[tuple[Document, RoutedNumber]]
                      ) -> list[tuple[Document, RoutedNumber]]:
        """The documents an unnamed number is answered from instead of the primary standard:
        those that have it when the primary lacks it (第五条: only the company's rules have
        one), and those printing it as an article when the question writes an article (第5条)
        and the primary has it only as its chapter 5. Empty: the primary answers."""
        if r.status == "missing":
            return holders
        if form == "article" and not _ARTICLE.fullmatch(r.number):
            return [(d, h) for d, h in holders if _ARTICLE.fullmatch(h.number)]
        return []

    def _holders_text(self, primary: Document, r: RoutedNumber,
                      answered: list[tuple[Document, RoutedNumber]], t: Templates) -> str:
        """What the primary standard has under the number (none, or only a chapter), then the
        number in each document that has it (at most MAX_ANSWERED_DOCUMENTS; the others are
        listed with their clause tags)."""
        title = primary.meta.title(t.language)
        if r.status == "missing":
            blocks = [t("missing_here", doc_title=title, doc=primary.id,
                        **clause_name(answered[0][1].number, t.language))]
        else:
            blocks = [t("chapter_not_article", doc_title=title, doc=primary.id,
                        chapter=_chapter_name(r.number, t.language),
                        **clause_name(answered[0][1].number, t.language))]
        shown = answered[:MAX_ANSWERED_DOCUMENTS]
        blocks.extend(self._routed_text(h, d, t) for d, h in shown)
        rest = [t("also_item", doc_title=d.meta.title(t.language), doc=d.id,
                  label=f"[{d.id} {h.number}]") for d, h in answered[MAX_ANSWERED_DOCUMENTS:]]
        if rest:
            blocks.append(t("also_in", documents=_capped_list(rest, t)))
        return "\n\n".join(blocks)

    def _article_or_chapter(self, number: str) -> str:
        """An article label (第五条) that no document prints stands for the primary standard's
        chapter (5), as 第5条 does; a label some rules print stays theirs."""
        chapter = article_as_chapter(number)
        if chapter is None or any(self._route([number], doc, nearest=False)[0].status != "missing"
                                  for doc in self.corpus.documents.values()):
            return number
        found = self._route([chapter], self.corpus.primary, nearest=False)[0]
        return chapter if found.status != "missing" else number

    def _document_list(self, documents: list[Document], t: Templates) -> str:
        return _capped_list([t("document_item", doc_title=d.meta.title(t.language), doc=d.id)
                             for d in documents], t)

    def _edition_text(self, edition: Edition, t: Templates) -> str:
        chosen = self.corpus.documents[edition.chosen]
        text = t("editions" if edition.exact else "edition_missing", written=edition.written,
                 doc_title=chosen.meta.title(t.language), doc=chosen.id)
        if edition.others:
            others = self._document_list([self.corpus.documents[d] for d in edition.others], t)
            text += t("other_editions", documents=others)
        return text

    def _routed_text(self, r: RoutedNumber, doc: Document, t: Templates, form: str = "") -> str:
        title = doc.meta.title(t.language)
        if r.status == "missing" and form == "chapter" and r.number.isdigit():
            # 第九章 / chapter 9 of a document without one: said to be a missing chapter
            return t("missing_chapter", doc_title=title, doc=doc.id,
                     chapter=_chapter_name(r.number, t.language))
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
                named = _title_in(doc, clause, t.language)
                blocks.append(t("lookup_intro" if named else "lookup_intro_untitled",
                                doc_title=title, doc=doc.id, title=named,
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
        # A titled part of a numbered clause (10.2/谈判, 10.2/司法保护) is tagged by its own key,
        # so parts quoted together can be told apart.
        tag = clause.key if "/" in clause.key else clause.label
        header = t("clause_header", label=clause.label, title=title, doc=doc.id, tag=tag
                   ).replace("  ", " ")
        if clause.inferred:
            header += t("inferred_note")
        # A summary's or guide's quote is labelled as such beside its citation.
        header += status_note(document_status(doc.meta), t.language, self.settings.prompts_dir)
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
    def _search(self, question: str, doc: str | None, named: NamedDocuments,
                language: str) -> Answer:
        t = self.templates(language)
        result = self.retriever.search(question, doc, named=named)
        if doc is None:  # "我司专利被侵权怎么办": the company's own article on it first
            from assistant.answer.own_rules import company_first

            result = company_first(self, question, result)
        if result.abstained or not result.hits:
            if (ruling := rule(question, language, [], self.own_texts)) is not None:  # 国防专利
                return Answer(question, t("unanswerable", fact=ruling.fact, source=ruling.source),
                              True, [])
            intent = intent_of(question)  # a fee, term, office ...: say where to look
            if intent and (source := source_for(question, intent, language)):
                return Answer(question, t("unanswerable", fact=fact_for(intent, language),
                                          source=source), True, [])
            own = [d for i in ((doc,) if doc else named.mentioned)
                   if is_company_document((d := self.corpus.documents[i]).meta)]
            if own:  # asked of the company's documents: they do not speak to it either
                return Answer(question, t("abstain_own", documents=self._document_list(own, t)),
                              True, [])
            names = ", ".join(f"{d.meta.title(language)} ({d.id})"
                              for d in self.corpus.documents.values())
            # A story told without a question, naming nothing of the field: say so, and how to ask.
            return Answer(question, t("abstain_story" if tells_only(question) else "abstain",
                                      documents=names), True, [])
        cfg = self.settings.retrieval
        top = result.hits[0].strength()
        picked: list[tuple[Document, Clause, Hit]] = []
        for hit in result.hits:
            # The runner-up close behind the first is quoted too, so the user sees both.
            runner_up = len(result.hits) > 1 and hit is result.hits[1] \
                and hit.score >= result.hits[0].score * cfg.runner_up_ratio
            # Titled parts of one numbered clause (10.2/谈判 … 10.2/行政保护) count as one
            # clause: a question about its routes is shown all of them.
            clauses = {(d.id, c.key.split("/")[0]) for d, c, _ in picked}
            if (len(clauses) >= cfg.max_answer_clauses
                    and (hit.doc, hit.key.split("/")[0]) not in clauses) or (
                    hit.strength() < top * cfg.related_score_ratio and not runner_up):
                break
            document = self.corpus.documents[hit.doc]
            clause = document.clauses[hit.key]
            if any(_contains(document, p.key, clause.key) or _contains(document, clause.key, p.key)
                   for d, p, _ in picked if d.id == document.id):
                continue
            picked.append((document, clause, hit))
        tokenizer = self.retriever.lexical.tokenizer
        # A matter another law regulates (国防专利, 脱密期): the clauses that speak to a part of
        # it, after a note naming that law, or an abstention naming it (regulated.py).
        ruling = rule(question, language, [_titles(d, c) for d, c, _ in picked],
                      self.own_texts) \
            if self.settings.retrieval.answerability_check else None
        if ruling is not None and ruling.action == "abstain":
            return Answer(question, t("unanswerable", fact=ruling.fact, source=ruling.source),
                          True, [])
        if ruling is not None:
            picked = [picked[i] for i in ruling.cited]
        # Answerability: a clause answers a question asking for a fee, a term ... only if it
        # states one (assistant/answer/answerability.py).
        verdict = judge(question, language, [candidate(d, c) for d, c, _ in picked]
                        ) if self.settings.retrieval.answerability_check and ruling is None \
            else None
        if verdict is not None and verdict.action == "abstain":
            return Answer(question, t("unanswerable" if verdict.source else "unanswerable_nosource",
                                      fact=verdict.fact, source=verdict.source), True, [])
        hits = list(result.hits) if ruling is None else [h for _, _, h in picked]
        if verdict is not None and verdict.stated_by:
            # The clause that states the figure asked (12.1: every year) is quoted first.
            stater = picked.pop(verdict.stated_by)
            picked.insert(0, stater)
            hits.remove(stater[2])
            hits.insert(0, stater[2])
        query_tokens = tokenizer.tokens(question)
        groups = [(hit, [(document, c) for c in self._with_body(document, clause)[:6]])
                  for document, clause, hit in picked]
        quoted = [pair for _, pairs in groups for pair in pairs]
        citations, keys = self._cite(quoted, query_tokens, tokenizer.tokens)
        blocks = [self._edition_text(e, t) for e in result.named.editions]
        if ruling is not None:
            blocks.append(t("regulated_note", fact=ruling.fact, source=ruling.source))
        if verdict is not None and verdict.action == "unstated":
            # quoting only the company's own rules, it is they that state no figure, not a standard
            own = all(is_company_document(d.meta) for d, _, _ in picked)
            blocks.append(t("unstated_own" if own else "unstated", fact=verdict.fact))
        blocks.append(t("search_intro"))
        quotes = iter(citations)
        for hit, pairs in groups:
            for (document, clause), citation in zip(pairs, quotes):
                blocks.append(self._clause_block(document, clause, t, quote=citation.quote))
            if hit.also:
                blocks.append(t("also_in", documents=_capped_list(
                    [self._also_item(d, k, t) for d, k in hit.also], t)))
        return Answer(question, "\n\n".join(blocks), not citations, citations, keys,
                      ranked=[(h.doc, h.key) for h in hits])

    @cached_property
    def own_texts(self) -> list[str]:
        """The text of each of the company's own documents (regulated.rule reads their words),
        read once: the corpus is loaded once per answerer."""
        from assistant.answer.own_rules import own_documents

        return [" ".join(c.body for c in d.lookup_table())
                for d in own_documents(self.settings, self.corpus, self.names.family)]

    def _also_item(self, doc_id: str, key: str, t: Templates) -> str:
        document = self.corpus.documents[doc_id]
        return t("also_item", doc_title=document.meta.title(t.language), doc=doc_id,
                 label=document.clauses[key].label)

    def _cite(self, doc_clauses: list[tuple[Document, Clause]], query_tokens=None, tokenize=None
              ) -> tuple[list[Citation], list[tuple[str, str]]]:
        citations, keys = [], []
        for doc, clause in doc_clauses:
            citations.append(citation_for(doc, clause, quote_for(clause, query_tokens, tokenize)))
            keys.append((doc.id, clause.key))
        return citations, keys


def _titles(doc: Document, clause: Clause) -> str:
    """A clause's title with its rendition's (离职 / Departure), to read what it speaks to."""
    rendition = doc.renditions.get(clause.key)
    return f"{clause.title}\n{rendition.title}" if rendition is not None else clause.title


def _title_in(doc: Document, clause: Clause, language: str) -> str:
    """The clause's title as an answer in `language` names it: the rendition's title when the
    document is in the other language and has one ('Training' for 培训), else its own."""
    title = doc.display_title(clause)
    rendition = doc.renditions.get(clause.key) if language != doc.meta.language else None
    if rendition is not None and rendition.title.strip() and clause.title:
        return rendition.title.strip()
    return title


def _chapter_name(number: str, language: str) -> str:
    """第九章 / Chapter 9 for a chapter number ("9")."""
    from assistant.corpus.section_parser import cn_numeral

    if not number.isdigit():
        return number
    return f"第{cn_numeral(int(number))}章" if language == "zh" else f"Chapter {number}"


def _capped_list(items: list[str], t: Templates) -> str:
    """Items joined as the language lists them; past MAX_LISTED_DOCUMENTS, a count."""
    shown = items[:MAX_LISTED_DOCUMENTS]
    if len(items) > MAX_LISTED_DOCUMENTS:
        shown.append(t("more_documents", count=len(items) - MAX_LISTED_DOCUMENTS))
    return t("list_separator").join(shown)


def _contains(doc: Document, ancestor: str, key: str) -> bool:
    return any(a.key == ancestor for a in doc.ancestors(key))
