"""Fifth tryout (issue 17): a state-owned rail-equipment maker, subsidiary of a group that owns the
marks and sets the IP policy (tests/data/intakes/soe-rail.*.yaml, as the consultant wrote them).

1. A state-owned company's IP is state-owned assets: transfers and licences are valued by a
   qualified appraiser whose valuation is approved or filed (评估核准或备案), approved by the
   authority the intake names, sold through a property rights exchange or at an agreed price with
   notice; an abandoned right is written off (资产核销) — P-19, R-53, P-18, R-50 and the manual.
   Transferring technology brings the rewards of 促进科技成果转化法 (share of the net income).
2. The group's marks are used under its licence: the manual does not plan the company's own
   registrations nor assess registering marks abroad itself; the group (and SASAC, a military
   customer) are interested parties; `intake check` warns when marks are licensed in, none are
   held and no parent is given, and does not read the group's marks as the company's plan.
3. Standards work: GB/T 20003.1 and 国家标准涉及专利的管理规定（暂行）, disclosure and licensing
   declarations, FRAND licensing of standard-essential patents in P-19.
4. Suppliers making parts to the company's drawings: drawings logged and returned, no use for
   other customers, IP terms in the supply contract (P-03, the manual).
5. R-09 lists the laws the company's facts call for, with issuing numbers and dates.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LazyPackages, intake_variant, package_parts, paragraph_with
from generators.company_kind import derived_facts
from generators.intake import check_intake, load_intake
from generators.intake_reading import reading
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
SOE = {"zh": DATA / "soe-rail.zh.yaml", "en": DATA / "soe-rail.en.yaml"}
GROUP = {"zh": "中国华岳轨道交通集团有限公司", "en": "China Huayue Rail Transit Group Co., Ltd."}


def _state_owned(language: str):
    """The tryout's facts plus those a consultant adds for it: state-owned, the group as parent
    (registers the marks, sets the IP policy) and as the approver of asset transfers."""
    def change(data):
        data["company"]["ownership"] = "国有" if language == "zh" else "state"
        data["company"]["asset_approver"] = GROUP[language]
        data["company"]["parent"] = {"name": GROUP[language], "registers": ["trademarks"],
                                     "sets_policy": True}
    return change


def _draft(corpus, path: Path, target: Path, language: str) -> dict[str, str]:
    result = draft_package(load_intake(path), corpus, target, language)
    # the only findings left are the lint's reading of the company kind (engineer soc's part)
    assert [f.message for f in result.findings if f.kind != "kind"] == []
    return package_parts(target)


def _drafter(corpus, factory):
    """Drafts the package of (variant, language): the tryout's intakes as written ('tryout')
    and with the state-ownership facts ('state')."""
    def draft(key):
        variant, language = key
        base = factory.mktemp(f"soe-{variant}-{language}")
        path = SOE[language]
        if variant == "state":
            path = intake_variant(path, base, _state_owned(language))
        return _draft(corpus, path, base / "pkg", language)
    return draft


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    return LazyPackages(_drafter(corpus, tmp_path_factory))


@pytest.fixture(scope="module")
def manufacturer(corpus, tmp_path_factory):
    target = tmp_path_factory.mktemp("manufacturer") / "pkg"
    return _draft(corpus, TEMPLATES_DIR / "intake.zh.yaml", target, "zh")


# ------------------------------------------------------------------ 1. state-owned assets
def test_state_owned_ip_is_valued_approved_and_sold_as_state_assets_zh(packages):
    texts = packages[("state", "zh")]
    p19 = texts["P-19"]
    assert "可自评，重大事项委托外部评估机构评估" not in p19
    for words in ("资产评估机构", "核准或备案", "产权交易机构", "协议", "公示", GROUP["zh"]):
        assert words in p19, words
    # the top manager's approval is not the last word: the approver's follows
    assert f"批准后报{GROUP['zh']}" in p19
    for words in ("评估机构、评估报告编号及核准或备案文号", "产权交易机构公开转让", "国有资产审批"):
        assert words in texts["R-53"], words
    assert "自评" not in texts["R-51"]
    # abandoning a right: approved beyond the representative, and written off
    p18 = paragraph_with(texts["P-18"], "拟放弃的知识产权")
    assert "核销" in p18 and GROUP["zh"] in p18
    assert "资产核销" in texts["R-50"]
    manual = texts["M-01"]
    assert "核准或备案" in manual and "可自评或委托外部评估机构评估" not in manual
    assert "资产核销" in manual


def test_state_owned_ip_is_valued_approved_and_sold_as_state_assets_en(packages):
    texts = packages[("state", "en")]
    p19 = texts["P-19"]
    assert "may be done in-house, and for major matters" not in p19
    for words in ("qualified asset valuation firm", "approved or filed", "property rights exchange",
                  "agreed price", "announced", GROUP["en"]):
        assert words in p19, words
    assert "State-asset approval" in texts["R-53"]
    assert "written off" in texts["P-18"] and "write-off" in texts["R-50"]
    assert "by self-assessment or through an external valuation firm" not in texts["M-01"]


def test_a_company_not_state_owned_keeps_its_own_valuation_and_approval(manufacturer):
    assert "可自评，重大事项委托外部评估机构评估" in manufacturer["P-19"]
    assert "产权交易机构" not in manufacturer["P-19"]
    assert "资产核销" not in manufacturer["R-50"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_transferring_technology_rewards_under_the_technology_transfer_law(packages, language):
    texts = packages[("tryout", language)]
    law = ("促进科技成果转化法" if language == "zh"
           else "Law on Promoting the Transformation of Scientific and Technological Achievements")
    assert law in texts["P-19"]
    assert ("净收入" if language == "zh" else "net income") in texts["P-19"]
    assert ("科技成果转化奖励" if language == "zh" else "technology transfer reward") in texts["R-22"]
    assert law in texts["P-07"]  # the HR procedure's rewards name it too, with the group's rules
    assert ("集团公司的科技成果转化奖励规定" if language == "zh"
            else "the group's rules on rewards for technology transfer") in texts["P-07"]
    # an SOE's rewards sit outside the wage-bill limit (Art. 45, last paragraph)
    state = packages[("state", language)]["P-19"]
    assert ("不受当年工资总额限制" if language == "zh" else "not limited by it") in state


# ------------------------------------------------------------------ 2. the group's marks
def test_the_group_marks_are_used_under_licence_zh(packages):
    manual = packages[("tryout", "zh")]["M-01"]
    assert "公司目前尚无注册商标" not in manual
    assert "及时申请注册" not in manual
    assert "评估是否需要在目的地注册商标" not in manual
    assert f"经{GROUP['zh']}许可使用" in manual
    assert "提出境外注册申请" in manual  # the group files abroad on the company's request
    assert f"向{GROUP['zh']}提出申请" in packages[("tryout", "zh")]["P-17"]


def test_the_group_marks_are_used_under_licence_en(packages):
    manual = packages[("tryout", "en")]["M-01"]
    assert "The company has no registered trademark yet" not in manual
    assert "whether the trademarks need registering" not in manual
    assert "under that company's licence" in manual
    assert "the group's marks are registered there by" in manual
    assert f"registered in the destination by {GROUP['en']}" in packages[("tryout", "en")]["P-17"]


def test_the_parent_sasac_and_a_military_customer_are_interested_parties(packages):
    zh = paragraph_with(packages[("state", "zh")]["M-01"], "公司的知识产权相关方包括")
    assert GROUP["zh"] in zh and "国有资产监督管理机构" in zh and "军方客户" in zh
    en = paragraph_with(packages[("state", "en")]["M-01"], "The company's IP-relevant interested parties")
    assert GROUP["en"] in en and "SASAC" in en and "military customers" in en


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_check_warns_of_licensed_marks_without_a_parent(language):
    text = SOE[language].read_text(encoding="utf-8")
    intake, report = check_intake(text, SOE[language].name)
    assert any(w.path == "company.parent" for w in report.warnings)
    # a group's subsidiary is asked who owns it: only a state-owned one gets the state-asset rules
    assert any(w.path == "company.ownership" for w in report.warnings)
    lines = reading(intake, language)
    assert "商标（据目标" not in lines[0] and "trademarks (objective" not in lines[0]
    # with the parent given, the warning goes
    data_text = text.replace("  sites:\n", f"  parent: {{name: \"{GROUP[language]}\", "
                             "registers: [trademarks]}\n  sites:\n", 1)
    _, report = check_intake(data_text, SOE[language].name)
    assert not any(w.path == "company.parent" for w in report.warnings)


def test_parent_and_ownership_are_read_in_either_language(tmp_path):
    def change(data):
        data["company"]["ownership"] = "国有"
        data["company"]["parent"] = {"name": GROUP["zh"], "registers": ["商标"]}
    intake = load_intake(intake_variant(TEMPLATES_DIR / "intake.zh.yaml", tmp_path, change))
    assert intake.company.ownership == "state"
    assert intake.company.parent.registers == ["trademarks"]
    facts = derived_facts(intake)
    assert facts["kind"]["state"] and facts["held"]["group_marks"]


# ------------------------------------------------------------------ 3. standards work
def test_standards_work_cites_the_patent_rules_for_standards(packages):
    zh = packages[("tryout", "zh")]
    assert "GB/T 20003.1" in zh["M-01"]
    assert "国家标准涉及专利的管理规定（暂行）" in zh["M-01"]
    assert "许可声明" in zh["M-01"] and "披露" in zh["M-01"]
    assert "公平、合理、无歧视（FRAND）" in zh["P-19"]
    assert "国家标准涉及专利的管理规定（暂行）" in zh["R-09"]
    en = packages[("tryout", "en")]
    assert "GB/T 20003.1" in en["M-01"] and "licensing declaration" in en["M-01"]
    assert "(FRAND)" in en["P-19"]


def test_no_standards_text_without_standards_work(manufacturer):
    assert "GB/T 20003.1" not in manufacturer["M-01"]
    assert "FRAND" not in manufacturer["P-19"]


# ------------------------------------------------------------------ 4. suppliers making parts to drawings
@pytest.mark.parametrize("language", ["zh", "en"])
def test_suppliers_making_parts_to_drawings(packages, language):
    texts = packages[("tryout", language)]
    p03 = texts["P-03"]
    if language == "zh":
        for words in ("不得将图纸或据此制造的零部件用于其他客户", "收回", "《文件发放与回收登记表》"):
            assert words in p03, words
        assert "图纸的发放和收回逐份登记" in texts["M-01"]
    else:
        for words in ("for other customers", "taken back", "Document issue and recall register"):
            assert words in p03, words
        assert "each drawing issued is logged and taken back" in texts["M-01"]


def test_no_drawing_text_for_a_manufacturer_without_such_suppliers(manufacturer):
    assert "用于其他客户" not in manufacturer["P-03"]


# ------------------------------------------------------------------ 5. the laws list
def test_the_laws_list_names_the_laws_the_facts_call_for_with_numbers_and_dates(packages):
    r09 = packages[("state", "zh")]["R-09"]
    for law, number, effective in (
            ("中华人民共和国促进科技成果转化法", "主席令第三十二号", "2015-10-01"),
            ("中华人民共和国专利法实施细则", "国务院令第769号", "2024-01-20"),
            ("中华人民共和国企业国有资产法", "主席令第五号", "2009-05-01"),
            ("技术进出口管理条例", "2020年修订", "2020-11-29"),
            ("中华人民共和国标准化法", "主席令第七十八号", "2018-01-01"),
            ("中华人民共和国专利法", "主席令第五十五号", "2021-06-01")):
        assert law in r09 and number in r09 and effective in r09, law
    en = packages[("state", "en")]["R-09"]
    assert "Presidential Order No. 55" in en and "2021-06-01" in en
    assert "Law of the People's Republic of China on the State-Owned Assets of Enterprises" in en


def test_the_laws_list_leaves_out_laws_the_facts_do_not_call_for(manufacturer):
    r09 = manufacturer["R-09"]
    assert "主席令第五十五号" in r09  # the patent law's number, for every company with patents
    assert "企业国有资产法" not in r09 and "标准化法" not in r09


def test_a_brand_licensed_from_outside_the_group_is_not_the_group_marks(tmp_path):
    """A distributor using a brand owner's marks under licence has no group: the licensor is
    asked about, not taken as the parent."""
    def change(data):
        data["ip"]["trademarks"] = 0
        data["ip"]["licences_in"] = [{"what": "某品牌注册商标使用许可", "licensor": "某品牌有限公司"}]
    path = intake_variant(TEMPLATES_DIR / "intake.zh.yaml", tmp_path, change)
    intake, report = check_intake(path.read_text(encoding="utf-8"), path.name)
    facts = derived_facts(intake)
    assert not facts["held"]["group_marks"] and not facts["kind"]["group"]
    warned = [w.message for w in report.warnings if w.path == "company.parent"]
    assert warned and "如“某品牌有限公司”是公司的母公司" in warned[0]
    assert not any(w.path == "company.ownership" for w in report.warnings)
