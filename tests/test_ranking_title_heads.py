"""Ranking (issue 16, near misses): among close candidates of one document, the clause whose
title names what a Chinese question asks about comes first (Retriever._head_first). A title's
head is what it names without 管理 around it (管理方针 -> 方针, 合同管理 -> 合同, 知识产权转让 ->
转让). Questions about a policy or a contract review named the thing, but a clause
that mentions it in passing in the question's very words won on BM25: 13.2.1/13.2.2 list
知识产权方针 among a review's inputs and outputs, 10.1.1.4 (outsourcing) speaks of contracts and
审查 too. The first clause keeps its place when its own title's head, or for an untitled
clause its heading's, is asked (9.3.3.2 under 9.3.3 继受取得, for a 受让 question). Expected
clauses are read from corpus/bj-ipm.txt by their headings."""
from __future__ import annotations

import pytest

from helpers import BJ_PATH, bj_requirement_number


def untitled_clause(words: str) -> str:
    """The number of the untitled bj-ipm clause whose numbered line holds `words`."""
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        head, _, _ = line.partition("企业")
        if words in line and head.strip().replace(".", "").isdigit():
            return head.strip()
    raise AssertionError(words)


@pytest.mark.parametrize("question, heading", [
    ("公司知识产权方针需要定期评审吗", "管理方针"),
    ("知识产权方针要让全体员工理解吗", "管理方针"),
    ("业务员签合同前需要把知识产权相关条款交给法务审查吗", "合同管理"),
])
def test_the_clause_titled_with_what_is_asked_comes_first(retriever, question, heading):
    hits = retriever.search(question).hits
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", bj_requirement_number(heading))


def test_an_untitled_clause_named_by_its_heading_keeps_its_place(retriever):
    # 9.3.3.2 (under 9.3.3 继受取得): 通过知识产权转移方式获取知识产权的，应订立书面合同 —
    # a 受让 question naming a transfer contract is about it, not about 11.4.2.1 转让 (selling).
    expected = untitled_clause("通过知识产权转移方式获取知识产权")
    hits = retriever.search("受让一件专利，转让合同需要注明哪些内容").hits
    assert hits and (hits[0].doc, hits[0].key) == ("bj-ipm", expected)
