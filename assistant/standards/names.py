"""Standards named in a question: 'GB/T 29490-2023', '29490 2013版', '2023版', 'ISO 56005',
and standards the product does not know ('GB/T 19001', 'ISO 9001').

Only recognition lives here; what a name routes to (an imported text, a profile, nothing) is the
router's business (assistant/retrieval/documents.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DASH = r"[-‐‑‒–—―－~～]"
# A Chinese or international designation: GB/T 29490-2023, GB 12345, DB11/T 937, ISO 56005:2020;
# a sector's or another country's, in capitals and not inside a word (AS9100D, EN 9100, IATF
# 16949, HB 7807, QJ 3118: aerospace, automotive and defence suppliers name them beside 贯标).
DESIGNATION = re.compile(
    rf"(?P<prefix>GB\s*/?\s*T|GB/Z|GB|DB\s*\d+\s*/?\s*T|GJB|ISO(?:\s*/\s*IEC)?|IEC|T/\w+"
    rf"|(?<![A-Za-z])(?-i:AS|EN|BS|DIN|SAE|ANSI|IEEE|IATF|HB|QJ|SJ)(?=\s?\d))"
    rf"\s*(?P<number>\d{{2,6}}(?:\.\d+)?)"
    rf"(?:(?:\s*(?:{DASH}|:)\s*|\s+)(?P<year>(?:19|20)\d{{2}})(?![\d.]))?",
    re.IGNORECASE)
BARE_29490 = re.compile(rf"(?<![\d/])29490(?:\s*{DASH}?\s*(?P<year>(?:19|20)\d{{2}}))?(?!\d)")
# Any year: "2016版" names an edition GB/T 29490 does not have (it is reported, not replaced).
EDITION = re.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:年)?\s*(?:版|edition|version)|"
                     r"(?<![\d.第])(?P<short>13|23)\s*版|"
                     r"(?P<new>新版|新标准|新版本)|(?P<old>旧版|老版|原版本|旧标准)", re.IGNORECASE)
# Alone (without a 29490 nearby) only these name the standard: "2023版", "the 2013 edition",
# "新标准", "旧版标准". "旧版本" or "新版" alone are a company's own documents' versions
# ("过期的旧版本要怎么处理").
EDITION_ALONE = re.compile(r"20(?:13|23)|(?:新|旧|老)(?:版)?标准")
PROFILED = {("GB/T", "29490", "2013"): "gbt29490-2013", ("GB/T", "29490", "2023"): "gbt29490-2023",
            ("ISO", "56005", ""): "iso56005-2020", ("ISO", "56005", "2020"): "iso56005-2020"}


@dataclass(frozen=True)
class StandardMention:
    """A standard named in a text. `profile` is the id of the shipped profile it names
    ('gbt29490-2023'), None for a standard the product has no profile of; `year` is '' when
    the text gives none; `span` is (start, end) in the text."""

    designation: str  # normalised: 'GB/T 29490-2023', 'ISO 9001'
    year: str
    profile: str | None
    span: tuple[int, int]


def _prefix(raw: str) -> str:
    compact = re.sub(r"\s+", "", raw).upper()
    if compact in {"GBT", "GB/T"}:
        return "GB/T"
    if compact.startswith("DB") and not compact.endswith("/T"):
        return compact[:-1] + "/T" if compact.endswith("T") else compact
    return compact


def _mention(prefix: str, number: str, year: str, span: tuple[int, int]) -> StandardMention:
    profile = PROFILED.get((prefix, number, year))
    designation = f"{prefix} {number}" + (f"-{year}" if year else "")
    return StandardMention(designation, year, profile, span)


def standards_named(text: str) -> list[StandardMention]:
    """Every standard named in `text`, in order. GB/T 29490 without a year takes the year of an
    edition word nearby ('2023版', '新版' → 2023, '旧版' → 2013) and stays without a profile when
    there is none; an edition word alone ('2023版 第9.2条') names that edition of GB/T 29490."""
    found: list[StandardMention] = []
    taken: list[tuple[int, int]] = []
    for match in DESIGNATION.finditer(text):
        prefix = _prefix(match["prefix"])
        found.append(_mention(prefix, match["number"], match["year"] or "", match.span()))
        taken.append(match.span())
    for match in BARE_29490.finditer(text):
        if not any(a <= match.start() < b for a, b in taken):
            found.append(_mention("GB/T", "29490", match["year"] or "", match.span()))
            taken.append(match.span())
    edition = EDITION.search(text)
    year = ""
    if edition:
        year = (edition["year"] or (f"20{edition['short']}" if edition["short"] else "")
                or ("2023" if edition["new"] else "2013"))
    out = []
    for mention in found:
        if mention.designation == "GB/T 29490" and year:
            mention = _mention("GB/T", "29490", year, mention.span)
        out.append(mention)
    alone = edition and EDITION_ALONE.match(text, edition.start())
    if alone and not out:  # '2023版 第9.2条'; with another standard named the year is its own
        out.append(_mention("GB/T", "29490", year, edition.span()))
    return sorted(out, key=lambda m: m.span)


def profile_named(text: str) -> str | None:
    """The profile id of the first profiled standard named in `text`, or None."""
    return next((m.profile for m in standards_named(text) if m.profile), None)
