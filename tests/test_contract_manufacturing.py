"""The seventh tryout, a Shenzhen ODM/OEM consumer-electronics maker (issue 17): contract
manufacturing as a business fact.

tests/data/intakes/odm.*.yaml (the consultant's intake, Chinese twin beside it) found:
1. Objectives with no process: "涉外定牌加工订单商标授权核查率100%" and "自有品牌新品上市前FTO
   检索率100%" were only restated in the manual, P-04 and R-08; no step or record checked a
   brand owner's registrations and authorisation letter (its scope and term) before the order and
   before customs declaration, and no launch gate ran an FTO search. The package lint now names
   such objectives (lint.yaml objective_subjects).
2. P-03 reviewed only the other party's warranties, never the indemnities the company gives its
   ODM/OEM customers (cap, the customer's own designs excluded, control of the defence,
   back-to-back supplier warranties), and said drawings and tooling "归公司" even when they are
   the customer's (OEM).
3. P-29 was left out because "公司的知识产权不以商标为主" although an objective plans the own brand's
   marks abroad and the goods sell on Amazon: an own-brand launch chooses it.
Expected words come from the consultant's findings (定牌, 授权书, 报关, FTO, 上市前, 背对背,
Amazon Brand Registry, 归客户) and the intake (the objectives, platforms).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR
from tests.helpers import docx_text, planned

INTAKES = Path(__file__).parent / "data" / "intakes"
MANUFACTURER = TEMPLATES_DIR / "examples"


@pytest.fixture(scope="module")
def odm(corpus, templates, tmp_path_factory):
    """{language: drafted folder} of the ODM maker's intakes."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"odm-{language}") / "pkg"
        draft_package(load_intake(INTAKES / f"odm.{language}.yaml"), corpus, folder, language,
                      templates=templates)
        out[language] = folder
    return out


def _doc(folder: Path, part: str, code: str) -> str:
    """The text of the drafted document numbered `code` ('P-17') in `part`, '' if none."""
    found = [p for p in (folder / part).glob("*.docx") if f"-{code} " in p.name]
    return docx_text(found[0]) if found else ""


def _sentences(text: str) -> list[str]:
    return [s for s in text.replace("\n", "。").replace(". ", "。").split("。") if s]


# -- 1. the objective's act has a step and a record --------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_brand_owner_authorisation_is_checked_before_order_and_customs(odm, language):
    p17 = _doc(odm[language], "02-procedures", "P-17")
    words = ({"mark": "定牌", "letter": "授权书", "order": "接单前", "customs": "报关前",
              "china": "中国", "term": "期限"} if language == "zh" else
             {"mark": "brand owner", "letter": "authorisation letter",
              "order": "each order is accepted", "customs": "declared to customs",
              "china": "China", "term": "term"})
    assert all(w in p17 for w in words.values()), [w for w in words.values() if w not in p17]
    forms = [p.name for p in (odm[language] / "03-forms").glob("*.docx")]
    register = [n for n in forms if ("授权核查" if language == "zh" else "authorisation check") in n]
    assert register, forms
    # the register P-17 names is a form of the package with columns for both checks
    number = register[0].split(" ")[0]
    assert number in p17
    text = docx_text(odm[language] / "03-forms" / register[0])
    assert ("报关前" if language == "zh" else "customs declaration") in text
    assert ("授权期限" if language == "zh" else "Term of the authorisation") in text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_own_products_pass_an_fto_search_before_launch(odm, language):
    """'自有品牌新品上市前FTO检索率100%': a procedure step, not 'where needed' in the export survey."""
    texts = "\n".join(_doc(odm[language], "02-procedures", code) for code in ("P-11", "P-17", "P-29"))
    launch = ("上市前", "FTO") if language == "zh" else ("before launch", "freedom-to-operate")
    assert any(all(w in s for w in launch) for s in _sentences(texts))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_lint_names_an_authorisation_objective_no_procedure_handles(corpus, templates, tmp_path,
                                                                   language):
    """The manufacturer example given the tryout's objective but, by its own word, no goods under
    customers' marks: the package lint reports the objective without a process."""
    path = MANUFACTURER / f"manufacturer.{language}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    objective = ("涉外定牌加工订单商标授权核查率100%" if language == "zh" else
                 "100% of orders under brand owners' marks checked for trademark authorisation")
    data["policy"]["objectives"].append(objective)
    data["business"]["contract_manufacturing"] = {"oem": False, "odm": False,
                                                  "brand_owner_marks": False}
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    result = draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    said = [f for f in result.findings if f.kind == "objective"]
    assert any(objective in f.message for f in said), said


