"""Rights a company co-owns with a university or partner, or has pledged for a loan (issue 17: a
consultant's tryout found such a company poorly served). Expected values come from the intake
files and the law the package applies, not from the generator:

- 专利法 (2020) 第十四条: co-owners follow their agreement; without one each may work the patent
  alone or grant ordinary licences, sharing the royalties; anything else needs all co-owners'
  consent.
- 民法典 第四百四十四条: a pledge of a patent, registered mark or copyright is created on
  registration; once pledged, the pledgor may not transfer or license without the pledgee.

tests/data/intakes/soe-rail.*.yaml co-owns patents with two universities (one agreement, one
without); machine-vision.*.yaml has pledged patents to a bank. The packages are read back from
their .docx files.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from generators.intake import check_intake, load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.package_reader import header_cell
from generators.templates_io import template_strings
from helpers import docx_text, intake_variant, planned, procedure_document, visible

INTAKES = Path(__file__).parent / "data" / "intakes"
CO_OWNED = {lang: INTAKES / f"soe-rail.{lang}.yaml" for lang in ("zh", "en")}
PLEDGED = {lang: INTAKES / f"machine-vision.{lang}.yaml" for lang in ("zh", "en")}


def _ip(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))["ip"]


def _ledger(folder: Path) -> list[list[str]]:
    """The IP ledger's (R-42) biggest table: header labels read whole, cells as a reader sees."""
    form = next(folder.rglob("*-R-42 *.docx"))
    table = max(docx.Document(str(form)).tables, key=lambda t: len(t.rows))
    rows = [[visible(c.text) for c in r.cells] for r in table.rows]
    rows[0] = [header_cell(c) for c in rows[0]]
    return rows


@pytest.fixture(scope="module")
def co_owned_en(tmp_path_factory, corpus, templates) -> Path:
    out = tmp_path_factory.mktemp("co") / "pkg"
    draft_package(load_intake(CO_OWNED["en"]), corpus, out, "en", templates=templates)
    return out


@pytest.fixture(scope="module")
def pledged_zh(tmp_path_factory, corpus, templates) -> Path:
    out = tmp_path_factory.mktemp("pl") / "pkg"
    draft_package(load_intake(PLEDGED["zh"]), corpus, out, "zh", templates=templates)
    return out


# -- the intake --------------------------------------------------------------------------------
def test_co_owned_and_pledged_rights_are_read_with_chinese_values():
    """专利 is read as the kind patent; co-owners, agreement and pledge facts as written."""
    intake = load_intake(CO_OWNED["zh"])
    written = _ip(CO_OWNED["zh"])["co_owned"]
    assert [c.kind for c in intake.ip.co_owned] == ["patent"] * len(written)
    assert [c.co_owners for c in intake.ip.co_owned] == [c["co_owners"] for c in written]
    assert [c.agreement for c in intake.ip.co_owned] == [c["agreement"] for c in written]
    pledge = load_intake(PLEDGED["zh"]).ip.pledges[0]
    assert (pledge.kind, pledge.pledgee, pledge.registered) == (
        "patent", _ip(PLEDGED["zh"])["pledges"][0]["pledgee"], True)


def test_an_intake_without_them_stays_valid_and_is_asked_for_them(tmp_path):
    """Old intakes stay valid; a company doing R&D with universities is asked for its co-owned
    rights and one planning pledge financing for its pledges (warnings, not errors); `[]`
    answers it."""
    def drop(data):
        data["ip"].pop("co_owned", None)
        data["ip"].pop("pledges", None)
    path = intake_variant(PLEDGED["en"], tmp_path, drop)
    _, report = check_intake(path.read_text("utf-8"))
    paths = {p.path for p in report.warnings}
    assert {"ip.co_owned", "ip.pledges"} <= paths

    def none(data):
        data["ip"]["co_owned"], data["ip"]["pledges"] = [], []
    path = intake_variant(PLEDGED["en"], tmp_path, none)
    _, report = check_intake(path.read_text("utf-8"))
    assert not {"ip.co_owned", "ip.pledges"} & {p.path for p in report.warnings}


def test_a_missing_agreement_or_registration_is_a_warning_with_its_position(tmp_path):
    """A co-owned right with no word on an agreement, and a pledge not stated as registered
    (the pledge exists only once registered), are warned about at 1-based positions."""
    def unknown(data):
        data["ip"]["co_owned"] = [{"right": "与某大学共有的发明专利2件", "kind": "专利",
                                   "co_owners": ["某大学"]}]
        data["ip"]["pledges"][0]["registered"] = False
    path = intake_variant(PLEDGED["zh"], tmp_path, unknown)
    _, report = check_intake(path.read_text("utf-8"))
    texts = {p.path: p.message for p in report.warnings}
    assert "ip.co_owned[1].agreement" in texts and "第十四条" in texts["ip.co_owned[1].agreement"]
    assert "ip.pledges[1].registered" in texts and "登记" in texts["ip.pledges[1].registered"]


# -- the documents -----------------------------------------------------------------------------
def test_the_ledger_lists_each_co_owned_right_with_its_co_owners_and_agreement(co_owned_en):
    rows = _ledger(co_owned_en)
    header = rows[0]
    column = next(i for i, label in enumerate(header) if "Co-owner" in label)
    assert not any("ledge" in label for label in header)  # nothing pledged: no pledge column
    for item in _ip(CO_OWNED["en"])["co_owned"]:
        row = next(r for r in rows[1:] if item["right"] in r)
        assert all(owner in row[column] for owner in item["co_owners"])
        if item.get("terms"):
            assert item["terms"] in row[column]
        if item["agreement"] is False:  # the law's rule applies, and the ledger says which
            assert "Patent Law art. 14" in row[column]


