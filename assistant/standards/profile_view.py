"""Profiles shown as documents: `ipms clause 8.3 --doc gbt29490-2023` and `ipms corpus list`.

A profile whose standard's licensed text is in the corpus (imported with `--profile`, or carrying
its designation) is shown as that text; otherwise its clause is shown by number, title, level and
OUR summary (marked as such), with the clauses of bj-ipm the crosswalk relates to it.
"""
from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.renditions import Rendition
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.retrieval.documents import DocumentNames
from assistant.models import Clause, DocumentMeta
from assistant.retrieval.router import find_clause_numbers, nearest_clauses
from assistant.standards.crosswalk import load_crosswalk
from assistant.standards.profiles import Profile, ProfileClause, load_profile, profile_ids
from assistant.textutil import fold

QUOTED_STANDARD = "bj-ipm"


def add_command(profile: Profile) -> str:
    """How to add a licensed copy of the profiled standard."""
    return f"ipms corpus add FILE --profile {profile.id}"


@dataclass
class ProfileClauseView:
    """A profile clause and its sub-clauses (what `ipms clause` prints for a profile)."""

    profile: Profile
    number: str
    clauses: list[ProfileClause]  # the clause, then its sub-clauses in order
    corresponding: dict[str, list[str]]  # clause number -> bj-ipm clause keys (crosswalk)
    language: str | None = None

    @property
    def text(self) -> str:
        p, en = self.profile, self.language == "en"
        lines = [f"{p.title_zh} / {p.title_en} [{p.designation}, profile {p.id}]",
                 f"The text of {p.designation} is not in the corpus: numbers, titles and our own "
                 f"summaries (not the standard's wording). To add a licensed copy: "
                 f"{add_command(p)}"]
        top = self.clauses[0].level
        for clause in self.clauses:
            indent = "  " * (clause.level - top)
            title = f"{clause.title_en} ({clause.title})" if en and clause.title_en else clause.title
            flag = "" if clause.confidence == "confirmed" else f"  ({clause.confidence})"
            lines += ["", f"{indent}{clause.number} {title}  [{p.id} {clause.number}]{flag}",
                      f"{indent}  our summary: {clause.summary('en' if en else 'zh')}"]
            if keys := self.corresponding.get(clause.number):
                lines.append(f"{indent}  {QUOTED_STANDARD}: {', '.join(keys)}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"doc": self.profile.id, "designation": self.profile.designation,
                "number": self.number, "text_in_corpus": False, "is_summary": True,
                "clauses": [{"key": c.number, "clause": c.number, "title": c.title,
                             "title_en": c.title_en, "level": c.level, "kind": c.kind,
                             "confidence": c.confidence, "summary_zh": c.summary_zh,
                             "summary_en": c.summary_en,
                             "corresponding": {QUOTED_STANDARD: self.corresponding.get(c.number, [])}}
                            for c in self.clauses]}


def profile_clause_view(corpus: Corpus, number: str, doc_id: str, language: str | None = None):
    """What `ipms clause NUMBER --doc ID` shows when ID is a profile id rather than a document's:
    the document holding the standard's licensed text when there is one (a ClauseView), else
    the profile's clause (a ProfileClauseView); None when ID is no profile id either. Raises
    IpmsError for a number the profile lacks."""
    if doc_id not in profile_ids():
        return None
    names = DocumentNames(corpus)
    if (text := names.texts.get(doc_id)) is not None:
        from assistant.answer.clause_view import clause_view

        return clause_view(corpus, number, text, language)
    profile = load_profile(doc_id)
    plain = fold(number).strip().rstrip(".")
    wanted = plain if plain in profile.clauses else next(iter(find_clause_numbers(number)), plain)
    clause = profile.clause(wanted)
    if clause is None:
        as_clauses = [Clause(profile.id, n, n, n, c.title, "clause", "", 0, 0, ())
                      for n, c in profile.clauses.items()]
        near = ", ".join(f"{c.number} {c.title}" for c in nearest_clauses(wanted, as_clauses))
        raise IpmsError(f"{profile.designation} has no clause {wanted} in its profile"
                        + (f"; nearest: {near}" if near else ""))
    clauses = [clause] + [c for c in profile.clauses.values()
                          if c.number.startswith(clause.number + ".")]
    crosswalk = load_crosswalk()
    corresponding = {c.number: [r.clause(QUOTED_STANDARD) for r in crosswalk.rows
                                if r.clause(profile.id) == c.number and r.clause(QUOTED_STANDARD)]
                     for c in clauses}
    return ProfileClauseView(profile, clause.number, clauses,
                             {k: list(dict.fromkeys(v)) for k, v in corresponding.items()}, language)


PROFILE_ISSUER = "ipms summaries"  # marks the document as a summary (status.document_status)


def profile_document(profile: Profile) -> Document:
    """A profile as a document to browse: one clause per profile clause, numbered and titled
    as the standard is, its text OUR summary (the issuer marks it a summary, so every page says
    so), the English title and summary as its rendition. Never added to the corpus: answers
    and retrieval keep treating the profile as a profile."""
    meta = DocumentMeta(profile.id, profile.title_zh, profile.title_en, "guide", "zh",
                        PROFILE_ISSUER, "", "", "", "clauses", aliases=(profile.designation,))
    clauses: dict[str, Clause] = {}
    roots: list[str] = []
    for line, (number, c) in enumerate(profile.clauses.items(), start=1):
        parent = next((number[:i] for i in range(len(number) - 1, 0, -1)
                       if number[i] == "." and number[:i] in clauses), None)
        heading = f"{number} {c.title}"
        clauses[number] = Clause(profile.id, number, number, number, c.title, "clause",
                                 f"{heading}\n{c.summary_zh}", len(heading) + 1, line, (line,),
                                 parent=parent, depth=number.count("."))
        (clauses[parent].children if parent else roots).append(number)
    text = "\n".join(c.text for c in clauses.values())
    renditions = {n: Rendition(n, "en", c.title_en, c.summary_en)
                  for n, c in profile.clauses.items() if c.title_en or c.summary_en}
    return Document(meta, clauses, roots, [], text, renditions)


def profiles_without_text(corpus: Corpus) -> list[Profile]:
    """The shipped profiles whose standard's text no document of `corpus` holds: named by
    their ids wherever a document is chosen (`ipms ask --doc`, the web app's Ask filter)."""
    names = DocumentNames(corpus)
    return [p for pid, p in names.profiles.items() if pid not in names.texts]


def profile_lines(corpus: Corpus) -> list[str]:
    """`ipms corpus list` lines for the shipped profiles (kind 'profile'): the document holding
    each one's licensed text, or "text not in corpus", and the public sources it was built from."""
    names = DocumentNames(corpus)
    lines = []
    for pid, profile in names.profiles.items():
        text = names.texts.get(pid)
        where = f"text: {text}" if text else "text not in corpus"
        sources = ", ".join(s.id for s in profile.sources if s.public)
        lines.append(f"{pid:<20} {'profile':<13} --  {len(profile.clauses):>4} clauses  "
                     f"{profile.designation} {profile.title_zh} / {profile.title_en}  [{where}; "
                     f"sources: {sources}]")
    return lines


def import_defaults(profile_id: str, doc_id: str | None, title: str | None,
                    title_en: str) -> tuple[str, str, str]:
    """(id, title, English title) of an import with --profile: the profile's id and titles
    stand in for those not given. Raises IpmsError for an unknown profile id."""
    profile = load_profile(profile_id)
    return (doc_id or profile.id, title or profile.title_zh, title_en or profile.title_en)
