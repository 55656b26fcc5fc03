"""Versioned search-index folders: built aside, published atomically, verified when opened.

Layout under the index directory (home/index):

    current.json        the pointer: {"version": name, "manifest": sha256 of its manifest.json},
                        replaced with os.replace, so a reader sees the old version or the new one
    build.lock          held by the one process building (filelock); readers never take it while
                        the current version verifies
    versions/NAME/      a published version, never modified: its index files and manifest.json
                        (a sha256 for every file, and what the files were built from)
    versions/.build-*   a build in progress; a failed build removes its own, the next build
                        removes those of killed builds

Readers copy what they need out of a version as they verify it (the lexical index into memory,
the Chroma store into a private temporary folder), so a version is only read while a process
opens it. A build keeps the version it replaced (a reader may be opening it) and removes older
ones; a reader whose version disappears half-way sees a missing file and starts again from the
pointer.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TypeVar

from assistant.errors import IpmsError
from assistant.retrieval.files import checksums, fsync_dir, make_room, write_durably, write_error

log = logging.getLogger(__name__)
T = TypeVar("T")

POINTER = "current.json"
LOCK = "build.lock"
VERSIONS = "versions"
MANIFEST = "manifest.json"
_BUILDING = ".build-"
_MAX_SMALL_FILE = 1 << 20  # pointer and manifest: anything larger is not ours


class CorruptIndex(Exception):
    """A version whose files do not match its manifest (missing, changed, replaced)."""


@dataclass(frozen=True)
class Manifest:
    """What a version holds: every file's sha256 (paths relative to the version folder, '/'
    separated), the key of what it was built from, and its dense part if it has one."""

    name: str
    key: str
    dense: str | None = None  # the dense part's key (embedding model, store format), or None
    collection: str | None = None  # the collection's name when the vectors are on a Chroma server
    files: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "key": self.key, "dense": self.dense,
                           "collection": self.collection, "files": dict(self.files)},
                          ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        """Raises CorruptIndex when the text is not a manifest."""
        try:
            raw = json.loads(data.decode("utf-8"))
            files = raw["files"]
            manifest = cls(raw["name"], raw["key"], raw["dense"], raw["collection"],
                           tuple(sorted(files.items())))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CorruptIndex(f"unreadable manifest ({exc.__class__.__name__})") from None
        if not all(isinstance(v, str) for pair in manifest.files for v in pair) or not all(
                isinstance(v, (str, type(None))) for v in (manifest.dense, manifest.collection)) \
                or not isinstance(manifest.name, str) or not isinstance(manifest.key, str):
            raise CorruptIndex("unreadable manifest (wrong types)")
        return manifest


@dataclass(frozen=True)
class Version:
    """A published version: its folder and its manifest (already checked against the pointer)."""

    path: Path
    manifest: Manifest

    @property
    def name(self) -> str:
        return self.manifest.name

    def read(self, relative: str) -> bytes:
        """The bytes of one file, verified against the manifest; raises CorruptIndex."""
        expected = dict(self.manifest.files).get(relative)
        if expected is None:
            raise CorruptIndex(f"{relative} is not part of version {self.name}")
        try:
            data = (self.path / relative).read_bytes()
        except OSError as exc:
            raise CorruptIndex(f"{relative}: {exc.strerror or exc}") from None
        if hashlib.sha256(data).hexdigest() != expected:
            raise CorruptIndex(f"{relative} does not match its checksum")
        return data

    def copy_folder(self, relative: str, target: Path) -> None:
        """Copy every file the manifest lists under `relative`/ to `target`, verifying each
        while copying (so what is used is what was checked). Raises CorruptIndex; OSError when
        the target cannot be written."""
        prefix = relative.rstrip("/") + "/"
        listed = [(path, digest) for path, digest in self.manifest.files if path.startswith(prefix)]
        if not listed:
            raise CorruptIndex(f"version {self.name} has no {relative}/")
        for path, expected in listed:
            destination = target / path[len(prefix):]
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            try:
                source = open(self.path / path, "rb")
            except OSError as exc:
                raise CorruptIndex(f"{path}: {exc.strerror or exc}") from None
            with source, open(destination, "wb") as out:
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != expected:
                raise CorruptIndex(f"{path} does not match its checksum")


@dataclass(frozen=True)
class Built:
    """What a build callback reports about the files it wrote."""

    key: str
    dense: str | None = None
    collection: str | None = None


# A build callback: (empty folder to fill, the new version's name, the version being replaced or
# None) -> what it built. A loader: a version -> the opened index (raises CorruptIndex).
BuildFn = Callable[[Path, str, "Version | None"], Built]


class IndexStore:
    """The versions under one index directory.

    `lock_timeout`: seconds a process waits for another one's build before giving up.
    `on_remove`: called with the manifest of each version removed (to drop a server collection).
    """

    def __init__(self, root: Path, lock_timeout: float = 900.0,
                 on_remove: Callable[[Manifest], None] | None = None) -> None:
        self.root = root
        self.lock_timeout = lock_timeout
        self.on_remove = on_remove

    # -- reading ----------------------------------------------------------------------------------
    def pointer(self) -> bytes | None:
        """The pointer file's bytes (cheap: one small read), or None when there is none."""
        try:
            with open(self.root / POINTER, "rb") as handle:
                return handle.read(_MAX_SMALL_FILE)
        except OSError:
            return None

    def current(self) -> Version | None:
        """The version the pointer names, its manifest verified; None when there is no usable
        pointer. Raises CorruptIndex when the manifest does not match the pointer."""
        raw = self.pointer()
        if raw is None:
            return None
        try:
            pointer = json.loads(raw.decode("utf-8"))
            name, expected = pointer["version"], pointer["manifest"]
        except (ValueError, KeyError, TypeError):
            raise CorruptIndex("unreadable pointer") from None
        if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
            raise CorruptIndex("unreadable pointer")
        path = self.root / VERSIONS / name
        try:
            with open(path / MANIFEST, "rb") as handle:
                data = handle.read(_MAX_SMALL_FILE)
        except OSError as exc:
            raise CorruptIndex(f"manifest of {name}: {exc.strerror or exc}") from None
        if hashlib.sha256(data).hexdigest() != expected:
            raise CorruptIndex(f"manifest of {name} does not match the pointer")
        manifest = Manifest.from_json(data)
        if manifest.name != name:
            raise CorruptIndex(f"manifest of {name} names another version")
        return Version(path, manifest)

    def open(self, accept: Callable[[Manifest], bool], load: Callable[[Version], T],
             build: BuildFn) -> tuple[Version, T, bool]:
        """(version, loaded index, whether this call built it): the current version when
        accept() takes it and load() verifies it; otherwise, under the build lock, the version
        another process has just published or a new one built here. Raises IpmsError when a
        build is needed and cannot be written."""
        try:
            version = self.current()
            if version is not None and accept(version.manifest):
                return version, load(version), False
        except CorruptIndex as exc:
            log.info("index version not usable without the lock: %s", exc)
        with self._locked():
            version = None
            try:
                version = self.current()
                if version is not None and accept(version.manifest):
                    return version, load(version), False
            except CorruptIndex as exc:
                # The build may reuse what of it still verifies (e.g. the vectors when only the
                # tokens are damaged): embedding again costs far more than copying.
                log.warning("search index damaged (%s); rebuilding", exc)
            built = self._publish(build, version)
            try:
                return built, load(built), True
            except CorruptIndex as exc:
                raise IpmsError(f"the search index just built under {self.root} is not usable "
                                f"({exc}); run `ipms index` to build it from scratch") from None

    # -- writing ----------------------------------------------------------------------------------
    def rebuild(self, build: BuildFn) -> Version:
        """Build and publish a new version now (`ipms index`), whatever the current one is."""
        with self._locked():
            try:
                previous = self.current()
            except CorruptIndex:
                previous = None
            return self._publish(build, previous)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        try:
            make_room(self.root, folder=True)  # the index folder is ours
            self.root.mkdir(parents=True, exist_ok=True)
            make_room(self.root / LOCK, folder=False)
            lock = FileLock(str(self.root / LOCK), timeout=self.lock_timeout)
            lock.acquire()
        except Timeout:
            raise IpmsError(f"another process has been building the search index under "
                            f"{self.root} for {self.lock_timeout:.0f} s; try again later") from None
        except OSError as exc:
            raise (write_error(self.root, exc) or exc) from None
        try:
            yield
        finally:
            lock.release()

    def _publish(self, build: BuildFn, previous: Version | None) -> Version:
        """Under the lock: build into a hidden folder, write its manifest, rename it into
        versions/, point at it, then remove what no reader needs any more."""
        versions = self.root / VERSIONS
        name = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(4)
        folder = versions / f"{_BUILDING}{name}"
        try:
            self._remove_unused(keep={previous.name} if previous else set())
            make_room(versions, folder=True)
            make_room(self.root / POINTER, folder=False)
            folder.mkdir(parents=True)
            built = build(folder, name, previous)
            manifest = Manifest(name, built.key, built.dense, built.collection, checksums(folder))
            data = manifest.to_json().encode("utf-8")
            write_durably(folder / MANIFEST, data)
            os.rename(folder, versions / name)
            fsync_dir(versions)
            pointer = {"version": name, "manifest": hashlib.sha256(data).hexdigest()}
            write_durably(self.root / POINTER, json.dumps(pointer).encode("utf-8"))
        except BaseException as exc:
            shutil.rmtree(folder, ignore_errors=True)
            if (versions / name).is_dir() and self.pointed_name() != name:
                shutil.rmtree(versions / name, ignore_errors=True)
            if isinstance(exc, Exception) and (error := write_error(self.root, exc)):
                raise error from None
            raise
        self._remove_unused(keep={name} | ({previous.name} if previous else set()))
        return Version(versions / name, manifest)

    def pointed_name(self) -> str | None:
        """The name of the version the pointer names (not verified), or None."""
        try:
            return json.loads((self.pointer() or b"{}").decode("utf-8")).get("version")
        except (ValueError, AttributeError):
            return None

    def _remove_unused(self, keep: set[str]) -> None:
        """Remove every version but `keep` and the pointed one, unfinished builds, and the
        files of the layout before versions (index/lexical.json, index/chroma)."""
        keep = keep | {self.pointed_name() or ""}
        versions = self.root / VERSIONS
        for legacy in (self.root / "lexical.json", self.root / "chroma"):
            if legacy.is_dir() and not legacy.is_symlink():
                shutil.rmtree(legacy, ignore_errors=True)
            elif legacy.exists() or legacy.is_symlink():
                legacy.unlink(missing_ok=True)
        if not versions.is_dir():
            return
        for path in versions.iterdir():
            if path.name in keep:
                continue
            if self.on_remove is not None and not path.name.startswith(_BUILDING):
                try:
                    self.on_remove(Manifest.from_json((path / MANIFEST).read_bytes()))
                except (OSError, CorruptIndex):
                    pass
                except Exception as exc:  # a server that is down keeps an orphan collection
                    log.warning("could not drop the collection of %s: %s", path.name, exc)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
