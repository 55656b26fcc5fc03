"""Find clause numbers named in a question, in any common form, and look them up.

Forms: 4.3.2 · 第4.3.2条 · 4.3.2条 · clause 4.3.2 · section 4.3.2 · §4.3.2 · ４．３．２ · 第四章 ·
chapter 4 · annex clauses A.1, A.2.1 and 附录A ("A") · articles of rules 第三条, 第一百条 (kept as
"第三条", the label the section parser gives them). Not clause numbers: GB/T 1.1—2009,
ISO 9001:2015, 3.5%, 1.5倍, version 2.0, dates, tables and figures (表A.1, 图3).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.section_parser import cn_numeral, cn_numeral_value
from assistant.models import Clause
from assistant.textutil import fold, language_of

_CN_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_W = "A-Za-z0-9_"  # ASCII word characters: a CJK character next to a number is fine (第4.3.2条)
_DOTTED = re.compile(rf"(?<![{_W}.\-/:])(\d{{1,2}}(?:\.\d{{1,3}}){{1,5}})(?![{_W}]|\.\d)")
_SINGLE = re.compile(
    r"第\s*(\d{1,2})\s*[章条节]"
    rf"|(?<![{_W}])(?:chapter|clause|section|§)\s*(\d{{1,2}})(?![{_W}.]|\.\d)"
    rf"|(?<![{_W}.])(\d{{1,2}})\s*章",
    re.IGNORECASE,
)
_CN_CHAPTER = re.compile(r"第([一二三四五六七八九十]{1,3})章")
_CN_ARTICLE = re.compile(r"第\s*([一二三四五六七八九十百零〇两]{1,6})\s*条")
# An annex clause: a capital letter then dotted numbers, not a table or figure's number (表A.1).
_ANNEX_DOTTED = re.compile(
    r"(?<![A-Za-z0-9_.\-/:表图])([A-Z](?:\.\d{1,3}){1,5})(?![A-Za-z0-9_]|\.\d)")
_ANNEX = re.compile(r"附\s*录\s*([A-Z])(?![A-Za-z0-9_]|\.\d)")
_ANNEX_CUE_EN = re.compile(r"(?i)\b(annex|appendix|clause|section|article)\s*$|§\s*$")
# A standard's series or a version before a number; a whole word ("sample-db 6.1" is a clause).
_NOT_CLAUSE_BEFORE = re.compile(
    r"(?i)(?<![A-Za-z0-9_\-])(gb\s*/?\s*t?|iso|iec|db\s*\d*\s*/?\s*t?|version|ver|v|python|no"
    r"|版本|版|v\.)\s*$")
# Units and amounts: "3.5%", "1.5倍", "3.5 mm", "2.5 GHz"; years of standards: "1.1—2009".
_NOT_CLAUSE_AFTER = re.compile(
    r"^(\s*[%％万元倍亿年个天月日号岁版]|\s*[—–-]\s*\d{4}|[a-z]"
    r"|\s+(mm|cm|km|m|kg|mg|g|t|ghz|mhz|khz|hz|tb|gb|mb|kb|ml|l|kv|v|kw|kwh|w|s|ms|h|min|rmb|usd|cny|yuan)\b)",
    re.IGNORECASE)


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_NUMERALS[text[1]]
    if len(text) == 3 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10 + _CN_NUMERALS[text[2]]
    if len(text) == 2 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10
    return _CN_NUMERALS[text[0]]


def _normalise(question: str) -> str:
    text = fold(question)
    return re.sub(r"(?<=\d)\s*[。·•．]\s*(?=\d)", ".", text)


def find_clause_numbers(question: str) -> list[str]:
    """The clause numbers a question names, in order of appearance, without repeats."""
    text = _normalise(question)
    found: list[tuple[int, str]] = []
    for m in _DOTTED.finditer(text):
        if _NOT_CLAUSE_BEFORE.search(text[: m.start()]) or _NOT_CLAUSE_AFTER.match(text[m.end():]):
            continue
        parts = m.group(1).split(".")
        if any(int(p) == 0 or int(p) > 99 for p in parts):  # clause numbers count from 1
            continue
        found.append((m.start(), ".".join(str(int(p)) for p in parts)))
    for m in _SINGLE.finditer(text):
        number = next(g for g in m.groups() if g)
        if int(number) > 0:
            found.append((m.start(), str(int(number))))
    for m in _CN_CHAPTER.finditer(text):
        found.append((m.start(), str(_cn_number(m.group(1)))))
    for m in _CN_ARTICLE.finditer(text):
        value = cn_numeral_value(m.group(1))
        if value is not None:
            found.append((m.start(), f"第{cn_numeral(value)}条"))
    english = language_of(text) == "en"
    for m in _ANNEX_DOTTED.finditer(text):
        if english and not _ANNEX_CUE_EN.search(text[: m.start()]):
            continue  # "plan B.2", "option A.1": in English an annex clause is named as one
        if not _NOT_CLAUSE_BEFORE.search(text[: m.start()]) and all(
                0 < int(p) <= 99 for p in m.group(1).split(".")[1:]):
            found.append((m.start(), m.group(1)))
    for m in _ANNEX.finditer(text):
        found.append((m.start(), m.group(1)))
    seen: list[str] = []
    for _, number in sorted(found):
        if number not in seen:
            seen.append(number)
    return seen


@dataclass
class RoutedNumber:
    number: str
    status: Literal["found", "ambiguous", "missing"]
    clauses: list[Clause] = field(default_factory=list)  # every clause with this number
    nearest: list[Clause] = field(default_factory=list)  # offered when missing


def _parts(number: str) -> tuple[int, ...] | None:
    """Numeric parts of a dotted clause number; None for section labels like '3(2)1'."""
    if not re.fullmatch(r"\d+(\.\d+)*", number):
        return None
    return tuple(int(p) for p in number.split("."))


def nearest_clauses(number: str, numbered: list[Clause], limit: int = 3) -> list[Clause]:
    """Existing clauses closest to a missing number: its nearest existing ancestor and the
    siblings with the closest numbers."""
    target = _parts(number)
    if target is None:
        return []

    def closeness(clause: Clause) -> tuple[int, int, int]:
        parts = _parts(clause.number)
        common = 0
        for a, b in zip(parts, target):
            if a != b:
                break
            common += 1
        next_gap = abs(parts[common] - target[common]) if common < min(len(parts), len(target)) else 0
        return (-common, next_gap, abs(len(parts) - len(target)))

    unique = {c.number: c for c in numbered
              if c.number and "#" not in c.key and _parts(c.number) is not None}
    return sorted(unique.values(), key=closeness)[:limit]


def by_number(numbered: list[Clause]) -> dict[str, list[Clause]]:
    """A lookup table's clauses by number (a number printed twice has both), for `route`."""
    table: dict[str, list[Clause]] = {}
    for clause in numbered:
        table.setdefault(clause.number, []).append(clause)
    return table


def route(numbers: list[str], numbered: list[Clause],
          table: dict[str, list[Clause]] | None = None,
          nearest: bool = True) -> list[RoutedNumber]:
    """Look each number up among `numbered` (a document's lookup table; `table` is
    by_number(numbered) when the caller keeps it). A chapter number that is missing stands for
    the chapter of rules printed 第N章 ("4" finds 第四章). With `nearest` False, a missing number
    gets no nearest clauses (ranking them reads the whole table: too slow to ask of every
    document in a corpus of many)."""
    by_number_ = table if table is not None else by_number(numbered)
    routed = []
    for number in numbers:
        matches = by_number_.get(number, [])
        if not matches and number.isdigit() and 0 < int(number) < 1000:
            chapter = f"第{cn_numeral(int(number))}章"
            matches = by_number_.get(chapter, [])
            number = chapter if matches else number
        if not matches:
            routed.append(RoutedNumber(number, "missing", nearest=nearest_clauses(
                number, numbered) if nearest else []))
        else:
            routed.append(RoutedNumber(number, "ambiguous" if len(matches) > 1 else "found", matches))
    return routed
