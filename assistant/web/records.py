"""Documents people keep from the web app: a conversation (Markdown, .docx) and a training
record (.docx) of the kind clause 7.3.2.7 asks companies to keep. Every .docx is A4, its text
as the reader copies it: no word joiners inside numbers (a command such as '--profile
gbt29490-2023' pasted from it must still work)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assistant.models import Answer
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


def conversation_markdown(turns: list[Answer]) -> str:
    lines = [f"# IP management assistant — conversation ({dt.date.today().isoformat()})", ""]
    for answer in turns:
        lines += [f"## Q: {answer.question}", "", answer.answer, ""]
        if answer.citations:
            lines.append("Citations: " + "; ".join(f"[{c.doc} {c.clause}] {c.title}"
                                                  for c in answer.citations))
            lines.append("")
    return "\n".join(lines)


def conversation_docx(turns: list[Answer], path: Path, lang: str = "zh") -> Path:
    """The conversation as Word: each question a heading, the answer's lines as paragraphs
    (its quoted lines in the Quote style, without Markdown's '> '), then its citation list
    with each citation's verbatim quote."""
    document = a4_document()
    document.add_paragraph(t("qa_record", lang), style="Title")
    document.add_paragraph(dt.date.today().isoformat())
    for answer in turns:
        document.add_heading(f"{t('question', lang)}: {answer.question}", level=2)
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
                item.add_run(f"[{c.doc} {c.clause}] {c.title}").bold = True
                for quoted in c.quote.split("\n"):
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


def _minutes(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    return f"{seconds // 60} 分 {seconds % 60} 秒 / {seconds // 60} min {seconds % 60} s"


def _keep_together(table) -> None:
    """Rows that do not split across pages and stay on the page of the row after them."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        properties.append(cant)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def training_record_docx(session: QuizSession, chapter_names: list[str], path: Path,
                         date: dt.date | None = None) -> Path:
    """The training record: session, trainer, attendee, date, duration, topics, score and
    result against the pass mark, each question with the answer given, and signatures."""
    date = date or session.started.date()
    document = a4_document()
    document.styles["Normal"].font.size = Pt(10)
    w.header_and_footer(document, "知识产权培训记录 / IP training record", "第 {page} 页")
    document.add_paragraph("知识产权培训记录 / IP training record", style="Title")
    result = "合格 Passed" if session.passed else "不合格 Not passed"
    _table(document, ["培训名称 Session", "培训人 Trainer", "参训人 Attendee"],
           [[session.session_name or "—", session.trainer or "—", session.attendee]],
           widths_cm=[6.0, 5.5, 5.5])
    _table(document, ["日期 Date", "用时 Duration", "得分 Score", "结果 Result"],
           [[date.isoformat(), _minutes(session.duration),
             f"{session.score} / {len(session.questions)}",
             f"{result}（≥{session.pass_mark}%）"]],
           widths_cm=[3.2, 5.3, 3.0, 5.5])
    _table(document, ["培训内容 Topics"], [["; ".join(chapter_names)]], widths_cm=[17.0])
    rows = []
    for i, (question, given) in enumerate(zip(session.questions, session.given), start=1):
        rows.append([str(i), question.prompt, given, question.answer,
                     "√" if given == question.answer else "×",
                     question.clause_name or question.clause_key])
    _table(document, ["No.", "题目 Question", "作答 Answer", "正确答案 Correct", "结果 Result",
                   "条款 Clause"], rows, widths_cm=[1.0, 6.6, 2.6, 2.6, 1.6, 2.6])
    questions = document.tables[-1]
    for row in questions.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    _table(document, ["参训人签字 Attendee signature", "培训人签字 Trainer signature"], [["", ""]],
           widths_cm=[8.5, 8.5])
    document.tables[-1].rows[1].height = Cm(1.5)
    _keep_together(document.tables[-1])
    w.save(document, path, whole_numbers=False)
    return path
