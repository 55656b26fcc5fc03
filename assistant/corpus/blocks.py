"""One document model for every source format: an ordered list of typed blocks.

Each importer (text, Markdown, Word, PDF) turns a file into blocks; `render_text` turns blocks
into the one text form the clause parsers read, so the parsers never see a format. Format quirks
— Word's computed numbers, a PDF's running headers — stay in their importer: a block's `text` is
what a reader of the printed page sees, numbers included.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TEXT_LINE = "line "  # the origin of a block that is one line of a text file: "line 12"
BlockKind = Literal["heading", "paragraph", "list_item", "table", "note", "furniture"]


@dataclass(frozen=True)
class Block:
    """One block of a source document, in reading order.

    kind: heading / paragraph / list_item / table / note, or furniture (running headers, page
      numbers, a table of contents: kept for the import report, never rendered).
    text: the printed text, with the numbers Word or the typesetter put there ("4.2.1 文件控制",
      "a) 专利；"); for a table, its rows joined as `render_text` prints them.
    level: heading or list level where the format says (1 = top), else None.
    page: 1-based page where the format has pages (PDF), else None.
    rows: a table's cells, row by row.
    origin: where in the file it came from, for reports ("p3 y=512", "w:p 41").
    joined: printed lines the reader joined onto the block's first (a PDF's wrapped lines), for
      the import report.
    ocr: whether OCR read it (a scanned page), for the import report.
    """

    kind: BlockKind
    text: str
    level: int | None = None
    page: int | None = None
    rows: tuple[tuple[str, ...], ...] = field(default=())
    origin: str = ""
    joined: int = 0
    ocr: bool = False

    @classmethod
    def table(cls, rows: list[list[str]], page: int | None = None, origin: str = "") -> "Block":
        clean = tuple(tuple(" ".join(cell.split()) for cell in row) for row in rows)
        return cls("table", table_text(clean), page=page, rows=clean, origin=origin)


def table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    """A table as text: one line per row, cells separated by ' | ' (rows stay rows)."""
    return "\n".join(" | ".join(row) for row in rows if any(cell for cell in row))


def render_text(blocks: list[Block]) -> str:
    """The text the clause parsers read: each block on its own line(s), in order, furniture
    left out (a line of a text file that is furniture, such as its 目次, becomes a blank line, so
    that line numbers stay close to those of the file). A heading's or list item's number is
    already part of its text."""
    return "\n".join("" if b.kind == "furniture" else b.text for b in blocks
                     if b.kind != "furniture" or b.origin.startswith(TEXT_LINE))


def text_blocks(text: str) -> list[Block]:
    """A plain text as blocks: one paragraph per line, blank lines kept, so that
    render_text(text_blocks(t)) == t and line numbers stay those of the file (the parsers decide
    which lines are headings, as they always have for text)."""
    return [Block("paragraph", line, origin=f"{TEXT_LINE}{n}")
            for n, line in enumerate(text.split("\n"), 1)]
