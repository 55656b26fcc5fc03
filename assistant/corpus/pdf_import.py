"""Read a PDF standard into blocks that keep its clause tree.

The steps, each on positioned lines (pdf_lines.py):
1. furniture (pdf_furniture.py): running headers and footers, page numbers, a 目次 — kept as
   Block("furniture") for the import report, never rendered;
2. the cover (page 1 up to its last ICS/CCS code, 发布/实施 date, 代替 or "… 发布" line): front
   matter paragraphs (a title wrapped on two lines is one); cover.py reads its metadata;
3. tables: consecutive lines whose cells start at the same columns, as Block.table;
4. paragraphs: lines wrapped at the page width are joined again, across page breaks too. A line
   starts a new block when it is indented, follows a gap, is a list item, a note, an annex
   heading or an article's (Article 7 Enforcement: it ends there), or starts with a clause number and either looks like the next heading (a short
   title, no sentence punctuation, the number in sequence) or follows a finished sentence. So a
   wrapped line that starts with a number ("6.1.1执行…", "5 年，…") continues its sentence.
   Punctuation printed on a line of its own joins the line before.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.corpus.blocks import Block
from assistant.corpus.clause_numbers import ARTICLE_HEADING
from assistant.corpus.cover import PARTICULARS, CoverInfo, cover_of
from assistant.corpus.ocr import with_ocr_pages
from assistant.corpus.pdf_furniture import header_footer_lines, toc_lines
from assistant.corpus.pdf_lines import PdfLine, em_width, read_lines
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.corpus.importers import ImportLimits

_NUMBER = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,3}){0,5}|[A-Z](?:\.\d{1,3}){1,5})"
                     r"(?P<sep>\s+|(?=[\u3400-\u9fff]))(?P<rest>.*)$")
_XREF_TAIL = re.compile(r"^(的|中|条|款|项|所|规定|要求|之|或|和|及|与|至|～|~|执行|进行)")
_SENTENCE_PUNCT = re.compile(r"[，。；,;！？!?、]")
_CLOSING = re.compile(r"[。；：！？.;:!?…](?:[”’」』）)\]】》]*)$")
_PUNCT_ONLY = re.compile(r"^[\s，。；：、！？,.;:!?”’」』）)\]】》…—-]+$")
_ITEM = re.compile(r"^(?:[a-z][)）]|\d{1,2}[)）]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]+[)）]"
                   r"|[一二三四五六七八九十]+、|[①-⑳]|——|[•·▪●○■□]\s?)")
_NOTE = re.compile(r"^(?:注\s*\d*\s*[:：]|示例\s*\d*\s*[:：]|NOTE\b|EXAMPLE\b)")
_ANNEX = re.compile(r"^(?:附\s*录\s*[A-Z]|Annex\s+[A-Z])")
_KEYWORD_HEADINGS = {"前言", "引言", "目次", "目录", "参考文献", "索引", "foreword",
                     "introduction", "bibliography"}
# a chapter or article of rules at a line's start (第二章 组织与职责, 第三条 公司设立…), unless the
# words after it make it a reference wrapped to the line's start (第三条的规定, 第五条规定执行)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇两\d]{1,6}[章条节](?P<rest>.*)$")
_TABLE_CAPTION = re.compile(r"^(?:表|图)\s*[A-Z]?\.?\d+")
_COVER_MARK = re.compile(r"^(?:ICS\b|CCS\b|\d{4}\s*[-－.]\s*\d{1,2}\s*[-－.]\s*\d{1,2}\s*(?:发布|实施)"
                         r"|代替\s*\S)")
MARGIN_EMS = 1.5  # a line ending this close to the right margin was wrapped by the typesetter


def _parts(number: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in number.split(".")) if number[0].isdigit() else None


def _in_sequence(parts: tuple[int, ...] | None, last: tuple[int, ...] | None) -> bool:
    """A number that can follow the last heading's: its first child, or the next at any level."""
    if parts is None:  # annex clauses (A.1): lettered, not checked here
        return True
    if last is None:
        return len(parts) == 1 or parts[-1] == 1
    if parts == last + (1,):
        return True
    return any(parts == last[:k] + (last[k] + 1,) for k in range(len(last)))


def _heading_like(rest: str) -> bool:
    rest = rest.strip()
    return (0 < len(rest) <= 25 and not _SENTENCE_PUNCT.search(rest)
            and not _XREF_TAIL.match(rest))


