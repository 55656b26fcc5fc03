"""The training record holds what a company's training rule counts (try13 fault 9: "第十八条 …
每年不少于8学时"): 培训学时, 地点 and 方式 as the trainer entered them, the quiz's own time named as
such (测验用时), and a footer "第 X 页 共 Y 页"; the quiz's end screen shows the review, not the last
question's verdict under it. Records are read back with python-docx, no conversion."""
from __future__ import annotations

import docx
import pytest

from assistant.web import handlers as h
from assistant.web import quiz
from assistant.web import records
from generators.templates_io import TemplateSet


@pytest.fixture(scope="module")
def services(session_settings, corpus):
    return h.Services(session_settings, corpus, None, TemplateSet())


def _finished(corpus, **training) -> quiz.QuizSession:
    session = quiz.build_quiz(corpus, ["7"], 3, "李敏", seed=3, trainer="王芳",
                              session_name="2026年度贯标培训", **training)
    while session.current is not None:
        session.answer(session.current.options[0])
    return session


def _cells(path) -> list[str]:
    return [c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells]


@pytest.mark.parametrize(("lang", "labels", "mode"), [
    ("zh", ("培训学时", "地点", "方式", "测验用时"), "面授"),
    ("en", ("Training hours", "Place", "Method", "Quiz time"), "In person"),
])
def test_the_record_holds_hours_place_and_method_and_counts_its_pages(
        corpus, tmp_path, lang, labels, mode):
    session = _finished(corpus, hours=1.5, place="3楼第一会议室", mode=mode)
    path = records.training_record_docx(session, ["7 知识产权资源管理"], tmp_path / "r.docx",
                                        lang=lang)
    cells = _cells(path)
    for label in labels:
        assert label in cells, (label, cells)
    assert "1.5" in cells and "3楼第一会议室" in cells and mode in cells
    footer = docx.Document(str(path)).sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "PAGE" in footer
    assert ("共" in footer) if lang == "zh" else (" of " in footer)


def test_fields_left_empty_are_a_dash_for_the_trainer_to_fill_in(corpus, tmp_path):
    cells = _cells(records.training_record_docx(_finished(corpus), ["7"], tmp_path / "r.docx"))
    at = cells.index("培训学时")
    assert "—" in cells[at:at + 8]


def test_the_end_screen_keeps_no_verdict_of_the_last_question(services, corpus):
    session = quiz.build_quiz(corpus, ["9"], 2, "x", seed=1)
    session.answer(session.current.answer)
    assert h.feedback_markdown(services, session, True, "zh")  # during the quiz: the verdict
    assert h.quiz_in_language(services, session, "zh")[2]
    session.answer(session.current.answer)
    assert h.feedback_markdown(services, session, True, "zh") == ""
    assert h.quiz_in_language(services, session, "en")[2] == ""
    assert h.question_markdown(session, "zh", services).startswith("### ")  # the end screen
