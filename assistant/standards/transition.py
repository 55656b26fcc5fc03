"""`ipms transition --from gbt29490-2013 --to gbt29490-2023`: the transition report a company
moving its certificate needs, read from the crosswalk (corpus/profiles/crosswalk.csv).

The rows on each clause of the target standard that states a requirement (or that a row names)
are sorted into sections by their relation (row_section): `new` (the row names no clause of the
old standard: 'new in 2023'), `changed` ('partly covers'), `unchanged` ('equivalent'); a clause
whose rows differ appears in each of their sections, with those rows' old clauses and notes.
`removed` lists the old clauses every row of which leaves the target cell empty. From bj-ipm,
a row without a bj-ipm clause on a target clause other rows tie to bj-ipm is left out (it relates
the two GB/T editions only).
Each entry carries the rows' notes and the documents of the drafted package it affects: the
package's documents trace to bj-ipm clauses (generators/templates/catalogue.yaml, the manual's
sections), so an entry affects the documents serving the bj-ipm clauses of its rows (and, for an
old clause without a bj-ipm cell, of the other rows on that old clause). The .docx and .md
writers are in transition_docx.py.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.settings import PROJECT_ROOT
from assistant.standards.crosswalk import CrosswalkRow, load_crosswalk, notes_between
from assistant.standards.crosswalk_view import (BJ, NEW, OLD, ClauseInfo, clause_info,
                                                designation, pair_relation, resolve_standard)
from assistant.standards.profiles import load_profile

LABELS_DIR = PROJECT_ROOT / "generators" / "templates" / "transition"
SECTIONS = ("new", "changed", "removed", "unchanged")
# (from, to) pairs a report can be made for: an older standard to a newer one.
PAIRS = {(OLD, NEW), (BJ, NEW), (BJ, OLD)}


@lru_cache(maxsize=2)
def labels(language: str) -> dict:
    """The report's wording: generators/templates/transition/labels.<language>.yaml."""
    path = LABELS_DIR / f"labels.{'en' if language == 'en' else 'zh'}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PackageDocument:
    """A document of the drafted package and the bj-ipm clause keys it serves. `number` is
    the company's document number (from the intake) or the catalogue code; `excluded` the
    reason the company's intake excludes it ('' when it applies)."""

    code: str  # M01, P07, R18
    number: str
    title: str
    clauses: tuple[str, ...]
    excluded: str = ""
    # The target standard's clauses it serves, as the package drafted to that standard names
    # them (generators.plan): what decides which documents a clause of the report affects.
    targets: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        text = f"{self.number} {self.title}"
        if self.excluded:
            text += labels(language)["excluded"]
        return text


@dataclass
class TransitionEntry:
    """One clause of a section: `clause` is the target clause (for `removed`, the old one),
    `old` the old standard's clauses its rows name, `relations` the pairs' relations."""

    clause: ClauseInfo
    old: list[ClauseInfo] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: list[tuple[PackageDocument, tuple[str, ...]]] = field(default_factory=list)

    def document_labels(self, language: str) -> list[str]:
        """Each affected document, the manual with the sections (bj-ipm numbers) concerned."""
        out = []
        for document, keys in self.documents:
            if document.code == "M01":
                out.append(f"{document.label(language)} ({', '.join(keys)})")
            else:
                out.append(document.label(language))
        return out


@dataclass
class TransitionReport:
    from_standard: str
    to_standard: str
    language: str
    date: str
    sections: dict[str, list[TransitionEntry]]
    company: str = ""
    intake_name: str = ""
    exclusions: list[tuple[str, str]] = field(default_factory=list)  # (procedure, reason)
    # the company's document numbers (Intake.number_pattern): written unbreakably in the .docx
    numbers: re.Pattern | None = None

    @property
    def old(self) -> str:
        return designation(self.from_standard, self.language)

    @property
    def new(self) -> str:
        return designation(self.to_standard, self.language)

    def extended(self) -> list[TransitionEntry]:
        """Changed clauses that also carry requirements new in the target edition (some of
        their rows are 'new in 2023'): listed once, under changed, and named when asked what
        is new."""
        return [e for e in self.sections["changed"] if "new in 2023" in e.relations]

    def counts(self) -> dict[str, int]:
        return {name: len(entries) for name, entries in self.sections.items()}

    def summary_line(self) -> str:
        counts = self.counts()
        return labels(self.language)["summary_line"].format(
            old=self.old, new=self.new, new_count=counts["new"], changed=counts["changed"],
            removed=counts["removed"], unchanged=counts["unchanged"])