# -- 2. the contracts of an ODM/OEM maker --------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p03_reviews_the_indemnities_given_to_customers(odm, language):
    p03 = _doc(odm[language], "02-procedures", "P-03")
    words = (["ODM", "OEM", "上限", "客户提供的设计", "抗辩", "背对背"] if language == "zh" else
             ["ODM", "OEM", "capped", "customer's designs", "defence", "back-to-back"])
    assert [w for w in words if w not in p03] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_customer_tooling_is_the_customers_not_the_companys(odm, language):
    p03 = _doc(odm[language], "02-procedures", "P-03")
    tooling = [s for s in _sentences(p03) if ("模具" if language == "zh" else "tooling") in s]
    assert tooling
    owned = "归公司" if language == "zh" else "company's property"
    customers = ("归客户", "客户所有的模具") if language == "zh" else ("remain the customers'",
                                                                  "tooling customers own")
    for sentence in tooling:
        if owned in sentence:
            assert any(w in sentence for w in customers), sentence
    assert all(any(w in p03 for w in (c,)) for c in customers)


def test_contract_manufacturing_is_read_from_the_words_and_can_be_denied(corpus, templates):
    """Without business.contract_manufacturing the scope's ODM/OEM and the objective's 定牌 set it;
    a trader's 贴牌采购 (others make its brand) does not; an explicit false wins."""
    from generators.company_kind import derived_facts

    data = yaml.safe_load((INTAKES / "odm.zh.yaml").read_text("utf-8"))
    del data["business"]["contract_manufacturing"]
    kind = derived_facts(parse_intake(yaml.safe_dump(data, allow_unicode=True), "odm.zh.yaml"))["kind"]
    assert kind["oem"] and kind["odm"] and kind["customer_brands"]
    trader = load_intake(INTAKES / "new-user-trading.zh.yaml")
    assert "贴牌采购" in " ".join(trader.company.products)
    assert not derived_facts(trader)["kind"]["customer_brands"]
    data["business"]["contract_manufacturing"] = {"oem": False, "odm": False,
                                                  "brand_owner_marks": False}
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), "odm.zh.yaml")
    plan = planned(intake, templates, corpus, "zh")
    assert not any(f.code == "R85" for f in plan.forms)


# -- 3. an own brand launched abroad and on marketplaces has its trademark procedure ------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_own_brand_launch_chooses_the_trademark_procedure(odm, language):
    p29 = _doc(odm[language], "02-procedures", "P-29")
    assert p29, "P-29 not drafted"
    coverage = (odm[language] / "coverage.md").read_text("utf-8")
    assert ("不以商标为主" if language == "zh" else "not mainly trademarks") not in coverage
    words = (["Amazon Brand Registry", "上市", "客户商标"] if language == "zh" else
             ["Amazon Brand Registry", "launch", "customer's mark"])
    assert [w for w in words if w not in p29] == []


# -- 4. defence abroad for a maker exporting goods to the US and the EU ------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p15_defends_accusations_abroad(odm, language):
    """337 investigations, platform complaints and Schedule-A/TRO freezes, customers' indemnity
    demands — not only 人民法院/市场监管部门/仲裁."""
    p15 = _doc(odm[language], "02-procedures", "P-15")
    words = (["337", "Schedule A", "TRO", "亚马逊", "反通知", "赔偿"] if language == "zh" else
             ["337", "Schedule A", "TRO", "Amazon", "counter-notice", "indemnify"])
    assert [w for w in words if w not in p15] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p17_covers_detention_of_customer_brand_goods_and_recordation_abroad(odm, language):
    p17 = _doc(odm[language], "02-procedures", "P-17")
    words = (["CBP", "AFA", "知识产权状况", "由他人注册"] if language == "zh" else
             ["CBP", "AFA", "IP status", "someone else holds the mark in China"])
    assert [w for w in words if w not in p17] == []


def test_an_exporter_without_us_markets_gets_no_337_step(corpus, templates, tmp_path):
    """The defence abroad follows the markets: the manufacturer example (no US market, no
    marketplace, no contract manufacturing) gets no 337 or Schedule-A text."""
    path = MANUFACTURER / "manufacturer.zh.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    assert not any("美国" in m for m in data["business"]["export_markets"])
    draft_package(load_intake(path), corpus, tmp_path / "pkg", "zh", templates=templates)
    p15 = _doc(tmp_path / "pkg", "02-procedures", "P-15")
    assert p15 and "337" not in p15 and "Schedule A" not in p15