def test_the_ledger_lists_each_pledge_with_pledgee_amount_term_and_registration(pledged_zh):
    rows = _ledger(pledged_zh)
    header = rows[0]
    column = next(i for i, label in enumerate(header) if "质押" in label)
    assert not any("共有" in label for label in header)  # nothing co-owned: no co-owner column
    for item in _ip(PLEDGED["zh"])["pledges"]:
        row = next(r for r in rows[1:] if item["rights"] in r)
        for part in (item["pledgee"], item["amount"], "已登记"):
            assert part in row[column]


def test_procedures_that_transfer_license_or_abandon_ask_the_co_owners_first(co_owned_en):
    """P-19 (assignment, licensing) and P-18 (abandonment) ask for all co-owners' consent, and
    P-19 states the rule without an agreement (Patent Law art. 14)."""
    licensing = procedure_document(co_owned_en, "P-19")
    assert "written consent of all co-owners" in licensing and "art. 14" in licensing
    assert "ordinary (non-exclusive) licences" in licensing
    assert "written consent of all co-owners" in procedure_document(co_owned_en, "P-18")


def test_procedures_ask_the_pledgee_first_and_the_pledge_is_registered(pledged_zh):
    """P-19 and P-18 ask for the pledgee's consent; P-20 registers the pledge with CNIPA and
    records its valuation on the exploitation evaluation report (R-51), not on R-54, the
    IP-for-equity valuation record."""
    for code in ("P-19", "P-18"):
        assert re.search(r"质权人[^，。；]{0,20}的书面同意", procedure_document(pledged_zh, code))
    financing = procedure_document(pledged_zh, "P-20")
    pledge = next(p for p in financing.split("\n") if p.startswith("以知识产权出质融资"))
    assert "国家知识产权局" in pledge and "质权自登记时设立" in pledge
    assert "R-51" in pledge and "R-54" not in pledge


def test_the_manual_says_what_the_company_does_and_no_pledge_valuation_on_r54(pledged_zh,
                                                                             co_owned_en):
    manual = docx_text(next(pledged_zh.rglob("*-M-01 *.docx")))
    assert "北京银行中关村分行" in manual and "未经质权人书面同意不转让、不许可、不放弃" in manual
    assert "《专利权质押登记办法》" in manual
    # the company plans a pledge loan only: its valuation is not an IP-for-equity record
    assert not any("质押" in p and "作价入股评估记录" in p for p in manual.split("\n"))
    english = docx_text(next(co_owned_en.rglob("*-M-01 *.docx")))
    assert "Southwest Jiaotong University and Central South University" in english


@pytest.mark.parametrize("language", ("zh", "en"))
def test_a_company_without_such_rights_gets_none_of_it(language, tmp_path, templates, corpus):
    """The same company without co-owned or pledged rights: no ledger columns, no consent step,
    no manual text on them (each text as its package renders it)."""
    def drop(data):
        data["ip"]["co_owned"], data["ip"]["pledges"] = [], []
    intake = load_intake(intake_variant(PLEDGED[language], tmp_path, drop))
    plan = planned(intake, templates, corpus, language)
    for where, text in template_strings(templates):
        if f".{language}." not in where + "." or not re.search(r"held\.(co_owned|pledged)", text):
            continue
        shown = templates.render(text, plan.context)
        if where.endswith((".label", ".title")):  # a column, field or step of its own
            assert not shown.strip(), (where, shown)
        elif where.startswith("manual") or where.endswith(".note"):
            assert not re.search(r"共有人|质权人|co-owner|pledgee", shown), (where, shown)


# -- the package lint --------------------------------------------------------------------------
def test_the_lint_reports_a_co_owned_right_the_package_never_handles(pledged_zh, tmp_path):
    """The machine-vision package drafted without co-owned rights, linted against an intake that
    names one: the right is in no form and no procedure asks its co-owners."""
    def add(data):
        data["ip"]["co_owned"] = [{"right": "与清华大学共有的发明专利4件", "kind": "专利",
                                   "co_owners": ["清华大学"], "agreement": False}]
    intake = load_intake(intake_variant(PLEDGED["zh"], tmp_path, add))
    found = [f for f in lint_package(pledged_zh, intake) if f.kind == "intake"]
    assert len(found) == 2 and all("清华大学" in f.message for f in found), found
    assert not [f for f in lint_package(pledged_zh, load_intake(PLEDGED["zh"]))
                if f.kind == "intake"]


def test_the_lint_reports_a_ledger_column_a_procedure_names_but_the_form_lacks(pledged_zh,
                                                                              tmp_path):
    """P-18, P-19 and P-20 check rights against the ledger's pledge column: a ledger without it
    (its header relabelled) is reported at each."""
    copy = tmp_path / "pkg"
    shutil.copytree(pledged_zh, copy)
    form = next(copy.rglob("*-R-42 *.docx"))
    document = docx.Document(str(form))
    table = max(document.tables, key=lambda t: len(t.rows))
    cell = next(c for c in table.rows[0].cells if "质押" in c.text)
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.text = ""
    cell.paragraphs[0].add_run("备注")
    document.save(str(form))
    found = [f for f in lint_package(copy) if f.kind == "form-field" and "质押" in f.message]
    assert {Path(f.document).name.split(" ")[0][-4:] for f in found} >= {"P-18", "P-19", "P-20"}
    assert not [f for f in lint_package(pledged_zh) if f.kind == "form-field"]
