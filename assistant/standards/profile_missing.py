"""A clause number a profiled standard does not have: where else it is, and what it maps to.

"2023版第10.1.2.1条" asks GB/T 29490—2023 for a number only the Beijing standard prints (staff
quote bj-ipm numbers). The answer says 2023 lacks it (profile_answers._missing_text), then names
the held standards that have the number — the corpus's bj-ipm text, the other profiles — with
their titles, and the clauses of the asked standard the crosswalk relates to them: the nearest
clauses by meaning, never a clause made up for the number. When the standard was not named but
came from the default_standard setting, the user probably meant the standard that prints the
number, and `held_instead` answers from it, quoted, after that note.

Wording is in prompts/profiles/<lang>.toml (held_elsewhere, held_elsewhere_unmapped, held_place,
held_quoted).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.standards.crosswalk import COLUMNS

if TYPE_CHECKING:
    from assistant.models import Answer
    from assistant.standards.profile_answers import ProfileAnswers, ProfileTemplates
    from assistant.standards.profiles import Profile


@dataclass(frozen=True)
class Holder:
    """A held standard that has the number: its id (a corpus document or a profile), how an
    answer names it, the clause's key there and its title."""

    id: str
    name: str
    key: str
    title: str


def holders(answers: "ProfileAnswers", asked: "Profile", number: str, language: str
            ) -> list[Holder]:
    """The held standards other than `asked` whose clause `number` exists: the corpus's
    clause-numbered standards first (bj-ipm), then the other editions of `asked` whose text the
    corpus does not hold (ISO 56005's 4.6 is no reading of GB/T 29490's)."""
    answerer = answers.answerer
    t = answerer.templates(language)
    out = []
    for doc in answers.corpus.documents.values():
        if doc.meta.kind != "standard" or doc.meta.structure != "clauses":
            continue
        found = answerer._route([number], doc, nearest=False)[0]
        if found.status == "found":
            clause = doc.clauses[found.clauses[0].key]
            rendition = doc.renditions.get(clause.key) if language != doc.meta.language else None
            title = (rendition.title.strip() if rendition is not None and rendition.title.strip()
                     else doc.display_title(clause))
            out.append(Holder(doc.id, t("document_item", doc_title=doc.meta.title(language)
                                        or doc.meta.title_zh, doc=doc.id), clause.key, title))
    for profile in answers._editions(asked):  # another edition, never another standard
        pid = profile.id
        if pid == asked.id or pid in answerer.names.texts or (c := profile.clause(number)) is None:
            continue
        title = c.title_en if language == "en" and c.title_en else c.title
        out.append(Holder(pid, profile.designation, c.number, title))
    return out


def held_elsewhere(answers: "ProfileAnswers", asked: "Profile", number: str,
                   t: "ProfileTemplates") -> str | None:
    """The sentence naming the held standards that have `number` and the clauses of `asked`
    the crosswalk relates to them; None when no held standard has it."""
    from assistant.answer.extractive import clause_name

    found = holders(answers, asked, number, t.language)
    if not found:
        return None
    names = clause_name(number, t.language)
    places = t("list_separator").join(
        t("held_place", standard=h.name, title=h.title, **clause_name(h.key, t.language))
        for h in found)
    mapped: list[str] = []
    for h in found:
        if h.id in COLUMNS and asked.id in COLUMNS:
            mapped += answers.crosswalk.corresponding(h.id, h.key, asked.id)
    listed = [f"{c.number} {answers._clause_title(c, t)}"
              for n in dict.fromkeys(mapped) if (c := asked.clause(n)) is not None]
    if not listed:
        return t("held_elsewhere_unmapped", places=places, designation=asked.designation, **names)
    return t("held_elsewhere", places=places, designation=asked.designation,
             clauses=t("list_separator").join(listed), **names)


def held_instead(answers: "ProfileAnswers", missing: "Answer", held: "Answer", profile_id: str,
                 number: str, language: str) -> "Answer":
    """`missing` (the default standard's profile `profile_id` lacks `number`) followed by
    `held`, the lookup of the number in the standards that print it; `missing` alone when that
    finds nothing either."""
    found = holders(answers, answers.profile(profile_id), number, language)
    if held.abstained or not found:
        return missing
    lead = answers.templates(language)("held_quoted", place=found[0].name)
    return replace(held, answer="\n\n".join((missing.answer, lead, held.answer)))
