"""CLI input: hostile questions, clause numbers, files and settings given to `ipms` as a user
would type them. Survived: a one-line error and exit 2 for bad input, or the right answer for
input that is odd but fair (a BOM, full-width digits)."""
from __future__ import annotations

import json
import os

from evals.reliability.lab import Attack, Lab, Outcome


def _refused(*args: str, env: dict[str, str] | None = None, built: bool = True,
             stdin: str | None = None):
    def run(lab: Lab) -> Outcome:
        home = lab.built_home() if built else lab.empty_home()
        return lab.cli(*args, home=home, env=env, stdin=stdin, timeout=60).refused_cleanly()
    return run


def _raw_argv(question: bytes):
    """A question whose bytes are not UTF-8 (what a terminal in another encoding sends)."""
    def run(lab: Lab) -> Outcome:
        home = lab.built_home()
        return lab.cli("ask", os.fsdecode(question), home=home).refused_cleanly()
    return run


def _jsonl(content: bytes, expect_ok: bool):
    def run(lab: Lab) -> Outcome:
        home = lab.built_home()
        path = lab.folder("jsonl") / "questions.jsonl"
        path.write_bytes(content)
        result = lab.cli("ask", "--jsonl", str(path), home=home)
        if not expect_ok:
            return result.refused_cleanly()
        if result.code != 0:
            return result.succeeded()
        answers = [json.loads(line) for line in result.out.splitlines() if line.strip()]
        plain = lab.cli("ask", "--json", "4.3.2", home=home)
        want = json.loads(plain.out) if plain.code == 0 else None
        if not answers or answers[0] != want:
            return Outcome(False, "the answer differs from the same question asked plainly")
        return Outcome(True)
    return run


def _same_as(args: tuple[str, ...], reference: tuple[str, ...]):
    """Odd but fair input must give what the plain form gives."""
    def run(lab: Lab) -> Outcome:
        home = lab.built_home()
        got, want = lab.cli(*args, home=home), lab.cli(*reference, home=home)
        if got.code != 0 or want.code != 0:
            return Outcome(False, f"exit {got.code} / {want.code}: {got.err.strip()[:100]}")
        return Outcome(got.out == want.out, "" if got.out == want.out else "output differs")
    return run


def _file_argument(command: tuple[str, ...], content: bytes | None, name: str = "input.txt"):
    """A command given a file that is missing (content None), a folder (b'/'), or junk."""
    def run(lab: Lab) -> Outcome:
        folder = lab.folder("files")
        path = folder / name
        if content == b"/":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content)
        return lab.cli(*command, str(path), home=lab.built_home()).refused_cleanly()
    return run


def _home_is_a_file(lab: Lab) -> Outcome:
    path = lab.folder("home-file") / "home"
    path.write_text("not a folder")
    return lab.cli("ask", "4.3.2", env={"IPMS_HOME": str(path)}).refused_cleanly()


