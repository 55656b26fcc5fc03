"""Hostile and odd input to the command line: bad settings name their variable, text that is not
UTF-8 is refused, a BOM is not part of a question, and every error is one line."""
from __future__ import annotations

import errno
import json
import os

import pytest

from assistant.cli import one_line
from assistant.errors import describe_os_error


def _one_line_refusal(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1 and "Traceback" not in err and "internal error" not in err, err
    return lines[0]


@pytest.mark.parametrize("variable, value", [
    ("IPMS_LLM_TIMEOUT", "abc"),
    ("IPMS_LLM_TIMEOUT", "-5"),
    ("IPMS_LLM_RETRIES", "-1"),
    ("IPMS_LLM_TEMPERATURE", "hot"),
    ("IPMS_MAX_QUESTION_CHARS", "0"),
    ("IPMS_RETRIEVAL__TOP_K", "0"),
])
def test_a_bad_setting_is_one_line_naming_its_variable(run_cli, variable, value):
    code, _, err = run_cli("clause", "4.3.2", extra_env={variable: value})
    assert variable in _one_line_refusal(code, err)


def test_a_home_that_is_a_file_is_refused(run_cli, tmp_path):
    home = tmp_path / "home-file"
    home.write_text("x")
    code, _, err = run_cli("clause", "4.3.2", extra_env={"IPMS_HOME": str(home)})
    assert "IPMS_HOME" in _one_line_refusal(code, err)


@pytest.mark.parametrize("raw", [b"\xff\xfe training", b"\xed\xa0\x80 IP", "培训".encode("gbk")])
def test_a_question_that_is_not_utf8_is_refused(run_cli, raw):
    code, _, err = run_cli("ask", os.fsdecode(raw))
    assert "UTF-8" in _one_line_refusal(code, err)


@pytest.mark.parametrize("question", ["\x01\x02\x07", "\u200b\u200c\ufeff"])
def test_a_question_of_invisible_characters_is_empty(run_cli, question):
    _one_line_refusal(*run_cli("ask", question)[::2])


def test_a_bom_is_not_part_of_the_first_question(run_cli, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_bytes("\ufeff4.3.2\n".encode("utf-8"))
    code, out, err = run_cli("ask", "--jsonl", str(path))
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["question"] == "4.3.2"


def test_a_batch_error_record_does_not_echo_a_huge_question(run_cli, tmp_path):
    """A 300,000-character line in `ask --jsonl` is refused in its record, which shows the
    question's start and its length, not the whole of it (a tryout got a 900 KB output line)."""
    huge = "知识产权培训" * 50_000
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": huge}, ensure_ascii=False) + "\n4.3.2\n",
                    encoding="utf-8")
    code, out, err = run_cli("ask", "--jsonl", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1
    refused, answered = (json.loads(line) for line in out.splitlines())
    assert len(json.dumps(refused, ensure_ascii=False)) < 1_000
    assert refused["question"].startswith("知识产权培训") and refused["question"].endswith("…")
    assert refused["question_chars"] == len(huge) and refused["line"] == 1
    assert "error" in refused and answered["question"] == "4.3.2"


def test_an_error_echoing_a_line_break_stays_one_line(run_cli):
    _one_line_refusal(*run_cli("ask", "培训", "--doc", "bj-ipm\nevil")[::2])


def test_an_eval_set_name_cannot_leave_the_sets_folder(run_cli):
    code, _, err = run_cli("eval", "--set", "../..", "--no-reference")
    assert "unknown eval set" in _one_line_refusal(code, err)


def test_one_line_flattens_shortens_and_escapes():
    assert one_line("a\nb\r\n\tc") == "a b c"
    assert len(one_line("x" * 10_000)) == 400
    assert one_line("bad \udcff byte") == "bad \\udcff byte"


def test_os_errors_are_said_in_plain_words():
    assert describe_os_error(OSError(errno.ENOSPC, "No space", "/x/lexical.json")) == \
        "the disk is full: /x/lexical.json"
    assert describe_os_error(OSError(errno.EROFS, "ro")).startswith("the folder is on a read-only")


def test_the_first_question_says_the_index_is_being_built(tmp_path):
    """The first question on a fresh home waits for the index (minutes on a busy machine): one
    line on stderr says what is built and about how long, whether stderr is a terminal or a pipe
    (try13 fault 7: a script run took 2m19s in silence); stdout stays the parsed JSON, and a
    question on a built index says nothing."""
    import re
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(tmp_path / "home"), "IPMS_EMBEDDING_MODEL": "hashing",
                "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"})

    def ask() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "assistant.cli", "ask", "知识产权培训应该覆盖哪些人员",
                   "--json"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        json.loads(done.stdout)
        return done

    first = ask().stderr
    notices = [line for line in first.splitlines() if "building the search index" in line]
    assert len(notices) == 1, first
    assert re.search(r"\d+ passages", notices[0]) and re.search(r"minute|second", notices[0])
    assert "building the search index" not in ask().stderr  # built: nothing to wait for
