"""The ninth tryout, a Chengdu hotpot franchise brand (issue 17, try9): 40 own stores, 600
franchised, a central kitchen, an OEM soup-base supplier, recipes kept as trade secrets.

tests/data/intakes/franchise.*.yaml (the consultant's intake; business_model as a franchise brand
states it: 餐饮连锁、特许经营 / chain stores, franchise) found, by kind:
1. No business model for a store or franchise brand: pushed into `manufacturing`, manual 8.3 and
   P-03 became a factory's (工装夹具, 供方按公司图纸加工零部件); with `other` a consultancy's
   (合同约定交付成果). Stores, a central kitchen (配方分段掌握, 原料编码, 配料间) and OEM suppliers of
   finished goods (预混料或编码原料, 包装物和标识按数量发放并核对, 不得超量生产, 剩余的销毁) are
   what the consultant asked for.
2. Contradictions: P-19 said the financing and M&A clauses were 删减 while the manual and
   coverage.md said none were, and the manual kept "对因公司业务性质当前不适用的条款予以删减" beside
   "未删减任何条款"; P-29 inspected franchisees "每年至少一次" against objective (2)'s "不少于 2 次";
   P-29 gave the supervision to 品牌营销中心 while 加盟管理部 does it; P-29 had the de-branding check
   "在R-75中注明" with no column for it.
3. 《商业特许经营管理条例》 cited once, with no owner, deadline or record: disclosure ≥ 30 days
   before signing, 备案 within 15 days of the first contract, the report by 31 March, the
   franchise manual controlled, the laws among the referenced documents.
Expected words come from the consultant's findings (try9/report.md) and the intake.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.company_kind import derived_facts
from generators.intake import load_intake, parse_intake
from generators.package import draft_package
from tests.helpers import docx_text

INTAKES = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module")
def franchise(corpus, templates, tmp_path_factory):
    """{language: drafted folder} of the franchise brand's intakes."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"franchise-{language}") / "pkg"
        draft_package(load_intake(INTAKES / f"franchise.{language}.yaml"), corpus, folder,
                      language, templates=templates)
        out[language] = folder
    return out


def _doc(folder: Path, part: str, code: str) -> str:
    """The text of the drafted document numbered `code` ('P-03') in `part`, '' if none."""
    found = [p for p in (folder / part).glob("*.docx") if f"-{code} " in p.name]
    return docx_text(found[0]) if found else ""


def _raw(language: str) -> dict:
    return yaml.safe_load((INTAKES / f"franchise.{language}.yaml").read_text(encoding="utf-8"))


def _parse(raw: dict):
    return parse_intake(yaml.safe_dump(raw, allow_unicode=True))


# -- 1. a business model for stores and franchise brands -----------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_store_and_franchise_business_model_is_read(language):
    intake = load_intake(INTAKES / f"franchise.{language}.yaml")
    assert set(intake.company.business_model) == {"stores", "franchise"}
    kind = derived_facts(intake, language)["kind"]
    assert kind["stores"] and kind["franchise"] and not kind["manufacturing"]


def test_franchising_is_read_from_the_business_scope_unless_denied():
    raw = _raw("zh")
    raw["company"]["business_model"] = ["餐饮连锁"]
    del raw["business"]["franchising"], raw["business"]["licensing_out"]
    intake = _parse(raw)
    assert intake.business.franchising and intake.business.licensing_out  # 特许经营活动
    raw["business"]["franchising"] = False
    assert not _parse(raw).business.franchising
    raw["business"].pop("franchising")
    raw["company"]["business_scope"] = "城市燃气特许经营；燃气供应"  # a utility's concession
    raw["company"]["industry"] = "燃气供应"
    assert not _parse(raw).business.franchising


