"""The model's text as the guard reads it: NFKC-folded, lower-cased, one kind of hyphen and of
bracket, invisible characters dropped — with a map back to the original offsets, so that what the
guard removes is cut from the text the model wrote, not from a folded copy of it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters a model (or a document) may slip between letters: zero-width spaces and
# joiners, word joiner, soft hyphen, byte-order mark, bidi controls.
_DROP = set("\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
            "\u2066\u2067\u2068\u2069")
_TABLE = str.maketrans({
    **{ch: "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\u30fc"},
    **{ch: "[" for ch in "【〔〖［〘〚〈⟨<＜﹤"},
    **{ch: "]" for ch in "】〕〗］〙〛〉⟩>＞﹥"},
    # Letters that look Latin in ids and keywords (Cyrillic and Greek look-alikes).
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ɡ": "g", "ο": "o", "ι": "i", "κ": "k", "ν": "v", "τ": "t",
})
# A clause number's dot written as an ideographic full stop or a middle dot: 4。3。2, 4·3·2.
_DIGIT_DOT = re.compile(r"(?<=\d)[。·•・‧](?=\d)")


@dataclass(frozen=True)
class Folded:
    """`text` is the folded text; `origin[i]` is the offset in the original text of folded
    character i (with one extra entry, the original length, for spans that end at the end)."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of the folded span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def fold_char(ch: str) -> str:
    """One character folded: '' for an invisible one, else NFKC, one hyphen and bracket, lower."""
    if ch in _DROP:
        return ""
    return unicodedata.normalize("NFKC", ch).translate(_TABLE).lower()


def fold_text(text: str) -> Folded:
    """Fold `text` character by character, remembering where each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in fold_char(ch):
            out.append(c)
            origin.append(i)
    folded = _DIGIT_DOT.sub(".", "".join(out))
    origin.append(len(text))
    return Folded(folded, tuple(origin))


def squeeze(text: str) -> str:
    """Folded, without whitespace: for comparing quotations with the corpus."""
    return re.sub(r"\s+", "", "".join(fold_char(ch) for ch in text))


def name_key(text: str) -> str:
    """A document name compared loosely: folded, letters, digits and CJK characters only."""
    return re.sub(r"[\W_]+", "", "".join(fold_char(ch) for ch in text))
