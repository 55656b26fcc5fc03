"""Content that follows the company's facts (issue 17): the three example companies shipped in
generators/templates/examples are drafted in-process and read back as a consultant would — the
procedures each kind of company needs, no manufacturer's wording for a SaaS company, no zero
counts printed as facts, and foreign filing excluded only when nothing in the facts implies it.

Expected phrases come from the rules the templates follow (the issue's findings), not from the
generated text: e.g. a SaaS company with no patents and no goods must not be told to mark patent
numbers on packaging or to record its IP with customs."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import docx_text
from generators.intake import check_intake, load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

EXAMPLES = TEMPLATES_DIR / "examples"
SOFTWARE_PROCEDURES = {"软件著作权登记控制程序", "开源软件许可合规控制程序", "源代码与代码仓库访问控制程序"}
LIFE_SCIENCES_PROCEDURE = "注册申报数据与临床试验（CRO）协议知识产权管理控制程序"
ZERO_COUNT = re.compile(r"(?<![\d.])0\s*件")  # "发明专利0件", "0 件在审申请"


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """Each example's package (zh, GB/T 29490-2023): {name: {file stem: text}}, drafted once."""
    out = {}
    for name in ("saas", "life-sciences", "manufacturer"):
        folder = tmp_path_factory.mktemp(name) / "pkg"
        draft_package(load_intake(EXAMPLES / f"{name}.zh.yaml"), corpus, folder, "zh",
                      templates=templates)
        out[name] = {p.stem: docx_text(p) for p in folder.rglob("*.docx")}
    return out


def _procedures(package: dict[str, str]) -> set[str]:
    """Procedure titles, read from the file names ('YZ-IPM-P-25 软件著作权登记控制程序')."""
    return {stem.split(" ", 1)[1] for stem in package if "-P-" in stem.split(" ", 1)[0]}


def _forms(package: dict[str, str]) -> set[str]:
    return {stem.split(" ", 1)[1] for stem in package if "-R-" in stem.split(" ", 1)[0]}


def _controlled_text(package: dict[str, str]) -> str:
    """The manual and the procedures (the record forms are checked separately)."""
    return "\n".join(text for stem, text in package.items() if "-R-" not in stem.split(" ")[0])


# -- the examples -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["saas", "life-sciences", "manufacturer"])
def test_each_example_passes_the_check_with_every_diagnosis_fact(name):
    text = (EXAMPLES / f"{name}.zh.yaml").read_text(encoding="utf-8")
    intake, report = check_intake(text, f"{name}.zh.yaml")
    assert report.warnings == []
    assert intake.company.business_model and intake.business.export_mode


def test_the_manufacturer_example_is_the_questionnaire_template():
    assert (EXAMPLES / "manufacturer.zh.yaml").read_text(encoding="utf-8") == \
        (TEMPLATES_DIR / "intake.zh.yaml").read_text(encoding="utf-8")


def test_intake_template_prints_an_example(capsys):
    from assistant.cli import main

    assert main(["intake", "template", "--example", "saas"]) == 0
    assert capsys.readouterr().out == (EXAMPLES / "saas.zh.yaml").read_text(encoding="utf-8")
    assert main(["intake", "template", "--example", "bakery"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ipms: error: ") and "life-sciences, manufacturer, saas" in err
    assert main(["intake", "template", "--example", "saas", "--lang", "en"]) == 0  # its English
    assert capsys.readouterr().out == (EXAMPLES / "saas.en.yaml").read_text(encoding="utf-8")


def test_business_model_and_export_mode_take_chinese_or_english_values():
    data = yaml.safe_load((EXAMPLES / "saas.zh.yaml").read_text(encoding="utf-8"))
    data["company"]["business_model"] = ["软件", "在线服务"]
    data["business"]["export_mode"] = "在线"  # one value for a list is accepted
    intake, _ = check_intake(yaml.safe_dump(data, allow_unicode=True))
    assert intake.company.business_model == ["software", "internet-services"]
    assert intake.business.export_mode == ["online"]
    del data["company"]["business_model"], data["business"]["export_mode"]
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True))
    assert [w.path for w in report.warnings] == ["company.business_model", "business.export_mode"]


# -- a software / SaaS company ------------------------------------------------------------------
def test_the_saas_package_has_the_procedures_its_ip_needs(packages):
    titles = _procedures(packages["saas"])
    assert SOFTWARE_PROCEDURES <= titles
    assert LIFE_SCIENCES_PROCEDURE not in titles
    text = _controlled_text(packages["saas"])
    for phrase in ("AGPL-3.0", "软件物料清单", "例外交存", "受保护分支", "双因素认证"):
        assert phrase in text, phrase
    forms = _forms(packages["saas"])
    assert {"软件著作权登记申请审批表", "开源组件使用登记及许可审查表", "代码仓库访问权限审批及复核记录"} <= forms
    assert "专利年费监控表" not in forms  # no patents held or planned


def test_the_saas_package_has_no_manufacturers_wording(packages):
    text = _controlled_text(packages["saas"])
    # technologies are not physical areas; no patents or goods to mark; no customs for an
    # online service; no subcontracted production; R&D is not recorded in paper notebooks
    for phrase in ("工艺区域", "关键工艺车间", "标注专利号", "包装", "海关", "边境保护",
                   "委托加工", "实验记录本", "不得撕页", "生产区域"):
        assert phrase not in text, phrase
    assert "Git" in text and "Jira" in text  # R&D records as the company keeps them
    assert "新加坡" in text and "在线" in text


