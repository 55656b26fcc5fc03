"""Confidential areas, R&D partners, trade secrets and R&D records that follow the company's facts
(issue 17, a consultant's tryout on a testing laboratory and a trading company):

- P-06 §5.6, its term 保密区域/restricted area and the manual's confidentiality clause name the
  places the company's sites name (a testing laboratory, a sample store, a warehouse), never a
  laboratory or production area it does not have, and never "不设…实验室" for a company with labs;
- the manual's university clause follows rd.partners and rd.modes together, and `ipms intake
  check` warns when they disagree;
- the classified information list (R-13) holds no example that P-06 calls the client's;
- rd.records: [] is accepted, and the manual names no R&D record for a company without R&D.

Texts are rendered in-process (no Word files). Intakes are the test fixtures under
tests/data/intakes with the facts a test changes written out; expected words come from those facts
and from the tester's quotes, never from the code's output.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import planned as _plan, rendered_texts as _texts
from generators.intake import check_intake
from generators.registers import register_rows

INTAKES = Path(__file__).parent / "data" / "intakes"
AREAS = "procedures/P06.{lang}.steps[5].text"  # 5.6 保密区域 / Restricted areas
TERM = "procedures/P06.{lang}.definitions[2].meaning"  # 保密区域 / restricted area
MANUAL_SECRETS = "manual.{lang}.clauses.6.2.3#2"  # the manual's confidentiality clause
MANUAL_UNIVERSITY = "manual.{lang}.clauses.9.3.2.2"  # collaborative development with universities
MANUAL_RD = "manual.{lang}.clauses.9.3.1"  # own R&D and its records


def _data(name: str) -> dict:
    return yaml.safe_load((INTAKES / name).read_text(encoding="utf-8"))


def _intake(data: dict):
    return check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")


def _testing_lab() -> dict:
    """The R&D-services fixture as a testing laboratory: its two sites test and keep samples;
    no site does production or R&D."""
    data = _data("rd-services.zh.yaml")
    data["company"]["sites"] = [
        {"name": "总部", "address": "合肥市高新区望江西路 800 号", "activities": "管理、检测"},
        {"name": "可靠性试验室", "address": "合肥市蜀山区黄山路 1 号", "activities": "可靠性试验、样品存放"}]
    return data


# -- items 1, 2: the restricted areas are the company's own places --------------------------------
def test_a_testing_laboratory_restricts_its_labs_and_sample_store(templates, corpus):
    intake, _ = _intake(_testing_lab())
    texts = _texts(intake, templates, corpus, "zh", AREAS, TERM, MANUAL_SECRETS)
    for key, text in texts.items():
        assert "检测" in text and "样品" in text, (key, text)  # the sites' 检测 and 样品存放
        # no production area, process workshop or R&D laboratory the sites do not name, and
        # never the tester's quote that the company has no laboratory
        for phrase in ("生产", "车间", "工艺", "研发实验室", "研发和生产", "不设"):
            assert phrase not in text, (key, phrase, text)
    assert "而不是划定物理区域" not in texts[AREAS]
    english = _texts(intake, templates, corpus, "en", AREAS, TERM, MANUAL_SECRETS)
    for key, text in english.items():
        assert "testing laborator" in text and "sample" in text, (key, text)
        for phrase in ("production", "workshop", "R&D laborator", "no workshops"):
            assert phrase not in text, (key, phrase, text)
    # the SaaS example's only site does 管理、研发、销售、客户服务: software R&D is no laboratory
    saas, _ = _intake(yaml.safe_load((templates.directory / "examples" / "saas.zh.yaml")
                                     .read_text(encoding="utf-8")))
    text = _texts(saas, templates, corpus, "zh", AREAS)[AREAS]
    assert "实验室" not in text.split("公司不设")[0] and "生产区域" not in text
    assert "档案室" in text


@pytest.mark.parametrize("language, store, absent", [
    ("zh", "仓库", ("实验室", "生产", "车间", "研发")),
    ("en", "warehouse", ("laborator", "production", "workshop", "R&D")),
])
def test_a_trading_company_restricts_its_warehouse_not_labs_or_production(
        templates, corpus, language, store, absent):
    """The trading fixture's sites: a head office (管理、采购、销售、报关) and a warehouse (仓储、发货)."""
    intake, _ = _intake(_data("trading.zh.yaml"))
    texts = _texts(intake, templates, corpus, language, AREAS, TERM, MANUAL_SECRETS)
    for key, text in texts.items():
        assert store in text, (key, text)
        for phrase in absent:
            assert phrase not in text, (key, phrase, text)


