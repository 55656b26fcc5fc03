"""The documents of a package: the manual, each control procedure, each record form, and the
traceability matrix. Texts come from the template files; facts from the intake."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
import re

from generators import docx_writer as w
from generators.authority import Kind, approval
from generators.company_kind import self_named
from generators.form_layout import fill_form, shown_fields
from generators.bundles import Issued, chapter_context, chapter_references
from generators.duty_rows import one_row_each
from generators.plan import PackagePlan
from generators.roles import (department_functions, function_names, owned_processes,
                              process_clause, secrecy_department)
from generators.target import bj_title
from generators.templates_io import FUNCTIONS, Form, Procedure, TemplateSet
from generators.toc_pages import fill_toc_pages

# Fixed words of procedures and forms (the manual has its own labels in manual.<lang>.yaml).
WORDS = {
    "zh": {"purpose": "1 目的", "scope": "2 适用范围", "definitions": "3 术语和定义",
           "responsibilities": "4 职责", "steps": "5 工作程序", "related": "6 相关文件",
           "records": "7 记录", "term": "术语", "meaning": "含义", "role": "部门/岗位",
           "duty": "职责", "code": "编号", "title": "名称", "clause": "对应条款",
           "evidences": "本记录证明符合", "no_definitions": "无。", "value": "填写内容", "field": "项目",
           "traceability": "条款追溯矩阵", "status": "状态", "manual_section": "手册章节",
           "addressed": "已覆盖", "excluded": "删减", "gap": "缺口", "reason": "理由",
           "procedures": "程序文件", "forms": "记录表单", "page": "第 {page} 页 共 {pages} 页",
           "date": "日期", "filled_by": "填写人", "version": "版本 {version}", "copy_no": "分发号",
           "chapters": "本文件各章", "chapter": "章",
           "controlled_in": "受控（以{system}中的现行版本为准，打印件仅供参考）"},
    "en": {"purpose": "1 Purpose", "scope": "2 Scope", "definitions": "3 Terms and definitions",
           "responsibilities": "4 Responsibilities", "steps": "5 Procedure",
           "related": "6 Related documents", "records": "7 Records", "term": "Term",
           "meaning": "Meaning", "role": "Department / role", "duty": "Responsibility",
           "code": "No.", "title": "Title", "clause": "Clause",
           "evidences": "This record evidences", "no_definitions": "None.", "value": "Entry",
           "field": "Item",
           "traceability": "Clause traceability matrix", "status": "Status",
           "manual_section": "Manual section", "addressed": "addressed", "excluded": "excluded",
           "gap": "gap", "reason": "Reason", "procedures": "Procedures", "forms": "Forms",
           "page": "Page {page} of {pages}", "date": "Date", "filled_by": "Filled in by",
           "version": "Version {version}", "copy_no": "Copy No.",
           "chapters": "Chapters of this document", "chapter": "Chapter",
           "controlled_in": "Controlled in {system} (the version there is current; printed "
                            "copies are for reference only)"},
}


def _control_block(document, plan: PackagePlan, labels: dict, number: str, kind: Kind) -> None:
    """Number, version, status, effective date and the copy number of a controlled copy (分发号,
    blank: written on each copy issued) — for documents controlled electronically (package
    variable sized.system) no copy number: the status says the system holds the current
    version; then who drafted, reviewed and approved a document of
    `kind` (generators.authority: the one rule for the package), with a line each to sign and
    date."""
    docs, names = plan.intake.documents, approval(plan.intake, kind)
    header = [labels["document_no"], labels["version"], labels["controlled_status"],
              labels["effective_date"]]
    row = [number, docs.version, labels["controlled"], docs.effective_date.isoformat()]
    system = (plan.context.get("sized") or {}).get("system", "")
    if system:  # controlled in the system: no copies issued to number (issue 17)
        row[2] = WORDS[plan.language]["controlled_in"].format(system=system)
    else:
        header.append(WORDS[plan.language]["copy_no"])
        row.append("")
    w.table(document, header, [row])
    w.table(document, ["", labels["drafted"], labels["reviewed"], labels["approved"]],
            [[labels["sign_name"], names.drafted_by, names.reviewed_by, names.approved_by],
             [labels["sign_signature"], "", "", ""], [labels["sign_date"], "", "", ""]],
            widths_cm=[2.0, 4.0, 4.0, 4.0], blank_row_height_cm=0.9)


def _revision_history(document, plan: PackagePlan, labels: dict, kind: Kind) -> None:
    """修订记录: the first issue filled in from the intake (drafted and approved as the approval
    rule says for `kind`), and blank rows for later revisions."""
    docs, names = plan.intake.documents, approval(plan.intake, kind)
    document.add_paragraph(labels["revision_history"], style="Heading 3")
    w.table(document, list(labels["revision_columns"]),
            [[docs.version, docs.effective_date.isoformat(), labels["first_issue"],
              names.drafted_by, names.approved_by]] + [[""] * 5 for _ in range(3)],
            widths_cm=[1.8, 2.6, 6.0, 2.6, 2.6], blank_row_height_cm=0.7)


def _start(plan: PackagePlan, reference: Path | None, title: str, number: str, page_label: str,
           landscape: bool = False):
    """A new document with the package's header, footer and properties."""
    lang, company = plan.language, plan.intake.company.name
    document = w.new_document(reference, landscape=landscape, language=lang,
                              numbers=plan.intake.number_pattern())
    designation = plan.standard.designation(lang)
    w.header_and_footer(document, header_line(plan, title, number), page_label)
    w.properties(document, f"{number} {title}".strip(), company, designation, lang)
    return document


