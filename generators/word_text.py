"""Numbers (and Latin words in Chinese text) that never break across lines in the Word files;
the mark they carry is taken out again by assistant.textutil.visible when text is read back.

A number in running text (a document number of any numbering scheme: 'HC-P-14', 'IPMS-R-06',
'P03'; a date, a clause or a standard's number) is written in a run of its own tagged en-GB for
Latin text (w:lang w:val; the East-Asian tag stays as the document has it), with U+2060 WORD
JOINER after each hyphen or slash in it. A Latin word in a paragraph holding Chinese ('Jira',
'PostgreSQL') gets a run tagged en-GB too (no joiner: a hyphenated word may break at its
hyphen). LibreOffice lays Latin text tagged zh-CN out with its
Chinese line breaker, which breaks anywhere ('P-0' / '3', '7.' / '3.2'), and ignores Word's
non-breaking hyphen (w:noBreakHyphen); in an en-GB run it breaks only after hyphens and slashes,
and the word joiner (zero width; Unicode's line-breaking class WJ, "prohibit a break on either
side") forbids those breaks. Word lays out Latin text with the run's language too and follows
the same Unicode class.

Whatever reads the documents' text back (generators.package_reader for the lint,
generators.page_check, the tests, the corpus's Word importer) passes it through
assistant.textutil.visible, so 'HC-P-14' reads as written.
"""
from __future__ import annotations

import re

from assistant.textutil import WORD_JOINER

NUMBER_LANGUAGE = "en-GB"  # w:lang w:val of a number's (or Latin word's) run

# letters and digits, joined by hyphens, slashes or dots (a Latin word, 'GB/T', 'HC-P-14',
# '7.3.2', '2026-12-01'); one holding a digit is a number: every document number numbering.py
# makes with these separators, dates, clause and standard numbers
# (a number already joined is found whole again: tidying twice changes nothing)
TOKEN = re.compile(r"[A-Za-z0-9]+(?:(?:[-/]\u2060?|\.)[A-Za-z0-9]+)*")
_BREAKS = re.compile(r"([-/])\u2060?")


def joined(number: str) -> str:
    """`number` with a word joiner after each hyphen and slash (once, however often called): 'HC-P-14' → 'HC-\u2060P-\u206014'."""
    return _BREAKS.sub(r"\1" + WORD_JOINER, number)


def _kind(token: str, words: bool) -> str:
    if any(ch.isdigit() for ch in token):
        return "number"
    return "word" if words and len(token) > 1 else ""


def pieces(text: str, words: bool = False) -> list[tuple[str, str]]:
    """`text` cut into (piece, kind) pieces, in order: kind 'number' for a TOKEN with a digit,
    'word' for another TOKEN of two or more characters when `words` (Latin words in Chinese
    text: 'Jira', 'PostgreSQL', which LibreOffice breaks anywhere when they are tagged zh-CN),
    '' for the rest."""
    out: list[tuple[str, str]] = []
    at = 0
    for match in TOKEN.finditer(text):
        kind = _kind(match.group(), words)
        if not kind:
            continue
        if match.start() > at:
            out.append((text[at:match.start()], ""))
        out.append((match.group(), kind))
        at = match.end()
    if at < len(text):
        out.append((text[at:], ""))
    return out


def set_apart(text: str, words: bool = False) -> bool:
    """Whether `text` holds a piece that needs a run of its own (pieces: a number, or a Latin
    word when `words`)."""
    return any(_kind(m.group(), words) for m in TOKEN.finditer(text))
