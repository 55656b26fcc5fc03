"""A new user's own rules, what the try8 tryout still found (issue 16, session 34): a question
about "制度" / "本制度" / "我们公司的规定" / "our policy" looks at the company's own documents first;
a document is recognised by the distinctive part of its name (华瑞 of 华瑞知识产权管理制度, the
company without 股份有限公司, the title printed on the document); a PDF title wrapped over two
lines leaves nothing of its second line in the title's text; the training record names a
document without a number without '版本：—'.

Fixtures are built here from texts written in the test, so every expected value is the
documents' own words.
"""
from __future__ import annotations

import docx
import pytest

from helpers import chapter_rules_docx, make_settings, numbered_policy_docx

PRINTED = "华瑞精密机械股份有限公司知识产权管理制度"  # the title printed on the rules
GIVEN = "华瑞知识产权管理制度"  # the title given on import: no legal form
CHAPTERS = [
    ("总则", ["本制度适用于公司全体员工，包括劳务派遣人员和实习人员。",
             "本制度由法务部负责解释。"]),
    ("专利管理", ["发明专利授权后，每件奖励发明人8000元。",
               "技术交底书应当在项目节点评审后三十日内提交法务部。"]),
    ("附则", ["本制度自2026年1月1日起施行，原《知识产权管理办法》（HR-2019-07）同时废止。"]),
]
POLICY_PRINTED = "Northwind Robotics Ltd — Intellectual Property Policy"
POLICY = [("Purpose", ["This policy applies to all employees and contractors of the company."]),
          ("Invention disclosure", ["Employees shall submit an invention disclosure form within "
                                    "14 days of conceiving an invention."]),
          ("Review", ["This policy takes effect on 1 January 2026 and replaces the 2019 IP "
                      "Guidelines."])]


def _article(n: int) -> str:
    return [a for _, articles in CHAPTERS for a in articles][n - 1]


def _rules_docx(path, title=PRINTED):
    return chapter_rules_docx(path, title, CHAPTERS)


def _policy_docx(path):
    return numbered_policy_docx(path, POLICY_PRINTED, POLICY)


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """The shipped corpus with the rules (id huarui, title without a legal form) and the
    English policy (id nw, so its name is not its id)."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    home = tmp_path_factory.mktemp("own34-home")
    files = tmp_path_factory.mktemp("own34-files")
    settings = make_settings(home)
    add_user_document(settings, _rules_docx(files / "rules.docx"), "huarui", GIVEN)
    add_user_document(settings, _policy_docx(files / "policy.docx"), "nw", "Northwind IP Policy")
    return ExtractiveAnswerer(settings, Corpus.load(settings))


def _cited(answer) -> list[tuple[str, str]]:
    return [(c.doc, c.clause) for c in answer.citations]


# -- 1. "本制度…", "我们公司的规定…": the company's own documents first ---------------------------
@pytest.mark.parametrize("question, article", [
    ("制度什么时候开始施行，废止了哪个文件？", "第五条"),
    ("本制度由谁负责解释？", "第二条"),
    ("我们公司的制度什么时候开始施行？", "第五条"),
])
def test_a_question_about_our_rules_is_answered_from_them_first(own, question, article):
    answer = own.answer(question)
    assert not answer.abstained
    assert _cited(answer)[0] == ("huarui", article)


def test_a_question_about_our_policy_in_english(own):
    answer = own.answer("When does our policy take effect?")
    assert _cited(answer)[0] == ("nw", "3.1")


@pytest.mark.parametrize("question", ["我们公司制度第九章讲什么", "本制度第九章讲什么"])
def test_a_chapter_our_rules_lack_is_said_missing_in_them_not_answered_from_the_standard(
        own, question):
    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    assert GIVEN in answer.answer and "第九章" in answer.answer
    assert "bj-ipm" not in answer.answer and "知识产权创造" not in answer.answer  # bj-ipm ch. 9


def test_an_article_of_our_rules_is_looked_up_in_them(own):
    answer = own.answer("我们公司的规定第4条是什么")
    assert _cited(answer) == [("huarui", "第四条")]
    assert answer.citations[0].quote == _article(4)


def test_a_question_about_what_the_standard_asks_of_rules_stays_with_the_standard(own):
    """企业应当建立哪些…制度 asks the standard (bj-ipm 6.1.1 知识产权制度), not the company."""
    answer = own.answer("标准要求企业建立哪些知识产权管理制度？")
    assert answer.citations and answer.citations[0].doc == "bj-ipm"


@pytest.mark.parametrize("question, asks", [
    ("制度什么时候开始施行，废止了哪个文件？", True), ("本制度由谁负责解释？", True),
    ("按照我们公司的规定，实习生要遵守吗", True), ("我司制度对实习生适用吗", True),
    ("When does our policy take effect?", True), ("Does the company's rules cover interns?", True),
    ("企业应当建立哪些知识产权管理制度？", False), ("标准对制度文件有什么要求", False),
    ("专利管理制度应该包含哪些内容", False), ("What should an IP policy contain?", False),
    ("发现别人仿冒我们商标怎么办", False),
])
def test_which_questions_speak_of_our_rules(question, asks):
    from assistant.answer.own_rules import asks_about_own_rules

    assert asks_about_own_rules(question) is asks


def test_without_own_documents_a_question_about_rules_is_answered_as_before(answerer):
    """No document of the company's own: the standard answers (its 文件管理, 4.3.2.1)."""
    answer = answerer.answer("制度什么时候开始施行，废止了哪个文件？")
    assert answer.citations and all(c.doc != "huarui" for c in answer.citations)


