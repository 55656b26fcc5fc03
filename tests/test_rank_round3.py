"""Ranking and reading, third round (issue 16). Questions written for these tests, not taken
from the eval sets; each failed on the code before the change it tests.

- Query expansion: an everyday word brings the standard's term (synonyms_zh.txt: 研发工程师 ->
  研发人员, 报商标 -> 商标注册). The term enters the keyword query with its words, not with a
  part that straddles two of them (发人 of 研发 / 人员, 标注 of 商标 / 注册): such a part is
  no word of the term and matches whatever else holds those two characters.

Expected terms come from the data files' own lines.
"""
from __future__ import annotations

import pytest

from assistant.retrieval.expansion import synonyms_zh


def group(term: str) -> tuple[str, ...]:
    """The everyday variants synonyms_zh.txt lists for a standard term."""
    return dict(synonyms_zh())[term]


# ---- 1. expanded terms enter the query with their words, not with straddling parts ----

@pytest.mark.parametrize("question, variant, term, words, straddling", [
    ("新来的研发工程师入职要签什么", "研发工程师", "研发人员", {"研发", "人员"}, "发人"),
    ("我们想报商标，公司内部要走什么审批", "报商标", "商标注册", {"商标", "注册"}, "标注"),
])
def test_an_expanded_term_brings_its_words_not_a_part_across_two_of_them(
        retriever, question, variant, term, words, straddling):
    assert variant in group(term)
    assert straddling in term and not any(straddling in w for w in words)
    query = retriever._query(question, "zh")
    assert term in query.tokens or words <= set(query.tokens)
    assert words <= set(query.pairs)
    assert straddling not in query.tokens
    assert straddling not in query.pairs


def test_the_words_of_a_long_term_stay_and_pairs_across_them_go(retriever):
    # 知识产权管理体系 (管理体系 = 贯标, ...): 知识 / 产权 / 管理 / 体系, no 权管 nor 理体
    assert "贯标" in group("管理体系")
    tokenizer = retriever.lexical.tokenizer
    assert {"知识", "产权", "管理", "体系"} <= set(tokenizer.term_tokens("知识产权管理体系"))
    pairs = tokenizer.term_pairs("知识产权管理体系")
    assert {"知识", "产权", "管理", "体系"} <= set(pairs) and not {"权管", "理体"} & set(pairs)