def package_documents(language: str, intake=None, templates=None, target=None
                      ) -> list[PackageDocument]:
    """The package's manual, procedures and forms with the bj-ipm clauses each serves (the
    catalogue and the manual's sections) and, given the `target` standard (generators.target),
    the clauses of that standard each serves in a package drafted to it (a procedure drafted
    only for other standards is left out). With an intake: the company's document numbers,
    and the procedures (and their forms) its facts exclude, with the reason."""
    from generators.plan import form_clauses, procedure_clauses
    from generators.templates_io import TemplateSet, context_for

    templates = templates or TemplateSet()
    # drafted to `target`: catalogue conditions read standard.id (P-04's title_when)
    context = context_for(intake, templates, target, language) if intake is not None else None
    numbers = context["docno"] if context else {}
    manual = templates.manual(language)
    out = [PackageDocument("M01", numbers.get("M01", "M01"), manual["labels"]["manual_title"],
                           tuple(manual.get("clauses", {})),
                           targets=tuple(target.clauses) if target else ())]
    excluded: dict[str, str] = {}
    skipped: set[str] = set()
    for procedure in templates.procedures:
        if target is not None and procedure.standards and target.id not in procedure.standards:
            skipped.add(procedure.code)
            continue
        if context is not None and not templates.condition(procedure.when, context):
            excluded[procedure.code] = procedure.excluded_reason.get(language, "") or "-"
        if context is not None:  # as the company's package holds it: P12 without patents
            procedure = templates.for_company(procedure, context)  # titled for it, P29 without
        title = procedure.title[language]  # licensing-out serving no 11.4.2.3 (clauses_when)
        out.append(PackageDocument(
            procedure.code, numbers.get(procedure.code, procedure.code), title,
            tuple(procedure.clauses), excluded.get(procedure.code, ""),
            tuple(procedure_clauses(target, procedure)) if target else ()))
    for form in templates.forms:
        if form.procedure in skipped:
            continue
        out.append(PackageDocument(
            form.code, numbers.get(form.code, form.code), form.title[language], (form.clause,),
            excluded.get(form.procedure, ""), tuple(form_clauses(target, form)) if target else ()))
    return out


def serving(number: str, documents: list[PackageDocument]
            ) -> list[tuple[PackageDocument, tuple[str, ...]]]:
    """The documents serving target clause `number`, its sub-clauses or, for a procedure or
    form, its parent clause, in package order, each with the clauses of its own that matched.
    The manual is listed with `number` only (it has a section on every clause)."""
    def related(clause: str) -> bool:
        return clause == number or clause.startswith(number + ".")

    out = []
    for document in documents:
        if document.code == "M01":
            if number in document.targets:
                out.append((document, (number,)))
            continue
        matched = tuple(c for c in document.targets if related(c))
        if matched:
            out.append((document, matched))
    return out


def _family(bj: Document, key: str) -> set[str]:
    """A bj-ipm clause with its ancestors and its sub-clauses: a document listing any of them
    serves it (a procedure on 7.3.2 serves 7.3.2.4; one on 13.2.1 serves a row on 13.2)."""
    if key not in bj.clauses:
        return {key}
    return {key} | {a.key for a in bj.ancestors(key)} | {c.key for c in bj.subtree(key)}


def affected(bj: Document, keys: list[str], documents: list[PackageDocument]
             ) -> list[tuple[PackageDocument, tuple[str, ...]]]:
    """The documents serving any of the bj-ipm `keys`, in package order, each with the keys of
    its own list that matched (the manual's sections concerned)."""
    families = [_family(bj, k) for k in keys]
    out = []
    for document in documents:
        matched = tuple(c for c in document.clauses if any(c in f for f in families))
        if matched:
            out.append((document, matched))
    return out


def _bj_keys(rows: list[CrosswalkRow], table: tuple[CrosswalkRow, ...], old: str) -> list[str]:
    """bj-ipm keys of `rows`; for a row without one, those of the other rows on its old clause."""
    keys: list[str] = []
    for row in rows:
        if row.clause(BJ):
            keys.append(row.clause(BJ))
        elif old != BJ and row.clause(old):
            keys += [r.clause(BJ) for r in table if r.clause(old) == row.clause(old)
                     and r.clause(BJ)]
    return list(dict.fromkeys(keys))


def row_section(row: CrosswalkRow, old: str, new: str) -> str:
    """The section a row with a clause of `new` puts it in: 'new' when the row names no clause
    of `old` (for 2013 → 2023 exactly the 'new in 2023' rows), else 'unchanged' when the two
    are equivalent and 'changed' when one only partly covers the other."""
    if not row.clause(old):
        return "new"
    return "unchanged" if pair_relation(row, old, new) == "equivalent" else "changed"


def clause_section(rows: list[CrosswalkRow], old: str, new: str) -> str:
    """The one section a target clause goes in, from all its rows: 'new' when none names a
    clause of `old`, 'unchanged' when every row is equivalent, else 'changed' (a clause 2023
    extends — some rows new, some partly covering — is a changed one, not two entries)."""
    sections = {row_section(r, old, new) for r in rows}
    if sections == {"new"}:
        return "new"
    return "unchanged" if sections == {"unchanged"} else "changed"


