"""What a package holds for one company and one standard: the procedures and forms that apply,
the exclusions with their reasons, the manual's texts and where they go, and for every requirement
clause of the chosen standard what addresses it (the traceability matrix and the coverage report).

The content is written once, keyed by bj-ipm clauses; generators.target maps it to the chosen
standard (identity for bj-ipm, the crosswalk for GB/T 29490—2013 and —2023).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.corpus.store import Document
from generators.bundles import (BUNDLES_FILE, Issued, bundle_references, is_compact,
                                issued_documents, load_bundles)
from generators.intake import Intake
from generators.retention import record_periods
from generators.target import TargetStandard, bj_requirement_clauses, bj_title
from generators.templates_io import Form, Procedure, TemplateSet, context_for

requirement_clauses = bj_requirement_clauses  # the bj-ipm requirement clauses (kept public)


@dataclass
class ClauseStatus:
    """One requirement clause of the chosen standard: `key` as the standard names it
    ('7.5', bj-ipm '6.2.3#2'), `label` as printed, what addresses it, or why it is excluded."""

    key: str
    label: str
    title: str
    status: Literal["addressed", "excluded", "gap"]
    manual: bool
    procedures: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    reason: str = ""
    # the manual's heading of its section: the title, or for a bj-ipm clause whose title names a
    # document the topic's heading (TargetStandard.heading: '专利管理' for 专利管理制度)
    heading: str = ""

    def __post_init__(self) -> None:
        self.heading = self.heading or self.title


@dataclass
class ManualUnit:
    """One text of the manual: a bj-ipm clause's text (key = the bj-ipm key) or an addition
    (key = its id); `serves` the chosen standard's clauses it addresses, in its order."""

    key: str
    title: str  # the topic heading it is printed under (topic_title)
    text: str  # the template (Jinja), rendered by the builder
    serves: list[str]
    lead: str | None = None
    assist: tuple[str, ...] = ()
    home: str = ""  # the clause whose section prints it (the others name it under "see also")

    def __post_init__(self) -> None:
        self.home = self.home or (self.serves[0] if self.serves else "")


@dataclass
class PackagePlan:
    intake: Intake
    language: str
    standard: TargetStandard
    context: dict
    procedures: list[Procedure]  # those that apply
    excluded: list[tuple[Procedure, str]]  # those that do not, with the reason
    forms: list[Form]
    clauses: list[ClauseStatus]
    units: list[ManualUnit] = field(default_factory=list)
    # an excluded procedure's clauses no procedure of the package serves (the manual's exclusion)
    excluded_clauses: dict[str, list[str]] = field(default_factory=dict)
    # the procedure documents issued: one per procedure, or bundles (generators.bundles)
    issued: list[Issued] = field(default_factory=list)

    def issued_for(self, code: str) -> Issued | None:
        """The issued document that carries procedure `code` (None when it is not drafted)."""
        return next((d for d in self.issued if any(m.code == code for m in d.members)), None)

    def issued_ref(self, code: str) -> str:
        """How traceability and coverage.md name the document serving a clause: the procedure's
        number, or for a bundled procedure the bundle's number and the chapter ('P-01第2章')."""
        number = self.context["docno"][code]
        document = self.issued_for(code)
        n = document.chapter(code) if document is not None else None
        if n is None:
            return number
        return f"{number}第{n}章" if self.language == "zh" else f"{number} ch. {n}"

    def issued_title(self, code: str) -> str:
        """How lists name procedure `code`: its title, or in a bundle the bundle's title with
        the chapter ('文件和记录控制程序 第2章 外来文件与记录控制程序')."""
        document = self.issued_for(code)
        own = next(p.title[self.language] for p in self.procedures if p.code == code)
        if document is None or not document.bundled:
            return own
        n = document.chapter(code)
        return (f"{document.title} 第{n}章 {own}" if self.language == "zh"
                else f"{document.title}, chapter {n}: {own}")

    def counts(self) -> dict[str, int]:
        out = {"addressed": 0, "excluded": 0, "gap": 0}
        for c in self.clauses:
            out[c.status] += 1
        return out

    def procedure_clauses(self, procedure: Procedure) -> list[str]:
        """The chosen standard's clauses a procedure serves; for an excluded procedure, those
        its exclusion leaves without a procedure (what the manual lists as excluded), or all it
        serves when every one is served by another procedure too."""
        return (self.excluded_clauses.get(procedure.code)
                or procedure_clauses(self.standard, procedure))

    def form_clauses(self, form: Form) -> list[str]:
        """The chosen standard's clauses a record form evidences."""
        return form_clauses(self.standard, form)


