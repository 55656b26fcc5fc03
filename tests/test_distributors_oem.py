"""Distributors abroad and contract manufacturers (issue 17, a consultant's tryout of a hardware
company: tests/data/intakes/machine-vision.*.yaml).

1. A company selling abroad through distributors gets, in P-03, the distributor contract's IP
   clauses — its marks used only as licensed, no registration of its marks or similar ones in
   the distributor's country (an agent's registration is refusable: Paris Convention art.
   6septies; 商标法 第十五条), return of materials, notice of infringements found — and, in
   P-17, a check of the distributors' use of the marks recorded on a form (what was checked,
   where, findings, action).
2. A company whose products a contract manufacturer makes gets, in P-03, P-06 and the contract
   review sheet R-06: the firmware the manufacturer loads (who holds it, no copies kept),
   surplus, rejected and over-run goods bearing its marks (destroyed or returned, with a
   record), moulds and drawings returned, the right to audit the plant, no making for others.
3. A company with neither (the example manufacturer) gets none of this text; a company that is
   itself the contract manufacturer (odm.*) is not one whose goods others make.
Read back from the drafted .docx files.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.company_kind import derived_facts
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR
from helpers import docx_text, squeeze

INTAKES = Path(__file__).parent / "data" / "intakes"
MV = str(INTAKES / "machine-vision.{}.yaml")

# words each point must be put in, per language, as the brief words them
DISTRIBUTOR_POINTS = {
    "zh": ["第6条之七", "《商标法》第十五条", "不得以自己或关联方的名义", "返还", "通知公司"],
    "en": ["6septies", "Article 15 of the Trademark Law", "in its own name", "returns", "tells the company"],
}
MAKER_POINTS = {
    "zh": ["固件", "不得留存", "剩余品", "不良品", "超出订单", "模具", "审核", "为他人生产"],
    "en": ["firmware", "keeps no copy", "surplus", "rejected", "over-run", "moulds", "audit",
           "for anyone else"],
}


def _draft(tmp_path_factory, templates, corpus, path: Path, language: str) -> dict[str, str]:
    out = tmp_path_factory.mktemp("pkg") / "pkg"
    draft_package(load_intake(path), corpus, out, language, templates=templates)
    return {p.name.split("IPM-")[1][:4]: squeeze(docx_text(p))
            for p in out.rglob("*.docx") if "IPM-" in p.name}


@pytest.fixture(scope="module", params=["zh", "en"])
def drafted(request, tmp_path_factory, templates, corpus):
    """(language, the machine-vision package, the example manufacturer's package)."""
    language = request.param
    plain = TEMPLATES_DIR / "examples" / f"manufacturer.{language}.yaml"
    return (language, _draft(tmp_path_factory, templates, corpus, Path(MV.format(language)), language),
            _draft(tmp_path_factory, templates, corpus, plain, language))


@pytest.fixture(scope="module")
def mv(drafted):
    return drafted[0], drafted[1]


def _step(text: str, *titles: str) -> str:
    """The part of a procedure's text from the first of `titles` found to the next step number
    (squeezed text: '5.6Title…5.7')."""
    import re

    for title in titles:
        at = text.find(squeeze(title))
        if at >= 0:
            following = re.search(r"5\.\d+\D", text[at + len(title):])
            return text[at:at + len(title) + (following.start() if following else len(text))]
    raise AssertionError(f"none of {titles} in the text")


def _form(package: dict[str, str], zh: str, en: str) -> str:
    """The number ('R-86') of the record form whose title (its text's start, squeezed) is `zh`
    or `en`."""
    return next(code for code, text in package.items()
                if code.startswith("R-") and (zh in text[:60] or en in text[:80]))


def test_the_distributor_contract_has_the_ip_clauses(mv):
    language, package = mv
    step = _step(package["P-03"], "境外经销（代理）合同", "Distributor and agent contracts abroad")
    for words in DISTRIBUTOR_POINTS[language]:
        assert squeeze(words) in step, words


def test_p17_checks_the_distributors_use_of_the_marks_on_a_form(mv):
    language, package = mv
    form = _form(package, "经销商商标使用检查记录", "Distributortrademarkusecheckrecord")
    assert form in package["P-17"]
    fields = (["检查的内容", "检查地点或网址", "发现的问题", "采取的措施"] if language == "zh" else
              ["Whatwaschecked", "Whereitwaschecked", "Findings", "Actiontaken"])
    for label in fields:
        assert label in package[form], label
    # the check looks for the distributor's own filings of the marks in its country
    step = _step(package["P-17"], "境外经销商的商标使用检查", "Checking distributors' use of the marks")
    assert ("商标注册" in step) if language == "zh" else ("register" in step)


def test_the_contract_manufacturer_clauses_in_p03_p06_and_the_review_sheet(mv):
    language, package = mv
    step = _step(package["P-03"], "委托加工（代工）合同", "Contracts with contract manufacturers")
    for words in MAKER_POINTS[language]:
        assert squeeze(words) in step, words
    confidentiality = _step(package["P-06"], "代工厂的保密", "Confidentiality at contract manufacturers")
    assert ("固件" in confidentiality) if language == "zh" else ("firmware" in confidentiality)
    sheet = package["R-06"]
    labels = (["固件的保管", "剩余品、不良品和超量品的处置", "审厂权"] if language == "zh" else
              ["Firmwareheldby", "surplus,rejectedandover-rungoods", "Righttoaudit"])
    for label in labels:
        assert squeeze(label) in sheet, label


def test_marked_goods_disposed_of_are_recorded_on_a_form_p03_names(mv):
    language, package = mv
    form = _form(package, "带公司商标的剩余品和不良品处置记录", "Disposalofsurplusandrejectedgoods")
    assert form in _step(package["P-03"], "委托加工（代工）合同", "Contracts with contract manufacturers")
    for label in (["处置方式", "监督人"] if language == "zh" else ["Howdisposedof", "Witnessedby"]):
        assert label in package[form], label


def test_a_company_without_distributors_or_contract_manufacturers_gets_none_of_it(drafted):
    """The words are the machine-vision company's, never the example manufacturer's (no
    distributors, no contract manufacturer): no text about them, no R-86, no R-87."""
    language, package, plain = drafted
    text, theirs = "".join(plain.values()), "".join(package.values())
    for words in DISTRIBUTOR_POINTS[language][:3] + MAKER_POINTS[language][2:5]:
        assert squeeze(words) in theirs and squeeze(words) not in text, words
    for title in (["经销商商标使用检查记录", "带公司商标的剩余品和不良品处置记录", "代工厂的保密"]
                  if language == "zh" else ["Distributortrademarkusecheckrecord",
                                            "Disposalofsurplusandrejectedgoods",
                                            "Confidentialityatcontractmanufacturers"]):
        assert title in theirs and title not in text, title
    assert {"R-86", "R-87"} <= set(package) and not {"R-86", "R-87"} & set(plain)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_facts_follow_the_intake(language):
    """Read from the intake's words (a German distributor's squatting, an objective monitoring
    distributors, a '代工厂' among the sites); the intake's own answer wins; a company that makes
    for customers (ODM/OEM) in its own plants is not one whose goods others make."""
    intake = load_intake(Path(MV.format(language)))
    kind = derived_facts(intake, language)["kind"]
    assert kind["distributors"] and kind["contract_made"]
    intake.business.distributors_abroad = False
    intake.business.contract_manufacturers = []
    kind = derived_facts(intake, language)["kind"]
    assert not kind["distributors"] and not kind["contract_made"]
    odm = derived_facts(load_intake(INTAKES / f"odm.{language}.yaml"), language)["kind"]
    assert odm["oem"] and not odm["contract_made"]
    saas = derived_facts(load_intake(TEMPLATES_DIR / "examples" / f"saas.{language}.yaml"),
                         language)["kind"]
    assert not saas["distributors"] and not saas["contract_made"]
