"""The web app's handlers without a browser: asking, clause pages, browsing, drafting, quizzes,
records and login."""
from __future__ import annotations

import zipfile

import docx
import pytest

from assistant.errors import IpmsError
from assistant.web import auth, quiz
from assistant.web import handlers as h
from generators.templates_io import TemplateSet


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def test_ask_keeps_the_turn_and_reports_bad_input_as_a_message(services):
    turns = []
    answer, shown = h.ask(services, "第4.3.2条", h.ALL_DOCS, turns)
    assert answer is not None and turns == [answer]
    assert [c.clause for c in answer.citations] == ["4.3.2.1", "4.3.2.2", "4.3.2.3"]
    assert h.chip_label(answer, 0) == "[bj-ipm 4.3.2.1] 文件管理"
    nothing, message = h.ask(services, "   ", h.ALL_DOCS, turns)
    assert nothing is None and message.startswith("⚠") and len(turns) == 1


def test_clause_page_shows_text_rendition_family_and_related_documents(services, corpus):
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7")
    clause = corpus.documents["bj-ipm"].clauses["7.3.2.7"]
    assert clause.body.strip() in page
    assert corpus.documents["bj-ipm"].renditions["7.3.2.7"].text.strip() in page
    assert "Parent: 7.3.2" in page
    assert "P08" in page and "R24" in page  # the training procedure and sign-in sheet


def test_browse_search_filters_by_number_title_and_text(services):
    keys = [key for _, key in h.clause_list(services, "bj-ipm", "培训")]
    assert "7.3.2.7" in keys and "4.3.3" not in keys
    assert [key for _, key in h.clause_list(services, "bj-ipm", "training")].count("7.3.2.7") == 1
    assert len(h.clause_list(services, "bj-ipm", "")) == len(services.corpus.documents["bj-ipm"].clauses)


def test_intake_problems_name_the_fields(services):
    example = services.templates.intake_example("en")
    assert h.intake_problems(example) == []
    broken = example.replace("staff: 180", "staff: lots").replace("  stage: pilot", "  stage: huge")
    problems = h.intake_problems(broken)
    assert any(p.startswith("company.staff:") for p in problems)
    assert any(p.startswith("company.stage:") for p in problems)
    assert h.intake_problems("a: [") == ["(file): not valid YAML"]


def test_draft_zip_holds_the_package(services):
    archive, report = h.draft_zip(services, services.templates.intake_example("en"), "en")
    names = zipfile.ZipFile(archive).namelist()
    assert sum(n.startswith("02-procedures/") for n in names) >= 18
    assert "coverage.md" in names and "Coverage report" in report
    with pytest.raises(IpmsError):
        h.draft_zip(services, "company: {}", "en")


def test_quiz_questions_come_from_the_clauses(corpus):
    session = quiz.build_quiz(corpus, ["7"], 6, "Li Min", seed=3)
    assert len(session.questions) == 6
    document = corpus.documents["bj-ipm"]
    for question in session.questions:
        assert question.answer in question.options and len(set(question.options)) == 4
        clause = document.clauses[question.clause_key]
        assert clause.key.startswith("7.")
        if question.kind == "fill_in":
            sentence = question.prompt.split("：", 1)[1]
            assert sentence.replace(quiz.BLANK, question.answer) in clause.body
        else:
            statement = question.prompt.split("「", 1)[1].rstrip("」")
            assert statement in clause.body and question.answer.startswith(clause.label)


def test_quiz_scoring_and_training_record(services, tmp_path):
    session = quiz.build_quiz(services.corpus, ["9"], 3, "Zhao Lei", seed=1)
    right = session.answer(session.current.answer)
    wrong_choice = next(o for o in session.current.options if o != session.current.answer)
    wrong = session.answer(wrong_choice)
    session.answer(session.current.answer)
    assert (right, wrong, session.score, session.finished) == (True, False, 2, True)
    path = h.training_record(services, session)
    document = docx.Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Zhao Lei" in cells and "2 / 3" in cells
    assert any("9 知识产权创造" in c for c in cells)
    assert cells.count("×") == 1 and cells.count("√") == 2


def test_quiz_refuses_bad_requests(corpus):
    with pytest.raises(IpmsError):
        quiz.build_quiz(corpus, [], 3, "x")
    with pytest.raises(IpmsError):
        quiz.build_quiz(corpus, ["7"], 0, "x")


def test_password_hashes(tmp_path):
    line = f"alice:{auth.hash_password('s3cret')}"
    users_file = tmp_path / "users.txt"
    users_file.write_text(line + "\n", encoding="utf-8")
    users = auth.load_users(users_file)
    gate = auth.Authenticator(users)
    assert gate.attempt("alice", "s3cret", "10.0.0.1").user == "alice"
    assert gate.attempt("alice", "wrong", "10.0.0.1").user is None
    assert gate.attempt("bob", "s3cret", "10.0.0.1").user is None
    with pytest.raises(IpmsError):
        auth.load_users(None, "alice:plaintext")
