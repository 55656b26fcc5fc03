"""Page furniture of a PDF, found by position and repetition: running headers and footers, page
numbers, and a table of contents (目次 / 目录 / Contents).

A line is a header or footer candidate when it sits in the top or bottom band of its page. A
candidate is furniture when it is a page number in any common form, or when the same text — with
its numbers set aside, so "第 2 页 共 4 页" and "第 3 页 共 4 页" are one footer — is a candidate on
another page too. Two pages are enough: a 2- or 3-page file loses its running header as well.
A table of contents starts at its title line and runs while lines end in a page number (after
leader dots or a space), across pages.
"""
from __future__ import annotations

import re
from assistant.corpus.pdf_lines import PdfLine

BAND = 0.08  # the top and bottom 8 % of a page hold its header and footer

_ROMAN = r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})|[ⅰ-ⅻ]{1,3}|[Ⅰ-Ⅻ]{1,3}"  # front-matter numbers
_PAGE_NUMBER = re.compile(
    r"^(?:"
    r"[-—–－‒―~·]*\s*(?:\d{1,4}|" + _ROMAN + r")\s*[-—–－‒―~·]*"  # 3, - 3 -, —3—, iii, Ⅲ
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页, 第 3 页 共 12 页
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 3 of 12
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/12
    r")$",
    re.IGNORECASE,
)
_TOC_TITLES = {"目次", "目录", "contents", "tableofcontents"}
# A contents entry: a title, then leader dots or a space, then a page number (Arabic or Roman).
_TOC_ENTRY = re.compile(
    r"^\S.*?(?:[.·•…．。⋯_\-]{2,}\s*|\s+)(?:\d{1,4}|" + _ROMAN + r")$", re.IGNORECASE)
_LEADERS = re.compile(r"[.·•…．⋯]{3,}")
_NUMBERS = re.compile(r"\d+|[ⅰ-ⅻⅠ-Ⅻ]+")


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number: 3, - 3 -, —3—, 第3页, 第 3 页 共 12 页,
    Page 3 of 12, 3/12, Roman iii or Ⅲ."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def _in_band(line: PdfLine) -> bool:
    return line.y > line.page_height * (1 - BAND) or line.y < line.page_height * BAND


def _shape(text: str) -> str:
    """The text with numbers set aside and spaces removed: the same header or footer on every
    page has one shape whatever its page number."""
    return _NUMBERS.sub("#", re.sub(r"\s+", "", text)).lower()


def header_footer_lines(lines: list[PdfLine]) -> set[int]:
    """Indexes of the running headers, footers and page numbers among `lines`."""
    candidates = [i for i, line in enumerate(lines) if _in_band(line)]
    pages_of: dict[str, set[int]] = {}
    for i in candidates:
        pages_of.setdefault(_shape(lines[i].text), set()).add(lines[i].page)
    found: set[int] = set()
    for i in candidates:
        text = lines[i].text
        if is_page_number(text) or len(pages_of[_shape(text)]) >= 2:
            found.add(i)
    return found


def is_toc_title(text: str) -> bool:
    """True for the title line of a table of contents (目次, 目 录, Contents)."""
    return re.sub(r"\s+", "", text).lower() in _TOC_TITLES


def is_toc_entry(text: str) -> bool:
    """True for a contents line: a title ending in leader dots (or a space) and a page number."""
    text = text.strip()
    return bool(_TOC_ENTRY.match(text)) and (bool(_LEADERS.search(text)) or len(text) <= 60)


def toc_lines(lines: list[PdfLine], skip: set[int]) -> set[int]:
    """Indexes of the table-of-contents lines: each title line and the entries after it (a
    wrapped entry's first part included), across pages; `skip` holds lines already known to be
    furniture."""
    body = [i for i in range(len(lines)) if i not in skip]
    found: set[int] = set()
    position = 0
    while position < len(body):
        if not is_toc_title(lines[body[position]].text):
            position += 1
            continue
        found.add(body[position])
        position += 1
        while position < len(body):
            text = lines[body[position]].text
            following = lines[body[position + 1]].text if position + 1 < len(body) else ""
            if is_toc_entry(text) or (is_toc_entry(following) and not _LEADERS.search(text)
                                      and _LEADERS.search(following)
                                      and not re.match(r"^[\dA-Z]", following)):
                found.add(body[position])
                position += 1
            else:
                break
    return found


