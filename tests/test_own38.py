"""A company's own rules (issue 16, session 38): English words that neither the glossary nor
data/rule_words.txt name reach the company's Chinese rules through the words the standard's own
English renditions teach (data/rendition_words.txt, learned from bj-ipm's clause pairs);
suggestions of our rules for a standard's clause are ranked by how much of the clause's requirement an article states — a table row that only
mentions the act (人事部 | …离职提醒…) comes after an article about the act; and 涉密人员, in a
company whose rules use the word of their trade secrets (涉密岗位人员, 涉密载体), asks about those
rules: their article on the act comes first even without 我们 — unless the question asks what
the standard requires.

The rules are written here (two Chinese documents, one with a 职责 table); the clause is bj-ipm
7.3.2.5 离职 (对离职的员工进行相应的知识产权事项提醒；…应签署离职知识产权协议或竞业限制协议).
"""
from __future__ import annotations

import pytest

from helpers import rules_answerer

IPM_TITLE = "青禾软件有限公司知识产权管理办法"
TABLE = [("部门", "知识产权职责"), ("研发部", "技术交底、专利挖掘"),
         ("人事部", "入职背景调查、离职提醒、培训组织"), ("采购部", "采购合同知识产权条款")]
IPM = ["为规范公司知识产权管理，制定本办法。",                           # 第一条
       "各部门知识产权职责分工如下表：",                                 # 第二条 (the table)
       "法务部每年组织一次知识产权管理评审。"]                           # 第三条
SECRETS_TITLE = "青禾软件有限公司商业秘密保护规定"
SECRETS = ["为保护公司商业秘密，制定本规定。",                             # 第一条
           "员工离职时，人事部向其发出知识产权事项提醒函；核心研发人员离职时应签署竞业限制协议。",  # 第二条
           "员工离职前应交回全部涉密载体并注销系统账号，离职后两年内继续履行保密义务。",  # 第三条
           "研发、销售等涉密岗位人员应签订保密协议。",                        # 第四条
           "本规定自2026年3月1日起施行。"]                                 # 第五条


def _rules_docx(path, title: str, articles: list[str], table_after: int | None = None):
    """Chinese rules in one chapter, 第N条 each; the table TABLE right after article
    `table_after` (1-based), as Word holds a table inside an article."""
    import docx
    from assistant.corpus.section_parser import cn_numeral

    document = docx.Document()
    document.add_heading(title, 0)
    document.add_heading("第一章 总则", 1)
    for n, text in enumerate(articles, start=1):
        document.add_paragraph(f"第{cn_numeral(n)}条 {text}")
        if n == table_after:
            table = document.add_table(rows=len(TABLE), cols=2)
            for row, cells in zip(table.rows, TABLE):
                for cell, text_ in zip(row.cells, cells):
                    cell.text = text_
    document.save(path)
    return path


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return rules_answerer(tmp_path_factory, "own38", [
        ("qinghe-ipm", IPM_TITLE,
         lambda folder: _rules_docx(folder / "ipm.docx", IPM_TITLE, IPM, table_after=2)),
        ("qinghe-secrets", SECRETS_TITLE,
         lambda folder: _rules_docx(folder / "sec.docx", SECRETS_TITLE, SECRETS))])


def _cited(answer) -> list[tuple[str, str]]:
    return [(c.doc, c.clause) for c in answer.citations]


# -- 1. a table row's mention loses to an article about the act -----------------------------------
def test_the_table_is_imported_as_rows_of_its_article(own):
    """The premise: the 职责 table is the body of 第二条, one `cell | cell` line a row."""
    document = own.corpus.documents["qinghe-ipm"]
    body = next(c.body for c in document.clauses.values() if c.label == "第二条")
    assert "人事部 | 入职背景调查、离职提醒、培训组织" in body


@pytest.mark.parametrize("question", ["我们的制度哪条对应标准的7.3.2.5离职？",
                                      "我们公司哪条制度对应标准7.3.2.5的要求？"])
