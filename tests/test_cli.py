"""The `ipms` command line, run as a subprocess: exit codes, one-line errors, JSON output."""
from __future__ import annotations

import json
import re

import pytest

from helpers import BJ_PATH, SHIPPED_IDS, non_blank_lines, squeeze, starts_with_number, the_line

# Answers, not the first build, are under test here: each test starts from a built index.
pytestmark = pytest.mark.usefixtures("indexed_home")

ANSWER_KEYS = {"question", "answer", "abstained", "citations"}
CITATION_KEYS = {"doc", "clause", "title", "quote", "translation"}


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code == 2, (code, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "Traceback" not in out


def test_clause_prints_the_subtree(run_cli):
    code, out, err = run_cli("clause", "4.3.2")
    assert code == 0, err
    assert "4.3.2.1" in out and "4.3.2.3" in out
    assert "对知识产权管理体系中的管理文件应确保：" in out
    assert out.index("4.3.2.1") < out.index("4.3.2.2") < out.index("4.3.2.3")


def test_clause_json(run_cli):
    code, out, err = run_cli("clause", "6.2.3", "--json")
    assert code == 0, err
    data = json.loads(out)
    titles = {c["title"] for c in data["clauses"] if c["clause"] == "6.2.3"}
    assert titles == {"其他知识产权管理制度", "保密管理制度"}


def test_clause_takes_the_document_id_first(run_cli):
    """`ipms clause gbt29490-2023 8.2` as a user types it, the id before the number (= --doc)."""
    code, out, err = run_cli("clause", "gbt29490-2023", "8.2")
    assert code == 0, err
    code2, out2, _ = run_cli("clause", "8.2", "--doc", "gbt29490-2023")
    assert out == out2 and "[gbt29490-2023 8.2]" in out


@pytest.mark.parametrize("args", [("clause", "a", "b", "c"),
                                  ("clause", "bj-ipm", "4.2.1", "--doc", "ipms-cert-en"),
                                  ("clause", "nosuch", "4.2.1")])
def test_clause_with_wrong_words_exits_2_with_one_line(run_cli, args):
    code, out, err = run_cli(*args)
    assert_one_line_error(code, out, err)


def test_missing_clause_exits_2_with_one_line(run_cli):
    code, out, err = run_cli("clause", "4.3.9")
    assert_one_line_error(code, out, err)
    assert "4.3.9" in err
    assert out == ""


def test_ask_json_has_the_exact_schema(run_cli):
    code, out, err = run_cli("ask", "第4.3.2条", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == ANSWER_KEYS
    assert data["question"] == "第4.3.2条" and data["abstained"] is False
    assert [c["clause"] for c in data["citations"]] == ["4.3.2.1", "4.3.2.2", "4.3.2.3"]
    for citation in data["citations"]:
        assert set(citation) == CITATION_KEYS and citation["doc"] == "bj-ipm"


def test_ask_plain_text(run_cli):
    code, out, err = run_cli("ask", "员工离职时要签什么协议")
    assert code == 0, err
    assert "[bj-ipm 7.3.2.5]" in out


def test_ask_jsonl_answers_each_line_in_order(run_cli, tmp_path):
    questions = ["第4.3.2条", "员工离职时要签什么协议", "what does clause 6.2.3 say", "如何做红烧肉",
                 "pilot objectives of ISO 56005"]
    lines = [questions[0], json.dumps({"question": questions[1]}, ensure_ascii=False), "",
             questions[2], json.dumps({"question": questions[3]}, ensure_ascii=False), "   ",
             questions[4]]
    source = tmp_path / "questions.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli("ask", "--jsonl", str(source))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in records] == questions
    for record in records:
        assert set(record) == ANSWER_KEYS
    assert [r["abstained"] for r in records] == [False, False, False, True, False]


def test_ask_jsonl_with_a_bad_line_answers_the_others_and_reports_it(run_cli, tmp_path):
    """Issue 16 (try8 §5): a bad line no longer refuses the batch; its record has the error."""
    source = tmp_path / "questions.jsonl"
    source.write_text("第4.3.2条\n{\"question\": \n", encoding="utf-8")
    code, out, err = run_cli("ask", "--jsonl", str(source))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["question"] == "第4.3.2条" and first["citations"]
    assert second["line"] == 2 and "line 2" in second["error"]
    assert re.search(r"\b2\b", err), err  # names the bad line


@pytest.mark.parametrize("args", [
    ["ask", ""],
    ["ask", "专" * 10_000],
    ["ask", "？？？！！"],
    ["ask", "第4.3.2条", "--doc", "nosuch"],
    ["ask", "--jsonl", "missing.txt"],
    ["ask"],
    ["clause", "not-a-number"],
    ["clause", "4.3.2", "--doc", "nosuch"],
    ["corpus", "check", "--doc", "nosuch"],
], ids=["empty", "10000-chars", "punctuation", "unknown-doc", "missing-jsonl", "no-question",
        "clause-word", "clause-unknown-doc", "check-unknown-doc"])
def test_bad_input_exits_2_with_one_line(run_cli, args):
    code, out, err = run_cli(*args)
    assert_one_line_error(code, out, err)


def test_clause_number_against_a_sections_document(run_cli):
    code, out, err = run_cli("ask", "第4.3.2条", "--doc", "impl-guide")
    assert code in (0, 2), err
    assert "internal error" not in err


def test_clause_command_finds_sections_by_label(run_cli):
    code, out, err = run_cli("clause", "3", "--doc", "iso56005-pilot")
    assert code == 0, err
    assert "Pilot content" in out


def test_corpus_check_lists_defects_with_line_numbers(run_cli):
    lines = non_blank_lines(BJ_PATH.read_text(encoding="utf-8"))
    expected = {("duplicate", n, [x for x, t in lines if starts_with_number(n)(t)][1])
                for n in ("6.2.3", "11.4.3.2", "11.4.2.3")}
    expected |= {("inferred", n, the_line(lines, lambda t, h=h: squeeze(t) == h))
                 for n, h in [("1", "范围"), ("2", "规范性引用文件"), ("3", "术语和定义"),
                              ("4", "知识产权管理体系"), ("13.3", "监督检查")]}
    expected |= {("unnumbered_heading", "10.2", the_line(lines, lambda t, h=h: t == h))
                 for h in ("司法保护", "行政保护", "仲裁与调解", "谈判")}
    code, out, err = run_cli("corpus", "check")
    assert code == 0, err
    found = {(m.group(2), m.group(3), int(m.group(1)))
             for m in re.finditer(r"line (\d+)\s+(\w+)\s+(\S+)", out)}
    assert expected <= found, sorted(expected - found)
    assert "bj-ipm" in out.splitlines()[0]


def test_corpus_list_lists_the_five_documents_and_the_profiles(run_cli):
    code, out, err = run_cli("corpus", "list")
    assert code == 0, err
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert [r[0] for r in rows if r[1] != "profile"] == SHIPPED_IDS
    # The standards known by structure only (corpus/profiles/*.yaml), their text not shipped.
    profiles = [line for line in out.splitlines() if line.split()[1:2] == ["profile"]]
    assert [p.split()[0] for p in profiles] == ["gbt29490-2013", "gbt29490-2023", "iso56005-2020"]
    assert all("text not in corpus" in p for p in profiles)


def test_version_and_help_exit_0(run_cli):
    assert run_cli("--version")[0] == 0
    code, out, _ = run_cli("--help")
    assert code == 0 and "ask" in out and "clause" in out


def test_a_command_that_fails_its_check_exits_non_zero(monkeypatch):
    """`ipms reliability` (and any command ending in click's Exit) passes its exit code on:
    CI runs it after pytest, and an attack not survived must fail the run."""
    from types import SimpleNamespace

    import evals.reliability.runner as runner
    from assistant.cli import main

    monkeypatch.setattr(runner, "run_suite", lambda *a, **k: [
        SimpleNamespace(survived=2, outcomes=[1, 2, 3])])
    assert main(["reliability"]) == 1
    monkeypatch.setattr(runner, "run_suite", lambda *a, **k: [
        SimpleNamespace(survived=3, outcomes=[1, 2, 3])])
    assert main(["reliability"]) == 0