def header_line(plan: PackagePlan, title: str, number: str) -> str:
    """The running header of a package document as issued documents carry it: company,
    document number, title, version and the standard, two spaces apart (generators.
    package_reader and the lint read the company first, the number second, the standard last);
    the title once when it is the number too (the traceability matrix)."""
    lang = plan.language
    parts = [plan.intake.company.name, number, *([title] if title and title != number else []),
             WORDS[lang]["version"].format(version=plan.intake.documents.version),
             plan.standard.header_label(lang)]
    return "  ".join(p.strip() for p in parts if p and p.strip())


def build_manual(plan: PackagePlan, templates: TemplateSet, path: Path,
                 reference: Path | None = None, polish=None, toc_pages: bool = False) -> bool:
    """The manual: cover, front sections, one chapter per chapter of the chosen standard (bj-ipm:
    the chapters of manual.<lang>.yaml), the organisation chart and the function matrix.
    `polish(where, text)` may rewrite each clause's text (see generators/polish.py). With
    `toc_pages`, LibreOffice lays the manual out to number the contents (generators.toc_pages);
    returns whether it did."""
    lang, ctx = plan.language, plan.context
    manual = templates.manual(lang)
    labels = manual["labels"]
    number = ctx["docno"]["M01"]
    company = plan.intake.company.name
    target = plan.standard
    document = _start(plan, reference, labels["manual_title"], number, labels["page"])
    document.add_paragraph(company, style="Title")
    document.add_paragraph(labels["manual_title"], style="Title")
    document.add_paragraph(templates.render(labels["based_on"], ctx))
    _control_block(document, plan, labels, number, "manual")
    _revision_history(document, plan, labels, "manual")

    chapters = _chapters(plan, templates)
    front = list(manual["sections"].items())
    toc = [(s["title"], 1) for _, s in front]
    for n, title, _, sections in chapters:
        toc.append((f"{labels['chapter'].format(n=n)} {title}", 1))
        toc += [(heading, 2) for heading, level, _, _ in sections if level <= 2]
    toc += [(labels["appendix_org"], 1), (labels["appendix_matrix"], 1)]
    w.table_of_contents(document, labels["toc"], toc, new_page=True)

    for i, (name, section) in enumerate(front):
        heading = document.add_heading(section["title"], level=1)
        if i == 0 or section.get("new_page"):  # a letter signed on its own page (颁布令 …)
            w.page_break_before(heading)
        w.paragraphs(document, templates.render(section["text"], ctx))
        if name == "scope":  # 删减 is of the standard's clauses; a procedure is only not drafted
            _exclusions(document, plan, labels)

    statuses = {c.key: c for c in plan.clauses}
    for n, title, intro, sections in chapters:
        w.run_on(document.add_heading(f"{labels['chapter'].format(n=n)} {title}", level=1))
        w.paragraphs(document, intro)
        for heading, level, status, texts in sections:
            document.add_heading(heading, level=level)
            if status is not None and status.status == "excluded":
                document.add_paragraph(f"{labels['excluded']}：{status.reason}" if lang == "zh"
                                       else f"{labels['excluded']}: {status.reason}")
                continue
            for where, topic, text in texts:
                if topic:
                    w.topic(document, topic)
                w.paragraphs(document, polish(where, text) if polish and where else text)
            if status is not None and status.status == "gap":
                document.add_paragraph(labels["gap"])
        in_chapter = [s for _, _, s, _ in sections if s is not None]
        related = _related(plan, [statuses[c.key] for c in in_chapter])
        if related:
            document.add_paragraph(labels["related_documents"], style="Heading 3")
            w.table(document, [labels["document_type"], labels["document_no"],
                               WORDS[lang]["title"], labels["clause_column"]], related)

    # the appendices run on after the last chapter, as chapters do (w.run_on): a new page left
    # the last chapter's related documents, or their last rows, alone on a page
    w.run_on(document.add_heading(labels["appendix_org"], level=1))
    intake = plan.intake
    shown = function_names(intake, templates, lang)
    w.table(document, [labels["department_column"], labels["head"], labels["role"]],
            [[intake.company.name, intake.people.top_manager.name, intake.people.top_manager.title]]
            + [[d.name, d.head, shown[d.key]] for d in intake.org.departments])
    document.add_heading(labels["appendix_matrix"], level=1)
    departments = intake.org.departments
    office = intake.departments_with("management")  # its ● stands for top management
    top = _fill(labels.get("matrix_top", ""), department=office[0].name) if office else ""
    if labels.get("matrix_legend"):
        document.add_paragraph(_fill(labels["matrix_legend"], lead="●", assist="○", top=top))
    functions = department_functions(intake, FUNCTIONS)  # unheld functions: the IP department's
    secrecy = secrecy_department(intake, templates.directory)
    owned = _owned_clauses(plan, templates)
    rows = []
    for status in plan.clauses:
        lead, assist = _roles(plan, templates, status.key)
        owner = _owner(departments, functions, lead)
        if secrecy is not None and _secrecy_section(plan, templates, status.key):
            owner = secrecy.key  # the 归口 of confidentiality its text names (role.secrets)
        owner = owned.get(status.key, owner)  # 国际贸易部 for 10.1.2.2, as role.export names
        cells = []
        for d in departments:
            held = set(functions[d.key])
            mark = "●" if d.key == owner else "○" if lead in held or assist & held else ""
            cells.append("" if status.status == "excluded" else mark)  # excluded: no owner
        # a number the standard gives to two clauses (bj-ipm's 10.2 five times) with its title
        rows.append([plan.standard.listed_label(status.key, lang), *cells])
    w.table(document, [labels["clause_column"], *[d.name for d in departments]], rows)
    numbered = False
    if toc_pages:
        w.tidy(document)
        numbered = fill_toc_pages(document)
    w.save(document, path)
    return numbered


