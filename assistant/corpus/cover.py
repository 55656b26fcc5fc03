"""What a standard's cover says about it — its number as printed, the standard it replaces, its
发布 (issued) and 实施 (effective) dates — read from the first blocks of any format.

A published standard opens with a cover: ICS/CCS codes, the number on a line of its own
("GB/T 29490—2023", "DB11/T 937—2021", "ISO 56005:2020"), "代替 GB/T 29490—2013", the title, and
"2023-08-06 发布" / "2024-01-01 实施". The cover ends where the document proper starts: a 目次 /
目录 / Contents, a 前言 / 引言 / Foreword, or the first numbered clause; only the blocks before
that are read, so a number cited in the foreword ("按照GB/T 1.1—2020…") is never taken for the
document's own. A file without a cover gives empty fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.blocks import Block
from assistant.corpus.clause_numbers import match_number
from assistant.textutil import fold

COVER_BLOCKS = 40  # a cover is at most this many blocks long
_STOP = {"目次", "目录", "contents", "tableofcontents", "前言", "引言", "foreword", "introduction"}
_STD_NUMBER = re.compile(r"((?:GB|GB/T|GB/Z|GJB|DB\d{2}(?:/T)?|T/[A-Z]+|ISO(?:/IEC)?|IEC"
                         r"|[A-Z]{2}/T)\s*[\d.]+)\s*[—–\-－:：]\s*(\d{4})")
_DATE = re.compile(r"(\d{4})\s*(?:[-－.]|年)\s*(\d{1,2})\s*(?:[-－.]|月)\s*(\d{1,2})\s*日?\s*"
                   r"(发布|实施)")
_REPLACES = re.compile(r"^代\s*替\s*(.+)$")
# a cover's particulars printed under the title: 文件编号：HR-IPM-2026-01 版本：A/0
PARTICULARS = re.compile(r"^(文件编号|文件编码|制度编号|编号|版本号?|版次|修订号|受控状态|受控号|"
                          r"密级|生效日期|施行日期|实施日期|发布日期|修订日期|编制|审核|批准|"
                          r"document\s+(no\.?|number|id)|doc\.?\s*no\.?|version|revision"
                          r"|effective(\s+date)?|issued?(\s+date)?|approved\s+by|owner)"
                          r"\s*[:：]", re.I)
# a company document's own number under its title: 文件编号：HR-IPM-2026-01, Document No.: NW-IP-01
_DOC_NUMBER = re.compile(r"(?:文件编号|文件编码|制度编号|document\s+(?:no\.?|number))\s*[:：]\s*"
                         r"([A-Za-z0-9][A-Za-z0-9\-/._·]*)", re.I)


@dataclass(frozen=True)
class CoverInfo:
    """What a standard's cover says about it (any field may be empty)."""

    number: str = ""  # "GB/T 29490—2023" as printed
    year: str = ""  # "2023"
    replaces: str = ""  # "GB/T 29490—2013" from a 代替 line
    issued: str = ""  # "2024-01-15" (发布)
    effective: str = ""  # "2024-04-01" (实施)


def cover_info(lines: list[str]) -> CoverInfo:
    """The number, year, replaced standard and dates printed on a cover's lines. The number is
    taken from a line that holds nothing else (as a cover prints it), the first such line; a
    company document without one gives the number after its 文件编号 / Document No. label."""
    number = year = replaces = issued = effective = own_number = ""
    for raw in lines:
        line = raw.strip()
        if (m := _REPLACES.match(line)):
            replaces = replaces or m.group(1).strip()
        elif not number and (m := _STD_NUMBER.fullmatch(line)):
            number, year = line, m.group(2)
        elif not own_number and (m := _DOC_NUMBER.search(line)):
            own_number = m.group(1)
        for d in _DATE.finditer(line):
            date = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
            if d.group(4) == "发布":
                issued = issued or date
            else:
                effective = effective or date
    return CoverInfo(number or own_number, year, replaces, issued, effective)


def is_designation(number: str) -> bool:
    """Is `number` a published standard's designation ('GB/T 29490—2023', 'ISO 56005:2020'),
    not a company document's own number ('HR-IPM-2026-01')?"""
    return bool(_STD_NUMBER.fullmatch(number.strip()))


def _ends_cover(text: str) -> bool:
    squeezed = re.sub(r"\s+", "", text).lower()
    return squeezed in _STOP or match_number(text) is not None


def cover_lines(blocks: list[Block]) -> list[str]:
    """The lines of the cover: the document's first blocks (furniture left out) up to its 目次,
    前言 or first numbered clause, at most COVER_BLOCKS of them."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "furniture":
            continue
        if _ends_cover(fold(block.text.strip())) or len(out) >= COVER_BLOCKS:
            break
        out.extend(line for line in block.text.split("\n") if line.strip())
    return out


def cover_of(blocks: list[Block]) -> CoverInfo:
    """The metadata on the cover of a document read into blocks (empty fields when none)."""
    return cover_info(cover_lines(blocks))
