"""Threads set on purpose (issue 19): the math libraries' thread counts come from the settings
(IPMS_THREADS; unset: min(usable cores, 4) for a command and an index build, 1 for the web app,
as README and assistant/settings.py say), are in the environment of a fresh `ipms` process
before any library reads it, and reach torch whether it is imported before or after."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
REPORT = ("import json, os, sys\n"
          f"print('THREADS ' + json.dumps({{k: os.environ.get(k) for k in "
          f"{VARIABLES + ('TOKENIZERS_PARALLELISM',)!r}}}), file=sys.stderr)\n")
# `ipms ARGS` as installed, reporting the environment the command ran with at exit.
ENTRY = ("import atexit, runpy, sys\n"
         f"atexit.register(lambda: exec({REPORT!r}, {{}}))\n"
         "sys.argv = ['ipms', *sys.argv[1:]]\n"
         "runpy.run_module('assistant.cli', run_name='__main__')\n")


def cores() -> int:
    return len(os.sched_getaffinity(0))


def fresh(code: str, *args: str, threads: str | None = None) -> tuple[int, str, str]:
    """Run `python -c code ARGS` with a clean IPMS_ environment (and IPMS_THREADS if given)
    and no thread variables inherited."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("IPMS_") and k not in VARIABLES and k != "TOKENIZERS_PARALLELISM"}
    env.update({"IPMS_HOME": os.environ["IPMS_HOME"], "IPMS_EMBEDDING_MODEL": "hashing"})
    if threads is not None:
        env["IPMS_THREADS"] = threads
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=300)
    return done.returncode, done.stdout, done.stderr


def reported(stderr: str) -> dict[str, str | None]:
    line = next(line for line in stderr.splitlines() if line.startswith("THREADS "))
    return json.loads(line.removeprefix("THREADS "))


def test_a_command_runs_with_min_of_cores_and_4_threads():
    code, _, err = fresh(ENTRY, "corpus", "list")
    assert code == 0, err
    expected = str(min(cores(), 4))
    env = reported(err)
    assert [env[v] for v in VARIABLES] == [expected] * 3
    assert env["TOKENIZERS_PARALLELISM"] == ("true" if expected != "1" else "false")


def test_ipms_threads_sets_every_library():
    code, _, err = fresh(ENTRY, "corpus", "list", threads="3")
    assert code == 0, err
    assert reported(err) == {**{v: "3" for v in VARIABLES}, "TOKENIZERS_PARALLELISM": "true"}


def test_the_web_app_runs_one_thread_per_process():
    # `ipms serve` applies the web app's count (its concurrent visitors are the parallelism)
    code, _, err = fresh("from assistant.cli import setup_threads\n"
                         "assert setup_threads('serve') == 1\n" + REPORT)
    assert code == 0, err
    assert reported(err) == {**{v: "1" for v in VARIABLES}, "TOKENIZERS_PARALLELISM": "false"}


def test_a_bad_thread_count_is_one_line_naming_the_variable():
    code, out, err = fresh(ENTRY, "clause", "4.3.2", threads="0")
    assert code == 2, (out, err)
    lines = [line for line in err.splitlines() if not line.startswith("THREADS ")]
    assert len(lines) == 1 and lines[0].startswith("ipms: error: ") and "IPMS_THREADS" in lines[0]


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_torch_takes_the_count_when_imported_later_and_when_already_imported():
    code, out, err = fresh(
        "import sys\n"
        "from assistant.cli import setup_threads\n"
        "setup_threads('corpus')\n"
        "assert 'torch' not in sys.modules\n"
        "import torch\n"
        "print(torch.get_num_threads(), torch.get_num_interop_threads())\n"
        "from assistant.threads import apply_threads\n"
        "apply_threads(2)\n"
        "print(torch.get_num_threads())\n"
        "assert torch.__spec__.loader is torch.__loader__\n"
        "assert type(torch.__loader__).__module__.startswith('_frozen_importlib')\n",
        threads="1")
    assert code == 0, err
    assert out.split() == ["1", "1", "2"]


def test_an_index_build_in_the_web_app_has_the_command_line_count_for_its_duration(
        monkeypatch: pytest.MonkeyPatch, settings):
    import assistant.threads as threads

    for name in (*threads.THREAD_VARIABLES, "TOKENIZERS_PARALLELISM"):
        monkeypatch.setenv(name, "unset")  # restored after the test
    monkeypatch.setattr(threads, "_applied", None)
    monkeypatch.setattr(threads, "_current", None)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    limited: list[int] = []  # this test process's own native pools are left alone
    monkeypatch.setattr(threads, "_limit_native_pools", limited.append)
    web = settings.model_copy(update={"threads": None})
    assert threads.setup_threads(web, "web") == 1
    with threads.build_threads(web) as count:
        assert count == min(cores(), 4)
        assert os.environ["OMP_NUM_THREADS"] == str(count)
        assert threads.session_threads(web) == 1  # a session made now serves visitors later
    assert os.environ["OMP_NUM_THREADS"] == "1"
    if "numpy" in sys.modules and cores() > 1:  # loaded pools follow through threadpoolctl
        assert limited == [1, min(cores(), 4), 1]