def _owned_clauses(plan: PackagePlan, templates: TemplateSet) -> dict[str, str]:
    """{bj-ipm clause key: the key of the department that alone does its process} for the
    processes a department named for them owns (generators.roles.owned_processes: 国际贸易部
    owns `export`, 10.1.2.2): the matrix marks that one ●, as the texts name it. A package
    drafted to another standard keeps the matrix's rule (its clauses cover more than the
    process)."""
    if plan.standard.is_profile:
        return {}
    names = {d.name: d.key for d in plan.intake.org.departments}
    return {process_clause(templates, process): names[name]
            for process, name in owned_processes(plan.intake, templates).items()
            if process_clause(templates, process) and name in names}


def _secrecy_section(plan: PackagePlan, templates: TemplateSet, key: str) -> bool:
    """Whether the manual's section for clause `key` prints only the confidentiality text (the
    clause duties.yaml `processes.secrets` names: bj-ipm 6.2.3, GB/T 29490-2013 7.6), whose
    responsible department is the secrecy department where the company has one."""
    secrets = process_clause(templates, "secrets")
    printed = [u.key for u in plan.units if u.home == key]
    return bool(printed) and set(printed) == {secrets}


def _owner(departments, functions: dict[str, list[str]], lead: str | None) -> str | None:
    """The key of the one department the function matrix marks ● for a clause led by `lead`:
    the first department holding it (its stand-in included, generators.roles.
    department_functions), the one `dept.<function>` names in the texts. Another department
    holding the same function assists (○): a clause has one responsible department."""
    return next((d.key for d in departments if lead in functions[d.key]), None)


def _exclusions(document, plan: PackagePlan, labels: dict) -> None:
    """The manual's statement of exclusions: each excluded clause of the chosen standard with
    its reason (the clauses coverage.md counts as excluded), or that none is excluded; then each
    procedure not drafted although its clauses are served by other documents, said as such."""
    lang, ctx = plan.language, plan.context
    excluded = [c for c in plan.clauses if c.status == "excluded"]
    if excluded:
        document.add_paragraph(labels["exclusions_listed"])
        colon = "：" if lang == "zh" else ": "
        for label, titles, note, reason in _excluded_lines(plan, labels, excluded):
            document.add_paragraph(f"{labels['excluded']}{colon}{label} {titles}{note} — {reason}")
    else:
        document.add_paragraph(self_named(_fill(labels["no_exclusions"],
                                                standard=ctx["standard"]["name"]), _own(plan)))
    for procedure, reason in plan.excluded:
        if plan.excluded_clauses.get(procedure.code):
            continue  # its clauses are excluded: said above
        document.add_paragraph(not_drafted_statement(plan, labels, procedure, reason))


