"""The web app's handlers without a browser: asking, clause pages, browsing, drafting, quizzes,
records and login."""
from __future__ import annotations

import re
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
    assert h.chip_label(services, answer, 0) == "第4.3.2.1条「文件管理」讲什么？"  # a question
    nothing, message = h.ask(services, "   ", h.ALL_DOCS, turns)
    assert nothing is None and message.startswith("⚠") and len(turns) == 1


def test_clause_page_shows_text_rendition_family_and_related_documents(services, corpus):
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7")
    clause = corpus.documents["bj-ipm"].clauses["7.3.2.7"]
    assert clause.body.strip() in page
    assert corpus.documents["bj-ipm"].renditions["7.3.2.7"].text.strip() in page
    assert "上级条款：7.3.2 知识产权人力资源管理" in page  # the full-width colon of Chinese text
    assert "Parent: 7.3.2" in h.clause_markdown(services, "bj-ipm", "7.3.2.7", "en")
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
        body = re.sub(r"\s", "", clause.body)  # an item's mark ('b)') stands on its own line
        for part in question.prompt.split("……"):  # a list item comes after its lead-in
            assert re.sub(r"\s", "", part.replace(quiz.BLANK, question.answer)) in body
        if question.kind != "fill_in":
            assert question.answer.startswith(clause.label)


def test_quiz_scoring_and_training_record(services, tmp_path):
    session = quiz.build_quiz(services.corpus, ["9"], 3, "Zhao Lei", seed=1, trainer="Wang Fang",
                              session_name="2026 Q4 IP training")
    right = session.answer(session.current.answer)
    wrong_choice = next(o for o in session.current.options if o != session.current.answer)
    wrong = session.answer(wrong_choice)
    session.answer(session.current.answer)
    assert (right, wrong, session.score, session.finished) == (True, False, 2, True)
    path = h.training_record(services, session)
    document = docx.Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Zhao Lei" in cells and "2 / 3" in cells
    assert "Wang Fang" in cells and "2026 Q4 IP training" in cells
    assert any("分" in c and "秒" in c for c in cells)  # the duration
    assert any("9 知识产权创造" in c for c in cells)
    assert cells.count("×") == 1 and cells.count("√") == 2
    assert "结果" in cells and "Result" not in cells  # the headers in the UI language (zh)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


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


# -- issue 18: what users of the web app saw ---------------------------------------------------
def test_clause_page_titles_once_and_rendition_lines_kept(services, corpus):
    from assistant.web import browse

    document = corpus.documents["bj-ipm"]
    page = h.clause_markdown(services, "bj-ipm", "前言")
    assert page.startswith("### 前言\n") and "前言 前言" not in page
    notice = corpus.documents["iso56005-pilot"]
    assert browse.clause_name(notice, notice.clauses["title"]) == notice.clauses["title"].title
    assert browse.clause_name(document, document.clauses["4.3.2.1"]) == "4.3.2.1 文件管理"
    page = h.clause_markdown(services, "bj-ipm", "4.3.2.1", "en")
    lines = [line.strip() for line in page.split("\n")]
    for line in document.renditions["4.3.2.1"].text.split("\n"):  # a) b) c) each on its line
        assert line.strip() in lines


def test_corresponding_clauses_are_summaries_from_the_crosswalk(services):
    import csv

    from assistant.settings import PROJECT_ROOT
    from assistant.standards.profiles import load_profile

    with (PROJECT_ROOT / "corpus/profiles/crosswalk.csv").open(encoding="utf-8-sig") as f:
        row = next(r for r in csv.DictReader(f) if r["bj_ipm"] == "7.3.2.7")
    page = h.clause_markdown(services, "bj-ipm", "7.3.2.7")
    section = page.split("#### 对应条款\n", 1)[1]
    old = load_profile("gbt29490-2013").clauses[row["gbt29490_2013"]]
    assert f"GB/T 29490—2013 {row['gbt29490_2013']}" in section and old.title in section
    assert old.summary_zh in section and "摘要" in section
    assert not any(line.lstrip().startswith(">") and old.summary_zh in line
                   for line in section.split("\n"))  # a summary is never shown as a quote
    assert "对应条款" not in h.clause_markdown(services, "iso56005-pilot", "1")


def test_browse_tree_results_and_no_match(services, corpus):
    from assistant.web import browse

    document = corpus.documents["bj-ipm"]
    tree = browse.tree_html(document, "7.3.2.7")
    chapters = [k for k in document.roots if document.clauses[k].children]
    assert tree.count("<details") == len(chapters) and tree.count("<details open") == 1
    assert "#open=bj-ipm%7C7.3.2.7" in tree
    found = browse.results_html(document, "培训", "zh")
    assert "7.3.2.7 培训" in found and "#open=bj-ipm%7C7.3.2.7" in found
    assert "没有找到" in browse.results_html(document, "量子引力", "zh")
    assert "No clause matches" in browse.results_html(document, "量子引力", "en")
    assert browse.first_clause(document) == "1"  # a clause with text, not the empty 前言 choice


def test_document_choices_show_titles(services):
    choices = dict((v, k) for k, v in h.document_choices(services, "zh", everything=True))
    assert choices[h.ALL_DOCS] == "全部文件"
    assert choices["bj-ipm"].startswith("企业知识产权管理规范")


