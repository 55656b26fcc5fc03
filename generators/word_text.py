"""Numbers (and Latin words in Chinese text) laid out as Latin text in the Word files, so that
a line never breaks inside a digit group or a clause number; the few invisible marks they carry
are taken out again by assistant.textutil.visible when text is read back.

A number in running text (a document number of any numbering scheme: 'HC-P-14', 'IPMS-R-06',
'P03'; a date, a clause or a standard's number) is written in a run of its own tagged en-GB for
Latin text (w:lang w:val; the East-Asian tag stays as the document has it). LibreOffice lays
Latin text tagged zh-CN out with its Chinese line breaker, which breaks anywhere ('P-0' / '3',
'7.' / '3.2'); in an en-GB run it breaks only after hyphens and slashes. A code holding a letter
(a document number, 'GB/T') is written as it reads, with no mark inside, so that Word's and
LibreOffice's Find, a document system's index and a copy into a register all see 'HC-P-14'
(U+2060 WORD JOINERs after its hyphens, written until session 33, kept every search from
matching it); like a code typed by hand it may break after a hyphen or slash at a line's end
('HC-P-' / '14'), never elsewhere. A number of digits alone (a date '2026-12-01', a standard's
'29490-2023') gets a U+2060 WORD JOINER (zero width; Unicode's line-breaking class WJ,
"prohibit a break on either side") after each hyphen or slash, and never breaks. A Latin word
in a paragraph holding Chinese ('Jira', 'PostgreSQL') gets a run tagged en-GB too. Word lays
out Latin text with the run's language too and follows the same Unicode class.

A document number of the package's own scheme is found by the scheme's pattern
(generators.numbering.number_pattern), whatever its separators ('HZY IPM P 03', 'HZY_P_03',
'HZY－P－03'), and written as numbering.unbreakable says: a space as U+202F NARROW NO-BREAK SPACE
(LibreOffice breaks a Chinese paragraph's line at U+00A0 as at a space), a word joiner around a
full-width hyphen and inside a short Chinese name (the rules would break there anywhere).

A number with its unit ('5.2 %', '5.2%', '30 日', '1.5 小时', '10 万元', '30 days': MEASURE)
is one piece: a space before the unit written as U+202F, a word joiner between the number and a
Chinese unit written close (the rules would part them), nothing inside the unit, so that Find
still matches '工作日' or '万元' (a line may break inside it, as anywhere in Chinese text). LibreOffice breaks text whose East-Asian language is Chinese
anywhere but before or after its forbidden characters (its Chinese breaker reads no word
joiner), so a piece holding Chinese characters (such a unit, or a document number with a short
Chinese name: numbering.unbreakable) is tagged en-GB for its East-Asian text too
(EASTERN_LANGUAGE): laid out by the Unicode rules, it keeps the number with its unit.

Whatever reads the documents' text back (generators.package_reader for the lint,
generators.page_check, the tests, the corpus's Word importer) passes it through
assistant.textutil.visible, so a measure reads as written.
"""
from __future__ import annotations

import re

from assistant.textutil import NO_BREAK_SPACE, WORD_JOINER, has_cjk
from generators.numbering import WIDE, unbreakable

NUMBER_LANGUAGE = "en-GB"  # w:lang w:val of a number's (or Latin word's) run
EASTERN_LANGUAGE = "en-GB"  # w:lang w:eastAsia of a piece holding Chinese characters (eastern)

# units a number keeps on its line, longest first (a consultant may add one here)
UNITS_ZH = ("个工作日", "工作日", "个月", "小时", "分钟", "学时", "万元", "亿元", "元", "日", "天",
            "周", "年", "月", "项", "件", "次", "人", "名", "份", "倍", "页", "家", "%", "％", "‰")
UNITS_EN = ("working days", "days", "day", "months", "month", "years", "year", "hours", "hour",
            "minutes", "weeks", "week", "yuan", "%")

# letters and digits, joined by hyphens, slashes or dots (a Latin word, 'GB/T', 'HC-P-14',
# '7.3.2', '2026-12-01'), or by the other separators of a numbering scheme (_ · －); one holding
# a digit is a number: dates, clause and standard numbers, document numbers
# (a number already joined, or written unbreakably by numbering.unbreakable, is found whole
# again: tidying twice changes nothing)
TOKEN = re.compile(r"[A-Za-z0-9]+(?:(?:[-/_·]\u2060?|\.\u2060?|\u2060?－\u2060?|\u202f)"
                   r"[A-Za-z0-9]+)*")
_BREAKS = re.compile(r"([-/])\u2060?")


def _unit_pattern(unit: str) -> str:
    """A regex for `unit` written plainly or joined (measured): a word joiner may stand between
    its characters; a Latin unit ends at a word's end."""
    joined = "\u2060?".join("[ \u202f]" if ch == " " else re.escape(ch) for ch in unit)
    return joined + ("(?![A-Za-z])" if unit[-1].isascii() and unit[-1].isalpha() else "")


# a number (digits, a decimal point or a thousands comma; not part of a longer token such as
# 'R-70' or '7.3') and its unit, with a space, a no-break space or a word joiner between
MEASURE = re.compile(r"(?<![A-Za-z0-9.\-/_·\u2060])\d+(?:[.,]\d+)*(?![A-Za-z0-9.\-/_])"
                     r"(?:[ \u00a0\u202f]|\u2060)?(?:" + "|".join(
                         _unit_pattern(u) for u in sorted(set(UNITS_ZH + UNITS_EN), key=len,
                                                          reverse=True)) + ")")