class _Layout:
    """What the body text of the document looks like: left edge, right margin, line pitch."""

    def __init__(self, lines: list[PdfLine]) -> None:
        self.left = min((line.x for line in lines), default=0.0)  # the text block's left edge
        self.right = self._right_margin(lines)
        gaps = [a.y - b.y for a, b in zip(lines, lines[1:]) if a.page == b.page and a.y > b.y]
        self.pitch = statistics.median(gaps) if gaps else 0.0

    @staticmethod
    def _right_margin(lines: list[PdfLine]) -> float:
        """Where wrapped lines end: the furthest line end shared (within an em) by two or more
        lines — one over-long line (a URL, a wide table row) does not move it."""
        bins: dict[int, list[float]] = {}
        for line in lines:
            bins.setdefault(round(line.x_end / line.size), []).append(line.x_end)
        shared = [max(ends) for ends in bins.values() if len(ends) >= 2]
        return max(shared or [line.x_end for line in lines] or [0.0])

    def indented(self, line: PdfLine) -> bool:
        return line.x > self.left + 0.9 * line.size

    def at_margin(self, line: PdfLine) -> bool:
        return line.x_end >= self.right - MARGIN_EMS * line.size

    def after_gap(self, previous: PdfLine, line: PdfLine) -> bool:
        return (previous.page == line.page and self.pitch > 0
                and previous.y - line.y > 1.6 * self.pitch)


class _Paragraphs:
    """Joins body lines into blocks, deciding for each line whether it starts a new block."""

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.kind = "paragraph"
        self.level: int | None = None
        self.page = 0
        self.last_line: PdfLine | None = None
        self.last_number: tuple[int, ...] | None = None

    def _open(self, line: PdfLine) -> bool:
        """The block so far ends mid-sentence: a wrapped line, not a finished one or a title."""
        text = line.text.strip()
        if self.kind == "heading" or _CLOSING.search(text) or ARTICLE_HEADING.match(fold(text)):
            return False  # an English article's heading line ends with its title
        long_enough = _SENTENCE_PUNCT.search(text) or em_width(text) * line.size > 0.6 * (
            self.layout.right - self.layout.left)
        return bool(long_enough) or self.layout.at_margin(line)

    def _indented_start(self, previous: PdfLine, line: PdfLine) -> bool:
        """An indented first line: after a line at the left edge (not a list item's hanging
        indent), or after a one-line paragraph indented the same way."""
        if not self.layout.indented(line) or _ITEM.match(self.parts[0]):
            return False
        return not self.layout.indented(previous) or (
            len(self.parts) == 1 and abs(previous.x - line.x) < 0.5 * line.size)

    def _starts_block(self, line: PdfLine, text: str) -> bool:
        previous = self.last_line
        if previous is None or self.kind == "table":
            return True
        if _PUNCT_ONLY.match(text):
            return False
        if self.layout.after_gap(previous, line) or self._indented_start(previous, line):
            return True
        if (_ITEM.match(text) or _NOTE.match(text) or _ANNEX.match(text)
                or _TABLE_CAPTION.match(text) or text.lower() in _KEYWORD_HEADINGS
                or PARTICULARS.match(text)):
            return True
        article = _ARTICLE.match(text)
        if article and not _XREF_TAIL.match(article.group("rest").lstrip()) \
                or ARTICLE_HEADING.match(fold(text)):
            return True
        wrapped = self._open(previous)
        m = _NUMBER.match(text)
        if m:
            parts = _parts(m.group("num"))
            if not wrapped:
                return True
            return _heading_like(m.group("rest")) and bool(m.group("sep")) and _in_sequence(
                parts, self.last_number)
        return not wrapped

    def add(self, line: PdfLine) -> None:
        text = line.text.strip()
        if self._starts_block(line, text):
            self.flush()
            self.page = line.page
            m = _NUMBER.match(text)
            self.kind, self.level = "paragraph", None
            if m and (m.group("sep") or not _XREF_TAIL.match(m.group("rest"))):
                parts, heading = _parts(m.group("num")), _heading_like(m.group("rest"))
                if heading or _in_sequence(parts, self.last_number):  # a skipped number too
                    self.last_number = parts or self.last_number
                if heading:
                    self.kind, self.level = "heading", m.group("num").count(".") + 1
            elif _ITEM.match(text):
                self.kind = "list_item"
            elif _NOTE.match(text):
                self.kind = "note"
            elif _ANNEX.match(text) or text.lower() in _KEYWORD_HEADINGS:
                self.kind, self.level = "heading", 1
            self.parts = [text]
        else:
            self.parts.append(text)
        self.last_line = line

    def add_table(self, rows: list[PdfLine]) -> None:
        self.flush()
        self.blocks.append(Block.table(table_cells(rows),
                                       page=rows[0].page, origin=f"p{rows[0].page} table"))
        self.kind, self.last_line = "table", rows[-1]

    def flush(self) -> None:
        if self.parts:
            text = self.parts[0]
            for part in self.parts[1:]:
                latin = re.match(r"[A-Za-z0-9]", part) and re.search(r"[A-Za-z0-9,;:.]$", text)
                text += (" " if latin else "") + part
            self.blocks.append(Block(self.kind, text, level=self.level, page=self.page,  # type: ignore[arg-type]
                                     origin=f"p{self.page}", joined=len(self.parts) - 1))
        self.parts = []