def test_an_article_about_the_act_leads_the_mapping_suggestions(own, question):
    answer = own.answer(question)
    cited = _cited(answer)
    assert cited[0] == ("qinghe-secrets", "第二条")
    if ("qinghe-ipm", "第二条") in cited:
        assert cited.index(("qinghe-ipm", "第二条")) > 0


def test_a_table_article_states_what_its_best_row_states():
    from assistant.answer.own_cover import stated

    asked = {"离职", "提醒", "员工", "协议"}
    table = "职责如下表：\n部门 | 职责\n人事部 | 离职提醒\n法务部 | 员工协议审查"
    assert stated(asked, table, lambda text: [w for w in asked if w in text]) == 2
    prose = "员工离职时发出提醒函，并签署协议。"
    assert stated(asked, prose, lambda text: [w for w in asked if w in text]) == 4


# -- 2. 涉密人员 without 我们, in a company whose rules use the word ---------------------------------
@pytest.mark.parametrize("question, article", [("涉密人员离职后要遵守什么？", "第三条"),
                                               ("涉密人员离职时要交回什么？", "第三条")])
def test_trade_secret_staff_are_asked_about_our_rules_first(own, question, article):
    answer = own.answer(question)
    assert _cited(answer)[0] == ("qinghe-secrets", article)


def test_naming_the_standard_keeps_its_clause_first(own):
    answer = own.answer("标准对涉密人员离职有什么要求？")
    assert _cited(answer)[0][0] == "bj-ipm"


# -- 3. English words no list names, learned from the standard's renditions -----------------------
@pytest.mark.parametrize("question", ["Who must sign a confidential agreement?",
                                      "Must sales staff sign a confidential agreement?"])
def test_an_english_word_no_list_names_reaches_our_chinese_rules(own, question):
    """confidential / agreement: in neither the glossary nor rule_words.txt; bj-ipm's renditions
    say them as 保密 / 协议 (6.2.3 confidential documents 保密文件, 7.3.2.5 agreement 协议)."""
    answer = own.answer(question)
    assert ("qinghe-secrets", "第四条") in _cited(answer)[:2]


def test_a_chinese_word_names_the_english_word_it_goes_with_most():
    """Competitive linking: 签订 comes with sign in every pair and with confidential in one, so it
    is sign's; confidential is 保密's."""
    from assistant.retrieval.rendition_words import learn

    pairs = [("签订 保密 协议", "sign a confidential agreement"), ("签订 合同", "sign the contract"),
             ("保密 资料", "confidential material"), ("签订 协议", "sign an agreement"),
             ("保密 义务", "confidential duty")]
    lexicon = learn(pairs, str.split, lambda w: w, frozenset({"the", "an"}))
    assert lexicon["confidential"] == ("保密",)
    assert lexicon["sign"] == ("签订",)
    assert "签订" not in lexicon.get("agreement", ())


def test_list_items_are_aligned_one_by_one():
    from assistant.retrieval.rendition_words import aligned

    pairs = aligned("企业应： a) 签订合同； b) 保密。",
                    "The enterprise shall: a) sign contracts; b) keep secrets.")
    assert [zh for zh, _ in pairs][1:] == ["签订合同；", "保密。"]
    assert "sign contracts" in pairs[1][1] and "keep secrets" in pairs[2][1]


def test_the_shipped_lexicon_is_what_the_renditions_teach(tmp_path):
    """data/rendition_words.txt is built from the corpus, never edited by hand per case."""
    from importlib import resources

    from assistant.corpus.store import Corpus
    from assistant.retrieval.rendition_words import DATA_FILE, lexicon_text
    from helpers import make_settings

    shipped = resources.files("assistant.retrieval").joinpath("data", DATA_FILE)
    assert shipped.read_text(encoding="utf-8") == lexicon_text(Corpus.load(make_settings(tmp_path)))
