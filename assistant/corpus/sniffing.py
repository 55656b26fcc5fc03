"""What an imported file is, from its bytes, and its text when it is text.

The one place that decides a file's format and a text file's encoding; the readers in
importers.py take it from here. A file's name never decides what it is: a PDF renamed .txt is read
as a PDF, a Word file renamed .pdf as a Word file. Anything that is none of the formats we read
(an image, an archive, an old .doc, binary data, text in no encoding we know) is refused with one
line saying what it is.
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

from assistant.errors import IpmsError

Format = Literal["pdf", "docx", "text"]

# Leading bytes of formats people might hand us by mistake -> what to call them.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
]
_USE = "use plain text, Markdown, Word (.docx) or PDF"
# Zip-based formats that are not a Word document: a member that identifies them -> their name.
_ZIP_KINDS = [("xl/workbook.xml", "an Excel workbook"), ("ppt/presentation.xml", "a PowerPoint file"),
              ("content.xml", "an OpenDocument file")]
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>])", re.I)
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")]
# Legacy encodings we detect, most likely first (the tie-break when two decode equally well):
# GB18030 covers GBK and GB2312.
_LEGACY = ["gb18030", "big5", "cp1252", "latin_1"]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01  # more C0 control characters than this and it is binary, not text
MAX_ZIP_MEMBERS = 10_000


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on a zip container (a .docx) before anything in it is decompressed."""

    max_unpacked_bytes: int  # the members' declared sizes together
    max_members: int = MAX_ZIP_MEMBERS


def sniff(data: bytes, name: str, zip_limits: ZipLimits) -> Format:
    """'pdf', 'docx' or 'text', from the bytes alone.

    Raises IpmsError naming what the file is when it is none of these (an image, an archive, a
    spreadsheet, a damaged zip, a zip that would unpack to more than the limit, a truncated PDF).
    A 'text' answer means only "not a known binary format": decode_text still has the last word.
    """
    head = data[:1024]
    # A PDF starts with its header (readers allow junk before it in the first kB) and ends with
    # %%EOF; a text that merely mentions "%PDF-" near its start is still text.
    ends_as_pdf = b"%%EOF" in data[-2048:]
    if head.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and ends_as_pdf):
        if not ends_as_pdf:
            raise IpmsError(f"{name} is a truncated or damaged PDF (it does not end with %%EOF)")
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, name, zip_limits)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IpmsError(f"{name} is {what}, not a document we read: {_USE}")
    if _HTML.match(head):
        raise IpmsError(f"{name} is an HTML page, not a document we read: {_USE}")
    return "text"


def _sniff_zip(data: bytes, name: str, limits: ZipLimits) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise IpmsError(f"{name} is a damaged zip archive (or a damaged .docx)") from None
    if len(members) > limits.max_members:
        raise IpmsError(f"{name} holds {len(members)} files; a .docx holds far fewer "
                        "(a zip bomb?)")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise IpmsError(f"{name} would unpack to {unpacked / 1e6:.3g} MB, over the "
                        f"{limits.max_unpacked_bytes / 1e6:.3g} MB allowed (a zip bomb?)")
    names = {member.filename for member in members}
    if "word/document.xml" in names:
        return "docx"
    what = next((what for member, what in _ZIP_KINDS if member in names), "a zip archive")
    raise IpmsError(f"{name} is {what}, not a document we read: {_USE}")


def decode_text(data: bytes, name: str) -> str:
    """The text of a file sniffed as text: UTF-8, UTF-16/32 (with or without a byte-order mark),
    GB18030/GBK, Big5 or Latin-1/Windows-1252, detected from the bytes (charset-normalizer for the
    legacy encodings).

    Raises IpmsError when the bytes are binary (NUL bytes, control characters) or text in no
    encoding we know (broken UTF-8, lone surrogates, a mix of encodings)."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name)
            except UnicodeDecodeError:
                raise IpmsError(f"{name} starts with a {label} byte-order mark but is not valid "
                                f"{label} text") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise IpmsError(f"{name} is not text: it contains NUL bytes (binary data)")
        return _checked(text, name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    text = _legacy(data)
    if text is None:
        raise IpmsError(f"{name} is not readable text: invalid UTF-8 at byte {utf8_error}, and "
                        "not GB18030, Big5, UTF-16 or Latin-1 text either")
    return _checked(text, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: the zero high bytes of its ASCII characters (digits,
    spaces, line ends) fall mostly on odd offsets (little-endian) or mostly on even ones
    (big-endian); charset-normalizer then confirms the decoded text reads as text."""
    from charset_normalizer import from_bytes

    if len(data) % 2:
        return None
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    if zeros_odd >= 4 * zeros_even:
        codec = "utf_16_le"
    elif zeros_even >= 4 * zeros_odd:
        codec = "utf_16_be"
    else:
        return None
    match = from_bytes(data, cp_isolation=[codec]).best()
    return str(match) if match is not None else None


def _legacy(data: bytes) -> str | None:
    """The text in the legacy encoding charset-normalizer finds least chaotic, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=_LEGACY))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, _LEGACY.index(m.encoding)
                                       if m.encoding in _LEGACY else len(_LEGACY)))
    return str(best)


def _checked(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, MAX_CONTROL_SHARE * len(text)):
        raise IpmsError(f"{name} is not text: it is full of control characters (binary data)")
    return text
