"""Draft each company once per test process.

Module after module drafts the same shipped example or test intake in its fixtures (a package
costs 10–20 s of CPU), and those drafts were most of the suite's time. `install()` wraps
`generators.package.draft_package` so that a call made while a fixture is set up, with the
plain arguments (a fresh output folder, no --force, reference, polish, contents pages, cwd or
home), drafts the package once and afterwards copies that folder to the new output folder: the
caller gets its own files, the same the drafter writes for the same input. The key is everything
the package depends on: the intake's content, the language, the standard, the templates' folder,
the corpus and the IPMS_* settings. A draft inside a test body (where monkeypatching and
unusual arguments happen) or with any other argument is never reused.
"""
from __future__ import annotations

import atexit
import dataclasses
import os
import shutil
import tempfile
import time
from pathlib import Path

import generators.package as package

_real = package.draft_package
_done: dict[tuple, package.DraftResult] = {}  # key: the first result, out_dir its pristine copy
_kept = Path(tempfile.mkdtemp(prefix="ipms-drafted-"))
atexit.register(shutil.rmtree, _kept, ignore_errors=True)
_LOG = os.environ.get("CPU_LOG")  # tests/cpu_log.py: each drafting also logged to <file>.drafts


def _drafted(why: str, *args) -> package.DraftResult:
    """The real draft; with CPU_LOG set, one line: test, why, intake file or company, CPU s."""
    started = time.process_time()
    result = _real(*args)
    if _LOG:
        with open(_LOG + ".drafts", "a", encoding="utf-8") as log:
            test = os.environ.get("PYTEST_CURRENT_TEST", "")
            log.write(f"{test}\t{why}\t{getattr(getattr(args[0], 'company', None), 'name', '')}\t{args[3]}\t"
                      f"{time.process_time() - started:.2f}\n")
    return result


def _in_fixture_setup() -> bool:
    """Whether pytest is setting up a test's fixtures (PYTEST_CURRENT_TEST: 'node (setup)')."""
    return os.environ.get("PYTEST_CURRENT_TEST", "").endswith("(setup)")


def _key(intake, corpus, language, standard, templates) -> tuple | None:
    try:
        facts = repr(intake)
    except Exception:  # an intake that cannot say what it holds is drafted afresh
        return None
    settings = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("IPMS_")))
    folder = None if templates is None else str(templates.directory)
    return (facts, language, standard, folder, id(corpus), settings)


def draft_package(intake, corpus, out_dir, language="zh", standard=None, force=False,
                  reference=None, templates=None, polish=None, cwd=None, home=None,
                  toc_pages=False):
    """generators.package.draft_package, its package reused as the module docstring says."""
    plain = (out_dir is not None and not force and reference is None and polish is None
             and cwd is None and home is None and toc_pages is False and _in_fixture_setup())
    key = _key(intake, corpus, language, standard, templates) if plain else None
    target = Path(out_dir) if out_dir is not None else None
    if key is None or target.exists():
        return _drafted("plain" if plain else "other", intake, corpus, out_dir, language,
                        standard, force, reference, templates, polish, cwd, home, toc_pages)
    if key not in _done:
        result = _drafted("first", intake, corpus, out_dir, language, standard, force,
                          reference, templates, polish, cwd, home, toc_pages)
        if result.out_dir is not None:  # kept aside: the caller may change its own copy
            pristine = _kept / str(len(_done))
            shutil.copytree(result.out_dir, pristine, symlinks=True)
            _done[key] = dataclasses.replace(
                result, out_dir=pristine,
                files=[pristine / f.relative_to(result.out_dir) for f in result.files])
        return result
    first = _done[key]
    if _LOG:
        with open(_LOG + ".drafts", "a", encoding="utf-8") as log:
            log.write(f"{os.environ.get('PYTEST_CURRENT_TEST', '')}\treused\t\t{target}\t0\n")
    target = target.resolve()
    shutil.copytree(first.out_dir, target, symlinks=True)
    return dataclasses.replace(first, out_dir=target,
                               files=[target / f.relative_to(first.out_dir) for f in first.files])


def install() -> None:
    """Put the reusing draft_package in generators.package (before the test modules import it)."""
    package.draft_package = draft_package