# -- 2. a document named by the distinctive part of its name ---------------------------------------
@pytest.mark.parametrize("question", [
    "华瑞制度第四条关于交底书怎么规定的？",  # short name of a title without a legal form
    "华瑞的规定第4条",
    "华瑞精密机械知识产权管理制度第四条",  # the printed title without 股份有限公司
    "华瑞精密制度第四条",
])
def test_the_rules_named_by_their_distinctive_name(own, question):
    answer = own.answer(question)
    assert _cited(answer) == [("huarui", "第四条")]
    assert "bj-ipm" not in answer.answer  # no "bj-ipm has no 第四条" first


@pytest.mark.parametrize("question", ["华瑞制度第九章讲什么", "华瑞精密机械知识产权管理制度第九章"])
def test_a_chapter_the_named_rules_lack_is_not_the_standards(own, question):
    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    assert GIVEN in answer.answer and "第九章" in answer.answer and "bj-ipm" not in answer.answer


@pytest.mark.parametrize("question, clause", [
    ("What does section 2.1 of the Northwind policy say?", "2.1"),
    ("Northwind's IP policy 3.1", "3.1"),
    ("section 1.1 of the Northwind Robotics policy", "1.1"),
])
def test_an_english_policy_named_by_its_company(own, question, clause):
    answer = own.answer(question)
    assert _cited(answer) == [("nw", clause)]


def test_a_section_the_named_policy_lacks_is_said_missing_in_it(own):
    answer = own.answer("What does section 9.4 of the Northwind policy say?")
    assert answer.abstained and "Northwind IP Policy" in answer.answer
    assert "bj-ipm" not in answer.answer


@pytest.mark.parametrize("title", [
    "企业知识产权管理规范", "知识产权管理制度", "公司知识产权管理制度", "企业知识产权合规管理体系 要求",
    "Enterprise Intellectual Property Management Specification (Beijing local standard)",
    "How to implement an IP management standard: the eight stages", "IP Policy",
])
def test_titles_without_a_distinctive_name_give_no_short_name(title):
    from assistant.retrieval.documents import short_names

    assert short_names(title) == []


