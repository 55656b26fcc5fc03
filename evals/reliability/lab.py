"""The sandbox the attacks run in: throw-away data directories, the `ipms` command run as a user
runs it (a subprocess), and the golden answers every recovery is compared with.

The lab uses the hashing embedder unless told otherwise: the attacks test what happens to files,
processes and inputs, not ranking quality, and a cold process with the hashing embedder starts in
about a second instead of ten. The Chroma store, the lexical cache and every code path are real.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Questions whose answers must be the same after every recovery: a lookup, a Chinese and an
# English search, a missing clause.
GOLDEN_QUESTIONS = [
    "4.3.2",
    "知识产权培训应该覆盖哪些人员",
    "what does the standard say about IP training for employees",
    "第99.9条",
]


@dataclass(frozen=True)
class Outcome:
    """What one attack found: survived, and in a few words why not (or what held)."""

    survived: bool
    detail: str = ""


@dataclass(frozen=True)
class Attack:
    """One attack: a name unique within its category and the function that carries it out."""

    name: str
    run: Callable[["Lab"], Outcome]


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    def refused_cleanly(self) -> Outcome:
        """Survived when the command failed with exit code 2 and one line on stderr naming the
        problem: no traceback, no 'internal error', no success. The notice a first question
        gives before it builds the index (the build then failing) is progress, not the error."""
        from assistant.retrieval.indexes import NOTICE_START

        lines = [line for line in self.err.splitlines()
                 if line.strip() and not line.startswith(NOTICE_START)]
        if self.code == 0:
            return Outcome(False, "exit 0 (accepted)")
        if "Traceback" in self.err or "internal error" in self.err:
            return Outcome(False, f"exit {self.code}: {lines[-1][:120] if lines else ''}")
        if self.code != 2 or len(lines) != 1:
            return Outcome(False, f"exit {self.code}, {len(lines)} stderr lines: "
                                  f"{(lines or [''])[-1][:120]}")
        return Outcome(True, lines[0][:120])

    def succeeded(self) -> Outcome:
        if self.code == 0 and "Traceback" not in self.err:
            return Outcome(True)
        lines = [line for line in self.err.splitlines() if line.strip()]
        return Outcome(False, f"exit {self.code}: {(lines or [''])[-1][:120]}")


class Lab:
    """A working folder with a pristine, fully built data directory to copy from."""

    def __init__(self, root: Path | None = None, embedding_model: str = "hashing") -> None:
        self.root = Path(root or tempfile.mkdtemp(prefix="ipms-reliability-"))
        self.embedding_model = embedding_model
        self._pristine: Path | None = None
        self._golden: list[dict] | None = None
        self._count = 0

    def share(self, root: Path) -> "Lab":
        """A lab in `root` that copies this lab's pristine home and knows its golden answers
        (building both here first), so side-by-side workers build neither again."""
        self.golden()
        root.mkdir(parents=True, exist_ok=True)
        twin = Lab(root, self.embedding_model)
        twin._pristine, twin._golden = self._pristine, self._golden
        return twin

    # -- folders --------------------------------------------------------------------------------
    def folder(self, name: str = "work") -> Path:
        """A new empty folder inside the lab."""
        self._count += 1
        path = self.root / f"{self._count:04d}-{name}"
        path.mkdir(parents=True)
        return path

    def empty_home(self) -> Path:
        return self.folder("home")

    def built_home(self) -> Path:
        """A copy of a data directory whose index is already built."""
        if self._pristine is None:
            home = self.root / "pristine-home"
            result = self.cli("index", home=home, timeout=600)
            if result.code != 0:
                raise RuntimeError(f"the pristine index could not be built: {result.err}")
            self._pristine = home
        target = self.folder("home")
        shutil.copytree(self._pristine, target, dirs_exist_ok=True, symlinks=True)
        return target

    # -- the command line -------------------------------------------------------------------------
    def env(self, home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
        env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": self.embedding_model,
                    "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"})
        env.update(extra or {})
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "assistant.cli", *args]

    def cli(self, *args: str, home: Path | None = None, stdin: bytes | str | None = None,
            env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120) -> CliResult:
        """Run `ipms ARGS` in a subprocess; a timeout counts as exit code -9."""
        home = home or self.empty_home()
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        try:
            proc = subprocess.run(self.command(*args), input=data, capture_output=True,
                                  env=self.env(home, env), cwd=str(cwd or self.root),
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            return CliResult(-9, "", f"timed out after {timeout} s")
        return CliResult(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                         proc.stderr.decode("utf-8", "replace"))

    def spawn(self, *args: str, home: Path, env: dict[str, str] | None = None
              ) -> subprocess.Popen:
        """Start `ipms ARGS` without waiting (for kill -9 and concurrency attacks)."""
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=self.env(home, env),
                                cwd=str(self.root), start_new_session=True)

    # -- golden answers -------------------------------------------------------------------------
    def answers(self, home: Path, env: dict[str, str] | None = None) -> list[dict] | CliResult:
        """The answers to GOLDEN_QUESTIONS from this home (a CliResult when the command failed)."""
        questions = self.folder("questions") / "golden.jsonl"
        questions.write_text("\n".join(GOLDEN_QUESTIONS) + "\n", encoding="utf-8")
        result = self.cli("ask", "--jsonl", str(questions), home=home, env=env)
        if result.code != 0:
            return result
        return [json.loads(line) for line in result.out.splitlines() if line.strip()]

    def golden(self) -> list[dict]:
        if self._golden is None:
            answers = self.answers(self.built_home())
            if isinstance(answers, CliResult):
                raise RuntimeError(f"the golden answers could not be computed: {answers.err}")
            self._golden = answers
        return self._golden

    def matches_golden(self, home: Path, env: dict[str, str] | None = None) -> Outcome:
        """Survived when the home answers every golden question exactly as a pristine one does."""
        answers = self.answers(home, env)
        if isinstance(answers, CliResult):
            return Outcome(False, f"answering failed: {answers.succeeded().detail}")
        golden = self.golden()
        for got, want in zip(answers, golden):
            if got != want:
                return Outcome(False, f"answer to {want['question']!r} differs from the golden one")
        if len(answers) != len(golden):
            return Outcome(False, f"{len(answers)} answers for {len(golden)} questions")
        return Outcome(True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
