"""File names made from user data, and writes that stay inside one folder.

Nothing a user typed becomes a path as it is. A name derived from intake facts (a document
number, a company's short name) goes through `safe_name`, which reduces it to one harmless path
component; every file of a package is then placed through `OutputFolder.path`, which refuses a
path that would resolve outside the folder, and written with `create_new`, which never follows a
link and never overwrites.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pathvalidate import sanitize_filename

from assistant.errors import IpmsError

MAX_NAME_BYTES = 200  # UTF-8 bytes; common file systems allow 255

# Separators and the characters Windows forbids in a name (a zip is opened there too), and every
# whitespace but the plain space; runs of spaces become one.
_SEPARATING = re.compile(r'[/\\:*?"<>|]+|[^\S ]+')
_SPACES = re.compile(r" {2,}")
_UNDERSCORES = re.compile(r"_{2,}")
_EDGES = "._- "


def _visible(ch: str) -> bool:
    """False for control, format (bidi overrides, zero-width), surrogate, private and unassigned
    characters: nothing invisible or unencodable reaches a file name."""
    return unicodedata.category(ch)[0] != "C"


def safe_name(text: str, fallback: str = "unnamed", max_bytes: int = MAX_NAME_BYTES) -> str:
    """One path component made from arbitrary text, readable where it can be.

    Letters of every script (Chinese included), digits, single spaces and ordinary punctuation
    stay; separators, other whitespace and characters Windows forbids become '_'; invisible
    characters are dropped; dots, dashes, underscores and spaces are stripped from both ends (no
    hidden file, no option-like name, never '.' or '..'); a Windows device name (CON, NUL, ...)
    gets a '_'; the result is at most `max_bytes` bytes of UTF-8, cut at a character boundary.
    Returns `fallback` (itself a safe name) when nothing is left.
    """
    text = unicodedata.normalize("NFC", text)
    text = _SEPARATING.sub("_", text)
    text = "".join(ch for ch in text if _visible(ch))
    text = _SPACES.sub(" ", _UNDERSCORES.sub("_", text)).strip(_EDGES)
    text = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore").strip(_EDGES)
    if text:  # Windows device names and anything else the library knows is reserved
        text = sanitize_filename(text, platform="universal", max_len=max_bytes + 1,
                                 replacement_text="_")
    return text or fallback


def is_safe_name(name: str) -> bool:
    """True when `name` is a single component `safe_name` would leave as it is."""
    return bool(name) and safe_name(name, fallback="") == name


def create_new(path: Path) -> BinaryIO:
    """Open a new file for binary writing: fails if anything (a file, a link) is already there.

    Raises IpmsError when the name is taken, OSError for other failures (permissions, full disk)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(
        os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise IpmsError(f"two documents would be written to the same file: {path.name}") from None
    return os.fdopen(fd, "wb")


@dataclass(frozen=True)
class OutputFolder:
    """A folder every file of one package is written into, and nowhere else.

    `root` must be an existing, absolute, resolved directory."""

    root: Path

    def __post_init__(self) -> None:
        if not self.root.is_absolute() or self.root.resolve() != self.root:
            raise ValueError(f"OutputFolder needs a resolved absolute path, got {self.root}")

    def path(self, *names: str) -> Path:
        """root/names…, parent folders created; each name must be one safe component (see
        `safe_name`), and the path must resolve inside root (a link planted inside cannot lead
        out). Raises IpmsError otherwise: a bug or an attack, never a user's typo."""
        for name in names:
            if not is_safe_name(name):
                raise IpmsError(f"refusing to write a file named {name[:80]!r}: not a plain "
                                "file name")
        target = self.root.joinpath(*names)
        target.parent.mkdir(parents=True, exist_ok=True)
        resolved = target.parent.resolve() / target.name
        if not resolved.is_relative_to(self.root) or resolved == self.root:
            raise IpmsError(f"refusing to write outside the output folder: {target}")
        return resolved

    def write_bytes(self, data: bytes, *names: str) -> Path:
        """Write a new file at root/names… (see `path`); returns its path."""
        target = self.path(*names)
        with create_new(target) as handle:
            handle.write(data)
        return target

    def write_text(self, text: str, *names: str, encoding: str = "utf-8") -> Path:
        """Write a new text file at root/names… (see `path`); returns its path."""
        return self.write_bytes(text.encode(encoding), *names)
