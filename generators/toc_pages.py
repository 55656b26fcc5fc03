"""Page numbers in a manual's table of contents without Word: LibreOffice (headless) lays the
document out as PDF, poppler's pdftotext reads on which page each heading falls, and the
numbers are written into the TOC field's cached entries (right-aligned after a dot leader).

`ipms draft` and the web app's draft do it whenever LibreOffice and poppler are installed
(`--no-toc-pages` leaves it out). Without them the TOC keeps its entries without numbers (Word
fills them in when it updates the field on opening), and `ipms draft` says so.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from assistant.textutil import visible

TIMEOUT_S = 120


def available() -> bool:
    """Whether soffice, pdfinfo and pdftotext are on PATH."""
    return all(shutil.which(tool) for tool in ("soffice", "pdftotext"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _toc_paragraphs(document: DocxDocument) -> list:
    """The paragraphs holding the TOC field's cached entries, in order (begin to end)."""
    body = document.element.body.findall(qn("w:p"))
    start = next((i for i, p in enumerate(body)
                  if "TOC" in "".join(t.text or "" for t in p.iter(qn("w:instrText")))), None)
    if start is None:
        return []
    depth = 0
    for i in range(start, len(body)):
        for char in body[i].iter(qn("w:fldChar")):
            depth += {"begin": 1, "end": -1}.get(char.get(qn("w:fldCharType")), 0)
        if depth == 0:
            return body[start:i + 1]
    return []


def _entry_text(paragraph) -> str:
    return visible("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))


def heading_pages(pdf_pages: list[str], entries: list[str]) -> list[int | None]:
    """The page (1-based) on which each entry starts, searching the PDF's lines in order after
    the contents themselves (the lines of the last entry's first occurrence); None when an entry
    is not found as a line of its own."""
    lines = [(number, _squash(line)) for number, text in enumerate(pdf_pages, start=1)
             for line in text.splitlines() if line.strip()]
    wanted = [_squash(e) for e in entries]
    position = 0
    if wanted:  # skip the contents: up to the first line equal to the last entry
        position = next((i + 1 for i, (_, line) in enumerate(lines) if line == wanted[-1]), 0)
    pages: list[int | None] = []
    for entry in wanted:
        found = next((i for i in range(position, len(lines)) if lines[i][1] == entry), None)
        if found is None:
            pages.append(None)
            continue
        pages.append(lines[found][0])
        position = found + 1
    return pages


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF, laid out as on the page (poppler's pdftotext)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=TIMEOUT_S).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages  # the last page ends in \f


def convert_to_pdf(sources: list[Path], outdir: Path, work: Path,
                   timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess:
    """Lay documents out as PDFs in `outdir` (one LibreOffice process for all of them, with a
    private profile and HOME under `work`, so it runs beside a user's own LibreOffice).

    `soffice` is a launcher that starts soffice.bin as its child, so LibreOffice runs in a
    session of its own and the whole group is killed when the run ends early (timeout, Ctrl-C,
    SIGTERM): nothing is left writing into `work` while it is removed. Raises
    subprocess.TimeoutExpired after `timeout` seconds."""
    command = ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "HOME": str(work)},
                          start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except BaseException:
            _kill_group(process)
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the process group `process` leads (its own session), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def fill_toc_pages(document: DocxDocument) -> bool:
    """Lay `document` out with LibreOffice and add each TOC entry's page number to the cached
    field result. Returns False (document unchanged) when the tools are missing or fail."""
    paragraphs = _toc_paragraphs(document)
    if not paragraphs or not available():
        return False
    with tempfile.TemporaryDirectory(prefix="ipms-toc-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        source = work / "manual.docx"
        document.save(str(source))
        try:
            convert_to_pdf([source], work, work).check_returncode()
            pages = heading_pages(pdf_pages(work / "manual.pdf"),
                                  [_entry_text(p) for p in paragraphs])
        except (OSError, subprocess.SubprocessError):
            return False
    for paragraph, page in zip(paragraphs, pages):
        if page is None:
            continue
        runs = paragraph.findall(qn("w:r"))
        last = runs[-1]
        end = [c for c in last if c.tag == qn("w:fldChar")]  # the field's end stays last
        for char in end:
            last.remove(char)
        tab = last.makeelement(qn("w:tab"), {})
        last.append(tab)
        number = last.makeelement(qn("w:t"), {})
        number.text = str(page)
        last.append(number)
        for char in end:
            last.append(char)
    return True