@pytest.mark.parametrize("language", ["zh", "en"])
def test_operations_are_stores_and_a_central_kitchen_not_a_factory(franchise, language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    p03 = _doc(franchise[language], "02-procedures", "P-03")
    if language == "zh":
        factory = ["工装夹具", "供方按公司图纸加工零部件", "合同约定交付成果", "模具、工装"]
        stores = ["门头", "配方分段掌握", "原料编码", "配料间", "密封成品"]
        oem = ["预混料或编码原料", "按数量发放", "超", "销毁"]
    else:
        factory = ["tooling", "parts made to the company's drawings", "who owns the deliverables",
                   "moulds"]
        stores = ["shop signs", "splits each core recipe", "codes the raw materials",
                  "batching room", "sealed finished"]
        oem = ["premixes or coded ingredients", "by count", "no more than is ordered", "destroyed"]
    for text in (manual, p03):
        assert not [w for w in factory if w in text]
    assert not [w for w in stores + oem if w not in manual]
    assert not [w for w in oem if w not in p03]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_restricted_area_is_the_batching_room_not_a_laboratory(franchise, language):
    p06 = _doc(franchise[language], "02-procedures", "P-06")
    assert ("中央厨房的称量配料间" if language == "zh" else "batching room") in p06
    assert ("研发实验室" if language == "zh" else "R&D laborator") not in p06


@pytest.mark.parametrize("language", ["zh", "en"])
def test_marks_and_copycat_watch_are_a_store_brand_s(franchise, language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    words = (["门头", "大众点评", "美团", "解约加盟商"] if language == "zh"
             else ["shop signs", "Dianping", "Meituan", "former franchisees"])
    assert not [w for w in words if w not in manual]
    assert ("交付客户的技术文件" if language == "zh"
            else "technical documents delivered to clients") not in manual


# -- 2. one fact, said the same everywhere ------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_procedure_excludes_clauses_the_manual_keeps(franchise, language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    p19 = _doc(franchise[language], "02-procedures", "P-19")
    none = "本手册未删减任何条款" if language == "zh" else "this manual excludes none"
    assert none in manual
    assert ("条款已删减" if language == "zh" else "clauses on them are excluded") not in p19
    assert ("不适用的条款予以删减" if language == "zh"
            else "Clauses that do not currently apply because of the nature of the company's "
                 "business are excluded") not in manual


@pytest.mark.parametrize("language", ["zh", "en"])
def test_franchisees_are_inspected_as_often_as_the_objective_says(franchise, language):
    p29 = _doc(franchise[language], "02-procedures", "P-29")
    assert ("每年至少两次" if language == "zh" else "at least twice a year") in p29
    assert ("每年至少一次检查" if language == "zh" else "and at least once a year") not in p29


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_franchise_department_supervises_franchisees(franchise, language):
    intake = load_intake(INTAKES / f"franchise.{language}.yaml")
    name = intake.department("fr").name
    assert intake.department("fr").functions == ["franchise"]
    p29 = _doc(franchise[language], "02-procedures", "P-29")
    supervision = next(line for line in p29.split("\n") if "R-76" in line and name in line)
    assert ("检查其使用商标" if language == "zh" else "inspects every licensee") in supervision
    manual = _doc(franchise[language], "01-manual", "M-01")
    duty = next(line for line in manual.split("\n") if line.startswith(name + ("：" if language == "zh" else ":")))
    assert ("督导" if language == "zh" else "supervising franchised stores") in duty
    assert ("出口产品" if language == "zh" else "exported products") not in duty


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_franchise_department_has_its_duties_in_the_trademark_procedure(franchise, language):
    """P-29's steps have 加盟管理部 disclose, file and check de-branding; its 4 职责 table listed
    every other department but that one (a consultant's read of the merged package)."""
    import docx

    name = load_intake(INTAKES / f"franchise.{language}.yaml").department("fr").name
    path = next(p for p in (franchise[language] / "02-procedures").glob("*.docx")
                if "-P-29 " in p.name)
    roles = {row.cells[0].text: row.cells[1].text for table in docx.Document(str(path)).tables
             for row in table.rows[1:]
             if table.rows[0].cells[0].text in ("部门/岗位", "Department / role")}
    assert name in roles, sorted(roles)
    assert ("备案" if language == "zh" else "files the franchise") in roles[name]


def test_a_franchise_department_is_read_in_either_language():
    raw = _raw("zh")
    raw["org"]["departments"][3]["functions"] = ["加盟管理"]
    assert _parse(raw).department("fr").functions == ["franchise"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_termination_check_has_its_column(franchise, language):
    p29 = _doc(franchise[language], "02-procedures", "P-29")
    r75 = _doc(franchise[language], "03-forms", "R-75")
    column = "终止及停用核查" if language == "zh" else "Termination check"
    assert column in r75
    assert (f"“{column}”栏" if language == "zh" else "'termination check' column") in p29


# -- 3. the franchise regulations' duties, with owner, deadline and record ------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_franchise_disclosure_filing_and_report_have_owner_deadline_and_record(franchise, language):
    intake = load_intake(INTAKES / f"franchise.{language}.yaml")
    p29 = _doc(franchise[language], "02-procedures", "P-29")
    step = next(line for line in p29.split("\n")
                if ("备案" in line and "30日" in line) or ("30 days" in line))
    words = (["至少30日", "15日内", "3月31日前", "R-75", "加盟运营手册", "R-02"] if language == "zh"
             else ["at least 30 days", "Within 15 days", "by 31 March", "R-75",
                   "franchise operations manual", "R-02"])
    assert not [w for w in words if w not in step]
    assert intake.department("fr").name in step
    r75 = _doc(franchise[language], "03-forms", "R-75")
    assert ("信息披露日期" if language == "zh" else "Disclosure date") in r75
    manual = _doc(franchise[language], "01-manual", "M-01")
    laws = (["商业特许经营管理条例", "商业特许经营信息披露管理办法", "电子商务法"] if language == "zh"
            else ["Regulations on the Administration of Commercial Franchising",
                  "Information Disclosure in Commercial Franchising", "E-Commerce Law"])
    assert not [w for w in laws if w not in manual]


# -- 4. copycat stores watched, evidenced and taken down as a store brand's ---------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_copycat_stores_are_watched_evidenced_and_reported_to_platforms(franchise, language):
    p15 = _doc(franchise[language], "02-procedures", "P-15")
    r43 = _doc(franchise[language], "03-forms", "R-43")
    if language == "zh":
        words = ["山寨店", "大众点评", "美团", "饿了么", "抖音", "字号", "有一定影响的装潢", "原加盟商",
                 "公证", "时间戳", "投诉渠道", "电子商务法》第四十二条"]
        channels, product = ["门店巡查", "点评及外卖平台"], "同类产品"
    else:
        words = ["copycat", "Dianping", "Meituan", "Ele.me", "Douyin", "trade name",
                 "decoration of others that has a certain influence", "former franchisee",
                 "notar", "timestamp", "IP complaint channel", "Article 42 of the E-Commerce Law"]
        channels, product = ["store visits", "review and delivery platforms"], "similar products"
    assert not [w for w in words if w not in p15]
    assert product not in p15
    assert not [w for w in channels if w not in r43]


# -- 5. trade secrets where this company keeps them ----------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_secrets_are_kept_in_the_kitchen_the_stores_and_at_the_oem_supplier(franchise, language):
    p06 = _doc(franchise[language], "02-procedures", "P-06")
    manual = _doc(franchise[language], "01-manual", "M-01")
    if language == "zh":
        words = ["密封成品", "加盟运营手册", "加盟商员工", "预混料或编码原料"]
        leaver = "中央厨房掌握配方的炒料和配料岗位人员"  # the 2025 leak: a central-kitchen technician
    else:
        words = ["sealed finished", "franchise operations manual", "franchisee's staff",
                 "premixes or coded ingredients"]
        leaver = "who know the recipes in frying and batching"
    assert not [w for w in words if w not in p06]
    assert leaver in manual


# -- 6. a planned market entry abroad is a plan ---------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_planned_stores_abroad_are_a_plan_with_marks_filed_first(franchise, language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    p17 = _doc(franchise[language], "02-procedures", "P-17")
    p29 = _doc(franchise[language], "02-procedures", "P-29")
    if language == "zh":
        fact, plan = "向新加坡、马来西亚的客户提供服务", "计划进入新加坡、马来西亚市场"
        words, amazon = ["开业前12至18个月", "第43类", "抢注"], "亚马逊"
    else:
        fact, plan = "serves customers in Singapore and Malaysia", "plans to enter Singapore and Malaysia"
        words, amazon = ["12 to 18 months before the first store opens", "class 43", "squat"], "Amazon"
    for text in (manual, p17):
        assert fact not in text
    assert plan in manual
    assert not [w for w in words if w not in p29]
    assert amazon not in p29


# -- the same kind, another trade: a training-centre franchise without kitchen or recipes -------
def test_a_training_franchise_gets_stores_without_kitchen_recipes_or_factory(corpus, templates,
                                                                            tmp_path):
    raw = _raw("zh")
    company = raw["company"]
    company.update(name="杭州启思少儿英语培训连锁有限公司", short_name="QS", industry="教育培训（少儿英语）",
                   business_scope="教育咨询；非学历文化教育培训；商业特许经营活动；教学用品销售",
                   products=["少儿英语课程（直营校区 25 家）", "品牌加盟（加盟校区 300 家）"],
                   processes=["课程体系研发", "教师培训认证", "校区标准化运营"],
                   business_model=["教育培训", "特许经营"])
    company["sites"] = [{"name": "总部", "address": "浙江省杭州市西湖区文三路 100 号",
                         "activities": "管理、课程研发、特许经营"}]
    raw["org"]["departments"] = [d for d in raw["org"]["departments"] if d["key"] not in ("ck", "sc")]
    raw["people"]["internal_auditors"] = raw["people"]["internal_auditors"][:1]
    raw["ip"].update(trade_secret_examples=["课程体系及教案", "加盟商名单及经营数据"],
                     works=["课程教材", "吉祥物形象", "校区装修设计图"])
    raw["business"].update(drawing_suppliers=False, export_markets=[], export_mode=[],
                           export_planned=False, platforms=["大众点评", "抖音"])
    raw["ip"]["disputes"] = ["2024 年加盟商解约后继续使用公司商标及门头，经行政投诉责令整改"]
    raw["policy"]["statement"] = "品牌立校、课程为本、规范许可、严打仿冒"
    raw["policy"]["objectives"] = ["每年对全部加盟校区开展商标使用巡检不少于 2 次",
                                   "每年新增课程教材作品登记不少于 10 件"]
    raw["documents"]["retention_years"] = {"合同": 10}
    intake = _parse(raw)
    folder = tmp_path / "pkg"
    draft_package(intake, corpus, folder, "zh", templates=templates)
    manual = _doc(folder, "01-manual", "M-01")
    p06 = _doc(folder, "02-procedures", "P-06")
    assert "门头" in manual and "直营门店" in manual
    assert not [w for w in ["配方", "配料间", "工装夹具", "合同约定交付成果", "代工"] if w in manual]
    assert "配料间" not in p06 and "研发实验室" not in p06


@pytest.mark.parametrize("language", ["zh", "en"])
def test_franchise_contracts_and_store_inspections_have_their_fields(franchise, language):
    r06 = _doc(franchise[language], "03-forms", "R-06")
    r76 = _doc(franchise[language], "03-forms", "R-76")
    if language == "zh":
        assert "特许经营" in r06
        words = ["门头、装修、视觉识别和吉祥物", "私采", "现场照片", "限期整改", "终止许可"]
    else:
        assert "franchise" in r06
        words = ["decor, visual identity and mascot", "bought elsewhere", "Photos of the store",
                 "satisfactory", "terminate"]
    assert not [w for w in words if w not in r76]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_store_designs_and_mascot_are_made_by_brand_designers(franchise, language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    if language == "zh":
        assert "品牌营销中心的品牌设计人员" in manual
        assert not [w for w in ["中央厨房的设计人员", "标准件库", "标准图集"] if w in manual]
    else:
        assert "brand designers in the Brand Marketing Centre" in manual
        assert not [w for w in ["standard-part", "standard drawing sets"] if w in manual]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_franchisees_platforms_and_the_commerce_authority_are_interested_parties(franchise,
                                                                                 language):
    manual = _doc(franchise[language], "01-manual", "M-01")
    line = next(t for t in manual.split("\n")
                if t.startswith("公司的知识产权相关方包括" if language == "zh"
                                else "The company's IP-relevant interested parties"))
    words = (["加盟商", "美团", "商务主管部门"] if language == "zh"
             else ["franchisees", "Meituan", "commerce authority"])
    assert not [w for w in words if w not in line]
    assert ("客户的不侵权担保" if language == "zh" else "a customer's non-infringement warranty") not in manual
