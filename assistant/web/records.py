"""Documents people keep from the web app: a conversation (Markdown, .docx) and a training
record (.docx) of the kind clause 7.3.2.7 asks companies to keep. Every .docx is A4, its text
as the reader copies it: no word joiners inside numbers (a command such as '--profile
gbt29490-2023' pasted from it must still work)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assistant.answer.status import is_company_document, status_note
from assistant.models import Answer, Citation, DocumentMeta
from assistant.web.messages import t
from assistant.web.quiz import QuizSession
from generators import docx_writer as w

A4 = (Cm(21.0), Cm(29.7))


def a4_document():
    """A new document (generators.docx_writer's look) on A4 portrait with 2 cm margins."""
    document = w.new_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    return document


def _citation_line(citation: Citation, lang: str) -> str:
    """'[bj-ipm 4.3.2.1] 文件管理', with the document's status beside it when its text is not a
    standard's ('（非官方摘要，非标准原文）')."""
    return (f"[{citation.doc} {citation.clause}] {citation.title}".strip()
            + status_note(citation.status, lang))


def _plain(text: str) -> str:
    """Text without spaces, line breaks and quote marks ('> '), to tell whether a quote is
    already shown in an answer."""
    return re.sub(r"[\s>]", "", text)


def _unshown_quote(citation: Citation, answer: Answer) -> str | None:
    """The citation's quote when the answer's text does not show it already; else None (each
    quote is printed once)."""
    quote = citation.quote.strip()
    if not quote or _plain(quote) in _plain(answer.answer):
        return None
    return quote


def conversation_markdown(turns: list[Answer], lang: str = "zh") -> str:
    """The conversation as Markdown, its fixed text in the interface's language `lang`: a
    title with the date, each question as a heading, the answer, then its citations (each
    with its status when not a standard's text, and its quote only if the answer lacks it)."""
    lines = [f"# {t('qa_record', lang)}（{dt.date.today().isoformat()}）" if lang != "en"
             else f"# {t('qa_record', lang)} ({dt.date.today().isoformat()})", ""]
    for answer in turns:
        lines += [f"## {t('question', lang)}{'：' if lang != 'en' else ': '}{answer.question}",
                  "", answer.answer, ""]
        if answer.citations:
            lines += [f"### {t('citations', lang)}", ""]
            for c in answer.citations:
                lines.append(f"- {_citation_line(c, lang)}")
                if (quote := _unshown_quote(c, answer)) is not None:
                    lines += [f"  > {q}" for q in quote.split("\n") if q.strip()]
            lines.append("")
    return "\n".join(lines)


def conversation_docx(turns: list[Answer], path: Path, lang: str = "zh") -> Path:
    """The conversation as Word, its fixed text in `lang`: each question a heading, the
    answer's lines as paragraphs (its quoted lines in the Quote style, without Markdown's
    '> '), then its citation list; a citation's quote is printed there only when the answer
    does not show it already, so each quote appears once."""
    document = a4_document()
    document.add_paragraph(t("qa_record", lang), style="Title")
    document.add_paragraph(dt.date.today().isoformat())
    for answer in turns:
        colon = ": " if lang == "en" else "："
        document.add_heading(f"{t('question', lang)}{colon}{answer.question}", level=2)
        for line in answer.answer.split("\n"):
            if not line.strip():
                continue
            if line.lstrip().startswith(">"):
                document.add_paragraph(line.lstrip()[1:].strip(), style="Quote")
            else:
                document.add_paragraph(line.strip())
        if answer.citations:
            document.add_heading(t("citations", lang), level=3)
            for c in answer.citations:
                item = document.add_paragraph(style="List Bullet")
                item.add_run(_citation_line(c, lang)).bold = True
                for quoted in (_unshown_quote(c, answer) or "").split("\n"):
                    if quoted.strip():
                        document.add_paragraph(quoted.strip(), style="Quote")
    w.save(document, path, whole_numbers=False)
    return path


def _table(document, header: list[str], rows: list[list[str]], widths_cm: list[float]):
    """generators.docx_writer's table with fixed column widths that Word and LibreOffice both
    keep (the grid's widths, not only the cells'): the question column is not squeezed."""
    w.table(document, header, rows, widths_cm=widths_cm)
    table = document.tables[-1]
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    return table


def _keep_together(table) -> None:
    """Rows that do not split across pages and stay on the page of the row after them."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        properties.append(cant)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


RECORD_TEXT: dict[str, tuple[str, str]] = {  # the training record's fixed text (zh, en)
    "title": ("知识产权培训记录", "IP training record"),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "session": ("培训名称", "Session"), "trainer": ("培训人", "Trainer"),
    "attendee": ("参训人", "Attendee"), "date": ("日期", "Date"), "duration": ("测验用时", "Quiz time"),
    "hours": ("培训学时", "Training hours"), "place": ("地点", "Place"), "mode": ("方式", "Method"),
    "score": ("得分", "Score"), "result": ("结果", "Result"),
    "passed": ("合格", "Passed"), "failed": ("不合格", "Not passed"),
    "minutes": ("{m} 分 {s} 秒", "{m} min {s} s"),
    "standard": ("依据标准", "Standard"), "edition": ("版本", "Edition"),
    "doc_number": ("文件编号", "Document No."),
    "topics": ("培训内容", "Topics"),
    "no": ("序号", "No."), "question": ("题目", "Question"), "given": ("作答", "Answer"),
    "correct": ("正确答案", "Correct answer"), "clause": ("条款", "Clause"),
    "attendee_signature": ("参训人签字", "Attendee signature"),
    "trainer_signature": ("培训人签字", "Trainer signature"),
}


def _r(key: str, lang: str, **values: object) -> str:
    zh, en = RECORD_TEXT[key]
    return (en if lang == "en" else zh).format(**values)


def standard_name(meta: DocumentMeta, lang: str) -> str:
    """The standard a record was drawn from, as a reader names it: '北京市地方标准《企业知识产权
    管理规范》' (its designation, else its kind of standard from its names, then its title) /
    its English title; a company document by its title alone ('《华瑞知识产权管理制度》'), its
    文件编号 given beside it (edition_label)."""
    if is_company_document(meta):
        return (meta.title_en or meta.title_zh) if lang == "en" else f"《{meta.title_zh}》"
    if lang == "en":
        return f"{meta.number} {meta.title_en}".strip() if meta.number else meta.title_en
    prefix = meta.number or next((a for a in meta.aliases if a.endswith("标准")
                                  and re.search(r"[\u4e00-\u9fff]", a)), "")
    return f"{prefix}《{meta.title_zh}》"


def by_document_number(meta: DocumentMeta, editions: dict | None = None) -> bool:
    """Is the document told by its 文件编号 instead of an edition? A company document with a
    number that corpus/editions.yaml names no edition of."""
    return bool(meta.number) and is_company_document(meta) and not (editions or {}).get(meta.id)


def edition_label(meta: DocumentMeta, lang: str, editions: dict | None = None) -> str:
    """What edition_name gives: '版本' / 'Edition', or '文件编号' / 'Document No.'."""
    return _r("doc_number" if by_document_number(meta, editions) else "edition", lang)


NO_EDITION = "—"  # what edition_name gives for a document that states none


def edition_name(meta: DocumentMeta, lang: str, editions: dict | None = None) -> str:
    """The edition of the document: corpus/editions.yaml's words for it, else its designation
    (which carries the year) or a company document's 文件编号 (edition_label says which), else
    its issue date, else the manifest's date."""
    listed = (editions or {}).get(meta.id) or {}
    return str(listed.get("en" if lang == "en" else "zh") or meta.number or meta.issued
               or meta.date or NO_EDITION)


def source_cell(source: DocumentMeta | None, lang: str, editions: dict | None = None) -> str:
    """The record's 依据标准 cell: the document's name and, under it, its edition or 文件编号
    ('版本：2023' / '文件编号：HR-IPM-2026-01'); a document that states neither (a company's
    policy without a number) is named alone, never with '版本：—'."""
    if source is None:
        return NO_EDITION
    name = standard_name(source, lang)
    edition = edition_name(source, lang, editions)
    if edition == NO_EDITION:
        return name
    return (f"{name}\n{edition_label(source, lang, editions)}"
            f"{': ' if lang == 'en' else '：'}{edition}")


def training_record_docx(session: QuizSession, chapter_names: list[str], path: Path,
                         date: dt.date | None = None, lang: str = "zh",
                         source: DocumentMeta | None = None,
                         editions: dict | None = None) -> Path:
    """The training record, its fixed text in the interface's language `lang`: session,
    trainer, attendee, the hours credited, place and method (what a company's training rule
    counts: '—' when not entered, for the trainer to fill in), date, the quiz's time, the standard and edition the quiz was drawn from
    (`source`), topics, score and result against the pass mark, each question with the answer
    given, and signatures."""
    date = date or session.started.date()
    document = a4_document()
    document.styles["Normal"].font.size = Pt(10)
    title = _r("title", lang)
    w.header_and_footer(document, title, _r("page", lang, page="{page}", pages="{pages}"))
    document.add_paragraph(title, style="Title")
    result = _r("passed" if session.passed else "failed", lang)
    _table(document, [_r("session", lang), _r("trainer", lang), _r("attendee", lang)],
           [[session.session_name or "—", session.trainer or "—", session.attendee]],
           widths_cm=[6.0, 5.5, 5.5])
    hours = "—" if session.hours is None else f"{session.hours:g}"
    _table(document, [_r("hours", lang), _r("place", lang), _r("mode", lang)],
           [[hours, session.place or "—", session.mode or "—"]], widths_cm=[4.0, 8.0, 5.0])
    seconds = int(session.duration.total_seconds())
    _table(document, [_r("date", lang), _r("duration", lang), _r("score", lang),
                      _r("result", lang)],
           [[date.isoformat(), _r("minutes", lang, m=seconds // 60, s=seconds % 60),
             f"{session.score} / {len(session.questions)}",
             f"{result}（≥{session.pass_mark}%）" if lang != "en"
             else f"{result} (≥{session.pass_mark}%)"]],
           widths_cm=[3.2, 5.3, 3.0, 5.5])
    standard = source_cell(source, lang, editions)
    _table(document, [_r("standard", lang), _r("topics", lang)],
           [[standard, ("; " if lang == "en" else "；").join(chapter_names)]],
           widths_cm=[8.0, 9.0])
    rows = []
    for i, (question, given) in enumerate(zip(session.questions, session.given), start=1):
        rows.append([str(i), question.prompt, given, question.answer,
                     "√" if given == question.answer else "×",
                     question.clause_name or question.clause_key])
    _table(document, [_r("no", lang), _r("question", lang), _r("given", lang),
                      _r("correct", lang), _r("result", lang), _r("clause", lang)],
           rows, widths_cm=[1.0, 6.6, 2.6, 2.6, 1.6, 2.6])
    questions = document.tables[-1]
    for row in questions.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    _table(document, [_r("attendee_signature", lang), _r("trainer_signature", lang)],
           [["", ""]], widths_cm=[8.5, 8.5])
    document.tables[-1].rows[1].height = Cm(1.5)
    _keep_together(document.tables[-1])
    w.save(document, path, whole_numbers=False)
    return path
