"""Read a user's standard (text, Markdown, Word .docx or PDF) into plain text.

What a file is comes from its bytes (sniffing.py), never from its name; the name only tells
Markdown from plain text. Each format has one reader, `(data, name, limits) -> blocks`
(assistant/corpus/blocks.py), in READERS; the clause parsers read `render_text(blocks)`, so they
never see a format. Work is bounded: a file, and the text read from it, may not exceed
`Settings.max_import_mb`, and a .docx may not unpack to more than ten times that (see
ImportLimits.zip).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.blocks import Block, render_text, text_blocks
from assistant.corpus.docx_import import read_docx
from assistant.corpus.pdf_import import read_pdf
from assistant.corpus.sniffing import ZipLimits, decode_text, sniff
from assistant.errors import IpmsError, describe_os_error

MARKDOWN_SUFFIXES = (".md", ".markdown")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates (from a PDF's fonts)
LIMIT_SETTING = "IPMS_MAX_IMPORT_MB"


@dataclass(frozen=True)
class ImportLimits:
    """How much one import may read."""

    max_bytes: int  # of the file, and of the text read from it (UTF-8)

    @classmethod
    def from_mb(cls, megabytes: float) -> "ImportLimits":
        return cls(int(megabytes * 1_000_000))

    @property
    def zip(self) -> ZipLimits:
        """A .docx may unpack to ten times the limit (XML markup is verbose), and to 20 MB
        whatever the limit (its styles and theme alone take about 1 MB)."""
        return ZipLimits(max_unpacked_bytes=max(10 * self.max_bytes, 20_000_000))

    def describe(self) -> str:
        return f"{self.max_bytes / 1e6:g} MB import limit ({LIMIT_SETTING})"


def _read_text(data: bytes, name: str, limits: ImportLimits) -> list[Block]:
    return text_blocks(decode_text(data, name))


def _read_markdown(data: bytes, name: str, limits: ImportLimits) -> list[Block]:
    text = decode_text(data, name)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)  # heading markers
    return text_blocks(re.sub(r"\*\*(.+?)\*\*", r"\1", text))  # bold


Reader = Callable[[bytes, str, ImportLimits], list[Block]]
READERS: dict[str, Reader] = {"text": _read_text, "markdown": _read_markdown,
                              "docx": read_docx, "pdf": read_pdf}


def _load(path: Path, limits: ImportLimits) -> bytes:
    if not path.exists():
        raise IpmsError(f"file not found: {path}")
    if not path.is_file():
        raise IpmsError(f"not a file: {path}")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise IpmsError(f"{path.name} is {size / 1e6:.1f} MB, over the {limits.describe()}")
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # the file may grow while we read it
    except OSError as exc:
        raise IpmsError(f"{path.name} cannot be read: {describe_os_error(exc)}") from None
    if len(data) > limits.max_bytes:
        raise IpmsError(f"{path.name} is over the {limits.describe()}")
    if not data:
        raise IpmsError(f"{path.name} is empty")
    return data


def read_blocks(path: Path, limits: ImportLimits) -> list[Block]:
    """The blocks of the document at `path`, read as what its bytes say it is.

    Raises IpmsError (one line) for a missing, empty, oversized, binary, encrypted, scanned,
    truncated or otherwise unreadable file."""
    data = _load(path, limits)
    kind = sniff(data, path.name, limits.zip)
    if kind == "text" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        kind = "markdown"
    return READERS[kind](data, path.name, limits)


def read_document(path: Path, limits: ImportLimits) -> str:
    """The text the clause parsers read for the document at `path` (render_text of its blocks).

    Raises IpmsError (one line) as read_blocks does, and for a file whose text exceeds the
    limit or holds no text."""
    text = _UNSTORABLE.sub("\ufffd", render_text(read_blocks(path, limits)))
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise IpmsError(f"{path.name}: the text read from it is over the {limits.describe()}")
    if not text.strip():
        raise IpmsError(f"{path.name} contains no text")
    return text