def test_citations_link_every_answer_and_the_conversation_survives_a_reload(services):
    from assistant.web import chat

    turns = []
    first, _ = h.ask(services, "第4.3.2条", h.ALL_DOCS, turns)
    second, _ = h.ask(services, "第7.3.2.7条", h.ALL_DOCS, turns)
    text = chat.linked(services.corpus, first)
    assert "[[bj-ipm 4.3.2.1]](#open=bj-ipm%7C4.3.2.1)" in text
    labels = chat.chips(turns, "zh", services.corpus)
    assert "第4.3.2.2条「外来文件与记录文件」讲什么？" in labels and "第7.3.2.7条「培训」讲什么？" in labels
    assert chat.chip_target(turns, "第4.3.2.2条「外来文件与记录文件」讲什么？",
                            services.corpus) == ("bj-ipm", "4.3.2.2")
    history = [{"role": "user", "content": "第4.3.2条"}, {"role": "assistant", "content": text}]
    kept = chat.saved("alice", history, turns)
    import json

    kept = json.loads(json.dumps(kept))  # as the browser stores it
    restored_history, restored_turns = chat.restored(kept, "alice")
    assert restored_history == history
    assert [a.citations for a in restored_turns] == [first.citations, second.citations]
    assert chat.restored(kept, "bob") == ([], [])  # another user's conversation is not shown
    assert chat.restored({"version": 1, "user": "", "history": "x", "turns": 3}, "") == ([], [])


def test_docx_export_has_no_quote_markers_has_citations_and_is_a4(services):
    turns = []
    h.ask(services, "第4.3.2条", h.ALL_DOCS, turns)
    path = h.export_conversation(services, turns, "docx")
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    assert not any(t.lstrip().startswith(">") for t in texts)
    quote = services.corpus.documents["bj-ipm"].clauses["4.3.2.2"].body.strip().split("\n")[0]
    assert any("[bj-ipm 4.3.2.2] 外来文件与记录文件" in t for t in texts)
    assert quote in texts
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    with pytest.raises(IpmsError):
        h.export_conversation(services, [], "docx")


def test_docx_export_keeps_numbers_and_commands_as_typed(services):
    """What a reader copies from an exported conversation is what was written: no invisible
    word joiner inside 'GB/T 29490-2023' or a date (a command pasted from it must still work)."""
    import zipfile

    turns = []
    h.ask(services, "GB/T 29490-2023 第4.3.2条要求什么", h.ALL_DOCS, turns)
    path = h.export_conversation(services, turns, "docx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "29490-2023" in xml and "\u2060" not in xml


def test_intake_messages_in_the_users_language_with_line_numbers(services):
    from assistant.web.intake_view import intake_problems, problems_markdown

    example = services.templates.intake_example("zh")
    broken = example.replace("staff: 180", "staff: lots")
    line = next(i for i, text in enumerate(broken.split("\n"), start=1) if "staff: lots" in text)
    zh = intake_problems(broken, "zh")
    assert [(p.path, p.line) for p in zh] == [("company.staff", line)]
    assert zh[0].message == "必须是整数"
    assert f"第 {line} 行" in problems_markdown(zh, "zh")
    assert intake_problems(broken, "en")[0].message == "must be an integer"
    assert problems_markdown(intake_problems(example, "zh"), "zh").startswith("√")


def test_document_dropdowns_follow_corpus_add_in_another_process(settings):
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus
    from helpers import PROJECT_ROOT

    corpus = Corpus.load(settings)
    services = h.Services(settings, corpus, None, TemplateSet())
    assert "sample-w" not in dict((v, k) for k, v in h.document_choices(services))
    add_user_document(settings, PROJECT_ROOT / "tests/data/sample_standard/standard.txt",
                      "sample-w",
                      "中小企业知识产权管理工作指引")  # what `ipms corpus add` does
    shown = dict((v, k) for k, v in h.document_choices(services, "zh", everything=True))
    assert shown["sample-w"] == "中小企业知识产权管理工作指引 (sample-w)"


def test_draft_to_the_standard_chosen(services):
    from assistant.standards.profiles import load_profile

    example = services.templates.intake_example("en")
    old = load_profile("gbt29490-2013").designation
    _, report = h.draft_zip(services, example, "en", "gbt29490-2013")
    assert f"Standard: {old}" in report
    _, report = h.draft_zip(services, example, "en", "bj-ipm")
    title = services.corpus.documents["bj-ipm"].meta.title_en
    # the shipped text is the edition before DB11/T 937-2021 (../shared/DOMAIN.md): named so
    assert f"Standard: {title.removesuffix(')')}, pre-2021 edition)" in report
    assert old not in report
    assert [v for _, v in h.DRAFT_STANDARDS] == ["gbt29490-2023", "gbt29490-2013", "bj-ipm"]


def test_user_errors_in_the_users_language_logged_as_one_line(corpus, caplog):
    from assistant.web.messages import MESSAGES, user_message

    with pytest.raises(IpmsError) as refused:
        quiz.build_quiz(corpus, [], 3, "x")
    with caplog.at_level("INFO", logger="assistant.web"):
        assert user_message(refused.value, "zh") == "请至少选择一个章节。"
        assert user_message(refused.value, "en") == "Pick at least one chapter."
    logged = [r.getMessage() for r in caplog.records]
    assert logged == ["user error: Pick at least one chapter."] * 2
    assert all(r.exc_info is None for r in caplog.records)
    assert all(zh and en and zh != en for zh, en in MESSAGES.values())


def test_browser_secret_is_kept_for_the_next_start(tmp_path):
    import stat

    from assistant.web.chat import browser_secret

    first = browser_secret(tmp_path / "home")
    assert first and browser_secret(tmp_path / "home") == first
    mode = (tmp_path / "home" / "web-secret").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
