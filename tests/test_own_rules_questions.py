"""Issue 16 (try8): a company asks about its own rules by article number. The company's rules
are numbered 第一章…, 第一条… (Word), an English policy 1, 1.1 …; the primary standard (bj-ipm)
is numbered 4, 4.1 … and has no article 第N条. Expected answers are what the fixtures' own
texts say."""
from __future__ import annotations

import docx
import pytest

from helpers import make_settings, numbered_policy_docx

RULES_TITLE = "示例精工机械有限公司知识产权管理制度"
SMALL_TITLE = "示例电子有限公司保密管理办法"
# The rules: three chapters, twelve articles, each article's text its own.
CHAPTERS = [("总则", 4), ("组织与职责", 4), ("专利管理", 4)]
ARTICLE = "本制度第{n}号规定：知识产权事务按第{n}项程序办理。"
REWARD = "公司对职务发明创造的发明人给予奖励，发明专利授权后每件奖励发明人8000元。"
TRAINING = "公司每年组织知识产权培训，培训对象和学时如下表："
TABLE = [("培训对象", "培训内容", "最低学时"), ("新入职员工", "知识产权基础与保密义务", "4"),
         ("研发人员", "专利检索与技术交底", "8")]
NO_FIGURE = "但标准没有规定具体的数量或门槛"  # prompts/answer/zh.toml unstated, fact of [kinds.count]
SMALL_ARTICLE = "保密办法第{n}号规定：涉密载体按第{n}项程序管理。"
POLICY = [("Purpose", ["This policy sets out how the company protects its inventions."]),
          ("Rewards", ["Each named inventor is paid GBP 1,000 when a patent is granted."])]


def _article_text(n: int) -> str:
    return {12: REWARD, 11: TRAINING}.get(n, ARTICLE.format(n=n))


def _rules_docx(path):
    """Rules as staff write them in Word: a title, 第N章 headings, 第N条 paragraphs."""
    from assistant.corpus.section_parser import cn_numeral

    document = docx.Document()
    document.add_heading(RULES_TITLE, 0)
    n = 0
    for chapter, (title, count) in enumerate(CHAPTERS, start=1):
        document.add_heading(f"第{cn_numeral(chapter)}章 {title}", 1)
        for _ in range(count):
            n += 1
            document.add_paragraph(f"第{cn_numeral(n)}条 {_article_text(n)}")
            if n == 11:
                table = document.add_table(rows=len(TABLE), cols=3)
                for r, row in enumerate(TABLE):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
    document.save(path)
    return path


def _small_docx(path):
    """A second company document with six articles and no chapters."""
    from assistant.corpus.section_parser import cn_numeral

    document = docx.Document()
    document.add_heading(SMALL_TITLE, 0)
    for n in range(1, 7):
        document.add_paragraph(f"第{cn_numeral(n)}条 {SMALL_ARTICLE.format(n=n)}")
    document.save(path)
    return path


def _policy_docx(path):
    return numbered_policy_docx(path, "Example Robotics IP Policy", POLICY)


def _answerer(tmp_path_factory, *extra):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    home = tmp_path_factory.mktemp("own-home")
    files = tmp_path_factory.mktemp("own-files")
    settings = make_settings(home)
    add_user_document(settings, _rules_docx(files / "rules.docx"), "rules", RULES_TITLE)
    add_user_document(settings, _policy_docx(files / "policy.docx"), "policy",
                      "Example Robotics IP Policy")
    if "small" in extra:
        add_user_document(settings, _small_docx(files / "small.docx"), "small", SMALL_TITLE)
    return ExtractiveAnswerer(settings, Corpus.load(settings))


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return _answerer(tmp_path_factory)


@pytest.fixture(scope="module")
def two_rules(tmp_path_factory):
    return _answerer(tmp_path_factory, "small")


def _cited(answer) -> list[tuple[str, str]]:
    return sorted({(c.doc, c.clause) for c in answer.citations})


# -- 1. an article number in any form reaches the article ------------------------------------
@pytest.mark.parametrize("question, article, n", [
    ("第5条说了什么", "第五条", 5), ("第五条说了什么", "第五条", 5),
    ("第12条 奖励", "第十二条", 12), ("第十二条", "第十二条", 12),
    ("What does Article 12 say?", "第十二条", 12), ("Art. 5", "第五条", 5),
    ("第 7 条", "第七条", 7),
])
def test_an_article_number_in_any_form_reaches_the_article(own, question, article, n):
    answer = own.answer(question, doc="rules")
    assert _cited(answer) == [("rules", article)]
    assert answer.citations[0].quote == _article_text(n)


def test_a_chapter_number_is_a_chapter(own):
    answer = own.answer("第2章讲什么", doc="rules")
    assert _cited(answer) == [("rules", f"第{x}条") for x in sorted(["五", "六", "七", "八"])]


@pytest.mark.parametrize("question, doc, said, not_said", [
    ("第九章讲什么", "rules", "第九章", "第9条"),
    ("第9章讲什么", "rules", "第九章", "第9条"),
    ("What is in chapter 9?", "policy", "Chapter 9", "Clause 9"),
])
def test_a_missing_chapter_is_said_to_be_a_missing_chapter(own, question, doc, said, not_said):
    answer = own.answer(question, doc=doc)
    assert answer.abstained and not answer.citations
    assert said in answer.answer and not_said not in answer.answer


def test_an_article_of_an_english_policy_is_its_numbered_section(own):
    answer = own.answer("Article 2", doc="policy")
    assert _cited(answer) == [("policy", "2.1")]


def test_the_standards_own_numbers_are_read_as_before(own):
    """第4条 of bj-ipm is its clause 4 (it has no articles)."""
    answer = own.answer("第4条讲什么", doc="bj-ipm")
    assert answer.keys and all(k == "4" or k.startswith("4.") for _, k in answer.keys)


# -- 2. a number only the company's documents have -------------------------------------------
@pytest.mark.parametrize("question, article, n", [
    ("第五条说了什么？", "第五条", 5), ("第5条说了什么？", "第五条", 5),
    ("what does article 12 say about inventors' rewards?", "第十二条", 12),
])
def test_an_unnamed_article_is_answered_from_the_rules_that_have_it(own, question, article, n):
    answer = own.answer(question)
    assert not answer.abstained
    assert _cited(answer) == [("rules", article)]
    assert answer.citations[0].quote == _article_text(n)
    assert "如需查看其中某个文件" not in answer.answer  # no asking again with a name


def test_an_article_several_documents_have_is_answered_from_each(two_rules):
    answer = two_rules.answer("第五条说了什么？")
    assert _cited(answer) == [("rules", "第五条"), ("small", "第五条")]
    assert SMALL_ARTICLE.format(n=5) in {c.quote for c in answer.citations}
    only = two_rules.answer("第十二条说了什么？")
    assert _cited(only) == [("rules", "第十二条")]


@pytest.mark.parametrize("question", ["示例精工制度第十二条关于奖励怎么规定", "示例精工管理制度第12条",
                                      "示例精工的管理制度第12条", "示例公司制度第十二条",
                                      f"{RULES_TITLE}第十二条", "rules 第十二条"])
def test_a_document_named_by_a_short_form_of_its_title(two_rules, question):
    answer = two_rules.answer(question)
    assert _cited(answer) == [("rules", "第十二条")]


@pytest.mark.parametrize("question", ["示例精工制度第九章讲什么", "rules 第九章"])
def test_a_chapter_the_named_rules_lack_is_said_to_be_missing(own, question):
    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    assert RULES_TITLE in answer.answer and "第九章" in answer.answer
    assert "bj-ipm" not in answer.answer


# -- 3. "no number given" only when the quoted text holds none -------------------------------
def test_a_figure_in_a_tables_column_is_a_figure_stated(own):
    answer = own.answer("新入职员工培训至少几个学时？")
    assert ("rules", "第十一条") in _cited(answer)
    assert "新入职员工 | 知识产权基础与保密义务 | 4" in answer.answer
    assert NO_FIGURE not in answer.answer


@pytest.mark.parametrize("text, stated", [
    ("培训对象 | 最低学时\n新入职员工 | 4", True),
    ("新入职员工培训不少于4学时。", True),
    ("培训对象 | 培训内容\n新入职员工 | 保密义务", False),   # a table without the figure
    ("企业应组织新入职员工接受知识产权培训。", False),
])
def test_the_no_figure_sentence_only_when_no_figure_of_the_unit_asked(text, stated):
    from assistant.answer.answerability import Candidate, judge

    verdict = judge("新入职员工培训至少几个学时？", "zh", [Candidate(text)])
    assert (verdict.action == "answer") is stated
    assert (verdict.action == "unstated") is not stated


