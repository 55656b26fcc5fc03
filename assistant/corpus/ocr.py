"""Scanned pages of a PDF read by OCR — the optional `ocr` extra.

A page with no text layer but with an image on it (a scan) is rendered to a grey image by
pypdfium2 and read by RapidOCR (rapidocr-onnxruntime: PaddleOCR's Chinese and English models run
by onnxruntime, shipped inside its wheel, so nothing is downloaded). Each text box it finds becomes
part of a PdfLine placed on the page in points, as the text-layer reader places printed text, so
furniture removal, line rejoining and the clause parsers work on scans unchanged (pdf_import.py).

Two quirks of OCR are handled here, where the parsers cannot see them: it drops the gap between
a clause number and its title ("4组织与职责", which the parsers would take for body text), so a
line that reads as a number and a short title gets its space back; and it drops a contents
page's leader dots and often its page numbers, so a 目次 read by OCR is found by its entries
(heading-like lines up to where the body repeats the first) and marked furniture.

Without the extra, a PDF with no text layer at all is refused with one line that names it.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from assistant.corpus.pdf_furniture import BAND, is_page_number, is_toc_title
from assistant.corpus.pdf_lines import CELL_GAP_EMS, Cell, PdfLine, em_width
from assistant.errors import IpmsError

if TYPE_CHECKING:
    from assistant.corpus.importers import ImportLimits

EXTRA = 'pip install "ipms-assistant[ocr]"'  # or, in a checkout: pip install -e ".[ocr]"
# 150 dpi: 10.5 pt body text is 22 px high, 7.5 pt footnotes 16 px. 120 dpi read the 10-11 pt
# sample as well with 30 % less CPU and 170 MB less, but leaves small print at 12-15 px.
RENDER_DPI = 150
MAX_SIDE_PX = 2000  # a page is never rendered larger (the detector works at this size anyway)
BOX_TO_EM = 1.2  # a detected line box is about 1.2 times the font size high
MAX_PAGES = 500  # scanned pages OCR reads in one import (a few seconds each)

_NUMBERED_TITLE = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,5}|[A-Z](?:\.\d{1,3}){1,5})"
                             r"(?=[\u3400-\u9fff])([^，。；：,;:！？!?、]{1,25})$")


_CONTENTS_ENTRY = re.compile(r"^(?:(?:\d{1,2}(?:\.\d{1,3}){0,3}|[A-Z](?:\.\d{1,3}){1,3})\s*"
                             r"[^\d\s，。；：,;:！？!?、][^，。；,;！？!?]{0,30}"
                             r"|附\s*录\s*[A-Z]\S{0,8}(?:\s*\S{1,30})?"
                             r"|前言|引言|参考文献|索引|foreword|introduction|bibliography)$",
                             re.IGNORECASE)


@dataclass(frozen=True)
class OcrBox:
    """A run of text OCR found on a page image: its box in pixels (origin top left)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str


class OcrEngine(Protocol):
    """Reads the text boxes of one page image (a height x width x 3 uint8 array)."""

    def read(self, image: Any) -> list[OcrBox]: ...


