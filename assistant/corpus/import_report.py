"""What an import found, and whether the clause tree it built looks broken.

`ipms corpus add` prints an ImportReport: clauses per level, chapters, annexes, tables and how
many landed in a clause, the page furniture removed and the wrapped lines joined again (counted
by the readers and the cleaner as they worked: furniture blocks, `Block.joined`, the cleaner's
dropped lines), the cover's metadata and the parser's defects. It also looks for signs that the
tree is wrong, each a Finding; any finding refuses the import unless --accept-defects:
- contents: a 目次 / 目录 / Contents entry (a clause number, an annex, 第X章) the tree lacks;
- demoted: a line that reads as a numbered heading (a number, then a short title without
  sentence punctuation) left inside another clause's body, its number missing from the tree
  (or taken by a clause that has a sentence where its title should be);
- order: a clause numbered below the clause before it (4.3 then 4.2); a number printed twice
  is a duplicate, which real copies have, not a finding;
- one clause: one clause holds more than half the text of a clause-numbered document of 500
  characters or more (not counting spaces);
- unnumbered: a standard read by its headings (no numbered clause) although its lines or 目次
  entries read as headings with three or more different numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from assistant.corpus.blocks import Block
from assistant.corpus.clause_numbers import (
    ANNEX, CONTINUATION, MAX_TITLE_CHARS, SENTENCE_PUNCT, is_toc_line, join_parts, match_number,
    number_parts,
)
from assistant.corpus.cover import CoverInfo
from assistant.corpus.importers import Source
from assistant.corpus.pdf_furniture import is_toc_entry, is_toc_title
from assistant.corpus.standard_parser import ParsedDocument
from assistant.models import Clause, Defect
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.corpus.store import Document

ONE_CLAUSE_SHARE = 0.5  # more than this share of the text in one clause looks broken ...
ONE_CLAUSE_MIN_CHARS = 500  # ... in a document at least this long (non-space characters)
UNNUMBERED_MIN_HEADINGS = 3  # different heading numbers that a tree without numbers contradicts
_TOC_TAIL = re.compile(r"\s*(?:[.·•…．。⋯_\-]{2,}\s*|\s+)(?:\d{1,4}|[ivxIVX]{1,6}|[ⅰ-ⅻⅠ-Ⅻ]{1,3})$")
_CN_LABEL = re.compile(r"^第[一二三四五六七八九十百零〇两]{1,6}[章条]")
_CN_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇两]{1,6}章$")
_SPACE = re.compile(r"\s+")
FindingKind = Literal["contents", "demoted", "order", "one clause", "unnumbered"]


@dataclass(frozen=True)
class Finding:
    """One sign that the clause tree is broken."""

    kind: FindingKind
    message: str  # what a reader can check in the file: "numbers out of order: 5.1 after 5.3"


@dataclass(frozen=True)
class SourceCounts:
    """What was taken out of or joined in the file's text before parsing, as counted by the
    reader (furniture blocks, joined lines, tables) and the cleaner (dropped lines)."""

    format: str  # the READERS key: text, markdown, docx, pdf
    furniture_lines: int  # running headers, footers, page numbers, contents, copyright lines
    lines_rejoined: int  # lines wrapped at the page width joined to the line before
    tables: int
    ocr_pages: tuple[int, ...] = ()  # scanned pages whose text OCR read, in order

    @classmethod
    def of(cls, source: Source, dropped_lines: int) -> "SourceCounts":
        """The counts of a file as read (`source`) and cleaned (`dropped_lines` removed)."""
        furniture = sum(len(b.text.split("\n")) for b in source.blocks if b.kind == "furniture")
        return cls(source.format, furniture + dropped_lines,
                   sum(b.joined for b in source.blocks),
                   sum(1 for b in source.blocks if b.kind == "table"),
                   tuple(sorted({b.page for b in source.blocks if b.ocr and b.page})))

    def ocr_line(self) -> str:
        """The report's line on OCR ("" when none read the file): OCR misreads a character now
        and then, so the user is told to check figures and line ends against the scan."""
        if not self.ocr_pages:
            return ""
        n = len(self.ocr_pages)
        return (f"  read by OCR: {n} scanned page{'s' if n > 1 else ''} "
                f"(page {_names([str(p) for p in self.ocr_pages])}); check figures and line ends "
                "against the scan")


@dataclass(frozen=True)
class OutlineEntry:
    """One node of the clause tree as `--dry-run` prints it."""

    depth: int
    label: str
    title: str


@dataclass(frozen=True)
class ImportReport:
    """What `ipms corpus add` found in one file (see the module docstring)."""

    name: str  # the file's name
    structure: str  # clauses or sections
    counts: SourceCounts
    per_level: tuple[int, ...]  # numbered clauses (or sections) at level 1, 2, …
    chapters: int
    annexes: int
    tables_in_clauses: int
    cover: CoverInfo
    defects: tuple[Defect, ...]
    findings: tuple[Finding, ...]
    outline: tuple[OutlineEntry, ...]

    @property
    def broken(self) -> bool:
        """Whether the tree looks broken (the import is refused unless --accept-defects)."""
        return bool(self.findings)

    def summary(self) -> str:
        """The refusal as one line."""
        found = "; ".join(f.message for f in self.findings)
        return (f"{self.name}: the clause tree looks broken ({found}); nothing was added — "
                "`ipms corpus add --dry-run` shows the tree, --accept-defects adds it anyway")

    def lines(self) -> list[str]:
        """The report as printed by `ipms corpus add`."""
        unit = "clauses" if self.structure == "clauses" else "sections"
        levels = ", ".join(f"level {i}: {n}" for i, n in enumerate(self.per_level, start=1))
        out = [f"import report for {self.name} ({self.counts.format}, read by {self.structure})",
               f"  {unit}: {sum(self.per_level)} ({levels or 'none'}); chapters {self.chapters}, "
               f"annexes {self.annexes}",
               f"  tables: {self.counts.tables}, {self.tables_in_clauses} attached to a clause",
               f"  furniture lines removed: {self.counts.furniture_lines}; "
               f"lines rejoined: {self.counts.lines_rejoined}"]
        out += [self.counts.ocr_line()] if self.counts.ocr_pages else []
        cover = self.cover
        if any((cover.number, cover.replaces, cover.issued, cover.effective)):
            parts = [cover.number or "no number", cover.replaces and f"replaces {cover.replaces}",
                     cover.issued and f"issued {cover.issued}",
                     cover.effective and f"effective {cover.effective}"]
            out.append("  cover: " + ", ".join(p for p in parts if p))
        kinds: dict[str, int] = {}
        for defect in self.defects:
            kinds[defect.kind] = kinds.get(defect.kind, 0) + 1
        listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        out.append(f"  defects: {len(self.defects)}" + (f" ({listed})" if listed else ""))
        out += [f"  looks broken: {f.message}" for f in self.findings]
        return out

    def tree_lines(self) -> list[str]:
        """The clause tree, indented by depth: number (or label) and title."""
        return ["  " * e.depth + (e.title if e.title.startswith(e.label) else
                                  f"{e.label} {e.title}".rstrip()) for e in self.outline]


def _squeezed_length(text: str) -> int:
    return len(_SPACE.sub("", text))


def _contents_labels(blocks: list[Block]) -> list[str]:
    """The clause numbers, annex letters and 第X章/第X条 a table of contents lists, in order. A
    contents runs from its title while entries (or furniture between pages) follow; a line with
    leader dots and a page number counts wherever it is."""
    labels: list[str] = []
    in_contents = False
    for block in blocks:
        for line in block.text.split("\n"):
            text = line.strip()
            if is_toc_title(text):
                in_contents = True
                continue
            entry = is_toc_line(text) or (in_contents and is_toc_entry(text))
            if not entry:
                in_contents = in_contents and (block.kind == "furniture" or not text)
                continue
            label = fold(_TOC_TAIL.sub("", text))
            annex, numbered = ANNEX.match(label), match_number(label)
            if annex:
                labels.append(annex.group("letter"))
            elif numbered:
                labels.append(numbered.number)
            elif (cn := _CN_LABEL.match(label)):
                labels.append(cn.group(0))
    return labels


def _heading_like(text: str) -> bool:
    """A line that reads as a numbered heading: a clause number, then a short title without
    sentence punctuation (not a table row, not the rest of a wrapped sentence)."""
    numbered = match_number(text)
    if numbered is None or is_toc_line(text):
        return False
    rest = numbered.rest.strip()
    return (0 < len(rest) <= MAX_TITLE_CHARS and not SENTENCE_PUNCT.search(rest)
            and "|" not in rest and not CONTINUATION.match(rest))


def _demoted(clauses: list[Clause]) -> list[str]:
    """Lines inside a clause's body that read as numbered headings, as "line N (4.2 职责)", when
    the tree has no clause with that number, or the line sits in a clause printed with the same
    number and a sentence instead of a title (a wrapped "5 年，…" taken for chapter 5). A number
    the tree has elsewhere is a duplicate, which `corpus check` reports."""
    numbers = {c.number for c in clauses if c.number}
    out = []
    for clause in clauses:
        lines = list(zip(clause.line_numbers, clause.text.split("\n")))
        for line_no, line in lines[1:] if clause.number else lines:
            numbered = match_number(line.strip()) if _heading_like(line.strip()) else None
            if numbered is not None and (numbered.number not in numbers or (
                    numbered.number == clause.number and not clause.title)):
                out.append(f"line {line_no} ({line.strip()[:20]})")
    return sorted(out, key=lambda s: int(s.split()[1]))


def _out_of_order(clauses: list[Clause]) -> list[str]:
    """Printed numbers lower than the number printed before them (duplicates aside)."""
    seen: set[str] = set()
    previous: tuple[int, ...] | None = None
    out = []
    for clause in sorted(clauses, key=lambda c: c.first_line):
        if clause.number is None or clause.inferred:
            continue
        parts = number_parts(clause.number)
        if clause.number not in seen and previous is not None and parts < previous:
            out.append(f"{clause.number} after {join_parts(previous)}")
        seen.add(clause.number)
        previous = parts
    return out


def _names(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def findings(blocks: list[Block], text: str, parsed: ParsedDocument, structure: str,
             kind: str) -> list[Finding]:
    """The signs that the clause tree `parsed` (of `text`, read by `structure`) is broken; the
    contents check needs the blocks the text was rendered from (a stored text has no 目次: pass
    none)."""
    clauses = list(parsed.clauses.values())
    found: list[Finding] = []
    known = {c.number for c in clauses if c.number} | {c.label for c in clauses}
    listed = _contents_labels(blocks)
    missing = [label for label in dict.fromkeys(listed) if label not in known]
    if missing:
        found.append(Finding("contents", f"the contents (目次) lists {_names(missing)}, "
                                         "which the clause tree lacks"))
    if structure == "clauses":
        demoted = _demoted(clauses)
        if demoted:
            found.append(Finding("demoted", f"{len(demoted)} numbered heading(s) read as body "
                                            f"text: {_names(demoted, 3)}"))
        order = _out_of_order(clauses)
        if order:
            found.append(Finding("order", f"numbers out of order: {_names(order, 3)}"))
    elif kind != "notice" and not any(c.number and not c.inferred for c in clauses):
        numbers = {label for label in listed if label[0].isdigit()}
        for line in text.split("\n"):
            if _heading_like(line.strip()):
                numbers.add(match_number(line.strip()).number)  # type: ignore[union-attr]
        if len(numbers) >= UNNUMBERED_MIN_HEADINGS:
            shown = _names(sorted(numbers, key=number_parts), 3)
            found.append(Finding("unnumbered", "no numbered clause was read, though lines read "
                                               f"as headings numbered {shown}"))
    sizes = {c.key: _squeezed_length(c.text) for c in clauses}
    total = sum(sizes.values())
    if structure == "clauses" and total >= ONE_CLAUSE_MIN_CHARS:
        key = max(sizes, key=lambda k: sizes[k])
        if sizes[key] / total > ONE_CLAUSE_SHARE:
            found.append(Finding("one clause", f"{parsed.clauses[key].label} holds "
                                               f"{sizes[key] / total:.0%} of the text"))
    return found


def _per_level(clauses: list[Clause], structure: str) -> tuple[int, ...]:
    """Numbered clauses (or sections) per level. A section's level is one more than the sections
    above it, whether or not a document title heads the tree: a scanned page without its title
    has its 第二章 at level 1 and its articles at level 2, all of them counted, as a titled
    document does."""
    by_key = {c.key: c for c in clauses}
    levels: dict[int, int] = {}
    for clause in clauses:
        if structure == "clauses" and clause.number:
            level = clause.number.count(".") + 1
        elif structure == "sections" and clause.kind == "section":
            level = 1 + _sections_above(clause, by_key)
        else:
            continue
        levels[level] = levels.get(level, 0) + 1
    return tuple(levels.get(i, 0) for i in range(1, max(levels, default=0) + 1))


def _sections_above(clause: Clause, by_key: dict[str, Clause]) -> int:
    """How many sections `clause` lies under (a document title above them is none)."""
    count, parent = 0, by_key.get(clause.parent) if clause.parent else None
    while parent is not None:
        count += parent.kind == "section"
        parent = by_key.get(parent.parent) if parent.parent else None
    return count


def assess(name: str, source: Source, dropped_lines: int, text: str, parsed: ParsedDocument,
           structure: str, kind: str, cover: CoverInfo) -> ImportReport:
    """The import report for `text` (the cleaned text of `source`) parsed into `parsed`."""
    clauses = list(parsed.clauses.values())
    cited = [c for c in clauses if c.kind in ("chapter", "clause", "heading", "section")]
    tables = [b.text.split("\n")[0] for b in source.blocks if b.kind == "table" and b.text]
    attached = sum(1 for row in tables if any(row in c.text for c in cited))
    if structure == "clauses":
        chapters = sum(1 for c in clauses if c.number and c.number.isdigit())
        annexes = sum(1 for c in clauses if c.number and c.number.isalpha())
    else:
        chapters = sum(1 for c in clauses if _CN_CHAPTER.match(c.label))
        annexes = 0
    outline = tuple(OutlineEntry(c.depth, c.label, c.title or _excerpt(c.body))
                    for c in sorted(clauses, key=lambda c: c.first_line))
    return ImportReport(name, structure, SourceCounts.of(source, dropped_lines),
                        _per_level(clauses, structure), chapters, annexes, attached, cover,
                        tuple(parsed.defects), tuple(findings(source.blocks, text, parsed, structure, kind)),
                        outline)


def _excerpt(body: str, limit: int = 24) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def document_findings(document: "Document") -> list[Finding]:
    """The signs of a broken tree in a stored document, for `ipms corpus check` (no contents
    check: a stored text keeps no 目次)."""
    parsed = ParsedDocument(document.clauses, document.roots, document.defects)
    return findings([], document.text, parsed, document.meta.structure, document.meta.kind)
