"""Read-only and full disk. A built data directory without write permission must answer every
golden question exactly (caches are skipped, the vector store is read through a private copy),
and the commands that must write (`ipms index`, `corpus add`, a rebuild) must say so in one line.
A full disk (RLIMIT_FSIZE in the child: writes past the limit fail with EFBIG) must give one
line naming it, leave the index and corpus as they were, and nothing half-written.

Permission: as root, modes do not bind, so the home is given to nobody and the child runs as
root without the capabilities that override file permissions (see index_tools)."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks.index_tools import (all_of, full_disk, give_back, golden_file,
                                                   leftovers, no_write_permission, run,
                                                   version_dir)
from evals.reliability.lab import Attack, CliResult, Lab, Outcome

LIMITS = (0, 65536, 1_000_000)  # bytes a file may reach
WIDGET = "\n".join(["Widget Standard", "1 Scope", "This standard covers widget licensing.",
                    "1.1 Licensing", "Enterprises shall register every widget licence.",
                    "2 Review", "Widget licences shall be reviewed every year.", ""])


def _golden_answers(lab: Lab, result: CliResult) -> Outcome:
    if result.code != 0:
        return result.succeeded()
    answers = [json.loads(line) for line in result.out.splitlines() if line.strip()]
    if answers != lab.golden():
        return Outcome(False, "answers differ from the golden ones")
    return Outcome(True)


def _says(result: CliResult, *words: str) -> Outcome:
    """Refused in one line that names the problem."""
    refused = result.refused_cleanly()
    if refused.survived and not any(w in result.err for w in words):
        return Outcome(False, f"one line, but not about the disk: {refused.detail}")
    return refused


def _ask(lab: Lab, home: Path, preexec) -> CliResult:
    return run(lab, "ask", "--jsonl", str(golden_file(lab)), home=home, preexec=preexec)


# -- no write permission ----------------------------------------------------------------------
def _read_only(prepare: Callable[[Path], None] | None,
               check: Callable[[Lab, Path, Callable], Outcome], empty: bool = False
               ) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.empty_home() if empty else lab.built_home()
        if prepare:
            prepare(home)
        preexec = no_write_permission(home)
        try:
            return check(lab, home, preexec)
        finally:
            give_back(home)
    return attack


def _answers(lab: Lab, home: Path, preexec) -> Outcome:
    return _golden_answers(lab, _ask(lab, home, preexec))


def _index_refused(lab: Lab, home: Path, preexec) -> Outcome:
    before = version_dir(home).name
    outcome = _says(run(lab, "index", home=home, preexec=preexec), "not writable")
    if outcome.survived and version_dir(home).name != before:
        return Outcome(False, "the pointer moved")
    return outcome


def _rebuild_refused(lab: Lab, home: Path, preexec) -> Outcome:
    return _says(_ask(lab, home, preexec), "not writable")


def _add_refused(lab: Lab, home: Path, preexec) -> Outcome:
    source = lab.folder("input") / "widget.txt"
    source.write_text(WIDGET, encoding="utf-8")
    return _says(run(lab, "corpus", "add", str(source), "--id", "widget-std", "--title",
                     "Widget Standard", home=home, preexec=preexec),
                 "not writable", "read-only", "ermission", "cannot write", "can't write")


def _light_commands(lab: Lab, home: Path, preexec) -> Outcome:
    return all_of(run(lab, "clause", "4.3.2", home=home, preexec=preexec).succeeded(),
                  run(lab, "corpus", "list", home=home, preexec=preexec).succeeded())


def _no_cache(home: Path) -> None:
    shutil.rmtree(home / "cache", ignore_errors=True)


def _damaged_tokens(home: Path) -> None:
    (version_dir(home) / "lexical.json").write_text("{}", encoding="utf-8")


# -- full disk --------------------------------------------------------------------------------
def _index_on_full_disk(limit: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.built_home()
        before = version_dir(home).name
        outcome = _says(run(lab, "index", home=home, preexec=full_disk(limit)),
                        "no space left", "disk is full")
        if not outcome.survived:
            return outcome
        if version_dir(home).name != before:
            return Outcome(False, "the pointer moved to a version written on a full disk")
        if leftovers(home):
            return Outcome(False, f"half-written: {leftovers(home)}")
        return all_of(outcome, lab.matches_golden(home))
    return attack


def _first_use_on_full_disk(limit: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.empty_home()
        result = _ask(lab, home, full_disk(limit))
        outcome = (_golden_answers(lab, result) if result.code == 0
                   else _says(result, "no space left", "disk is full"))
        if not outcome.survived:
            return outcome
        if leftovers(home):
            return Outcome(False, f"half-written: {leftovers(home)}")
        return all_of(outcome, lab.matches_golden(home))
    return attack


def _ask_on_full_disk(limit: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.built_home()
        result = _ask(lab, home, full_disk(limit))
        outcome = (_golden_answers(lab, result) if result.code == 0
                   else _says(result, "no space left", "disk is full"))
        return all_of(outcome, lab.matches_golden(home))
    return attack


def _add_on_full_disk(limit: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.built_home()
        source = lab.folder("input") / "widget.txt"
        source.write_text(WIDGET * 400, encoding="utf-8")
        listed = run(lab, "corpus", "list", home=home).out
        outcome = _says(run(lab, "corpus", "add", str(source), "--id", "widget-std", "--title",
                            "Widget Standard", home=home, preexec=full_disk(limit)),
                        "no space left", "disk is full", "File too large")
        if outcome.survived and run(lab, "corpus", "list", home=home).out != listed:
            return Outcome(False, "the corpus changed although the add failed")
        return outcome
    return attack


# -- a real read-only mount and a real full file system (a private mount namespace) -------------
def _mounts_allowed() -> bool:
    """Whether this process may make a private mount namespace (root in most containers with
    CAP_SYS_ADMIN). Nothing is mounted outside the child; without it these attacks are left out."""
    import subprocess

    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                              capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# Runs inside `unshare --mount`: mounts home read-only, or copies it onto a tmpfs just larger
# than it, then runs the ipms commands given as JSON and prints their results as JSON.
_IN_NAMESPACE = r"""
import json, os, shutil, subprocess, sys, tempfile
home, mode, commands = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if mode == "ro":
    subprocess.run(["mount", "--bind", home, home], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", home], check=True)
else:
    used = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(home) for f in fs)
    saved = tempfile.mkdtemp()
    shutil.copytree(home, saved, dirs_exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={used // 1024 + int(mode)}k", "tmpfs",
                    home], check=True)
    shutil.copytree(saved, home, dirs_exist_ok=True)
    shutil.rmtree(saved)
