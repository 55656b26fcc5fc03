"""Training quizzes from a company's own rules (issue 16, web; try8 §6): a 制度 read by sections
(第一章… holding 第一条…, articles without titles) and an English policy numbered 1, 1.1 … give
chapters to choose and questions from their articles; "which clause says this" names untitled
articles by their numbers, never two options alike and never a sentence the rules repeat in
several articles; the Train tab offers the shipped standard first, then the user's documents,
and the line above the quiz and the training record name the chosen document and its 文件编号.
The documents are built here, as `ipms corpus add` records them (issuer user-supplied, the
cover's 文件编号 as their number); expected words are the documents' own."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from assistant.corpus.store import Corpus, parse_document
from assistant.models import DocumentMeta
from assistant.web import handlers as h
from assistant.web import quiz
from generators.templates_io import TemplateSet
from helpers import CHROMIUM, chromium
from web_server import running_app

REPEATED = "各部门应当按照本条规定认真执行，并将执行情况形成记录，保存期限不少于五年。"
RULES = f"""华瑞精密机械股份有限公司知识产权管理制度
第一章 总则
第一条 为加强公司知识产权管理，激励员工发明创造，保护公司合法权益，依据《中华人民共和国专利法》，制定本制度。
第二条 本制度所称知识产权，包括专利权、商标权、著作权（含计算机软件著作权）、商业秘密以及集成电路布图设计专有权。
{REPEATED}
第三条 本制度适用于公司总部、各分公司及全资子公司的全体员工，包括劳务派遣人员和实习人员。
{REPEATED}
第四条 知识产权管理遵循“统一领导、分级负责、全员参与、依法保护”的原则。
第二章 组织与职责
第五条 公司设立知识产权管理委员会，由总经理任主任。知识产权管理委员会每半年至少召开一次会议，审议知识产权战略和年度工作计划。
{REPEATED}
第六条 法务部是知识产权归口管理部门，主要职责如下：
一、组织制定和修订知识产权管理制度；
二、负责专利、商标、著作权的申请、维持和放弃；
三、组织知识产权检索分析和风险排查；
四、处理知识产权纠纷和诉讼事务。
第七条 研发中心负责技术交底、专利挖掘和发明人的组织协调。
第八条 人力资源部负责在劳动合同中约定知识产权归属和保密义务，并组织知识产权培训。
第三章 专利管理
第九条 员工在执行公司任务或主要利用公司物质技术条件完成的发明创造为职务发明创造，申请专利的权利属于公司。
第十条 发明人应当在完成发明创造后十个工作日内向研发中心提交技术交底书。
{REPEATED}
第十一条 专利申请文件由法务部委托专利代理机构撰写，发明人应当配合答复审查意见。
第十二条 发明专利授权后，公司向发明人发放奖励8000元；奖励5000元以上须经总经理批准。
"""
POLICY = """Northwind Robotics Ltd Intellectual Property Policy
1 Purpose and scope
1.1 This policy sets out how Northwind Robotics Ltd identifies, protects and exploits intellectual property created by its employees and contractors.
1.2 This policy applies to all employees, contractors, interns and consultants of the company and its subsidiaries.
2 Ownership
2.1 All inventions, works and designs created by an employee in the course of employment belong to the company.
2.2 Contractors shall assign all intellectual property created under a contract to the company before the final payment is made.
3 Invention disclosure
3.1 Employees shall submit an invention disclosure form to the IP Manager within 14 days of conceiving an invention.
3.2 The IP Committee reviews each disclosure within 45 days and decides whether to file a patent application.
4 Inventor rewards
4.1 The company pays each named inventor GBP 1,000 when a patent application is filed and GBP 2,500 when a patent is granted.
5 Third-party rights
5.1 Engineers shall run a freedom-to-operate search before a new product is released.
5.2 Employees shall not disclose a trade secret to third parties without a signed non-disclosure agreement approved by the Legal Department.
"""
ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")


def _meta(doc_id: str, title: str, language: str, structure: str, number: str = ""
          ) -> DocumentMeta:
    return DocumentMeta(doc_id, title, title, "standard", language, "user-supplied", "",
                        f"{doc_id}.docx", f"{doc_id}.txt", structure, number=number)


@pytest.fixture(scope="module")
def own(corpus) -> Corpus:
    """The shipped corpus with the user's rules (huarui) and policy (northwind) added."""
    rules = parse_document(_meta("huarui", "华瑞知识产权管理制度", "zh", "sections",
                                 "HR-IPM-2026-01"), RULES)
    policy = parse_document(_meta("northwind", "Northwind IP Policy", "en", "clauses"), POLICY)
    return Corpus({**corpus.documents, "huarui": rules, "northwind": policy}, corpus.glossary)


