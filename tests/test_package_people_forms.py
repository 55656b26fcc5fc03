"""Issue 17, review items 4, 6, 8 and 9 (a new user's consultant review): an R&D-services company,
departments and people, record forms, retention periods. The life-sciences example and an
R&D-services company made from the manufacturer example are each drafted once; expected texts
come from the intakes, forms.yaml and the standard's profile (what a reader sees)."""
from __future__ import annotations

import re

import docx
import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.lint import _Package, lint_package
from generators.lint_kinds import check_rd_services
from generators.lint_people import check_copied_duties, check_lead_in_list
from generators.lint_retention import check_retention
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table, read_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet

LIFE = TEMPLATES_DIR / "examples" / "life-sciences.zh.yaml"
MANUFACTURER = TEMPLATES_DIR / "intake.zh.yaml"
PROFILE = yaml.safe_load((TEMPLATES_DIR.parents[1] / "corpus" / "profiles" /
                          "gbt29490-2023.yaml").read_text(encoding="utf-8"))


def _rd_services_text() -> str:
    """The manufacturer example as an R&D-services company doing development for clients, one
    of whose 'trade secrets' is its clients' project material."""
    data = yaml.safe_load(MANUFACTURER.read_text(encoding="utf-8"))
    data["company"]["business_model"] = ["rd-services"]
    data["company"]["products"] = ["热管理系统委托设计服务", "仿真分析服务"]
    data["company"].pop("sites", None)
    data["ip"]["trade_secret_examples"] = ["仿真模型参数库", "客户项目技术资料"]
    data["rd"]["modes"] = ["in-house", "commissioned"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _texts(folder) -> dict[str, list[str]]:
    """{document path: its paragraphs and table cells}."""
    return {d.path: [t for _, t in d.texts()] for d in read_package(folder)}


@pytest.fixture(scope="module")
def life(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("life") / "zh"
    draft_package(load_intake(LIFE), corpus, out, "zh", templates=TemplateSet())
    return out


@pytest.fixture(scope="module")
def rd_services(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("rds") / "zh"
    draft_package(parse_intake(_rd_services_text()), corpus, out, "zh", templates=TemplateSet())
    return out


def _doc(folder, code: str) -> tuple[str, list[str]]:
    return next((path, texts) for path, texts in _texts(folder).items() if f"-{code} " in path)


def _form(folder, code: str):
    return docx.Document(str(next(folder.glob(f"03-forms/*-{code} *.docx"))))


# -- 1. R&D services ---------------------------------------------------------------------------
def test_rd_services_results_belong_as_the_contract_says_and_client_data_is_the_clients(
        rd_services):
    texts = _texts(rd_services)
    every = [t for doc in texts.values() for t in doc]
    manual = next(v for k, v in texts.items() if "01-manual" in k)
    assert any("受托开发" in t and "按合同约定归属" in t for t in manual)
    assert any("背景知识产权" in t and "技术诀窍" in t for t in manual)
    # the client's material is the client's confidential information, never the company's secret
    for t in every:
        for sentence in re.split(r"[；。]", t):
            if "客户项目技术资料" in sentence:
                assert "作为商业秘密" not in sentence and "商业秘密重点保护" not in sentence, t
    assert any("客户项目技术资料" in t and "客户的保密信息" in t for t in manual)
    # no software release or operations wording for a company that is not a software house
    assert not [t for t in every if "版本发布" in t or "运维" in t or "生产环境" in t]
    assert lint_package(rd_services, parse_intake(_rd_services_text())) == []


# -- 2. departments ---------------------------------------------------------------------------
def test_a_regulatory_department_has_its_own_duties_and_its_role_in_p28(life):
    intake = load_intake(LIFE)
    clinical = next(d.name for d in intake.org.departments if "临床" in d.name)
    rd = next(d.name for d in intake.org.departments if d.key == "rd")
    manual = next(v for k, v in _texts(life).items() if "01-manual" in k)
    duties = {t.split("：", 1)[0]: t.split("：", 1)[1] for t in manual
              if "：" in t and t.split("：", 1)[0] in (clinical, rd)}
    assert duties[clinical] != duties[rd] and "注册申报" in duties[clinical]
    _, p28 = _doc(life, "P-28")
    assert clinical in p28


def test_lint_finds_copied_duties_and_a_department_in_its_own_list():
    intake = load_intake(MANUFACTURER)
    a, b = intake.org.departments[0].name, intake.org.departments[1].name
    company = intake.company.name
    manual = PackageDocument(
        "01-manual/M.docx", "manual", "M-01", "知识产权管理手册", f"{company}  M-01  GB/T",
        [Paragraph("知识产权管理机构与职责", "Heading1"),
         Paragraph(f"{a}：负责研发立项检索和研发记录。"), Paragraph(f"{b}：负责研发立项检索和研发记录。"),
         Paragraph(f"{a}每年年初组织{b}和{a}等部门分析内外部因素。"),
         Paragraph("附录A 组织机构", "Heading1"), Table(((company, "", ""), (a, "", ""), (b, "", "")))])
    package = _Package([manual], intake)
    check_copied_duties(package)
    check_lead_in_list(package)
    messages = [f.message for f in package.findings]
    assert any(b in m and a in m and "逐字相同" in m for m in messages)
    assert any(f"组织{b}和{a}" in m for m in messages)


def test_depts_leaves_out_the_lead_and_the_joining_sentence_stays_whole():
    templates = TemplateSet()
    context = {"dept": {"ip": "综合部", "rd": "技术部", "sales": "综合部", "hr": "综合部"},
               "_language": "zh"}
    assert templates.render("{{ dept.ip }}组织{{ depts(dept.rd, dept.sales, but=dept.ip) }}等部门",
                            context) == "综合部组织技术部等部门"
    manual = templates.manual("zh")
    source = next(s for s in _strings(manual) if "根据行业属性" in s and "with_(dept.hr" in s)
    head = source.split("根据行业属性")[0] + "根据行业属性"
    assert templates.render(head, context) == "综合部根据行业属性"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


# -- 3. forms ---------------------------------------------------------------------------------
def test_answer_columns_are_wide_enough_and_r72_has_the_approver_p28_names(life):
    r72 = _form(life, "R-72")
    checklist = next(t for t in r72.tables if t.rows[0].cells[-1].text == "说明")
    assert checklist.columns[-1].width.cm >= 3.0  # was about 1 cm
    _, p28 = _doc(life, "P-28")
    assert any("知识产权管理者代表" in t and "批准" in t for t in p28)
    sign_off = [c.text for c in r72.tables[-1].rows[0].cells]
    assert any("批准" in role and "管理者代表" in role for role in sign_off)


def test_record_sign_offs_are_blank_and_auditors_and_requirements_are_in_the_audit_forms(life):
    intake = load_intake(LIFE)
    for code in ("R-05", "R-13", "R-73"):
        names = [c.text for c in _form(life, code).tables[-1].rows[1].cells[1:]]
        assert names == [""] * len(names), code
    auditors = [a.name for a in intake.people.internal_auditors]
    for code in ("R-56", "R-57"):
        text = "\n".join(p.text for p in _form(life, code).paragraphs)
        assert all(name in text for name in auditors), code
    r57 = _form(life, "R-57")
    table = next(t for t in r57.tables if t.rows[0].cells[1].text == "条款")
    rows = {r.cells[1].text: r.cells[2].text for r in table.rows[1:] if r.cells[1].text}
    summary = next(c["summary_zh"] for c in PROFILE["clauses"] if c["number"] == "4.1")
    assert rows["4.1"].startswith("理解") and summary[:12] in rows["4.1"]


# -- 4. retention -----------------------------------------------------------------------------
def test_one_retention_source_in_p02_p07_and_the_record_list(life):
    years = load_intake(LIFE).documents.retention_years  # {临床试验资料: 25, 合同: 15, ...}
    _, p02 = _doc(life, "P-02")
    for kind, n in years.items():
        assert any(f"{kind}保存{n}年" in t for t in p02), kind
    r05 = _form(life, "R-05")
    table = next(t for t in r05.tables if t.rows[0].cells[2].text == "记录名称")
    period = {r.cells[2].text: r.cells[7].text for r in table.rows[1:]}
    _, p07 = _doc(life, "P-07")
    # P-07 files the HR records in the employee's IP file and keeps each as long as R-05 says:
    # a period it states itself must be R-05's for the record it names
    stated = next(t for t in p07 if "竞业限制协议" in t and "保存" in t)
    assert "R-05" in stated.replace("\u2060", "")
    for n in re.findall(r"离职后(?:至少)?(\d+)年", stated):
        assert f"{n}年" == period["竞业限制协议"]
    assert not [f for f in lint_package(life, load_intake(LIFE)) if f.kind == "retention"]


def test_lint_finds_a_period_that_differs_from_the_record_list():
    intake = load_intake(MANUFACTURER)
    records = PackageDocument(
        "03-forms/R-05.docx", "form", "R-05", "记录清单", "", [Table((
            ("序号", "记录编号", "记录名称", "所属程序文件", "填写部门", "保管部门", "保管方式",
             "保管期限", "到期处置方式", "备注"),
            ("1", "R-21", "竞业限制协议", "P-07", "", "人力资源部", "", "10年", "", "")))])
    procedure = PackageDocument(
        "02-procedures/P-07.docx", "procedure", "P-07", "人力资源", "",
        [Paragraph("5.9 档案管理", "Heading2"),
         Paragraph("人力资源部将《竞业限制协议》归入员工档案，保存至员工离职后至少5年。")])
    package = _Package([records, procedure], intake)
    check_retention(package)
    assert [f.kind for f in package.findings] == ["retention"]
    assert "5" in package.findings[0].message and "10" in package.findings[0].message


def test_lint_finds_clients_material_as_own_secret_and_software_words_for_rd_services():
    intake = parse_intake(_rd_services_text())
    manual = PackageDocument(
        "01-manual/M.docx", "manual", "M-01", "知识产权管理手册", "", [
            Paragraph("截至本手册发布，仿真模型参数库、客户项目技术资料等信息作为商业秘密保护。"),
            Paragraph("每次版本发布前核查发布内容所含第三方组件的授权。"),
            Paragraph("客户项目技术资料等客户提供的资料属于客户的保密信息，不作为公司的商业秘密。")])
    package = _Package([manual], intake)
    check_rd_services(package)
    found = [f.message for f in package.findings if f.kind == "kind"]
    assert len(found) == 2
    assert "客户项目技术资料" in found[0] and "版本发布" in found[1]
