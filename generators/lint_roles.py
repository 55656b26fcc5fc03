"""Package lint checks on who does what (generators.lint runs them with its other checks).

Both read the drafted package back, never the templates:

- `matrix-owner`: the function matrix (附录B / Annex B) marks a department ● for a clause while
  the manual's own section for that clause (its heading, numbered as the matrix row, up to the
  next heading of a clause) has text naming departments and never names that one. A reader then
  gets two answers to "who leads this": the text's and the matrix's. A row with two ● gives
  a clause two responsible departments, which the legend does not allow.
- `keeper` (duties tables): a procedure's responsibility table gives a department the keeping of
  a record (维护《合同台账》, "maintains the Contract register") that the record list (R-05)
  gives to another department.
"""
from __future__ import annotations

import re
from collections import Counter

from generators.package_reader import Paragraph, Table

_SECTION_HEADINGS = ("heading1", "heading2", "heading3")
_CLAUSE_HEADING = "heading4"  # a bj-ipm manual's x.y.z.w clause; unnumbered, a topic
_LABEL = re.compile(r"^(\d+(?:\.\d+)*)\s")


def _matrix(package) -> Table | None:
    if package.manual is None:
        return None
    return package.table_after(package.manual, ("附录B", "Annex B"))


def _sections(package) -> list[tuple[str, str]]:
    """[(clause label, the text of the manual's section under the heading with that label)] in
    document order, a section ending at the next Heading 1-3 or numbered Heading 4 (a bj-ipm
    clause x.y.z.w; topic headings, unnumbered Heading 4, stay inside). A number printed twice
    (bj-ipm's 11.4.3.2) gives two sections, as the matrix gives two rows."""
    sections: list[tuple[str, list[str]]] = []
    current = None
    for block in package.manual.blocks:
        if not isinstance(block, Paragraph):
            continue
        style = block.style.lower()
        if style.startswith(_SECTION_HEADINGS) or (
                style.startswith(_CLAUSE_HEADING) and _LABEL.match(block.text)):
            match = _LABEL.match(block.text)
            current = None
            if match:
                current = []
                sections.append((match.group(1), current))
            continue
        if current is not None:
            current.append(block.text)
    return [(label, "\n".join(texts)) for label, texts in sections]


def top_management_aliases(package) -> dict[str, tuple[str, ...]]:
    """{department: the words that name it besides its name}: the department holding the
    `management` function stands in the matrix for top management (the legend says so), so a
    text naming 最高管理者 / top management, the top manager's title or name names it. From the
    intake when given, else from the manual's Annex A (the company's row: top manager and
    title; a department whose functions name management, lint.yaml `top_management`)."""
    words = package.rules["top_management"][package.language]
    intake = package.intake
    if intake is not None:
        top = intake.people.top_manager
        offices = [d.name for d in intake.departments_with("management")]
        names = (top.title, top.name)
    else:
        org = package.table_after(package.manual, ("附录A", "Annex A")) if package.manual else None
        rows = list(org.rows[1:]) if org else []
        names = tuple(rows[0][1:3]) if rows and len(rows[0]) >= 3 else ()
        offices = [r[0] for r in rows[1:] if len(r) >= 3
                   and any(f in r[2] for f in words["function"])]
    aliases = tuple(w for w in (*words["words"], *names) if w)
    return {office: aliases for office in offices}


def check_matrix_owners(package, departments: list[str],
                        aliases: dict[str, tuple[str, ...]] | None = None) -> None:
    """A ● department of a matrix row that the manual's section for that clause never names,
    while the section names other departments (a section naming none says nothing to compare);
    a row marking more than one department ●. `aliases`: other words naming a department
    (top_management_aliases)."""
    aliases = aliases or {}
    matrix = _matrix(package)
    if matrix is None or not departments or len(matrix.rows) < 2:
        return
    # a long department name is broken over lines in the matrix's narrow header cells
    gap = "" if package.language == "zh" else " "
    header = [re.sub(r"\s*\n\s*", gap, cell).strip() for cell in matrix.header]
    sections: dict[str, list[str]] = {}
    for label, text in _sections(package):
        sections.setdefault(label, []).append(text)
    seen: Counter = Counter()
    joiner = "、" if package.language == "zh" else ", "
    for row in matrix.rows[1:]:
        if not row:
            continue
        owners = [header[i] for i, cell in enumerate(row) if 0 < i < len(header)
                  and cell.strip() == "●"]
        if len(owners) > 1:  # the legend: ● is *the* department answering for the result
            package.say("matrix-owner", package.manual, row[0], "matrix_owners", clause=row[0],
                        count=len(owners), owner=joiner.join(owners))
        nth = seen[row[0]]
        seen[row[0]] += 1
        if nth >= len(sections.get(row[0], [])):
            continue
        text = sections[row[0]][nth]
        named = [d for d in departments if d in text]
        if not owners or not named:
            continue
        if not any(o in text or any(a in text for a in aliases.get(o, ())) for o in owners):
            package.say("matrix-owner", package.manual, row[0], "matrix_owner",
                        clause=row[0], owner=joiner.join(owners), named=joiner.join(named))


def check_duty_keepers(package, keepers: dict[str, str], departments: list[str]) -> None:
    """A procedure's responsibility row (department | duties) whose duties keep a record
    (lint.yaml `duty_keeping`: 维护《T》, 保管《T》, maintains T) the record list gives to
    another department."""
    if not keepers or not departments:
        return
    words = package.rules["duty_keeping"][package.language]
    verbs = re.compile(words["pattern"])
    titles = sorted(keepers, key=len, reverse=True)
    for document in package.documents:
        if document.kind != "procedure":
            continue
        for table in document.tables():
            for row in table.rows[1:]:
                if len(row) < 2 or row[0] not in departments:
                    continue
                for clause in re.split(words["clauses"], row[1]):
                    match = verbs.search(clause)
                    if not match:
                        continue
                    rest = clause[match.start():]
                    title = next((t for t in titles if f"《{t}》" in rest
                                  or (len(t) >= 4 and t.casefold() in rest.casefold())), None)
                    expected = keepers.get(title or "")
                    if expected and expected != row[0]:
                        package.say("keeper", document, f"{row[0]} (table)", "keeper_differs",
                                    title=title, found=row[0], expected=expected)