def _excluded_lines(plan: PackagePlan, labels: dict, excluded: list
                    ) -> list[tuple[str, str, str, str]]:
    """(number, titles, note, reason) of each line of the statement of exclusions: one line per
    excluded clause, but clauses the standard's text prints with one number (bj-ipm's two
    11.4.3.2) that are all excluded for the same reason are one line naming both topics and
    saying both are excluded (labels `excluded_twins`); one of them excluded alone says which
    (_twin_note)."""
    joiner = "、" if plan.language == "zh" else " and "
    out, done = [], set()
    for clause in excluded:
        if clause.key in done:
            continue
        same = [c for c in excluded if c.key != clause.key and c.label == clause.label
                and c.reason == clause.reason
                and any(t.key == c.key for t in plan.standard.twins(clause.key))]
        numbered = [t for t in plan.standard.twins(clause.key) if t.numbered]
        if same and {c.key for c in same} >= {t.key for t in numbered}:
            done.update(c.key for c in same)
            titles = joiner.join([clause.title] + [c.title for c in same])
            out.append((clause.label, titles, _fill(labels["excluded_twins"], n=clause.label),
                        clause.reason))
            continue
        out.append((clause.label, clause.title, _twin_note(plan, labels, clause.key),
                    clause.reason))
    return out


def _twin_note(plan: PackagePlan, labels: dict, key: str) -> str:
    """For an excluded clause whose number the standard's text also gives to a clause that is
    not excluded (bj-ipm 11.4.2.3 企业并购与收购 and 11.4.2.3 知识产权许可): a bracketed note
    saying which one is excluded (manual.<lang>.yaml labels `excluded_twin`); else ''."""
    excluded = {c.key for c in plan.clauses if c.status == "excluded"}
    kept = [c for c in plan.standard.twins(key) if c.key not in excluded and c.numbered]
    if not kept:
        return ""
    joiner = "、" if plan.language == "zh" else ", "
    return _fill(labels["excluded_twin"], n=plan.standard.label(key),
                 kept=joiner.join(c.title(plan.language) for c in kept))


def not_drafted_statement(plan: PackagePlan, labels: dict, procedure: Procedure,
                          reason: str) -> str:
    """What the manual says of an excluded procedure whose clauses the other documents serve
    (no clause excluded for it: manual.<lang>.yaml `not_drafted`, `labels` the manual's); the
    coverage report says the same of it (generators.package.unused_numbers)."""
    return self_named(_fill(labels["not_drafted"], title=procedure.title[plan.language],
                            reason=reason.rstrip("。.")), _own(plan))


def _own(plan: PackagePlan) -> str:
    """The word the company calls itself by in this package's Chinese texts (本院's 院;
    generators.company_kind.self_name), '公司' in an English one (self_named leaves it)."""
    return plan.context.get("_self", "公司") if plan.language == "zh" else "公司"


def _chapters(plan: PackagePlan, templates: TemplateSet) -> list:
    """[(number, title, intro text, sections)], a section being (heading, heading level,
    ClauseStatus or None for a heading clause, [(polish key, topic or '', rendered text)])."""
    lang, ctx, target = plan.language, plan.context, plan.standard
    manual = templates.manual(lang)
    statuses = {c.key: c for c in plan.clauses}
    out = []
    if not target.is_profile:  # bj-ipm: the manual's own chapters, one section per clause
        for key, chapter in manual["chapters"].items():
            out.append((key, chapter["title"], templates.render(chapter["intro"], ctx),
                        _bj_sections(plan, templates, key)))
        return out
    labels = manual["labels"]
    for chapter in target.chapters:
        intro = _fill(templates.render(labels["chapter_intro"], ctx), n=chapter.label,
                      title=chapter.title(lang),
                      summary=_chapter_summary(chapter.summary.get(lang, "")))
        clauses = [c for c in target.clauses.values()
                   if c.chapter == chapter.key and c.level >= 2]
        topics = _topics(plan, clauses, lang)
        sections = []
        for clause in clauses:
            status = statuses.get(clause.key)
            body, also = [], []
            for topic, units in topics.get(clause.key, []):
                for i, unit in enumerate(units):  # a topic's texts together, under one heading
                    body.append((unit.key, "" if i else topic, templates.render(unit.text, ctx)))
            for unit in plan.units:
                if (clause.key in unit.serves and unit.home != clause.key
                        and target.points_to(unit.key, clause.key)
                        and named_also(templates, manual, unit.key, ctx)):
                    also.append((unit.title, target.label(unit.home)))
            if also:
                body.append(("", "", _fill(templates.render(labels["see_also"], ctx),
                                           topics=_see_also(also, lang))))
            sections.append((f"{clause.label} {clause.title(lang)}", min(clause.level, 3),
                             status, body))
        out.append((chapter.label, chapter.title(lang), intro, sections))
    return out


