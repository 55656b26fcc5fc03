"""Answers about a standard whose text is not in the corpus: from its profile, never as a quote.

A question naming GB/T 29490—2023 (or —2013, or ISO 56005) when no document of the corpus holds
its licensed text is answered from the shipped profile (corpus/profiles/): the clause's number and
title; a sentence saying the standard's text is not in the corpus and how to add a licensed copy
(`ipms corpus add FILE --profile ID`); OUR summary, labelled as ours and never in quote marks or a
quote field (it goes to `Answer.summaries`, not `Answer.citations`); and verbatim quotes of the
corresponding clauses of the texts the corpus does hold (bj-ipm), found through the crosswalk and
cited `[bj-ipm 7.3.2.4]` as usual. A number the profile lacks is said to be missing from it (never
answered with bj-ipm's clause of that number). A topical question searches the profile's titles
and summaries (profile_search.py). A standard neither in the corpus nor profiled ('GB/T 19001')
is said to be missing before whatever the corpus says is given.

Which standards a question names, and whether their text is in the corpus, is decided by
assistant/retrieval/documents.py (`NamedDocuments.profiles`, `.unknown`). The framing sentences
are in prompts/profiles/<lang>.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.answer.answerability import Candidate, intent_of, judge
from assistant.models import Answer, Clause, Summary
from assistant.retrieval.documents import NamedDocuments, NamedProfile
from assistant.retrieval.router import nearest_clauses
from assistant.standards.crosswalk import Crosswalk, load_crosswalk, row_by_topic
from assistant.standards.profile_missing import held_elsewhere
from assistant.standards.profile_search import search_profile
from assistant.standards.profiles import Profile, ProfileClause
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.store import Document

QUOTED_STANDARD = "bj-ipm"  # the corpus text the crosswalk relates the profiles to
MAX_QUOTED = 6  # corresponding clauses quoted for one profile clause; the others are listed
MAX_LISTED = 8  # corresponding clauses named after the quotes; the rest are counted, with the
# command that shows them all (ipms crosswalk)
MAX_CHILDREN = 40
_ANNEX_EN = re.compile(r"(?i)\b(?:annex|appendix)\s+([A-Z])\b")


class ProfileTemplates:
    """Framing sentences for one language, from prompts/profiles/<lang>.toml."""

    def __init__(self, prompts_dir: Path, language: str) -> None:
        self.language = language
        with (prompts_dir / "profiles" / f"{language}.toml").open("rb") as handle:
            self.strings: dict[str, str] = tomllib.load(handle)

    def __call__(self, name: str, **values: object) -> str:
        return self.strings[name].format(**values)


class ProfileAnswers:
    """Answers from the standard profiles, built beside an ExtractiveAnswerer (whose corpus,
    clause blocks and citations it uses for the bj-ipm quotes)."""

    def __init__(self, answerer: "ExtractiveAnswerer", crosswalk: Crosswalk | None = None) -> None:
        self.answerer = answerer
        self.corpus = answerer.corpus
        self._crosswalk = crosswalk
        self._templates: dict[str, ProfileTemplates] = {}

    @property
    def crosswalk(self) -> Crosswalk:
        if self._crosswalk is None:
            self._crosswalk = load_crosswalk()
        return self._crosswalk

    def templates(self, language: str) -> ProfileTemplates:
        if language not in self._templates:
            self._templates[language] = ProfileTemplates(self.answerer.settings.prompts_dir,
                                                         language)
        return self._templates[language]

    def profile(self, profile_id: str) -> Profile:
        return self.answerer.names.profiles[profile_id]

    # -- entry points ----------------------------------------------------------------------------
    def answer(self, question: str, numbers: list[str], named: NamedDocuments,
               language: str) -> Answer | None:
        """The answer when the question names a profiled standard whose text is not in the
        corpus: a clause lookup when it has clause numbers (unless it also names a document by
        its own designation), else a search of the profile when it names no document; None when
        the ordinary answer applies."""
        if numbers and named.unknown and not named.ids and not named.profiles:
            return self.unknown_lookup(question, named, language)
        if not named.profiles:
            return None
        if not numbers and (annex := _ANNEX_EN.search(question)):
            numbers = [annex.group(1).upper()]  # "GB/T 29490-2023 Annex B"
        if numbers and not (named.ids and (named.designated or self._in_named(numbers, named))):
            return self.lookup(question, numbers, named.profiles, language)
        if not numbers and not named.ids:
            return self.search(question, named.profiles[0], language)
        return None

    def _in_named(self, numbers: list[str], named: NamedDocuments) -> bool:
        """Whether a document the question names by title or alias has one of the numbers
        ("ISO 56005 试点通知 第三条" asks the pilot notice, which goes by "ISO 56005" too)."""
        return any(r.status != "missing" for doc_id in named.ids
                   for r in self.answerer._route(numbers, self.corpus.documents[doc_id],
                                                 nearest=False))

    def unknown_lookup(self, question: str, named: NamedDocuments, language: str) -> Answer:
        """A clause number of a standard neither in the corpus nor profiled ('GB/T 19001
        第4条'): said to be missing, with how to add it; no clause is given, since the same
        number in another standard is another clause."""
        t = self.templates(language)
        text = t("unknown_abstain", designations=t("list_separator").join(named.unknown))
        return Answer(question, text, abstained=True, citations=[])

    def with_unknown(self, answer: Answer, named: NamedDocuments, language: str) -> Answer:
        """`answer` led by a note that the standards named but neither in the corpus nor
        profiled are missing ('GB/T 19001 is not in the corpus …'); unchanged when none."""
        if not named.unknown:
            return answer
        t = self.templates(language)
        designations = t("list_separator").join(named.unknown)
        if answer.abstained:
            note = t("unknown_abstain", designations=designations)
        else:
            note = t("unknown", designations=designations)
        return replace(answer, answer=f"{note}\n\n{answer.answer}")

    def unknown_search(self, question: str, named: NamedDocuments, language: str,
                       search: Callable[[str], Answer]) -> Answer:
        """A topical question naming a standard neither in the corpus nor profiled ('GJB 9158
        对知识产权管理有什么要求'): the rest of the question (without that standard's name) is
        searched, and its answer kept only when a clause it quotes answers that rest on its own
        — its title (without the field's leading words) is in it; otherwise an abstention naming
        the standards held. `with_unknown` then says the standard named is missing."""
        from assistant.standards.names import standards_named

        rest = fold(question)
        for mention in reversed(standards_named(rest)):
            if mention.designation in named.unknown:
                start, end = mention.span
                rest = rest[:start] + " " + rest[end:]
        answer = search(rest)
        answer.question = question
        if answer.abstained or any(_titled_in(self.corpus.documents[d], self.corpus.documents[d]
                                              .clauses[k], rest, language)
                                   for d, k in answer.keys):
            return answer
        return Answer(question, self.held_text(language), abstained=True, citations=[])

    def held_text(self, language: str) -> str:
        """A sentence naming the standards held: those whose text is in the corpus, then the
        profiled ones (summaries only)."""
        t = self.templates(language)
        texts = [f"{d.meta.title(language) or d.meta.title_zh} ({d.id})"
                 for d in self.corpus.documents.values() if d.meta.kind == "standard"]
        profiled = [p.designation for pid, p in self.answerer.names.profiles.items()
                    if pid not in self.answerer.names.texts]
        return t("held_standards", texts=t("held_separator").join(texts),
                 profiles=t("held_separator").join(profiled))

    def also_profiled(self, answer: Answer, numbers: list[str], language: str) -> Answer:
        """A lookup of numbers that named no document, followed by the profiles (whose text is
        not in the corpus) that have those numbers too."""
        t = self.templates(language)
        from assistant.answer.extractive import clause_name

        parts = []
        for number in numbers:
            found = [(p, c) for pid, p in self.answerer.names.profiles.items()
                     if pid not in self.answerer.names.texts and (c := p.clause(number))]
            if found:
                items = t("list_separator").join(f"{p.designation} {c.title}" for p, c in found)
                parts.append(t("also_profiled", clauses=items, designation=found[0][0].designation,
                               **clause_name(number, language)))
        if not parts:
            return answer
        return replace(answer, answer="\n\n".join([answer.answer, *parts]))

    # -- clause lookups --------------------------------------------------------------------------
    def lookup(self, question: str, numbers: list[str], profiles: tuple[NamedProfile, ...],
               language: str) -> Answer:
        """Each number looked up in each named profile (see the module docstring)."""
        t = self.templates(language)
        parts: list[str] = []
        chosen: list[tuple[Document, Clause]] = []
        summaries: list[Summary] = []
        ranked: list[tuple[str, str]] = []
        found_any = False
        for named in profiles:
            profile = self.profile(named.profile)
            if named.others:
                parts.append(self._edition_note(named, profile, t))
            for number in numbers:
                clause = profile.clause(number)
                elsewhere = self._title_elsewhere(question, profile, number, t)
                if elsewhere is not None:  # said first; the clause it belongs to comes last
                    parts.append(elsewhere[0])
                if clause is None:
                    parts.append(self._missing_text(profile, number, t))
                shown_clauses = [(profile, clause)] if clause is not None else []
                if elsewhere is not None:
                    shown_clauses.append(elsewhere[1:])
                for owner, shown_clause in shown_clauses:
                    found_any = True
                    text, quoted, shown = self._clause_text(owner, shown_clause, t)
                    parts.append(text)
                    chosen += quoted
                    summaries += shown
                    ranked.append((owner.id, shown_clause.number))
                    ranked += [(d.id, c.key) for d, c in quoted]
        if found_any:
            parts.append(self._how_to_add(profiles, t))
        citations, keys = self.answerer._cite(chosen)
        return Answer(question, "\n\n".join(parts), abstained=not found_any,
                      citations=citations, keys=keys, ranked=list(dict.fromkeys(ranked)),
                      summaries=summaries)

    def _clause_text(self, profile: Profile, clause: ProfileClause, t: ProfileTemplates
                     ) -> tuple[str, list[tuple["Document", Clause]], list[Summary]]:
        """The text for one profile clause, the corpus clauses it quotes, the summaries shown."""
        from assistant.answer.extractive import clause_name

        names = clause_name(clause.number, t.language)
        if clause.level == 1 and clause.number.isdigit():  # a chapter: 第10章 / Chapter 10
            chapter = f"第{clause.number}章" if t.language == "zh" else f"Chapter {clause.number}"
            names = {**names, "clause": chapter, "clause_lower": chapter.replace("Chapter", "chapter")}
        blocks = [t("clause_intro", designation=profile.designation, title=self._title(profile, t),
                    clause_title=self._clause_title(clause, t), **names),
                  t("not_in_corpus", designation=profile.designation),
                  t("summary", summary=clause.summary(t.language))]
        summaries = [self._summary(profile, clause, t)]
        if clause.confidence == "unverified":
            blocks.append(t("unverified"))
        children = [c for c in profile.clauses.values()
                    if c.number.startswith(clause.number + ".")][:MAX_CHILDREN]
        if children:
            lines = [t("children")]
            for child in children:
                indent = "  " * (child.level - clause.level - 1)
                lines.append(t("child", indent=indent, number=child.number,
                               clause_title=self._clause_title(child, t),
                               summary=child.summary(t.language)))
                summaries.append(self._summary(profile, child, t))
            blocks.append("\n".join(lines))
        shown, rest = self._corresponding(profile.id, clause.number)
        if shown:
            blocks.append(t("corresponding"))
            for document, corpus_clause in shown:
                blocks.append(self.answerer._clause_block(document, corpus_clause,
                                                          self.answerer.templates(t.language)))
            if rest:
                blocks.append(self._more_text(profile, clause, rest, t))
        else:
            blocks.append(t("no_corresponding"))
        return "\n\n".join(blocks), shown, summaries

    def _more_text(self, profile: Profile, clause: ProfileClause, rest: list[Clause],
                   t: ProfileTemplates) -> str:
        """The corresponding clauses not quoted: each named once, best first, at most
        MAX_LISTED; the others counted, with the command that lists them all."""
        document = self.corpus.documents[QUOTED_STANDARD]
        named = []
        for c in rest[:MAX_LISTED]:
            title = document.display_title(c)
            rendition = document.renditions.get(c.key)
            if t.language != document.meta.language and rendition and rendition.title:
                title = f"{rendition.title} ({title})"  # the reader's language first
            named.append(f"[{document.id} {c.label}] {title}")
        text = t("more_corresponding", clauses=t("list_separator").join(named))
        if len(rest) > MAX_LISTED:
            text += t("more_counted", count=len(rest) - MAX_LISTED, number=clause.number,
                      profile=profile.id)
        return text

    def _title_elsewhere(self, question: str, profile: Profile, number: str,
                         t: ProfileTemplates) -> tuple[str, Profile, ProfileClause] | None:
        """When a question names a clause number with a title ("GB/T 29490-2023 第4.2.3条
        知识产权手册") and that title is not the title of that number in the named edition but
        of another clause of it or of another edition of the same standard (4.2.3 知识产权手册
        of the 2013 edition), a sentence saying so, with the edition's counterparts in the
        crosswalk, and the profile and clause the title belongs to; else None. The longest
        title the question holds is read (Chinese, or English case-insensitively)."""
        from assistant.answer.extractive import clause_name

        asked = re.sub(r"《[^》]*》", "|", question)  # a document's title names no clause
        for edition in self._editions(profile):
            for name in (edition.title_zh, edition.title_en):
                asked = asked.replace(name, "|") if name else asked
        asked = re.sub(r"\s+", "", asked).lower()
        owners = [profile] + [p for p in self._editions(profile) if p.id != profile.id]
        found = [(len(title), p, c) for p in owners for c in p.clauses.values()
                 for title in (c.title, c.title_en)
                 if title and len(re.sub(r"\s+", "", title)) >= (3 if title == c.title else 8)
                 and re.sub(r"\s+", "", title).lower() in asked]
        if not found:
            return None
        longest = max(n for n, _, _ in found)
        named = profile.clause(number)
        if named is not None and any(c is named for n, _, c in found if n == longest):
            return None  # the title is the named clause's own
        _, owner, clause = next(f for f in found if f[0] == longest)
        if owner is profile and clause.number == number:
            return None
        title = self._clause_title(clause, t)
        note = t("title_elsewhere", title=title, asked_designation=profile.designation,
                 designation=owner.designation, owner=clause_name(clause.number, t.language)[
                     "clause_lower"], **clause_name(number, t.language))
        if owner is not profile:
            counterparts = [profile.clause(n) for n in
                            self.crosswalk.corresponding(owner.id, clause.number, profile.id)]
            listed = [f"{c.number} {self._clause_title(c, t)}" for c in counterparts if c]
            if listed:
                note += ("" if t.language == "zh" else " ") + t(
                    "title_counterparts", asked_designation=profile.designation,
                    clauses=t("list_separator").join(listed))
        return note, owner, clause

    def _editions(self, profile: Profile) -> list[Profile]:
        """The profiles of every edition of a profile's standard (GB/T 29490—2013 and —2023)."""
        from assistant.standards.profiles import profile_ids

        series = re.sub(r"\s*[—–-]\s*\d{4}$", "", profile.designation)
        out = []
        for profile_id in profile_ids():
            other = self.profile(profile_id)
            if re.sub(r"\s*[—–-]\s*\d{4}$", "", other.designation) == series:
                out.append(other)
        return out

    def _corresponding(self, profile_id: str, number: str
                       ) -> tuple[list[tuple["Document", Clause]], list[Clause]]:
        """The clauses of the quoted standard the crosswalk relates to this profile clause (or
        to its sub-clauses), best first (_ranked_keys), each once: (the clauses quoted — a
        heading stands for its clauses with text, at most MAX_QUOTED —, the further clauses
        related, each named by its own key)."""
        document = self.corpus.documents.get(QUOTED_STANDARD)
        if document is None:
            return [], []
        shown: list[tuple[Document, Clause]] = []
        rest: list[Clause] = []
        for key in self._ranked_keys(profile_id, number):
            if key not in document.clauses:
                continue
            parts = [c for c in self.answerer._with_body(document, document.clauses[key])
                     if all(c.key != s.key for _, s in shown)]
            if not rest and (not shown or len(shown) + len(parts) <= MAX_QUOTED):
                shown += [(document, c) for c in parts[:MAX_QUOTED]]
            elif parts:  # not already quoted (itself, or as a part of a heading quoted)
                rest.append(document.clauses[key])
        return shown, rest

    def _ranked_keys(self, profile_id: str, number: str) -> list[str]:
        """The quoted standard's clause keys the crosswalk relates to `number`, each once, best
        first: rows on the clause itself before rows on its sub-clauses, rows relating the
        clauses for their own reasons before those 'mapped by topic', an equivalent clause
        before one that partly covers, then the table's order."""
        best: dict[str, tuple] = {}
        for order, row in enumerate(self.crosswalk.rows_for(profile_id, number)):
            key = row.clause(QUOTED_STANDARD)
            if not key:
                continue
            rank = (row.clause(profile_id) != number, row_by_topic(row),
                    row.bj_ipm_relation != "equivalent", order)
            best[key] = min(best.get(key, rank), rank)
        return sorted(best, key=best.__getitem__)

    def _missing_text(self, profile: Profile, number: str, t: ProfileTemplates) -> str:
        from assistant.answer.extractive import clause_name

        names = clause_name(number, t.language)
        text = t("missing", designation=profile.designation, **names)
        parent = number.rsplit(".", 1)[0] if "." in number else None
        listed = parent is not None and profile.clause(parent) is not None and not any(
            c.number.startswith(parent + ".") for c in profile.clauses.values())
        space = "" if t.language == "zh" else " "
        if listed:
            text += space + t("not_listed", parent=parent, **names)
        if (elsewhere := held_elsewhere(self, profile, number, t)) is not None:
            return text + space + elsewhere  # the crosswalk's counterparts are the nearest
        as_clauses = [Clause(profile.id, c.number, c.number, c.number, c.title, "clause", "", 0,
                             0, ()) for c in profile.clauses.values()]
        nearest = nearest_clauses(number, as_clauses)
        if nearest:
            text += space + t("nearest", clauses=t("list_separator").join(
                f"{c.number} {c.title}" for c in nearest))
        return text

    # -- topical questions ------------------------------------------------------------------------
    def requirement(self, question: str, profile_id: str, language: str, limit: int = 1
                    ) -> tuple[list[str], list[tuple[Document, Clause]], list[Summary]] | None:
        """The best `limit` clauses of a profile for `question` as a lookup shows them (title,
        our summary, the corpus clauses the crosswalk maps it to): (texts, corpus clauses
        quoted, summaries shown); None when no clause matches."""
        profile = self.profile(profile_id)
        found = search_profile(profile, question)[:limit]
        if not found:
            return None
        t = self.templates(language)
        texts: list[str] = []
        chosen: list[tuple[Document, Clause]] = []
        summaries: list[Summary] = []
        for _, clause in found:
            text, quoted, shown = self._clause_text(profile, clause, t)
            texts.append(text)
            chosen += [q for q in quoted if q not in chosen]
            summaries += shown
        return texts, chosen, summaries

    def search(self, question: str, named: NamedProfile, language: str) -> Answer:
        """The profile clauses whose titles and summaries match the question, each answered as
        a lookup would; abstains when none matches."""
        t = self.templates(language)
        profile = self.profile(named.profile)
        found = search_profile(profile, question)
        if (unanswerable := self._unanswerable(question, found, language)) is not None:
            return unanswerable
        note = [self._edition_note(named, profile, t)] if named.others else []
        if not found:
            text = "\n\n".join([*note, t("search_none", designation=profile.designation),
                                self._how_to_add((named,), t)])
            return Answer(question, text, abstained=True, citations=[])
        parts = [*note, t("search_intro", designation=profile.designation)]
        chosen: list[tuple[Document, Clause]] = []
        summaries: list[Summary] = []
        ranked: list[tuple[str, str]] = []
        for _, clause in found:
            text, quoted, shown = self._clause_text(profile, clause, t)
            parts.append(text)
            chosen += [q for q in quoted if q not in chosen]
            summaries += shown
            ranked.append((profile.id, clause.number))
        ranked += [(d.id, c.key) for d, c in chosen]
        parts.append(self._how_to_add((named,), t))
        citations, keys = self.answerer._cite(chosen)
        return Answer(question, "\n\n".join(parts), abstained=False, citations=citations,
                      keys=keys, ranked=list(dict.fromkeys(ranked)), summaries=summaries)

    def _unanswerable(self, question: str, found: list[tuple[object, ProfileClause]],
                      language: str) -> Answer | None:
        """The abstention for a question asking a fact no profile clause found states (a
        consultant's fee for a GB/T 29490 project, a certification body's price): the clauses'
        titles and summaries are judged as the search answer's clauses are
        (assistant/answer/answerability.py); None when the profile answer stands."""
        if not found or not self.answerer.settings.retrieval.answerability_check:
            return None
        intent = intent_of(question)
        if not intent:
            return None
        candidates = [Candidate("\n".join([clause.title, clause.title_en or "",
                                           clause.summary("zh"), clause.summary("en")]))
                      for _, clause in found]
        verdict = judge(question, language, candidates, intent)
        if verdict.action != "abstain":
            return None
        t = self.answerer.templates(language)
        text = t("unanswerable" if verdict.source else "unanswerable_nosource",
                 fact=verdict.fact, source=verdict.source)
        return Answer(question, text, abstained=True, citations=[])

    # -- pieces -----------------------------------------------------------------------------------
    def _how_to_add(self, profiles: tuple[NamedProfile, ...], t: ProfileTemplates) -> str:
        return "\n".join(t("how_to_add", profile=p.profile,
                           title=self._title(self.profile(p.profile), t)) for p in profiles)

    def _edition_note(self, named: NamedProfile, profile: Profile, t: ProfileTemplates) -> str:
        others = t("list_separator").join(self.profile(o).designation for o in named.others)
        return t("edition_latest", written=named.written, designation=profile.designation,
                 others=others)

    @staticmethod
    def _title(profile: Profile, t: ProfileTemplates) -> str:
        return profile.title_en if t.language == "en" and profile.title_en else profile.title_zh

    @staticmethod
    def _clause_title(clause: ProfileClause, t: ProfileTemplates) -> str:
        if t.language == "en" and clause.title_en and clause.title_en != clause.title:
            return f"{clause.title_en} ({clause.title})"
        return clause.title

    def _summary(self, profile: Profile, clause: ProfileClause, t: ProfileTemplates) -> Summary:
        return Summary(profile.id, clause.number, profile.designation, clause.title,
                       clause.summary(t.language))


# A title's leading words of the field, and titles that name no topic of their own.
_FIELD_LEAD = re.compile(r"^(?:企业|知识产权|管理)+")
_GENERAL_TITLES = {"", "管理", "要求", "总则", "总体要求", "体系", "管理体系", "通则", "概述"}
_GENERAL_EN = {"", "general", "requirements", "general requirements", "management",
               "management system", "overview", "general provisions"}


def _titled_in(document: "Document", clause: Clause, text: str, language: str) -> bool:
    """Whether the question text `text` names the clause by its title: its Chinese title (or
    rendition's), without the field's leading words, is in it, or every word of its English
    title is; a general title (总则, General requirements) names nothing."""
    rendition = document.renditions.get(clause.key)
    titles = [document.display_title(clause), clause.title,
              rendition.title if rendition is not None else ""]
    words = set(re.findall(r"[a-z]+", text.lower()))
    for title in filter(None, titles):
        head = _FIELD_LEAD.sub("", re.sub(r"\s+", "", fold(title)))
        if re.search(r"[\u4e00-\u9fff]", head):
            if head not in _GENERAL_TITLES and len(head) >= 2 and head in re.sub(r"\s+", "", text):
                return True
            continue
        english = re.sub(r"[^a-z ]", " ", title.lower()).split()
        if " ".join(english) not in _GENERAL_EN and english and set(english) <= words:
            return True
    return False
