"""The numbers a package does not use, as the issued document lists print them (R-01 受控文件清单,
R-05 记录清单).

Document numbers never shift (templates/not_drafted.yaml): a form written for another kind of
company keeps its number, and this company's list jumps from R-69 to R-78. coverage.md says why
(generators.package.unused_numbers), but an auditor reads the issued list and asks for R-70–R-77.
So the list says it where the jump is: one row per run of numbers in a row that the package does
not use, its numbers ('YH-IPM-R-70～YH-IPM-R-77') and why, once per reason ('本公司不适用，编号空缺
（公司产品未使用开源软件；公司不是软件或互联网服务企业；…）'); a form of a procedure not drafted gives
the procedure's reason, a procedure issued as a chapter of a small company's bundle where it is.
The rows carry no sequence number (they list no document) and are marked `unused`; the package
lint reads a row naming its numbers unused as no reference to a missing document (lint.yaml
`unused_number_words`).
"""
from __future__ import annotations

import re

from generators.plan import PackagePlan
from generators.templates_io import TemplateSet

# an intake field or template name noted for the consultant ('（ip.open_source）',
# '(company.business_model)', '（…：bundles.yaml、package.compact）'): not for an issued list
_FIELD_NOTE = re.compile(r"\s?[（(][^（）()]*\b[a-z_]+\.[a-z_]+\b[^（）()]*[）)]")
# `bare`: a reason that says no more than the row does (not_drafted.yaml's fallback, cleaned)
WORDS = {"zh": {"unused": "本公司不适用，编号空缺（{reasons}）", "bundled": "编号空缺：{reasons}",
                "unused_bare": "本公司不适用，编号空缺", "bare": ("本公司不适用",),
                "joint": "；", "range": "{first}～{last}：", "free": "编号预留，未分配文件"},
         "en": {"unused": "Not used by this company, numbers left unused ({reasons})",
                "bundled": "Numbers left unused: {reasons}", "joint": "; ",
                "unused_bare": "Not used by this company, numbers left unused",
                "bare": ("does not apply to this company",),
                "range": "{first} to {last}: ", "free": "numbers kept free, no document assigned"}}


def clean(reason: str) -> str:
    """`reason` in brief, as a list's row gives it: without the intake fields and template names
    coverage.md notes for the consultant (innermost first), and up to the colon that starts its
    explanation ('公司的知识产权不以商标为主：持有的专利…' -> '公司的知识产权不以商标为主')."""
    previous = None
    while previous != reason:
        previous, reason = reason, _FIELD_NOTE.sub("", reason)
    return re.split(r"：|: ", reason, maxsplit=1)[0].strip()


def unused_runs(plan: PackagePlan, templates: TemplateSet, kinds: str = "PR"
                ) -> list[tuple[str, dict[str, str]]]:
    """[(the code the run starts at, its row {'number', 'title', 'unused'})] for each run of
    consecutive numbers of `kinds` ('P' procedures, 'R' forms), up to the catalogue's highest,
    that this package does not use — a document of the catalogue not drafted for this company,
    or a number the catalogue keeps free (R-88, R-89 before R-90) — split where a procedure
    issued inside a bundle meets a left-out one."""
    from generators.package import unused_numbers  # generators.package builds the forms

    words = WORDS["zh" if plan.language == "zh" else "en"]
    number_of = plan.intake.document_number
    codes = {p.code for p in templates.procedures} | {f.code for f in templates.forms}
    why = {number: reason for number, _title, reason in unused_numbers(plan, templates)}
    bundled = {number_of("P", int(m.code[1:]))
               for d in plan.issued if d.bundled for m in d.members if m.code != d.code}
    procedure_of = {f.code: f.procedure for f in templates.forms}
    runs: list[tuple[str, list[str], list[str]]] = []  # (first code, numbers, reasons)
    for kind in kinds:
        previous = None
        for n in range(1, max((int(c[1:]) for c in codes if c[0] == kind), default=0) + 1):
            code, number = f"{kind}{n:02d}", number_of(kind, n)
            if code in codes and number not in why:  # in the package
                previous = None
                continue
            root = procedure_of.get(code)
            reason = (clean(why.get(number_of("P", int(root[1:])) if root else "")
                            or why[number]) if code in codes else words["free"])
            if previous is None or (number in bundled) != (previous in bundled):
                runs.append((code, [], []))
            runs[-1][1].append(number)
            if reason not in runs[-1][2] and reason not in words["bare"]:
                runs[-1][2].append(reason)
            previous = number
    out = []
    for code, numbers, reasons in runs:
        # the number column holds one number (a cell of two kept them from being set apart
        # as unbreakable runs); a range's end is named in the text
        span = ("" if len(numbers) == 1 else
                words["range"].format(first=numbers[0], last=numbers[-1]))
        said = words["bundled" if numbers[0] in bundled else
                     "unused" if reasons else "unused_bare"]
        out.append((code, {"number": numbers[0], "unused": "1",
                           "title": span + said.format(reasons=words["joint"].join(reasons))}))
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
