"""Nothing heavy on light paths (issue 19): showing a clause, listing and checking the corpus,
checking an intake and answering a Chinese question (BM25 alone: the default model reads
English only) import neither torch nor onnxruntime, sentence-transformers, transformers or
chromadb.

Each path runs as `ipms` in a fresh process, through a wrapper that prints at exit which of
those modules are in sys.modules. The embedding model is the product's default, as in use, so
a path that wanted vectors would load it; the index (built once per run with the hashing
embedder) serves BM25 whatever the model, and its vectors are never asked for here."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import PROJECT_ROOT

HEAVY = ("torch", "onnxruntime", "sentence_transformers", "transformers", "chromadb")
WRAPPER = (
    "import atexit, json, runpy, sys\n"
    f"heavy = {HEAVY!r}\n"
    "atexit.register(lambda: print('LOADED ' + json.dumps([m for m in heavy if m in sys.modules]),"
    " file=sys.stderr))\n"
    "sys.argv = ['ipms', *sys.argv[1:]]\n"
    "runpy.run_module('assistant.cli', run_name='__main__')\n")
INTAKE = PROJECT_ROOT / "generators" / "templates" / "intake.zh.yaml"

PATHS = {
    "clause": ["clause", "4.3.2"],
    "corpus list": ["corpus", "list"],
    "corpus check": ["corpus", "check"],
    "intake check": ["intake", "check", str(INTAKE)],
    "chinese question": ["ask", "知识产权培训应该覆盖哪些人员", "--json"],
}


@pytest.fixture(scope="module")
def home(_pristine_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the run's built index, shared by this module's processes."""
    copy = tmp_path_factory.mktemp("light-home")
    shutil.copytree(_pristine_home, copy, dirs_exist_ok=True, symlinks=True)
    return copy


def run_light(args: list[str], home: Path) -> tuple[int, str, list[str]]:
    """(exit code, stdout, heavy modules loaded) of `ipms ARGS` in a fresh process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(home), "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"})
    done = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=str(home), timeout=300)
    marks = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert marks, done.stderr
    return done.returncode, done.stdout, json.loads(marks[-1].removeprefix("LOADED "))


@pytest.mark.parametrize("name", list(PATHS))
def test_light_path_imports_nothing_heavy(name: str, home: Path):
    code, out, loaded = run_light(PATHS[name], home)
    assert code == 0, out
    assert loaded == [], f"ipms {' '.join(PATHS[name])} imported {loaded}"
    if name == "chinese question":  # and it was answered: bj-ipm 7.3.2.7 培训 names who is trained
        answer = json.loads(out)
        assert ("bj-ipm", "7.3.2.7") in {(c["doc"], c["clause"]) for c in answer["citations"]}
