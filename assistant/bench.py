"""`ipms bench`: the figures the product promises, measured on this machine.

Whole-process figures run `ipms` as a fresh subprocess (so imports count) and read that child's
own resource usage when it ends (os.wait4): wall time, CPU time (user + sys) and peak resident
memory. Warm latency runs in this process after one warm-up question per language. Each timing
is the median of a few runs.

Side by side, the CPU time to answer every question of the question file from a cold process:
the product (`ipms ask --jsonl`, one process, on the index built above) against the naive
LangChain recipe the eval runs as its reference (evals/reference.py: splitter, the same
embeddings, Chroma), in a cold process that also builds its index in a temporary folder. Both
run with the same thread count (assistant/threads.py), so the ratio is the work, not threading.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import PROJECT_ROOT, Settings, load_settings

EN_QUESTION = "What are the objectives of the ISO 56005 pilot?"
ZH_QUESTION = "知识产权培训应该覆盖哪些人员"


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: wall `seconds`, `cpu_s` (user + system seconds of the child
    itself, all its threads), `peak_mb` (its maximum resident set, MB), exit code and output."""

    seconds: float
    cpu_s: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


# Runs a command and writes its own wall time, CPU time, peak RSS (KB) and exit code to a
# file. Linux counts, in a child's peak RSS, the memory of the process it was exec'd from (at
# exec the old address space's peak is carried over), so a command started straight from a big
# process (a pytest worker, a warm bench) would report that process's size; started from this
# small launcher it reports its own.
_LAUNCHER = """\
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as handle:
    json.dump([time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss, os.waitstatus_to_exitcode(status)], handle)
"""


def run_child(command: list[str], env: dict[str, str] | None = None,
              timeout: float | None = None) -> ChildRun:
    """Run `command` to its end and measure it alone: wall time (s), CPU (s) and peak memory
    (MB) of that process, through a small launcher (see _LAUNCHER). Output goes to temporary
    files, so a chatty child never stalls on a pipe. A child still running after `timeout`
    seconds is killed with its launcher (returncode -9, no figures)."""
    with tempfile.TemporaryDirectory(prefix="ipms-child-") as folder, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        figures = Path(folder) / "figures.json"
        start = time.perf_counter()
        launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(figures), *command],
                                    env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (launcher.pid, 9)) if timeout else None
        if timer:
            timer.start()
        try:
            launcher.wait()
        finally:
            if timer:
                timer.cancel()
        out.seek(0)
        err.seek(0)
        stdout, stderr = (f.read().decode("utf-8", "replace") for f in (out, err))
        if not figures.exists():  # killed, or the launcher itself failed
            code = launcher.returncode if launcher.returncode != 0 else -9
            return ChildRun(time.perf_counter() - start, 0.0, 0.0, code, stdout, stderr)
        seconds, cpu, peak_kb, code = json.loads(figures.read_text())
        return ChildRun(seconds, cpu, peak_kb / 1024, code, stdout, stderr)


def _ipms(args: list[str], env: dict[str, str]) -> ChildRun:
    run = run_child([sys.executable, "-m", "assistant.cli", *args], env)
    if run.returncode != 0:
        raise RuntimeError(f"ipms {' '.join(args)} failed: {run.stderr.strip()[-500:]}")
    return run


def _median_run(runs: int, fn: Callable[[], ChildRun]) -> ChildRun:
    """The run with the median wall time; its CPU and memory are the medians of all runs."""
    done = [fn() for _ in range(runs)]
    middle = sorted(done, key=lambda r: r.seconds)[(len(done) - 1) // 2]
    return ChildRun(middle.seconds, statistics.median(r.cpu_s for r in done),
                    statistics.median(r.peak_mb for r in done), middle.returncode,
                    middle.stdout, middle.stderr)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


@dataclass(frozen=True)
class Figure:
    """One printed figure: value in `unit` ('s', 'ms', 'MB', 'x'), and the target it must stay
    under (None: shown for information)."""

    name: str
    value: float
    unit: str
    target: float | None = None

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value <= self.target if self.unit == "x" else self.value < self.target

    def line(self, width: int) -> str:
        shown = f"{self.value:8.3f} s" if self.unit == "s" else (
            f"{self.value:8.2f} x" if self.unit == "x" else f"{self.value:8.1f} {self.unit}")
        if self.target is None:
            return f"{self.name:<{width}}  {shown}"
        bound = f"<= {self.target:g}x" if self.unit == "x" else f"< {self.target:g} {self.unit}"
        return f"{self.name:<{width}}  {shown}  target {bound}: {'ok' if self.met else 'MISSED'}"


def reference_child(questions_file: str) -> None:
    """In a cold process (`python -c`): the eval's reference system builds its index under
    IPMS_HOME and answers every question of the file. Threads as the product sets them."""
    settings = load_settings()
    from assistant.threads import setup_threads

    setup_threads(settings)
    from assistant.corpus.store import Corpus
    from evals.reference import ReferenceSystem

    questions = _questions(Path(questions_file))
    system = ReferenceSystem(settings, Corpus.load(settings))
    for question in questions:
        system.answer(question)


def _questions(path: Path) -> list[str]:
    return [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]


def cpu_comparison(questions_file: Path, home: Path, env: dict[str, str], runs: int = 3,
                   reference_runs: int = 1) -> tuple[ChildRun, ChildRun]:
    """(product, reference): CPU of answering every question of the file from a cold process.
    The product answers with `ipms ask --jsonl` on the index in `home` (median of `runs`); the
    reference builds its own index in a new temporary home each run (median of
    `reference_runs`: it is the longest figure)."""
    ours = _median_run(runs, lambda: _ipms(["ask", "--jsonl", str(questions_file)],
                                           {**env, "IPMS_HOME": str(home)}))

    def reference() -> ChildRun:
        with tempfile.TemporaryDirectory(prefix="ipms-bench-ref-") as scratch:
            run = run_child([sys.executable, "-c", "import sys; from assistant.bench import "
                             "reference_child; reference_child(sys.argv[1])", str(questions_file)],
                            {**env, "IPMS_HOME": scratch, "PYTHONPATH": os.pathsep.join(
                                filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))})
        if run.returncode != 0:
            raise RuntimeError(f"the reference system failed: {run.stderr.strip()[-500:]}")
        return run

    return ours, _median_run(reference_runs, reference)