def procedure_clauses(target: TargetStandard, procedure: Procedure) -> list[str]:
    """The clauses of `target` that `procedure` serves: its bj-ipm clauses mapped, and the
    clauses it names for that standard itself (catalogue `serves`)."""
    return _ordered(target, target.serves(procedure.clauses) + procedure.serves.get(target.id, []))


def form_clauses(target: TargetStandard, form: Form) -> list[str]:
    """The clauses of `target` that `form` evidences (mapped from bj-ipm, or named by `serves`)."""
    mapped = target.serves([form.clause]) if form.clause else []
    return _ordered(target, mapped + form.serves.get(target.id, []))


def _ordered(target: TargetStandard, keys: list[str]) -> list[str]:
    keys = list(dict.fromkeys(str(k) for k in keys))
    order = {k: i for i, k in enumerate(target.clauses)}
    return sorted(keys, key=lambda k: order.get(k, len(order)))


def _worded(unit: ManualUnit, templates: TemplateSet, context: dict, language: str
            ) -> ManualUnit:
    """`unit` with its topic heading worded for this company: the first manual `topic_titles`
    variant for its key whose `when` holds ('9.1.1' 专利布局 without patents held or planned),
    else the bj-ipm title it has."""
    for variant in templates.manual(language).get("topic_titles", {}).get(unit.key, []):
        if templates.condition(variant["when"], context):
            return replace(unit, title=variant["title"])
    return unit


def _split_topics(units: list[ManualUnit], target: TargetStandard, language: str
                  ) -> list[ManualUnit]:
    """`units` with a bj-ipm topic that the chosen standard splits over several sections headed,
    text by text, by what each is about (placement.yaml `section_headings` / `headings`: 联合开发
    is 合作开发合同 in 8.2 and 研究信息发布 in 8.3 of a 2023 manual), so that no topic heading is
    printed in two sections; a topic printed in one section keeps its title. bj-ipm manuals
    have a section per clause and are left as they are."""
    if not target.is_profile:
        return units
    homes: dict[str, set[str]] = {}
    for unit in units:
        homes.setdefault(unit.title, set()).add(unit.home)
    return [replace(u, title=own) if len(homes[u.title]) > 1
            and (own := target.section_heading(u.key, language)) else u for u in units]


def manual_units(templates: TemplateSet, target: TargetStandard, language: str,
                 leads: dict[str, str] | None = None) -> list[ManualUnit]:
    """The manual's texts for `target`: every bj-ipm clause text that serves one of its clauses,
    then every addition written for it (additions.yaml). `leads`: {addition id: the function
    leading it for this company} (the context's `lead`), else its `lead` as written."""
    bj = target.bj
    roles = templates.responsibilities
    texts = {k: v for k, v in templates.manual(language).get("clauses", {}).items()
             if k in bj.clauses}
    generic = generic_titles(bj, language)
    units = []
    for key, text in texts.items():
        serves = target.serves([key])
        if not serves:
            continue
        # printed where the crosswalk's first row for it puts it (its main topic), not in the
        # lowest-numbered clause it also serves
        home = next((k for k in target.bj_map.get(key, ()) if k in serves), serves[0])
        role = roles.get(key, {})
        title = target.heading(key, language) or topic_title(bj, key, language, generic)
        units.append(ManualUnit(key, title, text, serves,
                                role.get("lead"), tuple(role.get("assist", [])), home))
    for addition in templates.additions:
        serves = _ordered(target, addition.serves.get(target.id, []))
        if serves:
            lead = (leads or {}).get(addition.id, addition.lead)
            units.append(ManualUnit(addition.id, addition.title[language], addition.text[language],
                                    serves, lead if isinstance(lead, str) else None,
                                    tuple(addition.assist)))
    return units


def generic_titles(bj: Document, language: str) -> set[str]:
    """bj-ipm clause titles (in `language`) that several chapters use for a clause of their own
    ('总体要求' / 'General requirements'): no title for a topic on their own."""
    chapters: dict[str, set[str]] = {}
    for clause in bj.clauses.values():
        if clause.title:  # a title of its own, not one an untitled sub-clause inherits
            top = ([clause] + bj.ancestors(clause.key))[-1].key
            chapters.setdefault(bj_title(bj, clause, language), set()).add(top)
    return {title for title, tops in chapters.items() if len(tops) > 1}


