"""`ipms draft`: the whole package for one company, written atomically.

Everything is written into a temporary folder beside the output and moved into place only when
complete, so a failure leaves no partial package, and an existing package is replaced only with
force=True.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.errors import IpmsError
from generators.documents import build_form, build_manual, build_procedure, build_traceability
from generators.intake import Intake
from generators.plan import PackagePlan, plan_package
from generators.templates_io import TemplateSet

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass
class DraftResult:
    plan: PackagePlan
    out_dir: Path | None
    files: list[Path]


def _filename(number: str, title: str) -> str:
    return f"{number} {_UNSAFE.sub('_', title).strip('_')}.docx"


def coverage_report(plan: PackagePlan) -> str:
    """Markdown: every requirement clause addressed, excluded with its reason, or a gap."""
    lang = plan.language
    counts = plan.counts()
    zh = lang == "zh"
    lines = [f"# {'覆盖报告' if zh else 'Coverage report'} — {plan.intake.company.name}", "",
             f"{'标准' if zh else 'Standard'}: {plan.standard.meta.title(lang)} ({plan.standard.id})",
             f"{'要求条款' if zh else 'Requirement clauses'}: {len(plan.clauses)} · "
             f"{'已覆盖' if zh else 'addressed'} {counts['addressed']} · "
             f"{'删减' if zh else 'excluded'} {counts['excluded']} · "
             f"{'缺口' if zh else 'gaps'} {counts['gap']}", ""]
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
                              + [docno[p] for p in c.procedures] + [docno[f] for f in c.forms])
            detail = c.reason if status == "excluded" else where
            lines.append(f"- {c.label} {c.title}: {detail}" if detail else f"- {c.label} {c.title}")
        lines.append("")
    return "\n".join(lines)


def _write_package(plan: PackagePlan, templates: TemplateSet, folder: Path,
                   reference: Path | None, polish=None) -> list[Path]:
    lang, docno = plan.language, plan.context["docno"]
    manual_title = templates.manual(lang)["labels"]["manual_title"]
    files = [folder / "01-manual" / _filename(docno["M01"], manual_title)]
    build_manual(plan, templates, files[-1], reference, polish)
    for procedure in plan.procedures:
        files.append(folder / "02-procedures" / _filename(docno[procedure.code],
                                                           procedure.title[lang]))
        build_procedure(plan, templates, procedure, files[-1], reference)
    for form in plan.forms:
        files.append(folder / "03-forms" / _filename(docno[form.code], form.title[lang]))
        build_form(plan, templates, form, files[-1], reference)
    files.append(folder / "traceability.docx")
    build_traceability(plan, files[-1], reference)
    files.append(folder / "traceability.csv")
    with files[-1].open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["clause", "title", "status", "manual", "procedures", "forms", "reason"])
        for c in plan.clauses:
            writer.writerow([c.label, c.title, c.status, "yes" if c.manual else "",
                             " ".join(docno[p] for p in c.procedures),
                             " ".join(docno[f] for f in c.forms), c.reason])
    files.append(folder / "coverage.md")
    files[-1].write_text(coverage_report(plan), encoding="utf-8")
    return files


def draft_package(intake: Intake, corpus: Corpus, out_dir: Path | None, language: str = "zh",
                  standard: str = "bj-ipm", force: bool = False, reference: Path | None = None,
                  templates: TemplateSet | None = None, polish=None) -> DraftResult:
    """Plan the package and, unless out_dir is None (coverage only), write it atomically."""
    templates = templates or TemplateSet()
    plan = plan_package(intake, templates, corpus.get(standard), language)
    if out_dir is None:
        return DraftResult(plan, None, [])
    if reference is not None and not reference.is_file():
        raise IpmsError(f"reference document not found: {reference}")
    out_dir = out_dir.resolve()
    if out_dir.exists() and not force:
        raise IpmsError(f"{out_dir} already exists; use --force to replace it")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        files = _write_package(plan, templates, staging, reference, polish)
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
            os.replace(out_dir, old / "package")
            os.replace(staging, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return DraftResult(plan, out_dir, [out_dir / f.relative_to(staging) for f in files])
