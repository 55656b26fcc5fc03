"""Parse a clause-numbered standard (GB/T 1.1 style) into a clause tree.

The parser survives the defects real copies have, and reports them:
- chapter headings printed without their number (inferred from the children or the sequence),
- unnumbered headings inside a clause, or in place of a missing number (gap filled by inference),
- list letters on their own line apart from their text,
- a numbered line that carries the requirement sentence instead of a title,
- cross-references at a line start that look like clause numbers,
- clause numbers used twice (kept as separate clauses with keys "N" and "N#2"),
- a line wrapped just before a number ("…按照" / "6.1.1执行；…", "…不少于" / "5 年，…"): a
  number followed by sentence text is a heading only when it is the next number in sequence and
  its text does not start like the rest of a sentence (年, 个月, 执行, …).

Besides numbered clauses it reads the furniture of a published standard: table-of-contents lines
(leader dots and a page number) are never headings, and annexes (附录A（规范性）, its title on the
same or the next line) are chapters numbered "A" whose clauses are numbered A.1, A.2.1, ….

It never drops or merges text: every non-blank line belongs to exactly one clause, in order.
What a clause number looks like and which one comes next is in clause_numbers.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.clause_numbers import (
    ANNEX, ANNEX_BASE, ANNEX_KIND, CONTINUATION, HEADING_CHARS, SENTENCE_PUNCT, Numbered,
    is_heading_line, is_toc_line, join_parts, match_number, next_in_sequence, number_parts,
    reads_as_sentence,
)
from assistant.corpus.items import parse_items
from assistant.corpus.keys import UniqueKeys
from assistant.models import Clause, Defect
from assistant.textutil import fold

PRELIMINARY = {"前言", "引言", "foreword", "introduction"}


@dataclass
class _Event:
    line_no: int
    text: str
    numbered: Numbered | None = None
    heading: bool = False
    inferred_number: str | None = None
    annex: str | None = None  # the letter of an annex heading line
    annex_title: bool = False  # the kind or title line printed under an annex heading


@dataclass
class ParsedDocument:
    clauses: dict[str, Clause]
    roots: list[str]
    defects: list[Defect] = field(default_factory=list)


class _Classifier:
    """First pass: which lines are clause numbers, which are headings, which numbers to infer."""

    def __init__(self) -> None:
        self.existing: set[tuple[int, ...]] = set()
        self.last_child: dict[tuple[int, ...], int] = {}  # parent -> highest existing child
        self.chapter = 0
        self.defects: list[Defect] = []
        self.reported_gaps: set[tuple[int, ...]] = set()
        self.last: tuple[int, ...] | None = None  # the latest heading's number
        self.annex_wait: str = ""  # what an annex heading still waits for: "kind", "title" or ""

    def _exists(self, parts: tuple[int, ...]) -> None:
        self.existing.add(parts)
        self.last = parts
        parent = parts[:-1]
        self.last_child[parent] = max(self.last_child.get(parent, 0), parts[-1])

    def _plausible(self, parts: tuple[int, ...]) -> bool:
        head = parts[0]
        if head > ANNEX_BASE >= self.chapter:
            return head == ANNEX_BASE + 1  # A.1 of an annex whose heading was not printed
        if head > self.chapter:
            return head - self.chapter <= 3  # a new chapter (possibly with its heading unnumbered)
        if head < self.chapter or len(parts) == 1:
            return False  # a cross-reference into an earlier chapter, or a repeated chapter
        return parts[:-1] in self.existing or len(parts) == 2

    def _last_sibling(self, parent: tuple[int, ...]) -> int:
        return self.last_child.get(parent, 0)

    def _slots_to_fill(self, parts: tuple[int, ...]) -> list[tuple[int, ...]]:
        """Numbers missing just before `parts`: its absent ancestors, or a gap among siblings."""
        for depth in range(1, len(parts) + 1):
            prefix = parts[:depth]
            if prefix not in self.existing:
                break
        else:
            return []
        if depth == 1 and parts[0] > ANNEX_BASE:
            return []  # annexes are lettered, not counted on from the last chapter
        parent = prefix[:-1]
        last = self._last_sibling(parent)
        upper = prefix[-1] if depth < len(parts) else prefix[-1] - 1
        return [parent + (i,) for i in range(last + 1, upper + 1)]

    def classify(self, lines: list[tuple[int, str]]) -> list[_Event]:
        events: list[_Event] = []
        pending: list[_Event] = []
        for line_no, text in lines:
            event = _Event(line_no, text)
            if self._annex_line(event):
                events.append(event)
                continue
            if is_toc_line(text):
                events.append(event)  # a table-of-contents entry: body text of 目次
                continue
            numbered = match_number(text)
            if numbered is not None:
                parts = number_parts(numbered.number)
                if not self._plausible(parts):
                    self.defects.append(
                        Defect("cross_reference", line_no, numbered.number,
                               f"line starts with {numbered.number} but is not a heading here "
                               "(cross-reference or out of sequence); kept as body text")
                    )
                elif not self._continues_sentence(numbered):  # else a wrapped line: body text
                    event.numbered = numbered
                    self._fill(pending, parts)
                    pending = []
                    self._exists(parts)
                    self.chapter = max(self.chapter, parts[0])
            elif is_heading_line(text):
                event.heading = True
                pending.append(event)
            events.append(event)
        return events

    def _continues_sentence(self, numbered: Numbered) -> bool:
        """A number followed by the rest of a sentence rather than a title: text that starts like
        a sentence's continuation ("5 年，…"), or sentence text after a number that is not the
        next one in sequence ("6.1.1执行；…" inside chapter 4)."""
        rest = numbered.rest.strip()
        sentence = reads_as_sentence(rest)
        if CONTINUATION.match(rest) and (sentence or len(rest) <= 3):
            return True
        return sentence and not next_in_sequence(self.last, number_parts(numbered.number))

    def _annex_line(self, event: _Event) -> bool:
        """Mark an annex heading (附录A（规范性）) and the kind and title lines printed under it."""
        text = event.text
        if self.annex_wait:
            if self.annex_wait == "kind" and ANNEX_KIND.match(text):
                event.annex_title, self.annex_wait = True, "title"
                return True
            self.annex_wait = ""
            if match_number(text) is None and not is_toc_line(text) and is_heading_line(text):
                event.annex_title = True
                return True
        m = ANNEX.match(text)
        if m is None or is_toc_line(text):
            return False
        title = m.group("title")
        spaced = title == "" or text[m.start("title") - 1].isspace()
        if not (m.group("kind") or spaced) or SENTENCE_PUNCT.search(title):
            return False  # "附录A给出了…": a sentence about the annex
        parts = number_parts(m.group("letter"))
        if self.chapter > ANNEX_BASE and parts[0] <= self.chapter:
            return False  # an annex named again, out of order: a reference
        event.annex = m.group("letter")
        self._exists(parts)
        self.chapter = parts[0]
        self.annex_wait = "" if title else ("title" if m.group("kind") else "kind")
        return True

    def _fill(self, pending: list[_Event], parts: tuple[int, ...]) -> None:
        slots = self._slots_to_fill(parts)
        if not slots:
            return
        if len(pending) < len(slots):
            missing = slots[len(pending):] if pending else slots
            for slot in missing:
                if slot in self.reported_gaps:
                    continue  # said once, before the first number after the gap
                self.reported_gaps.add(slot)
                name = join_parts(slot)
                self.defects.append(Defect("gap", 0, name,
                                           f"{name} is missing before {join_parts(parts)}"))
            slots = slots[: len(pending)]
        chosen = pending[len(pending) - len(slots):] if slots else []
        for event, slot in zip(chosen, slots):
            event.inferred_number = join_parts(slot)
            self._exists(slot)
            self.chapter = max(self.chapter, slot[0])


def _title_and_body(numbered: Numbered, original: str) -> tuple[str, int]:
    """Split a numbered line into its title and the offset where body text starts."""
    if len(fold(original)) == len(original):
        rest_raw = original[len(original) - len(numbered.rest):]
    else:  # folding changed the length; fall back to the folded remainder
        rest_raw = numbered.rest
    rest = rest_raw.strip()
    if not rest:
        return "", len(original)
    if reads_as_sentence(rest):
        # The numbered line carries the requirement sentence itself: no title.
        return "", len(original) - len(rest_raw.lstrip())
    return rest, len(original)


def parse_standard(doc_id: str, text: str, doc_title: str = "") -> ParsedDocument:
    """Parse cleaned standard text into clauses keyed by number (see module docstring)."""
    lines = [(i, line.strip()) for i, line in enumerate(text.split("\n"), start=1) if line.strip()]
    classifier = _Classifier()
    events = classifier.classify(lines)
    builder = _TreeBuilder(doc_id, doc_title)
    for event in events:
        builder.add(event)
    parsed = builder.finish()
    parsed.defects = _sorted_defects(classifier.defects + builder.defects + _gap_defects(parsed))
    return parsed


class _TreeBuilder:
    def __init__(self, doc_id: str, doc_title: str) -> None:
        self.doc_id = doc_id
        self.doc_title = doc_title.strip()
        self.clauses: dict[str, Clause] = {}
        self.roots: list[str] = []
        self.latest_by_number: dict[str, str] = {}
        self.occurrences: dict[str, list[int]] = {}
        self.current: _Pending | None = None
        self._unique = UniqueKeys()
        self.last_numbered: str | None = None  # context for unnumbered headings
        self.last_preliminary: str | None = None
        self.defects: list[Defect] = []

    # -- node creation -------------------------------------------------------------------------
    def add(self, event: _Event) -> None:
        if event.annex is not None:
            self._start_annex(event, event.annex)
        elif event.annex_title and self.current is not None:
            self._add_annex_line(event)
        elif event.numbered is not None:
            self._start_numbered(event, event.numbered.number, inferred=False)
        elif event.inferred_number is not None:
            self._start_numbered(event, event.inferred_number, inferred=True)
        elif event.heading:
            self._start_heading(event)
        else:
            if self.current is None:
                self._start_node(event, key="preamble", number=None, label="preamble", title="",
                                 kind="front", parent=None, body_start=0, inferred=False)
            else:
                self.current.lines.append((event.line_no, event.text))


    def _start_numbered(self, event: _Event, number: str, inferred: bool) -> None:
        if inferred:
            title, body_start = re.sub(r"\s+", "", event.text), len(event.text)
        else:
            assert event.numbered is not None
            title, body_start = _title_and_body(event.numbered, event.text)
            if event.numbered.dot:
                self.defects.append(Defect("format", event.line_no, number,
                                           f"{number} is printed with a stray trailing dot"))
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        parent = None
        while parent_number is not None:
            if parent_number in self.latest_by_number:
                parent = self.latest_by_number[parent_number]
                break
            parent_number = parent_number.rsplit(".", 1)[0] if "." in parent_number else None
        key = self._unique(number)
        self.occurrences.setdefault(number, []).append(event.line_no)
        kind = "chapter" if "." not in number else "clause"
        self._start_node(event, key=key, number=number, label=number, title=title, kind=kind,
                         parent=parent, body_start=body_start, inferred=inferred)
        self.latest_by_number[number] = key
        self.last_numbered = key

    def _start_annex(self, event: _Event, letter: str) -> None:
        m = ANNEX.match(event.text)
        assert m is not None
        key = self._unique(letter)
        self.occurrences.setdefault(letter, []).append(event.line_no)
        self._start_node(event, key=key, number=letter, label=f"附录{letter}",
                         title=m.group("title").strip(), kind="chapter", parent=None,
                         body_start=len(event.text), inferred=False)
        self.latest_by_number[letter] = key
        self.last_numbered = key

    def _add_annex_line(self, event: _Event) -> None:
        """The kind or the title printed under an annex heading: part of the heading."""
        current = self.current
        assert current is not None
        current.lines.append((event.line_no, event.text))
        if not ANNEX_KIND.match(event.text) and not current.title:
            current.title = re.sub(r"\s+", "", event.text)
        current.body_start = sum(len(t) + 1 for _, t in current.lines) - 1

    def _start_heading(self, event: _Event) -> None:
        title = re.sub(r"\s+", "", event.text) if HEADING_CHARS.match(event.text) else event.text
        if self.last_numbered is None:  # front matter
            is_top = title.lower() in PRELIMINARY or title == self.doc_title
            parent = None if is_top or self.last_preliminary is None else self.last_preliminary
            kind = "title" if title == self.doc_title else "front"
            key = self._unique(f"{parent}/{title}" if parent else title)
            self._start_node(event, key=key, number=None, label=key, title=title, kind=kind,
                             parent=parent, body_start=len(event.text), inferred=False)
            if title.lower() in PRELIMINARY:
                self.last_preliminary = key
            elif is_top:
                self.last_preliminary = None
            return
        parent = self.last_numbered
        parent_label = self.clauses[parent].label if parent in self.clauses else self.current.label
        key = self._unique(f"{parent}/{title}")
        self.defects.append(Defect("unnumbered_heading", event.line_no, parent_label,
                                   f"heading '{title}' inside {parent_label} has no number"))
        self._start_node(event, key=key, number=None, label=parent_label, title=title,
                         kind="heading", parent=parent, body_start=len(event.text), inferred=False)

    def _start_node(self, event: _Event, **fields) -> None:
        self._close()
        self.current = _Pending(first=(event.line_no, event.text), **fields)
        if fields["inferred"]:
            self.defects.append(Defect(
                "inferred", event.line_no, fields["number"],
                f"heading '{event.text.strip()}' has no number; inferred {fields['number']} "
                "from its position and children"))

    def _close(self) -> None:
        pending = self.current
        if pending is None:
            return
        text = "\n".join(t for _, t in pending.lines)
        body_start = pending.body_start
        if body_start < len(text) and text[body_start] == "\n":
            body_start += 1  # the body starts on the line after the heading
        parent = pending.parent
        depth = 0 if parent is None else self.clauses[parent].depth + 1
        clause = Clause(
            doc=self.doc_id, key=pending.key, number=pending.number, label=pending.label,
            title=pending.title, kind=pending.kind, text=text, body_start=body_start,
            first_line=pending.lines[0][0], line_numbers=tuple(n for n, _ in pending.lines),
            parent=parent, inferred=pending.inferred, depth=depth,
        )
        clause.items, letter_defects = parse_items(clause)
        self.defects.extend(letter_defects)
        self.clauses[clause.key] = clause
        if parent is None:
            self.roots.append(clause.key)
        else:
            self.clauses[parent].children.append(clause.key)
        self.current = None

    def finish(self) -> ParsedDocument:
        self._close()
        for number, lines in self.occurrences.items():
            if len(lines) > 1:
                titles = [self.clauses[k].title or self.clauses[k].body[:12]
                          for k in [number] + [f"{number}#{i}" for i in range(2, len(lines) + 1)]]
                where = ", ".join(f"line {n} ({t})" for n, t in zip(lines, titles))
                self.defects.append(Defect("duplicate", lines[1], number,
                                           f"{number} is used {len(lines)} times: {where}"))
        return ParsedDocument(self.clauses, self.roots)


@dataclass
class _Pending:
    first: tuple[int, str]
    key: str
    number: str | None
    label: str
    title: str
    kind: str
    parent: str | None
    body_start: int
    inferred: bool
    lines: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines.append(self.first)


def _gap_defects(parsed: ParsedDocument) -> list[Defect]:
    """Children numbered 1, 2, 4 (a missing 3) that inference could not fill."""
    defects: list[Defect] = []
    groups: dict[str | None, list[Clause]] = {}
    for clause in parsed.clauses.values():
        if clause.number is None or clause.number.isalpha():
            continue  # annexes are lettered: no gap to count among them
        parent_number = clause.number.rsplit(".", 1)[0] if "." in clause.number else None
        groups.setdefault(parent_number, []).append(clause)
    for parent_number, members in groups.items():
        indices = [int(c.number.rsplit(".", 1)[-1]) for c in members]
        seen = set(indices)
        # first_above[i]: the first member, in document order, numbered above i.
        first_at: dict[int, int] = {}
        for position, index in enumerate(indices):
            first_at.setdefault(index, position)
        first_above: dict[int, int | None] = {}
        best: int | None = None
        for index in range(max(seen), 0, -1):
            first_above[index] = best
            if index in first_at and (best is None or first_at[index] < best):
                best = first_at[index]
        for expected in range(1, max(seen) + 1):
            if expected not in seen:
                number = f"{parent_number}.{expected}" if parent_number else str(expected)
                position = first_above[expected]
                after = members[position] if position is not None else None
                line = after.first_line if after else 0
                defects.append(Defect("gap", line, number,
                                      f"{number} is missing (numbering jumps to "
                                      f"{after.number if after else '?'})"))
    return defects


def _sorted_defects(defects: list[Defect]) -> list[Defect]:
    unique = {(d.kind, d.line, d.number, d.message): d for d in defects}
    # The classifier reports unfillable gaps without a line; _gap_defects reports them with one.
    located = {(d.kind, d.number) for d in unique.values() if d.line}
    kept = [d for d in unique.values() if d.line or (d.kind, d.number) not in located]
    return sorted(kept, key=lambda d: (d.line, d.kind))
