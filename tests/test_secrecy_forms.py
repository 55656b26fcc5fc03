"""Confidentiality in the package of a company doing classified work (issue 17; a consultant's
review of a defence supplier, /work/notes/s35/try12/report.md §2; the rail maker's intakes in
tests/data/intakes, whose 保密办公室 / Security and Secrecy Office runs its secrecy):

- a secrecy office holds a secrecy function (保密 / secrecy) wherever departments are mapped to
  functions: the organisation chart names it so (not 行政 / administration), the function matrix
  does not mark it for the document printing and filing that the general office does, and an
  intake may name the function itself;
- P-07's leaving steps hand 涉密人员 over to the secrecy office and its 脱密期 (保守国家秘密法; the
  period the company's secrecy rules set, no article number) — only for such a company;
- R-13 商业秘密清单 has room for the secrets every department identifies each year (P-06: each
  department identifies its own), not three blank rows for 300 staff, and its 保密等级 column is
  ticked from the company's own grades (documents.confidentiality_levels, as R-14/R-90 print them);
- the issued document lists (R-01, R-05) say which numbers the company does not use, where the
  numbering jumps, so an auditor does not ask for R-70–R-77.

Cheap: plans in-process; the forms built one by one (documents.build_form), never a package.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from helpers import LazyPackages, docx_text, intake_variant, planned
from generators.documents import build_form, build_procedure
from generators.intake import load_intake
from generators.package import unused_numbers
from generators.registers import register_rows
from generators.roles import department_functions, function_names
from generators.templates_io import FUNCTIONS
from generators.unused_rows import is_unused_row

ROOT = Path(__file__).resolve().parents[1]
INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = ROOT / "generators" / "templates" / "examples"
RAIL = {lang: INTAKES / f"soe-rail-state.{lang}.yaml" for lang in ("zh", "en")}  # classified
MAKER = {lang: EXAMPLES / f"manufacturer.{lang}.yaml" for lang in ("zh", "en")}  # not classified
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
SECRECY = {"zh": "保密", "en": "secrecy"}
ADMIN = {"zh": "行政", "en": "administration"}


@pytest.fixture(scope="module")
def plans(templates, corpus):
    """{(intake path, language): its plan}, each planned once for the module."""
    return LazyPackages(lambda key: planned(load_intake(key[0]), templates, corpus, key[1]))


def _form(tmp_path, plan, templates, code: str) -> list[list[list[str]]]:
    """The tables of form `code` as this plan lays it out: [table][row][cell text]."""
    form = next(f for f in plan.forms if f.code == code)
    path = tmp_path / f"{code}-{plan.language}.docx"
    build_form(plan, templates, form, path)
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(path).tables]


# -- a secrecy function ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_secrecy_office_is_charted_as_secrecy(templates, lang):
    intake = load_intake(RAIL[lang])
    shown = function_names(intake, templates, lang)
    assert shown["sec"] == SECRECY[lang]
    assert ADMIN[lang] in shown["gm"]  # the general office keeps administration


def test_matrix_leaves_document_printing_to_the_general_office():
    intake = load_intake(RAIL["zh"])
    functions = department_functions(intake, FUNCTIONS)
    assert "secrecy" in functions["sec"] and "admin" not in functions["sec"]
    assert "admin" in functions["gm"]


def test_intake_may_name_the_secrecy_function(tmp_path, templates):
    def change(data):
        data["org"]["departments"].append({"key": "sy", "name": "安全部", "head": "钱七",
                                           "functions": ["保密"]})
    intake = load_intake(intake_variant(MAKER["zh"], tmp_path, change))
    assert function_names(intake, templates, "zh")["sy"] == "保密"


# -- P-07: classified personnel leaving -----------------------------------------------------------
def _p07(tmp_path, plan, templates) -> str:
    """P-07 as this plan's package prints it (built alone, as a Word file)."""
    intake, lang = plan.intake, plan.language
    procedure = next(p for p in plan.procedures if p.code == "P07")
    path = tmp_path / f"P07-{intake.company.short_name}-{lang}.docx"
    build_procedure(plan, templates, procedure, path)
    return docx_text(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_p07_hands_classified_staff_to_the_secrecy_office(tmp_path, plans, templates, lang):
    text = _p07(tmp_path, plans[RAIL[lang], lang], templates)
    office = {"zh": "保密办公室", "en": "Security and Secrecy Office"}[lang]
    words = (["涉密人员", "脱密期", "国家秘密载体", "保守国家秘密法", "公司保密管理制度"] if lang == "zh"
             else ["classified personnel", "secrecy period after leaving", "state-secret carriers",
                   "Guarding State Secrets", "company's secrecy rules"])
    for word in words + [office]:
        assert word in text, word
    leaving = next(s for s in re.split(r"(?<=[。.])", text) if words[1] in s)
    assert not re.search(r"第[一二三四五六七八九十百\d]+条|\b[Aa]rticle \d", leaving), leaving
    # and nothing of it for a company without classified work
    other = _p07(tmp_path, plans[MAKER[lang], lang], templates)
    for word in (["涉密", "脱密期"] if lang == "zh" else ["classified", "secrecy period"]):
        assert word not in other, word




# -- rows and grades ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trade_secret_list_has_rows_for_every_department(tmp_path, plans, templates, lang):
    plan = plans[RAIL[lang], lang]
    intake = plan.intake
    ledger = _form(tmp_path, plan, templates, "R13")[1]
    # each department identifies its secrets every year (P-06): two rows each, at least
    assert len(ledger) - 1 >= 2 * len(intake.org.departments)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trade_secret_grades_are_ticked_from_the_company_grades(tmp_path, plans, templates,
                                                                lang):
    """The company's own grades, as P-06, R-14 and R-90 print them, as ☐ boxes in each row (or,
    where they are too long for the column, numbered in the legend above the ledger)."""
    plan = plans[RAIL[lang], lang]
    intake = plan.intake
    path = tmp_path / f"R13-{lang}.docx"
    build_form(plan, templates, next(f for f in plan.forms if f.code == "R13"), path)
    document = docx.Document(path)
    label = {"zh": "保密等级", "en": "Confidentiality level"}[lang]
    ledger = document.tables[1]
    column = [c.text.split("\n")[0] for c in ledger.rows[0].cells].index(label)
    blank = "".join(t.text or "" for t in ledger.rows[-1].cells[column]._tc.iter(W_T))
    legend = next((p.text for p in document.paragraphs
                   if p.text.startswith(label) and "①" in p.text), "")
    for level in intake.documents.confidentiality_levels:
        boxed = re.search(rf"☐[\s\u00a0]*{re.escape(level)}", blank)
        numbered = re.search(rf"[①②③④⑤][\s\u00a0\u3000]*{re.escape(level)}", legend)
        assert boxed or numbered, (level, blank, legend)


# -- unused numbers in the issued lists -----------------------------------------------------------
def _numbers(cells: list[str], pattern) -> list[int]:
    return [int(n) for c in cells for n in pattern.findall(c)]


@pytest.mark.parametrize("code, kind", [("R01", "R"), ("R05", "R"), ("R01", "P")])
def test_document_lists_explain_the_numbers_not_used(tmp_path, plans, templates, code, kind):
    """Where the list's numbers jump, a row names the numbers: a document of the catalogue the
    company does not use says so (本公司不适用) or, a bundled procedure, where it is issued
    (编入); a number the catalogue gives no document says it is kept free (编号预留)."""
    plan = plans[MAKER["zh"], "zh"]
    intake = plan.intake
    ledger = _form(tmp_path, plan, templates, code)[1]
    scheme = re.escape(intake.document_number(kind, 99)).replace("99", r"(\d+)")
    pattern = re.compile(scheme)
    listed = [row for row in ledger[1:] if row[1].strip()]
    shown = sorted({n for row in listed for n in _numbers([row[1]], pattern)})
    issued = {int(re.search(r"\d+", f.code).group()) for f in
              (plan.forms if kind == "R" else plan.issued)}
    catalogue = {int(d.code[1:]) for d in (templates.forms if kind == "R"
                                           else templates.procedures)}
    gaps = [n for n in range(min(shown), max(shown) + 1) if n not in issued]
    assert gaps, "the example package uses every number: nothing to check"
    if kind == "R":  # have no form
        assert [n for n in gaps if n not in catalogue], "no number the catalogue keeps free"
    for n in gaps:  # every number left out is in a row that says why
        row = next((r for r in listed
                    if any(a <= n <= b for a, b in _ranges(r[1] + r[2], pattern))), None)
        assert row is not None, n
        said = " ".join(row)
        assert ("本公司不适用" in said or "编入" in said if n in catalogue
                else "编号预留" in said and "不适用" not in said), (n, row)
        assert not row[0], row  # no sequence number: the row lists no document


LAB = {lang: INTAKES / f"testing-lab.{lang}.yaml" for lang in ("zh", "en")}
INSTITUTE = INTAKES / "design-institute.zh.yaml"  # 江苏华筑工程设计研究院: 本院


def _unused(plan, templates) -> list[dict[str, str]]:
    return [row for name in ("documents", "records")
            for row in register_rows(name, plan, templates) if is_unused_row(row.values())]


@pytest.mark.parametrize("intake, lang", [(LAB["zh"], "zh"), (LAB["en"], "en"),
                                          (MAKER["zh"], "zh")])
def test_unused_rows_state_only_what_is_certain(plans, templates, intake, lang):
    """The catalogue's not-drafted reasons are written for the consultant (coverage.md) and
    need not fit the company (a laboratory was told its products are not made by a contract
    manufacturer): a list's row says only that the number is not used, where a bundled
    procedure is issued, or that the number is kept free — no reason of coverage.md."""
    plan = plans[intake, lang]
    rows = _unused(plan, templates)
    assert rows
    # each reason's parts, but what a row may say too: not applicable, where a procedure is issued
    reasons = {part.strip() for _n, _t, why in unused_numbers(plan, templates)
               for part in re.split(r"[（()）：:；;]", why) if len(part.strip()) > 3
               and not re.search(r"不适用|does not apply|编入|issued as chapter", part)}
    for row in rows:
        for reason in reasons:
            assert reason not in row["title"], (reason, row)
        assert "委托加工" not in row["title"] and "contract manufactur" not in row["title"], row


def test_an_institute_list_calls_itself_by_its_own_word(plans, templates):
    rows = _unused(plans[INSTITUTE, "zh"], templates)
    assert rows and all("本院不适用" in r["title"] or "编号预留" in r["title"] for r in rows)
    assert not [r for r in rows if "本公司" in r["title"]]


@pytest.mark.parametrize("intake, lang", [(MAKER["zh"], "zh"), (LAB["en"], "en")])
def test_a_list_reader_tells_unused_numbers_from_issued_documents(plans, templates, intake,
                                                                  lang):
    """Read as a reader reads R-01 (generators.unused_rows.is_unused_row, as the package lint
    and package_reader.Table.listed do): the rows it takes for documents are exactly the
    package's documents, each with a sequence number; the others carry none."""
    plan = plans[intake, lang]
    rows = register_rows("documents", plan, templates)
    issued = [r["number"] for r in rows if not is_unused_row(r.values())]
    docno = plan.context["docno"]
    assert issued == [docno["M01"]] + [docno[d.code] for d in plan.issued] + \
        [docno[f.code] for f in plan.forms]
    assert all(r["seq"] for r in rows if not is_unused_row(r.values()))
    assert len(issued) < len(rows) and not [r for r in rows if is_unused_row(r.values()) and
                                            r["seq"]]


def _ranges(cell: str, pattern) -> list[tuple[int, int]]:
    found = _numbers([cell], pattern)
    return [(found[0], found[-1])] if found else []
