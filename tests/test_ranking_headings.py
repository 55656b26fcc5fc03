"""Ranking among close candidates (issue 16): a heading with no text of its own is no answer
by itself; a descendant ranked close behind it comes first. Read from the texts:
corpus/cert-quality-2020.txt opens with its title line and then its lead paragraph (导语), which
says why the notice was issued; in corpus/bj-ipm.txt the line "8   知识产权风险管理" is followed
directly by 8.1, so chapter 8 has no text of its own."""
from __future__ import annotations

import pytest

from helpers import BJ_PATH, CORPUS_DIR

NOTICE = CORPUS_DIR / "cert-quality-2020.txt"


@pytest.mark.parametrize("question", [
    "2020年提升贯标认证质量的通知，出台目的是什么？",
    "国家知识产权局为什么要发这份提升贯标认证质量的通知？",
])
def test_a_notices_lead_paragraph_comes_before_its_bare_title(retriever, question):
    lines = [line for line in NOTICE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert "贯标认证质量" in lines[0] and "做好标准实施有效性检验工作" in lines[1]
    hits = retriever.search(question).hits
    assert (hits[0].doc, hits[0].key) == ("cert-quality-2020", "导语")


def _index(retriever, key: str) -> int:
    return retriever.clause_ids.index(("bj-ipm", key))


def test_a_descendant_passes_a_bare_heading_whatever_its_score(retriever):
    bj = [line.strip() for line in BJ_PATH.read_text(encoding="utf-8").splitlines()]
    assert bj[bj.index("8   知识产权风险管理") + 1].startswith("8.1")  # no text of its own
    chapter, control, other = _index(retriever, "8"), _index(retriever, "8.3"), _index(retriever, "4.1")
    ordered = [(chapter, 1.0), (other, 0.9), (control, 0.2)]
    assert retriever._text_first(ordered) == [(control, 0.2), (chapter, 1.0), (other, 0.9)]


def test_a_first_clause_with_text_or_no_descendant_near_stays(retriever):
    general, control = _index(retriever, "8.1"), _index(retriever, "8.3")
    assert retriever._text_first([(general, 1.0), (control, 0.9)]) == [(general, 1.0), (control, 0.9)]
    chapter, other = _index(retriever, "8"), _index(retriever, "4.1")
    assert retriever._text_first([(chapter, 1.0), (other, 0.9)]) == [(chapter, 1.0), (other, 0.9)]
