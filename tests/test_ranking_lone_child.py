"""Ranking (issue 16, near misses): a heading with no text of its own and a single clause under
it says what it names through that clause alone. bj-ipm 7.2.1 组织机构的职责 holds no text; its
one clause 7.2.1.1 (知识产权组织机构应：…) lists the duties. English questions about the IP
department's duties met the heading's title first and cited it, while 7.2.1.1 ranked outside
the top five, where the rule moving a ranked descendant ahead of a bare heading does not look
(Retriever._text_first). The lone clause now answers for its heading, ranked or not. The
heading and its clause are read from corpus/bj-ipm.txt."""
from __future__ import annotations

import re

import pytest

from helpers import BJ_PATH


def heading_and_lone_clause(title: str) -> tuple[str, str]:
    """The number of the bj-ipm heading titled `title` and of the one clause under it (the
    next numbered line, one level deeper), checked to have no text of the heading's own."""
    lines = [line.strip() for line in BJ_PATH.read_text(encoding="utf-8").splitlines()]
    for i, line in enumerate(lines):
        if (m := re.fullmatch(r"(\d+(?:\.\d+)+)\s*" + re.escape(title), line)):
            child = re.match(r"(\d+(?:\.\d+)+)", lines[i + 1])
            assert child and child[1].startswith(m[1] + "."), lines[i + 1]
            return m[1], child[1]
    raise AssertionError(title)


@pytest.mark.parametrize("question", [
    "What is the IP department responsible for?",
    "What does the IP organisation have to do under the standard?",
    "知识产权组织机构的职责有哪些",
])
def test_the_lone_clause_answers_for_its_bare_heading(retriever, question):
    heading, clause = heading_and_lone_clause("组织机构的职责")
    keys = [h.key for h in retriever.search(question).hits if h.doc == "bj-ipm"]
    assert keys and keys[0] == clause


def test_a_bare_heading_first_gives_way_to_its_lone_clause_ranked_or_not(retriever):
    # The ranking English questions got: the heading first, its clause outside the top five.
    heading, clause = heading_and_lone_clause("组织机构的职责")
    at = {cid: i for i, cid in enumerate(retriever.clause_ids)}
    others = [at[("bj-ipm", key)] for key in ("7.2", "7.2.2", "4.2", "7.1.1")]
    ordered = [(at[("bj-ipm", heading)], 0.05)] + [(c, 0.04 - i * 0.001)
                                                     for i, c in enumerate(others)]
    got = retriever._text_first(ordered)
    assert retriever.clause_ids[got[0][0]] == ("bj-ipm", clause)
    assert len(got) == len(ordered)
    assert ("bj-ipm", heading) in [retriever.clause_ids[c] for c, _ in got]
