"""Read a user's standard from .txt, .md, .docx or .pdf into plain text."""
from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import IpmsError

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


def _read_plain(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IpmsError(f"{path.name} is not UTF-8 or GB18030 text")


def _read_markdown(path: Path) -> str:
    text = _read_plain(path)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)  # heading markers
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)  # bold


def _read_docx(path: Path) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise IpmsError(f"{path.name} is not a readable .docx file ({exc.__class__.__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile and friends
        raise IpmsError(f"{path.name} is not a readable .docx file ({exc.__class__.__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise IpmsError(f"{path.name} is not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise IpmsError(f"{path.name} has no text layer (a scanned PDF?); run OCR on it first")
    return text


def read_document(path: Path) -> str:
    """The document's text; a clear IpmsError for missing, empty, broken or unsupported files."""
    if not path.exists():
        raise IpmsError(f"file not found: {path}")
    if not path.is_file():
        raise IpmsError(f"not a file: {path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IpmsError(f"unsupported format '{suffix or path.name}': use {', '.join(SUPPORTED)}")
    if path.stat().st_size == 0:
        raise IpmsError(f"{path.name} is empty")
    reader = {".txt": _read_plain, ".md": _read_markdown, ".docx": _read_docx, ".pdf": _read_pdf}
    text = reader[suffix](path)
    if not text.strip():
        raise IpmsError(f"{path.name} contains no text")
    return text
