"""Imports attacks on the user corpus itself: existing ids, write failures (read-only folder,
full disk), kill -9 during an add, concurrent adds and removes, the corpus lock."""
from __future__ import annotations

import random
import resource
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks import import_files as files
from evals.reliability.attacks.import_checks import (DOC_ID, add, entries, refused_for,
                                                     shared_home, state, stored_as, strays, write)
from evals.reliability.lab import CliResult, Lab, Outcome


# -- ids and replacement ---------------------------------------------------------------------------
def existing_id(replace: bool) -> Callable[[Lab], Outcome]:
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        first = write(lab, "first.txt", files.text(files.ZH_LINES).encode("utf-8"))
        if (result := add(lab, home, first)).code != 0:
            return result.succeeded()
        second = write(lab, "second.txt", files.text(files.EN_LINES).encode("utf-8"))
        if not replace:
            before = state(home)
            return refused_for(add(lab, home, second), "--replace", home, before)
        if (result := add(lab, home, second, "--replace")).code != 0:
            return result.succeeded()
        return stored_as(home, files.EN_LINES)
    return run


def remove(doc_id: str, reason: str) -> Callable[[Lab], Outcome]:
    def run(lab: Lab) -> Outcome:
        home = shared_home(lab)
        before = state(home)
        return refused_for(lab.cli("corpus", "remove", doc_id, home=home), reason, home, before)
    return run


def add_then_remove(lab: Lab) -> Outcome:
    """On the shared home (whose golden answers are checked last): add, then remove."""
    home = shared_home(lab)
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("gbk"))
    for result in (add(lab, home, source), lab.cli("corpus", "remove", DOC_ID, home=home)):
        if result.code != 0:
            return result.succeeded()
    if entries(home) or strays(home):
        return Outcome(False, "the removed document left something behind")
    return Outcome(True, "added and removed; nothing left")


# -- write failures ----------------------------------------------------------------------------------
def _limited(lab: Lab, home: Path, args: list[str], file_size: int) -> CliResult:
    """`ipms ARGS` with the largest file it may write limited to `file_size` bytes (writes past it
    fail as on a full disk)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    env = lab.env(home, {"PYTHONDONTWRITEBYTECODE": "1"})
    proc = subprocess.run(lab.command(*args), capture_output=True, env=env, cwd=str(lab.root),
                          timeout=60, preexec_fn=limit)
    return CliResult(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                     proc.stderr.decode("utf-8", "replace"))


def write_fails(which: str) -> Callable[[Lab], Outcome]:
    """The manifest (larger than the new text) or the text (larger than the limit) cannot be
    written: refused in one line, the folder exactly as before, no orphan."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        first = write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
        if (result := add(lab, home, first, doc_id="first")).code != 0:
            return result.succeeded()
        manifest_size = (home / "corpus" / "manifest.json").stat().st_size
        if which == "manifest":
            lines = files.ZH_LINES
            limit = manifest_size + 100  # the text fits, the manifest with two entries does not
        else:
            lines = files.ZH_LINES + [f"企业应当保存第{i}项记录。" for i in range(200)]
            limit = manifest_size * 2  # the manifest would fit, the text does not
        source = write(lab, "second.txt", files.text(lines).encode("utf-8"))
        before = state(home)
        args = ["corpus", "add", str(source), "--id", "second", "--title", "测试标准",
                "--accept-defects"]  # the text's 200 records all sit in clause 2.1
        return refused_for(_limited(lab, home, args, limit), "cannot write", home, before)
    return run


def corpus_is_a_file(lab: Lab) -> Outcome:
    home = lab.empty_home()
    (home / "corpus").write_text("not a folder\n", encoding="utf-8")
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    before = state(home)
    return refused_for(add(lab, home, source), "not a folder", home, before)


def _make_read_only(folder: Path) -> Callable[[], None] | None:
    """Make `folder` unwritable (chmod, or the immutable flag when running as root); returns
    how to undo it, or None when neither works here."""
    def writable() -> bool:
        probe = folder / ".probe"
        try:
            probe.write_text("x")
            probe.unlink()
            return True
        except OSError:
            return False

    folder.chmod(0o555)
    if not writable():
        return lambda: folder.chmod(0o755)
    folder.chmod(0o755)
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)],
                                                 capture_output=True).returncode == 0:
        if not writable():
            return lambda: subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    return None


def read_only_corpus(lab: Lab) -> Outcome:
    home = lab.empty_home()
    first = write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
    if (result := add(lab, home, first, doc_id="first")).code != 0:
        return result.succeeded()
    second = write(lab, "second.txt", files.text(files.ZH_LINES).encode("utf-8"))
    undo = _make_read_only(home / "corpus")
    if undo is None:  # no way to make a folder read-only here: a home under a read-only tree
        unwritable = Path("/proc/self/ipms-home")
        result = add(lab, unwritable, second)
        return refused_for(result, "cannot write", home, state(home))
    try:
        before = state(home)
        outcome = refused_for(add(lab, home, second), "cannot write", home, before)
    finally:
        undo()
    if outcome.survived and (result := add(lab, home, second)).code != 0:
        return Outcome(False, f"writable again, but the add failed: {result.succeeded().detail}")
    return outcome