def test_the_printed_title_names_a_file_added_under_another_title(tmp_path):
    """Rules added as '知识产权管理制度PDF版' are still 华瑞精密's rules by their printed title."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    settings = make_settings(tmp_path / "home")
    add_user_document(settings, _rules_docx(tmp_path / "r.docx"), "pdf-copy", "知识产权管理制度PDF版")
    add_user_document(settings, _rules_docx(tmp_path / "o.docx", "示例电子有限公司保密管理办法"),
                      "other", "保密管理办法")  # another company's rules with a 第四条
    answer = ExtractiveAnswerer(settings, Corpus.load(settings)).answer("华瑞精密制度第四条")
    assert _cited(answer) == [("pdf-copy", "第四条")]


# -- 3. a title wrapped over two lines -------------------------------------------------------------
COVER = ["华瑞精密机械股份有限公司知识产权", "管理制度", "文件编号：HR-IPM-2026-01    版本：A/0"]
FILLER = ("各部门应当按照本条规定认真执行，并将执行情况形成记录，保存期限不少于五年。法务部应当定期检查执行情况，"
          "对发现的问题督促相关部门限期整改，整改情况应向知识产权管理委员会报告。")
BODY = ["第一章 总则", "第一条 本制度适用于公司全体员工。", "第二条 本制度由法务部负责解释。"]


def test_a_wrapped_titles_second_line_is_title_not_text():
    from assistant.corpus.section_parser import parse_sections

    parsed = parse_sections("rules", "\n".join(COVER + BODY), "zh")
    title = parsed.clauses["title"]
    assert title.title == "华瑞精密机械股份有限公司知识产权管理制度"
    assert title.body == "文件编号：HR-IPM-2026-01    版本：A/0"
    alone = parse_sections("rules", "\n".join(COVER[:2] + BODY), "zh").clauses["title"]
    assert alone.body == ""


def _title_wrapping_pdf(folder):
    """The rules as Word writes them — the title in Word's Title style, too long for one line
    at its size — printed to PDF by LibreOffice, as try8's user did."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs it"
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "SimSun", Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(COVER[0] + COVER[1], 0)
    for line in COVER[2:] + BODY:
        document.add_paragraph(line)
    for _ in range(12):  # a page of full lines, as rules print them
        document.add_paragraph(FILLER)
    document.save(folder / "rules.docx")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "rules.docx")], capture_output=True, timeout=180, check=True,
                   env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return folder / "rules.pdf"


def test_a_libreoffice_pdf_added_under_another_title_keeps_its_title_whole(tmp_path):
    from assistant.corpus.build import add_user_document
    from assistant.corpus.importers import READERS, ImportLimits
    from assistant.corpus.store import Corpus

    pdf = _title_wrapping_pdf(tmp_path)
    blocks = READERS["pdf"](pdf.read_bytes(), "rules.pdf", ImportLimits.from_mb(20))
    assert [b.text for b in blocks[:2]] == COVER[:2]  # the title printed on two lines
    settings = make_settings(tmp_path / "home")
    add_user_document(settings, pdf, "huarui-pdf", "华瑞知识产权管理制度PDF版")
    document = Corpus.load(settings).documents["huarui-pdf"]
    title = document.clauses["title"]
    assert title.title == "华瑞精密机械股份有限公司知识产权管理制度"
    assert "管理制度" not in title.body and title.body.startswith("文件编号")
    assert not any(c.body.strip().startswith("管理制度") or c.label == "管理制度"
                   for c in document.clauses.values())


# -- 4. the training record of a document without a number -----------------------------------------
def _meta(number: str = "", language: str = "en"):
    from assistant.models import DocumentMeta

    title = "Northwind IP Policy" if language == "en" else GIVEN
    return DocumentMeta("nw", title, title, "standard", language, "user-supplied", "",
                        "nw.docx", "nw.txt", "clauses", number=number)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_record_names_a_document_without_a_number_alone(lang):
    from assistant.web.records import source_cell

    cell = source_cell(_meta(), lang)
    assert "Northwind IP Policy" in cell
    assert "—" not in cell and "版本" not in cell and "Edition" not in cell


def test_the_record_still_gives_a_number_or_an_edition():
    from assistant.web.records import source_cell

    assert source_cell(_meta("HR-IPM-2026-01", "zh"), "zh") == \
        f"《{GIVEN}》\n文件编号：HR-IPM-2026-01"


def test_the_training_record_of_a_policy_without_a_number(tmp_path):
    """The record's 依据标准 cell, as the Train tab writes it for the English policy."""
    from assistant.corpus.store import Corpus, parse_document
    from assistant.web import quiz
    from assistant.web.records import training_record_docx

    from test_quiz_own_rules import POLICY as QUIZ_POLICY

    policy = parse_document(_meta(), QUIZ_POLICY)
    session = quiz.build_quiz(Corpus({"nw": policy}, None), ["3"], 2, "Ann", seed=1, doc_id="nw")
    while session.current is not None:
        session.answer(session.current.answer)
    path = training_record_docx(session, ["3 Invention disclosure"], tmp_path / "r.docx",
                                lang="zh", source=policy.meta)
    cells = [c.text for t in docx.Document(path).tables for row in t.rows for c in row.cells]
    source = next(c for c in cells if "Northwind IP Policy" in c)
    assert "版本" not in source and "—" not in source


