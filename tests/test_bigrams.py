"""Chinese character pairs in the BM25 index: a word the segmenter splits wrongly (入职时 → 入 /
职时 in jieba's own dictionary) still meets the clause whose text has it. The clauses are read
from corpus/bj-ipm.txt as a reader finds them: the heading line and the line after it."""
from __future__ import annotations

import re

import pytest

from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.tokenize import Tokenizer, bigrams
from assistant.retrieval.units import IndexUnit
from helpers import BJ_PATH


def _clause_titled(title: str) -> tuple[str, str]:
    """(number, heading and body) of the bj-ipm clause whose heading line ends in `title`."""
    lines = BJ_PATH.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        match = re.fullmatch(r"(\d+(?:\.\d+)+)\s*" + re.escape(title), line.strip())
        if match:
            return match[1], f"{line}\n{lines[i + 1]}"
    raise AssertionError(f"no clause titled {title} in {BJ_PATH}")


def test_pairs_of_a_chinese_run():
    assert bigrams("入职时") == ["入职", "职时"]
    # function words (stopwords_zh.txt) and pairs holding a particle are not indexed
    assert bigrams("做什么") == ["做什"]
    assert "的知" not in bigrams("员工的知识产权")
    assert bigrams("What does clause 4.3.2 require?") == []
    # full-width forms are folded like the words are
    assert bigrams("入职，培训") == ["入职", "培训"]


@pytest.fixture(scope="module")
def hr_clauses():
    """A BM25 index over the human-resources clauses of bj-ipm, tokenized with jieba's own
    dictionary only (neither titles nor the field's terms added, as for a user's standard whose
    words we do not list), so 入职时 is cut as 入 / 职时."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("assistant.retrieval.tokenize.domain_terms_zh", lambda: ())
        tokenizer = Tokenizer()
        units = [IndexUnit("bj-ipm", *_clause_titled(title)) for title in
                 ("最高管理者", "知识产权管理人员", "入职", "离职", "激励", "培训")]
        index = LexicalIndex.compute(units, tokenizer)  # jieba is loaded here, without them
    return index, units


def test_a_wrong_word_split_still_meets_the_clause(hr_clauses):
    index, units = hr_clauses
    question = "新员工入职时要做什么"
    words = index.tokenizer.tokens(question)
    assert "入职" not in words  # the segmentation fault this guards against
    hiring = [u.key for u in units].index(_clause_titled("入职")[0])
    assert hiring not in [i for i, _ in index.search(words, 5)[:1]]  # words alone miss it
    ranked = index.search(words, 5, pairs=bigrams(question), pair_weight=0.2)
    assert ranked[0][0] == hiring


def test_pairs_change_nothing_without_a_weight(hr_clauses):
    index, _ = hr_clauses
    question = "入职时知识产权方面要做什么"
    words = index.tokenizer.tokens(question)
    assert index.search(words, 5, pairs=bigrams(question), pair_weight=0.0) == \
        index.search(words, 5)


def test_an_english_corpus_has_no_pairs():
    units = [IndexUnit("d", "1", "patent licence"), IndexUnit("d", "2", "trademark filing")]
    index = LexicalIndex(units, [["patent", "licens"], ["trademark", "file"]], tokenizer=None)
    assert index.bigram_postings() is None
    assert index.search(["patent"], 5, pairs=["专利"], pair_weight=1.0) == \
        index.search(["patent"], 5)
