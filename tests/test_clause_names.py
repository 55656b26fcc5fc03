"""How answers name clauses that carry their own word (articles 第三条, annexes 附录A / A.1), how
printed notice labels are looked up, and which letter-dotted tokens are annex clauses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer.extractive import clause_name
from assistant.retrieval.router import find_clause_numbers

SAMPLES = Path(__file__).parent / "data" / "sample_standard"


@pytest.mark.parametrize("number, zh, en", [
    ("4.3.2", "第4.3.2条", "Clause 4.3.2"),
    ("第三条", "第三条", "第三条"),
    ("A", "附录A", "Annex A"),
    ("A.1", "A.1", "Clause A.1"),
])
def test_clause_names(number, zh, en):
    assert clause_name(number, "zh")["clause"] == zh
    assert clause_name(number, "en")["clause"] == en


def test_an_article_is_not_named_twice_in_an_answer(run_cli):
    code, _, err = run_cli("corpus", "add", str(SAMPLES / "rules.txt"), "--id", "demo-rules",
                           "--title", "知识产权管理办法（示例）")
    assert code == 0, err
    code, out, err = run_cli("ask", "第三条", "--doc", "demo-rules", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert "第第" not in answer["answer"] and "条条" not in answer["answer"]
    assert answer["citations"][0]["clause"] == "第三条"
    assert "归口管理" in answer["citations"][0]["quote"]


def test_a_notice_label_is_looked_up_as_printed(run_cli):
    code, _, err = run_cli("corpus", "add", str(SAMPLES / "notice.txt"), "--id", "demo-notice",
                           "--title", "关于贯标工作的通知（示例）", "--kind", "notice")
    assert code == 0, err
    code, out, err = run_cli("clause", "二（二）", "--doc", "demo-notice", "--json")
    assert code == 0, err
    assert json.loads(out)["clauses"][0]["clause"] == "二（二）"


@pytest.mark.parametrize("question, numbers", [
    ("what is plan B.2 in our project", []),
    ("annex A.1 requirements", ["A.1"]),
    ("A.1规定了什么", ["A.1"]),
    ("表A.1有哪些栏目", []),
])
def test_letter_dotted_tokens(question, numbers):
    assert find_clause_numbers(question) == numbers
