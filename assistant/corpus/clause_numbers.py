"""Clause numbers as printed in a standard: what a numbered line looks like, how numbers are
ordered (annex letters after every chapter), which number a reader expects next, and the lines
that look numbered but are not headings (cross-references, wrapped sentences, table-of-contents
entries). Shared by the standard parser's passes; no state here."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.textutil import fold, has_cjk

# A clause number at the start of a line: 1-2 digit chapter, up to 5 more dotted parts, an
# optional stray trailing dot. What follows must be a space, a CJK character or the line end.
NUMBERED = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,3}){0,5}|[A-Z](?:\.\d{1,3}){1,5})(?P<dot>\.)?(?P<rest>.*)$")
# An English article heading: "Article 7 Enforcement", "ARTICLE 7 - ENFORCEMENT", "Art. 7: Scope",
# "Article 7" alone; its title starts with a capital (a sentence goes on in lower case: "Article 5
# of the Patent Law").
ARTICLE_HEADING = re.compile(r"^(?i:article|art\.)\s*(?P<num>\d{1,2})(?!\.?\d)\s*[.:\-–—]?\s*"
                             r"(?P<rest>(?:[A-Z\u3400-\u9fff].*)?)$")
# What follows a number in a cross-reference rather than a heading: "见7.1.2的…", "4.2.1条规定".
XREF_TAIL = re.compile(r"^\s*(的|中|条|款|项|所|规定|要求的|之|或|和|及|至|～|~)")
# A number followed by a word that continues a sentence: "5 年，…", "6.1.1执行；…", "3 个月内…".
CONTINUATION = re.compile(r"^\s*(年|个月|月|日|天|周|小时|[%％]|倍|万|元|次|执行|实施|进行|以上|以下|以内)")
# "5.2 与 6.1.1 规定的…": a cross-reference naming two clauses.
XREF_PAIR = re.compile(r"^\s*(与|、|和|及|或|至)\s*\d")
# A table-of-contents line: leader dots then a page number, Arabic or Roman.
TOC_LINE = re.compile(r"(?:[…⋯]{2,}|[.·．]{4,}|…\s*…)\s*[\dⅠ-ⅫIVXivx]{1,4}\s*$")
# An annex heading: "附录A（规范性）", "附 录 B (资料性)", with or without its title after it.
ANNEX = re.compile(r"^附\s*录\s*(?P<letter>[A-Z])\s*"
                   r"(?P<kind>[(（]\s*(规范性|资料性)\s*[)）])?\s*(?P<title>.*)$")
ANNEX_KIND = re.compile(r"^[(（]\s*(规范性|资料性)\s*[)）]$")
ANNEX_BASE = 100  # annex A is chapter 101 for ordering: after every numbered chapter
SENTENCE_PUNCT = re.compile(r"[，。；：,;:！？!?、]")
# What ends or splits a sentence, but not the enumeration comma: a clause title may list
# ("5.3 岗位、职责和权限", "9.1 监视、测量、分析和评价").
TITLE_BREAK = re.compile(r"[，。；：,;:！？!?]")
HEADING_CHARS = re.compile(r"^[\u3400-\u9fff\s]+$")
# A title longer than this is taken to be a requirement sentence.
MAX_TITLE_CHARS = 20


def title_width(text: str) -> float:
    """The width of a title in Chinese characters: a wide (CJK) character is 1, a Latin letter,
    digit or space half of one, so an English title ('Confidential information', 24 letters)
    is measured as wide as it prints, not as 24 Chinese characters."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def reads_as_sentence(rest: str) -> bool:
    """Text after a clause number that is a requirement sentence rather than a title: it has a
    sentence's punctuation, ends with a full stop ('… shall be marked CONFIDENTIAL.'), or is
    wider than a title (MAX_TITLE_CHARS Chinese characters)."""
    return (bool(TITLE_BREAK.search(rest)) or rest.endswith(".")
            or title_width(rest) > MAX_TITLE_CHARS)
MAX_HEADING_CHARS = 16


@dataclass
class Numbered:
    """A line that starts with a clause number, split at the number."""

    number: str
    dot: bool
    rest: str  # the text after the number, with its leading spaces


def number_parts(number: str) -> tuple[int, ...]:
    """"4.2.1" -> (4, 2, 1); an annex letter counts after every chapter: "A.1" -> (101, 1)."""
    head, *rest = number.split(".")
    first = ANNEX_BASE + ord(head) - ord("A") + 1 if head.isalpha() else int(head)
    return (first, *(int(p) for p in rest))


def join_parts(parts: tuple[int, ...]) -> str:
    """The inverse of number_parts: (4, 2, 1) -> "4.2.1", (101, 1) -> "A.1"."""
    head = chr(ord("A") + parts[0] - ANNEX_BASE - 1) if parts[0] > ANNEX_BASE else str(parts[0])
    return ".".join([head, *(str(p) for p in parts[1:])])


def next_in_sequence(last: tuple[int, ...] | None, parts: tuple[int, ...]) -> bool:
    """Whether `parts` is the number a reader expects after `last`: its first child, the next
    sibling of it or of one of its ancestors, or (a heading left unnumbered) such a number's
    first descendants (4.3 -> 5.1). A sibling may skip up to two numbers (a missing clause),
    but then nothing below it may follow (3 -> 5 is a gap; 4.2.2 -> 6.1.1 is not a heading)."""
    if last is None:
        return parts[0] == 1 or len(parts) == 1
    if parts == last + (1,):
        return True
    for j in range(len(last)):
        if parts[:j] != last[:j] or len(parts) <= j:
            continue
        step = parts[j] - last[j]
        if step == 1 and all(p == 1 for p in parts[j + 1:]):
            return True
        if 1 < step <= 3 and len(parts) == j + 1:
            return True
    return False


def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: a heading, leader dots, a page number."""
    return bool(TOC_LINE.search(text))


def match_number(text: str) -> Numbered | None:
    """The clause number a line starts with, unless what follows shows it is not one: a
    measure or a standard's year ("3.5mm", "1.1—2009"), a cross-reference ("4.2.1的…",
    "5.2 与 6.1.1 …"), a count ("3个月"). An English policy's article heading ("Article 7
    Enforcement", "ARTICLE 7 – ENFORCEMENT", "Art. 7: Enforcement") is its number 7, the articles'
    paragraphs 7.1, 7.2 under it; a sentence citing an article ("Article 5 of the Patent Law…")
    is not."""
    if (article := ARTICLE_HEADING.match(fold(text))) is not None:
        return Numbered(article["num"], False, f" {article['rest']}" if article["rest"] else "")
    m = NUMBERED.match(fold(text))
    if not m:
        return None
    rest = m.group("rest")
    if rest and not (rest[0].isspace() or has_cjk(rest[0])):
        return None  # "1.1—2009", "3.5mm", "2808, Block"
    if XREF_TAIL.match(rest) or XREF_PAIR.match(rest):
        return None
    if "." not in m.group("num") and not (rest == "" or rest[0].isspace()):
        return None  # a bare chapter number needs a space after it: "3个月" is not chapter 3
    return Numbered(m.group("num"), bool(m.group("dot")), rest)


def is_heading_line(text: str) -> bool:
    """A short, punctuation-free, all-Chinese line: an unnumbered heading candidate."""
    stripped = text.strip()
    squeezed = re.sub(r"\s+", "", stripped)
    return (
        2 <= len(squeezed) <= MAX_HEADING_CHARS
        and bool(HEADING_CHARS.match(stripped))
        and not SENTENCE_PUNCT.search(stripped)
    )
