"""Concurrency: processes asking while the index is rebuilt, parallel first-use asks on an empty
home (they must wait for one build and use it), `ipms index` while `ipms ask` runs, two builds at
once, and a long-lived answerer (what the web app holds) answering while `ipms index` runs in
another process. Survived when every process succeeds with the golden answers, and the
long-lived answerer moves to the new version without a failed answer."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

from evals.reliability.attacks.index_tools import (all_of, finished_golden, golden_file, run,
                                                   spawn_golden, version_dir)
from evals.reliability.lab import Attack, Lab, Outcome

ASKERS = 5


def _index_finished(proc: subprocess.Popen, timeout: float = 300) -> Outcome:
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Outcome(False, "index timed out")
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        return Outcome(False, f"index exit {proc.returncode}: {(lines or [''])[-1][:120]}")
    return Outcome(True)


def _asking_while_indexing(askers: int, index_first: bool, builds: int = 1,
                           empty: bool = False) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        lab.golden()  # computed before the clock starts
        home = lab.empty_home() if empty else lab.built_home()
        indexes, asks = [], []
        if index_first:
            indexes = [lab.spawn("index", home=home) for _ in range(builds)]
            time.sleep(0.3)
        asks = [spawn_golden(lab, home) for _ in range(askers)]
        if not index_first:
            time.sleep(0.3)
            indexes = [lab.spawn("index", home=home) for _ in range(builds)]
        outcomes = [finished_golden(lab, p) for p in asks] + [_index_finished(p) for p in indexes]
        failed = [o for o in outcomes if not o.survived]
        if failed:
            return Outcome(False, f"{len(failed)} of {len(outcomes)} processes failed: "
                                  f"{failed[0].detail}")
        return all_of(Outcome(True, f"{askers} asks and {builds} builds"), lab.matches_golden(home))
    return attack


def _first_use(askers: int, stagger: float) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        lab.golden()
        home = lab.empty_home()
        asks = []
        for _ in range(askers):
            asks.append(spawn_golden(lab, home))
            time.sleep(stagger)
        outcomes = [finished_golden(lab, p) for p in asks]
        failed = [o for o in outcomes if not o.survived]
        if failed:
            return Outcome(False, f"{len(failed)} of {askers} failed: {failed[0].detail}")
        versions = [p for p in (home / "index" / "versions").iterdir()
                    if not p.name.startswith(".")]
        if len(versions) != 1:
            return Outcome(False, f"{len(versions)} versions built for one corpus")
        return Outcome(True, "one build, used by all")
    return attack


# A long-lived answerer, as the web app holds one: answers the golden questions round after
# round until a stop file appears, printing each round's answers and the index version used.
_LONG_LIVED = """
import json, sys, time
from pathlib import Path
from assistant.corpus.store import Corpus
from assistant.llm.factory import make_answerer
from assistant.settings import Settings
settings = Settings()
answerer = make_answerer(settings, Corpus.load(settings))
questions = [q for q in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if q.strip()]
stop, rounds = Path(sys.argv[2]), 0
while True:
    last = stop.exists()
    answers = [answerer.answer(q).to_json() for q in questions]
    print(json.dumps({"answers": answers, "version": answerer.retriever.indexes.version},
                     ensure_ascii=False), flush=True)
    if last:
        break
    time.sleep(0.05)
"""


def _long_lived(builds: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        golden = lab.golden()
        home = lab.built_home()
        stop = lab.folder("stop") / "stop"
        proc = subprocess.Popen([sys.executable, "-c", _LONG_LIVED, str(golden_file(lab)),
                                 str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=lab.env(home), cwd=str(lab.root))
        try:
            time.sleep(1.0)
            results = [run(lab, "index", home=home) for _ in range(builds)]
        finally:
            stop.write_text("stop", encoding="utf-8")
        try:
            out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return Outcome(False, "the long-lived answerer did not stop")
        failed = [r for r in results if r.code != 0]
        if failed:
            return failed[0].succeeded()
        if proc.returncode != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            return Outcome(False, f"the answerer failed: {(lines or [''])[-1][:120]}")
        rounds = [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]
        wrong = [r for r in rounds if r["answers"] != golden]
        if wrong or not rounds:
            return Outcome(False, f"{len(wrong)} of {len(rounds)} rounds differ from golden")
        if rounds[-1]["version"] != version_dir(home).name:
            return Outcome(False, "the answerer kept the old version after the rebuild")
        return Outcome(True, f"{len(rounds)} rounds, {len({r['version'] for r in rounds})} "
                             "versions used")
    return attack


def attacks() -> list[Attack]:
    return [
        Attack(f"{ASKERS} asks while the index is rebuilt (index first)",
               _asking_while_indexing(ASKERS, index_first=True)),
        Attack(f"{ASKERS} asks while the index is rebuilt (asks first)",
               _asking_while_indexing(ASKERS, index_first=False)),
        Attack(f"{ASKERS} asks while two rebuilds run", _asking_while_indexing(ASKERS, True, 2)),
        Attack(f"{ASKERS} parallel first-use asks on an empty home", _first_use(ASKERS, 0.0)),
        Attack(f"{ASKERS} staggered first-use asks on an empty home", _first_use(ASKERS, 0.4)),
        Attack("index while ask", _asking_while_indexing(1, index_first=False)),
        Attack("first-use ask and index together on an empty home",
               _asking_while_indexing(1, index_first=False, empty=True)),
        Attack("a long-lived answerer (the web app) follows two rebuilds", _long_lived(2)),
    ]
