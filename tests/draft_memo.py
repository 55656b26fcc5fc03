"""Draft each company once per test run.

Module after module drafts the same shipped example or test intake in its fixtures (a package
costs 10–20 s of CPU), and those drafts were most of the suite's time. `install()` wraps
`generators.package.draft_package` so that a call made while a fixture is set up, with the
plain arguments (a fresh output folder, no --force, reference, polish, contents pages, cwd or
home), drafts the package once and afterwards copies that folder to the new output folder: the
caller gets its own files, the same the drafter writes for the same input. The key is everything
the package depends on: the intake's content, the language, the standard, the templates' folder,
the corpus's content and the IPMS_* settings. A draft inside a test body is reused the same way
unless the test has patched something beyond the environment (`watch`: its monkeypatch fixture
holds a setattr, a setitem outside os.environ or a sys.path change); a draft with any other
argument is never reused.

Under pytest-xdist the workers share their drafts through a folder of the run (`share`, called
by conftest): the first worker to need a package drafts it under a lock and leaves the folder and
its pickled DraftResult there; the others wait for it and copy. Without `share`, each process
keeps its own.
"""
from __future__ import annotations

import atexit
import dataclasses
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path

from filelock import FileLock

import generators.package as package
from generators.templates_io import TEMPLATES_DIR

_real = package.draft_package
_done: dict[str, package.DraftResult] = {}  # key digest: the first result, out_dir pristine
_own = Path(tempfile.mkdtemp(prefix="ipms-drafted-"))
atexit.register(shutil.rmtree, _own, ignore_errors=True)
_shared: list[Path] = []  # the run's folder when the workers share (share())
_hashes: dict[int, tuple[object, str]] = {}  # id(corpus): (the corpus, its content hash)
_LOG = os.environ.get("CPU_LOG")  # tests/cpu_log.py: each drafting also logged to <file>.drafts


def share(folder: Path) -> None:
    """Keep drafts in `folder` (one for the whole run, seen by every worker) from now on."""
    folder.mkdir(parents=True, exist_ok=True)
    _shared[:] = [folder]


def _log(why: str, company: str, out_dir, cpu: float) -> None:
    if _LOG:
        with open(_LOG + ".drafts", "a", encoding="utf-8") as log:
            test = os.environ.get("PYTEST_CURRENT_TEST", "")
            log.write(f"{test}\t{why}\t{company}\t{out_dir}\t{cpu:.2f}\n")


def _drafted(why: str, *args) -> package.DraftResult:
    """The real draft, logged (CPU_LOG) with why it was made."""
    started = time.process_time()
    result = _real(*args)
    _log(why, getattr(getattr(args[0], "company", None), "name", ""), args[2],
         time.process_time() - started)
    return result


_patches: list = []  # the running test's monkeypatch fixture, when it has one (watch())


def watch(item) -> None:
    """Note the test about to run (conftest calls this before each test body)."""
    _patches[:] = [item.funcargs["monkeypatch"]] if "monkeypatch" in item.funcargs else []


def _unpatched() -> bool:
    """Whether a draft now depends on nothing but its arguments and the environment: while
    pytest sets up fixtures (PYTEST_CURRENT_TEST: 'node (setup)'), or in a test body whose
    monkeypatch holds no setattr, no setitem outside os.environ and no sys.path change."""
    phase = os.environ.get("PYTEST_CURRENT_TEST", "")
    if phase.endswith("(setup)"):
        return True
    if not phase.endswith("(call)"):
        return False
    return not any(patch._setattr or patch._savesyspath is not None
                   or any(mapping is not os.environ for mapping, _, _ in patch._setitem)
                   for patch in _patches)


def _corpus_hash(corpus) -> str:
    if id(corpus) not in _hashes:  # the corpus is kept with it: its id is not reused
        _hashes[id(corpus)] = (corpus, corpus.content_hash())
    return _hashes[id(corpus)][1]


def _key(intake, corpus, language, standard, templates) -> str | None:
    """A digest of everything the package depends on; None when the intake cannot say."""
    try:
        facts = repr(intake)
        content = _corpus_hash(corpus)
    except Exception:  # an intake or corpus that cannot say what it holds is drafted afresh
        return None
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith("IPMS_"))
    folder = str(TEMPLATES_DIR if templates is None else templates.directory)
    key = repr((facts, language, standard, folder, content, settings))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _moved(result: package.DraftResult, folder: Path) -> package.DraftResult:
    """`result` as if drafted into `folder` (its files named there)."""
    return dataclasses.replace(result, out_dir=folder,
                               files=[folder / f.relative_to(result.out_dir)
                                      for f in result.files])


def _first(key: str, draft) -> tuple[package.DraftResult, bool]:
    """The result for `key` and whether `draft()` made it just now (into the caller's folder);
    else the pristine one: this process's or the run's shared one."""
    if key in _done:
        return _done[key], False
    if not _shared:
        result = draft()
        shutil.copytree(result.out_dir, _own / key, symlinks=True)  # the caller may change its own
        _done[key] = _moved(result, _own / key)
        return result, True
    place = _shared[0] / key
    with FileLock(str(place) + ".lock"):
        pickled = place / "result.pickle"
        if pickled.exists():
            _done[key] = pickle.loads(pickled.read_bytes())
            return _done[key], False
        result = draft()
        shutil.rmtree(place, ignore_errors=True)
        shutil.copytree(result.out_dir, place / "package", symlinks=True)
        _done[key] = _moved(result, place / "package")
        pickled.write_bytes(pickle.dumps(_done[key]))
        return result, True


def draft_package(intake, corpus, out_dir, language="zh", standard=None, force=False,
                  reference=None, templates=None, polish=None, cwd=None, home=None,
                  toc_pages=False):
    """generators.package.draft_package, its package reused as the module docstring says."""
    args = (intake, corpus, out_dir, language, standard, force, reference, templates, polish,
            cwd, home, toc_pages)
    plain = (out_dir is not None and not force and reference is None and polish is None
             and cwd is None and home is None and toc_pages is False and _unpatched())
    key = _key(intake, corpus, language, standard, templates) if plain else None
    if key is None or Path(out_dir).exists():
        return _drafted("plain" if plain else "other", *args)
    first, drafted_here = _first(key, lambda: _drafted("first", *args))
    if drafted_here:
        return first
    target = Path(out_dir).resolve()
    shutil.copytree(first.out_dir, target, symlinks=True)
    _log("reused", "", target, 0.0)
    return _moved(first, target)


def install() -> None:
    """Put the reusing draft_package in generators.package (before the test modules import it)."""
    package.draft_package = draft_package
