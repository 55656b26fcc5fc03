"""Where the suite's CPU goes: with CPU_LOG=<file> (read at start), each test phase (setup, call,
teardown) appends one tab-separated line to that file: node id, phase, CPU seconds of this
process, CPU seconds of the child processes it waited for (the CLI, LibreOffice), wall seconds.
Every xdist worker appends to the same file; CPU time is what CI's two cores pay, whatever else
runs on the machine. `python tests/cpu_log.py FILE` prints the files and tests that cost most."""
from __future__ import annotations

import os
import resource
import sys
import time
from collections import defaultdict

import pytest

_PATH = os.environ.get("CPU_LOG")  # read once: the tests' own fixtures change the environment


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def logged(item, phase: str):
    """A hookwrapper's body: log the CPU of what it wraps (when CPU_LOG is set)."""
    path = _PATH
    if not path:
        yield
        return
    (own0, kids0), wall0 = _cpu(), time.perf_counter()
    yield
    (own1, kids1), wall1 = _cpu(), time.perf_counter()
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{item.nodeid}\t{phase}\t{own1 - own0:.2f}\t{kids1 - kids0:.2f}\t"
                  f"{wall1 - wall0:.2f}\n")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield from logged(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield from logged(item, "teardown")


def report(path: str, top: int = 40) -> None:
    """Print the total CPU and the `top` costliest files and tests of a log."""
    by_file, by_test, total = defaultdict(float), defaultdict(float), 0.0
    with open(path, encoding="utf-8") as log:
        for line in log:
            node, _phase, own, kids, _wall = line.rstrip("\n").split("\t")
            cpu = float(own) + float(kids)
            total += cpu
            by_file[node.split("::")[0]] += cpu
            by_test[node] += cpu
    print(f"total CPU {total:.0f} s over {len(by_test)} tests")
    for name, table in (("files", by_file), ("tests", by_test)):
        print(f"-- costliest {name}")
        for key, cpu in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print(f"{cpu:8.1f}  {key}")


if __name__ == "__main__":
    report(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
