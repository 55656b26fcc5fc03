"""Package lint check `clause-number`: a clause number the certified standard does not have.

A package is drafted to one standard (GB/T 29490—2023, —2013 or bj-ipm); its texts must number
clauses in that standard's scheme only. A number from another scheme (bj-ipm's 10.1.2 in a
GB/T 29490—2023 package) sends an auditor to a clause that does not exist. The standard's
numbers are read from the package itself: the traceability matrix (every requirement clause,
first column) and the manual's section headings, with every number above them (8 and 8.2 for
8.2.1), and those the drafting passes on (the standard's terms and definitions, bj-ipm's 3.1-3.9,
which a procedure's definition cites but no table lists). A number is looked for where a text
names a clause: three or more parts (10.1.2) with no digit or dot around it, or two parts after
条款/第/见/本标准/clause/section (条款（8.3）, 见5.3, 本标准3.9) — so versions, amounts and dates are
not read as clauses.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph

_LONG = re.compile(r"(?<![\w.\-/:])(\d{1,2}(?:\.\d{1,2}){2,})(?![\w.\-/])")
_NAMED = re.compile(r"(?:条款|第|见|本标准|clause |clauses |section |Clause |Section )[（(]?"
                    r"(\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)(?![\d.])")
_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\s")


def standard_numbers(documents) -> set[str]:
    """Every clause number the package's standard has, as the package itself prints them."""
    numbers: set[str] = set()
    for document in documents:
        if document.kind == "other":
            for table in document.tables():
                numbers |= {row[0].strip() for row in table.rows[1:] if row and row[0].strip()}
        elif document.kind == "manual":
            for block in document.blocks:
                if isinstance(block, Paragraph) and block.style.lower().startswith("heading"):
                    match = _HEADING.match(block.text)
                    if match:
                        numbers.add(match.group(1))
    for number in list(numbers):
        parts = number.split(".")
        numbers |= {".".join(parts[:i]) for i in range(1, len(parts))}
    return numbers


def check_clause_numbers(package) -> None:
    """Each clause number (see the module docstring) of a manual, procedure or form that the
    package's standard lacks, once per document."""
    known = standard_numbers(package.documents)
    if not known:
        return
    known |= package.numbers
    for document in package.documents:
        if document.kind not in ("manual", "procedure", "form"):
            continue
        # a procedure's own section numbers (a bundle's chapters: 2.5.3 is chapter 2's step 5.3)
        seen: set[str] = set(_own_sections(document)) if document.kind == "procedure" else set()
        for where, text in document.texts():
            for pattern in (_LONG, _NAMED):
                for match in pattern.finditer(text):
                    number = match.group(1)
                    if number not in known and number not in seen:
                        seen.add(number)
                        package.say("clause-number", document, where, "clause_unknown",
                                    number=number, standard=designation(document))


def _own_sections(document) -> list[str]:
    """The numbers of `document`'s own headings ('2.5.3' of '2.5.3 年度复核'): its sections, not
    clauses of the standard."""
    return [m.group(1) for b in document.blocks
            if isinstance(b, Paragraph) and b.style.lower().startswith("heading")
            and (m := _HEADING.match(b.text))]


def designation(document) -> str:
    """The standard as the document's header names it (company  number  standard)."""
    parts = [p.strip() for p in document.header.split("  ") if p.strip()]
    return parts[-1] if len(parts) >= 3 else ""


# a clause number with its name in brackets after it: '6.2.3（保密管理）', '8.2 (Risk identification)'
_TITLED = re.compile(r"(?<![0-9A-Za-z.])(\d{1,2}(?:\.\d{1,2})+)(?:（([^（）\d]{2,30})）|"
                     r" \(([A-Za-z][^()\d]{1,80})\))")


def clause_counts(documents) -> dict[str, int]:
    """How many requirement clauses the standard prints with each number (bj-ipm gives 6.2.3 to
    two), read from the traceability matrix's first column."""
    counts: dict[str, int] = {}
    for document in documents:
        if document.kind == "other":
            for table in document.tables()[:1]:
                for row in table.rows[1:]:
                    if row and row[0].strip():
                        counts[row[0].strip()] = counts.get(row[0].strip(), 0) + 1
    return counts


def check_clause_titles(package) -> None:
    """Check `clause-title`: a clause named one way in the whole package. The names the
    manuals, procedures and forms print in brackets after a clause number ('6.2.3（其他知识产权
    的管理）') are gathered per number; more names than the standard has clauses of that number
    (P-31's purpose '6.2.3（其他知识产权管理制度）' beside its references' '6.2.3（其他知识产权
    的管理）') is reported once per number. The traceability matrix keeps the standard's own
    titles and is not read."""
    counts = clause_counts(package.documents)
    if not counts:
        return
    names: dict[str, dict[str, object]] = {}
    for document in package.documents:
        if document.kind not in ("manual", "procedure", "form"):
            continue
        for _, text in document.texts():
            for match in _TITLED.finditer(text):
                number, name = match.group(1), (match.group(2) or match.group(3)).strip()
                if number in counts:
                    names.setdefault(number, {}).setdefault(name.casefold(), (name, document))
    for number, found in names.items():
        if len(found) > counts[number]:
            titles = [name for name, _ in found.values()]
            first = next(iter(found.values()))[1]
            joiner = "、" if package.language == "zh" else "; "
            package.say("clause-title", first, "", "clause_titles", number=number,
                        count=len(titles), titles=joiner.join(titles), clauses=counts[number])
