"""The ODM/OEM maker re-checked (issue 17, /work/notes/s32/recheck/report.md): what the
consultant still found after the contract-manufacturing procedures were written.

N1. The manual lagged the procedures: M-01 5.3 gave 客户项目部 the IP marking that P-15 gives
    自主品牌事业部, and nothing on 定牌 orders (R-85); 8.3 had the export investigation (R-47) done
    by 客户项目部会同法务部 while P-17 has 法务部 do it; 6.3 deployed the objectives to a fixed
    研发中心、人力资源部和财务部 although objectives 2-5 belong to 自主品牌事业部, 客户项目部, 法务部.
Expected words come from the drafted procedures (who P-15, P-17 name for the work) and the
consultant's findings; department names from the drafted documents' own role tables.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.package import draft_package
from tests.helpers import docx_text

INTAKES = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module")
def odm(corpus, templates, tmp_path_factory):
    """{language: drafted folder} of the ODM maker's intakes."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"odm2-{language}") / "pkg"
        draft_package(load_intake(INTAKES / f"odm.{language}.yaml"), corpus, folder, language,
                      templates=templates)
        out[language] = folder
    return out


def _doc(folder: Path, code: str) -> str:
    """The text of the drafted document numbered `code` ('P-17', 'M-01', 'R-85'), '' if none."""
    found = [p for p in folder.rglob("*.docx") if f"-{code} " in p.name]
    return docx_text(found[0]) if found else ""


def _flat(text: str, language: str) -> str:
    """A form's text with its cells' line breaks and no-break spaces undone, for phrases that
    wrap in a narrow column ('Goods, quantity and / destination of the order')."""
    return ("".join(text.split()) if language == "zh" else " ".join(text.split()))


def _role_doing(procedure: str, duty_start: str) -> str:
    """The department a procedure's role table (section 4) gives the duty starting with
    `duty_start`: the cell just before it."""
    lines = procedure.splitlines()
    return next(lines[i - 1] for i, line in enumerate(lines) if line.startswith(duty_start))


def _duty_line(manual: str, department: str) -> str:
    """The manual's duties line of `department` (5.3: '客户项目部：负责…' / 'X: …')."""
    return next(line for line in manual.splitlines()
                if line.startswith(department + ("：" if "：" in line[:30] else ":")))


# -- N1. the manual says who does what as the procedures do --------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_manual_duties_give_marking_and_customer_brand_orders_to_whom_procedures_do(odm, language):
    p15, p17 = _doc(odm[language], "P-15"), _doc(odm[language], "P-17")
    manual = _doc(odm[language], "M-01")
    marker = _role_doing(p15, "在销售和宣传过程中宣示" if language == "zh" else "Marks the company's IP")
    exporter = _role_doing(p17, "提前提供出口计划" if language == "zh" else "Provides export plans")
    marking = "宣示" if language == "zh" else "marking"
    assert marking in _duty_line(manual, marker)
    assert marking not in _duty_line(manual, exporter)  # 客户项目部 is not P-15's marker
    # the department P-17 has enter customer-brand orders in R-85 says so in the manual too
    register = "定牌加工商标授权核查登记表" if language == "zh" else "trademark authorisation check register"
    assert register in _duty_line(manual, exporter)
    lines = p17.splitlines()  # and P-17's own role table (section 4) gives it that register
    duty = lines[lines.index(exporter, lines.index(exporter) + 0) + 1]
    assert register in duty


@pytest.mark.parametrize("language", ["zh", "en"])
def test_manual_export_investigation_is_done_by_whom_p17_says(odm, language):
    """P-17: the exporting department informs, the IP department investigates and fills R-47."""
    p17, manual = _doc(odm[language], "P-17"), _doc(odm[language], "M-01")
    exporter = _role_doing(p17, "提前提供出口计划" if language == "zh" else "Provides export plans")
    lines = p17.splitlines()
    investigator = next(lines[i - 1] for i, line in enumerate(lines)
                        if ("组织出口前知识产权调查" if language == "zh" else
                            "organises export IP investigations") in line)
    assert exporter != investigator
    joint = f"{exporter}会同{investigator}" if language == "zh" else f"{exporter} together with"
    assert joint not in manual
    doing = f"{investigator}调查目标国家" if language == "zh" else f"{investigator} investigates"
    assert doing in manual


