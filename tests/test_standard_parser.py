"""The clause-tree parser on the real bj-ipm text and on small synthetic standards.

Expected values are read from the standard's text (titles, numbers) or computed here from the file
with simple line matching; none is copied from the parser's output."""
from __future__ import annotations

import pytest

from assistant.corpus.standard_parser import parse_standard
from helpers import (BJ_PATH, BJ_TITLE, NUMBERED_LINE, non_blank_lines, squeeze,
                     starts_with_number, the_line)

BJ_TEXT = BJ_PATH.read_text(encoding="utf-8")
LINES = non_blank_lines(BJ_TEXT)

CHAPTERS = [  # number, title as printed in the standard
    (1, "范围"), (2, "规范性引用文件"), (3, "术语和定义"), (4, "知识产权管理体系"),
    (5, "知识产权战略管理"), (6, "知识产权制度管理"), (7, "知识产权资源管理"),
    (8, "知识产权风险管理"), (9, "知识产权创造"), (10, "知识产权保护"), (11, "知识产权运用"),
    (12, "知识产权管理体系的评价"), (13, "知识产权管理体系的持续改进"),
]
DUPLICATES = [  # number, title of the first use, title of the second use
    ("6.2.3", "其他知识产权管理制度", "保密管理制度"),
    ("11.4.3.2", "知识产权作价入股", "知识产权联盟"),
    ("11.4.2.3", "知识产权许可", "企业并购与收购"),
]
INFERRED = [("1", "范围"), ("2", "规范性引用文件"), ("3", "术语和定义"), ("4", "知识产权管理体系"),
            ("13.3", "监督检查")]
HEADINGS_10_2 = ["司法保护", "行政保护", "仲裁与调解", "谈判"]


@pytest.fixture(scope="module")
def bj():
    return parse_standard("bj-ipm", BJ_TEXT, BJ_TITLE)


def line_equal(text: str) -> int:
    return the_line(LINES, lambda t: squeeze(t) == text)


def numbered_lines(number: str) -> list[int]:
    return [n for n, t in LINES if starts_with_number(number)(t)]


# -- (a) text preservation -------------------------------------------------------------------
def test_every_non_blank_line_is_in_exactly_one_clause_in_order(bj):
    clauses = sorted(bj.clauses.values(), key=lambda c: c.first_line)
    assert [line for c in clauses for line in c.text.split("\n")] == [t for _, t in LINES]
    assert [n for c in clauses for n in c.line_numbers] == [n for n, _ in LINES]


def test_clause_first_line_is_its_first_line_number(bj):
    for clause in bj.clauses.values():
        assert clause.line_numbers[0] == clause.first_line
        assert clause.text.split("\n")[0] == dict(LINES)[clause.first_line]


def test_numbered_clause_count_matches_the_text(bj):
    printed = sum(1 for _, t in LINES if NUMBERED_LINE.match(t))
    numbered = [c for c in bj.clauses.values() if c.number is not None]
    assert len(numbered) == printed + len(INFERRED)
    assert sum(1 for c in numbered if c.inferred) == len(INFERRED)


# -- (b) chapters ----------------------------------------------------------------------------
@pytest.mark.parametrize("number,title", CHAPTERS)
def test_chapters_exist_with_their_titles(bj, number, title):
    chapter = bj.clauses[str(number)]
    assert chapter.number == str(number)
    assert chapter.title == title
    assert chapter.kind == "chapter"
    assert chapter.parent is None
    assert chapter.inferred is (number <= 4)
    printed = title if number <= 4 else f"{number}{title}"
    assert chapter.first_line == line_equal(printed)


def test_chapter_children_hang_under_their_chapter(bj):
    for key in ["3.1", "3.9", "4.1", "4.3", "7.3", "13.5"]:
        assert bj.clauses[key].parent == key.split(".")[0]
    assert bj.clauses["4.3.2.1"].parent == "4.3.2"
    assert bj.clauses["4.3.2"].children[:3] == ["4.3.2.1", "4.3.2.2", "4.3.2.3"]


