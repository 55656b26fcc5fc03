"""The package lint's `retention` check: a text stating how long a record is kept must state the
period the record list (记录清单, R05: 记录名称 and 保管期限 columns) gives for it.

The record is the one whose title the same clause names (in 《》, or bare when four characters or
more, as the `keeper` check reads it); the period is the first 'N年' / 'N years' after the word
for keeping (保存/保管/kept/retained) in that clause. A clause naming no period of years, or a
record whose period the list leaves blank, is not checked.
"""
from __future__ import annotations

import re

_PERIOD = {"zh": re.compile(r"(?:保存|保管|留存)[^，。；]{0,20}?(\d+)\s*年"),
           "en": re.compile(r"(?:kept|retained|keeps|keep)\b[^.;]{0,60}?\b(\d+)\s+years?",
                            re.IGNORECASE)}
_CLAUSES = {"zh": r"[；。]", "en": r"(?<=[.;])\s"}
_YEARS = re.compile(r"(\d+)")


def record_periods(package) -> dict[str, int]:
    """{record title: years} from the record list's table (rows with a period only)."""
    return {title: int(found.group(1)) for title, cell in package.record_column("retention").items()
            if (found := _YEARS.search(cell))}


def check_blank_periods(package) -> str | None:
    """Report (`retention`) each record of the record list whose 保管期限 is blank; the record
    list's own title (a text naming it while it states periods is not about its own period)."""
    found = package.record_list("retention")
    if found is None:
        return None
    document, rows, title, period = found
    for row in rows:
        if len(row) > max(title, period) and row[title] and not row[period].strip():
            package.say("retention", document, row[title], "retention_blank", title=row[title])
    return document.title


def check_retention(package) -> None:
    """Report (`retention`) each manual or procedure text giving a record another period than
    the record list does, and each record the list gives no period."""
    own = check_blank_periods(package)
    periods = {t: y for t, y in record_periods(package).items() if t != own}
    if not periods:
        return
    lang = package.language
    titles = sorted(periods, key=len, reverse=True)
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        seen: set[tuple[str, int]] = set()
        for where, text in document.texts():
            for clause in re.split(_CLAUSES[lang], text):
                match = _PERIOD[lang].search(clause)
                if not match:
                    continue
                found = int(match.group(1))
                for title in titles:
                    named = f"《{title}》" in clause or (
                        len(title) >= 4 and title.casefold() in clause.casefold())
                    if named and periods[title] != found and (title, found) not in seen:
                        seen.add((title, found))
                        package.say("retention", document, where, "retention_differs",
                                    title=title, found=found, expected=periods[title])