@pytest.mark.parametrize("language", ["zh", "en"])
def test_objectives_are_deployed_to_the_departments_doing_their_work(odm, language):
    """6.3 and R-08 name, for the 定牌 objective, the department P-17 has enter the orders, and
    for the FTO-before-launch objective the department P-15/P-29 has launch and mark products —
    not a fixed 研发中心、人力资源部和财务部."""
    folder = odm[language]
    p15, p17 = _doc(folder, "P-15"), _doc(folder, "P-17")
    manual, r08 = _doc(folder, "M-01"), _doc(folder, "R-08")
    sales = _role_doing(p17, "提前提供出口计划" if language == "zh" else "Provides export plans")
    brand = _role_doing(p15, "在销售和宣传过程中宣示" if language == "zh" else "Marks the company's IP")
    deploying = [s for s in manual.split("。" if language == "zh" else ". ")
                 if ("年初" if language == "zh" else "At the start of each year") in s
                 and ("分解" if language == "zh" else "breaks the objectives down") in s]
    assert deploying and all(sales in s and brand in s for s in deploying), deploying
    assert all(("人力资源部" if language == "zh" else "Human Resources") not in s for s in deploying)
    assert sales in r08 and brand in r08


# -- 2. the forms can prove what the procedures ask ------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_r85_records_the_order_the_marks_and_the_representatives_decision(odm, language):
    """P-17 5.6 asks that the authorisation cover the goods declared, the marks on product,
    packaging and labels match, and the representative decide where another holds the mark in
    China: R-85 has a column for each; its per-row checkers make a sign-off block redundant."""
    r85 = _flat(_doc(odm[language], "R-85"), language)
    words = (["订单货物", "数量", "目的地", "产品、包装和标签", "由他人注册", "管理者代表"]
             if language == "zh" else
             ["Goods, quantity and destination of the order", "packaging and labels",
              "another holds the mark in China", "IP management representative"])
    assert [w for w in words if w not in r85] == []
    block = ["填写人", "批准人"] if language == "zh" else ["Filled in by", "Approved by"]
    assert [w for w in block if w in r85] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_r06_and_r47_record_a_customer_projects_terms(odm, language):
    r06, r47 = (_flat(_doc(odm[language], c), language) for c in ("R-06", "R-47"))
    r06_words = (["项目类型", "ODM", "OEM", "自有品牌", "模具", "赔偿上限", "商标的授权", "FTO"]
                 if language == "zh" else
                 ["Project type", "ODM", "OEM", "own brand", "tooling", "Indemnity cap",
                  "trademark authorisation", "FTO"])
    assert [w for w in r06_words if w not in r06] == []
    r47_words = (["337", "平台投诉", "进口商", "FTO检索的承担方"] if language == "zh" else
                 ["Section 337", "marketplace complaints", "Importer of record",
                  "Who bears the FTO search"])
    assert [w for w in r47_words if w not in r47] == []


def test_a_maker_for_no_customers_gets_no_customer_project_fields(corpus, templates, tmp_path):
    """The manufacturer example makes its own products: R-06 asks no project type."""
    from generators.templates_io import TEMPLATES_DIR
    intake = load_intake(TEMPLATES_DIR / "examples" / "manufacturer.zh.yaml")
    draft_package(intake, corpus, tmp_path / "pkg", "zh", templates=templates)
    r06 = _flat(_doc(tmp_path / "pkg", "R-06"), "zh")
    assert r06 and "项目类型" not in r06 and "FTO检索的承担方" not in r06


# -- 3. one FTO gate --------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_fto_has_one_gate_the_others_refer_to(odm, language):
    """P-12's 'FTO before launch' step, recorded in the patent search report (R-35), is the gate;
    P-17's export survey no longer runs its own 'where needed' analysis and P-29's launch refers
    to P-12 and R-35."""
    folder = odm[language]
    p12, p17, p29 = (_doc(folder, c) for c in ("P-12", "P-17", "P-29"))
    gate = "上市前的自由实施检索" if language == "zh" else "Freedom-to-operate search before launch"
    assert gate in p12
    number = next(p.name.split(" ")[0] for p in folder.rglob("*.docx") if "-P-12 " in p.name)
    report = next(p.name.split(" ")[0] for p in folder.rglob("*.docx") if "-R-35 " in p.name)
    for text in (p17, p29):
        assert gate in text and number in text
    assert report in p29
    assert ("必要时进行自由实施分析" if language == "zh" else
            "where needed, carries out a freedom-to-operate analysis") not in p17