# -- (c) duplicates --------------------------------------------------------------------------
@pytest.mark.parametrize("number,first_title,second_title", DUPLICATES)
def test_duplicate_numbers_give_two_distinct_clauses(bj, number, first_title, second_title):
    first, second = bj.clauses[number], bj.clauses[f"{number}#2"]
    assert first.number == second.number == number
    assert (first.title, second.title) == (first_title, second_title)
    assert [first.first_line, second.first_line] == numbered_lines(number)
    assert len([c for c in bj.clauses.values() if c.number == number]) == 2


# -- (d) inferred 13.3 -----------------------------------------------------------------------
def test_supervision_heading_becomes_inferred_13_3(bj):
    clause = bj.clauses["13.3"]
    assert (clause.title, clause.inferred, clause.parent) == ("监督检查", True, "13")
    assert clause.first_line == line_equal("监督检查")
    assert [i.letter for i in clause.items] == list("abcde")
    assert clause.items[0].text == "知识产权法律法规变动；"


# -- (e) unnumbered headings in 10.2 ---------------------------------------------------------
def test_unnumbered_headings_are_children_of_10_2(bj):
    children = [bj.clauses[k] for k in bj.clauses["10.2"].children]
    headings = [c for c in children if c.kind == "heading"]
    assert [c.title for c in headings] == HEADINGS_10_2
    for heading in headings:
        assert heading.label == "10.2"
        assert heading.number is None
        assert heading.parent == "10.2"
        line = line_equal(heading.title)
        assert heading.first_line == line
        assert heading.body.strip() == dict(LINES)[line + 1]


# -- (f) list letters on their own line ------------------------------------------------------
ITEMS_4_2_1 = ["符合法律法规的要求；", "符合企业经营发展要求；", "在企业内部得到有效运行；",
               "定期进行评审，并持续性改进；", "贯穿在知识产权管理目标中；", "由企业最高管理者制定和发布；",
               "得到企业全体员工理解和支持。"]


def test_lone_letters_take_the_next_line_as_their_text(bj):
    clause = bj.clauses["4.2.1"]
    assert [i.letter for i in clause.items] == list("abcdefg")
    assert [i.text for i in clause.items] == ITEMS_4_2_1
    for item in clause.items:
        span = clause.text[item.start:item.end]
        assert span.startswith(f"{item.letter})") and span.endswith(item.text)


@pytest.mark.parametrize("key,letters,last_text", [
    ("4.3.2.3", "abc", "知识产权管理程序之间相互作用的表述。"),
    ("7.2.1.1", "abcdefg", "参与企业内部审核、监督检查工作。"),
    ("7.3.2.1", "abcdefgh", "本规范要求的其他事项。"),
    ("4.2.2", "abcdef", "被定期评价和改进。"),
])
def test_lettered_lists(bj, key, letters, last_text):
    items = bj.clauses[key].items
    assert "".join(i.letter for i in items) == letters
    assert items[-1].text == last_text


# -- (g) numbered lines that carry a sentence ------------------------------------------------
@pytest.mark.parametrize("number,sentence", [
    ("9.3.2.1", "企业进行合作开发获取知识产权时，企业应与受托方签订书面合同，合同应明确成果的知识产权归属，注明双方应遵守的保密义务。"),
    ("13.4.1", "企业应根据审核意见和监督检查结果，分析知识产权管理体系实施所取得的效果、存在的问题与不足。"),
    ("10.1.1.1", "企业应将涉及知识产权取得和确权的文件作为受控文件进行管理。"),
])
def test_sentence_carrying_numbered_lines_have_no_title(bj, number, sentence):
    clause = bj.clauses[number]
    assert clause.title == ""
    assert clause.body.startswith("企业")
    assert clause.body.strip() == sentence


# -- (h) stray trailing dot ------------------------------------------------------------------
def test_stray_trailing_dot_is_tolerated(bj):
    clause = bj.clauses["4.3.2.3"]
    assert (clause.number, clause.title, clause.parent) == ("4.3.2.3", "知识产权管理手册", "4.3.2")
    assert clause.first_line == the_line(LINES, lambda t: t.startswith("4.3.2.3."))
    assert "4.3.2.3." not in bj.clauses  # no phantom key with the dot


# -- (i) defects -----------------------------------------------------------------------------
def _defects(bj, kind):
    return {(d.number, d.line) for d in bj.defects if d.kind == kind}


