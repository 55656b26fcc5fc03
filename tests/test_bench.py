"""The bench's own helpers (not its timings): a child process measured alone, and the two
cold processes of the CPU comparison (the product's batch and the eval's reference system)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from assistant.bench import Figure, cpu_comparison, run_child

# Writes 160 MB (every page touched), burns 0.3 s of CPU, prints and exits with code 3.
HUNGRY = ("import sys, time\n"
          "block = b'x' * (160 * 1024 * 1024)\n"
          "start = time.process_time()\n"
          "while time.process_time() - start < 0.3:\n"
          "    pass\n"
          "print(len(block))\n"
          "sys.exit(3)\n")


def test_a_child_is_measured_alone():
    big = run_child([sys.executable, "-c", HUNGRY])
    assert (big.returncode, big.stdout.strip()) == (3, str(160 * 1024 * 1024))
    assert big.peak_mb >= 160 and big.cpu_s >= 0.3
    ballast = b"x" * (300 * 1024 * 1024)  # this process big, as a pytest worker can be
    small = run_child([sys.executable, "-c", "print('ok')"])
    # its own peak: not the largest of this process's children so far, nor this process's
    # size (Linux carries the exec'ing process's peak into a child's ru_maxrss)
    assert small.returncode == 0 and small.stdout == "ok\n" and small.peak_mb < 100
    del ballast


def test_a_child_past_its_timeout_is_killed():
    run = run_child([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert run.returncode == -9 and run.seconds < 10


def test_the_cpu_comparison_runs_both_cold_processes(indexed_home: Path, tmp_path: Path):
    questions = tmp_path / "questions.txt"
    questions.write_text("what does clause 4.3.2 require\n知识产权培训应该覆盖哪些人员\n",
                         encoding="utf-8")
    ours, reference = cpu_comparison(questions, indexed_home, dict(os.environ), runs=1)
    answers = [json.loads(line) for line in ours.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions.read_text(encoding="utf-8").split("\n")[:2]
    assert ours.cpu_s > 0 and reference.cpu_s > 0 and reference.returncode == 0


def test_figures_print_their_targets():
    assert Figure("warm latency p95", 61.0, "ms", 50.0).line(16) == \
        "warm latency p95      61.0 ms  target < 50 ms: MISSED"
    assert Figure("CPU ratio", 0.1, "x", 0.1).line(9) == "CPU ratio      0.10 x  target <= 0.1x: ok"
    assert Figure("index build", 2.5, "s").line(11) == "index build     2.500 s"
