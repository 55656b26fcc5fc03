"""Blank pages in a drafted package, as a reader of its PDFs would find them: every .docx laid
out by LibreOffice (headless, one process for the whole package), each page read back with
poppler's pdftotext. A page is blank when nothing is on it but the running header (the company's
name, the document number, the standard) and the footer (第 X 页 共 Y 页 / Page X of Y).

`page_fill` measures how far down each page its body reaches (poppler's pdftotext -bbox), so a
test can find a form whose first page is mostly empty before its table runs on, or a page
holding only a table's last rows before the next chapter.

Used by `ipms bench --draft` (issue 17's figure) and by the tests of the example packages.
"""
from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.textutil import visible
from generators.package_reader import package_files
from generators.toc_pages import TIMEOUT_S as PDF_TIMEOUT_S
from generators.toc_pages import available, convert_to_pdf, pdf_pages

TIMEOUT_S = 900  # a whole package: about 100 documents
FOOTER = re.compile(r"^(第\s*\d+\s*页\s*共\s*\d+\s*页|Page\s+\d+\s+of\s+\d+)$", re.IGNORECASE)


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
    sources = package_files(package)  # not the edited copies a --force run kept
    with tempfile.TemporaryDirectory(prefix="ipms-pages-", ignore_cleanup_errors=True) as folder:
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
    lines = [line.strip() for line in visible(page).splitlines() if line.strip()]
    return [line for line in lines if company not in line and not FOOTER.match(
        re.sub(r"\s+", " ", line))]


MARGIN_CM = 2.5  # the generated documents' top and bottom margins (docx_writer.new_document)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                   r'(.*?)</word>')


@dataclass(frozen=True)
class PageFill:
    """One laid-out page: `fill`, how far down the text area (between the margins) its last
    body line reaches, 0.0-1.0; `first_line`, the first line of its body ('' when blank)."""

    document: str
    page: int
    fill: float
    first_line: str


def page_fill(sources: list[Path], company: str | tuple[str, ...]) -> list[PageFill]:
    """Lay out the .docx files `sources` (one LibreOffice process) and measure each page.
    The running header (naming `company`, or one of several names) and the footer lie in the
    margins and are not counted. Raises RuntimeError when LibreOffice or poppler is missing or
    fails."""
    names = (company,) if isinstance(company, str) else company
    if not available():
        raise RuntimeError("LibreOffice (soffice) and poppler (pdftotext) are needed")
    out: list[PageFill] = []
    with tempfile.TemporaryDirectory(prefix="ipms-fill-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        done = convert_to_pdf(sources, work / "pdf", work, TIMEOUT_S)
        for source in sources:
            pdf = work / "pdf" / f"{source.stem}.pdf"
            if done.returncode != 0 or not pdf.is_file():
                raise RuntimeError(f"LibreOffice did not convert {source.name}: "
                                   f"{done.stderr.strip()[-300:]}")
            boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                                   text=True, check=True, timeout=PDF_TIMEOUT_S).stdout
            texts = pdf_pages(pdf)
            for number, (page, text) in enumerate(zip(_PAGE.findall(boxes), texts), start=1):
                height = float(page[1])
                top, bottom = height * MARGIN_CM / 29.7, height - height * MARGIN_CM / 29.7
                if float(page[0]) > height:  # landscape: 21 cm high
                    top, bottom = height * MARGIN_CM / 21.0, height - height * MARGIN_CM / 21.0
                ends = [float(y2) for y1, y2, _ in _WORD.findall(page[2])
                        if float(y1) >= top - 1 and float(y2) <= bottom + 1]
                body = [line for line in _body(text, names[0])
                        if not any(name in line for name in names)]
                out.append(PageFill(source.name, number,
                                    (max(ends) - top) / (bottom - top) if ends else 0.0,
                                    html.unescape(body[0]) if body else ""))
    return out
