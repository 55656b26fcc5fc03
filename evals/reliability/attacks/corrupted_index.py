"""Corrupted index: every file of a built index damaged in many ways (emptied, truncated, bytes
changed, replaced by a folder, removed; tokens emptied or shuffled under the same key; the Chroma
folder replaced by a file; manifest and pointer edited). Survived when the next `ipms ask`
succeeds and every golden answer is exactly the pristine one: damaged files are rebuilt, never
used."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks.index_tools import version_dir
from evals.reliability.lab import Attack, Lab, Outcome


# -- ways to damage one file ------------------------------------------------------------------
def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _flipped(path: Path) -> None:
    data = bytearray(path.read_bytes() or b"\x00")
    middle = len(data) // 2
    for i in range(middle, min(middle + 64, len(data))):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _appended(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\x00garbage\xff" * 50)


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x", encoding="utf-8")


def _removed(path: Path) -> None:
    path.unlink()


BYTE_DAMAGE: dict[str, Callable[[Path], None]] = {
    "emptied": _emptied, "truncated": _truncated, "bytes changed": _flipped,
    "garbage appended": _appended, "replaced by a folder": _a_folder, "removed": _removed,
}


# -- the index's files ------------------------------------------------------------------------
def _pointer(home: Path) -> Path:
    return home / "index" / "current.json"


def _manifest(home: Path) -> Path:
    return version_dir(home) / "manifest.json"


def _lexical(home: Path) -> Path:
    return version_dir(home) / "lexical.json"


def _sqlite(home: Path) -> Path:
    return version_dir(home) / "chroma" / "chroma.sqlite3"


def _hnsw(name: str) -> Callable[[Path], Path]:
    return lambda home: next((version_dir(home) / "chroma").glob(f"*/{name}"))


def _jieba(home: Path) -> Path:
    return next((home / "cache").glob("jieba-*.cache"))


FILES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    # file -> (where it is, the damages tried on it)
    "lexical.json": (_lexical, ("emptied", "replaced by a folder", "removed")),
    "chroma.sqlite3": (_sqlite, ("bytes changed", "replaced by a folder")),
    "data_level0.bin": (_hnsw("data_level0.bin"), ("bytes changed",)),
    "header.bin": (_hnsw("header.bin"), ("bytes changed",)),
    "length.bin": (_hnsw("length.bin"), ("garbage appended",)),
    "manifest.json": (_manifest, ("bytes changed", "removed")),
    "current.json": (_pointer, ("bytes changed", "replaced by a folder")),
    "jieba cache": (_jieba, ("truncated",)),
}


# -- damage that keeps the file well-formed --------------------------------------------------
def _edit_lexical(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        path = _lexical(home)
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return damage


def _shuffle(data: dict) -> None:
    data["tokens"] = data["tokens"][7:] + data["tokens"][:7]


def _empty_lists(data: dict) -> None:
    data["tokens"] = [[] for _ in data["tokens"]]


def _one_word(data: dict) -> None:
    data["tokens"] = [["专利"] for _ in data["tokens"]]


def _chroma_a_file(home: Path) -> None:
    chroma = version_dir(home) / "chroma"
    shutil.rmtree(chroma)
    chroma.write_text("not a folder", encoding="utf-8")


def _segment_removed(home: Path) -> None:
    shutil.rmtree(next(p for p in (version_dir(home) / "chroma").iterdir() if p.is_dir()))


def _version_removed(home: Path) -> None:
    shutil.rmtree(version_dir(home))


def _index_a_file(home: Path) -> None:
    shutil.rmtree(home / "index")
    (home / "index").write_text("x", encoding="utf-8")


def _manifest_agrees(home: Path) -> None:
    """Tokens changed and the manifest's checksum updated to match: the pointer's hash of the
    manifest no longer does."""
    import hashlib

    _edit_lexical(_one_word)(home)
    manifest = json.loads(_manifest(home).read_text(encoding="utf-8"))
    manifest["files"]["lexical.json"] = hashlib.sha256(_lexical(home).read_bytes()).hexdigest()
    _manifest(home).write_text(json.dumps(manifest), encoding="utf-8")


def _pointer_to(name: str) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        pointer = json.loads(_pointer(home).read_text(encoding="utf-8"))
        pointer["version"] = name
        _pointer(home).write_text(json.dumps(pointer), encoding="utf-8")
    return damage


def _lock_a_folder(home: Path) -> None:
    """The build lock is a folder, and a rebuild is needed (the tokens are damaged)."""
    _edit_lexical(_empty_lists)(home)
    lock = home / "index" / "build.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()


WELL_FORMED: dict[str, Callable[[Path], None]] = {
    "lexical.json token lists shuffled (same key)": _edit_lexical(_shuffle),
    "lexical.json token lists emptied": _edit_lexical(_empty_lists),
    "chroma folder replaced by a file": _chroma_a_file,
    "chroma segment folder removed": _segment_removed,
    "version folder removed": _version_removed,
    "index folder replaced by a file": _index_a_file,
    "manifest updated to match changed tokens": _manifest_agrees,
    "pointer names a missing version": _pointer_to("20000101T000000-deadbeef"),
    "pointer names ../../corpus": _pointer_to("../../corpus"),
    "build lock is a folder": _lock_a_folder,
}


def _attack(damage: Callable[[Path], None]) -> Callable[[Lab], Outcome]:
    def run(lab: Lab) -> Outcome:
        home = lab.built_home()
        damage(home)
        return lab.matches_golden(home)
    return run


def _file_attack(locate: Callable[[Path], Path], how: str) -> Callable[[Lab], Outcome]:
    return _attack(lambda home: BYTE_DAMAGE[how](locate(home)))


def attacks() -> list[Attack]:
    out = [Attack(f"{name} {how}", _file_attack(locate, how))
           for name, (locate, hows) in FILES.items() for how in hows]
    out += [Attack(name, _attack(damage)) for name, damage in WELL_FORMED.items()]
    return out
