"""`ipms bench`: the figures the product promises, measured on this machine.

Whole-process timings run `ipms` as a fresh subprocess (so imports count); warm latency runs
in-process after one warm-up question per language. Each timing is the median of a few runs.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.settings import PROJECT_ROOT, Settings, load_settings

TARGETS = {  # figure -> (target, unit)
    "index build (ipms index, whole process)": (30.0, "s"),
    "ipms clause 4.3.2 (whole process)": (1.0, "s"),
    "ipms ask, first answer, fresh process (zh)": (8.0, "s"),
    "ipms ask, first answer, fresh process (en)": (8.0, "s"),
    "ipms draft, whole package for the example company (whole process)": (10.0, "s"),
    "warm latency p50": (None, "ms"),
    "warm latency p95": (100.0, "ms"),
}


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"ipms {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def _median_of(runs: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(runs))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run_benchmark(questions_file: Path | None, echo: Callable[[str], None] = print,
                  runs: int = 3) -> dict[str, float]:
    questions_file = questions_file or PROJECT_ROOT / "evals" / "benchmark_questions.txt"
    questions = [q.strip() for q in questions_file.read_text(encoding="utf-8").splitlines() if q.strip()]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ipms-bench-") as home:
        env = {**os.environ, "IPMS_HOME": home}
        echo(f"ipms bench — {os.cpu_count()} cores, embedding model "
             f"{load_settings().embedding_model}, {len(questions)} questions, median of {runs} runs")
        figures["index build (ipms index, whole process)"] = _run(["index"], env)
        figures["ipms clause 4.3.2 (whole process)"] = _median_of(
            runs + 2, lambda: _run(["clause", "4.3.2"], env))
        figures["ipms ask, first answer, fresh process (zh)"] = _median_of(
            runs, lambda: _run(["ask", "知识产权培训应该覆盖哪些人员"], env))
        figures["ipms ask, first answer, fresh process (en)"] = _median_of(
            runs, lambda: _run(["ask", "What are the objectives of the ISO 56005 pilot?"], env))
        intake = Path(home) / "intake.yaml"
        intake.write_text((PROJECT_ROOT / "generators" / "templates" / "intake.zh.yaml")
                          .read_text(encoding="utf-8"), encoding="utf-8")
        figures["ipms draft, whole package for the example company (whole process)"] = _median_of(
            runs, lambda: _run(["draft", str(intake), "--out", str(Path(home) / "package"),
                                "--force"], env))
        children_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        from assistant.answer.extractive import ExtractiveAnswerer
        from assistant.corpus.store import Corpus

        settings = Settings(home=Path(home))
        answerer = ExtractiveAnswerer(settings, Corpus.load(settings))
        answerer.answer("知识产权培训应该覆盖哪些人员")  # warm-up: loads jieba and the indexes
        answerer.answer("What are the objectives of the ISO 56005 pilot?")
        latencies = []
        for question in questions:
            start = time.perf_counter()
            answerer.answer(question)
            latencies.append((time.perf_counter() - start) * 1000)
        figures["warm latency p50"] = _percentile(latencies, 0.5)
        figures["warm latency p95"] = _percentile(latencies, 0.95)
        figures["peak memory, in-process run (MB)"] = resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["peak memory, largest ipms subprocess (MB)"] = children_peak_mb

    width = max(len(name) for name in figures)
    for name, value in figures.items():
        target, unit = TARGETS.get(name, (None, "MB"))
        shown = f"{value:8.3f} s" if unit == "s" else f"{value:8.1f} {unit}"
        verdict = "" if target is None else (
            f"  target < {target:g} {unit}: {'ok' if value < target else 'MISSED'}")
        echo(f"{name:<{width}}  {shown}{verdict}")
    return figures