# -- 5. a batch with a bad line answers the others --------------------------------------------
def test_a_batch_with_an_empty_question_answers_the_others(run_cli, tmp_path, indexed_home):
    import json
    # indexed_home: the index is built, so stderr holds nothing but what the batch says

    source = tmp_path / "qs.jsonl"
    lines = [{"question": "第4.3.2条"}, {"question": ""}, {"question": "员工离职时要签什么协议"}]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                      encoding="utf-8")
    code, out, err = run_cli("ask", "--jsonl", str(source))
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3 and code != 0
    assert records[0]["question"] == "第4.3.2条" and records[0]["citations"]
    assert records[1]["line"] == 2 and "the question is empty" in records[1]["error"]
    assert records[2]["question"] == "员工离职时要签什么协议" and records[2]["citations"]
    assert "qs.jsonl line 2" in err and len(err.strip().splitlines()) == 1


# -- 6. `ipms web` is what users guess ------------------------------------------------------------
def test_ipms_web_is_the_serve_command(run_cli):
    code, out, err = run_cli("web", "--help")
    assert code == 0 and "--port" in out and "No such command" not in err
    code, out, err = run_cli("web", "--port", "99999")  # checked as serve checks it, not started
    assert code == 2 and err.startswith("ipms: error:") and "--port" in err


def test_the_readmes_first_command_still_starts_serve():
    """README: `make run` … starts the web app; the Makefile's run target calls serve."""
    from helpers import PROJECT_ROOT

    run = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:")[1]
    assert "assistant.cli serve" in run.split("\n\n")[0]


# -- 4. which of our rules corresponds to a standard clause -----------------------------------
SUGGESTION = "这只是建议"  # prompts/answer/zh.toml own_rules_intro


@pytest.mark.parametrize("question, asks", [
    ("哪条制度对应标准的7.3？", True), ("我们公司哪条制度对应GB/T 29490的知识产权培训要求？", True),
    ("Which of our policies covers clause 7.3?", True),
    ("北京标准7.3.2.7培训，在GB/T 29490-2023里对应哪一条？", False),  # the crosswalk's
    ("北京地方标准6.2.3 保密管理制度 对应2023版29490哪条", False),
    ("bj-ipm 7.3.2.4 对应2023版哪些条款", False), ("第7.3条讲什么", False),
])
def test_questions_asking_which_own_rule_meets_a_clause(question, asks):
    from assistant.answer.own_rules import asks_for_own_rule

    assert asks_for_own_rule(question) is asks


def test_the_closest_own_rules_are_suggested_for_a_standard_clause(own):
    answer = own.answer("哪条制度对应标准的7.3？")
    assert not answer.abstained and SUGGESTION in answer.answer
    assert "[bj-ipm 7.3]" in answer.answer  # the standard clause is named, not quoted
    assert {c.doc for c in answer.citations} <= {"rules", "policy"}
    assert ("rules", "第十一条") in _cited(answer)  # 培训 (7.3 covers training)


def test_without_own_rules_the_standard_clause_is_answered(corpus, session_settings):
    from assistant.answer.extractive import ExtractiveAnswerer

    answer = ExtractiveAnswerer(session_settings, corpus).answer("哪条制度对应标准的7.3？")
    assert SUGGESTION not in answer.answer
    assert answer.citations and all(c.doc == "bj-ipm" and c.clause.startswith("7.3")
                                    for c in answer.citations)


def test_the_clause_command_reads_article_and_chapter_forms_too(run_cli, tmp_path):
    rules = _rules_docx(tmp_path / "rules.docx")
    code, _, err = run_cli("corpus", "add", str(rules), "--id", "rules", "--title", RULES_TITLE)
    assert code == 0, err
    code, out, err = run_cli("clause", "第5条", "--doc", "rules")
    assert code == 0 and "[rules 第五条]" in out and ARTICLE.format(n=5) in out, err
    code, out, err = run_cli("clause", "第九章", "--doc", "rules")
    assert code == 2 and "chapter 9 does not exist" in err


def test_an_english_question_names_the_standard_clause_in_english(own):
    answer = own.answer("Which of our policies covers clause 7.3?")
    assert "this is a suggestion" in answer.answer  # prompts/answer/en.toml own_rules_intro
    assert "“Human resources”" in answer.answer  # bj-ipm 7.3's English rendition title
    assert {c.doc for c in answer.citations} <= {"rules", "policy"}
