"""Documents people keep from the web app: a conversation (Markdown, .docx) and a training
record (.docx) of the kind clause 7.3.2.7 asks companies to keep."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from assistant.models import Answer
from assistant.web.quiz import QuizSession
from generators import docx_writer as w


def conversation_markdown(turns: list[Answer]) -> str:
    lines = [f"# IP management assistant — conversation ({dt.date.today().isoformat()})", ""]
    for answer in turns:
        lines += [f"## Q: {answer.question}", "", answer.answer, ""]
        if answer.citations:
            lines.append("Citations: " + "; ".join(f"[{c.doc} {c.clause}] {c.title}"
                                                  for c in answer.citations))
            lines.append("")
    return "\n".join(lines)


def conversation_docx(turns: list[Answer], path: Path) -> Path:
    document = w.new_document()
    document.add_paragraph("知识产权问答记录 / IP Q&A record", style="Title")
    document.add_paragraph(dt.date.today().isoformat())
    for answer in turns:
        document.add_heading(answer.question, level=2)
        w.paragraphs(document, answer.answer)
    w.save(document, path)
    return path


def training_record_docx(session: QuizSession, chapter_names: list[str], path: Path,
                         date: dt.date | None = None) -> Path:
    date = date or dt.date.today()
    document = w.new_document()
    w.header_and_footer(document, "知识产权培训记录 / IP training record", "第 {page} 页")
    document.add_paragraph("知识产权培训记录 / IP training record", style="Title")
    w.table(document, ["参训人 Attendee", "日期 Date", "得分 Score"],
            [[session.attendee, date.isoformat(),
              f"{session.score} / {len(session.questions)}"]])
    w.table(document, ["培训内容 Topics"], [["; ".join(chapter_names)]])
    rows = []
    for i, (question, given) in enumerate(zip(session.questions, session.given), start=1):
        rows.append([str(i), question.prompt, given, question.answer,
                     "√" if given == question.answer else "×", question.clause_key])
    w.table(document, ["No.", "题目 Question", "作答 Answer", "正确答案 Correct", "结果",
                       "条款 Clause"], rows)
    w.table(document, ["参训人签字 Attendee signature", "培训人签字 Trainer signature"], [["", ""]])
    w.save(document, path)
    return path
