"""The search index is always consistent: versions built aside and switched atomically, one build
at a time, every file checksummed, a read-only data directory answers, a full disk says so."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.retrieval.files import PrivateFolder
from assistant.retrieval.index_store import Built, IndexStore
from assistant.retrieval.indexes import NOTICE_START
from assistant.retrieval.retriever import Retriever

EN = "what does the standard say about IP training for employees"
ZH = "知识产权培训应该覆盖哪些人员"


def _version(home: Path) -> Path:
    name = json.loads((home / "index" / "current.json").read_text(encoding="utf-8"))["version"]
    return home / "index" / "versions" / name


def _hits(settings, question: str) -> list[tuple[str, str]]:
    return [(h.doc, h.key) for h in Retriever(settings, Corpus.load(settings)).search(question).hits]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": "hashing", "HF_HUB_OFFLINE": "1",
                "PYTHONIOENCODING": "utf-8"})
    return env


def _ask_command(question: str) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", "ask", question, "--json"]


# -- the store itself, with a fake build -----------------------------------------------------
def _fake_build(marker: str, seen: list | None = None, store: IndexStore | None = None):
    def build(folder: Path, name: str, previous) -> Built:
        if seen is not None and store is not None:
            seen.append(store.pointed_name())  # what readers see while this build runs
        (folder / "data.txt").write_text(marker, encoding="utf-8")
        (folder / "sub").mkdir()
        (folder / "sub" / "more.bin").write_bytes(marker.encode() * 10)
        return Built(key=marker)
    return build


def test_readers_see_the_old_version_until_the_new_one_is_complete(tmp_path):
    store = IndexStore(tmp_path / "index")
    first = store.rebuild(_fake_build("one"))
    seen: list = []
    second = store.rebuild(_fake_build("two", seen, store))
    assert seen == [first.name]  # during the build the pointer still named the old version
    assert store.current().name == second.name != first.name
    assert store.current().read("data.txt") == b"two"


def test_a_build_keeps_the_version_it_replaced_and_removes_older_ones(tmp_path):
    store = IndexStore(tmp_path / "index")
    names = [store.rebuild(_fake_build(str(i))).name for i in range(4)]
    remaining = sorted(p.name for p in (tmp_path / "index" / "versions").iterdir())
    assert remaining == sorted(names[-2:])


@pytest.mark.parametrize("damage", ["changed", "missing", "dir-for-file", "file-for-dir",
                                    "manifest-edited", "pointer-garbage"])
def test_a_damaged_version_is_rebuilt_not_used(tmp_path, damage):
    store = IndexStore(tmp_path / "index")
    version = store.rebuild(_fake_build("good"))
    if damage == "changed":
        (version.path / "data.txt").write_text("evil", encoding="utf-8")
    elif damage == "missing":
        (version.path / "sub" / "more.bin").unlink()
    elif damage == "dir-for-file":
        (version.path / "data.txt").unlink()
        (version.path / "data.txt").mkdir()
    elif damage == "file-for-dir":
        shutil.rmtree(version.path / "sub")
        (version.path / "sub").write_text("x", encoding="utf-8")
    elif damage == "manifest-edited":
        manifest = json.loads((version.path / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"]["data.txt"] = "0" * 64
        (version.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    else:
        (tmp_path / "index" / "current.json").write_bytes(b"\x00garbage")

    def load(v):
        v.read("data.txt")
        v.copy_folder("sub", tmp_path / f"copy-{v.name}")
        return v.read("data.txt")

    opened, data, built = store.open(lambda m: m.key == "good", load, _fake_build("good"))
    assert built and data == b"good" and opened.name != version.name


def test_concurrent_openers_share_one_build(tmp_path):
    builds: list[str] = []

    def slow_build(folder, name, previous):
        builds.append(name)
        time.sleep(0.5)
        return _fake_build("k")(folder, name, previous)

    results: list = []
    threads = [threading.Thread(target=lambda: results.append(
        IndexStore(tmp_path / "index").open(lambda m: m.key == "k", lambda v: v.read("data.txt"),
                                            slow_build))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1
    assert {version.name for version, _, _ in results} == set(builds)


def test_private_folders_of_dead_processes_are_removed(tmp_path):
    code = ("import os, sys; from pathlib import Path; "
            "from assistant.retrieval.files import PrivateFolder; "
            f"f = PrivateFolder(Path({str(tmp_path)!r})); print(f.path, flush=True); "
            "os.kill(os.getpid(), 9)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    orphan = Path(done.stdout.strip())
    assert orphan.is_dir()
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    alive = PrivateFolder(tmp_path)
    os.utime(alive.path, (old, old))
    PrivateFolder(tmp_path).remove()
    assert not orphan.exists() and alive.path.is_dir()  # a living owner's folder stays
    alive.remove()


# -- the product's indexes ---------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["directory", "emptied", "shuffled", "truncated"])
def test_a_tampered_lexical_file_is_rebuilt(settings, tmp_path, damage):
    before = _hits(settings, ZH)
    lexical = _version(tmp_path) / "lexical.json"
    data = json.loads(lexical.read_text(encoding="utf-8"))
    if damage == "directory":
        lexical.unlink()
        lexical.mkdir()
    elif damage == "emptied":
        data["tokens"] = [[] for _ in data["tokens"]]
        lexical.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif damage == "shuffled":
        data["tokens"] = data["tokens"][1:] + data["tokens"][:1]
        lexical.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        lexical.write_bytes(lexical.read_bytes()[:1000])
    assert _hits(settings, ZH) == before and before


@pytest.mark.parametrize("damage", ["chroma-is-a-file", "sqlite-truncated", "hnsw-changed"])
def test_a_tampered_vector_store_is_rebuilt(settings, tmp_path, damage):
    settings = settings.model_copy(update={"vector_search": "chroma"})  # the store queried
    before = _hits(settings, EN)
    chroma = _version(tmp_path) / "chroma"
    if damage == "chroma-is-a-file":
        shutil.rmtree(chroma)
        chroma.write_text("not a folder", encoding="utf-8")
    elif damage == "sqlite-truncated":
        sqlite = chroma / "chroma.sqlite3"
        sqlite.write_bytes(sqlite.read_bytes()[:4096])
    else:
        data = next(chroma.glob("*/data_level0.bin"))
        raw = bytearray(data.read_bytes())
        raw[100:200] = bytes(100)
        data.write_bytes(bytes(raw))
    assert _hits(settings, EN) == before and before


@pytest.mark.parametrize("damage", ["truncated", "rows-swapped", "directory"])
def test_a_tampered_copy_of_the_vectors_is_rebuilt(settings, tmp_path, damage):
    before = _hits(settings, EN)
    vectors = _version(tmp_path) / "vectors.npz"
    if damage == "truncated":
        vectors.write_bytes(vectors.read_bytes()[:2048])
    elif damage == "rows-swapped":
        import numpy as np

        with np.load(vectors) as saved:
            arrays = dict(saved)
        arrays["vectors"] = arrays["vectors"][::-1].copy()
        np.savez(vectors, **arrays)
    else:
        vectors.unlink()
        vectors.mkdir()
    retriever = Retriever(settings, Corpus.load(settings))
    assert [(h.doc, h.key) for h in retriever.search(EN).hits] == before and before
    assert retriever.dense.rebuilt


def test_a_running_retriever_follows_a_rebuild_in_another_process(settings, tmp_path, run_cli):
    retriever = Retriever(settings, Corpus.load(settings))
    before = [(h.doc, h.key) for h in retriever.search(EN).hits]
    opened = retriever.indexes.version
    for _ in range(3):  # old versions disappear meanwhile: the open one is in memory
        code, _, err = run_cli("index")
        assert code == 0, err
    assert [(h.doc, h.key) for h in retriever.search(EN).hits] == before
    assert retriever.indexes.version == _version(tmp_path).name != opened


def test_parallel_first_use_asks_all_answer_alike(tmp_path):
    home = tmp_path / "home"
    procs = [subprocess.Popen(_ask_command(EN), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=_env(home), text=True, encoding="utf-8") for _ in range(5)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 5, [err[-300:] for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert len(list((home / "index" / "versions").iterdir())) == 1  # one build, not five


def test_index_while_asking_both_succeed(tmp_path, run_cli):
    home = tmp_path / "home"
    assert run_cli("index", home=home)[0] == 0
    asks = [subprocess.Popen(_ask_command(q), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=_env(home), text=True, encoding="utf-8") for q in (EN, ZH, EN)]
    code, _, err = run_cli("index", home=home)
    outputs = [p.communicate(timeout=300) for p in asks]
    assert code == 0, err
    assert [p.returncode for p in asks] == [0, 0, 0], [e[-300:] for _, e in outputs]


def test_a_killed_build_leaves_the_previous_version_in_use(tmp_path, run_cli):
    home = tmp_path / "home"
    assert run_cli("index", home=home)[0] == 0
    code, golden, _ = run_cli("ask", EN, "--json", home=home)
    before = _version(home).name
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index"], env=_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((home / "index" / "versions").glob(".build-*/lexical.json")):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _version(home).name == before
    assert run_cli("ask", EN, "--json", home=home)[1] == golden
    assert run_cli("index", home=home)[0] == 0
    assert not list((home / "index" / "versions").glob(".build-*"))  # the debris is gone


def test_a_damaged_jieba_cache_is_not_used(settings, tmp_path):
    before = _hits(settings, ZH)
    cache = next((tmp_path / "cache").glob("jieba-*.cache"))
    cache.write_bytes(cache.read_bytes()[:5000] + b"\x00" * 100)
    shutil.rmtree(tmp_path / "index")
    assert _hits(settings, ZH) == before


def _without_write_permission(home: Path):
    """Make home unwritable for the child: as root (for whom modes do not bite), the files go to
    nobody and the child runs without the capabilities that override file permissions."""
    if os.geteuid() != 0:
        for path in [home, *home.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        return None
    import ctypes

    for path in [home, *home.rglob("*")]:
        os.lchown(path, 65534, 65534)
        if not path.is_symlink():
            path.chmod((path.stat().st_mode & ~0o222) | 0o444 | (0o111 if path.is_dir() else 0))
    libc = ctypes.CDLL(None, use_errno=True)

    def drop_capabilities() -> None:
        for capability in (0, 1, 2, 3, 4):  # chown, dac_override, dac_read_search, fowner, fsetid
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    return drop_capabilities


def test_a_read_only_home_answers_and_index_says_why_it_cannot(tmp_path, run_cli):
    home = tmp_path / "home"
    assert run_cli("index", home=home)[0] == 0
    golden = run_cli("ask", EN, "--json", home=home)[1]
    golden_zh = run_cli("ask", ZH, "--json", home=home)[1]
    shutil.rmtree(home / "cache")  # the jieba cache cannot be written either
    preexec = _without_write_permission(home)

    def run(*args: str):
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=_env(home),
                              capture_output=True, text=True, encoding="utf-8",
                              preexec_fn=preexec, cwd=str(tmp_path), timeout=300)
    en, zh = run("ask", EN, "--json"), run("ask", ZH, "--json")
    assert (en.returncode, en.stdout) == (0, golden), en.stderr[-500:]
    assert (zh.returncode, zh.stdout) == (0, golden_zh), zh.stderr[-500:]
    index = run("index")
    lines = index.stderr.strip().splitlines()
    assert index.returncode == 2 and len(lines) == 1 and "not writable" in lines[0], index.stderr


@pytest.mark.parametrize("limit", [0, 400_000])
def test_a_full_disk_says_so_and_keeps_the_index(tmp_path, run_cli, limit):
    home = tmp_path / "home"
    assert run_cli("index", home=home)[0] == 0
    golden = run_cli("ask", EN, "--json", home=home)[1]
    before = _version(home).name

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([sys.executable, "-m", "assistant.cli", "index"], env=_env(home),
                          capture_output=True, text=True, encoding="utf-8",
                          preexec_fn=small_disk, timeout=300)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "no space left" in lines[0] or "disk is full" in lines[0], done.stderr
    assert _version(home).name == before
    assert not list((home / "index" / "versions").glob(".build-*"))  # nothing half-written
    assert run_cli("ask", EN, "--json", home=home)[1] == golden


def test_a_full_disk_on_first_use_says_so(tmp_path):
    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    done = subprocess.run(_ask_command(ZH), env=_env(tmp_path / "home"), capture_output=True,
                          text=True, encoding="utf-8", preexec_fn=small_disk, timeout=300)
    notice, *lines = done.stderr.strip().splitlines()  # first the build notice, then the error
    assert notice.startswith(NOTICE_START), done.stderr
    assert done.returncode == 2 and len(lines) == 1 and "no space left" in lines[0], done.stderr