def attacks() -> list[Attack]:
    questions = {
        "empty question": ("",),
        "blank question": ("   \t ",),
        "punctuation only": ("？？？!!!...",),
        "emoji only": ("😀😀😀",),
        "zero-width only": ("\u200b\u200b\u200c",),
        "control characters only": ("\x01\x02\x03\x07\x1b",),
        "question over the limit": ("知识产权" * 1000,),
        "question of 100 000 characters": ("a" * 100_000,),
        "unknown --doc": ("培训", "--doc", "no-such-doc"),
        "--doc with a path": ("培训", "--doc", "../../etc/passwd"),
        "--doc with a line break": ("培训", "--doc", "bj-ipm\nevil"),
        "question and --jsonl both": ("培训", "--jsonl", "x.jsonl"),
        "neither question nor --jsonl": (),
    }
    out = [Attack(f"ask: {name}", _refused("ask", *args)) for name, args in questions.items()]
    out += [
        Attack("ask: invalid UTF-8 bytes in argv", _raw_argv(b"\xff\xfe\xfd training")),
        Attack("ask: a lone surrogate's bytes in argv", _raw_argv(b"\xed\xa0\x80 IP")),
        Attack("ask: GBK bytes in a UTF-8 argv", _raw_argv("知识产权培训".encode("gbk"))),
        Attack("ask --jsonl: UTF-8 BOM before the first question",
               _jsonl(b"\xef\xbb\xbf4.3.2\n", expect_ok=True)),
        Attack("ask --jsonl: BOM and a JSON line",
               _jsonl(b'\xef\xbb\xbf{"question": "4.3.2"}\n', expect_ok=True)),
        Attack("ask --jsonl: UTF-16 file", _jsonl("4.3.2\n".encode("utf-16"), expect_ok=False)),
        Attack("ask --jsonl: binary file", _jsonl(bytes(range(256)) * 4, expect_ok=False)),
        Attack("ask --jsonl: empty file", _jsonl(b"", expect_ok=False)),
        Attack("ask --jsonl: blank lines only", _jsonl(b"\n\n  \n", expect_ok=False)),
        Attack("ask --jsonl: broken JSON line", _jsonl(b'{"question": \n', expect_ok=False)),
        Attack("ask --jsonl: question is a number", _jsonl(b'{"question": 5}\n', expect_ok=False)),
        Attack("ask --jsonl: a NUL-only line", _jsonl(b"\x00\x00\n", expect_ok=False)),
        Attack("ask --jsonl: missing file", _file_argument(("ask", "--jsonl"), None)),
        Attack("ask --jsonl: a folder", _file_argument(("ask", "--jsonl"), b"/")),
    ]
    clauses = {
        "empty number": ("",),
        "path as a number": ("../../etc/passwd",),
        "nonexistent clause": ("99.99",),
        "huge number": ("4.3.2" * 1000,),
        "number with a line break": ("4.3\n.2",),
        "negative number": ("-1",),
        "float overflow": ("1e308",),
        "double dot": ("4..3",),
        "chapter ten thousand": ("第一万章",),
        "unknown --doc": ("4.3.2", "--doc", "nope"),
        "bad --lang": ("4.3.2", "--lang", "fr"),
        "surrogate in a number": (os.fsdecode(b"4.3.\xff"),),
    }
    out += [Attack(f"clause: {name}", _refused("clause", *args)) for name, args in clauses.items()]
    out += [Attack("clause: full-width digits are the same clause",
                   _same_as(("clause", "４．３．２"), ("clause", "4.3.2"))),
            Attack("clause: 第4.3.2条 is the same clause",
                   _same_as(("clause", "第4.3.2条"), ("clause", "4.3.2")))]
    settings = {
        "IPMS_LLM_TIMEOUT=abc": {"IPMS_LLM_TIMEOUT": "abc"},
        "IPMS_LLM_TIMEOUT=-5": {"IPMS_LLM_TIMEOUT": "-5"},
        "IPMS_LLM_TIMEOUT=0": {"IPMS_LLM_TIMEOUT": "0"},
        "IPMS_LLM_RETRIES=-1": {"IPMS_LLM_RETRIES": "-1"},
        "IPMS_LLM_RETRIES=many": {"IPMS_LLM_RETRIES": "many"},
        "IPMS_LLM_TEMPERATURE=hot": {"IPMS_LLM_TEMPERATURE": "hot"},
        "IPMS_MAX_QUESTION_CHARS=0": {"IPMS_MAX_QUESTION_CHARS": "0"},
        "IPMS_RETRIEVAL__TOP_K=0": {"IPMS_RETRIEVAL__TOP_K": "0"},
        "IPMS_RETRIEVAL__TOP_K=abc": {"IPMS_RETRIEVAL__TOP_K": "abc"},
        "IPMS_RETRIEVAL as broken JSON": {"IPMS_RETRIEVAL": "{top_k: "},
        "IPMS_RETRIEVAL with an unknown key": {"IPMS_RETRIEVAL": '{"bogus": 1}'},
        "IPMS_LLM_PROVIDER unknown": {"IPMS_LLM_PROVIDER": "skynet", "IPMS_LLM_MODEL": "x"},
        "IPMS_LLM_PROVIDER without a model": {"IPMS_LLM_PROVIDER": "openai"},
        "IPMS_HOME empty": {"IPMS_HOME": ""},
        "IPMS_CORPUS_DIR missing": {"IPMS_CORPUS_DIR": "/nonexistent/ipms-corpus"},
        "IPMS_EMBEDDING_MODEL missing": {"IPMS_EMBEDDING_MODEL": "/nonexistent/model"},
    }
    out += [Attack(f"settings: {name}", _refused("ask", "what is the IP policy", env=env,
                                                 built=False))
            for name, env in settings.items()]
    out += [Attack("settings: IPMS_HOME is a file", _home_is_a_file)]
    out += [
        Attack("eval: set name with a path", _refused("eval", "--set", "../..", "--no-reference")),
        Attack("eval: unknown set", _refused("eval", "--set", "nope", "--no-reference")),
        Attack("eval: bad split", _refused("eval", "--split", "train")),
        Attack("bench: missing questions file", _file_argument(("bench", "--questions"), None)),
        Attack("intake check: missing file", _file_argument(("intake", "check"), None)),
        Attack("intake check: a folder", _file_argument(("intake", "check"), b"/")),
        Attack("intake check: binary file", _file_argument(("intake", "check"),
                                                           bytes(range(256)), "intake.yaml")),
        Attack("unknown command", _refused("frobnicate")),
        Attack("unknown option", _refused("ask", "--frobnicate", "x")),
    ]
    return out
