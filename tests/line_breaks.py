"""Where LibreOffice broke a piece of text across lines, read from the PDF's lines (pdftotext)."""
from __future__ import annotations

import re


def breaks_inside(lines: list[str], piece: str) -> list[set[int]]:
    """For each occurrence of `piece` in the text of `lines` (each stripped of spaces and joined,
    as a Chinese paragraph's lines join), the offsets inside it where a line ended: {} for an
    occurrence on one line, {5} for 'HC-P-' / '14'. The pieces of text a line's end splits are
    found again by joining the lines, so `piece` is given without spaces."""
    text, ends = "", set()
    for line in lines:
        text += re.sub(r"\s+", "", line)
        ends.add(len(text))
    return [{end - m.start() for end in ends if m.start() < end < m.end()}
            for m in re.finditer(re.escape(piece), text)]


def after_separators(code: str) -> set[int]:
    """The offsets after each hyphen or slash inside `code`: where an English line may break it."""
    return {i + 1 for i, ch in enumerate(code[:-1]) if ch in "-/"}
