"""Typeset standards as PDFs for the import tests (reportlab, CJK font STSong-Light, no font file).

A document is a cover (lines, page 1 on its own), an optional contents page (lines as printed,
leader dots included) and body paragraphs. A paragraph is a string, wrapped at the line width the
way a typesetter does (by character widths, anywhere in CJK text), or a tuple of lines printed as
given (to put a line break exactly where a test wants it). A string with " | " is a table row:
its cells are printed in columns. Every page but the cover gets the running header and the footer
made by `footer(page, pages)`; the cover has neither, the contents page may have its own footer
(Roman numbers, as in front matter).
"""
from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595.0, 842.0
LEFT = 72.0
FONT = "STSong-Light"


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def wrap(text: str, width_ems: float) -> list[str]:
    """Break `text` into lines of at most `width_ems`, anywhere (as CJK typesetting does)."""
    lines, current = [], ""
    for ch in text:
        if current and ems(current + ch) > width_ems:
            lines.append(current)
            current = ""
        current += ch
    return lines + ([current] if current else [])


@dataclass
class Layout:
    """Page geometry and furniture of a typeset standard."""

    width_ems: float = 26  # characters of the text block
    lines_per_page: int | tuple[int, ...] = 30  # per body page (the last repeats)
    size: float = 11
    pitch: float = 20
    header: tuple[str, ...] = ("GB/T 99999—2025",)
    footer: Callable[[int, int], str] | None = lambda page, pages: f"第 {page} 页 共 {pages} 页"
    front_footer: Callable[[int], str] | None = None  # the contents page's footer (e.g. Roman)
    indent_ems: float = 0  # first-line indent of a body paragraph


@dataclass
class Typeset:
    """The PDF and where its body paragraphs landed: (paragraph index, page) of every line."""

    pdf: bytes
    placed: list[tuple[int, int]] = field(default_factory=list)

    def split_paragraphs(self) -> set[int]:
        """Indexes of paragraphs whose lines fall on two pages."""
        pages: dict[int, set[int]] = {}
        for index, page in self.placed:
            pages.setdefault(index, set()).add(page)
        return {i for i, p in pages.items() if len(p) > 1}


def typeset(body: list[str | tuple[str, ...]], layout: Layout | None = None,
            cover: list[str] | None = None, contents: list[str] | None = None) -> Typeset:
    """Typeset a standard; see the module docstring."""
    from reportlab.pdfgen import canvas

    _register()
    layout = layout or Layout()
    printed: list[tuple[int, str]] = []  # (paragraph index, printed line)
    for index, paragraph in enumerate(body):
        if isinstance(paragraph, tuple):
            lines = list(paragraph)
        elif " | " in paragraph:
            lines = [paragraph]
        else:
            first = wrap(paragraph, layout.width_ems - layout.indent_ems)[0]
            rest = paragraph[len(first):]
            lines = [first] + wrap(rest, layout.width_ems)
        printed += [(index, line) for line in lines]
    body_pages = _pages(printed, layout.lines_per_page)
    front = (1 if cover else 0) + (1 if contents else 0)
    total = front + len(body_pages)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H))
    result = Typeset(b"")
    started: set[int] = set()
    if cover:
        y = PAGE_H - 150
        for line in cover:
            pdf.setFont(FONT, layout.size)
            pdf.drawString(LEFT + 40, y, line)
            y -= 2 * layout.pitch
        pdf.showPage()
    if contents:
        _furniture(pdf, layout, None)
        y = PAGE_H - 80
        for line in contents:
            pdf.setFont(FONT, layout.size)
            pdf.drawString(LEFT, y, line)
            y -= layout.pitch
        if layout.front_footer:
            _footer(pdf, layout.front_footer(front))
        pdf.showPage()
    for number, page_lines in enumerate(body_pages, start=front + 1):
        _furniture(pdf, layout, layout.footer(number - front, total - front)
                   if layout.footer else None)
        y = PAGE_H - 80
        for index, line in page_lines:
            pdf.setFont(FONT, layout.size)
            if " | " in line:
                for column, cell in enumerate(line.split(" | ")):
                    pdf.drawString(LEFT + column * 130, y, cell)
            else:
                starts = index not in started and not isinstance(body[index], tuple)
                pdf.drawString(LEFT + (layout.indent_ems * layout.size if starts else 0), y, line)
            started.add(index)
            result.placed.append((index, number))
            y -= layout.pitch
        pdf.showPage()
    pdf.save()
    result.pdf = out.getvalue()
    return result


def _pages(printed: list, capacity: int | tuple[int, ...]) -> list[list]:
    sizes = (capacity,) if isinstance(capacity, int) else capacity
    pages, start = [], 0
    while start < len(printed):
        size = sizes[min(len(pages), len(sizes) - 1)]
        pages.append(printed[start:start + size])
        start += size
    return pages


def _furniture(pdf, layout: Layout, footer: str | None) -> None:
    y = PAGE_H - 40
    for text in layout.header:
        pdf.setFont(FONT, 9)
        pdf.drawString(LEFT, y, text)
        y -= 12
    if footer:
        _footer(pdf, footer)


def _footer(pdf, text: str) -> None:
    pdf.setFont(FONT, 9)
    pdf.drawString(PAGE_W / 2 - ems(text) * 4.5, 36, text)


def split_sample(text: str) -> tuple[list[str], list[str], list[str]]:
    """The cover, contents and body lines of a standard laid out like
    tests/data/sample_standard/standard.txt (contents from 目次 up to 前言)."""
    lines = [line for line in text.split("\n") if line.strip()]
    toc = lines.index("目次")
    body = next(i for i in range(toc + 1, len(lines)) if lines[i] == "前言")
    return lines[:toc], lines[toc:body], lines[body:]


def libreoffice_pdf(cover: list[str], contents: list[str], body: list[str], header: str,
                    folder) -> bytes | None:
    """The standard as Word lays it out, exported to PDF by LibreOffice (real fonts, proportional
    widths): cover, contents and body each from a new page, a running header, the page number in
    the footer; consecutive " | " lines become a Word table. None when LibreOffice (`soffice`) is not installed."""
    import shutil
    import subprocess

    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0]._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for part in (cover, contents, body):
        rows: list[list[str]] = []
        for line in part + [""]:
            if " | " in line:  # a table row: consecutive rows make one Word table
                rows.append(line.split(" | "))
                continue
            if rows:
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for cells, row in zip(rows, table.rows):
                    for text, cell in zip(cells, row.cells):
                        cell.text = text
                rows = []
            if line:
                document.add_paragraph(line)
        if part is not body:
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    source = folder / "standard.docx"
    document.save(str(source))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(source)], capture_output=True, timeout=180, check=True,
                   env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return (folder / "standard.pdf").read_bytes()
