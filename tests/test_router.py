"""Finding clause numbers in questions, and routing them to clauses of the primary standard."""
from __future__ import annotations

import pytest

from assistant.retrieval.router import (article_as_chapter, find_clause_numbers, nearest_clauses,
                                       route)

POSITIVE = [
    ("4.3.2", ["4.3.2"]),
    ("第4.3.2条", ["4.3.2"]),
    ("4.3.2条", ["4.3.2"]),
    ("clause 4.3.2", ["4.3.2"]),
    ("Clause 4.3.2", ["4.3.2"]),
    ("section 4.3.2", ["4.3.2"]),
    ("§4.3.2", ["4.3.2"]),
    ("§ 4.3.2", ["4.3.2"]),
    ("４．３．２", ["4.3.2"]),
    ("第４．３．２条", ["4.3.2"]),
    ("第 4.3.2 条", ["4.3.2"]),
    ("第四章", ["4"]),
    ("第十三章", ["13"]),
    ("第十章讲什么", ["10"]),
    ("chapter 7", ["7"]),
    ("chap 9", ["9"]),
    ("chap. 12 summary", ["12"]),
    ("Chap IX", ["9"]),
    ("Chapter 13 covers what?", ["13"]),
    ("第4章", ["4"]),
    ("what does clause 4.3.2 require?", ["4.3.2"]),
    ("4.3.2。", ["4.3.2"]),
    ("（4.3.2）的要求", ["4.3.2"]),
    ("4.3.2和6.2.3有什么区别", ["4.3.2", "6.2.3"]),
    ("compare clause 7.3.2.5 with 4.3.3", ["7.3.2.5", "4.3.3"]),
    ("第4.3.2条和第4.3.2条", ["4.3.2"]),  # repeats once
    ("见4.3.2.1的规定", ["4.3.2.1"]),
    ("ISO 9001:2015 对应本标准的4.3条吗", ["4.3"]),  # the standard's name is skipped, not the clause
    ("GB/T 29490—2013的4.2条", ["4.2"]),
    ("A.1规定了什么", ["A.1"]),
    ("附录A的A.2.1和B.3", ["A", "A.2.1", "B.3"]),
    ("附录 B 讲什么", ["B"]),
    ("第三条", ["第三条"]),
    ("第十二条和第二十条有什么不同", ["第十二条", "第二十条"]),
    ("第一百零一条讲什么", ["第一百零一条"]),
    ("第 十 条", ["第十条"]),
    ("A.2.1中的表A.1和图B.2", ["A.2.1"]),  # tables and figures are not clauses
]

NEGATIVE = [
    "GB/T 1.1—2009",
    "本标准依据 GB/T 1.1—2009 起草",
    "ISO 9001:2015",
    "ISO 56005",
    "增长3.5%",
    "1.5倍",
    "3.5mm",
    "version 2.0",
    "python 3.11",
    "2023.05.22",
    "2023-05-22",
    "3个月",
    "3个月内完成",
    "1.2万元",
    "知识产权是什么",
    "",
]


@pytest.mark.parametrize("question,expected", POSITIVE)
def test_finds_clause_numbers(question, expected):
    assert find_clause_numbers(question) == expected


@pytest.mark.parametrize("question", NEGATIVE)
def test_not_clause_numbers(question):
    assert find_clause_numbers(question) == []


@pytest.mark.parametrize("question", [
    pytest.param("3.5 mm", id="measure-with-space"),
    pytest.param("2.5 GHz", id="frequency-with-space"),
])
def test_measurements_with_a_space_are_not_clause_numbers(question):
    assert find_clause_numbers(question) == []


def test_chinese_version_number_is_not_a_clause():
    assert find_clause_numbers("版本2.0有什么变化") == []


# -- routing against bj-ipm -------------------------------------------------------------------
@pytest.fixture(scope="module")
def numbered(corpus):
    return corpus.get("bj-ipm").numbered()


def test_existing_number_is_found(numbered):
    [routed] = route(["4.3.2"], numbered)
    assert routed.status == "found"
    assert [(c.number, c.title) for c in routed.clauses] == [("4.3.2", "文件控制")]
    assert routed.nearest == []


def test_inferred_number_is_found(numbered):
    [routed] = route(["13.3"], numbered)
    assert routed.status == "found" and routed.clauses[0].title == "监督检查"


@pytest.mark.parametrize("number,titles", [
    ("6.2.3", {"其他知识产权管理制度", "保密管理制度"}),
    ("11.4.3.2", {"知识产权作价入股", "知识产权联盟"}),
    ("11.4.2.3", {"知识产权许可", "企业并购与收购"}),
])
def test_duplicated_number_is_ambiguous(numbered, number, titles):
    [routed] = route([number], numbered)
    assert routed.status == "ambiguous"
    assert len(routed.clauses) == 2
    assert {c.title for c in routed.clauses} == titles
    assert len({c.key for c in routed.clauses}) == 2


@pytest.mark.parametrize("number,prefix", [("4.3.9", "4.3"), ("9.3.7", "9.3"), ("13.5.3", "13.5")])
def test_missing_number_offers_existing_neighbours(corpus, numbered, number, prefix):
    [routed] = route([number], numbered)
    assert routed.status == "missing" and routed.clauses == []
    assert routed.nearest
    existing = {c.number for c in corpus.get("bj-ipm").clauses.values() if c.number}
    for clause in routed.nearest:
        assert clause.number in existing
        assert clause.number == prefix or clause.number.startswith(prefix + ".")
    assert number not in {c.number for c in routed.nearest}


def test_missing_chapter(numbered):
    [routed] = route(["14"], numbered)
    assert routed.status == "missing" and routed.nearest


@pytest.mark.parametrize("label,chapter", [("第五条", "5"), ("第十三条", "13"), ("第7条", None),
                                           ("4.3.2", None), ("第一百零一条", "101")])
def test_an_article_label_names_the_chapter_number(label, chapter):
    assert article_as_chapter(label) == chapter


def test_route_keeps_question_order(numbered):
    statuses = [(r.number, r.status) for r in route(["6.2.3", "4.3.9", "4.3.2"], numbered)]
    assert statuses == [("6.2.3", "ambiguous"), ("4.3.9", "missing"), ("4.3.2", "found")]


def test_nearest_never_offers_a_duplicate_twice(numbered):
    near = nearest_clauses("6.2.9", numbered, limit=5)
    numbers = [c.number for c in near]
    assert len(numbers) == len(set(numbers))


# -- routing against rules numbered 第一章 / 第一条 ---------------------------------------------
def test_a_chapter_number_finds_the_chapter_of_rules_printed_in_chinese_numerals():
    from pathlib import Path

    from assistant.corpus.section_parser import parse_sections

    rules = (Path(__file__).resolve().parent / "data" / "sample_standard" / "rules.txt")
    parsed = parse_sections("rules", rules.read_text(encoding="utf-8"), "zh")
    table = [c for c in parsed.clauses.values() if c.kind == "section"]
    for clause in table:
        clause.number = clause.label
    chapter, article, missing = route(["2", "第五条", "9"], table)
    assert (chapter.status, chapter.number, chapter.clauses[0].title) == ("found", "第二章", "权属与保密")
    assert (article.status, article.clauses[0].body) == (
        "found", "员工应对接触到的公司技术秘密承担保密义务，离职后两年内仍应遵守。")
    assert missing.status == "missing"
