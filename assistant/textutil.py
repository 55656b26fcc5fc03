"""Small text helpers shared by the parsers, the router and the tokenizers."""
from __future__ import annotations

import re
import unicodedata

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def fold(text: str) -> str:
    """NFKC-fold: full-width digits, letters and punctuation become ASCII (for matching only)."""
    return unicodedata.normalize("NFKC", text)


def cjk_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalnum()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _CJK.match(ch)) / len(letters)


def language_of(text: str) -> str:
    """'zh' when a fair share of the letters are Chinese characters, else 'en'."""
    return "zh" if cjk_ratio(text) >= 0.2 else "en"


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


WORD_JOINER = "\u2060"  # the drafted Word files keep numbers whole with it (generators.word_text)
# a space inside a document number ('HZY IPM P 03') in the drafted Word files: U+202F NARROW
# NO-BREAK SPACE, which LibreOffice keeps unbroken in a Chinese paragraph (U+00A0 it breaks)
NO_BREAK_SPACE = "\u202f"


def visible(text: str) -> str:
    """`text` read from a Word file as a reader sees it: without the zero-width word joiners
    that keep a number such as 'HC-P-14' on one line, and with the no-break space inside a
    number such as 'HZY IPM P 03' a space again (generators.numbering.unbreakable). Every
    reader of .docx text calls this."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")
