"""A topical question read in the default standard when only its profile is held.

With IPMS_DEFAULT_STANDARD=gbt29490-2023, "管理评审的输入包括哪些？" or "How do we set IP
objectives?" is a question about GB/T 29490—2023. Its clauses come first: those whose own title
and summary match the question strongly (profile_search.strong_matches: 6.3 for objectives),
then those the crosswalk relates to the corpus clause the ordinary search ranks first (bj-ipm
13.2.1 评审输入 → 9.4), at most MAX_CLAUSES, each with its title and our summary, never as a
quote. The Beijing standard's clauses follow, quoted, only when the ordinary search found
clauses that answer the question: they add the wording a summary cannot give. When the search
abstains, a strongly matched 2023 clause is answered as a profile lookup would answer it (合规文化
is 2023's own topic: 5.1.3), unless the question asks a fact no clause states (a fee, a term);
otherwise the abstention stands.

Wording is in prompts/profiles/<lang>.toml (default_intro, default_clause, default_held).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.standards.crosswalk import COLUMNS
from assistant.standards.profile_answers import QUOTED_STANDARD
from assistant.standards.profile_search import strong_matches

if TYPE_CHECKING:
    from assistant.retrieval.documents import NamedProfile
    from assistant.standards.profile_answers import ProfileAnswers
    from assistant.standards.profiles import Profile, ProfileClause

MAX_CLAUSES = 3


def edition_clauses(answers: "ProfileAnswers", profile: "Profile", question: str,
                    searched: Answer) -> list["ProfileClause"]:
    """The profile's clauses for a topical question, best first (see the module docstring)."""
    chosen = [c for _, c in strong_matches(profile, question)]
    top = next((k for d, k in searched.keys if d == QUOTED_STANDARD), None)
    if top is not None and not searched.abstained and profile.id in COLUMNS:
        for number in answers.crosswalk.corresponding(QUOTED_STANDARD, top, profile.id):
            if (clause := profile.clause(number)) is not None:
                chosen.append(clause)
    return list({c.number: c for c in chosen}.values())[:MAX_CLAUSES]


def edition_first(answers: "ProfileAnswers", question: str, named: "NamedProfile",
                  searched: Answer, language: str) -> Answer:
    """The answer to a topical question in the default standard `named` (a profile), given the
    ordinary search's answer `searched`; `searched` itself when no clause of the profile fits."""
    from assistant.answer.extractive import clause_name

    profile = answers.profile(named.profile)
    clauses = edition_clauses(answers, profile, question, searched)
    if not clauses:
        return searched
    if searched.abstained:
        found = [(0.0, c) for c in clauses]
        return answers._unanswerable(question, found, language) or answers.lookup(
            question, [clauses[0].number], (named,), language)
    t = answers.templates(language)
    parts = [t("default_intro", designation=profile.designation)]
    for clause in clauses:
        parts.append(t("default_clause", designation=profile.designation,
                       clause_title=answers._clause_title(clause, t),
                       summary=clause.summary(language), **clause_name(clause.number, language)))
        if clause.confidence == "unverified":
            parts.append(t("unverified"))
    # The search's own heading gives way to this answer's (the clauses follow unchanged).
    held = searched.answer.replace(answers.answerer.templates(language)("search_intro"), "", 1)
    parts += [t("default_held"), held.strip()]
    summaries = [answers._summary(profile, c, t) for c in clauses]
    ranked = [(profile.id, c.number) for c in clauses] + list(searched.ranked)
    return Answer(question, "\n\n".join(parts), abstained=False, citations=searched.citations,
                  keys=searched.keys, ranked=list(dict.fromkeys(ranked)), summaries=summaries)
