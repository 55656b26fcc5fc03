"""Shared by the index attacks (crash points, corrupted index, read-only and full disk,
concurrency): where a home's index files are, commands run with a full disk or without write
permission, and checks that a home's index was left whole."""
from __future__ import annotations

import ctypes
import json
import os
import resource
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from evals.reliability.lab import GOLDEN_QUESTIONS, CliResult, Lab, Outcome


def version_dir(home: Path) -> Path:
    """The folder of the version home/index/current.json names."""
    name = json.loads((home / "index" / "current.json").read_text(encoding="utf-8"))["version"]
    return home / "index" / "versions" / name


def leftovers(home: Path) -> list[str]:
    """Unfinished builds still lying in the index folder."""
    versions = home / "index" / "versions"
    return sorted(p.name for p in versions.glob(".build-*")) if versions.is_dir() else []


def full_disk(limit: int) -> Callable[[], None]:
    """A preexec_fn: no file of the child may grow beyond `limit` bytes (RLIMIT_FSIZE). Python
    ignores SIGXFSZ, so a write past the limit fails with EFBIG, as on a full disk."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def no_write_permission(home: Path) -> Callable[[], None] | None:
    """Make home unwritable for a child and return its preexec_fn. As root (modes do not bind
    root), home's files are given to nobody and the child runs without the capabilities that
    override file permissions (CAP_DAC_OVERRIDE and friends); as another user, chmod suffices."""
    root = os.geteuid() == 0
    for path in [home, *home.rglob("*")]:
        if root:
            os.lchown(path, 65534, 65534)
        if not path.is_symlink():
            mode = path.stat().st_mode & ~0o222
            path.chmod(mode | 0o444 | (0o111 if path.is_dir() else 0))
    if not root:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop_capabilities() -> None:
        for capability in (0, 1, 2, 3, 4):  # chown, dac_override, dac_read_search, fowner, fsetid
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    return drop_capabilities


def give_back(home: Path) -> None:
    """Undo no_write_permission, so the lab can remove the folder."""
    for path in [home, *home.rglob("*")]:
        if os.geteuid() == 0:
            os.lchown(path, 0, 0)
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)


def run(lab: Lab, *args: str, home: Path, preexec: Callable[[], None] | None = None,
        stdin: str | None = None, timeout: float = 180) -> CliResult:
    """`ipms ARGS` in a subprocess, with a preexec_fn (the lab's cli() has none)."""
    try:
        proc = subprocess.run(lab.command(*args), input=stdin, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", env=lab.env(home),
                              cwd=str(lab.root), preexec_fn=preexec, timeout=timeout)
    except subprocess.TimeoutExpired:
        return CliResult(-9, "", f"timed out after {timeout} s")
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def golden_file(lab: Lab) -> Path:
    path = lab.root / "golden-questions.jsonl"
    if not path.exists():
        path.write_text("\n".join(GOLDEN_QUESTIONS) + "\n", encoding="utf-8")
    return path


def spawn_golden(lab: Lab, home: Path) -> subprocess.Popen:
    """`ipms ask --jsonl` over the golden questions, started without waiting."""
    return lab.spawn("ask", "--jsonl", str(golden_file(lab)), home=home)


def finished_golden(lab: Lab, proc: subprocess.Popen, timeout: float = 300) -> Outcome:
    """Survived when a spawned golden ask exited 0 with the golden answers."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return Outcome(False, f"timed out after {timeout} s")
    text = err.decode("utf-8", "replace")
    if proc.returncode != 0:
        return CliResult(proc.returncode, "", text).succeeded()
    answers = [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]
    if answers != lab.golden():
        return Outcome(False, "answers differ from the golden ones")
    return Outcome(True)


def wait_for(predicate: Callable[[], bool], proc: subprocess.Popen, limit: float = 60) -> bool:
    """Poll until predicate() holds (True) or the process ends or time runs out (False)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return predicate()
        time.sleep(0.005)
    return False


def all_of(*outcomes: Outcome) -> Outcome:
    """The first outcome not survived, else survived with the details joined."""
    for outcome in outcomes:
        if not outcome.survived:
            return outcome
    return Outcome(True, "; ".join(o.detail for o in outcomes if o.detail))