def _see_also(entries: list[tuple[str, str]], language: str) -> str:
    """'专利管理、商标管理（7.5）；风险识别（6.2）' / 'Patents and Trademarks (7.5); …': topics
    homed in one clause named together before its number once (never '专利管理（7.5）；商标管理
    （7.5）'), the clauses in the order first met."""
    homes: dict[str, list[str]] = {}
    for title, home in entries:
        homes.setdefault(home, []).append(title)
    if language == "zh":
        return "；".join(f"{'、'.join(titles)}（{home}）" for home, titles in homes.items())
    def joined(titles: list[str]) -> str:
        return ", ".join(titles[:-1]) + (" and " if len(titles) > 1 else "") + titles[-1]
    return "; ".join(f"{joined(titles)} ({home})" for home, titles in homes.items())


def _bj_sections(plan: PackagePlan, templates: TemplateSet, chapter: str) -> list:
    """The sections of chapter `chapter` of a manual drafted to bj-ipm: one per requirement
    clause, at the level of its number (x.y 2, x.y.z 3, x.y.z.w 4), so that the contents
    (levels 1-2) lists each chapter's sections and not every sub-clause. Every clause of the
    standard's tree above a printed one is a heading before it, in the standard's order, with
    or without text of its own (7.1 总体要求 over 7.1.1; 4.3.2 文件控制 over 4.3.2.1, which the
    standard prints as a heading only): a reader never meets 4.3.2.1 under 4.3. A heading the
    standard prints without a number (inside 10.2) has none here."""
    lang, ctx, target = plan.language, plan.context, plan.standard
    texts = templates.manual(lang)["clauses"]
    keys = {c.key for c in plan.clauses}
    sections, headed = [], set()
    for status in plan.clauses:
        if status.key.split(".")[0].split("/")[0] != chapter:
            continue
        clause = target.clauses.get(status.key)
        numbered = clause.numbered if clause else True
        for parent in _ancestors(status.label) if numbered else []:
            if parent not in keys | headed and parent in target.bj.clauses:
                headed.add(parent)
                title = (target.section_heading(parent, lang)
                         or bj_title(target.bj, target.bj.clauses[parent], lang))
                sections.append((f"{parent} {title}", _heading_level(parent), None, []))
        headed.add(status.label)
        body = ([(status.key, "", templates.render(texts[status.key], ctx))]
                if status.key in texts else [])
        level = _heading_level(status.label) if numbered else 3
        sections.append((f"{status.label if numbered else ''} {status.heading}".strip(), level,
                         status, body))
    return sections


def _ancestors(label: str) -> list[str]:
    """'4.3.2.1' -> ['4.3', '4.3.2']: the clauses above a numbered clause, below its chapter,
    outermost first."""
    parts = label.split(".")
    return [".".join(parts[:n]) for n in range(2, len(parts))]


def _heading_level(label: str) -> int:
    """The heading level of a bj-ipm clause numbered `label`: x.y 2, x.y.z 3, x.y.z.w 4."""
    return min(label.count(".") + 1, 4)


def named_also(templates: TemplateSet, manual: dict, key: str, context: dict) -> bool:
    """Whether the manual names the text `key` under "see also" in the other sections it
    serves: manual.<lang>.yaml `see_also_when` gives a condition for a text that, for some
    companies, only says once that they have no such rules (专利管理 without patents held or
    planned) — it stays in its own section and is named nowhere else."""
    return templates.condition(manual.get("see_also_when", {}).get(key), context)


def _chapter_summary(summary: str) -> str:
    """A standard chapter's summary as the manual's chapter lead quotes it: '（该章规定…）' in
    Chinese, the summary's own '本章' left out (never '该章要点：本章规定…'), ', the chapter
    on …' in English; without its full stop."""
    summary = summary.rstrip("。")
    return re.sub(r"^本章", "", re.sub(r"^Chapter\b", "the chapter", summary))