def table_cells(rows: list[PdfLine]) -> list[list[str]]:
    """The cells' texts of a table's rows, each row's cells cut again at the table's columns
    (where a cell of any row starts): a wide cell whose run ends less than the cell gap before
    the next column was read as one cell with it ('知识产权基础与保密义务 4')."""
    tolerance = min(r.size for r in rows)
    columns: list[float] = []
    for x in sorted(c.x for r in rows for c in r.cells):
        if not columns or x - columns[-1] >= tolerance:
            columns.append(x)
    return [[piece.text for cell in r.cells for piece in cell.split_at(columns, tolerance)]
            for r in rows]


def _table_rows(lines: list[PdfLine], start: int) -> int:
    """How many lines from `start` form a table: two or more lines of two or more cells whose
    columns start at the same places."""
    first = lines[start]
    if len(first.cells) < 2:
        return 0
    columns = [c.x for c in first.cells]
    end = start + 1
    while end < len(lines) and len(lines[end].cells) >= 2 and all(
            any(abs(c.x - x) < first.size for x in columns) for c in lines[end].cells):
        end += 1
    return end - start if end - start >= 2 else 0


def _cover(lines: list[PdfLine]) -> list[PdfLine]:
    """The cover's lines: page 1 up to its last cover mark (ICS/CCS, a 发布/实施 date, a 代替
    line, the issuing body's "… 发布"), when it has two marks or more; else none."""
    page = [line for line in lines if line.page == 1]
    marks = [i for i, line in enumerate(page) if _COVER_MARK.match(line.text.strip())
             or re.search(r"\S\s*发布$", line.text.strip())]
    return page[:marks[-1] + 1] if len(marks) >= 2 else []


def pdf_blocks(lines: list[PdfLine], furniture_known: frozenset[int] = frozenset()
               ) -> list[Block]:
    """The blocks of a PDF from its positioned lines (see the module docstring);
    `furniture_known`: indexes of lines already known to be furniture (a contents page OCR read)."""
    furniture = header_footer_lines(lines) | furniture_known
    furniture |= toc_lines(lines, furniture)
    body = [line for i, line in enumerate(lines) if i not in furniture]
    cover = _cover(body)
    body = body[len(cover):]
    layout = _Layout(body)
    front = _Paragraphs(layout)
    for line in cover:
        front.add(line)
    front.flush()
    blocks = [replace(b, kind="paragraph", level=None, origin="p1 cover") for b in front.blocks]
    paragraphs = _Paragraphs(layout)
    index = 0
    while index < len(body):
        rows = _table_rows(body, index)
        if rows:
            paragraphs.add_table(body[index:index + rows])
            index += rows
        else:
            paragraphs.add(body[index])
            index += 1
    paragraphs.flush()
    blocks += paragraphs.blocks
    blocks += [Block("furniture", lines[i].text, page=lines[i].page,
                     origin=f"p{lines[i].page} y={lines[i].y:.0f}") for i in sorted(furniture)]
    return blocks


def read_pdf(data: bytes, name: str, limits: "ImportLimits") -> list[Block]:
    """A PDF standard as blocks: furniture marked, cover lines kept as front matter, tables as
    tables, wrapped lines joined into paragraphs; pages without a text layer (a scan) are read by
    OCR when the extra is installed (ocr.py). Raises IpmsError (one line) for a file that is
    encrypted, damaged, over the import limit or without text that either can read."""
    lines = read_lines(data, name, limits, require_text=False)
    text = with_ocr_pages(data, name, lines, limits)
    blocks = pdf_blocks(text.lines, text.furniture)
    return [replace(b, ocr=True) if b.page in text.ocr_pages else b for b in blocks]


def read_cover(data: bytes, name: str, limits: "ImportLimits") -> CoverInfo:
    """The metadata on a PDF's cover (empty fields when it has none; see cover.py)."""
    return cover_of(read_pdf(data, name, limits))