class RapidOcrEngine:
    """RapidOCR with its packaged models; loaded once per process (about 2 s)."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR()

    def read(self, image: Any) -> list[OcrBox]:
        result, _ = self._ocr(image, use_cls=False)  # pages are upright once rendered
        boxes = []
        for points, text, _score in result or []:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if text.strip():
                boxes.append(OcrBox(min(xs), min(ys), max(xs), max(ys), text.strip()))
        return boxes


def _missing_extra(name: str) -> IpmsError:
    return IpmsError(f"{name} has no text layer (a scanned PDF?); to read it by OCR, install the "
                     f"OCR extra: {EXTRA}")


@lru_cache(maxsize=1)
def default_engine() -> OcrEngine:
    """The packaged OCR engine. Raises ImportError when the extra is not installed."""
    return RapidOcrEngine()


def scanned_pages(document: Any, text_pages: set[int]) -> list[int]:
    """The pages (1-based) of a pypdfium2 document that have no text layer but show an image."""
    from pypdfium2 import raw

    found = []
    for index in range(len(document)):
        if index + 1 in text_pages:
            continue
        page = document[index]
        if next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4)), None):
            found.append(index + 1)
    return found


def render_page(page: Any) -> tuple[Any, float]:
    """The page as a grey image (3 equal channels, as the OCR models expect) and the scale in
    pixels per point."""
    import numpy

    width, height = page.get_size()
    scale = min(RENDER_DPI / 72, MAX_SIDE_PX / max(width, height, 1.0))
    grey = page.render(scale=scale, grayscale=True).to_numpy()
    if grey.ndim == 3:
        grey = grey[:, :, 0]
    return numpy.ascontiguousarray(numpy.repeat(grey[:, :, None], 3, axis=2)), scale


def _wide(ch: str) -> bool:
    return em_width(ch) == 1.0


def restore_heading_gap(text: str) -> str:
    """'4组织与职责' -> '4 组织与职责': OCR drops the gap between a clause number and a title."""
    return _NUMBERED_TITLE.sub(r"\1 \2", text)


def page_lines(boxes: list[OcrBox], page_no: int, scale: float, width: float,
               height: float) -> list[PdfLine]:
    """The OCR boxes of one page as printed lines, top to bottom, in points from the page's
    bottom left as pdf_lines places them: boxes sharing a line are cells of it, joined into
    one cell when the gap between them is narrow."""
    rows: list[list[OcrBox]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        centre, tall = (box.top + box.bottom) / 2, box.bottom - box.top
        if rows:
            last = rows[-1]
            last_centre = sum((b.top + b.bottom) / 2 for b in last) / len(last)
            if abs(centre - last_centre) < 0.5 * min(tall, min(b.bottom - b.top for b in last)):
                last.append(box)
                continue
        rows.append([box])
    lines = []
    for row in rows:
        size = max(b.bottom - b.top for b in row) / scale / BOX_TO_EM
        cells: list[Cell] = []
        for box in sorted(row, key=lambda b: b.left):
            x, x_end = box.left / scale, box.right / scale
            if cells and x - cells[-1].x_end < CELL_GAP_EMS * size:
                last = cells[-1]
                gap = x - last.x_end
                joiner = " " if gap > 0.3 * size and not (
                    _wide(last.text[-1]) and _wide(box.text[0])) else ""
                cells[-1] = last.joined(x, x_end, joiner, box.text)
            else:
                cells.append(Cell(x, x_end, box.text))
        first = restore_heading_gap(cells[0].text)  # a space put in after the leading number
        shift = len(first) - len(cells[0].text)
        cells[0] = replace(cells[0], text=first,
                           breaks=tuple((x, at + shift) for x, at in cells[0].breaks))
        bottom = max(b.bottom for b in row) / scale
        lines.append(PdfLine(page_no, height - bottom + 0.2 * size, cells[0].x, cells[-1].x_end,
                             size, " ".join(c.text for c in cells), tuple(cells), width, height))
    return lines


def _entry(line: PdfLine) -> str:
    """A contents line's title without its page number (a cell of its own) and leader dots."""
    cells = [c.text for c in line.cells]
    if len(cells) > 1 and is_page_number(cells[-1]):
        cells.pop()
    return re.sub(r"[\s.·•…．。⋯_\-]+$", "", " ".join(cells))


def contents_entries(lines: list[PdfLine], scanned: set[int]) -> set[int]:
    """Indexes of the lines of a table of contents that OCR read on a scanned page: its title
    (目次, 目录, Contents) and the entries after it. OCR drops leader dots and often the page
    numbers, so an entry is a heading-like line (a clause number and a short title, 前言, 附录A,
    …); the entries end where the body starts, at the line that repeats the first entry, or at
    a page break. Running headers and footers (the top and bottom bands) are passed over."""
    body = [i for i, line in enumerate(lines) if line.page in scanned
            and line.page_height * BAND <= line.y <= line.page_height * (1 - BAND)]
    found: set[int] = set()
    for position, start in enumerate(body):
        if not is_toc_title(lines[start].text) or start in found:
            continue
        entries: list[int] = []
        end = position + 1
        while end < len(body) and _CONTENTS_ENTRY.match(_entry(lines[body[end]])):
            if entries and _squash(_entry(lines[body[end]])) == _squash(_entry(lines[entries[0]])):
                break  # the body starts with the first heading the contents listed
            entries.append(body[end])
            end += 1
        repeated = end < len(body) and entries and _squash(_entry(lines[body[end]])) == _squash(
            _entry(lines[entries[0]]))
        at_page_end = entries and (end == len(body) or lines[body[end]].page != lines[
            entries[-1]].page)
        if len(entries) >= 2 and (repeated or at_page_end):
            found |= {start, *entries}
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class PdfText:
    """A PDF's printed lines, OCR's included, and the lines known to be furniture (a scanned
    table of contents)."""

    lines: list[PdfLine]
    furniture: frozenset[int] = frozenset()
    ocr_pages: frozenset[int] = frozenset()  # the pages OCR read


