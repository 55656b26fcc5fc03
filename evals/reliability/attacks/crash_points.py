"""Crash points: kill -9 of `ipms index`, of a first-use `ipms ask` (which builds the index) and
of an `ipms ask` reading a built one, at chosen moments of the build (its folder made, the
tokens written, the vector store being filled, the manifest written, the version renamed) and
at random moments over several runs. Survived when the home then answers every golden question
exactly as a pristine one does, and a later `ipms index` leaves no debris."""
from __future__ import annotations

import random
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks.index_tools import (all_of, golden_file, leftovers, run,
                                                   wait_for)
from evals.reliability.lab import Attack, Lab, Outcome

RUNS_AT_RANDOM = 3  # per command; each run costs a few seconds
SEED = 13


def _builds(home: Path) -> list[Path]:
    versions = home / "index" / "versions"
    return list(versions.glob(".build-*")) if versions.is_dir() else []


def _versions(home: Path) -> int:
    versions = home / "index" / "versions"
    return len([p for p in versions.iterdir() if not p.name.startswith(".")]) \
        if versions.is_dir() else 0


# Moments of a build, as seen from outside: (name, predicate on the home).
PHASES: dict[str, Callable[[Path], bool]] = {
    "build folder made": lambda home: bool(_builds(home)),
    "tokens written": lambda home: any((b / "lexical.json").exists() for b in _builds(home)),
    "vector store begun": lambda home: any((b / "chroma" / "chroma.sqlite3").exists()
                                           for b in _builds(home)),
    "vector segment written": lambda home: any(list((b / "chroma").glob("*/header.bin"))
                                               for b in _builds(home) if (b / "chroma").is_dir()),
}


def _kill(proc: subprocess.Popen) -> bool:
    """kill -9; False when the process had already finished."""
    finished = proc.poll() is not None
    if not finished:
        proc.kill()
    proc.communicate()
    return not finished


def _recovered(lab: Lab, home: Path, killed: bool) -> Outcome:
    note = "killed mid-way" if killed else "finished before the kill"
    golden = lab.matches_golden(home)
    if not golden.survived:
        return Outcome(False, f"{note}; {golden.detail}")
    return Outcome(True, note)


def _kill_at_phase(command: str, phase: str) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.built_home() if command == "index" else lab.empty_home()
        if command == "index":
            before = _versions(home)
            predicate = PHASES.get(phase) or (lambda h: _versions(h) > before)
            proc = lab.spawn("index", home=home)
        else:
            predicate = PHASES[phase]
            proc = lab.spawn("ask", "--jsonl", str(golden_file(lab)), home=home)
        reached = wait_for(lambda: predicate(home), proc)
        killed = _kill(proc)
        if not reached:
            return Outcome(False, f"the build never reached '{phase}' (exit {proc.returncode})")
        return _recovered(lab, home, killed)
    return attack


def _kill_after(command: str, delay: float) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        built = command != "first-use ask"
        home = lab.built_home() if built else lab.empty_home()
        args = ("index",) if command == "index" else ("ask", "--jsonl", str(golden_file(lab)))
        proc = lab.spawn(*args, home=home)
        time.sleep(delay)
        return _recovered(lab, home, _kill(proc))
    return attack


def _killed_three_times(lab: Lab) -> Outcome:
    home = lab.built_home()
    for delay in (0.8, 1.6, 2.4):
        proc = lab.spawn("index", home=home)
        time.sleep(delay)
        _kill(proc)
    return _recovered(lab, home, True)


def _debris_cleared(lab: Lab) -> Outcome:
    home = lab.built_home()
    proc = lab.spawn("index", home=home)
    reached = wait_for(lambda: PHASES["tokens written"](home), proc)
    _kill(proc)
    if not reached or not leftovers(home):
        return Outcome(False, "the killed build left nothing to clear (the attack missed)")
    rebuilt = run(lab, "index", home=home)
    if rebuilt.code != 0:
        return rebuilt.succeeded()
    if leftovers(home):
        return Outcome(False, f"still there after a build: {leftovers(home)}")
    return all_of(Outcome(True, "unfinished build removed by the next one"),
                  lab.matches_golden(home))


def attacks() -> list[Attack]:
    rng = random.Random(SEED)
    out = [Attack(f"kill -9 index when {phase}", _kill_at_phase("index", phase))
           for phase in (*PHASES, "version renamed into place")]
    out += [Attack(f"kill -9 first-use ask when {phase}", _kill_at_phase("ask", phase))
            for phase in ("build folder made", "tokens written", "vector store begun")]
    for command, span in (("index", 4.0), ("first-use ask", 5.0), ("ask", 3.0)):
        runs = RUNS_AT_RANDOM if command != "ask" else 1
        for delay in sorted(round(rng.uniform(0.05, span), 2) for _ in range(runs)):
            out.append(Attack(f"kill -9 {command} after {delay:.2f} s", _kill_after(command, delay)))
    out.append(Attack("kill -9 index three times in a row", _killed_three_times))
    out.append(Attack("a killed build's folder is removed by the next build", _debris_cleared))
    return out
