"""No brackets inside brackets: an intake value's bracketed note ('Project Ember (PC action game,
in development)', '网络游戏（移动端和PC端）', '示例音频工作室（北京）') is left out where the value
stands inside a bracket the text itself opens ('围绕主要产品（《月汐》、《余烬计划》）',
'(Moonlit Tide, Pixel Orchard and Project Ember)'); where the value stands in the sentence
itself its note is kept. Consultants avoid 括号套括号 (同一形式的括号不得套用) and a bracketed
list of bracketed names reads as one tangle; the note says the same wherever the value stands
outside brackets (the manual's company profile, the scope).

A document's number in brackets after its title ('《…》（SHG-IPM-P-07）', 'the … procedure
(SHG-IPM-P-07)') inside another bracket is written without its own brackets
(flat_references): '（按《…》SHG-IPM-P-07 办理）', '(under the … procedure, SHG-IPM-P-07)'.
A note the text itself puts in brackets right after a value that ends in its own note ('苏州某
代理事务所（普通合伙）（由…管理）', '… Agency (General Partnership) (managed under …)') goes into
the value's bracket, after a semicolon (one_bracket): '（普通合伙；由…管理）'.

`nested` finds any bracket left inside another one, for the package lint (generators.lint)."""
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

    def leave_out(out: list[str], start: int, end: int) -> bool:
        inner, before = text[start + 1:end].strip(), "".join(out).rstrip()
        if not any(note == inner and before.lower().endswith(head.lower())
                   for head, note in notes):
            return False
        if out and out[-1] == " ":
            out.pop()
        return True

    return _rewrite_inner(text, leave_out)


_NOTE_AFTER_NOTE = re.compile(r"([(（])([^()（）]+)([)）])(\s?)([(（])")


def one_bracket(text: str, notes: frozenset[tuple[str, str]], language: str) -> str:
    """`text` with a bracket that follows right after a value's own bracketed note (one of
    `notes`: value_notes) merged into it, the two notes parted by '；' (Chinese) or '; '
    (English): 'X（普通合伙）（由…管理）' → 'X（普通合伙；由…管理）'. Other brackets as written."""
    if not notes or not any(c in text for c in CLOSE):
        return text
    heads = {note: [h.lower() for h, n in notes if n == note] for _, note in notes}

    def merge(match: re.Match) -> str:
        before = text[:match.start()].rstrip().lower()
        note = match.group(2).strip()
        if not any(before.endswith(head) for head in heads.get(note, ())) \
                or _closing(text, match.start(5)) is None:
            return match.group()
        return match.group(1) + match.group(2) + ("；" if language == "zh" else "; ")

    return _NOTE_AFTER_NOTE.sub(merge, text)


def _rewrite_inner(text: str, rewrite) -> str:
    """`text` walked bracket by bracket: each bracket inside another is offered to
    `rewrite(out, start, end)` (out: the characters kept so far, which it may change; start and
    end: the bracket's indexes), which returns True when it has written the bracket its own way
    (the bracket is then skipped) and False to keep it as written."""
    out: list[str] = []
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char in OPEN and depth >= 1:
            end = _closing(text, i)
            if end is not None and rewrite(out, i, end):
                i = end + 1
                continue
        if char in OPEN:
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


# a CJK ideograph or a Latin letter or digit: after a document number it is kept apart by a space
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def flat_references(text: str, numbers: Iterable[str], language: str) -> str:
    """`text` with each bracket holding nothing but a document number of `numbers` that stands
    inside another bracket written without its brackets: in Chinese the number follows the
    title ('（按《…》SHG-IPM-P-07 办理）', a space before a word that follows), in English after a
    comma ('(under the … procedure, SHG-IPM-P-07)'). Top-level brackets are kept."""
    known = {n for n in numbers if n}
    if not known or not any(c in text for c in OPEN):
        return text

    def flat(out: list[str], start: int, end: int) -> bool:
        number = text[start + 1:end].strip()
        if number not in known:
            return False
        if language == "zh":
            after = text[end + 1:end + 2]
            out.append(number + (" " if after and _WORD.match(after) else ""))
        else:
            while out and out[-1] == " ":
                out.pop()
            out.append(", " + number)
        return True

    return _rewrite_inner(text, flat)


def nested(text: str) -> list[str]:
    """The outermost brackets of `text` that hold another round bracket ('(… procedure
    (SHG-IPM-P-07))'), each as written; a bracket inside a title's 《》 ('《…（试行）》') is
    part of the title and not counted."""
    found: list[str] = []
    depth, start, inner, titles = 0, 0, False, 0
    for i, char in enumerate(text):
        if char == "《":
            titles += 1
        elif char == "》" and titles:
            titles -= 1
        elif titles:
            continue
        elif char in OPEN:
            if depth == 0:
                start, inner = i, False
            else:
                inner = True
            depth += 1
        elif char in CLOSE and depth:
            depth -= 1
            if depth == 0 and inner:
                found.append(text[start:i + 1])
    return found
