"""Run the reliability suite and print survived/total per category.

Categories are independent (each works in its own throw-away homes, web apps on their own free
ports), so with `jobs` > 1 they run side by side in worker processes: each worker runs whole
categories one after another, as the serial suite does, in a lab that copies one pristine home
built here. Each category's lines are printed when it is finished (in the usual order when
serial, as workers finish when side by side); the totals are the same either way."""
from __future__ import annotations

import importlib
import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from evals.reliability.attacks import CATEGORIES
from evals.reliability.lab import Lab, Outcome

# Rough seconds per category on two cores, so the longest start first and the workers finish
# together (a category missing here counts as short; the order changes nothing but the wait).
EXPECTED_SECONDS = {"concurrency": 100, "crash points": 100, "corrupted index": 95,
                    "web load": 75, "read-only and full disk": 70, "imports": 65,
                    "cli input": 55}


@dataclass
class CategoryResult:
    name: str
    outcomes: list[tuple[str, Outcome]] = field(default_factory=list)
    seconds: float = 0.0
    log: list[str] = field(default_factory=list)  # the FAIL (or, verbose, every) lines

    @property
    def survived(self) -> int:
        return sum(1 for _, o in self.outcomes if o.survived)


def run_category(name: str, lab: Lab, verbose: bool = False) -> CategoryResult:
    """Every attack of one category; an attack that raises counts as not survived, with the
    exception named."""
    result = CategoryResult(name)
    start = time.perf_counter()
    for attack in importlib.import_module(CATEGORIES[name]).attacks():
        try:
            outcome = attack.run(lab)
        except Exception as exc:  # the suite reports, it does not crash
            tail = traceback.format_exception_only(exc)[-1].strip()
            outcome = Outcome(False, f"the attack raised {tail[:160]}")
        result.outcomes.append((attack.name, outcome))
        if verbose or not outcome.survived:
            mark = "ok  " if outcome.survived else "FAIL"
            result.log.append(f"  {mark} {name} / {attack.name}: {outcome.detail}")
    result.seconds = time.perf_counter() - start
    return result


def run_suite(only: list[str] | None = None, echo: Callable[[str], None] = print,
              lab: Lab | None = None, verbose: bool = False, jobs: int = 1
              ) -> list[CategoryResult]:
    """Run every attack of the chosen categories (all by default), in `jobs` processes.

    The suite itself never stops half-way: a category whose worker dies counts as one attack
    not survived."""
    unknown = sorted(set(only or []) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(unknown)} (known: {', '.join(CATEGORIES)})")
    names = [name for name in CATEGORIES if not only or name in only]
    lab = lab or Lab()
    results = []
    try:
        for result in _results(names, lab, verbose, jobs):
            for line in result.log:
                echo(line)
            echo(f"{result.name:<26} {result.survived:>4} / {len(result.outcomes):<4} survived"
                 f"  ({result.seconds:.1f} s)")
            results.append(result)
    finally:
        _shutdown()
        lab.close()
    results.sort(key=lambda r: names.index(r.name))
    survived = sum(r.survived for r in results)
    total = sum(len(r.outcomes) for r in results)
    echo(f"{'all categories':<26} {survived:>4} / {total:<4} survived")
    echo(f"reliability: {survived} passed, {total - survived} failed")
    return results


def _results(names: list[str], lab: Lab, verbose: bool, jobs: int) -> Iterator[CategoryResult]:
    """Each category's result as it is finished: in order when serial, else as workers end."""
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield run_category(name, lab, verbose)
        return
    pending = _side_by_side(names, lab, verbose, jobs)
    for future in as_completed(pending):
        yield _collect(pending[future], future)


# -- side by side -----------------------------------------------------------------------------
_POOL: ProcessPoolExecutor | None = None
_WORKER_LAB: Lab | None = None


def _side_by_side(names: list[str], lab: Lab, verbose: bool, jobs: int
                  ) -> dict[Future, str]:
    """Start every category in a pool of `jobs` workers, longest first."""
    global _POOL
    shared = lab.share(lab.root / "workers")  # the pristine home and golden answers, built once
    _POOL = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                initializer=_start_worker, initargs=(shared,))
    order = sorted(names, key=lambda n: -EXPECTED_SECONDS.get(n, 0))
    return {_POOL.submit(_worker_category, name, verbose): name for name in order}


def _start_worker(shared: Lab) -> None:
    global _WORKER_LAB
    root = shared.root / f"worker-{multiprocessing.current_process().pid}"
    _WORKER_LAB = shared.share(root)


def _worker_category(name: str, verbose: bool) -> CategoryResult:
    from evals.reliability import web_lab

    assert _WORKER_LAB is not None
    try:
        return run_category(name, _WORKER_LAB, verbose)
    finally:
        web_lab.stop_all()  # a worker ends without atexit: stop any app the category left


def _collect(name: str, future: Future) -> CategoryResult:
    try:
        return future.result()
    except Exception as exc:  # the worker died (killed, out of memory): the category failed
        tail = traceback.format_exception_only(exc)[-1].strip()
        outcome = Outcome(False, f"the category's process failed: {tail[:160]}")
        return CategoryResult(name, [("the whole category", outcome)],
                              log=[f"  FAIL {name}: {outcome.detail}"])


def _shutdown() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL = None
