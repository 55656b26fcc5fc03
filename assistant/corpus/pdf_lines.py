"""The printed lines of a PDF with their positions, read through pypdf's text visitor.

pypdf hands each run of text to a visitor with the text and current transformation matrices; we
place every run on the page, group runs that share a baseline into lines (left to right) and keep
each line's runs as cells, split where a wide gap separates them (table columns, a cover's
"机构　　发布"). Widths are estimated from the characters (a CJK or full-width character is one em,
others half an em), which is all the layout rules need: where a line ends relative to the right
margin, where a column starts.

The protections of an import live here: an encrypted file, a damaged one, text beyond the import
limit, and pypdf's own warnings and log lines (the user gets one line, an IpmsError).
"""
from __future__ import annotations

import io
import itertools
import logging
import math
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.errors import IpmsError

if TYPE_CHECKING:
    from assistant.corpus.importers import ImportLimits

CELL_GAP_EMS = 1.5  # a gap wider than this between runs on one line starts a new cell


@dataclass(frozen=True)
class Cell:
    """A run of text on a line, with its estimated left and right edges (points); `breaks`: where
    a later run joined into it began, as (its left edge, its offset in `text`), so a table can
    split a cell again at a column the narrow gap hid ('知识产权基础与保密义务 4')."""

    x: float
    x_end: float
    text: str
    breaks: tuple[tuple[float, int], ...] = ()

    def joined(self, x: float, x_end: float, joiner: str, text: str) -> "Cell":
        """This cell with a run starting at `x` joined on after `joiner`."""
        at = len(self.text) + len(joiner)
        return Cell(self.x, max(self.x_end, x_end), self.text + joiner + text,
                    self.breaks + ((x, at),))

    def split_at(self, columns: list[float], tolerance: float) -> list["Cell"]:
        """The cell cut where a joined run began at one of `columns` (a table's column starts,
        within `tolerance`); a cell without such a run is returned whole."""
        cuts = [(x, at) for x, at in self.breaks
                if x - self.x > tolerance and any(abs(x - c) < tolerance for c in columns)]
        if not cuts:
            return [self]
        pieces, start, left = [], 0, self.x
        for x, at in cuts:
            pieces.append((left, self.text[start:at].strip()))
            start, left = at, x
        pieces.append((left, self.text[start:].strip()))
        ends = [x for x, _ in pieces[1:]] + [self.x_end]
        return [Cell(x, end, text) for (x, text), end in zip(pieces, ends) if text]


@dataclass(frozen=True)
class PdfLine:
    """One printed line: its page (1-based), baseline y (points from the page bottom), left and
    estimated right edge, font size, text (cells joined by a space) and cells."""

    page: int
    y: float
    x: float
    x_end: float
    size: float
    text: str
    cells: tuple[Cell, ...]
    page_width: float
    page_height: float


@dataclass(frozen=True)
class _Run:
    x: float
    y: float
    size: float
    text: str


def em_width(text: str) -> float:
    """The width of `text` in ems: a wide (CJK, full-width) character is 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every oddity of a damaged file; the user gets one line."""
    logger = logging.getLogger("pypdf")
    handler = logging.NullHandler()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


class _TooLong(Exception):
    """The text read so far is over the import limit."""


RUN_COST = 8  # bytes charged for each run on top of its text, so a flood of tiny runs stops too


def _page_runs(page, budget: int) -> list[_Run]:
    """The page's text runs; raises _TooLong as soon as they cost more than `budget` bytes."""
    runs: list[_Run] = []
    spent = 0

    def visit(text, cm, tm, font_dict, font_size) -> None:
        nonlocal spent
        if not text or not text.strip():
            return
        spent += len(text.encode("utf-8", "replace")) + RUN_COST
        if spent > budget:
            raise _TooLong
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        size = abs(float(font_size or 0) * scale) or float(font_size or 10) or 10.0
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):  # a run pypdf already broke into lines
            if piece.strip():
                runs.append(_Run(float(x), float(y) - index * 1.2 * size, size, piece))

    page.extract_text(visitor_text=visit)
    return runs


def _cells(runs: list[_Run], size: float) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    spaced = False  # the run before ended with a space character
    for run in sorted(runs, key=lambda r: r.x):
        text = run.text.strip()
        start = run.x + (len(run.text) - len(run.text.lstrip())) * 0.5 * run.size
        end = start + em_width(text) * run.size
        if cells and start - cells[-1].x_end < CELL_GAP_EMS * size:
            last = cells[-1]
            spaced = spaced or run.text[:1].isspace()
            wide = _wide(last.text[-1]) and _wide(text[0])
            joiner = " " if (spaced and not wide) or (
                start - last.x_end > _space_gap(last.text, text) * size) else ""
            cells[-1] = last.joined(start, end, joiner, text)
        else:
            cells.append(Cell(start, end, text))
        spaced = run.text[-1:].isspace()
    return tuple(cells)