def run_benchmark(questions_file: Path | None, echo: Callable[[str], None] = print,
                  runs: int = 3) -> dict[str, float]:
    """Measure and print every figure against its target; returns {name: value}."""
    questions_file = questions_file or PROJECT_ROOT / "evals" / "benchmark_questions.txt"
    questions = _questions(questions_file)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="ipms-bench-") as home:
        env = {**os.environ, "IPMS_HOME": home}
        settings = load_settings()
        from assistant.threads import thread_count

        echo(f"ipms bench — {os.cpu_count()} cores, {thread_count(settings)} threads a process, "
             f"embedding model {settings.embedding_model} ({settings.embedding_backend}), "
             f"{len(questions)} questions, median of {runs} runs")
        build = _ipms(["index"], env)
        figures += [Figure("index build (ipms index, whole process)", build.seconds, "s", 10.0),
                    Figure("index build: peak memory", build.peak_mb, "MB")]
        clause = _median_run(runs + 2, lambda: _ipms(["clause", "4.3.2"], env))
        figures.append(Figure("ipms clause 4.3.2 (whole process)", clause.seconds, "s", 1.0))
        for language, question in (("zh", ZH_QUESTION), ("en", EN_QUESTION)):
            first = _median_run(runs, lambda: _ipms(["ask", question], env))
            figures += [
                Figure(f"ipms ask, first answer, fresh process ({language})", first.seconds,
                       "s", 3.0),
                Figure(f"ipms ask, first answer, fresh process ({language}): peak memory",
                       first.peak_mb, "MB", 400.0)]
        intake = Path(home) / "intake.yaml"
        intake.write_text((PROJECT_ROOT / "generators" / "templates" / "intake.zh.yaml")
                          .read_text(encoding="utf-8"), encoding="utf-8")
        drafted = _median_run(runs, lambda: _ipms(
            ["draft", str(intake), "--out", str(Path(home) / "package"), "--force"], env))
        figures.append(Figure("ipms draft, whole package for the example company "
                              "(whole process)", drafted.seconds, "s", 10.0))

        ours, reference = cpu_comparison(questions_file, Path(home), env, runs)
        figures += [
            Figure(f"CPU, {len(questions)} questions from a cold process: ipms ask --jsonl",
                   ours.cpu_s, "s"),
            Figure(f"CPU, {len(questions)} questions from a cold process: reference "
                   "(builds its index)", reference.cpu_s, "s"),
            Figure("CPU ratio, ipms / reference", ours.cpu_s / reference.cpu_s, "x", 0.1)]

        latencies = _warm_latencies(Settings(home=Path(home)), questions)
        figures += [Figure("warm latency p50", _percentile(latencies, 0.5), "ms"),
                    Figure("warm latency p95", _percentile(latencies, 0.95), "ms", 50.0),
                    Figure("peak memory, in-process warm run", resource.getrusage(
                        resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")]

    width = max(len(f.name) for f in figures)
    for figure in figures:
        echo(figure.line(width))
    return {f.name: f.value for f in figures}


def _warm_latencies(settings: Settings, questions: list[str]) -> list[float]:
    """Milliseconds per question in this process, after a warm-up question in each language."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.store import Corpus
    from assistant.threads import setup_threads

    setup_threads(settings)
    answerer = ExtractiveAnswerer(settings, Corpus.load(settings))
    answerer.answer(ZH_QUESTION)  # warm-up: loads jieba and the indexes
    answerer.answer(EN_QUESTION)
    latencies = []
    for question in questions:
        start = time.perf_counter()
        answerer.answer(question)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies
