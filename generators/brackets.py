"""No brackets inside brackets: an intake value's bracketed note ('Project Ember (PC action game,
in development)', '网络游戏（移动端和PC端）', '示例音频工作室（北京）') is left out where the value
stands inside a bracket the text itself opens ('围绕主要产品（《月汐》、《余烬计划》）',
'(Moonlit Tide, Pixel Orchard and Project Ember)'); where the value stands in the sentence
itself its note is kept. Consultants avoid 括号套括号 (同一形式的括号不得套用) and a bracketed
list of bracketed names reads as one tangle; the note says the same wherever the value stands
outside brackets (the manual's company profile, the scope)."""
from __future__ import annotations

import re
from collections.abc import Iterable

OPEN, CLOSE = "(（", ")）"
_NOTE = re.compile(r"([^()（）]+?)\s*[(（]([^()（）]+)[)）]")


def value_notes(values: Iterable) -> frozenset[tuple[str, str]]:
    """The bracketed notes in the intake's values (strings, lists and mappings walked through),
    each with what it notes: ('Project Ember', 'PC action game, in development') of 'Project
    Ember (PC action game, in development)'. A bracket that is part of a title ('《…（CRO）…》')
    follows no such value and is kept."""
    notes: set[tuple[str, str]] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            notes.update((head.strip(), note.strip()) for head, note in _NOTE.findall(value)
                         if head.strip() and note.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(list(values))
    return frozenset(notes)


def unnested(text: str, notes: frozenset[tuple[str, str]]) -> str:
    """`text` with every bracketed note of `notes` that stands inside another bracket, right
    after the value it notes, left out (with the space before an English bracket); brackets at
    the top level are kept."""
    if not notes or not any(c in text for c in OPEN):
        return text
    out: list[str] = []
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char in OPEN:
            if depth >= 1:
                end = _closing(text, i)
                inner, before = text[i + 1:end].strip() if end else "", "".join(out).rstrip()
                if end is not None and any(note == inner and before.endswith(head)
                                           for head, note in notes):
                    if out and out[-1] == " ":
                        out.pop()
                    i = end + 1
                    continue
            depth += 1
        elif char in CLOSE and depth:
            depth -= 1
        out.append(char)
        i += 1
    return "".join(out)


def _closing(text: str, start: int) -> int | None:
    """The index of the bracket closing the one opened at `start` (None when unclosed)."""
    depth = 0
    for j in range(start, len(text)):
        if text[j] in OPEN:
            depth += 1
        elif text[j] in CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return None
