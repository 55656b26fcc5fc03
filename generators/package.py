"""`ipms draft`: the whole package for one company, written atomically and only where asked.

Everything is written into a staging folder beside the output (generators.staging) and moved
into place only when complete, so a failure leaves no partial package; an existing package is
replaced only with force=True, and never a folder this product did not write. File names made
from intake facts go through generators.safepath, and every file is placed through one
OutputFolder, so nothing is written outside the output folder whatever the intake says.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.errors import IpmsError
from generators.company_kind import self_name, self_named
from generators.documents import (build_bundle, build_form, build_manual, build_procedure,
                                  build_traceability, not_drafted_statement)
from generators.intake import Intake, query_warnings
from generators.intake_report import Problem, facts_language, missing_facts
from generators.intake_values import language_summary
from generators.heading_pass import keep_headings_with_text
from generators.lint import Finding, findings_markdown, lint_package
from generators.plan import PackagePlan, plan_package
from generators.safepath import OutputFolder, safe_name
from generators.staging import Kept, check_destination, clean_stale, staging_for
from generators.target import BJ, TargetStandard, check_standard, load_target
from generators.templates_io import TemplateSet
from generators.toc_pages import available as toc_tools_available

# more answers in the other language than this are one line on the terminal (all of them are
# listed in coverage.md): drafting an English intake --lang zh would print one line per answer
SUMMARISED_AFTER = 3
MAX_NUMBER_BYTES = 64
MAX_TITLE_BYTES = 120


@dataclass
class DraftResult:
    """The plan, the folder the package is in (None for coverage only), its files, what the
    package lint found in them (generators.lint; empty for coverage only) and, for a --force
    run, the edited files of the replaced package that were kept (generators.staging.Kept)."""

    plan: PackagePlan
    out_dir: Path | None
    files: list[Path]
    findings: list[Finding] = field(default_factory=list)
    kept: Kept = field(default_factory=Kept)
    # the manual's contents: "numbered" by LibreOffice, "no-tools" (soffice or pdftotext not
    # found), "failed" (LibreOffice did not lay it out), "" (not asked: --no-toc-pages)
    toc: str = ""

    @property
    def warnings(self) -> list[str]:
        """The intake check's warnings a consultant should see where the package is (listed in
        coverage.md too, intake_warnings_markdown), in the package's language: each fact to
        query, then one line counting the 调查诊断 facts not given yet. Without YAML lines:
        warning_lines(root) gives them."""
        return self.warning_lines(None)

    def warning_lines(self, root=None) -> list[str]:
        """`warnings`, each with its line in the intake's YAML as `ipms intake check` prints it
        (`root`: the intake's node tree, intake_report.compose; None: no lines); more than
        SUMMARISED_AFTER answers in the other language are one line (language_summary)."""
        queries, missing = intake_warnings(self.plan.intake, self.plan.language, root)
        zh = self.plan.language == "zh"
        other = [p for p in queries if p.kind == "language"]
        if len(other) > SUMMARISED_AFTER:  # one line for them: the intake is in the other language
            queries = [p for p in queries if p.kind != "language"]
        lines = [("警告：" if zh else "warning: ") + p.text(self.plan.language) for p in queries]
        if len(other) > SUMMARISED_AFTER:
            lines.append(language_summary(other, self.plan.language,
                                          facts_language(self.plan.intake)))
        if missing:
            lines.append(f"警告：尚未填写 {len(missing)} 项调查诊断信息（见 coverage.md；"
                         "ipms intake check 列出所在行）" if zh else
                         f"warning: {len(missing)} diagnosis fact{'' if len(missing) == 1 else 's'}"
                         " not given yet (listed in coverage.md; ipms intake check gives their "
                         "lines)")
        return lines

    def toc_line(self) -> str | None:
        """A note when the manual's contents were to be numbered and are not, saying why and
        who numbers them then; None when they are numbered or were not asked for."""
        if self.toc == "no-tools":
            return ("note: the manual's contents have no page numbers: LibreOffice (soffice) "
                    "and poppler (pdftotext) were not found to lay the manual out; Word fills "
                    "them in when it updates the contents")
        if self.toc == "failed":
            return ("note: the manual's contents have no page numbers: LibreOffice did not lay "
                    "the manual out; Word fills them in when it updates the contents")
        return None

    def kept_line(self) -> str | None:
        """'kept 2 edited files in PKG/.ipms-replaced/20261201T102500Z (…)', or None when
        nothing was kept."""
        if not self.kept.files:
            return None
        n = len(self.kept.files)
        return (f"kept {n} edited file{'' if n == 1 else 's'} in {self.kept.folder} "
                "(their content was not what ipms wrote; the new package replaced them)")


def document_filename(number: str, title: str) -> str:
    """'ZH-IPM-P-03 专利检索控制程序.docx': the number and title reduced to safe names."""
    return (f"{safe_name(number, 'document', MAX_NUMBER_BYTES)} "
            f"{safe_name(title, 'untitled', MAX_TITLE_BYTES)}.docx")


def unused_numbers(plan: PackagePlan, templates: TemplateSet) -> list[tuple[str, str, str]]:
    """(document number, title, why) for every procedure and form of the catalogue that is not
    in this package. Numbers never shift (templates/not_drafted.yaml says why); the reason is
    the fact that decided it: the standard, the procedure's exclusion, or its `drafted_when`."""
    lang, docno = plan.language, plan.context["docno"]
    words = _not_drafted(templates)
    said = words["messages"][lang]
    names = {"gbt29490-2023": "GB/T 29490—2023", "gbt29490-2013": "GB/T 29490—2013"}
    active = {p.code for p in plan.procedures}
    labels = templates.manual(lang)["labels"]
    # an exclusion whose clauses other documents serve is said as the manual says it
    excluded = {p.code: (reason if plan.excluded_clauses.get(p.code)
                         else not_drafted_statement(plan, labels, p, reason))
                for p, reason in plan.excluded}
    in_package = active | {f.code for f in plan.forms}

    def drafted_when(condition: str) -> str:
        entry = words["drafted_when"].get(condition, {})
        fact = (_parts_that_hold(entry["parts"], plan, templates) if "parts" in entry
                else entry.get(lang))
        return fact or said["fallback"].format(condition=condition)

    why: dict[str, str] = {}
    for p in templates.procedures:
        if p.code in active:
            continue
        if p.standards and plan.standard.id not in p.standards:
            why[p.code] = said["standards"].format(
                standards=("、" if lang == "zh" else ", ").join(names.get(s, s)
                                                               for s in p.standards))
        elif p.code in excluded:
            why[p.code] = said["excluded"].format(reason=excluded[p.code].rstrip("。."))
        else:
            why[p.code] = drafted_when(p.drafted_when or "")
    out = [(docno[p.code], plan.context["title"][p.code], why[p.code]) for p in templates.procedures
           if p.code in why]
    out += _bundled_numbers(plan, said)
    for f in templates.forms:
        if f.code in in_package:
            continue
        if f.procedure in why:
            reason = why[f.procedure]
            text = said["form_of"].format(number=docno[f.procedure], reason=reason)
        else:
            text = drafted_when(f.drafted_when or "")
        out.append((docno[f.code], f.title[lang], text))
    return out


def _parts_that_hold(parts: list[dict], plan: PackagePlan, templates: TemplateSet) -> str:
    """The words (in the plan's language) of the not_drafted.yaml `parts` whose `when` holds for
    this company, joined: only the reason that is true, not every way the condition can fail."""
    lang = plan.language
    said = [part[lang] for part in parts
            if templates.condition(part.get("when"), plan.context)]
    return ("；" if lang == "zh" else "; ").join(said)


def _not_drafted(templates: TemplateSet) -> dict:
    import yaml

    path = templates.directory / "not_drafted.yaml"
    if not path.is_file():
        path = TemplateSet().directory / "not_drafted.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _bundled_numbers(plan: PackagePlan, said: dict) -> list[tuple[str, str, str]]:
    """(own number, title, where it is issued) of each procedure a bundle holds under another
    number (generators.bundles): its own number stays unused, as a left-out procedure's does."""
    docno = plan.context["docno"]
    return [(plan.intake.document_number("P", int(member.code[1:])), member.title[plan.language],
             said["bundled"].format(number=docno[document.code], title=document.title,
                                    chapter=document.chapter(member.code)))
            for document in plan.issued if document.bundled
            for member in document.members if member.code != document.code]


def _unused_markdown(plan: PackagePlan, templates: TemplateSet) -> list[str]:
    said = _not_drafted(templates)["messages"][plan.language]
    rows = unused_numbers(plan, templates)
    lines = [f"## {said['heading']} ({len(rows)})"]
    if not rows:
        return lines + [said["none"], ""]
    lines.append(said["explain"])
    lines += [f"- {number} {title}: {why}" for number, title, why in rows]
    return lines + [""]


def intake_warnings(intake: Intake, lang: str, root=None) -> tuple[list[Problem], list[Problem]]:
    """(the facts to query, the 调查诊断 facts not given yet) of `intake`, in `lang`, with their
    YAML lines when `root` (the intake's node tree) is given (generators.intake.query_warnings,
    intake_report.missing_facts)."""
    queries = query_warnings(intake, root, lang)
    return queries, missing_facts(intake, root, lang, frozenset(q.path for q in queries))


def intake_warnings_markdown(intake: Intake, lang: str) -> list[str]:
    """The coverage report's section of intake warnings: one item per fact to query (a
    consultant confirms or corrects it before the package is issued), then the 调查诊断 facts
    not given yet on one line; '—' when there are none."""
    queries, missing = intake_warnings(intake, lang)
    zh = lang == "zh"
    lines = [f"## {'信息采集表检查的警告' if zh else 'Intake check warnings'} ({len(queries)})"]
    lines += [f"- {p.text(lang)}" for p in queries] or ["—"]
    if missing:
        paths = ("、" if zh else ", ").join(p.path for p in missing)
        lines.append(f"尚未填写的调查诊断信息（{len(missing)} 项）：{paths}" if zh else
                     f"Diagnosis facts not given yet ({len(missing)}): {paths}")
    return lines + [""]


def coverage_report(plan: PackagePlan, findings: list[Finding] | None = None,
                    templates: TemplateSet | None = None) -> str:
    """Markdown: every requirement clause addressed, excluded with its reason, or a gap; the
    document numbers not used in this package and why (`templates`: those it was drafted with,
    default the shipped ones); then, for a written package, the package lint's findings (a
    section saying 0 when clean). The intake check's warnings come first, after the counts."""
    lang = plan.language
    counts = plan.counts()
    zh = lang == "zh"
    lines = [f"# {'覆盖报告' if zh else 'Coverage report'} — {plan.intake.company.name}", "",
             f"{'标准' if zh else 'Standard'}: {plan.standard.name(lang)}",
             f"{'要求条款' if zh else 'Requirement clauses'}: {len(plan.clauses)} · "
             f"{'已覆盖' if zh else 'addressed'} {counts['addressed']} · "
             f"{'删减' if zh else 'excluded'} {counts['excluded']} · "
             f"{'缺口' if zh else 'gaps'} {counts['gap']}", ""]
    lines += intake_warnings_markdown(plan.intake, lang)
    lines += unconfirmed_markdown(plan.standard, lang)
    docno = plan.context["docno"]
    for title, status in (("缺口" if zh else "Gaps", "gap"),
                          ("删减（理由来自企业信息）" if zh else "Excluded (reason from the intake)", "excluded"),
                          ("已覆盖" if zh else "Addressed", "addressed")):
        rows = [c for c in plan.clauses if c.status == status]
        lines.append(f"## {title} ({len(rows)})")
        if not rows:
            lines.append("—")
        for c in rows:
            where = ", ".join(([f"{'手册' if zh else 'manual'} {c.label}"] if c.manual else [])
                              + [plan.issued_ref(p) for p in c.procedures]
                              + [docno[f] for f in c.forms])
            detail = c.reason if status == "excluded" else where
            lines.append(f"- {c.label} {c.title}: {detail}" if detail else f"- {c.label} {c.title}")
        lines.append("")
    lines += _unused_markdown(plan, templates or TemplateSet())
    # the report speaks of the company as its documents do: 本院, 本所 … (the findings quote)
    lines = [lines[0], *(self_named(line, own_word(plan)) for line in lines[1:])]
    if findings is not None:
        lines.append(findings_markdown(findings, lang))
    return "\n".join(lines)


def unconfirmed_markdown(standard: TargetStandard, lang: str) -> list[str]:
    """coverage.md's section on the clause numbers and titles to check against the standard's
    licensed text (TargetStandard.unconfirmed), by how sure they are; nothing when all are
    confirmed (a standard whose text is in the corpus). The sources: corpus/profiles/SOURCES.md."""
    clauses = standard.unconfirmed()
    if not clauses:
        return []
    zh = lang == "zh"
    lines = [f"## {'待核对的条款编号和标题' if zh else 'Clause numbers and titles to check'} "
             f"({len(clauses)})",
             "以下条款的编号和标题来自公开资料，未经两个来源互相印证；发布前请对照标准正式文本核对，"
             "有出入时以正式文本为准（手册、程序文件和覆盖报告中的编号与标题须一并修改）："
             if zh else
             "The numbers and titles of these clauses come from public outlines and were not "
             "confirmed by two sources; check them against the standard's licensed text before "
             "issuing, and where they differ follow the text (in the manual, the procedures and "
             "this report alike):"]
    for confidence, said in (("single", ("仅一个公开来源", "one public source only")),
                             ("unverified", ("未能核实", "could not be confirmed"))):
        named = [f"{c.label} {c.title(lang)}" for c in clauses if c.confidence == confidence]
        if named:
            lines.append(f"- {said[0] if zh else said[1]}（{len(named)}）：{'；'.join(named)}"
                         if zh else f"- {said[1]} ({len(named)}): {'; '.join(named)}")
    return lines + [""]


def own_word(plan: PackagePlan) -> str:
    """What the package's Chinese texts call the company (公司, 院, 所, 中心: self_name); '公司'
    (nothing to change) for an English package."""
    return self_name(plan.intake.company.name) if plan.language == "zh" else "公司"


def _traceability_csv(plan: PackagePlan) -> str:
    docno = plan.context["docno"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["clause", "title", "status", "manual", "procedures", "forms", "reason"])
    between = "; " if any(d.bundled for d in plan.issued) else " "  # 'P-01 ch. 2; P-01 ch. 3'
    for c in plan.clauses:
        writer.writerow([c.label, c.title, c.status, "yes" if c.manual else "",
                         between.join(plan.issued_ref(p) for p in c.procedures),
                         " ".join(docno[f] for f in c.forms), self_named(c.reason, own_word(plan))])
    return buffer.getvalue()


def _write_package(plan: PackagePlan, templates: TemplateSet, folder: OutputFolder,
                   reference: Path | None, polish=None, toc_pages: bool = False
                   ) -> tuple[list[Path], list[Finding], bool]:
    """Write every file of the package through `folder`; returns their paths in order, the
    lint's findings, read back from the Word files written (also in coverage.md), and whether
    the manual's contents were numbered (`toc_pages`)."""
    lang, docno = plan.language, plan.context["docno"]
    manual_title = templates.manual(lang)["labels"]["manual_title"]
    files = [folder.path("01-manual", document_filename(docno["M01"], manual_title))]
    numbered = build_manual(plan, templates, files[-1], reference, polish, toc_pages)
    for issued in plan.issued:  # a procedure each, or a small company's bundles
        files.append(folder.path("02-procedures", document_filename(docno[issued.code],
                                                                    issued.title)))
        if issued.bundled:
            build_bundle(plan, templates, issued, files[-1], reference)
        else:
            build_procedure(plan, templates, issued.members[0], files[-1], reference)
    if toc_pages:  # laid out by LibreOffice as the manual is: no heading left at a page's foot
        keep_headings_with_text(files[1:])
    for form in plan.forms:
        files.append(folder.path("03-forms", document_filename(docno[form.code], form.title[lang])))
        build_form(plan, templates, form, files[-1], reference)
    files.append(folder.path("traceability.docx"))
    build_traceability(plan, files[-1], reference)
    files.append(folder.write_text(_traceability_csv(plan), "traceability.csv",
                                   encoding="utf-8-sig"))
    findings = lint_package(folder.root, plan.intake, plan.standard.numbers())
    files.append(folder.write_text(coverage_report(plan, findings, templates),
                                   "coverage.md"))
    return files, findings, numbered


def draft_package(intake: Intake, corpus: Corpus, out_dir: Path | None, language: str = "zh",
                  standard: str | None = None, force: bool = False, reference: Path | None = None,
                  templates: TemplateSet | None = None, polish=None, cwd: Path | None = None,
                  home: Path | None = None, toc_pages: bool | None = False) -> DraftResult:
    """Plan the package and, unless out_dir is None (coverage only), write it atomically.

    The CLI and the web app both come here. `standard` (one of generators.target.STANDARDS)
    overrides the intake's `standard`; an unknown id is refused before anything is written.
    `force` replaces an existing package (one with the
    marker ipms writes; the user's other files stay, and the package's files he edited are kept
    in its .ipms-replaced/<time>/ folder: DraftResult.kept); `cwd` and `home` (default: the process's) are
    folders never replaced. `toc_pages`: number the manual's contents with LibreOffice
    (generators.toc_pages; about 3 s more) and lay the procedures out to start a heading left
    at a page's foot on the next page (generators.heading_pass); None: when LibreOffice and poppler are installed
    (what `ipms draft` and the web app do; DraftResult.toc says what came of it). Raises IpmsError, one line, for every refusal and
    for a file system that fails (permissions, full disk); nothing is left behind then."""
    standard_id = check_standard(standard or intake.standard)
    target = None
    if out_dir is not None:
        try:
            target = out_dir.resolve()
            if target.parent.is_dir():
                clean_stale(target.parent, target.name)  # what killed runs left, first
            cwd_, home_ = (cwd or Path.cwd()).resolve(), _home(home)
            check_destination(target, force, cwd_, home_)
        except OSError as exc:
            raise IpmsError(f"cannot use {out_dir} as the output folder: "
                            f"{exc.strerror or exc.__class__.__name__}") from None
        if reference is not None and not reference.is_file():
            raise IpmsError(f"reference document not found: {reference}")
    templates = templates or TemplateSet()
    plan = plan_package(intake, templates,
                        load_target(standard_id, corpus.get(BJ), templates.directory), language)
    if target is None:
        return DraftResult(plan, None, [])
    try:
        with staging_for(target) as staging:
            root = staging.package.resolve()
            tools = toc_tools_available() if toc_pages is not False else False
            files, findings, numbered = _write_package(plan, templates, OutputFolder(root),
                                                       reference, polish, bool(tools))
            check_destination(target, force, cwd_, home_)  # again: a run beside may have won
            kept = staging.commit(files)
            inside = [f.relative_to(root) for f in files]
    except OSError as exc:
        raise IpmsError(f"cannot write the package to {target}: "
                        f"{exc.strerror or exc.__class__.__name__}") from None
    toc = "" if toc_pages is False else "numbered" if numbered else \
        "failed" if tools else "no-tools"
    return DraftResult(plan, target, [target / f for f in inside], findings, kept, toc)


def _home(home: Path | None) -> Path | None:
    try:
        return (home or Path.home()).resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known for this user
        return None
