"""A company's own rules, as its staff ask about them (issue 16, session 35): a question asked of
the company's rules (我们公司的规定, 本制度, our policy, or naming them) is answered from them when
they speak to it, whatever the scope check says of the standards, and is said to be answered by
neither when they do not; a question speaking as the company (我们, 我司, our) about an act its
rules have an article on gets that article first, the standard's clause after it.

The rules are written here: a Chinese 制度 numbered 第一章/第一条 and an English policy numbered
"Article 1"/"1.1"; every expected value is their own words or bj-ipm's.
"""
from __future__ import annotations

import pytest

from helpers import chapter_rules_docx, make_settings, numbered_policy_docx

ZH_GIVEN = "恒岳知识产权管理制度"
ZH = [("总则", ["本制度适用于公司全体员工，实习生和劳务派遣人员在公司工作期间参照执行。",
               "法务部是公司知识产权归口管理部门。"]),
      ("侵权处理", ["员工发现他人仿冒、假冒公司商标或者侵犯公司专利的，应当立即向法务部报告，并注意保存相关证据。",
                "法务部接到报告后五个工作日内组织评估，决定发送律师函、投诉或者提起诉讼。"]),
      ("附则", ["本制度自2026年3月1日起施行。"])]
EN = [("Purpose and scope", ["This policy applies to all employees, contractors and interns."]),
      ("Enforcement", ["Any employee who becomes aware of counterfeiting of the company's "
                       "trademarks or infringement of its patents shall report it to the Legal "
                       "Department at once."]),
      ("Inventor rewards", ["Each named inventor is paid GBP 1,500 when a patent is granted.",
                            "Rewards above GBP 5,000 are approved by the Managing Director."]),
      ("Third-party IP and open source", [  # a heading nearly as wide as the page
          "Open-source software may be used in products only after approval by the IP Manager."]),
      ("Review", ["The IP Committee reviews this policy every two years."]),
      ("Confidentiality", ["Confidential information may be disclosed to a third party only "
                           "under a signed non-disclosure agreement."])]


def _zh_docx(path):
    return chapter_rules_docx(path, "恒岳新材料科技有限公司知识产权管理制度", ZH)


def _en_docx(path):
    return numbered_policy_docx(path, "Acme Optics Ltd Intellectual Property Policy", EN,
                                label="Article ")


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    home = tmp_path_factory.mktemp("own35-home")
    files = tmp_path_factory.mktemp("own35-files")
    settings = make_settings(home)
    add_user_document(settings, _zh_docx(files / "rules.docx"), "hengyue", ZH_GIVEN)
    add_user_document(settings, _en_docx(files / "policy.docx"), "acme", "Acme IP Policy")
    return ExtractiveAnswerer(settings, Corpus.load(settings))


def _first(answer) -> tuple[str, str]:
    return (answer.citations[0].doc, answer.citations[0].clause)


# -- 1. asked of our rules: answered from them, past the standards' scope check ------------------
@pytest.mark.parametrize("question", [
    "按照我们公司的规定，实习生要遵守吗",  # the issue's
    "我司的规定对实习生有约束力吗",
])
def test_a_question_of_our_rules_outside_the_standards_is_answered_from_them(own, question):
    answer = own.answer(question)
    assert not answer.abstained
    assert _first(answer) == ("hengyue", "第一条")  # 实习生和劳务派遣人员…参照执行


@pytest.mark.parametrize("question, lang", [
    ("按照我们公司的规定，加班费怎么算", "zh"),
    ("本制度对年休假有什么规定", "zh"),  # 本制度 alone made it a question of 知识产权制度
    ("Does our policy say anything about parking?", "en"),
])
def test_what_neither_our_rules_nor_the_standards_say_is_said_so(own, question, lang):
    answer = own.answer(question)
    assert answer.abstained and not answer.citations
    assert ZH_GIVEN in answer.answer and "Acme IP Policy" in answer.answer
    said = "您的文件" if lang == "zh" else "Your documents"
    assert said in answer.answer