@pytest.mark.parametrize("language", ["zh", "en"])
def test_oem_to_the_customers_design_is_the_customers_fto(odm, language):
    """P-03 puts the risk of the customer's design on the customer: P-12 says the company does no
    FTO on that design (only on what it designs or selects itself) and R-06 records who bears it."""
    p12 = _doc(odm[language], "P-12")
    words = (["OEM", "由客户承担", "不对客户的设计进行FTO检索", "自行设计或选定"] if language == "zh"
             else ["OEM", "the customer bears", "does not carry out an FTO search on the customer's design",
                   "designs or selects itself"])
    assert [w for w in words if w not in p12] == []


# -- 4. wording and legal terms ---------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_litigation_hold_and_apex_are_named_for_what_they_are(odm, language):
    """诉讼保全 is the court's preservation order, not a litigation hold; APEX is started by the
    patent owner, the seller only agrees to take part (it is no seller's appeal)."""
    p15 = _doc(odm[language], "P-15")
    if language == "zh":
        assert "诉讼保全通知" not in p15 and "证据保留通知" in p15
    else:
        assert "litigation hold" in p15
    apex = [s for s in _sentences(p15, language) if "APEX" in s]
    assert apex and all(("专利权人" if language == "zh" else "patent owner") in s for s in apex)
    appeal = ("申诉或反通知（如亚马逊" if language == "zh" else
              "appeal or counter-notice where the product does not infringe (such as Amazon")
    assert appeal not in p15


def _sentences(text: str, language: str) -> list[str]:
    return [s for s in text.replace("\n", "。" if language == "zh" else ". ")
            .split("。" if language == "zh" else ". ") if s]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_licences_taken_are_named_once_each(odm, language):
    """'芯片供应商转许可许可的', 'Bluetooth SIG许可的蓝牙 SIG 成员资格', 'licensed by sublicensed
    through': a licensor worded as how the licence comes, or already named in what is taken, is
    not named again with 许可的 / licensed by."""
    manual = _doc(odm[language], "M-01")
    slips = (["转许可许可的", "Bluetooth SIG许可的"] if language == "zh" else
             ["licensed by sublicensed", "licensed by Bluetooth SIG"])
    assert [s for s in slips if s in manual] == []
    assert ("音频编解码标准必要专利" if language == "zh" else "standard-essential patents") in manual


def test_company_profile_lists_its_technologies_once(odm):
    """'掌握声学结构设计…等关键技术和工艺，核心业务环节包括低功耗蓝牙固件开发': one list split in two."""
    manual = _doc(odm["zh"], "M-01")
    sentence = next(s for s in _sentences(manual, "zh") if "关键技术" in s and "声学结构设计" in s)
    assert "低功耗蓝牙固件开发" in sentence and "核心业务环节包括" not in sentence


@pytest.mark.parametrize("language", ["zh", "en"])
def test_see_also_names_a_clause_once(odm, language):
    """'另见：专利管理（7.5）；商标管理（7.5）': the topics of one clause are named before its number."""
    import re
    manual = _doc(odm[language], "M-01")
    lines = [l for l in manual.splitlines() if l.startswith("另见" if language == "zh" else "See also")]
    assert lines
    for line in lines:
        numbers = re.findall(r"[（(](\d+(?:\.\d+)*)[）)]", line)
        assert len(numbers) == len(set(numbers)), line


def test_promulgation_names_the_system_as_the_standard_does(odm):
    """GB/T 29490—2023 is 《企业知识产权合规管理体系 要求》: the 颁布令 names that system, and
    the short name the rest of the manual uses is introduced there."""
    manual = _doc(odm["zh"], "M-01")
    first = next(s for s in _sentences(manual, "zh") if s.startswith("为贯彻"))
    assert "合规管理体系" in first.split("》", 1)[1]