@pytest.fixture(scope="module")
def services(session_settings, own, answerer):
    return h.Services(session_settings, own, answerer, TemplateSet())


def _keys(choices) -> list[str]:
    return [key for _, key in choices]


# -- chapters and questions ----------------------------------------------------------------------
def test_every_chapter_of_a_company_document_is_offered_a_standards_front_chapters_are_not(own):
    rules, policy = own.get("huarui"), own.get("northwind")
    assert quiz.chapter_choices(rules) == [("第一章 总则", "第一章"), ("第二章 组织与职责", "第二章"),
                                           ("第三章 专利管理", "第三章")]
    assert quiz.chapter_choices(policy)[:3] == [("1 Purpose and scope", "1"), ("2 Ownership", "2"),
                                                ("3 Invention disclosure", "3")]
    standard = _keys(quiz.chapter_choices(own.get("bj-ipm")))
    assert standard == [str(n) for n in range(4, 14)]  # 范围, 规范性引用文件, 术语和定义 left out


def test_questions_come_from_the_articles_of_the_chapters_chosen(own):
    rules = own.get("huarui")
    for seed in range(10):
        session = quiz.build_quiz(own, ["第一章", "第三章"], 6, "x", seed=seed, doc_id="huarui")
        assert len(session.questions) == 6 and session.doc_id == "huarui"
        for question in session.questions:
            clause = rules.clauses[question.clause_key]
            assert ARTICLE.fullmatch(clause.label)
            assert rules.clauses[clause.parent].label in ("第一章", "第三章")
            body = re.sub(r"\s", "", clause.body)
            for part in question.prompt.split(quiz.LEAD_JOIN):
                assert re.sub(r"\s", "", part.replace(quiz.BLANK, question.answer)) in body


def _which(own, doc_id: str, chapters: list[str]) -> list[quiz.Question]:
    found = []
    for seed in range(25):
        session = quiz.build_quiz(own, chapters, 8, "x", seed=seed, doc_id=doc_id)
        found += [q for q in session.questions if q.kind == "which_clause"]
    return found


def test_which_clause_names_untitled_articles_by_number_and_only_one_option_says_it(own):
    rules = own.get("huarui")
    asked = _which(own, "huarui", ["第一章", "第二章", "第三章"])
    assert len(asked) >= 20
    by_name = {c.label: c for c in rules.clauses.values() if ARTICLE.fullmatch(c.label)}
    for question in asked:
        # 第五条, 第九条 …: an article has no title of its own (not its chapter's 组织与职责)
        assert all(option in by_name for option in question.options), question.options
        assert len(set(question.options)) == 4 and question.answer in question.options
        statement = question.prompt.split(quiz.LEAD_JOIN)[-1]
        saying = [o for o in question.options if statement in by_name[o].body]
        assert saying == [question.answer], (question.prompt, question.options)
        assert REPEATED not in question.prompt  # said in four articles: it names none


def test_which_clause_in_a_policy_numbered_by_sections(own):
    asked = _which(own, "northwind", ["1", "2", "3"])
    assert asked
    for question in asked:
        assert len(set(question.options)) == 4
        assert all(re.fullmatch(r"\d\.\d", o) for o in question.options), question.options


def test_a_chapter_of_two_sections_alone_gives_a_quiz(own):
    """Policy chapter 1 holds 1.1 and 1.2 only, in English (no term of the glossary to blank):
    the other options come from the rest of the policy."""
    policy = own.get("northwind")
    session = quiz.build_quiz(own, ["1"], 2, "x", seed=1, doc_id="northwind")
    for question in session.questions:
        assert question.answer in ("1.1", "1.2") and len(set(question.options)) == 4
        assert all(o in policy.clauses for o in question.options)


def test_an_english_policy_gets_fill_in_questions_in_english(own):
    """The blank holds an English term of the glossary said as whole words in the section;
    the other options are English terms too, none of them in the sentence."""
    policy = own.get("northwind")
    english = {t.en for t in own.glossary.terms}
    asked = [q for seed in range(12)
             for q in quiz.build_quiz(own, ["1", "2", "3", "4", "5"], 6, "x", seed=seed,
                                      doc_id="northwind").questions if q.kind == "fill_in"]
    assert asked
    for question in asked:
        assert set(question.options) <= english and len(set(question.options)) == 4
        filled = question.prompt.replace(quiz.BLANK, question.answer)
        assert filled.lower() in policy.clauses[question.clause_key].body.lower()
        assert re.search(r"[A-Za-z]" + re.escape(quiz.BLANK) + r"|" + re.escape(quiz.BLANK)
                         + r"[A-Za-z]", question.prompt) is None  # no word cut in two
        assert not any(o.lower() in question.prompt.lower() for o in question.options)


