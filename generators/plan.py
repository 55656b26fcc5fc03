"""What a package holds for one company: the procedures and forms that apply, the exclusions with
their reasons, and for every requirement clause what addresses it (the traceability matrix and
the coverage report)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.store import Document
from generators.intake import Intake
from generators.templates_io import Form, Procedure, TemplateSet, context_for


@dataclass
class ClauseStatus:
    key: str
    label: str
    title: str
    status: Literal["addressed", "excluded", "gap"]
    manual: bool
    procedures: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class PackagePlan:
    intake: Intake
    language: str
    standard: Document
    context: dict
    procedures: list[Procedure]  # those that apply
    excluded: list[tuple[Procedure, str]]  # those that do not, with the reason
    forms: list[Form]
    clauses: list[ClauseStatus]

    def counts(self) -> dict[str, int]:
        out = {"addressed": 0, "excluded": 0, "gap": 0}
        for c in self.clauses:
            out[c.status] += 1
        return out


def requirement_clauses(standard: Document) -> list:
    """Clauses that state requirements: numbered clauses with text from chapter 4 on, and the
    unnumbered headings with text inside them (definitions, scope and front matter excluded)."""
    out = []
    for clause in standard.clauses.values():
        if not clause.body.strip():
            continue
        chapter = ([clause] + standard.ancestors(clause.key))[-1]
        if clause.kind == "heading" or (clause.number and chapter.number
                                        and chapter.number.isdigit() and int(chapter.number) >= 4):
            out.append(clause)
    return out


def _serves(listed: str, key: str, standard: Document) -> bool:
    return listed == key or any(a.key == listed for a in standard.ancestors(key))


def plan_package(intake: Intake, templates: TemplateSet, standard: Document,
                 language: str) -> PackagePlan:
    context = context_for(intake, templates)
    active, excluded = [], []
    for procedure in templates.procedures:
        if templates.condition(procedure.when, context):
            active.append(procedure)
        else:
            excluded.append((procedure, procedure.excluded_reason.get(language, "")))
    active_codes = {p.code for p in active}
    forms = [f for f in templates.forms if f.procedure in active_codes]
    manual_texts = templates.manual(language).get("clauses", {})
    statuses = []
    for clause in requirement_clauses(standard):
        title = _title(standard, clause, language)
        serving = [p.code for p in active if any(_serves(k, clause.key, standard) for k in p.clauses)]
        records = [f.code for f in forms if _serves(f.clause, clause.key, standard)]
        dropped = [(p, reason) for p, reason in excluded
                   if any(_serves(k, clause.key, standard) for k in p.clauses)]
        has_manual = clause.key in manual_texts
        if dropped and not serving:
            status, reason = "excluded", dropped[0][1]
        elif has_manual or serving or records:
            status, reason = "addressed", ""
        else:
            status, reason = "gap", ""
        statuses.append(ClauseStatus(clause.key, clause.label, title, status,
                                     has_manual and status != "excluded", serving, records, reason))
    return PackagePlan(intake, language, standard, context, active, excluded, forms, statuses)


def clause_ref(standard: Document, key: str, language: str, with_title: bool = False) -> str:
    """How a document names a clause: its printed number (a duplicated number's second clause
    as printed too), with its title when asked."""
    clause = standard.clauses.get(key)
    if clause is None:
        return key
    return f"{clause.label} {_title(standard, clause, language)}" if with_title else clause.label


def _title(standard: Document, clause, language: str) -> str:
    if language != standard.meta.language and clause.key in standard.renditions:
        return standard.renditions[clause.key].title.strip("[]【】")
    return standard.display_title(clause)