def test_no_zero_count_is_printed_as_a_fact(packages):
    for name, package in packages.items():
        for stem, text in package.items():
            assert not ZERO_COUNT.search(text), (name, stem, ZERO_COUNT.search(text))


def test_foreign_filing_follows_exports_and_objectives(corpus, templates):
    """The SaaS company sells abroad online and plans trademarks in three countries: the foreign
    filing procedure applies. Without exports it still applies while an objective names a
    country abroad; only without either is it excluded, and the reason says so."""
    data = yaml.safe_load((EXAMPLES / "saas.zh.yaml").read_text(encoding="utf-8"))
    data["business"]["export_markets"], data["business"]["export_mode"] = [], []

    def plan(facts: dict):
        intake, _ = check_intake(yaml.safe_dump(facts, allow_unicode=True))
        return draft_package(intake, corpus, None, "zh", templates=templates).plan

    assert "P17" in {p.code for p in plan(data).procedures}  # objectives: 新加坡、马来西亚…
    data["policy"]["objectives"] = [o for o in data["policy"]["objectives"] if "新加坡" not in o]
    excluded = {p.code: reason for p, reason in plan(data).excluded}
    assert "P17" in excluded and "出口" in excluded["P17"] and "目标" in excluded["P17"]


# -- a life-sciences company and the manufacturer ------------------------------------------------
def test_the_life_sciences_package_has_the_cro_and_regulatory_data_procedure(packages):
    package = packages["life-sciences"]
    titles = _procedures(package)
    assert LIFE_SCIENCES_PROCEDURE in titles and not SOFTWARE_PROCEDURES & titles
    procedure = next(t for s, t in package.items() if LIFE_SCIENCES_PROCEDURE in s)
    for phrase in ("CRO", "申办者", "数据保护期", "人类遗传资源", "专利期限补偿"):
        assert phrase in procedure, phrase
    assert {"临床试验及CRO协议知识产权条款核查表", "注册申报数据登记表", "专利年费监控表"} <= \
        _forms(package)
    text = _controlled_text(package)
    assert "PCT" in text  # patents abroad are filed by PCT
    assert "苏州某大学许可的靶点抗体相关发明专利" in text  # the licence-in is watched as a risk


def test_the_manufacturer_keeps_its_procedures_and_its_wording(packages, templates):
    titles = _procedures(packages["manufacturer"])
    # every company's procedures, each under its title or one the catalogue gives it for some
    # companies or standards (title_when: P-04 in a GB/T package)
    missing = [p.code for p in templates.procedures if not p.drafted_when and not p.when
               and not {p.title["zh"], *(v["zh"] for v in p.title_when)} & titles]
    assert not missing
    # it holds software copyrights: their registration procedure, whatever its business (U's
    # report item 4), and none of the software company's others
    raw = yaml.safe_load((EXAMPLES / "manufacturer.zh.yaml").read_text(encoding="utf-8"))
    assert raw["ip"]["software_copyrights"] > 0 and "软件著作权登记控制程序" in titles
    assert not (SOFTWARE_PROCEDURES - {"软件著作权登记控制程序"} | {LIFE_SCIENCES_PROCEDURE}) & titles
    assert "专利年费监控表" in _forms(packages["manufacturer"])
    text = _controlled_text(packages["manufacturer"])
    # it holds patents, makes and exports goods and keeps lab notebooks: the wording stays
    for phrase in ("标注专利号", "包装", "海关", "委托加工", "不得撕页"):
        assert phrase in text, phrase


# -- the record forms follow the facts too -------------------------------------------------------
def _form_text(package: dict[str, str], title: str) -> str:
    return next(text for stem, text in package.items() if stem.endswith(" " + title))


def _forms_text(package: dict[str, str]) -> str:
    return "\n".join(text for stem, text in package.items() if "-R-" in stem.split(" ")[0])


def test_forms_follow_how_rd_is_recorded_what_is_exported_and_whether_there_are_goods(packages):
    """What a consultant checks in the forms. The SaaS company records R&D in Git and Jira
    (rd.records), sells an online service abroad (nothing goes through customs) and has no goods,
    packaging, samples or production; the life-sciences company and the manufacturer keep paper
    laboratory notebooks and export goods, so their forms keep those rules and fields."""
    package = packages["saas"]
    rd_record = _form_text(package, "研发记录")
    assert "不得撕页" not in rd_record and "实验" not in rd_record
    assert "Git" in rd_record and "Jira" in rd_record
    # it does sell abroad, online: R-47 surveys its services, titled so (catalogue title_when)
    survey = _form_text(package, "出口服务知识产权调查表")
    assert "海关" not in survey and "边境保护" not in survey and "型号" not in survey
    assert "域名" in survey
    # it files trademarks abroad (an objective), no patents: no inventors, PCT or the secrecy
    # examination of patent applications in its foreign filing approval
    filing = _form_text(package, "涉外知识产权申请审批表")
    assert "发明人" not in filing and "PCT" not in filing and "保密审查" not in filing
    assert "马德里" in filing and "商标" in filing
    forms = _forms_text(package)
    for phrase in ("包装", "海关", "不得撕页", "样品", "配方", "工艺参数", "印制", "专利公报"):
        assert phrase not in forms, phrase
    for name in ("life-sciences", "manufacturer"):
        package = packages[name]
        assert "不得撕页" in _form_text(package, "研发记录"), name
        assert "边境保护措施（海关备案）" in _form_text(package, "出口产品知识产权调查表"), name
        assert "包装" in _form_text(package, "知识产权禁止性行为合规自查表"), name
        assert "样品" in _form_text(package, "商业秘密清单"), name
        assert "PCT" in _form_text(package, "涉外知识产权申请审批表"), name  # patents abroad
