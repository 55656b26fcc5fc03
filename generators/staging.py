"""Where a package is written before it is moved into place, and which folders it may replace.

A package is written into a staging folder beside its destination (the same file system, so
moving it in is a rename) and committed only when complete: an existing destination is moved
aside, the package moved in. A staging folder holds a lock its drafting process keeps while it
lives, so a folder whose lock nobody holds belongs to a killed run; the next draft beside it
removes it (moving a package that was complete when its run died into place first, if the
destination is missing). SIGTERM and SIGHUP become SystemExit while a staging folder exists, so
it is removed on those exits too; Ctrl-C already raises KeyboardInterrupt.

Every package carries a marker file (MARKER) listing the files it holds with the SHA-256 of
what ipms wrote in each; only a folder with a valid marker may be written over (with force),
never the current folder, the home folder or a folder holding either. An existing folder is
kept: the files its marker lists are replaced by the new package's, one rename each, while
termination signals wait; the folder's permissions and every other file in it (the user's own)
stay as they are. A listed file whose content is no longer what ipms wrote (a consultant edited
it), or whose hash the marker lacks (a marker of the versions before hashes), is not thrown
away: it is moved to REPLACED/<UTC time>/ inside the package, under the same relative path.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.errors import IpmsError

STAGING_PREFIX = ".ipms-draft-staging-"
MARKER = ".ipms-package.json"
REPLACED = ".ipms-replaced"  # inside a package: the edited files a --force run kept
_LOCK, _TARGET, _PACKAGE, _OLD = "lock", "target", "package", "old"
_UNLOCKED_GRACE_S = 60  # a staging folder without its lock file yet: a run between two steps
_MAX_ENTRIES = 5000  # more than any package holds


# -- what may be replaced -------------------------------------------------------------------------
def _marker(folder: Path) -> dict | None:
    """The package's marker, or None when the folder holds no valid one."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("written_by") != "ipms":
        return None
    if not isinstance(data.get("files"), list):
        return None
    return data


def _package_files(folder: Path) -> set[str] | None:
    """The files a package's marker lists, or None when the folder holds no valid marker."""
    data = _marker(folder)
    return None if data is None else {f for f in data["files"] if _plain_relative(f)}