def test_an_item_of_a_chinese_list_keeps_its_lead_in(own):
    prompts = [q.prompt for seed in range(30)
               for q in quiz.build_quiz(own, ["第二章"], 6, "x", seed=seed,
                                        doc_id="huarui").questions
               if q.clause_key == "第六条"]
    assert prompts
    for prompt in prompts:
        assert prompt.startswith("法务部是知识产权归口管理部门，主要职责如下：" + quiz.LEAD_JOIN), prompt


# -- the Train tab's handlers --------------------------------------------------------------------
def test_the_shipped_standard_first_then_the_users_documents(services):
    assert _keys(h.quiz_documents(services)) == ["bj-ipm", "huarui", "northwind"]
    assert h.quiz_documents(services)[1][0].startswith("华瑞知识产权管理制度")
    assert _keys(h.chapter_options(services, "zh", "huarui")) == ["第一章", "第二章", "第三章"]
    assert h.chapter_options(services, "en", "huarui")[1][0] == "第二章 组织与职责"
    assert h.quiz_document(services, "impl-guide") == "bj-ipm"  # a guide gives no quiz


def test_the_source_line_names_the_company_document_and_its_number(services):
    line = h.quiz_source_markdown(services, "zh", "huarui")
    assert "《华瑞知识产权管理制度》" in line and "文件编号：HR-IPM-2026-01" in line
    assert "HR-IPM-2026-01《" not in line  # a 文件编号 is no standard's designation
    english = h.quiz_source_markdown(services, "en", "huarui")
    assert "华瑞知识产权管理制度" in english and "document No.: HR-IPM-2026-01" in english
    assert "版本" not in line  # a 文件编号 is no edition
    assert "北京市地方标准《企业知识产权管理规范》" in h.quiz_source_markdown(services, "zh")


def test_a_fill_in_names_its_article_once(services, own):
    for seed in range(30):
        session = quiz.build_quiz(own, ["第三章"], 4, "x", seed=seed, doc_id="huarui")
        while (question := session.current) is not None:
            if question.kind == "fill_in":
                shown = h.question_markdown(session, "zh", services)
                assert f"（{question.clause_name}）" in shown and "第第" not in shown, shown
                return
            session.answer(question.answer)
    pytest.fail("no fill-in question from 第三章")


def test_the_training_record_names_the_document_and_its_number(services, own):
    session = quiz.build_quiz(own, ["第二章"], 3, "赵磊", seed=2, doc_id="huarui")
    while session.current is not None:
        session.answer(session.current.answer)
    cells = [c.text for t in docx.Document(h.training_record(services, session)).tables
             for row in t.rows for c in row.cells]
    assert any("《华瑞知识产权管理制度》" in c and "文件编号：HR-IPM-2026-01" in c for c in cells)
    assert any("第二章 组织与职责" in c for c in cells)
    assert not any("企业知识产权管理规范" in c for c in cells)


# -- in the browser ------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_the_train_tab_quizzes_on_the_company_rules_chosen(services):
    """Choose the company's rules: its chapters and source line replace the standard's; switch
    to English and back: still chosen; a quiz started names its articles."""
    with running_app(services) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(url, wait_until="load")
        page.get_by_role("tab", name="培训 Train").click()
        source = page.locator("#quiz-source")
        source.get_by_text("企业知识产权管理规范", exact=False).wait_for(timeout=60_000)
        page.locator("#quiz-doc input").click()
        page.get_by_role("option", name="华瑞知识产权管理制度 (huarui)").click()
        source.get_by_text("文件编号：HR-IPM-2026-01", exact=False).wait_for(timeout=30_000)
        chapters = page.locator("#chapters")
        chapters.get_by_text("第二章 组织与职责").wait_for(timeout=30_000)
        assert "知识产权资源管理" not in chapters.inner_text()
        page.locator("#ui-lang label", has_text="English").click()
        source.get_by_text("document No.: HR-IPM-2026-01", exact=False).wait_for(timeout=30_000)
        assert page.locator("#quiz-doc input").input_value() == "华瑞知识产权管理制度 (huarui)"
        page.locator("#ui-lang label", has_text="中文").click()
        source.get_by_text("本测验题目出自《华瑞知识产权管理制度》", exact=False).wait_for(timeout=30_000)
        chapters.get_by_text("第三章 专利管理").click()
        page.locator("#start").click()
        question = page.locator("#quiz-question")
        question.get_by_text("第 1 / 5 题", exact=False).wait_for(timeout=30_000)
        options = page.locator("#quiz-options").inner_text()
        page.screenshot(path="/tmp/quiz32-train-huarui.png", full_page=True)
        assert "7.3" not in options and "知识产权资源管理" not in options
        page.close()