def _space_gap(before: str, after: str) -> float:
    """The gap (ems) between two runs on a line above which a space stood between them. Between
    Latin runs 0.3 em. Beside a wide (CJK) character more: a Chinese layout puts a little space
    between Chinese and Latin text or digits that is no space character ('2026年1月', printed
    '2026 年 1 月'), and a run of Latin text or digits may be wider than its estimate (0.5 em a
    character: digits of a Chinese font are up to 0.7 em), by up to 0.2 em a character. Two wide
    characters never have a space between them."""
    if _wide(before[-1]) and _wide(after[0]):
        return math.inf
    if not (_wide(before[-1]) or _wide(after[0])):
        return 0.3
    narrow = sum(1 for _ in itertools.takewhile(lambda ch: not _wide(ch), reversed(before)))
    return 0.6 + 0.2 * narrow  # `narrow`: the Latin or digit characters ending `before`


# punctuation a Chinese PDF may draw in a Latin fallback font: such glyphs arrive as a run of
# their own, placed at its first glyph, and leave spaces where they stood in the line's text
_FALLBACK_PUNCTUATION = set("“”‘’")


def _refill_punctuation(group: list[_Run]) -> list[_Run]:
    """The runs of one line with a run holding only fallback punctuation ('“ ”') put back into
    the spaces it left between wide characters of another run ('遵循 统一领导…依法保护 的原则' →
    '遵循“统一领导…依法保护”的原则'), in order, when their counts agree; else unchanged."""
    marks = [r for r in group if set(r.text.replace(" ", "")) <= _FALLBACK_PUNCTUATION
             and r.text.strip()]
    if len(marks) != 1:
        return group
    glyphs = marks[0].text.replace(" ", "")
    for run in group:
        if run is marks[0]:
            continue
        gaps = [i for i in range(1, len(run.text) - 1) if run.text[i] == " "
                and _wide(run.text[i - 1]) and _wide(run.text[i + 1])]
        if len(gaps) == len(glyphs):
            text = list(run.text)
            for at, glyph in zip(gaps, glyphs):
                text[at] = glyph
            filled = _Run(run.x, run.y, run.size, "".join(text))
            return [filled if r is run else r for r in group if r is not marks[0]]
    return group


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _lines(runs: list[_Run], page_no: int, width: float, height: float) -> list[PdfLine]:
    lines: list[PdfLine] = []
    group: list[_Run] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if group and abs(group[0].y - run.y) > 0.4 * max(group[0].size, run.size):
            lines.append(_line(group, page_no, width, height))
            group = []
        group.append(run)
    if group:
        lines.append(_line(group, page_no, width, height))
    return lines


def _line(group: list[_Run], page_no: int, width: float, height: float) -> PdfLine:
    group = _refill_punctuation(group)
    size = max(r.size for r in group)
    cells = _cells(group, size)
    text = " ".join(c.text for c in cells)
    return PdfLine(page_no, max(r.y for r in group), cells[0].x, cells[-1].x_end, size, text,
                   cells, width, height)


def read_lines(data: bytes, name: str, limits: "ImportLimits",
               require_text: bool = True) -> list[PdfLine]:
    """Every printed line of the PDF, page by page, top to bottom.

    Raises IpmsError (one line) for a password-protected, damaged or truncated file, text beyond
    the import limit, or — when `require_text` — a file with no text layer (a scan; ocr.py reads
    one when the OCR extra is installed)."""
    from pypdf import PdfReader

    lines: list[PdfLine] = []
    with quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise IpmsError(f"{name} is password-protected; remove the password and try again")
            spent = 0
            for page_no, page in enumerate(reader.pages, start=1):
                box = page.mediabox
                runs = _page_runs(page, limits.max_bytes - spent)  # stops early when too long
                spent += sum(len(r.text.encode("utf-8", "replace")) + RUN_COST for r in runs)
                lines.extend(_lines(runs, page_no, float(box.width), float(box.height)))
        except _TooLong:
            raise IpmsError(f"{name}: the text read from it is over the "
                            f"{limits.describe()}") from None
        except IpmsError:
            raise
        except Exception as exc:  # pypdf raises many kinds on a damaged or hostile file
            raise IpmsError(f"{name} is not a readable PDF ({exc.__class__.__name__})") from None
    if require_text and not any(line.text.strip() for line in lines):
        raise IpmsError(f"{name} has no text layer (a scanned PDF?); run OCR on it first")
    return lines
