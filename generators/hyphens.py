"""Where a long Latin word of a narrow table header may break: between its syllables, as the
hyphenation patterns of TeX and LibreOffice divide it (pyphen ships them), marked in the Word
file with Word's optional hyphen (w:softHyphen; LibreOffice reads it as U+00AD). A header word
wider than its column would otherwise be broken at the cell's edge, anywhere inside the word
('Applicati' / 'on'); with the marks it breaks as a typesetter would ('Applica-' / 'tion'),
and only where it must: an optional hyphen is invisible where the line does not break.

Readers need not strip anything: python-docx and docx2python read w:softHyphen as nothing, so the
text reads back whole ('Application')."""
from __future__ import annotations

import re
from functools import lru_cache

import pyphen
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LANGUAGE = "en_GB"  # the Latin text's language in the drafted files (word_text.NUMBER_LANGUAGE)
SHORTEST = 6  # a shorter word is never broken: 'Grade', 'status'
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=LANGUAGE)


@lru_cache(maxsize=4096)
def syllables(word: str) -> tuple[str, ...]:
    """`word` cut where it may be hyphenated ('registration' → ('re', 'gis', 'tra', 'tion')); a
    word shorter than SHORTEST letters, or not all Latin letters, whole."""
    if len(word) < SHORTEST or not _LATIN_WORD.fullmatch(word):
        return (word,)
    return tuple(_dictionary().inserted(word, hyphen="\u00ad").split("\u00ad"))


def broken(word: str, fits) -> tuple[str, ...]:
    """`word` in as few pieces as its syllables allow, each piece (with the hyphen that ends all
    but the last) accepted by `fits(text) -> bool`; greedy, as a word processor breaks it.
    The whole word when it fits or its syllables cannot be joined to fit."""
    if fits(word):
        return (word,)
    out: list[str] = []
    parts = syllables(word)
    for i, part in enumerate(parts):
        if out and fits(out[-1] + part + ("" if i == len(parts) - 1 else "-")):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


def widest_piece(word: str, width) -> float:
    """The width of the widest piece `word` can be broken into (a piece that ends in a hyphen
    measured with it), where `width(text) -> float` measures a piece; the whole word when it
    cannot be broken (short, or not all Latin letters). In the unit of `width`."""
    pieces = syllables(word)
    return max([width(p + "-") for p in pieces[:-1]] + [width(pieces[-1])])


def write_breakable(run, text: str, fits) -> None:
    """Set `run`'s text (python-docx Run) to `text`, with an optional hyphen between the pieces of
    each word that `fits(piece) -> bool` rejects whole (broken); other words as they are."""
    r = run._r
    for child in list(r):
        if child.tag in (qn("w:t"), qn("w:softHyphen")):
            r.remove(child)
    pending = ""

    def flush() -> None:
        nonlocal pending
        if pending:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = pending
            r.append(t)
            pending = ""

    for token in re.split(r"(\s+)", text):
        pieces = broken(token, fits) if _LATIN_WORD.fullmatch(token) else (token,)
        for i, piece in enumerate(pieces):
            pending += piece
            if i < len(pieces) - 1:
                flush()
                r.append(OxmlElement("w:softHyphen"))
    flush()