def test_duplicates_are_reported_at_the_second_use(bj):
    expected = {(number, numbered_lines(number)[1]) for number, _, _ in DUPLICATES}
    assert _defects(bj, "duplicate") == expected


def test_inferred_numbers_are_reported_at_their_heading(bj):
    assert _defects(bj, "inferred") == {(n, line_equal(title)) for n, title in INFERRED}


def test_unnumbered_headings_are_reported(bj):
    assert _defects(bj, "unnumbered_heading") == {("10.2", line_equal(t)) for t in HEADINGS_10_2}


def test_list_letter_defects(bj):
    found = _defects(bj, "list_letters")
    assert {n for n, _ in found} == {"9.3.1", "13.5.2.2"}
    # 13.5.2.2 prints a) b) c) d) e) d): the defect is the second d)
    start = numbered_lines("13.5.2.2")[0]
    second_d = [n for n, t in LINES if n > start and t.startswith("d)")][1]
    assert ("13.5.2.2", second_d) in found
    # 9.3.1's list has lost its a) and b): the first two items or the first letter, c)
    start = numbered_lines("9.3.1")[0]
    candidates = {start + 2, the_line(LINES, lambda t: t.startswith("c) 应在设计研发记录中"))}
    assert {line for n, line in found if n == "9.3.1"} <= candidates


def test_no_gaps_or_cross_references_in_the_real_text(bj):
    assert not [d for d in bj.defects if d.kind in ("gap", "cross_reference")]


def test_stray_dot_is_reported(bj):
    line = the_line(LINES, lambda t: t.startswith("4.3.2.3."))
    assert any(d.line == line and d.number == "4.3.2.3" for d in bj.defects)


# -- (j) synthetic texts ---------------------------------------------------------------------
def _standard(body_of_7_1: str = "企业应为知识产权管理配置资源。") -> str:
    return "\n".join([
        "1 范围", "本标准规定了企业知识产权管理的要求。",
        "2 术语和定义", "下列术语和定义适用于本标准。",
        "3 总则", "企业应建立管理体系，并持续改进。",
        "4 管理体系", "4.1 总体要求", "企业应建立知识产权管理体系。",
        "4.2 管理职责", "4.2.1 管理方针", "企业应制定管理方针，并形成文件。",
        "5 战略管理", "5.1 总体要求", "企业应制定知识产权战略。",
        "6 制度管理", "6.1 总体要求", "企业应建立知识产权制度。",
        "7 资源管理", "7.1 总体要求", body_of_7_1,
        "7.2 组织机构", "企业应设立知识产权管理机构。", "",
    ])


@pytest.mark.parametrize("xref", [
    "4.2.1中规定的方针应定期评审。",
    "4.2.1规定的方针应由最高管理者批准。",
    "4.2.1 的要求同样适用于资源配置。",
    "4.2.1条所述方针应张贴公示。",
])
def test_cross_reference_at_line_start_stays_body_text(xref):
    parsed = parse_standard("x", _standard(f"企业应为知识产权管理配置资源。\n{xref}"))
    assert [c.key for c in parsed.clauses.values() if c.number == "4.2.1"] == ["4.2.1"]
    assert xref in parsed.clauses["7.1"].text.split("\n")
    assert parsed.clauses["7.2"].parent == "7"
    assert not [d for d in parsed.defects if d.kind == "duplicate"]


def test_true_gap_is_reported_not_invented():
    text = "\n".join(["1 范围", "本标准规定了要求，适用于企业。", "2 术语", "2.1 知识产权",
                      "依法享有的专有权利，包括专利和商标。", "2.3 管理体系",
                      "建立方针和目标并实现这些目标的体系。", ""])
    parsed = parse_standard("x", text)
    assert "2.2" not in parsed.clauses
    assert ("gap", "2.2") in {(d.kind, d.number) for d in parsed.defects}
    assert parsed.clauses["2.3"].parent == "2"


def test_a_body_line_starting_with_a_count_is_not_a_chapter():
    text = "\n".join(["1 范围", "本标准适用于企业。", "2 要求", "2.1 评审",
                      "3个月内完成评审，并保留记录。", "3 改进", "企业应持续改进体系。", ""])
    parsed = parse_standard("x", text)
    chapter_3 = [c for c in parsed.clauses.values() if c.number == "3"]
    assert len(chapter_3) == 1 and chapter_3[0].title == "改进"
    assert "3个月内完成评审，并保留记录。" in parsed.clauses["2.1"].text