def strays_swept(lab: Lab) -> Outcome:
    home = lab.empty_home()
    first = write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
    if (result := add(lab, home, first, doc_id="first")).code != 0:
        return result.succeeded()
    for name in (".ipms-second.txt.a1b2.tmp", "ghost.0123456789ab.txt", "ghost.txt"):
        (home / "corpus" / name).write_text("half-written", encoding="utf-8")
    second = write(lab, "second.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := add(lab, home, second, doc_id="second")).code != 0:
        return result.succeeded()
    if strays(home):
        return Outcome(False, f"still there after the next add: {', '.join(strays(home))}")
    return stored_as(home, files.EN_LINES, doc_id="first")


def killed_add(lab: Lab) -> Outcome:
    """kill -9 an add of a large file at a random moment, twice; the next add works and leaves
    nothing behind, and every manifest entry's text is there."""
    home = lab.empty_home()
    big = write(lab, "big.txt", lambda: files.text(
        [f"{1 + i // 900}.{1 + i % 900} 管理{i}\n企业应当记录第{i}项。" for i in range(60_000)]
    ).encode("utf-8"))
    rng = random.Random(13)
    for attempt in range(2):
        process = lab.spawn("corpus", "add", str(big), "--id", f"big-{attempt}", "--title", "大",
                            home=home)
        time.sleep(rng.uniform(0.3, 2.5))
        process.kill()
        process.wait()
    small = write(lab, "small.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := add(lab, home, small)).code != 0:
        return result.succeeded()
    missing = [e["id"] for e in entries(home) if not (home / "corpus" / e["file"]).is_file()]
    if missing or strays(home):
        return Outcome(False, f"after the kills: missing texts {missing}, strays {strays(home)}")
    return stored_as(home, files.ZH_LINES)


# -- concurrency -------------------------------------------------------------------------------------
def _concurrently(lab: Lab, home: Path, commands: list[list[str]]) -> list[CliResult]:
    processes = [lab.spawn(*command, home=home) for command in commands]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(CliResult(process.returncode, out.decode("utf-8", "replace"),
                                 err.decode("utf-8", "replace")))
    return results


def concurrent_adds(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    ids = [f"doc-{i}" for i in range(5)]
    results = _concurrently(lab, home, [["corpus", "add", str(source), "--id", doc_id,
                                         "--title", "标准"] for doc_id in ids])
    failed = [r.succeeded().detail for r in results if r.code != 0]
    if failed:
        return Outcome(False, f"{len(failed)} of 5 failed: {failed[0]}")
    listed = sorted(e["id"] for e in entries(home))
    if listed != ids:
        return Outcome(False, f"all 5 said added, the manifest lists {listed}")
    if strays(home):
        return Outcome(False, f"left behind: {strays(home)}")
    return Outcome(True, "5 of 5 in the manifest")


def concurrent_same_id(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    results = _concurrently(lab, home, [["corpus", "add", str(source), "--id", DOC_ID,
                                         "--title", "标准"]] * 3)
    added = [r for r in results if r.code == 0]
    refusals = [r.refused_cleanly() for r in results if r.code != 0]
    if len(added) != 1 or not all(o.survived and "--replace" in o.detail for o in refusals):
        return Outcome(False, f"{len(added)} added; refusals: {[o.detail for o in refusals]}")
    return stored_as(home, files.ZH_LINES)


def concurrent_add_and_remove(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := add(lab, home, source, doc_id="old-doc")).code != 0:
        return result.succeeded()
    results = _concurrently(lab, home, [
        ["corpus", "remove", "old-doc"],
        ["corpus", "add", str(source), "--id", "new-a", "--title", "标准"],
        ["corpus", "add", str(source), "--id", "new-b", "--title", "标准"]])
    if any(r.code != 0 for r in results):
        return Outcome(False, next(r.succeeded().detail for r in results if r.code != 0))
    listed = sorted(e["id"] for e in entries(home))
    if listed != ["new-a", "new-b"] or strays(home):
        return Outcome(False, f"manifest {listed}, strays {strays(home)}")
    return Outcome(True, "removed one and added two at once")


def waits_for_the_lock(lab: Lab) -> Outcome:
    """While another process holds the corpus lock, an add and a remove wait; both land after."""
    from filelock import FileLock

    home = lab.empty_home()
    source = write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := add(lab, home, source, doc_id="old-doc")).code != 0:
        return result.succeeded()
    with FileLock(str(home / "corpus" / ".corpus.lock")):
        processes = [lab.spawn("corpus", "add", str(source), "--id", "new-doc", "--title", "标准",
                               home=home),
                     lab.spawn("corpus", "remove", "old-doc", home=home)]
        time.sleep(2.5)  # several times what either takes
        early = [p.args[4] for p in processes if p.poll() is not None]
        listed = sorted(e["id"] for e in entries(home))
    for process in processes:
        process.communicate(timeout=60)
    if early or listed != ["old-doc"]:
        return Outcome(False, f"did not wait for the lock: {early}, manifest {listed}")
    if any(p.returncode != 0 for p in processes):
        return Outcome(False, "failed after the lock was released")
    if sorted(e["id"] for e in entries(home)) != ["new-doc"] or strays(home):
        return Outcome(False, f"after the lock: {[e['id'] for e in entries(home)]}")
    return Outcome(True, "waited for the lock, then both landed")


def shared_home_is_golden(lab: Lab) -> Outcome:
    home = shared_home(lab)
    if entries(home) or strays(home):
        return Outcome(False, "documents or files were left in the user corpus")
    return lab.matches_golden(home)