def topic_title(bj: Document, key: str, language: str, generic: set[str]) -> str:
    """The heading a bj-ipm text is printed under in a manual drafted to another standard: its
    clause's title (an untitled sub-clause's nearest titled ancestor's; in English the
    rendition's own title), and for a generic title ('总体要求') that of the nearest ancestor
    whose title is not generic ('知识产权运用', '管理文件') — a title of what follows, never a
    "part: title" pair."""
    title = bj_title(bj, bj.clauses[key], language)
    for ancestor in bj.ancestors(key):
        if title not in generic:
            break
        title = bj_title(bj, ancestor, language) or title
    return title


def plan_package(intake: Intake, templates: TemplateSet, standard: TargetStandard,
                 language: str) -> PackagePlan:
    """Everything the package holds for `standard` (see the module docstring).

    A procedure whose catalogue `when` is false is excluded with its `excluded_reason`. One
    whose `drafted_when` is false is not written; it becomes an exclusion too (the manual lists
    it, with its `excluded_reason`) only where a clause of `standard` it serves is served by no
    procedure of the package (bj-ipm's 9.2.2 申请策略 when P13 is not written), and is otherwise
    left out without a word in the manual (coverage.md says why: not_drafted.yaml)."""
    context = context_for(intake, templates, standard, language)
    active, excluded, left_out = [], [], []
    # each with its title as this company's package prints it (catalogue `title_when`) and the
    # clauses it serves for this company (`clauses_when`)
    worded = [templates.for_company(p, context) for p in templates.procedures]
    for procedure, entry in zip(worded, templates.procedures):
        if procedure.standards and standard.id not in procedure.standards:
            continue  # written for another standard only
        if procedure.drafted_when and not templates.condition(procedure.drafted_when, context):
            # written for another kind of company: what it leaves unserved is every clause it
            # serves for any company (`clauses_when` narrows only a procedure that applies)
            left_out.append(replace(procedure, clauses=entry.clauses))
        elif templates.condition(procedure.when, context):
            active.append(procedure)
        else:
            excluded.append(replace(procedure, clauses=entry.clauses))
    # the documents issued (a small company's bundles): the texts name them (title.P02, docno.P02)
    bundles = templates.directory / BUNDLES_FILE.name
    issued = issued_documents(active, language, is_compact(intake, bundles),
                              load_bundles(bundles) if bundles.exists() else ())
    bundle_references(context, issued)
    context["keeper"] = {f.code: keeper_department(context, f) for f in templates.forms}
    context["chain"] = {f.code: templates.render(f.content["chain"][language], context)
                        for f in templates.forms if f.content.get("chain")}
    context["retention"] = record_periods(intake, templates.forms)  # years, the intake's periods
    excluded = [(p, templates.render(p.excluded_reason.get(language, ""), context))
                for p in excluded]
    served = {p.code: procedure_clauses(standard, p)
              for p in active + [p for p, _ in excluded] + left_out}
    requirement = [c.key for c in standard.requirement_clauses()]

    def unserved(procedure: Procedure) -> list[str]:
        return [k for k in requirement
                if any(standard.covers(m, k) for m in served[procedure.code])
                and not any(standard.covers(m, k) for p in active for m in served[p.code])]

    excluded += [(p, templates.render(p.excluded_reason.get(language, ""), context)) for p in left_out
                 if p.excluded_reason and unserved(p)]
    excluded_clauses = {p.code: _ordered(standard, [m for m in served[p.code]
                                                    if any(standard.covers(m, k)
                                                           for k in unserved(p))])
                        for p, _ in excluded}
    # the procedures whose exclusion takes clauses with it (the manual lists them): a procedure
    # speaking of another's activities says '相应条款已删减' only of these (P-19 of P-20)
    context["excluded"] = {p.code: bool(excluded_clauses.get(p.code)) for p in templates.procedures}
    active_codes = {p.code for p in active}
    # each titled as this company's package prints it (catalogue `title_when`: R-47 for services)
    forms = [_evidencing(replace(f, title=templates.titled(f, context)), standard,
                         {p.code: p for p in active})
             for f in templates.forms if f.procedure in active_codes
             and not (f.drafted_when and not context["drafted"][f.code])]
    # a text that renders empty for this company (9.2.3 without patent plans) is not in the manual
    units = [_worded(u, templates, context, language)
             for u in _split_topics([u for u in manual_units(templates, standard, language,
                                                            context["lead"])
                                     if templates.render(u.text, context).strip()],
                                    standard, language)]
    recorded = {f.code: form_clauses(standard, f) for f in forms}
    conditional = _conditional_reasons(templates, standard, active, context, language)
    statuses = []
    for clause in standard.requirement_clauses():
        key = clause.key
        serving = [p.code for p in active if any(standard.covers(m, key) for m in served[p.code])]
        records = [f.code for f in forms if any(standard.covers(m, key) for m in recorded[f.code])]
        dropped = [(p, reason) for p, reason in excluded
                   if any(standard.covers(m, key) for m in served[p.code])]
        dropped += [(None, reason) for m, reason in conditional if standard.covers(m, key)]
        has_manual = any(key in u.serves for u in units)
        if dropped and not serving:
            status, reason = "excluded", dropped[0][1]
        elif has_manual or serving or records:
            status, reason = "addressed", ""
        else:
            status, reason = "gap", ""
        statuses.append(ClauseStatus(key, clause.label, clause.title(language), status,
                                     has_manual and status != "excluded", serving, records, reason,
                                     "" if standard.is_profile else standard.section_heading(key, language)
                                     or ""))
    return PackagePlan(intake, language, standard, context, active, excluded, forms, statuses,
                       units, excluded_clauses, issued)


