"""The web app's downloads folder: one per running app, in the temp dir, removed when the app
stops; folders left by apps that were killed are removed when the next app starts.

A running app holds an exclusive lock on a file inside its folder, so a folder whose lock can be
taken belongs to no live process (whatever its age or its process id)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

PREFIX = "ipms-web-"
LOCK_NAME = ".owner.lock"


def clean_stale(root: Path) -> list[Path]:
    """Remove the downloads folders under `root` that no live app holds; returns them."""
    removed = []
    for folder in sorted(root.glob(PREFIX + "*")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        lock = FileLock(str(folder / LOCK_NAME))
        try:
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            continue  # held by a running app (or not ours to touch)
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()
        removed.append(folder)
    return removed


class DownloadsFolder:
    """A fresh, locked folder `path` under `root` (the temp dir by default); `close()` removes it.
    Stale folders of killed apps under the same root are removed first."""

    def __init__(self, root: Path | None = None) -> None:
        root = Path(root or tempfile.gettempdir())
        clean_stale(root)
        # made under a name clean_stale does not match, locked, then renamed into place, so a
        # starting app never sees another starting app's folder unlocked
        staging = Path(tempfile.mkdtemp(prefix=".ipms-staging-", dir=root))
        self._lock = FileLock(str(staging / LOCK_NAME))
        self._lock.acquire(timeout=0)
        self.path = root / (PREFIX + staging.name.removeprefix(".ipms-staging-"))
        os.rename(staging, self.path)

    def close(self) -> None:
        """Remove the folder and everything in it (idempotent)."""
        shutil.rmtree(self.path, ignore_errors=True)
        try:
            self._lock.release()
        except OSError:
            pass