def _topics(plan: PackagePlan, clauses: list, lang: str) -> dict[str, list[tuple[str, list]]]:
    """{clause key: [(topic heading, [ManualUnit])]} for the sections of one chapter: the texts
    each clause prints (those whose home it is), grouped by topic in the order the topics first
    come: placement.yaml `section_order` first (the clause's order of requirements), then the
    manual's order (bj-ipm texts, then additions). A topic split over several sections is
    already headed text by text (generators.plan._split_topics); a heading still printed in
    several sections of the chapter (a split topic without placement.yaml `section_headings`)
    is named with its section's clause title in each, so that it stays unique in the chapter."""
    grouped: dict[str, dict[str, list]] = {}
    for clause in clauses:
        for unit in sorted(plan.units, key=lambda u: plan.standard.printing_order(clause.key,
                                                                                  u.key)):
            if unit.home == clause.key:
                grouped.setdefault(clause.key, {}).setdefault(unit.title, []).append(unit)
    sections_of = Counter(title for topics in grouped.values() for title in topics)
    titles = {c.key: c.title(lang) for c in clauses}
    out = {}
    for key, topics in grouped.items():
        out[key] = [((f"{title}（{titles[key]}）" if lang == "zh" else f"{title} ({titles[key]})")
                     if sections_of[title] > 1 else title, units)
                    for title, units in topics.items()]
    return out


