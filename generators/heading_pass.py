"""Headings left at a page's foot, their text on the next page, as LibreOffice lays a procedure
out: every heading style keeps with the next paragraph (w:keepNext), yet LibreOffice leaves a
heading at the foot of a page where it fits and no line of the paragraph after it does (the
life-sciences example's P-13 '5.4 申请审批', P-19 '5.3 尽调'). Tried on P-13 and found not to
change it: keepNext set on the paragraph as well as by the style, the heading without keepLines,
the next paragraph kept whole (keepLines) or with widow control, the footer without its
NUMPAGES field, the compatibility settings removed; a document of the same styles without
tables keeps its headings (the failure needs the procedure's whole layout). So after the
package is written, its procedures are laid out once (one LibreOffice process) and each heading
found as the last line of a page gets a page break before it: it moves to the page its text
already starts, and nothing before it moves.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import docx

from assistant.textutil import visible
from generators.page_check import FOOTER
from generators.toc_pages import available, convert_to_pdf, pdf_pages

TIMEOUT_S = 600  # the procedures of a package: about 30 documents


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", visible(text))


def stranded(pages: list[str], headings: list[str]) -> list[str]:
    """The `headings` (their text) that stand as the last line of a page's body, the footer
    left out, on any page but the last: a heading alone at a page's foot, its text on the next
    page. `pages`: each page's text as pdftotext lays it out."""
    wanted = {_squash(h): h for h in headings if h.strip()}
    out = []
    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not FOOTER.match(re.sub(r"\s+", " ", line))]
        if body and _squash(body[-1]) in wanted:
            out.append(wanted[_squash(body[-1])])
    return out


def _headings(document) -> list:
    return [p for p in document.paragraphs
            if p.style is not None and p.style.name.startswith("Heading") and p.text.strip()]


def keep_headings_with_text(paths: list[Path]) -> int:
    """Lay the documents `paths` out (one LibreOffice process) and start each heading found at
    a page's foot on a new page (page break before), rewriting the file. Returns how many
    headings were moved; 0 when LibreOffice or poppler is missing or fails (the files as
    written: Word keeps the headings with their text)."""
    if not paths or not available():
        return 0
    moved = 0
    with tempfile.TemporaryDirectory(prefix="ipms-headings-", ignore_cleanup_errors=True) as d:
        work = Path(d)
        try:
            convert_to_pdf(paths, work / "pdf", work, TIMEOUT_S)
        except (OSError, subprocess.SubprocessError):
            return 0
        for path in paths:
            pdf = work / "pdf" / f"{path.stem}.pdf"
            if not pdf.is_file():
                continue
            document = docx.Document(str(path))
            headings = _headings(document)
            found = stranded(pdf_pages(pdf), [visible(h.text) for h in headings])
            for text in found:
                heading = next((h for h in headings if visible(h.text) == text
                                and not h.paragraph_format.page_break_before), None)
                if heading is not None:
                    heading.paragraph_format.page_break_before = True
                    moved += 1
            if found:
                document.save(str(path))
    return moved
