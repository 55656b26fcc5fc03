"""Blank pages in a drafted package, as a reader of its PDFs would find them: every .docx laid
out by LibreOffice (headless, one process for the whole package), each page read back with
poppler's pdftotext. A page is blank when nothing is on it but the running header (the company's
name, the document number, the standard) and the footer (第 X 页 共 Y 页 / Page X of Y).

Used by `ipms bench --draft` (issue 17's figure) and by the tests of the example packages.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generators.toc_pages import available, convert_to_pdf, pdf_pages

TIMEOUT_S = 900  # a whole package: about 100 documents
_FOOTER = re.compile(r"^(第\s*\d+\s*页\s*共\s*\d+\s*页|Page\s+\d+\s+of\s+\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PageCount:
    """`pages` laid out in `documents` files; `blank`: (file name, 1-based page) of each blank
    page."""

    documents: int
    pages: int
    blank: list[tuple[str, int]]


def blank_pages(package: Path, company: str) -> PageCount:
    """Lay out every .docx under `package` and find its blank pages. Raises RuntimeError when
    LibreOffice or pdftotext is missing or fails (the figure cannot be taken without them)."""
    if not available():
        raise RuntimeError("LibreOffice (soffice) and poppler (pdftotext) are needed")
    sources = sorted(package.rglob("*.docx"))
    with tempfile.TemporaryDirectory(prefix="ipms-pages-") as folder:
        work = Path(folder)
        done = convert_to_pdf(sources, work / "pdf", work, TIMEOUT_S)
        pages, blank = 0, []
        for source in sources:
            pdf = work / "pdf" / f"{source.stem}.pdf"
            if done.returncode != 0 or not pdf.is_file():
                raise RuntimeError(f"LibreOffice did not convert {source.name}: "
                                   f"{done.stderr.strip()[-300:]}")
            laid_out = pdf_pages(pdf)
            pages += len(laid_out)
            blank += [(source.name, number) for number, page in enumerate(laid_out, start=1)
                      if not _body(page, company)]
    return PageCount(len(sources), pages, blank)


def _body(page: str, company: str) -> list[str]:
    """The lines of a page that are neither its running header nor its footer."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if company not in line and not _FOOTER.match(
        re.sub(r"\s+", " ", line))]
