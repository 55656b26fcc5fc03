"""Clauses a procedure serves follow the company (issue 17, part D, item 1).

P-29 (trademark and brand procedure) listed bj-ipm 11.4.2.3 (licensing) among the clauses it
serves even for a company that licenses no marks out, although its licensing sections and the
forms R-75/R-76 are then left out. Its header, the `serves` filter in its purpose, the
traceability matrix, coverage.md and the transition view claimed 11.4.2.3 for it. The catalogue's
`clauses_when` now makes a clause conditional; 11.4.2.3 stays served by P-19 (the exploitation
procedure, whose catalogue entry lists it unconditionally). The same held for P-12 without
patents held or planned: its 申请前检索 step is then 上市前风险排查, yet it claimed 9.1.2 (pre-filing
searches), which is now excluded with its reason, R-35 evidencing P-12's other clauses.

Expected values come from the catalogue (the clause lists and conditions) and the trademark
companies' intakes (tests/data/trademarks: five trademarks, no licensing out).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assistant.errors import IpmsError
from assistant.standards.transition import package_documents
from generators.intake import load_intake, parse_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

TRADE = Path(__file__).parent / "data" / "trademarks"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
LICENSING = "11.4.2.3"


def _entry(code: str) -> dict:
    return next(e for e in CATALOGUE["procedures"] if e["code"] == code)


def _intake(language: str, licensing_out: bool, standard: str = BJ):
    data = yaml.safe_load((TRADE / f"trade.{language}.yaml").read_text(encoding="utf-8"))
    data["business"]["licensing_out"] = licensing_out
    data["standard"] = standard
    return parse_intake(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _plan(corpus, templates, intake, language: str):
    target = load_target(intake.standard, corpus.get(BJ), templates.directory)
    return plan_package(intake, templates, target, language)


def _procedure(plan, code: str):
    return next(p for p in plan.procedures if p.code == code)


def test_the_catalogue_makes_p29_licensing_clause_conditional():
    entry = _entry("P29")
    assert LICENSING in entry["clauses"]  # what the catalogue says P-29 can serve
    assert "licensing_out" in str(entry["clauses_when"][LICENSING])
    assert LICENSING in _entry("P19")["clauses"] and not _entry("P19").get("clauses_when")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_without_licensing_out_p29_does_not_claim_licensing(corpus, templates, language):
    plan = _plan(corpus, templates, _intake(language, False), language)
    p29 = _procedure(plan, "P29")
    assert LICENSING not in plan.procedure_clauses(p29)  # header, cross-references, matrix
    assert {"R75", "R76"}.isdisjoint(f.code for f in plan.forms)
    status = next(c for c in plan.clauses if c.key == LICENSING)  # coverage.md's line
    assert status.status == "addressed"
    assert "P19" in status.procedures and "P29" not in status.procedures
    purpose = templates.render(p29.content[language]["purpose"], plan.context)
    assert LICENSING not in purpose  # the `serves` filter names what it serves here
    # its own title (its document's, or its chapter's in a small company's bundle) and the
    # title the texts name it by (the document that carries it) say so
    assert p29.title[language] == _entry("P29")["title_when"][0][language]
    assert plan.context["title"]["P29"] == plan.issued_for("P29").title
    assert plan.issued_for("P29").title == p29.title[language] or plan.issued_for("P29").bundled


@pytest.mark.parametrize("language", ["zh", "en"])
def test_with_licensing_out_p29_serves_licensing(corpus, templates, language):
    plan = _plan(corpus, templates, _intake(language, True), language)
    p29 = _procedure(plan, "P29")
    assert LICENSING in plan.procedure_clauses(p29)
    status = next(c for c in plan.clauses if c.key == LICENSING)
    assert {"P19", "P29"} <= set(status.procedures)
    assert LICENSING in templates.render(p29.content[language]["purpose"], plan.context)


def test_a_2023_package_maps_only_the_clauses_p29_serves(corpus, templates):
    """In a GB/T 29490—2023 package P-29 serves what its other clauses map to, and the
    transition view (crosswalk columns per document) agrees with the plan."""
    intake = _intake("zh", False, "gbt29490-2023")
    target = load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR)
    plan = plan_package(intake, templates, target, "zh")
    others = [k for k in _entry("P29")["clauses"] if k != LICENSING]
    expected = set(target.serves(others)) | set(_entry("P29")["serves"].get(target.id, []))
    assert set(plan.procedure_clauses(_procedure(plan, "P29"))) == expected
    row = next(d for d in package_documents("zh", intake, templates, target) if d.code == "P29")
    assert LICENSING not in row.clauses and set(row.targets) == expected


def test_without_a_company_every_clause_is_listed(templates):
    """Views of the catalogue with no company (the clause browser) still see 11.4.2.3."""
    assert LICENSING in next(p for p in templates.procedures if p.code == "P29").clauses


@pytest.fixture
def consultant_copy(tmp_path):
    """A consultant's copy of the templates whose catalogue can be edited."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    return folder