def _fill(text: str, **values: str) -> str:
    """A label's {name} placeholders filled (after Jinja, so facts holding braces stay as they
    are)."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _roles(plan: PackagePlan, templates: TemplateSet, key: str) -> tuple[str | None, set[str]]:
    """The function leading clause `key` of the chosen standard and those assisting: from
    responsibilities.yaml for bj-ipm; for a profile, merged over the manual texts serving it."""
    if not plan.standard.is_profile:
        roles = templates.responsibilities.get(key, {})
        return roles.get("lead"), set(roles.get("assist", []))
    lead, assist, printed = None, set(), Counter()
    for unit in plan.units:
        if key in unit.serves:
            if unit.lead:
                assist.add(unit.lead)
            assist |= set(unit.assist)
            if unit.home == key and unit.lead:  # a text printed in this clause's section
                printed[unit.lead] += 1
    if printed:  # the function leading most of the section's own texts (the first on a tie)
        lead = printed.most_common(1)[0][0]
    else:
        lead = next((u.lead for u in plan.units if key in u.serves and u.lead), None)
    return lead, assist - {lead}


def _related(plan: PackagePlan, statuses) -> list[list[str]]:
    lang, docno = plan.language, plan.context["docno"]
    procedures = {p.code: p for p in plan.procedures}
    forms = {f.code: f for f in plan.forms}
    rows, seen = [], set()
    for status in statuses:
        for code in status.procedures + status.forms:
            if code in seen:
                continue
            seen.add(code)
            item = procedures.get(code) or forms.get(code)
            kind = WORDS[lang]["procedures"] if code in procedures else WORDS[lang]["forms"]
            keys = (plan.procedure_clauses(item) if code in procedures
                    else plan.form_clauses(item))
            clauses = plan.standard.labels(keys, lang)
            title = plan.issued_title(code) if code in procedures else item.title[lang]
            rows.append([kind, docno[code], title, clauses])
    return rows


@dataclass(frozen=True)
class ProcedureText:
    """What a procedure prints for one company, rendered: the rows and steps a template leaves
    out for this company are not in it."""

    purpose: str
    scope: str
    definitions: list[tuple[str, str]]  # (term, meaning)
    responsibilities: list[tuple[str, str]]  # (role, duty) as the template words it for one
    # department, before one department's are merged (generators.duty_rows.one_row_each)
    steps: list[tuple[str, str]]  # (title, text)


def procedure_text(templates: TemplateSet, body: dict, context: dict) -> ProcedureText:
    """Render a procedure's content (`Procedure.content[language]`) for the company of
    `context`. A definition is one row, term and meaning: a term that renders empty drops its
    meaning with it (a definition the company does not need, such as a patent portfolio
    without patents), and a meaning that renders empty drops its term. A responsibility whose
    duty renders empty and a step whose title renders empty are left out."""
    render = lambda text: templates.render(text, context).strip()  # noqa: E731
    definitions = [(term, meaning) for d in body.get("definitions") or []
                   if (term := render(d["term"])) and (meaning := render(d["meaning"]))]
    duties = [(role, duty) for r in body.get("responsibilities") or []
              if (duty := render(r["duty"])) and (role := render(r["role"])) is not None]
    steps = [(title, render(s["text"])) for s in body.get("steps") or []
             if (title := render(s["title"]))]
    return ProcedureText(render(body["purpose"]), render(body["scope"]), definitions, duties,
                         steps)


def build_procedure(plan: PackagePlan, templates: TemplateSet, procedure: Procedure,
                    path: Path, reference: Path | None = None) -> None:
    lang, ctx = plan.language, plan.context
    labels = templates.manual(lang)["labels"]
    number = ctx["docno"][procedure.code]
    document = _start(plan, reference, procedure.title[lang], number, WORDS[lang]["page"])
    document.add_paragraph(procedure.title[lang], style="Title")
    _control_block(document, plan, labels, number, "procedure")
    _revision_history(document, plan, labels, "procedure")
    _procedure_body(document, plan, templates, procedure)
    w.save(document, path)


def build_bundle(plan: PackagePlan, templates: TemplateSet, issued: Issued, path: Path,
                 reference: Path | None = None) -> None:
    """A small company's bundle (generators.bundles): one issued document, numbered and titled
    as the bundle, holding each member procedure as a chapter ('第2章 外来文件与记录控制程序')
    with its sections numbered within the chapter (2.1 目的 … 2.7 记录)."""
    lang, ctx = plan.language, plan.context
    labels = templates.manual(lang)["labels"]
    number = ctx["docno"][issued.code]
    document = _start(plan, reference, issued.title, number, WORDS[lang]["page"])
    document.add_paragraph(issued.title, style="Title")
    _control_block(document, plan, labels, number, "procedure")
    _revision_history(document, plan, labels, "procedure")
    words, target = WORDS[lang], plan.standard
    document.add_paragraph(words["chapters"], style="Heading 3")
    w.table(document, [words["chapter"], words["title"], words["clause"]],
            [[str(n), member.title[lang], target.labels(plan.procedure_clauses(member), lang)]
             for n, member in enumerate(issued.members, start=1)], keep_together=True)
    for n, member in enumerate(issued.members, start=1):
        heading = (f"第{n}章 {member.title[lang]}" if lang == "zh"
                   else f"Chapter {n} {member.title[lang]}")
        w.page_break_before(document.add_heading(heading, level=1))
        _procedure_body(document, plan, templates, member, chapter=n, issued=issued)
    w.save(document, path)


def _procedure_body(document, plan: PackagePlan, templates: TemplateSet, procedure: Procedure,
                    chapter: int | None = None, issued: Issued | None = None) -> None:
    """A procedure's seven sections (目的 … 记录); in a bundle (`issued`) one level down and
    numbered within its `chapter` ('2.1 目的', '2.5.3 …'), naming the other chapters of the same
    bundle by chapter ('见本程序第2章“…”': generators.bundles.chapter_references)."""
    lang, ctx, words = plan.language, plan.context, WORDS[plan.language]
    body = procedure.content[lang]
    target = plan.standard
    level = 1 if chapter is None else 2
    prefix = "" if chapter is None else f"{chapter}."

    def section(key: str) -> None:
        document.add_heading(prefix + words[key], level=level)

    if issued is not None and issued.bundled:
        printed = _in_chapter(templates, body, {**ctx, "chapter": prefix}, issued, lang)
    else:
        printed = procedure_text(templates, body, {**ctx, "chapter": prefix})
    section("purpose")
    w.paragraphs(document, printed.purpose)
    section("scope")
    w.paragraphs(document, printed.scope)
    section("definitions")
    if printed.definitions:
        w.table(document, [words["term"], words["meaning"]],
                [list(row) for row in printed.definitions])
    else:
        document.add_paragraph(words["no_definitions"])
    section("responsibilities")
    w.table(document, [words["role"], words["duty"]],
            one_row_each(printed.responsibilities,
                         [d.name for d in plan.intake.org.departments], lang))
    section("steps")
    text: list = []
    for i, (title, step) in enumerate(printed.steps, start=1):
        document.add_heading(f"{prefix}5.{i} {title}", level=level + 1)
        text = w.paragraphs(document, step)
    for paragraph in text[-1:]:  # the last step's end goes with the closing lists (H6), only
        w.keep_end_with_next(document, paragraph)  # its end: a long step flows (issue 17)
    titles = dict(ctx["title"])  # the procedures' titles as this package prints them
    titles.update({f.code: f.title[lang] for f in plan.forms})  # as printed (title_when)
    section("related")
    applying = {p.code for p in plan.procedures} | {f.code for f in plan.forms}
    own = {f.code for f in plan.forms if f.procedure == procedure.code}  # its records (7)
    forms = {f.code for f in plan.forms}
    cited = _cited(printed, {c: titles[c] for c in applying - own}, ctx["docno"])
    related = list(dict.fromkeys(  # a bundle's chapters name the bundle once, not themselves
        c for c in [*procedure.content.get("related", []), *cited] if c in applying
        and ctx["docno"][c] != ctx["docno"][procedure.code]))
    related.sort(key=lambda c: (c in forms, ctx["docno"][c]))  # procedures, then records
    w.table(document, [words["code"], words["title"]],
            [[ctx["docno"][c], titles[c]] for c in _first_per_number(related, ctx["docno"])]
            + [[target.designation(lang), f"{target.titles[lang]} "
                f"{target.labels(plan.procedure_clauses(procedure), lang)}"]])
    section("records")
    # the related documents flow (their heading keeps with the first row: w.table), the short
    # records list keeps together: both lists kept with the last step jumped to a new page as
    # one block and left half a page blank (seed.zh P-10); a list flowing freely left its last
    # row alone on the last page
    w.table(document, [words["code"], words["title"], words["clause"]],
            [[ctx["docno"][f.code], f.title[lang], target.labels(plan.form_clauses(f), lang)]
             for f in plan.forms if f.procedure == procedure.code], keep_together=True)


def _cited(printed: ProcedureText, titles: dict[str, str], docno: dict[str, str]) -> list[str]:
    """The codes of the package's documents a procedure's printed text cites — by its 《title》
    (a title in quotes in English) or by its document number — in code order: its section 6
    (related documents) lists each of them, as an auditor checks the list against the text."""
    text = "\n".join([printed.purpose, printed.scope,
                      *(w for row in printed.definitions for w in row),
                      *(w for row in printed.responsibilities for w in row),
                      *(w for step in printed.steps for w in step)])
    named = set(re.findall(r"《([^》]+)》", text))
    return [c for c, title in sorted(titles.items())
            if title in named or (docno.get(c) and re.search(
                rf"(?<![A-Za-z0-9-]){re.escape(docno[c])}(?![0-9])", text))
            or (not re.search(r"[\u4e00-\u9fff]", title) and f"{title} (" in text)]


def _in_chapter(templates: TemplateSet, body: dict, context: dict, issued: Issued,
                language: str) -> ProcedureText:
    """A bundle member's text, the bundle's members it names named by chapter
    (generators.bundles.chapter_context / chapter_references)."""
    again = procedure_text(templates, body, chapter_context(context, issued))
    said = lambda text: chapter_references(  # noqa: E731
        text, issued, language, context["docno"][issued.code],
        templates.directory / "bundles.yaml")
    return ProcedureText(said(again.purpose), said(again.scope),
                         [(said(t), said(m)) for t, m in again.definitions],
                         [(said(r), said(d)) for r, d in again.responsibilities],
                         [(said(t), said(x)) for t, x in again.steps])


def _first_per_number(codes: list[str], docno: dict[str, str]) -> list[str]:
    """`codes` without those whose document number an earlier one has (a bundle's members)."""
    seen: set[str] = set()
    return [c for c in codes if not (docno[c] in seen or seen.add(docno[c]))]


def build_form(plan: PackagePlan, templates: TemplateSet, form: Form, path: Path,
               reference: Path | None = None) -> None:
    """A record form, laid out to be filled in by hand and in Word (generators.form_layout):
    landscape for a ledger of more than six columns."""
    ledger = form.content["layout"] in ("ledger", "checklist")
    columns = form.content[plan.language].get("columns") or []
    landscape = ledger and len(shown_fields(
        columns, lambda text: templates.render(text, plan.context))) > 6
    document = _start(plan, reference, form.title[plan.language], plan.context["docno"][form.code],
                      WORDS[plan.language]["page"], landscape)
    fill_form(document, plan, templates, form)
    w.save(document, path)


def build_traceability(plan: PackagePlan, path: Path, reference: Path | None = None) -> None:
    lang, words, docno = plan.language, WORDS[plan.language], plan.context["docno"]
    document = _start(plan, reference, words["traceability"], words["traceability"],
                      words["page"], landscape=True)
    document.add_paragraph(f"{words['traceability']} — {plan.standard.name(lang)}",
                           style="Title")
    rows = []
    for c in plan.clauses:
        rows.append([c.label, c.title, c.label if c.manual else "",
                     ", ".join(plan.issued_ref(p) for p in c.procedures),
                     ", ".join(docno[f] for f in c.forms), words[c.status], c.reason])
    w.table(document, [words["clause"], words["title"], words["manual_section"],
                       words["procedures"], words["forms"], words["status"], words["reason"]], rows)
    w.save(document, path)
