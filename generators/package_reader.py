"""Reading a drafted package back from its Word files, for the package lint (generators.lint).

Only what a reader of the documents sees: each .docx's header line, its paragraphs (with their
style) and its tables (rows of cell texts), in document order. The XML is read directly
(zipfile + lxml, which python-docx already needs) rather than through python-docx's object
model: a package of ~95 files reads in a fraction of a second.
"""
from __future__ import annotations

import re

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from assistant.textutil import visible
from generators.unused_rows import is_unused_row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOLDER_KINDS = {"01-manual": "manual", "02-procedures": "procedure", "03-forms": "form"}
DocKind = Literal["manual", "procedure", "form", "other"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0] if self.rows else ()

    def listed(self) -> list[tuple[str, ...]]:
        """The rows below the header that list something: not blank, and in a document list
        (R-01, R-05) not a row saying which numbers the package leaves free
        (generators.unused_rows.is_unused_row)."""
        return [row for row in self.rows[1:] if any(row) and not is_unused_row(row)]


@dataclass
class PackageDocument:
    """One Word file of the package: `path` relative to the package folder, `kind` from its
    folder, `number` from its header line (company, number, standard), `title` its Title
    paragraphs after the company's name, `blocks` its paragraphs and tables in order."""

    path: str
    kind: DocKind
    number: str
    title: str
    header: str
    blocks: list[Paragraph | Table] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def texts(self, unused_rows: bool = True):
        """(where, text) of every paragraph and table cell; `where` is the heading above it
        (or 'table under <heading>'). `unused_rows` False: without the rows of a document list
        that name numbers left free (is_unused_row), which cite no document."""
        heading = ""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                if block.style.lower().startswith(("heading", "title")):
                    heading = block.text
                yield heading, block.text
            else:
                for row in block.rows:
                    if not unused_rows and is_unused_row(row):
                        continue
                    for cell in row:
                        if cell:
                            yield f"{heading} (table)" if heading else "table", cell


def _text(element) -> str:
    """The text under `element` as a reader sees it: tabs, breaks and Word's non-breaking
    hyphen as characters, without the word joiners that keep numbers whole (generators.word_text)."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}noBreakHyphen"):
        parts.append(node.text or "" if node.tag == f"{W}t" else
                     "\t" if node.tag == f"{W}tab" else
                     "-" if node.tag == f"{W}noBreakHyphen" else "\n")
    return visible("".join(parts))


def _paragraph(element) -> Paragraph:
    style = element.find(f"{W}pPr/{W}pStyle")
    return Paragraph(_text(element).strip(), style.get(f"{W}val", "") if style is not None else "")


# a line break the layout put into a Chinese header between two of its words (docx_writer.
# header_text: '中国注册号' / '及注册人'): a reader reads the label whole
_CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\n|\n(?=[\u2e80-\u9fff\uff00-\uffef])")


def header_cell(text: str) -> str:
    """A table header cell's text as a reader reads the label: without the line breaks the
    layout put between two of a Chinese header's words ('中国注册号\n及注册人' -> '中国注册号及注册人')."""
    return _CJK_BREAK.sub("", text)


def _table(element) -> Table:
    rows = []
    for number, tr in enumerate(element.iterfind(f"{W}tr")):
        cells = []
        for tc in tr.iterfind(f"{W}tc"):
            text = "\n".join(_text(p).strip() for p in tc.iterfind(f"{W}p")).strip()
            cells.append(header_cell(text) if number == 0 else text)
        rows.append(tuple(cells))
    return Table(tuple(rows))


def read_document(path: Path, root: Path) -> PackageDocument:
    """One .docx of the package under `root`. OSError / zipfile.BadZipFile when unreadable."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        headers = [etree.fromstring(archive.read(n)) for n in archive.namelist()
                   if n.startswith("word/header") and n.endswith(".xml")]
    blocks: list[Paragraph | Table] = []
    for child in body:
        if child.tag == f"{W}p":
            paragraph = _paragraph(child)
            if paragraph.text:
                blocks.append(paragraph)
        elif child.tag == f"{W}tbl":
            blocks.append(_table(child))
    header = " ".join(t for h in headers for p in h.iter(f"{W}p") if (t := _text(p).strip()))
    parts = [p for p in header.split("  ") if p.strip()]
    number = parts[1].strip() if len(parts) >= 3 else path.stem.split(" ")[0]
    relative = path.relative_to(root)
    kind = FOLDER_KINDS.get(relative.parts[0], "other") if len(relative.parts) > 1 else "other"
    titles = [b.text for b in blocks if isinstance(b, Paragraph) and b.style == "Title"]
    title = titles[-1] if titles else path.stem
    return PackageDocument(relative.as_posix(), kind, number, title, header, blocks)


def package_files(root: Path) -> list[Path]:
    """The package's own .docx files under `root`, in name order: none in a hidden folder
    (.ipms-replaced holds the edited files a --force run kept) and no hidden or temporary file
    (Word's '~$…docx' owner file while a document is open, '.…docx')."""
    return [p for p in sorted(root.rglob("*.docx"))
            if not any(part.startswith(".") for part in p.relative_to(root).parts[:-1])
            and not p.name.startswith((".", "~$")) and p.is_file()]


def read_package(root: Path) -> list[PackageDocument]:
    """Every one of the package's own .docx files under `root` (package_files), manual first,
    then procedures, forms and the rest, each folder in name order."""
    order = {"manual": 0, "procedure": 1, "form": 2, "other": 3}
    documents = [read_document(p, root) for p in package_files(root)]
    return sorted(documents, key=lambda d: (order[d.kind], d.path))