def to_stderr(line: str) -> None:
    """Progress for the person waiting (OCR takes seconds a page), on stderr whatever it is,
    so stdout stays what a script parses."""
    print(line, file=sys.stderr, flush=True)


def with_ocr_pages(data: bytes, name: str, lines: list[PdfLine], limits: "ImportLimits",
                   engine: Callable[[], OcrEngine] = default_engine,
                   progress: Callable[[str], None] = to_stderr) -> PdfText:
    """`lines` (from the text layer) with the lines OCR reads on pages that have no text layer
    but an image (a scan), in page order; a table of contents read by OCR is marked furniture.
    `progress` gets one line as each scanned page is read ("… OCR page 2/5 …").

    Without the extra, a file with some text is read as it is (a scanned cover or signature page
    in a typeset file) and one with none is refused. Raises IpmsError (one line) then, when
    neither the text layer nor OCR gives any text, when a page cannot be rendered or read, for
    more than MAX_PAGES scanned pages, or when the text read is over the import limit."""
    try:
        import pypdfium2
    except ImportError:
        if not lines:
            raise _missing_extra(name) from None
        return PdfText(lines)
    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium refuses what pypdf tolerated
        raise IpmsError(f"{name}: its pages cannot be rendered ({exc.__class__.__name__})"
                        ) from None
    try:
        read, pages = _read_scanned(document, name, lines, limits, engine, progress)
    finally:
        document.close()
    if not pages:
        if not lines:
            raise IpmsError(f"{name} has no text layer and no scanned page images to read by "
                            "OCR")
        return PdfText(lines)
    if not lines and not read:
        raise IpmsError(f"{name} has no text layer, and OCR found no text on its scanned pages")
    merged = sorted(lines + read, key=lambda line: line.page)  # stable: pages keep their order
    return PdfText(merged, frozenset(contents_entries(merged, set(pages))), frozenset(pages))


def _read_scanned(document: Any, name: str, lines: list[PdfLine], limits: "ImportLimits",
                  engine: Callable[[], OcrEngine], progress: Callable[[str], None]
                  ) -> tuple[list[PdfLine], list[int]]:
    """The lines OCR reads on the scanned pages of `document`, and those pages."""
    try:
        pages = scanned_pages(document, {line.page for line in lines})
    except Exception as exc:
        raise IpmsError(f"{name}: its pages cannot be rendered ({exc.__class__.__name__})"
                        ) from None
    if not pages:
        return [], []
    if len(pages) > MAX_PAGES:
        raise IpmsError(f"{name} has {len(pages)} scanned pages; OCR reads at most {MAX_PAGES} "
                        "in one import")
    try:
        reader = engine()
    except ImportError:
        if not lines:
            raise _missing_extra(name) from None
        return [], []
    except Exception as exc:  # onnxruntime cannot load the packaged models
        raise IpmsError(f"{name}: the OCR engine cannot start ({exc.__class__.__name__})"
                        ) from None
    spent = sum(len(line.text.encode("utf-8")) for line in lines)
    read: list[PdfLine] = []
    for done, page_no in enumerate(pages, start=1):
        progress(f"{name}: OCR page {done}/{len(pages)} (page {page_no} of the file)…")
        page = document[page_no - 1]
        try:
            image, scale = render_page(page)
            boxes = reader.read(image)
        except Exception as exc:
            raise IpmsError(f"{name}: page {page_no} cannot be read by OCR "
                            f"({exc.__class__.__name__})") from None
        width, height = page.get_size()
        found = page_lines(boxes, page_no, scale, width, height)
        spent += sum(len(line.text.encode("utf-8")) for line in found)
        if spent > limits.max_bytes:
            raise IpmsError(f"{name}: the text read from it is over the {limits.describe()}")
        read += found
    return read, pages
