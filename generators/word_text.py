"""Numbers that never break across lines in the Word files, and the one place that takes the
mark they carry out again when text is read back.

A number in running text (a document number of any numbering scheme: 'HC-P-14', 'IPMS-R-06',
'P03'; a date, a clause or a standard's number) is written in a run of its own tagged en-GB for
Latin text (w:lang w:val; the East-Asian tag stays as the document has it), with U+2060 WORD
JOINER after each hyphen or slash in it. LibreOffice lays Latin text tagged zh-CN out with its
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

NUMBER_LANGUAGE = "en-GB"  # w:lang w:val of a number's run

# letters and digits, joined by hyphens, slashes or dots (a Latin word, 'GB/T', 'HC-P-14',
# '7.3.2', '2026-12-01'); one holding a digit is a number: every document number numbering.py
# makes with these separators, dates, clause and standard numbers
# (a number already joined is found whole again: tidying twice changes nothing)
TOKEN = re.compile(r"[A-Za-z0-9]+(?:(?:[-/]\u2060?|\.)[A-Za-z0-9]+)*")
_BREAKS = re.compile(r"([-/])\u2060?")


def joined(number: str) -> str:
    """`number` with a word joiner after each hyphen and slash (once, however often called): 'HC-P-14' → 'HC-\u2060P-\u206014'."""
    return _BREAKS.sub(r"\1" + WORD_JOINER, number)


def pieces(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_number) pieces, in order; a number is a TOKEN with a digit."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in TOKEN.finditer(text):
        if not any(ch.isdigit() for ch in match.group()):
            continue
        if match.start() > at:
            out.append((text[at:match.start()], False))
        out.append((match.group(), True))
        at = match.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def has_number(text: str) -> bool:
    """Whether `text` holds a number (a TOKEN with a digit)."""
    return any(ch.isdigit() for ch in text) and any(
        any(ch.isdigit() for ch in m.group()) for m in TOKEN.finditer(text))