# -- 7. the lint reads 投诉应对 (responding) as no modal 应 ---------------------------------------
def test_budget_naming_complaint_responses_is_no_modal(odm):
    coverage = (odm["zh"] / "coverage.md").read_text("utf-8")
    assert not [line for line in coverage.splitlines() if "[voice]" in line and "应对" in line]


def test_modal_ying_dui_is_still_found():
    """'应对…负责' / '应对合同进行审查' state a requirement (应 + 对): still reported."""
    import re

    rules = yaml.safe_load((Path(__file__).parents[1] / "generators" / "lint.yaml")
                           .read_text("utf-8"))
    modal = re.compile(rules["manual_voice"]["zh"]["modal"])
    assert modal.search("各部门应对本部门的记录负责")
    assert modal.search("合同主办部门应对合同进行审查")
    assert not modal.search("用于337及亚马逊投诉应对、培训")
    assert not modal.search("诉讼应对和和解")


# -- 5. text written for another kind of company ------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_marketplace_is_no_app_store_and_customer_data_trains_no_model(odm, language):
    """Amazon is a marketplace (seller agreement), not an app store with a developer agreement;
    the maker's customer data clause speaks of no models trained on it."""
    p03 = _doc(odm[language], "02-procedures", "P-03")
    platform = [s for s in _sentences(p03) if ("亚马逊" if language == "zh" else "Amazon") in s]
    assert platform
    wrong = ["应用商店", "开发者协议"] if language == "zh" else ["app store", "developer"]
    assert [s for s in platform if any(w in s for w in wrong)] == []
    assert ("卖家协议" if language == "zh" else "seller agreement") in p03
    assert ("训练" if language == "zh" else "train") not in p03


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_makers_purchasing_risk_is_its_components_and_licences_cover_the_product(odm, language):
    """'采购部确认办公设备来源' was the purchasing risk named; the chip vendor's SEP licence was
    checked for 无效风险 and 席位 instead of whether it covers the finished product."""
    p11 = _doc(odm[language], "02-procedures", "P-11")
    manual = _doc(odm[language], "01-manual", "M-01")
    parts = "元器件" if language == "zh" else "components"
    assert parts in p11 and parts in manual
    assert ("成品" if language == "zh" else "finished products") in p11
    assert ("席位" if language == "zh" else "seats") not in p11


@pytest.mark.parametrize("language", ["zh", "en"])
def test_whole_plants_are_no_restricted_areas(odm, language):
    data = yaml.safe_load((INTAKES / f"odm.{language}.yaml").read_text("utf-8"))
    plants = [s["name"] for s in data["company"]["sites"][1:]]
    p06 = _doc(odm[language], "02-procedures", "P-06")
    marker = "为保密区域" if language == "zh" else "restricted area"
    areas = [s for s in _sentences(p06) if marker in s and any(p in s for p in plants)]
    assert areas
    for sentence in areas:
        for plant in plants:
            after = sentence.split(plant, 1)[1] if plant in sentence else "的"
            assert after.startswith("的") if language == "zh" else True, sentence
            if language == "en":
                assert f"at the {plant}".lower() in sentence.lower(), sentence


# -- 6. the company's own customer and price information is its trade secret ------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_customer_and_price_information_is_the_companys_own_secret(odm, language):
    data = yaml.safe_load((INTAKES / f"odm.{language}.yaml").read_text("utf-8"))
    own, customers = data["ip"]["trade_secret_examples"][4], data["ip"]["trade_secret_examples"][1]
    not_ours = "不作为公司的商业秘密" if language == "zh" else "not as the company"
    for code in ("M-01", "P-06"):
        part = "01-manual" if code == "M-01" else "02-procedures"
        text = _doc(odm[language], part, code)
        said = [c for s in _sentences(text) for c in s.split("；") if not_ours in c]
        assert said and any(customers in s for s in said), code
        assert [s for s in said if own in s] == [], code


# -- 7. the intake check reads the plans and asks only what this kind of company holds ----------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_check_reads_the_foreign_trademark_plan_and_asks_no_model_facts(language):
    """'计划：无' although objective 2 plans marks abroad; an earphone maker processing its
    customers' drawings was asked for ip.models, ip.datasets and business.algorithm_filing."""
    import os
    import subprocess
    import sys

    root = Path(__file__).parents[1]
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "intake", "check",
                           str(INTAKES / f"odm.{language}.yaml")], capture_output=True,
                          text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                          timeout=120)
    said = done.stdout + done.stderr
    assert ("计划：无" if language == "zh" else "plans: none") not in said, said
    assert ("目标 2" if language == "zh" else "objective 2") in said, said
    for path in ("ip.models", "ip.datasets", "business.algorithm_filing"):
        assert path not in said, said
