"""File-system helpers for the search index: durable small writes, checksums, private temporary
folders, and full or read-only disks told apart from other errors (for one-line messages)."""
from __future__ import annotations

import errno
import hashlib
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from assistant.errors import IpmsError


def disk_problem(exc: BaseException) -> str | None:
    """'no space left', 'not writable' or 'write failed' when an exception (or its cause) comes
    from a full, read-only or failing disk, else None. Chroma reports SQLite's errors as text,
    hence the messages."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "no space left"
        if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "not writable"
        text = str(exc).lower()
        if any(s in text for s in ("disk is full", "no space left", "file too large",
                                   "disk quota")):
            return "no space left"
        if any(s in text for s in ("readonly database", "read-only file system",
                                   "permission denied")):
            return "not writable"
        if "disk i/o error" in text:  # SQLite's word for a failed write (EFBIG among others)
            return "write failed"
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def write_error(where: Path, exc: BaseException, what: str = "the search index"
                ) -> IpmsError | None:
    """The one-line error for a write under `where` that failed for lack of space or permission
    (None when the exception is something else)."""
    problem = disk_problem(exc)
    if problem == "no space left":
        return IpmsError(f"no space left on the disk to write {what} under {where}; "
                         "free some space and try again")
    if problem == "write failed":
        return IpmsError(f"the disk is full or failing: writing {what} under {where} failed "
                         "(disk I/O error); free some space and try again")
    if problem == "not writable" and what == "the search index":
        return IpmsError(f"the search index under {where} must be (re)built but the folder is "
                         "not writable (read-only data directory?); run `ipms index` where "
                         "IPMS_HOME is writable")
    if problem == "not writable":
        return IpmsError(f"cannot write {what} under {where}: the folder is not writable")
    return None


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Write a small file beside its final name, fsync, then os.replace it into place."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def make_room(path: Path, folder: bool) -> None:
    """Remove whatever of the wrong kind stands where the index keeps a folder or a file."""
    if path.is_symlink() or (path.exists() and path.is_dir() != folder):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def checksums(folder: Path) -> tuple[tuple[str, str], ...]:
    """sha256 of every file under folder (synced to disk first), relative '/' paths, sorted."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            os.fsync(handle.fileno())
        out.append((path.relative_to(folder).as_posix(), digest.hexdigest()))
    return tuple(out)


class PrivateFolder:
    """A temporary folder owned by this process while a lock file in it is held. Folders left
    by processes that died (kill -9) are removed by the next process that makes one."""

    PREFIX = "ipms-index-"

    def __init__(self, parent: Path | None = None) -> None:
        from filelock import FileLock

        parent = Path(parent or tempfile.gettempdir())
        _remove_orphans(parent, self.PREFIX)
        self.path = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=parent))
        self._lock = FileLock(str(self.path / ".owner.lock"), timeout=0)
        self._lock.acquire()

    def remove(self) -> None:
        try:
            self._lock.release()
        except Exception:
            pass
        shutil.rmtree(self.path, ignore_errors=True)


def _remove_orphans(parent: Path, prefix: str, min_age: float = 60.0) -> None:
    from filelock import FileLock, Timeout

    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    now = time.time()
    for path in candidates:
        try:
            info = path.lstat()
            if not path.is_dir() or path.is_symlink() or info.st_uid != os.getuid() \
                    or now - info.st_mtime < min_age:
                continue
            lock = FileLock(str(path / ".owner.lock"), timeout=0)
            lock.acquire()
        except (OSError, Timeout):
            continue  # its owner is alive (or it is not ours)
        try:
            shutil.rmtree(path, ignore_errors=True)
        finally:
            try:
                lock.release()
            except Exception:
                pass
