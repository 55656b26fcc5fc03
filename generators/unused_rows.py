"""The numbers a package does not use, as the issued document lists print them (R-01 受控文件清单,
R-05 记录清单), and how a reader of those lists tells such a row from an issued document.

Document numbers never shift (templates/not_drafted.yaml): a form written for another kind of
company keeps its number, and this company's list jumps from R-69 to R-78. coverage.md says why
(generators.package.unused_numbers), but an auditor reads the issued list and asks for R-70–R-77.
So the list says it where the jump is: one row per run of consecutive numbers that are left out
alike, its first number in the number column and the run's last in the text ('YH-IPM-R-70 |
至YH-IPM-R-77：本公司不适用，编号空缺'; the text does not repeat the first number, so a Latin
range, 'to HC-IPM-R-77', is not broken inside a number). The row states only what is certain
(not_drafted.yaml `list_rows`): the catalogue's reasons are written for the consultant and may
not fit the company (a laboratory is not a manufacturer whose products are made by a contract
manufacturer), so a left-out document is 'not used by this company', a bundled procedure's own
number names the bundle and chapter it is issued in, and a number the catalogue keeps free says
so (编号预留). A Chinese row calls the company by its own word (本院, 本所: self_named).

The rows carry no sequence number and are marked `unused`; each holds one of the list_rows
`markers`, by which `is_unused_row` tells it from a document the list issues (the package lint,
the tests reading R-01 and R-05).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # the package reader imports is_unused_row alone
    from generators.plan import PackagePlan
    from generators.templates_io import TemplateSet

_WORDS_FILE = Path(__file__).resolve().parent / "templates" / "not_drafted.yaml"


@lru_cache(maxsize=1)
def _words() -> dict[str, dict]:
    """not_drafted.yaml `list_rows` of the shipped templates: {language: {key: text}}."""
    return yaml.safe_load(_WORDS_FILE.read_text(encoding="utf-8"))["list_rows"]


def is_unused_row(cells: Sequence[str]) -> bool:
    """Whether a row of a document list (its cell texts) is a row of numbers not used rather
    than a document the list issues: one of its cells holds a list_rows marker, in either
    language."""
    markers = [m.lower() for words in _words().values() for m in words["markers"]]
    return any(m in cell.lower() for cell in cells for m in markers)


def _statements(plan: PackagePlan, templates: TemplateSet, kinds: str
                ) -> list[tuple[str, str, str]]:
    """[(code, number, statement)] for each number of `kinds` up to the catalogue's highest that
    the package does not use, in order; the statement is one of list_rows' (without the range)."""
    lang = "zh" if plan.language == "zh" else "en"
    words, number_of = _words()[lang], plan.intake.document_number
    catalogue = {p.code for p in templates.procedures} | {f.code for f in templates.forms}
    used = {p.code for p in plan.issued} | {f.code for f in plan.forms}
    bundled = {m.code: (d, m.code) for d in plan.issued if d.bundled
               for m in d.members if m.code != d.code}
    docno = plan.context["docno"]
    out = []
    for kind in kinds:
        for n in range(1, max((int(c[1:]) for c in catalogue if c[0] == kind), default=0) + 1):
            code = f"{kind}{n:02d}"
            if code in used:
                continue
            if code in bundled:
                document, member = bundled[code]
                said = words["bundled"].format(number=docno[document.code], title=document.title,
                                               chapter=document.chapter(member))
            else:
                said = words["unused"] if code in catalogue else words["reserved"]
            out.append((code, number_of(kind, n), said))
    return out


def unused_runs(plan: PackagePlan, templates: TemplateSet, kinds: str = "PR"
                ) -> list[tuple[str, dict[str, str]]]:
    """[(the code the run starts at, its row {'number', 'title', 'unused'})] for each run of
    consecutive numbers of `kinds` ('P' procedures, 'R' forms) that the package leaves out
    alike: not used by this company, issued inside one bundle chapter, or kept free."""
    from generators.company_kind import self_name, self_named

    lang = "zh" if plan.language == "zh" else "en"
    words = _words()[lang]
    own = self_name(plan.intake.company.name) if lang == "zh" else "公司"
    runs: list[list[tuple[str, str, str]]] = []
    previous = None
    for code, number, said in _statements(plan, templates, kinds):
        adjacent = previous is not None and previous[0][0] == code[0] and \
            int(previous[0][1:]) + 1 == int(code[1:]) and previous[2] == said
        if adjacent:
            runs[-1].append((code, number, said))
        else:
            runs.append([(code, number, said)])
        previous = (code, number, said)
    out = []
    for run in runs:
        said = run[0][2]
        if len(run) > 1 and said == words["unused"]:
            said = words["unused_many"]
        if len(run) > 1:
            said = words["range"].format(last=run[-1][1]) + said
        elif lang == "en":
            said = said[0].upper() + said[1:]
        out.append((run[0][0], {"number": run[0][1], "unused": "1",
                                "title": self_named(said, own)}))
    return out


def _order(code: str) -> tuple[int, int]:
    """Where a document of `code` stands in a list by number: the manual, procedures, forms."""
    return ("MPR".index(code[0]), int(code[1:]))


def with_unused(rows: list[tuple[str, dict[str, str]]], plan: PackagePlan,
                templates: TemplateSet, kinds: str) -> list[dict[str, str]]:
    """A register's rows, each given with its code ('M01', 'P03', 'R13'), in the order of their
    numbers with the rows of unused_runs of `kinds` where their numbers fall."""
    merged = sorted(rows + unused_runs(plan, templates, kinds), key=lambda pair: _order(pair[0]))
    return [row for _code, row in merged]