def _entry(corpus: Corpus, bj: Document, table: tuple[CrosswalkRow, ...],
           documents: list[PackageDocument], rows: list[CrosswalkRow], clause: ClauseInfo,
           old: str, new: str, language: str) -> TransitionEntry:
    entry = TransitionEntry(clause)
    entry.relations = list(dict.fromkeys(pair_relation(r, old, new) for r in rows))
    entry.notes = notes_between(rows, language, old, new)
    entry.old = [clause_info(corpus, old, cell, language)
                 for cell in dict.fromkeys(r.clause(old) for r in rows if r.clause(old))]
    if documents and documents[0].targets and clause.standard == new:
        entry.documents = serving(clause.key, documents)
    else:  # a removed clause: the documents that served its bj-ipm clauses
        entry.documents = affected(bj, _bj_keys(rows, table, old), documents)
    return entry


def _target_numbers(to: str, table: tuple[CrosswalkRow, ...]) -> list[str]:
    profile = load_profile(to)
    named = {r.clause(to) for r in table if r.clause(to)}
    return [n for n, c in profile.clauses.items() if c.is_requirement or n in named]


def build_report(corpus: Corpus, from_standard: str, to_standard: str, language: str = "zh",
                 intake=None, intake_name: str = "", today: dt.date | None = None,
                 templates=None, with_documents: bool = True) -> TransitionReport:
    """The transition report from one standard to another (ids, designations or years; see
    resolve_standard). Raises IpmsError for an unknown standard or a pair that is not an
    older standard to a newer one (gbt29490-2013 → gbt29490-2023, bj-ipm → either).
    `templates` is the package's TemplateSet (default: the shipped templates); without
    `with_documents` the entries list no documents (and no template is read)."""
    old, new = resolve_standard(from_standard), resolve_standard(to_standard)
    if (old, new) not in PAIRS:
        raise IpmsError(f"no transition report from {old} to {new}: the crosswalk supports "
                        "gbt29490-2013 → gbt29490-2023 and bj-ipm → gbt29490-2013 or "
                        "gbt29490-2023")
    table = load_crosswalk().rows
    bj = corpus.get(BJ)
    documents = []
    if with_documents:
        from generators.target import load_target
        from generators.templates_io import TEMPLATES_DIR

        documents = package_documents(language, intake, templates,
                                      load_target(new, bj, TEMPLATES_DIR))
    sections: dict[str, list[TransitionEntry]] = {name: [] for name in SECTIONS}
    for number in _target_numbers(new, table):
        rows = [r for r in table if r.clause(new) == number]
        if old == BJ and any(r.clause(BJ) for r in rows):
            rows = [r for r in rows if r.clause(BJ)]  # the others relate 2013 and 2023 only
        if rows:
            sections[clause_section(rows, old, new)].append(_entry(
                corpus, bj, table, documents, rows, clause_info(corpus, new, number, language),
                old, new, language))
    old_cells = dict.fromkeys(r.clause(old) for r in table if r.clause(old))
    for cell in old_cells:
        rows = [r for r in table if r.clause(old) == cell]
        if any(r.clause(new) for r in rows):
            continue
        entry = _entry(corpus, bj, table, documents, rows, clause_info(corpus, old, cell, language),
                       old, new, language)
        entry.old = []
        sections["removed"].append(entry)
    company = intake.company.name if intake is not None else ""
    exclusions = [(f"{d.number} {d.title}", d.excluded) for d in documents
                  if d.excluded and d.code.startswith("P")]
    return TransitionReport(old, new, language, (today or dt.date.today()).isoformat(),
                            sections, company, intake_name, exclusions,
                            intake.number_pattern() if intake is not None else None)


def run_transition(corpus: Corpus, from_standard: str, to_standard: str, out: Path | None,
                   intake_file: Path | None, language: str | None, force: bool,
                   echo: Callable[[str], None] = print) -> TransitionReport:
    """`ipms transition`: check everything, build the report, write FILE.docx and FILE.md
    atomically when `out` is given (else print the Markdown), and print a short summary.
    `language` None: the intake's, as `ipms draft` decides it (Chinese without an intake).
    Nothing is written when anything is wrong (IpmsError)."""
    from assistant.standards.transition_docx import check_out_path, report_markdown, write_report

    targets = check_out_path(out, force) if out is not None else None
    intake = None
    if intake_file is not None:
        from generators.intake import load_intake
        from generators.intake_report import facts_language

        intake = load_intake(intake_file)
        language = language or facts_language(intake)
    language = language or "zh"
    report = build_report(corpus, from_standard, to_standard, language, intake,
                          intake_file.name if intake_file is not None else "")
    if targets is None:
        echo(report_markdown(report))
    else:
        write_report(report, *targets)
        for path in targets:
            echo(labels(language)["written"].format(path=path))
    echo(report.summary_line())
    return report