def _plain_relative(path: object) -> bool:
    """Whether a marker's entry is a path inside the package (a forged '../x' or '/x' is not
    one, and its file is never touched)."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return False
    parts = Path(path).parts
    return not Path(path).is_absolute() and ".." not in parts


def _package_hashes(folder: Path) -> dict[str, str]:
    """{path inside the package: SHA-256 hex of what ipms wrote there} from its marker; {} for
    a marker written before hashes were recorded (or none)."""
    hashes = (_marker(folder) or {}).get("sha256")
    if not isinstance(hashes, dict):
        return {}
    return {k: v for k, v in hashes.items() if isinstance(k, str) and isinstance(v, str)}


def file_hash(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes (hashlib.file_digest reads it in blocks)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _as_written(path: Path, expected: str | None) -> bool:
    """Whether `path` is a plain file still holding what ipms wrote (hash `expected`)."""
    if expected is None or path.is_symlink() or not path.is_file():
        return False
    try:
        return file_hash(path) == expected
    except OSError:
        return False


def _unreadable(error: OSError) -> None:
    raise IpmsError(f"cannot look inside {error.filename}: {error.strerror}")


def _present_files(folder: Path) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder, onerror=_unreadable):  # links listed, not followed
        base = Path(root).relative_to(folder)
        out += [(base / name).as_posix() for name in names]
        out += [(base / name).as_posix() for name in dirs if (Path(root) / name).is_symlink()]
        if len(out) > _MAX_ENTRIES:
            break
    return out


def check_destination(target: Path, force: bool, cwd: Path, home: Path | None) -> None:
    """Raise IpmsError (one line, saying why) unless a package may be written to `target`.

    `target` is resolved. A missing folder or an empty one is fine; the current folder, the home
    folder and any folder holding one of them never are; an existing package only with `force`
    and only when it holds a valid marker (the files it does not list are the user's: kept)."""
    if target.parent == target:
        raise IpmsError(f"refusing to write a package to {target}: it is the root of the file "
                        "system")
    for protected, what in ((cwd, "the current folder"), (home, "your home folder")):
        if protected is not None and (target == protected or target in protected.parents):
            raise IpmsError(f"refusing to replace {target}: it "
                            + (f"is {what}" if target == protected else f"holds {what}"))
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir():
        raise IpmsError(f"{target} exists and is not a folder")
    present = _present_files(target)
    if not present:
        return
    if not force:
        raise IpmsError(f"{target} already exists; use --force to replace it")
    listed = _package_files(target)
    if listed is None:
        raise IpmsError(f"refusing to replace {target}: it is not a package written by ipms "
                        f"(no valid {MARKER} in it)")


# -- signals --------------------------------------------------------------------------------------
def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _terminations_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP raise SystemExit(128 + signal) inside the block (main thread only:
    elsewhere, e.g. in a web worker, signals are the server's business)."""
    if not _main_thread():
        yield
        return

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s]
    previous = {s: signal.signal(s, leave) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Termination signals wait until the block is done (POSIX, main thread), so the two
    renames of a commit are never separated by an exit."""
    mask = {s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None),
                        getattr(signal, "SIGINT", None)) if s}
    if not (_main_thread() and hasattr(signal, "pthread_sigmask")):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# -- staging ---------------------------------------------------------------------------------------
def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _recover(folder: Path) -> None:
    """A run killed between its two renames left the old package in `old` and the complete new
    one in `package`: put the new one where it belongs, if that place is still free."""
    package = folder / _PACKAGE
    if not (folder / _OLD).exists() or _package_files(package) is None:
        return
    try:
        name = (folder / _TARGET).read_text(encoding="utf-8").strip()
    except OSError:
        return
    if not name or name in (".", "..") or "/" in name or os.sep in name:
        return
    target = folder.parent / name
    if not target.exists() and not target.is_symlink():
        os.replace(package, target)


_PACKAGE_ENTRIES = {"01-manual", "02-procedures", "03-forms", "traceability.docx",
                    "traceability.csv", "coverage.md"}


def _legacy(entry: Path, target_name: str | None) -> bool:
    """A staging folder of the versions before this one, which had no lock: '.NAME.xxxxxxxx'
    holding only package files, or '.NAME.old.xxxxxxxx' holding only 'package' (NAME being the
    output folder's name). The old package is put back when the output folder is missing."""
    if target_name is None:
        return False
    match = re.fullmatch(re.escape(f".{target_name}.") + r"(old\.)?[a-z0-9_]{8}", entry.name)
    if match is None:
        return False
    inside = {child.name for child in entry.iterdir()}
    if match[1]:
        if inside != {"package"}:
            return False
        target = entry.parent / target_name
        if not target.exists() and not target.is_symlink():
            os.replace(entry / "package", target)
        return True
    return inside <= _PACKAGE_ENTRIES


def clean_stale(parent: Path, target_name: str | None = None,
                now: float | None = None) -> list[Path]:
    """Remove the staging folders in `parent` left by killed runs (their lock is free), and
    those the versions before locks left beside the output folder `target_name`; returns them.
    Best effort: a folder that cannot be removed is left for the next run."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        try:
            if (not entry.name.startswith(STAGING_PREFIX) and not entry.is_symlink()
                    and entry.is_dir() and _legacy(entry, target_name)):
                _remove(entry)
                removed.append(entry)
        except OSError:
            continue
    entries = [e for e in entries if e.name.startswith(STAGING_PREFIX)]
    for entry in entries:
        try:
            if entry.is_symlink() or not entry.is_dir():
                continue
            lock_file = entry / _LOCK
            if not lock_file.exists():
                if now - entry.stat().st_mtime > _UNLOCKED_GRACE_S:
                    _remove(entry)
                    removed.append(entry)
                continue
            lock = FileLock(str(lock_file), timeout=0)
            try:
                lock.acquire()
            except Timeout:
                continue  # a live draft
            try:
                _recover(entry)
                _remove(entry)
                removed.append(entry)
            finally:
                lock.release()
        except OSError:
            continue
    return removed


@dataclass(frozen=True)
class Kept:
    """What a --force run kept of the package it replaced: `files` (paths inside the package)
    whose content was not what ipms wrote, moved to `folder` (inside the package, None when
    nothing was kept) under the same relative paths."""

    folder: Path | None = None
    files: tuple[str, ...] = ()


def _backup_folder(target: Path) -> Path:
    """A new, unused REPLACED/<UTC time> path inside `target` (not created)."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    folder, n = target / REPLACED / stamp, 1
    while folder.exists() or folder.is_symlink():
        n += 1
        folder = target / REPLACED / f"{stamp}-{n}"
    return folder


@dataclass
class Staging:
    """A staging folder for one package: write into `package`, then `commit`."""

    folder: Path
    target: Path

    @property
    def package(self) -> Path:
        return self.folder / _PACKAGE

    def commit(self, files: list[Path]) -> Kept:
        """Mark the package as ipms's (listing `files`, paths inside `package`, each with its
        SHA-256) and move it to the target, replacing what is there (check_destination decided
        that it may). Returns the edited files of the replaced package that were kept (Kept)."""
        root = self.package.resolve()
        listed = sorted(f.relative_to(root).as_posix() for f in files)
        hashes = {rel: file_hash(root / rel) for rel in listed}
        (self.package / MARKER).write_text(
            json.dumps({"written_by": "ipms", "format": 2, "files": listed, "sha256": hashes},
                       ensure_ascii=False, indent=1), encoding="utf-8")
        with _signals_held():
            if self.target.is_dir() and not self.target.is_symlink():
                return self._replace_inside(listed + [MARKER])
            elif self.target.exists() or self.target.is_symlink():
                old = self.folder / _OLD
                os.replace(self.target, old)
                try:
                    os.replace(self.package, self.target)
                except BaseException:
                    os.replace(old, self.target)
                    raise
            else:
                os.replace(self.package, self.target)
        return Kept()

    def _replace_inside(self, new: list[str]) -> Kept:
        """Swap the old package's files in the existing target for the new ones (`new`, paths
        inside `package`), leaving the folder itself and the user's files alone; an old file
        that is not what ipms wrote is moved to a new REPLACED/<time> folder instead of being
        dropped. Everything is put back if a rename fails. A new file where the user has one of
        his own is refused."""
        old_listed = (_package_files(self.target) or set()) | {MARKER}
        written = _package_hashes(self.target)
        taken = [rel for rel in new if rel not in old_listed
                 and ((self.target / rel).exists() or (self.target / rel).is_symlink())]
        if taken:
            raise IpmsError(f"refusing to write over {self.target / taken[0]}: ipms did not "
                            "write it")
        aside, backup = self.folder / _OLD, _backup_folder(self.target)
        moved_in: list[str] = []
        moved_out: list[tuple[str, Path]] = []
        kept: list[str] = []
        try:
            for rel in sorted(old_listed):
                source = self.target / rel
                if (source.exists() or source.is_symlink()) and not source.is_dir():
                    edited = rel != MARKER and not _as_written(source, written.get(rel))
                    place = (backup if edited else aside) / rel
                    place.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, place)
                    moved_out.append((rel, place))
                    kept += [rel] if edited else []
            for rel in new:
                (self.target / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.package / rel, self.target / rel)
                moved_in.append(rel)
        except BaseException:
            for rel in moved_in:
                os.replace(self.target / rel, self.package / rel)
            for rel, place in moved_out:
                os.replace(place, self.target / rel)
            _prune_empty(self.target, _inside(self.target, backup))
            raise
        _prune_empty(self.target, {Path(rel).parent for rel, _ in moved_out} - {Path(".")})
        return Kept(backup, tuple(kept)) if kept else Kept()


def _inside(root: Path, folder: Path) -> set[Path]:
    """The folders under `folder` (itself included), as paths inside `root`; {} when absent."""
    if not folder.is_dir():
        return set()
    found = {Path(dirpath).relative_to(root) for dirpath, _, _ in os.walk(folder)}
    return found


def _prune_empty(root: Path, folders: set[Path]) -> None:
    """Remove the folders (paths inside root) the old package's files left empty, deepest
    first; a folder still holding anything (the user's files) stays."""
    candidates = set()
    for folder in folders:
        candidates |= {folder, *[p for p in folder.parents if p != Path(".")]}
    for folder in sorted(candidates, key=lambda p: len(p.parts), reverse=True):
        try:
            (root / folder).rmdir()
        except OSError:
            continue


@contextmanager
def staging_for(target: Path) -> Iterator[Staging]:
    """A locked staging folder beside `target` (resolved; its parent is created), removed when
    the block ends however it ends (see clean_stale for the ends a process cannot see)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _terminations_as_exit():
        folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
        lock = FileLock(str(folder / _LOCK), timeout=0)
        try:
            lock.acquire()
            (folder / _TARGET).write_text(target.name, encoding="utf-8")
            (folder / _PACKAGE).mkdir()
            yield Staging(folder, target)
        finally:
            lock.release()
            _remove(folder)
