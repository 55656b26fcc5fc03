"""A clause title may list things with the enumeration comma 、 ("5.3 岗位、职责和权限", as in
GB/T 29490—2023; "5.4 职责、权限和沟通" in the 2013 edition): it stays the title, and the body
below it is the body. A numbered line that is a sentence (，。；：) still has no title."""
from __future__ import annotations

from assistant.corpus.standard_parser import parse_standard

TEXT = """1 范围

本文件规定了示例要求。

2 领导作用

2.1 领导作用和承诺

最高管理者应证实其领导作用。

2.2 岗位、职责和权限

最高管理者应分配相关岗位的职责和权限。

3 绩效评价

3.1 监视、测量、分析和评价

企业应确定需要监视和测量的内容。

3.2 企业应定期评审，并保留记录。
"""


def test_titles_with_the_enumeration_comma():
    clauses = parse_standard("sample", TEXT).clauses
    assert clauses["2.2"].title == "岗位、职责和权限"
    assert clauses["2.2"].body.strip() == "最高管理者应分配相关岗位的职责和权限。"
    assert clauses["3.1"].title == "监视、测量、分析和评价"
    assert clauses["3.1"].body.strip() == "企业应确定需要监视和测量的内容。"


def test_a_numbered_sentence_has_no_title():
    clause = parse_standard("sample", TEXT).clauses["3.2"]
    assert clause.title == "" and "企业应定期评审" in clause.text