# -- 5. the chip of an untitled article -------------------------------------------------------------
@pytest.mark.parametrize("question, lang, clause", [
    ("制度什么时候开始施行，废止了哪个文件？", "zh", "第五条"),
    ("When does our policy take effect?", "en", "3.1"),
])
def test_a_chip_names_an_untitled_article_once_and_asks_for_it(own, question, lang, clause):
    """The chip under an answer quoting 第五条 (or the policy's 3.1), which have no titles of
    their own: the number once, never again as its title; asked, the chip gives the article."""
    from assistant.web.chat import chip_label

    citation = own.answer(question).citations[0]
    assert citation.clause == clause
    chip = chip_label(citation, lang, own.corpus)
    assert chip.count(clause) == 1, chip
    assert f"「{clause}」" not in chip and f"“{clause}”" not in chip
    assert _cited(own.answer(chip))[:1] == [(citation.doc, clause)]


# -- 6. several things asked of our rules in one message --------------------------------------------
LONG_ZH = ("我们有个实习生参与了研发项目，项目评审完以后大家一直没交技术交底书，过了两个月才想起来。"
           "请问按照我们公司的制度，交底书应当在多久内提交，实习生是否受本制度约束？")
LONG_EN = ("According to our policy, how soon must an invention be disclosed, and when does the "
           "policy take effect?")


@pytest.mark.parametrize("question, parts", [
    (LONG_ZH, ["交底书应当在多久内提交", "实习生是否受本制度约束"]),
    (LONG_EN, ["how soon must an invention be disclosed", "when does the policy take effect"]),
    ("Who approves rewards above GBP 5,000, and how long do we have to disclose?",
     ["Who approves rewards above GBP 5,000", "how long do we have to disclose"]),
    ("本制度由谁负责解释？", []),  # one question
    ("How long does our policy stay in effect, how many years?", []),  # one, restated
    ("交底书多久要提交，几天？", []),
])
def test_the_things_a_message_asks(question, parts):
    from assistant.answer.own_rules import asked_parts

    assert asked_parts(question) == parts


@pytest.mark.parametrize("question, expected, intro", [
    (LONG_ZH, [("huarui", "第四条"), ("huarui", "第一条")], "您的问题包含2个问题"),
    (LONG_EN, [("nw", "2.1"), ("nw", "3.1")], "Your message asks 2 things"),
])
def test_each_thing_asked_of_our_rules_gets_its_clause(own, question, expected, intro):
    answer = own.answer(question)
    assert _cited(answer) == expected
    assert intro in answer.answer
    first, second = (answer.answer.index(c) for _, c in expected)
    assert first < second  # in the order asked


def test_without_own_documents_a_long_message_is_searched_whole(answerer):
    answer = answerer.answer(LONG_ZH)
    assert "您的问题包含" not in answer.answer


def test_an_english_policy_added_under_another_title_is_named_by_its_printed_title(tmp_path):
    """Added as 'IP policy (copy)', the policy still says it is Northwind Robotics' policy."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    settings = make_settings(tmp_path / "home")
    add_user_document(settings, _policy_docx(tmp_path / "p.docx"), "copy", "IP policy (copy)")
    answer = ExtractiveAnswerer(settings, Corpus.load(settings)).answer(
        "What does section 2.1 of the Northwind policy say?")
    assert _cited(answer) == [("copy", "2.1")]
    assert "bj-ipm" not in answer.answer


# -- 7. a figure the company's rules do not state ---------------------------------------------------
def test_no_figure_in_our_rules_is_said_of_our_rules_not_of_the_standard(own):
    """The rules name 实习人员 (第一条) but state no hours of training: the answer says the
    company's documents state none (prompts/answer/zh.toml unstated_own), never "标准没有规定"
    above a quote of the company's own article."""
    answer = own.answer("按我们公司的制度，实习人员多久培训一次？")
    assert answer.citations and all(c.doc in ("huarui", "nw") for c in answer.citations)
    assert "但您的文件没有规定" in answer.answer
    assert "但标准没有规定" not in answer.answer