# -- 2. speaking as the company: the company's article on the act first --------------------------
@pytest.mark.parametrize("question, first", [
    ("我司专利被侵权怎么办", ("hengyue", "第三条")),  # 侵犯公司专利, under 第二章 侵权处理
    ("我们的专利被别人侵犯了，要走什么流程", ("hengyue", "第三条")),
    # in English, the English policy's article on it (2.1, under Article 2 Enforcement)
    ("Someone is counterfeiting our trademark, what should we do?", ("acme", "2.1")),
])
def test_the_companys_article_on_the_act_comes_before_the_standard(own, question, first):
    answer = own.answer(question)
    cited = [(c.doc, c.clause) for c in answer.citations]
    assert cited[0] == first
    assert any(doc == "bj-ipm" for doc, _ in cited[1:])  # the standard's clause after it


@pytest.mark.parametrize("question, asks", [
    ("按照我们公司的规定，实习生要遵守吗", "实习生要遵守吗"),
    ("本制度由谁负责解释？", "由谁负责解释?"),
    ("制度什么时候开始施行", "什么时候开始施行"),
    ("Under our policy, who approves rewards?", "who approves rewards?"),
])
def test_what_a_question_asks_of_our_rules(question, asks):
    from assistant.retrieval.own_phrases import without_our_rules

    assert without_our_rules(question).strip(" ,，") == asks


# -- 3. an English policy's "Article N" headings are its clause numbers ------------------------------
def _articles(document) -> dict[str, str]:
    """number -> title of the policy's articles, and number -> text of their paragraphs."""
    return {c.number: (c.title or c.body.strip()) for c in document.clauses.values() if c.number}


def _expected() -> dict[str, str]:
    found = {}
    for i, (heading, subs) in enumerate(EN, start=1):
        found[str(i)] = heading
        found.update({f"{i}.{j}": text for j, text in enumerate(subs, start=1)})
    return found


def test_a_word_policy_is_read_by_its_articles(own):
    assert _articles(own.corpus.documents["acme"]) == _expected()


def test_a_pdf_policy_is_read_by_its_articles(tmp_path):
    """The policy printed to PDF by LibreOffice: the wide heading of Article 4 (Third-party IP
    and open source) ends its line; its 4.1 is not joined to it, and no article after it is
    lost."""
    import shutil
    import subprocess

    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs it"
    _en_docx(tmp_path / "policy.docx")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "policy.docx")], capture_output=True, timeout=180, check=True,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    settings = make_settings(tmp_path / "home")
    add_user_document(settings, tmp_path / "policy.pdf", "acme", "Acme IP Policy")
    assert _articles(Corpus.load(settings).documents["acme"]) == _expected()


@pytest.mark.parametrize("heading, number, title", [
    ("Article 7 Enforcement", "7", "Enforcement"), ("ARTICLE 7 – ENFORCEMENT", "7", "ENFORCEMENT"),
    ("Art. 7: Scope", "7", "Scope"), ("Article 12", "12", ""),
])
def test_article_headings(heading, number, title):
    from assistant.corpus.clause_numbers import match_number

    found = match_number(heading)
    assert found is not None and (found.number, found.rest.strip()) == (number, title)


def test_an_article_of_the_english_policy_is_looked_up(own):
    answer = own.answer("Article 3 of the Acme policy")
    assert [(c.doc, c.clause) for c in answer.citations] == [("acme", "3.1"), ("acme", "3.2")]


# -- 4. a sum the company's policy states in pounds ---------------------------------------------
def test_a_reward_in_pounds_is_a_stated_amount(own):
    answer = own.answer("How much is an inventor paid when a patent is granted under our policy?")
    assert not answer.abstained and _first(answer) == ("acme", "3.1")
    assert "GBP 1,500" in answer.citations[0].quote
