"""Run the reliability suite and print survived/total per category."""
from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from evals.reliability.attacks import CATEGORIES
from evals.reliability.lab import Lab, Outcome


@dataclass
class CategoryResult:
    name: str
    outcomes: list[tuple[str, Outcome]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def survived(self) -> int:
        return sum(1 for _, o in self.outcomes if o.survived)


def run_suite(only: list[str] | None = None, echo: Callable[[str], None] = print,
              lab: Lab | None = None, verbose: bool = False) -> list[CategoryResult]:
    """Run every attack of the chosen categories (all by default) in one lab.

    An attack that raises counts as not survived, with the exception named: the suite itself
    never stops half-way."""
    unknown = sorted(set(only or []) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(unknown)} (known: {', '.join(CATEGORIES)})")
    lab = lab or Lab()
    results = []
    try:
        for name, module_name in CATEGORIES.items():
            if only and name not in only:
                continue
            result = CategoryResult(name)
            start = time.perf_counter()
            for attack in importlib.import_module(module_name).attacks():
                try:
                    outcome = attack.run(lab)
                except Exception as exc:  # the suite reports, it does not crash
                    tail = traceback.format_exception_only(exc)[-1].strip()
                    outcome = Outcome(False, f"the attack raised {tail[:160]}")
                result.outcomes.append((attack.name, outcome))
                if verbose or not outcome.survived:
                    mark = "ok  " if outcome.survived else "FAIL"
                    echo(f"  {mark} {name} / {attack.name}: {outcome.detail}")
            result.seconds = time.perf_counter() - start
            echo(f"{name:<26} {result.survived:>4} / {len(result.outcomes):<4} survived"
                 f"  ({result.seconds:.1f} s)")
            results.append(result)
    finally:
        lab.close()
    survived = sum(r.survived for r in results)
    total = sum(len(r.outcomes) for r in results)
    echo(f"{'all categories':<26} {survived:>4} / {total:<4} survived")
    echo(f"reliability: {survived} passed, {total - survived} failed")
    return results