def test_no_straight_quotes_beside_chinese(odm):
    """自有品牌 "SONIQ" 蓝牙耳机 (the intake's ASCII quotes) reads 自有品牌“SONIQ”蓝牙耳机."""
    import re
    beside = re.compile(r'[\u4e00-\u9fff] ?"|" ?[\u4e00-\u9fff]')
    found = {p.name: beside.search(docx_text(p)).group() for p in odm["zh"].rglob("*.docx")
             if beside.search(docx_text(p))}
    assert found == {}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_chip_licences_are_not_counted_in_seats(odm, language):
    """R-78's 许可数量（席位、用户、份数） is a software licence's count; an SDK in firmware is counted
    in products shipped, a SIG membership and an SEP have no seats."""
    r78 = _flat(_doc(odm[language], "R-78"), language)
    assert ("席位" if language == "zh" else "seats") not in r78


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_licence_paid_in_the_chip_price_is_no_technology_import(odm, language):
    """The SEPs 'paid in the chip price' come through the chip supplier: there is no import
    contract to register (P-14 and the intake reading), unlike a paid licence from abroad."""
    from generators.intake_reading import reading
    p14 = _doc(odm[language], "P-14")
    sep = "音频编解码标准必要专利" if language == "zh" else "audio codec standard-essential patents"
    register = [s for s in _sentences(p14, language)
                if ("技术进" if language == "zh" else "technology import") in s]
    assert register and all(sep not in s for s in register)  # P-14's registration step
    lines = reading(load_intake(INTAKES / f"odm.{language}.yaml"), language)
    assert all(sep not in line for line in lines if ("技术进口" if language == "zh" else
                                                     "technology import") in line)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_reading_echoes_contract_manufacturing(language):
    from generators.intake_reading import reading
    first = reading(load_intake(INTAKES / f"odm.{language}.yaml"), language)[0]
    words = ["ODM", "OEM", "定牌加工"] if language == "zh" else ["ODM", "OEM", "customers' marks"]
    assert [w for w in words if w not in first] == []


# -- 5. sites ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_mould_store_only_where_a_plant_moulds(odm, language):
    """The Vietnam plant only assembles, packs and ships ('整机组装、包装、出口发货'): no mould store
    there; the Dongguan plant moulds ('注塑') and keeps its own."""
    p06 = _doc(odm[language], "P-06")
    if language == "zh":
        assert "东莞生产基地的模具库" in p06 and "越南工厂的模具库" not in p06
    else:
        assert "mould store" in p06 and "mould store, sample room and key workstations at the Vietnam" not in p06


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_plant_abroad_has_its_entity_staff_and_technology_export_settled(odm, language):
    p17 = _doc(odm[language], "P-17")
    site = "越南工厂" if language == "zh" else "Vietnam plant"
    words = (["法律主体", "技术出口合同登记", "当地法律", "不作为出口销售"] if language == "zh" else
             ["legal entity", "registers the contract", "local law", "not export sales"])
    step = [s for s in _sentences(p17, language) if site in s]
    assert step
    assert [w for w in words if w not in p17] == []
    r47 = _flat(_doc(odm[language], "R-47"), language)
    assert ("技术进出口合同登记" if language == "zh" else "technology export contracts") in r47


@pytest.mark.parametrize("language", ["zh", "en"])
def test_uk_market_gets_its_own_customs_application(odm, language):
    """After Brexit an EU application for action does not cover the UK: HMRC's AFA."""
    p17 = _doc(odm[language], "P-17")
    assert "HMRC" in p17 and "AFA" in p17


# -- 6. customers' confidential information, own brand only -------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_customer_ndas_are_registered_and_competing_brands_kept_apart(odm, language):
    """An inbound-NDA register (fields on the contract register), separate teams for competing
    brand owners, and photography on the lines controlled — not visitors only."""
    p06 = _doc(odm[language], "P-06")
    r07 = _flat(_doc(odm[language], "R-07"), language)
    words = (["NDA", "相互竞争的品牌商", "拍照"] if language == "zh" else
             ["NDA", "competing brand owners", "photographs"])
    assert [w for w in words if w not in p06] == []
    columns = (["保密期限", "可接触的人员范围", "返还或销毁要求"] if language == "zh" else
               ["Confidentiality period", "People allowed access", "Return or destruction"])
    assert [c for c in columns if c not in r07] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_own_mark_plans_and_marking_cover_own_brand_goods_only(odm, language):
    """P-29's Nice-class plan and the manual's marking named the customer-brand TWS earphones and
    watches beside the own-brand SONIQ earphones."""
    p29, manual = _doc(odm[language], "P-29"), _doc(odm[language], "M-01")
    plan = next(s for s in _sentences(p29, language) if ("尼斯分类" if language == "zh" else "Nice classes") in s)
    marking = [s for s in _sentences(manual, language)
               if ("注册商标标记" if language == "zh" else "registered trademark symbol") in s]
    customer_goods = "智能手表" if language == "zh" else "smart watches"
    assert "SONIQ" in plan and customer_goods not in plan
    assert marking and all(customer_goods not in s for s in marking)