def _evidencing(form: Form, target: TargetStandard, active: dict[str, Procedure]) -> Form:
    """`form` as this company's package holds it: a record of a clause its procedure serves
    for other companies only (catalogue `clauses_when`: R-35's pre-filing searches, 9.1.2,
    without patents held or planned) evidences the clauses its procedure serves here instead
    (the search report is then one of risk screening and design-around), never the dropped one."""
    procedure = active[form.procedure]
    if not form.clause or form.clause in procedure.clauses \
            or form.clause not in procedure.clauses_when:
        return form
    serves = {**form.serves, target.id: [*form.serves.get(target.id, []),
                                         *procedure_clauses(target, procedure)]}
    return replace(form, clause="", serves=serves)


def _conditional_reasons(templates: TemplateSet, target: TargetStandard, active: list[Procedure],
                         context: dict, language: str) -> list[tuple[str, str]]:
    """(clause of `target`, reason) for the clauses an applying procedure serves for other
    companies only (catalogue `clauses_when` false for this one) whose entry gives a `reason`:
    such a clause that no procedure of the package serves is excluded with it. A clause
    dropped without a reason is simply not claimed (another document serves it, or the
    coverage report shows what is left)."""
    catalogue = {p.code: p for p in templates.procedures}
    out = []
    for procedure in active:
        entry = catalogue[procedure.code]
        for key, rule in entry.clauses_when.items():
            if key in procedure.clauses or not rule["reason"].get(language):
                continue
            reason = templates.render(rule["reason"][language], context)
            out += [(m, reason) for m in target.serves([key])]
    return out


def keeper_department(context: dict, form: Form) -> str:
    """The department that keeps `form`'s records: the one holding forms.yaml `keeper` (a
    function such as hr, rd, admin), the IP department by default. Texts name it as
    `keeper.R39`, the record list (R05) and the controlled-document list print it: one source.
    A `keeper` naming a process of duties.yaml (`secrets`) is the department doing it
    (`role.secrets`: a 保密办公室 keeps the trade secret list where the company has one)."""
    keeper = form.content.get("keeper", "ip")
    if keeper not in context["dept"] and keeper in context.get("role", {}):
        return context["role"][keeper]
    return context["dept"][keeper]


def clause_ref(standard: TargetStandard, key: str, language: str, with_title: bool = False) -> str:
    """How a document names a clause of the chosen standard: its printed number (an annex as
    '附录B' / 'Annex B'), with its title when asked."""
    clause = standard.clauses.get(key)
    if clause is None:
        return key
    label = clause.ref_label(language)
    return f"{label} {clause.title(language)}".strip() if with_title else label


def bj_clause_title(standard: Document, key: str, language: str) -> str:
    """A bj-ipm clause's title in `language` (its rendition's title for English)."""
    return bj_title(standard, standard.clauses[key], language)