# -- item 5: universities from the partners and the modes together -------------------------------
def test_a_university_partner_is_collaboration_with_a_university(templates, corpus):
    """The fixture names 中国科学技术大学材料科学与工程系 as its partner, with rd.modes
    [in-house, commissioned]: the manual must not say it works with no university."""
    data = _data("rd-services.zh.yaml")
    partner = data["rd"]["partners"][0]
    intake, report = _intake(data)
    zh = _texts(intake, templates, corpus, "zh", MANUAL_UNIVERSITY)[MANUAL_UNIVERSITY]
    assert "未与高校" not in zh and f"与{partner}等高校、科研院所进行合作开发" in zh
    en = _texts(intake, templates, corpus, "en", MANUAL_UNIVERSITY)[MANUAL_UNIVERSITY]
    assert "no collaborative development with universities" not in en
    assert partner in en and "with universities and research institutes" in en
    # intake check says that rd.modes lacks the university mode the partner implies
    warned = [w for w in report.warnings if w.path == "rd.modes"]
    assert len(warned) == 1 and partner in warned[0].message
    assert "university" in warned[0].message
    # a firm is no university: the manual says so, and nothing is warned
    data["rd"]["partners"] = ["合肥某新材料科技有限公司"]
    intake, report = _intake(data)
    zh = _texts(intake, templates, corpus, "zh", MANUAL_UNIVERSITY)[MANUAL_UNIVERSITY]
    assert "未与高校" in zh and "合肥某新材料科技有限公司等高校" not in zh
    assert not [w for w in report.warnings if w.path.startswith("rd.")]
    # 北京化工大学 and rd.modes [in-house, university] agree in the manufacturer example
    text = (templates.directory / "examples" / "manufacturer.zh.yaml").read_text(encoding="utf-8")
    _, report = check_intake(text, "manufacturer.zh.yaml")
    assert not [w for w in report.warnings if w.path.startswith("rd.")]


@pytest.mark.parametrize("partners", [["合肥某新材料科技有限公司"], []])
def test_a_university_mode_without_a_university_partner_is_warned(partners):
    data = _data("rd-services.zh.yaml")
    data["rd"]["modes"] = ["in-house", "university"]
    data["rd"]["partners"] = partners
    _, report = _intake(data)
    warned = [w for w in report.warnings if w.path == "rd.partners"]
    assert len(warned) == 1 and "university" in warned[0].message


# -- item 6: the classified information list and P-06 agree on what is the client's --------------
def test_the_classified_list_holds_no_client_information(templates, corpus):
    """The fixture names 改性配方数据库 and 客户委托项目技术资料; P-06's scope says which of them
    is the client's information, not the company's trade secret: R-13 must not list that one."""
    intake, _ = _intake(_data("rd-services.zh.yaml"))
    scope = _texts(intake, templates, corpus, "zh", "procedures/P06.{lang}.scope")
    client = re.search(r"（如([^（）]+)）是客户的保密信息", scope["procedures/P06.{lang}.scope"])
    assert client, scope
    clients = client.group(1).split("、")
    assert clients == ["客户委托项目技术资料"]
    rows = [row["name"] for row in register_rows(
        "trade_secrets", _plan(intake, templates, corpus, "zh"), templates)]
    assert "改性配方数据库" in rows
    assert not set(rows) & set(clients), rows


# -- item 12: no R&D, no R&D records -------------------------------------------------------------
def test_no_rd_records_is_accepted_and_none_is_named(templates, corpus):
    data = _data("trading.zh.yaml")  # rd.modes: [] — no R&D of its own
    data["rd"]["records"] = []
    intake, report = _intake(data)  # the old model refused it ('at least 1 item')
    assert intake.rd.records == []
    assert not [w for w in report.warnings if w.path.startswith("rd.")]
    for language, words in (("zh", ("原始记录保存在", "研发文档", "实验记录本")),
                            ("en", ("source records", "R&D documents", "laboratory notebooks"))):
        text = _texts(intake, templates, corpus, language, MANUAL_RD)[MANUAL_RD]
        assert not any(w in text for w in words), (language, text)


def test_a_company_without_rd_names_no_rd_record_it_was_made_to_give(templates, corpus):
    """The tester's trading company wrote records: [documents] because [] was refused; with no
    R&D of its own the manual must not say its R&D records are kept in R&D documents."""
    data = _data("trading.zh.yaml")
    data["rd"]["records"] = ["documents"]
    intake, _ = _intake(data)
    zh = _texts(intake, templates, corpus, "zh", MANUAL_RD)[MANUAL_RD]
    assert "原始记录保存在" not in zh and "研发文档" not in zh


def test_empty_rd_records_with_rd_modes_is_warned():
    data = _data("rd-services.zh.yaml")
    data["rd"]["records"] = []
    _, report = _intake(data)
    assert [w for w in report.warnings if w.path == "rd.records"]