results = []
for command in commands:
    done = subprocess.run(command, capture_output=True, text=True)
    versions = os.path.join(home, "index", "versions")
    debris = [n for n in os.listdir(versions) if n.startswith(".build-")]         if os.path.isdir(versions) else []
    results.append({"code": done.returncode, "out": done.stdout, "err": done.stderr,
                    "debris": debris})
print(json.dumps(results))
"""


def _in_namespace(lab: Lab, home: Path, mode: str, *commands: tuple[str, ...]) -> list[dict]:
    import subprocess
    import sys

    argv = json.dumps([lab.command(*c) for c in commands])
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable,
                           "-c", _IN_NAMESPACE, str(home), mode, argv], capture_output=True,
                          text=True, env=lab.env(home), cwd=str(lab.root), timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the mount namespace failed: {done.stderr.strip()[-200:]}")
    return json.loads(done.stdout)


def _cli(result: dict) -> CliResult:
    return CliResult(result["code"], result["out"], result["err"])


def _read_only_mount(lab: Lab) -> Outcome:
    home = lab.built_home()
    ask, index = _in_namespace(lab, home, "ro", ("ask", "--jsonl", str(golden_file(lab))),
                               ("index",))
    return all_of(_golden_answers(lab, _cli(ask)), _says(_cli(index), "not writable"))


def _small_file_system(margin_kb: int) -> Callable[[Lab], Outcome]:
    def attack(lab: Lab) -> Outcome:
        home = lab.built_home()
        index, ask = _in_namespace(lab, home, str(margin_kb), ("index",),
                                   ("ask", "--jsonl", str(golden_file(lab))))
        outcome = _says(_cli(index), "no space left", "disk is full")
        if index["debris"]:
            return Outcome(False, f"half-written: {index['debris']}")
        return all_of(outcome, _golden_answers(lab, _cli(ask)))
    return attack


def attacks() -> list[Attack]:
    out = [
        Attack("read-only home answers the golden questions", _read_only(None, _answers)),
        Attack("read-only home without a jieba cache answers", _read_only(_no_cache, _answers)),
        Attack("read-only home: clause and corpus list work", _read_only(None, _light_commands)),
        Attack("read-only home: index says so in one line", _read_only(None, _index_refused)),
        Attack("read-only home: corpus add says so in one line", _read_only(None, _add_refused)),
        Attack("read-only home with damaged tokens: one line, no rebuild attempt crashes",
               _read_only(_damaged_tokens, _rebuild_refused)),
        Attack("read-only empty home (first use): one line",
               _read_only(None, _rebuild_refused, empty=True)),
    ]
    out += [Attack(f"full disk ({limit} B files): index", _index_on_full_disk(limit))
            for limit in LIMITS]
    out += [Attack(f"full disk ({limit} B files): first-use ask", _first_use_on_full_disk(limit))
            for limit in (0, 1_000_000)]
    out += [Attack(f"full disk ({limit} B files): ask on a built home", _ask_on_full_disk(limit))
            for limit in (0, 65536)]
    out += [Attack(f"full disk ({limit} B files): corpus add", _add_on_full_disk(limit))
            for limit in (0,)]
    if _mounts_allowed():
        out.append(Attack("read-only mount (EROFS): answers, index says so", _read_only_mount))
        out += [Attack(f"a file system {kb} KB larger than the home (ENOSPC): index",
                       _small_file_system(kb)) for kb in (256,)]
    return out
