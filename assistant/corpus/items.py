"""Lettered list items a) b) c) inside a clause, including letters printed on their own line."""
from __future__ import annotations

import re

from assistant.models import Clause, Defect, ListItem
from assistant.textutil import fold

_LETTER = re.compile(r"^[(（]?([a-zA-Z])[)）]\s*")


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def parse_items(clause: Clause) -> tuple[tuple[ListItem, ...], list[Defect]]:
    """Find the clause's list items; report letters that skip or repeat."""
    lines = _lines_with_offsets(clause.text)
    items: list[ListItem] = []
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        if offset + len(line) <= clause.body_start and i == 0 and clause.body_start >= len(line):
            i += 1
            continue  # the heading line
        m = _LETTER.match(fold(line))
        if not m:
            i += 1
            continue
        rest = line[m.end():]
        end = offset + len(line)
        if not rest.strip() and i + 1 < len(lines) and not _LETTER.match(fold(lines[i + 1][1])):
            i += 1  # the letter stands alone; its text is the next line
            rest = lines[i][1]
            end = lines[i][0] + len(rest)
        items.append(ListItem(m.group(1).lower(), rest.strip(), offset, end))
        i += 1
    return tuple(items), _letter_defects(clause, items)


def _letter_defects(clause: Clause, items: list[ListItem]) -> list[Defect]:
    if not items:
        return []
    defects = []
    letters = [item.letter for item in items]
    where = clause.label
    line_of = dict(zip(_line_starts(clause.text), clause.line_numbers))
    if letters[0] != "a":
        defects.append(Defect("list_letters", line_of.get(items[0].start, clause.first_line), where,
                              f"list in {where} starts at {letters[0]}) (earlier letters missing)"))
    for prev, item in zip(items, items[1:]):
        if ord(item.letter) != ord(prev.letter) + 1:
            defects.append(Defect("list_letters", line_of.get(item.start, clause.first_line), where,
                                  f"list in {where}: {item.letter}) follows {prev.letter})"))
    return defects


def _line_starts(text: str) -> list[int]:
    return [offset for offset, _ in _lines_with_offsets(text)]
