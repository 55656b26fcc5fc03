"""Issue 17, part H1: who owns a clause whose function the company lacks, and the people lint in
English.

- A trading company has no production department: the function matrix and the manual's text of
  GB/T 29490-2013 8.4 (生产) must name the same owner — its purchasing department, which buys in
  the goods a manufacturer would make (duties.yaml `stand_ins`). Expected names come from the
  intake (tests/data/intakes/trading.zh.yaml).
- The people lint reads English packages as it reads Chinese ones: a department "together with"
  or organising a list of departments that names itself.
"""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from generators.intake import load_intake
from generators.lint import _Package
from generators.lint_people import check_copied_duties, check_lead_in_list
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table
from generators.roles import department_functions, function_departments
from generators.templates_io import FUNCTIONS, TEMPLATES_DIR

TRADING = Path(__file__).parent / "data" / "intakes" / "trading.zh.yaml"
SAAS_EN = TEMPLATES_DIR / "examples" / "saas.en.yaml"


def _trading():
    intake = load_intake(TRADING)
    purchasing = next(d for d in intake.org.departments if "purchasing" in d.functions)
    assert not intake.departments_with("production")  # the premise: no production department
    return intake, purchasing


def test_a_trader_without_production_gives_production_to_its_purchasing_department():
    intake, purchasing = _trading()
    functions = department_functions(intake, FUNCTIONS)
    assert "production" in functions[purchasing.key]
    assert "production" not in functions[intake.org.ip_department]
    assert function_departments(intake, ("production",))["production"] == purchasing.name
    # a manufacturer without a production department: the IP department, as dept.production
    maker = load_intake(TEMPLATES_DIR / "intake.zh.yaml")
    maker.org.departments = [d for d in maker.org.departments if "production" not in d.functions]
    assert "production" in department_functions(maker, FUNCTIONS)[maker.org.ip_department]


@pytest.fixture(scope="module")
def trading_2013(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("trading") / "gbt2013"
    result = draft_package(load_intake(TRADING), corpus, out, "zh", standard="gbt29490-2013")
    return out, result


def test_the_matrix_and_the_manual_name_one_owner_for_8_4(trading_2013):
    out, result = trading_2013
    intake, purchasing = _trading()
    assert [f for f in result.findings if f.kind == "matrix-owner"] == []
    manual = docx.Document(str(next(out.glob("01-manual/*.docx"))))
    matrix = manual.tables[-1]
    header = [c.text for c in matrix.rows[0].cells]
    row = next([c.text for c in r.cells] for r in matrix.rows if r.cells[0].text == "8.4")
    assert row[header.index(purchasing.name)] == "●"
    ip = intake.department(intake.org.ip_department).name
    assert row[header.index(ip)] != "●"


# -- the people lint in English ----------------------------------------------------------------
def _english_manual(a: str, b: str, c: str, company: str) -> PackageDocument:
    return PackageDocument(
        "01-manual/M.docx", "manual", "M-01", "IP management manual", f"{company}  M-01  GB/T",
        [Paragraph("IP management body and responsibilities", "Heading1"),
         Paragraph(f"{a}: searches before R&D projects and keeps R&D records."),
         Paragraph(f"{b}: searches before R&D projects and keeps R&D records."),
         Paragraph(f"At the start of each year the {a}, together with the {c}, the {a} and the "
                   "other departments, analyses the internal and external factors."),
         Paragraph(f"The {b} organises {c} and {a} to review the objectives."),
         Paragraph(f"The {a} organises risk management; the {c} and the {b} report risks."),
         Paragraph(f"The {a} consults the {b} and {c} before the plan is approved."),
         Paragraph("Annex A  Organisation", "Heading1"),
         Table(((company, "", ""), (a, "", ""), (b, "", ""), (c, "", "")))])


def test_the_people_lint_reads_english_texts():
    intake = load_intake(SAAS_EN)
    a, b, c = (d.name for d in intake.org.departments[1:4])
    package = _Package([_english_manual(a, b, c, intake.company.name)], intake)
    check_copied_duties(package)
    check_lead_in_list(package)
    messages = [f.message for f in package.findings]
    assert any(b in m and a in m and "word for word" in m for m in messages)
    listed = [m for m in messages if "among the departments it organises" in m]
    assert len(listed) == 1  # lists without their lead, or after a clause break, pass
    assert f"{a}, together with the {c}, the {a}" in listed[0]
