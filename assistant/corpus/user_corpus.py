"""The user's corpus folder (home/corpus): changes that land whole or not at all, one at a time.

The manifest is the only thing that says which documents exist, and replacing it is the one
moment a change happens. A document's text is written under a name of its own
(`<id>.<12 hex digits of its hash>.txt`) before the manifest names it, so a new text never
overwrites the one a reader may be using; if the manifest cannot be written, the new file is
removed again. Every read-modify-write of the manifest holds a lock (`.corpus.lock`, a filelock)
so concurrent `ipms corpus add`/`remove` never lose each other's entries. Under the lock, files a
killed process left behind (temporary files, texts no manifest entry names) are removed first.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.corpus.store import MANIFEST, read_manifest
from assistant.errors import IpmsError, describe_os_error

LOCK_FILE = ".corpus.lock"
LOCK_TIMEOUT_S = 60.0
_TEMP_PREFIX = ".ipms-"
# Texts this folder may hold: "<id>.txt" (older homes) and "<id>.<hash>.txt".
_TEXT_FILE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,40}\.txt$")


def text_file_name(doc_id: str, sha256: str) -> str:
    """The file a document's text is stored in: its id and the start of its text's hash."""
    return f"{doc_id}.{sha256[:12]}.txt"


def _oserror(directory: Path, exc: OSError) -> IpmsError:
    return IpmsError(f"cannot write the corpus in {directory}: {describe_os_error(exc)}; "
                     "nothing was changed")


@contextmanager
def corpus_lock(directory: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[list[dict]]:
    """Hold the folder's lock; yields the manifest entries as they are under the lock, after
    removing what interrupted changes left behind.

    Raises IpmsError when the folder cannot be created or written, or the lock is still held by
    another process after `timeout` seconds."""
    if directory.exists() and not directory.is_dir():
        raise IpmsError(f"cannot write the corpus: {directory} is a file, not a folder")
    lock = FileLock(str(directory / LOCK_FILE), timeout=timeout)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise IpmsError(f"another `ipms corpus add` or `remove` has held {directory} for over "
                        f"{timeout:.0f} s; try again when it is done") from None
    except OSError as exc:
        raise _oserror(directory, exc) from None
    try:
        entries = read_entries(directory)
        _sweep(directory, entries)
        yield entries
    finally:
        lock.release()


def read_entries(directory: Path) -> list[dict]:
    """The manifest's entries ([] when there is none); IpmsError when it cannot be read."""
    try:
        return read_manifest(directory)
    except OSError as exc:
        raise IpmsError(f"the corpus manifest in {directory} cannot be read: "
                        f"{describe_os_error(exc)}") from None


def _sweep(directory: Path, entries: list[dict]) -> None:
    """Remove temporary files and texts no entry names (left by a killed add or remove)."""
    named = {entry.get("file") for entry in entries}
    for path in directory.iterdir():
        stray = path.name.startswith(_TEMP_PREFIX) or (
            _TEXT_FILE.match(path.name) is not None and path.name not in named)
        if stray and path.is_file():
            path.unlink(missing_ok=True)


def _write_file(directory: Path, name: str, data: str) -> Path:
    """Write `data` to a temporary file in `directory`, flushed to disk; returns its path."""
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f"{_TEMP_PREFIX}{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_manifest(directory: Path, entries: list[dict]) -> None:
    """Replace the manifest in one step (a temporary file renamed over it)."""
    text = json.dumps({"documents": entries}, ensure_ascii=False, indent=2) + "\n"
    tmp = _write_file(directory, MANIFEST, text)
    try:
        os.replace(tmp, directory / MANIFEST)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def commit(directory: Path, old_entries: list[dict], new_entries: list[dict],
           text: tuple[str, str] | None = None) -> None:
    """Make `new_entries` the manifest, with `text` = (file name, content) stored first; call it
    inside corpus_lock. Texts the old manifest named and the new one does not are deleted
    afterwards.

    Raises IpmsError on a write failure (disk full, read-only folder), with the folder exactly
    as it was: the new text is removed again and the old manifest stays."""
    old_files = {entry["file"] for entry in old_entries}
    new_files = {entry["file"] for entry in new_entries}
    written: Path | None = None
    try:
        if text is not None:
            name, content = text
            tmp = _write_file(directory, name, content)
            written = directory / name
            try:
                os.replace(tmp, written)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        write_manifest(directory, new_entries)
    except BaseException as exc:
        if written is not None and written.name not in old_files:
            written.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _oserror(directory, exc) from None
        raise
    for name in old_files - new_files:
        try:
            (directory / name).unlink(missing_ok=True)
        except OSError:
            pass  # no entry names it any more: the next change sweeps it