_NUMBER_PART = re.compile(r"\d+(?:[.,]\d+)*")


def _split(measure: str) -> tuple[str, bool, str]:
    """A MEASURE match cut into (number, whether a space stood before the unit, the unit without
    word joiners): '10 万元' → ('10', True, '万元'), '5.2\u2060%' → ('5.2', False, '%')."""
    clean = measure.replace(WORD_JOINER, "")
    number = _NUMBER_PART.match(clean).group()
    rest = clean[len(number):]
    unit = rest.lstrip(" \u00a0\u202f")
    return number, unit != rest, unit


def measured(measure: str) -> str:
    """A number and its unit as the Word files write them, never broken apart: a space before
    the unit U+202F, else a word joiner before a Chinese unit (a percent or per-mille sign needs
    none: the rules never part it from its number); the unit itself as written.
    Idempotent: '10 万元' → '10\u202f万元', '3个工作日' → '3\u2060个工作日', '5.2%' → '5.2%'."""
    number, spaced, unit = _split(measure)
    glue = NO_BREAK_SPACE if spaced else WORD_JOINER if has_cjk(unit[:1]) else ""
    return number + glue + unit


def eastern(written_piece: str) -> bool:
    """Whether a piece as written holds East-Asian characters (its run gets EASTERN_LANGUAGE)."""
    return bool(WIDE.search(written_piece)) or "％" in written_piece


def joined(number: str) -> str:
    """A number of digits alone (a date '2026-12-01', a standard's '29490-2023') with a word
    joiner after each hyphen and slash, which LibreOffice would break after; a code holding a
    letter ('HC-P-14') as written, so that Find matches it. Idempotent."""
    clean = number.replace(WORD_JOINER, "")
    return clean if any(ch.isalpha() for ch in clean) else _BREAKS.sub(r"\1" + WORD_JOINER, clean)


def _kind(token: str, words: bool) -> str:
    if any(ch.isdigit() for ch in token):
        return "number"
    return "word" if words and len(token) > 1 else ""


_DATE_UNITS = ("年", "月", "日")


def measures(text: str) -> list[re.Match]:
    """The numbers with their units in `text` (MEASURE), leaving out what only looks like one:
    a clause number before its title ('6.2.3 保密管理', '7.3 人力资源': more than one dot, or a
    decimal and a space before a one-character Chinese unit) and the parts of a date ('2021年',
    '2027年1月1日': a year of four digits, a number after 年 or 月 or before a digit), which
    are no measure and stay as readers search for them."""
    out = []
    for match in MEASURE.finditer(text):
        number, spaced, unit = _split(match.group())
        if number.count(".") > 1 or ("." in number and spaced and len(unit) == 1
                                     and has_cjk(unit)):
            continue
        before = text[match.start() - 1:match.start()]
        after = text[match.end():match.end() + 1]
        if unit in _DATE_UNITS and ((unit == "年" and len(number) == 4) or before in ("年", "月")
                                    or after.isdigit()):
            continue
        out.append(match)
    return out


def _token_pieces(text: str, words: bool) -> list[tuple[str, str]]:
    """`text` cut into pieces: each measure (measures), and the tokens between (_tokens)."""
    out: list[tuple[str, str]] = []
    at = 0
    for match in measures(text):
        out += _tokens(text[at:match.start()], words)
        out.append((match.group(), "measure"))
        at = match.end()
    return out + _tokens(text[at:], words)


def _tokens(text: str, words: bool) -> list[tuple[str, str]]:
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


def pieces(text: str, words: bool = False,
           numbers: re.Pattern | None = None) -> list[tuple[str, str]]:
    """`text` cut into (piece, kind) pieces, in order: kind 'document' for a document number
    `numbers` finds (the package's scheme: numbering.number_pattern), 'number' for a TOKEN
    with a digit, 'word' for another TOKEN of two or more characters when `words` (Latin words
    in Chinese text: 'Jira', 'PostgreSQL', which LibreOffice breaks anywhere when they are
    tagged zh-CN), '' for the rest."""
    if numbers is None:
        return _token_pieces(text, words)
    out: list[tuple[str, str]] = []
    at = 0
    for match in numbers.finditer(text):
        out += _token_pieces(text[at:match.start()], words)
        out.append((match.group(), "document"))
        at = match.end()
    return out + _token_pieces(text[at:], words)


def written(piece: str, kind: str) -> str:
    """A piece as its run holds it: a document number unbreakable (numbering.unbreakable), a
    number joined, a number with its unit measured, a word as written."""
    return unbreakable(piece) if kind == "document" else joined(piece) if kind == "number" \
        else measured(piece) if kind == "measure" else piece


def unbroken(text: str, numbers: re.Pattern | None) -> str:
    """`text` with each document number `numbers` finds written unbreakably, and each number
    with its unit (MEASURE) measured, so that what measures a table's columns takes it whole
    (docx_writer.table); idempotent."""
    text = numbers.sub(lambda m: unbreakable(m.group()), text) if numbers else text
    return "".join(written(p, k) if k == "measure" else p for p, k in _token_pieces(text, False)) \
        if measures(text) else text


def set_apart(text: str, words: bool = False, numbers: re.Pattern | None = None) -> bool:
    """Whether `text` holds a piece that needs a run of its own (pieces: a document number of
    the scheme `numbers` finds, a number, or a Latin word when `words`)."""
    return bool(numbers and numbers.search(text)) or \
        any(_kind(m.group(), words) for m in TOKEN.finditer(text))
