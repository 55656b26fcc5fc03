"""Word imports keep the clause tree: the numbers Word computes (numbering.xml, styles with
numbering, restarts, Chinese counting, letters) are read as printed, tables stay in the clause
they sit in, footnotes and text boxes are kept. Expected values are what Word prints for these
files (checked against LibreOffice's own rendering, README: importing), never the importer's
output."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from docx_builders import (AutoRule, DocxBuilder, Lvl, build_auto, build_typed,
                           numbered_headings, source_paragraphs)
from helpers import PROJECT_ROOT

CASES = PROJECT_ROOT / "tests" / "data" / "docx_cases"
SAMPLE = PROJECT_ROOT / "tests" / "data" / "sample_standard"


def squash(text: str) -> str:
    return "".join(text.split())


def add(run_cli, path: Path, doc_id: str) -> None:
    code, out, err = run_cli("corpus", "add", str(path), "--id", doc_id, "--title", "示例")
    assert code == 0, err


def clause(run_cli, number: str, doc_id: str) -> dict:
    code, out, err = run_cli("clause", number, "--doc", doc_id, "--json")
    assert code == 0, err
    return json.loads(out)["clauses"][0]


def stored_text(home: Path, doc_id: str) -> list[str]:
    """The text the import stored, as lines (what the parsers read)."""
    (path,) = (home / "corpus").glob(f"{doc_id}.*.txt")
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def ask(run_cli, question: str, doc_id: str) -> dict:
    code, out, err = run_cli("ask", question, "--doc", doc_id, "--json")
    assert code == 0, err
    return json.loads(out)


# --- the cases (../shared/cases/01 and 02) ----------------------------------------------------
def test_case01_auto_numbered_headings_are_clauses(run_cli, tmp_path):
    add(run_cli, CASES / "auto-numbered.docx", "demo-autonum")
    found = clause(run_cli, "4.2.1", "demo-autonum")
    assert found["title"] == "文件控制"
    assert "知识产权管理文件发布前应经审批，修订后应重新审批。" in found["text"]
    assert clause(run_cli, "6.2", "demo-autonum")["title"] == "财务资源"
    code, out, _ = run_cli("corpus", "check", "--doc", "demo-autonum")
    assert code == 0 and "0 defects" in out
    for question in ("4.2.1 文件控制有什么要求", "知识产权管理文件发布前要做什么"):
        answer = ask(run_cli, question, "demo-autonum")
        assert not answer["abstained"]
        assert answer["citations"][0]["doc"] == "demo-autonum"
        assert answer["citations"][0]["clause"] == "4.2.1"


def test_case02_table_stays_in_its_clause(run_cli, tmp_path):
    add(run_cli, CASES / "table-in-clause.docx", "demo-table")
    text = clause(run_cli, "4.2.2", "demo-table")["text"]
    for row in ("记录名称 | 最短保存期限", "知识产权培训记录 | 3年",
                "专利申请和审查文件 | 专利权终止后5年", "商标注册证书 | 长期"):
        assert row in text.split("\n")
    assert text.index("见表1") < text.index("商标注册证书")
    assert "商标注册证书" not in clause(run_cli, "6.2", "demo-table")["text"]
    code, out, _ = run_cli("corpus", "check", "--doc", "demo-table")
    assert code == 0 and "0 defects" in out
    for question in ("专利申请和审查文件的保存期限是多久", "商标注册证书要保存多久"):
        answer = ask(run_cli, question, "demo-table")
        assert not answer["abstained"]
        assert answer["citations"][0]["clause"] == "4.2.2"


# --- numbering Word computes ------------------------------------------------------------------
def _management_standard(path: Path) -> Path:
    """Chapters 1-4 numbered through Heading 1-3 (Heading 2 reached through a style based on
    it), lists a) with 1) under them, a list restarted, a footnote, a table and a text box."""
    b = DocxBuilder()
    numbered_headings(b)
    b.derived_style("Clause Heading", "Heading 2")
    letters = b.define_list([Lvl("lowerLetter", "%1)"), Lvl("decimal", "%2)")])
    b.para("范围", "Heading 1")
    b.para("本文件规定了企业知识产权管理的要求。")
    b.para("规范性引用文件", "Heading 1")
    b.para("本文件没有规范性引用文件。")
    b.para("术语和定义", "Heading 1")
    b.para("本文件没有需要界定的术语和定义。")
    b.para("管理体系", "Heading 1")
    b.para("总体要求", "Clause Heading")
    b.para("企业应建立知识产权管理体系，并覆盖：")
    b.para("专利；", num=(letters, 0))
    b.para("发明专利；", num=(letters, 1))
    b.para("实用新型专利；", num=(letters, 1))
    b.para("商标。", num=(letters, 0))
    b.para("文件要求", "Heading 2")
    b.para("文件控制", "Heading 3")
    noted = b.para("知识产权管理文件发布前应经审批。")
    b.footnote(noted, "审批人由最高管理者指定。")
    again = b.restart(letters)
    b.para("文件发布前应完成下列工作：")
    b.para("编号；", num=(again, 0))
    b.para("审批。", num=(again, 0))
    b.para("记录控制", "Heading 3")
    b.para("各类记录的保存期限见表1。")
    b.table([["记录名称", "保存期限"], ["培训记录", "三年"], ["商标注册证书", "长期"]])
    boxed = b.para("记录应便于查找。")
    b.text_box(boxed, ["电子记录应每月备份。"])
    b.para("资源管理", "Clause Heading")
    b.para("企业应设立知识产权专项经费。")
    return b.save(path)


@pytest.fixture
def management(run_cli, tmp_path) -> str:
    add(run_cli, _management_standard(tmp_path / "management.docx"), "mgmt")
    return "mgmt"


def test_headings_numbered_through_styles_and_based_on(run_cli, management):
    assert clause(run_cli, "4.2.1", management)["title"] == "文件控制"
    assert clause(run_cli, "4.2.2", management)["title"] == "记录控制"
    assert clause(run_cli, "4.1", management)["title"] == "总体要求"  # style based on Heading 2
    assert clause(run_cli, "4.3", management)["title"] == "资源管理"
    assert clause(run_cli, "3", management)["title"] == "术语和定义"


def test_lists_print_letters_with_numbers_under_them_and_restart(run_cli, management):
    lines = clause(run_cli, "4.1", management)["text"].split("\n")
    assert lines[-4:] == ["a) 专利；", "1) 发明专利；", "2) 实用新型专利；", "b) 商标。"]
    lines = clause(run_cli, "4.2.1", management)["text"].split("\n")
    assert lines[-2:] == ["a) 编号；", "b) 审批。"]  # a new list starts again at a)


def test_table_footnote_and_text_box_are_kept_where_they_stand(run_cli, management):
    text = clause(run_cli, "4.2.1", management)["text"]
    assert text.index("发布前应经审批。") < text.index("审批人由最高管理者指定。") < text.index("a) 编号")
    lines = clause(run_cli, "4.2.2", management)["text"].split("\n")
    assert lines[2:5] == ["记录名称 | 保存期限", "培训记录 | 三年", "商标注册证书 | 长期"]
    assert "电子记录应每月备份。" in lines[-1]
    assert "培训记录" not in clause(run_cli, "4.3", management)["text"]


def test_typed_and_automatic_numbers_in_one_document(run_cli, tmp_path):
    b = DocxBuilder()
    numbered_headings(b)
    items = b.define_list([Lvl("lowerLetter", "%1)")])
    b.para("1 范围")  # typed chapter, then Word's numbering continues from its own counter
    b.para("本文件规定了要求。")
    b.para("总则", "Heading 1")  # Word prints 1: its counter knows nothing of the typed "1"
    b.para("总体要求", "Heading 2")
    b.para("企业应当：")
    b.para("a) 建立制度；")  # typed letter
    b.para("配备人员。", num=(items, 0))  # Word prints a): the typed one is not in its list
    b.para("附录A（规范性）")
    b.para("A.1 台账", "Heading 2", num=("0", 0))  # Heading 2 with its numbering switched off
    b.para("台账应逐项登记。")
    add(run_cli, b.save(tmp_path / "mixed.docx"), "mixed")
    assert stored_text(tmp_path, "mixed") == [
        "1 范围", "本文件规定了要求。", "1 总则", "1.1 总体要求", "企业应当：", "a) 建立制度；",
        "a) 配备人员。", "附录A（规范性）", "A.1 台账", "台账应逐项登记。"]


def test_number_formats_start_values_and_legal_numbering(run_cli, tmp_path):
    b = DocxBuilder()
    chapters = b.define_list([Lvl("chineseCounting", "第%1章"),
                              Lvl("decimal", "%1.%2", legal=True)])
    articles = b.define_list([Lvl("chineseCountingThousand", "第%1条", start=9)])
    marks = b.define_list([Lvl("decimalEnclosedCircle", "%1", suffix="nothing"),
                           Lvl("upperLetter", "%2."), Lvl("lowerRoman", "(%3)")])
    stems = b.define_list([Lvl("ideographTraditional", "%1、", suffix="nothing")])
    b.para("总则", num=(chapters, 0))
    b.para("附则", num=(chapters, 0))
    b.para("解释", num=(chapters, 1))  # isLgl: 2.1, not 二.1
    for text in ("第九条内容。", "第十条内容。", "第十一条内容。"):
        b.para(text, num=(articles, 0))
    b.para("甲项", num=(marks, 0))
    b.para("子项", num=(marks, 1))
    b.para("细目", num=(marks, 2))
    b.para("细目", num=(marks, 2))
    b.para("乙项", num=(marks, 0))
    b.para("天干一", num=(stems, 0))
    b.para("天干二", num=(stems, 0))
    add(run_cli, b.save(tmp_path / "formats.docx"), "formats")
    assert stored_text(tmp_path, "formats") == [
        "第一章 总则", "第二章 附则", "2.1 解释", "第九条 第九条内容。", "第十条 第十条内容。",
        "第十一条 第十一条内容。", "①甲项", "A. 子项", "(i) 细目", "(ii) 细目", "②乙项",
        "甲、天干一", "乙、天干二"]


def test_only_what_word_prints_is_read(run_cli, tmp_path):
    b = DocxBuilder()
    numbered_headings(b)
    b.para("范围", "Heading 1")
    p = b.para("企业应")
    b.raw_runs(p, '<w:ins w:id="1" w:author="a"><w:r><w:t>每年</w:t></w:r></w:ins>'
                  '<w:del w:id="2" w:author="a"><w:r><w:delText>每月</w:delText></w:r></w:del>'
                  '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注）</w:t></w:r>'
                  '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                  '<w:r><w:instrText> REF 表1 \\h </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>按表1</w:t></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>检查。</w:t></w:r>')
    add(run_cli, b.save(tmp_path / "revisions.docx"), "rev")
    assert stored_text(tmp_path, "rev") == ["1 范围", "企业应每年按表1检查。"]


def test_table_of_contents_is_not_the_tree(run_cli, tmp_path):
    b = DocxBuilder()
    b.derived_style("toc 1", "Normal")  # Word's TOC entry style; the TOC field fills it
    b.para("目次", "TOC Heading")
    b.para("1 范围 1", "toc 1")
    b.para("2 要求 1", "toc 1")
    b.para("2.1 文件控制 2", "toc 1")
    b.para("1 范围", "Heading 1")
    b.para("本文件规定了要求。")
    b.para("2 要求", "Heading 1")
    b.para("2.1 文件控制", "Heading 2")
    b.para("文件发布前应经审批。")
    add(run_cli, b.save(tmp_path / "toc.docx"), "toc")
    assert stored_text(tmp_path, "toc") == ["1 范围", "本文件规定了要求。", "2 要求", "2.1 文件控制",
                                            "文件发布前应经审批。"]
    assert clause(run_cli, "2.1", "toc")["text"].split("\n")[-1] == "文件发布前应经审批。"


@pytest.mark.parametrize("value, fmt, printed", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (99, "chineseCounting", "九十九"),
    (101, "chineseCountingThousand", "一百零一"), (110, "chineseCountingThousand", "一百一十"),
    (1200, "chineseCountingThousand", "一千二百"), (3, "ideographTraditional", "丙"),
    (28, "lowerLetter", "bb"), (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"),
    (20, "decimalEnclosedCircle", "⑳"), (7, "decimalZero", "07"), (5, "decimal", "5")])
def test_number_format_as_word_prints_it(value, fmt, printed):
    from assistant.corpus.docx_numbering import format_number

    assert format_number(value, fmt) == printed


# --- the sample documents in Word form --------------------------------------------------------
def _lines(name: str) -> list[str]:
    return [line for line in (SAMPLE / name).read_text(encoding="utf-8").split("\n") if line]


WRAPPED = ("5.2 与 6.1.1 规定的记录应逐项核对，核对结果应写入审核报告。",)
STANDARD_LISTS = {
    "head": [Lvl("decimal", "%1", style="Heading1"), Lvl("decimal", "%1.%2", style="Heading2"),
             Lvl("decimal", "%1.%2.%3", style="Heading3")],
    "items": [Lvl("lowerLetter", "%1)"), Lvl("decimal", "%2)")],
    "dash": [Lvl("bullet", "——", suffix="nothing")]}
STANDARD_RULES = [
    AutoRule(r"(\d+) ([^…]+)", "head", 0), AutoRule(r"(\d+\.\d+) ([^…]+)", "head", 1),
    AutoRule(r"(\d+\.\d+\.\d+) ([^…]+)", "head", 2), AutoRule(r"([a-z])\) (.+)", "items", 0, restart=True),
    AutoRule(r"(\d+)\) (.+)", "items", 1), AutoRule(r"——(.+)", "dash", 0)]


def _heading_level(line: str) -> int | None:
    match = re.match(r"(\d+(?:\.\d+)*|[A-Z]\.\d+(?:\.\d+)*) [^…]+$", line)
    return match.group(1).count(".") + 1 if match else None


def _tree(home: Path, doc_id: str) -> dict[str, tuple]:
    from assistant.corpus.store import Corpus
    from helpers import make_settings

    document = Corpus.load(make_settings(home)).get(doc_id)
    return {key: (c.number, c.title, squash(c.text)) for key, c in document.clauses.items()}


@pytest.mark.skipif(not (SAMPLE / "standard.txt").exists(), reason="no sample standard yet")
def test_sample_standard_same_tree_from_txt_typed_docx_and_auto_docx(run_cli, tmp_path):
    paragraphs = source_paragraphs(_lines("standard.txt"), WRAPPED)
    shutil.copy(SAMPLE / "standard.txt", tmp_path / "standard.txt")
    add(run_cli, tmp_path / "standard.txt", "std-txt")
    add(run_cli, build_typed(tmp_path / "typed.docx", paragraphs, _heading_level), "std-typed")
    add(run_cli, build_auto(tmp_path / "auto.docx", paragraphs, STANDARD_LISTS, STANDARD_RULES,
                            (r"[A-Z]\.\d+(?:\.\d+)* .+", 2)), "std-auto")
    expected = _tree(tmp_path, "std-txt")
    assert {"4.2.1", "5.2.2", "6.2.1", "A.2.1"} <= set(expected)
    assert _tree(tmp_path, "std-typed") == expected
    assert _tree(tmp_path, "std-auto") == expected
    table = clause(run_cli, "5.2.2", "std-auto")["text"]
    assert "专利申请文件 | 专利权终止后三年 | 研发部门" in table.split("\n")


@pytest.mark.parametrize("name, lists, rules", [
    ("notice.txt",
     {"notice": [Lvl("chineseCounting", "%1、", suffix="nothing"),
                 Lvl("chineseCounting", "（%2）", suffix="nothing"), Lvl("decimal", "%3."),
                 Lvl("decimal", "(%4)"), Lvl("decimalEnclosedCircle", "%5", suffix="nothing")]},
     [AutoRule(r"[一二三四五六七八九十]+、(.+)", "notice", 0),
      AutoRule(r"（[一二三四五六七八九十]+）(.+)", "notice", 1),
      AutoRule(r"\d+\. (.+)", "notice", 2), AutoRule(r"\(\d+\) (.+)", "notice", 3),
      AutoRule(r"[①-⑳](.+)", "notice", 4)]),
    ("rules.txt",
     {"chapters": [Lvl("chineseCounting", "第%1章")],
      "articles": [Lvl("chineseCountingThousand", "第%1条")],
      "items": [Lvl("chineseCounting", "（%1）", suffix="nothing")]},
     [AutoRule(r"第[一二三四五六七八九十]+章 (.+)", "chapters"),
      AutoRule(r"第[一二三四五六七八九十]+条 (.+)", "articles"),
      AutoRule(r"（[一二三四五六七八九十]+）(.+)", "items", restart=True)]),
])
def test_chinese_numbered_documents_read_as_printed(run_cli, tmp_path, name, lists, rules):
    lines = _lines(name)
    path = build_auto(tmp_path / "auto.docx", source_paragraphs(lines), lists, rules)
    add(run_cli, path, "auto")
    assert stored_text(tmp_path, "auto") == lines