def test_keys_are_stable_across_parses():
    first = parse_standard("bj-ipm", BJ_TEXT, BJ_TITLE)
    second = parse_standard("bj-ipm", BJ_TEXT, BJ_TITLE)
    assert list(first.clauses) == list(second.clauses)
    edited = parse_standard("bj-ipm", BJ_TEXT + "\n企业应保存改进记录。\n", BJ_TITLE)
    assert list(edited.clauses) == list(first.clauses)
    for key in ("6.2.3#2", "10.2/司法保护", "13.3"):
        assert key in first.clauses



# -- (k) wrapped lines, tables of contents, annexes -------------------------------------------
WRAPPED = [
    "1 范围", "本文件适用于企业。", "2 要求", "2.1 记录", "企业应保存记录。培训记录的保存按照",
    "4.1.1执行；专利申请文件的保存期限不少于", "3 年，并明确保管部门。",
    "3 资源", "3.1 人员", "企业应配备人员。", "4 运行", "4.1 培训", "4.1.1 计划",
    "企业应制定培训计划。", "",
]


def test_a_wrapped_line_starting_with_a_number_continues_the_sentence():
    parsed = parse_standard("x", "\n".join(WRAPPED))
    assert [c.key for c in parsed.clauses.values()] == [
        "1", "2", "2.1", "3", "3.1", "4", "4.1", "4.1.1"]
    assert parsed.clauses["2.1"].body.split("\n")[1:] == [
        "4.1.1执行；专利申请文件的保存期限不少于", "3 年，并明确保管部门。"]
    assert (parsed.clauses["3"].title, parsed.clauses["4.1.1"].title) == ("资源", "计划")
    assert not parsed.defects


def test_a_sentence_after_a_number_skipping_ahead_is_body_text():
    """7.2.1 right after 7.1 would be next in sequence; 9.1.1 inside chapter 7 is not."""
    parsed = parse_standard("x", _standard("企业应为知识产权管理配置资源，相关要求按照\n9.1.1建立台账，并保留记录。"))
    assert "9.1.1" not in parsed.clauses
    assert parsed.clauses["7.1"].body.endswith("9.1.1建立台账，并保留记录。")
    assert parsed.clauses["7.2"].parent == "7"


def test_table_of_contents_lines_are_not_headings():
    toc = ["目次", "前言 ………………… Ⅰ", "1 范围 ………………… 1", "2 术语和定义 ………… 1",
           "7 资源管理 ……………… 3", "附录A（资料性） 示例 …… 5", "前言", "本标准由示例机构提出。"]
    parsed = parse_standard("x", "\n".join(toc) + "\n" + _standard())
    assert parsed.clauses["1"].title == "范围"
    assert parsed.clauses["1"].first_line == len(toc) + 1
    assert parsed.clauses["目次"].body.split("\n") == toc[1:6]
    assert not parsed.defects


@pytest.mark.parametrize("heading", [
    ["附录A", "（规范性）", "台账格式"],
    ["附 录 A", "(规范性)", "台账格式"],
    ["附录A（规范性）", "台账格式"],
    ["附录A（规范性） 台账格式"],
])
def test_an_annex_is_a_lettered_chapter_whatever_its_heading_layout(heading):
    annex = heading + ["A.1 一般要求", "台账应逐项登记。", "A.2 栏目", "A.2.1 基本栏目",
                       "表A.1 栏目", "名称 | 说明", "附录B", "（资料性）", "填写示例", "B.1 示例",
                       "见A.2.1的规定。", ""]
    parsed = parse_standard("x", _standard() + "\n".join(annex))
    assert [(k, c.title) for k, c in parsed.clauses.items() if k[0] in "AB"] == [
        ("A", "台账格式"), ("A.1", "一般要求"), ("A.2", "栏目"), ("A.2.1", "基本栏目"),
        ("B", "填写示例"), ("B.1", "示例")]
    assert parsed.clauses["A.2.1"].body.split("\n") == ["表A.1 栏目", "名称 | 说明"]
    assert parsed.clauses["A.1"].parent == "A" and parsed.clauses["B.1"].body == "见A.2.1的规定。"
    assert not parsed.defects