def _edit_catalogue(folder: Path, edit) -> None:
    path = folder / "catalogue.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit({e["code"]: e for e in data["procedures"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_condition_on_a_clause_the_procedure_lacks_is_a_catalogue_slip(consultant_copy):
    _edit_catalogue(consultant_copy, lambda p: p["P29"].update(
        clauses_when={"11.4.2.1": "business.licensing_out"}))
    with pytest.raises(IpmsError, match="P29 clauses_when names 11.4.2.1"):
        TemplateSet(consultant_copy).procedures


def test_a_clause_no_procedure_serves_then_is_excluded_with_its_reason(corpus, consultant_copy):
    """With P-19 no longer serving 11.4.2.3 (a consultant's edit), P-29's conditional clause
    left unserved is excluded with the reason its `clauses_when` gives."""
    reason = "公司不对外许可商标，商标许可的要求不适用。"

    def edit(procedures):
        procedures["P19"]["clauses"].remove(LICENSING)
        procedures["P29"]["clauses_when"] = {LICENSING: {"when": "business.licensing_out",
                                                         "reason": {"zh": reason, "en": "-"}}}
    _edit_catalogue(consultant_copy, edit)
    templates = TemplateSet(consultant_copy)
    plan = _plan(corpus, templates, _intake("zh", False), "zh")
    status = next(c for c in plan.clauses if c.key == LICENSING)
    assert (status.status, status.reason, status.procedures) == ("excluded", reason, [])
    licensed = _plan(corpus, templates, _intake("zh", True), "zh")
    assert next(c for c in licensed.clauses if c.key == LICENSING).procedures == ["P29"]


# -- P-12: pre-filing searches only where patents are held or planned ------------------------------
EXAMPLES = TEMPLATES_DIR / "examples"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_without_patents_p12_claims_no_pre_filing_search(corpus, templates, language):
    """The SaaS company (R&D, no patents held or planned): P-12's 申请前检索 step is 上市前风险
    排查, so it does not serve 9.1.2, which nothing else serves: excluded with the catalogue's
    reason; its search report R-35 evidences what P-12 serves here."""
    intake = load_intake(EXAMPLES / f"saas.{language}.yaml")
    plan = plan_package(intake, templates, load_target(BJ, corpus.get(BJ), TEMPLATES_DIR),
                        language)
    assert not plan.context["plans"]["patents"]
    p12 = _procedure(plan, "P12")
    entry = _entry("P12")
    assert "9.1.2" in entry["clauses"] and "9.1.2" not in plan.procedure_clauses(p12)
    status = next(c for c in plan.clauses if c.key == "9.1.2")
    reason = templates.render(entry["clauses_when"]["9.1.2"]["reason"][language], plan.context)
    assert (status.status, status.reason, status.procedures, status.forms) == (
        "excluded", reason, [], [])
    assert plan.context["title"]["P12"] in reason  # the procedure as this package titles it
    r35 = next(f for f in plan.forms if f.code == "R35")
    assert plan.form_clauses(r35) == plan.procedure_clauses(p12)


def test_with_patents_planned_p12_serves_pre_filing_search(corpus, templates):
    intake = load_intake(TEMPLATES_DIR / "intake.zh.yaml")  # the manufacturer: patents planned
    plan = plan_package(intake, templates, load_target(BJ, corpus.get(BJ), TEMPLATES_DIR), "zh")
    assert plan.context["plans"]["patents"]
    assert "9.1.2" in plan.procedure_clauses(_procedure(plan, "P12"))
    status = next(c for c in plan.clauses if c.key == "9.1.2")
    assert status.status == "addressed" and "P12" in status.procedures and "R35" in status.forms
