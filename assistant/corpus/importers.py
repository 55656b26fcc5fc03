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
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.corpus.blocks import Block, render_text, text_blocks
from assistant.corpus.docx_import import read_docx
from assistant.corpus.pdf_furniture import is_toc_entry, is_toc_title
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


def contents_as_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks with a table of contents (a 目次 / 目录 / Contents line and the entries that
    follow it, blank lines between them included) turned into furniture: a text file's 目次, like a
    PDF's, may check the tree but never becomes part of it or of a quote."""
    out = list(blocks)
    i = 0
    while i < len(out):
        if out[i].kind == "furniture" or not is_toc_title(out[i].text):
            i += 1
            continue
        entries, j = [i], i + 1
        while j < len(out) and (not out[j].text.strip() or is_toc_entry(out[j].text)):
            entries.append(j)
            j += 1
        while entries and not out[entries[-1]].text.strip():
            entries.pop()  # the blank lines after the contents stay where they are
        if len(entries) > 1:
            for k in entries:
                out[k] = replace(out[k], kind="furniture")
        i = j
    return out


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


@dataclass(frozen=True)
class Source:
    """A file as its reader read it: the format its bytes say (a READERS key), its blocks
    (furniture included, with what the reader counted, e.g. joined lines) and the text the clause
    parsers read (render_text of the blocks)."""

    format: str
    blocks: list[Block]
    text: str


def read_source(path: Path, limits: ImportLimits) -> Source:
    """The document at `path`, read as what its bytes say it is; a typed table of contents is
    furniture whatever the format (contents_as_furniture).

    Raises IpmsError (one line) for a missing, empty, oversized, binary, encrypted, scanned,
    truncated or otherwise unreadable file, and for one whose text exceeds the limit or holds
    no text."""
    data = _load(path, limits)
    kind = sniff(data, path.name, limits.zip)
    if kind == "text" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        kind = "markdown"
    blocks = contents_as_furniture(READERS[kind](data, path.name, limits))
    text = _UNSTORABLE.sub("\ufffd", render_text(blocks))
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise IpmsError(f"{path.name}: the text read from it is over the {limits.describe()}")
    if not text.strip():
        raise IpmsError(f"{path.name} contains no text")
    return Source(kind, blocks, text)


def read_blocks(path: Path, limits: ImportLimits) -> list[Block]:
    """The blocks of the document at `path` (see read_source)."""
    return read_source(path, limits).blocks


def read_document(path: Path, limits: ImportLimits) -> str:
    """The text the clause parsers read for the document at `path` (see read_source)."""
    return read_source(path, limits).text
