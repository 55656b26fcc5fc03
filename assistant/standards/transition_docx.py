"""The transition report as a Word document (python-docx; A4: title, the standards by
designation, date, one table per section) and as Markdown, both written atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assistant.errors import IpmsError
from assistant.standards.crosswalk_view import ClauseInfo
from assistant.standards.transition import SECTIONS, TransitionEntry, TransitionReport, labels
from generators.docx_writer import unbroken_numbers

EAST_ASIAN_FONT = "SimSun"  # Word's default Chinese font; LibreOffice substitutes a CJK one
WIDTHS_MM = (46, 30, 19, 45, 40)  # clause, old clause, relation, note, documents: 180 mm


def check_out_path(out: Path, force: bool) -> tuple[Path, Path]:
    """(FILE.docx, FILE.md) for --out FILE.docx; IpmsError when the name does not end in
    .docx, the folder does not exist, or a file is there already (unless `force`)."""
    if out.suffix.lower() != ".docx":
        raise IpmsError(f"--out must name a .docx file, not '{out.name}'")
    if not out.parent.is_dir():
        raise IpmsError(f"the folder {out.parent} does not exist")
    markdown = out.with_suffix(".md")
    for path in (out, markdown):
        if path.is_dir():
            raise IpmsError(f"{path} is a folder")
        if path.exists() and not force:
            raise IpmsError(f"{path} exists; pass --force to replace it")
    return out, markdown


def _columns(report: TransitionReport, section: str) -> list[str]:
    """The table's headings; the removed section lists old clauses first."""
    words = labels(report.language)
    names = ["old_clause", "clause"] if section == "removed" else ["clause", "old_clause"]
    return [words["columns"][c].format(old=report.old, new=report.new)
            for c in (*names, "relation", "note", "documents")]


def _clause_text(info: ClauseInfo) -> str:
    return f"{info.number} {info.title}".strip()


def _relations(entry: TransitionEntry, report: TransitionReport) -> str:
    words = labels(report.language)["relation"]
    return "; ".join(words.get(r, r) for r in entry.relations)


def _row(entry: TransitionEntry, report: TransitionReport) -> list[str]:
    words = labels(report.language)
    documents = entry.document_labels(report.language) or [words["no_documents"]]
    return [_clause_text(entry.clause),
            "; ".join(_clause_text(o) for o in entry.old) or "-",
            _relations(entry, report), " ".join(entry.notes), "\n".join(documents)]


def _summary(entry: TransitionEntry, report: TransitionReport) -> str:
    words = labels(report.language)
    if entry.clause.summary is None:
        return ""
    text = f"{words['summary_label']}: {entry.clause.summary}"
    if entry.clause.confidence == "unverified":
        text += f" [{words['confidence_label']}]"
    return text


def report_markdown(report: TransitionReport) -> str:
    """The report as Markdown (also printed by `ipms transition` without --out)."""
    w = labels(report.language)
    old, new = report.old, report.new
    lines = [f"# {w['title']}", "", f"**{w['subtitle'].format(old=old, new=new)}**", "",
             f"- {w['meta']['from']}: {old}", f"- {w['meta']['to']}: {new}",
             f"- {w['meta']['date']}: {report.date}"]
    if report.company:
        lines.append(f"- {w['meta']['company']}: {report.company}")
    lines += [f"- {w['meta']['source']}: {w['meta']['source_text']}", "", w["intro"], "",
              w["intake_note"].format(intake=report.intake_name) if report.intake_name
              else w["no_intake_note"]]
    if report.exclusions:
        lines += ["", w["exclusions"]] + [f"- {name}: {reason}" for name, reason in report.exclusions]
    for name in SECTIONS:
        entries = report.sections[name]
        columns = _columns(report, name)
        lines += ["", f"## {w['sections'][name]} ({len(entries)})", "",
                  w["section_intro"][name].format(old=old, new=new), ""]
        if not entries:
            lines.append(w["empty"])
            continue
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for entry in entries:
            cells = _row(entry, report)
            if summary := _summary(entry, report):
                cells[0] += f"<br>*{summary}*"
            lines.append("| " + " | ".join(c.replace("|", "/").replace("\n", "<br>")
                                           for c in cells) + " |")
    lines += ["", report.summary_line()]
    return "\n".join(lines) + "\n"


def _east_asian(style) -> None:
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def report_docx(report: TransitionReport):
    """The report as a python-docx Document (A4 portrait)."""
    w = labels(report.language)
    old, new = report.old, report.new
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    document.styles["Normal"].font.size = Pt(10)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _east_asian(document.styles[name])
    document.add_heading(w["title"], level=0)
    document.add_paragraph(w["subtitle"].format(old=old, new=new)).runs[0].bold = True
    meta = [(w["meta"]["from"], old), (w["meta"]["to"], new), (w["meta"]["date"], report.date)]
    if report.company:
        meta.append((w["meta"]["company"], report.company))
    meta.append((w["meta"]["source"], w["meta"]["source_text"]))
    for name, value in meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph(w["intro"])
    document.add_paragraph(w["intake_note"].format(intake=report.intake_name)
                           if report.intake_name else w["no_intake_note"])
    if report.exclusions:
        document.add_paragraph(w["exclusions"])
        for name, reason in report.exclusions:
            document.add_paragraph(f"{name}: {reason}", style="List Bullet")
    document.add_paragraph(report.summary_line()).runs[0].bold = True
    for name in SECTIONS:
        entries = report.sections[name]
        columns = _columns(report, name)
        document.add_heading(f"{w['sections'][name]} ({len(entries)})", level=1)
        document.add_paragraph(w["section_intro"][name].format(old=old, new=new))
        if not entries:
            document.add_paragraph(w["empty"])
            continue
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, columns):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for entry in entries:
            cells = table.add_row().cells
            for cell, text in zip(cells, _row(entry, report)):
                cell.text = text
            if summary := _summary(entry, report):
                run = cells[0].add_paragraph().add_run(summary)
                run.italic = True
                run.font.size = Pt(8)
        for column, width in zip(table.columns, WIDTHS_MM):
            column.width = Mm(width)  # the grid LibreOffice reads; cells for Word
        for row in table.rows:
            for cell, width in zip(row.cells, WIDTHS_MM):
                cell.width = Mm(width)
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.font.size is None:
                            run.font.size = Pt(9)
    # document, clause and standard numbers never break across lines, as in the package
    unbroken_numbers(document.element.body, report.numbers)
    return document


def _atomic(path: Path, write) -> Path:
    """Write to a temporary file in the same folder; the caller moves it into place."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temp))
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def write_report(report: TransitionReport, docx_path: Path, markdown_path: Path) -> None:
    """Write FILE.docx and FILE.md: both are made in full beside their final names, then moved
    into place; an error leaves no partial file (and neither file when the first fails)."""
    temps: list[tuple[Path, Path]] = []
    try:
        temps.append((_atomic(docx_path, lambda p: report_docx(report).save(str(p))), docx_path))
        temps.append((_atomic(markdown_path, lambda p: p.write_text(report_markdown(report),
                                                                   encoding="utf-8")),
                      markdown_path))
        for temp, final in temps:
            os.replace(temp, final)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
