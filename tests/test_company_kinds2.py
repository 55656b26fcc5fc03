"""Text faults a new user found in drafted packages (issue 17, second review): a department that
"works with itself" when it holds several functions, zero counts printed as facts, a trading
company's secrets described as source code, a manufacturer's or SaaS company's words left in
another company's manual and procedures, and document numbers missing without a word.

The texts are rendered in-process for a small trading company defined here (one office holds
management, administration, IP, legal and HR; no R&D staff; no patents; goods only), and for the
shipped examples; nothing is written to Word except the lint's small hand-made package. Expected
words come from the issue's findings and the intake facts written below, never from the code."""
from __future__ import annotations

import re

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.lint import lint_package
from generators.package import coverage_report, draft_package
from generators.target import BJ, load_target
from generators.plan import plan_package
from generators.templates_io import TEMPLATES_DIR, template_strings
from test_lint import make_package

OFFICE, BUSINESS, FINANCE = "总经理办公室", "业务部", "财务部"
TRADING = f"""
standard: gbt29490-2023
company:
  name: 上海恒通商贸有限公司
  short_name: HT
  address: 上海市闵行区虹梅路 100 号
  business_scope: 五金交电、日用百货的批发与零售
  industry: 批发业
  products: [五金工具, 小家电]
  staff: 25
  rd_staff: 0
  revenue_band: 10M-50M
  rd_spend_percent: 0
  stage: start-up
  founded: 2015
  business_model: [trading]
people:
  top_manager: {{name: 陈建华, title: 总经理}}
  ip_representative: {{name: 李敏, title: 副总经理}}
org:
  departments:
    - {{key: gm, name: {OFFICE}, head: 李敏, functions: [management, admin, ip, legal, hr]}}
    - {{key: biz, name: {BUSINESS}, head: 王强, functions: [sales, marketing, purchasing]}}
    - {{key: fin, name: {FINANCE}, head: 赵丽, functions: [finance]}}
  ip_work_mode: part-time
  ip_department: gm
ip:
  trademarks: 2
  trade_secrets: true
  trade_secret_examples: [客户名单, 供应商价格]
rd:
  modes: [in-house]
business:
  export_markets: []
  export_mode: []
policy:
  statement: 尊重他人知识产权、保护自有品牌与经营信息
  objectives: [每年新增注册商标申请不少于 1 件]
documents:
  effective_date: 2026-12-01
  confidentiality_levels: [机密, 秘密]
  drafted_by: 李敏
  reviewed_by: 李敏
  approved_by: 陈建华
"""
EXAMPLES = TEMPLATES_DIR / "examples"
# a department joined to itself, as the tester read it (forms.yaml is another part's: not here)
JOINED = {"zh": ["会同", "和", "与", "、", "及"],
          "en": [", together with ", " together with ", " and ", ", with ", ", assisted by ", ", "]}


def _trading():
    return parse_intake(TRADING, "trading.yaml")


def _rendered(intake, templates, corpus, language: str) -> dict[str, str]:
    """{where: text} for every text of the manual, the procedures and the manual additions in
    `language`, rendered for `intake` (the record forms are another part's)."""
    plan = plan_package(intake, templates,
                        load_target(intake.standard, corpus.get(BJ), templates.directory),
                        language)
    drafted = {f"procedures/{p.code}." for p in plan.procedures}
    texts = {where: text for where, text in template_strings(templates)
             if where.startswith(f"manual.{language}")
             or (where[:len("procedures/P01.")] in drafted and f".{language}." in where)}
    for addition in templates.additions:
        texts[f"additions/{addition.id}"] = addition.text[language]
    return {where: templates.render(text, plan.context) for where, text in texts.items()}


@pytest.fixture(scope="module")
def trading(templates, corpus):
    intake = _trading()
    return {lang: _rendered(intake, templates, corpus, lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def examples(templates, corpus):
    return {name: _rendered(load_intake(EXAMPLES / f"{name}.zh.yaml"), templates, corpus, "zh")
            for name in ("saas", "manufacturer")}


def _joined_to_itself(texts: dict[str, str], language: str) -> list[str]:
    names = (OFFICE, BUSINESS, FINANCE)
    found = []
    for where, text in texts.items():
        for name in names:
            for joiner in JOINED[language]:
                if name + joiner + name in text:
                    found.append(f"{where}: {name}{joiner}{name}")
    return found


# -- 1. a department never works with itself -------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_one_office_holding_several_functions_never_works_with_itself(trading, language):
    assert _joined_to_itself(trading[language], language) == []
    # where it does work with another department both are named, once each (P18: the IP
    # office and finance check the IP assets together)
    p18 = "\n".join(t for w, t in trading[language].items() if w.startswith("procedures/P18"))
    assert (f"{OFFICE}会同{FINANCE}" if language == "zh" else f"{OFFICE}, together with {FINANCE},") in p18


@pytest.mark.parametrize("text, language", [
    ("知识产权部会同知识产权部划定档案室为保密区域。", "zh"),
    ("由研发中心和研发中心共同确定。", "zh"),
    ("知识产权部, together with 知识产权部, designates the archive room.", "en"),
    ("研发中心 and 研发中心 investigate whether products infringe.", "en"),
])
def test_the_lint_finds_a_department_joined_to_itself(tmp_path, text, language):
    root = make_package(tmp_path, procedure=[("h2", "5.6 保密区域"), ("p", text)])
    findings = [f for f in lint_package(root) if f.kind == "department"]
    assert len(findings) == 1 and findings[0].where == "5.6 保密区域"
    assert ("知识产权部" in findings[0].message) or ("研发中心" in findings[0].message)
    # two departments working together are no finding
    clean = make_package(tmp_path / "clean", procedure=[("p", "知识产权部会同研发中心划定档案室。")])
    assert lint_package(clean) == []


# -- 2. zero is never stated as a fact ------------------------------------------------------------
ZERO = {"zh": re.compile(r"(?<![\d.])0(?:\.0)?\s*(?:人|名|%|件)"),
        "en": re.compile(r"(?<![\d.])0(?:\.0)?(?:%| of them| people| R&D)")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_zero_count_is_printed_for_a_company_without_rd_staff(trading, language):
    zeros = [f"{w}: {m.group()}" for w, t in trading[language].items()
             for m in ZERO[language].finditer(t)]
    assert zeros == []


# -- 3. and 4. the company's own kind of secrets, goods and production ----------------------------
def _procedure(texts: dict[str, str], code: str) -> str:
    return "\n".join(t for w, t in texts.items() if w.startswith(f"procedures/{code}."))


def test_a_trading_company_keeps_business_information_secret_not_source_code(trading):
    p06 = _procedure(trading["zh"], "P06")
    assert "源代码" not in p06 and "配方" not in p06
    assert "客户" in p06 and "供应商" in p06 and "价格" in p06


def test_a_software_company_keeps_source_code_secret_not_formulations(examples):
    p06 = _procedure(examples["saas"], "P06")
    assert "源代码" in p06 and "配方" not in p06 and "工艺参数" not in p06


@pytest.mark.parametrize("code, word", [("P08", "生产"), ("P11", "原材料"), ("P19", "投入生产"),
                                        ("P19", "所生产的产品")])
def test_no_production_words_for_a_company_that_makes_nothing(trading, examples, code, word):
    assert word not in _procedure(examples["saas"], code)
    assert word not in _procedure(trading["zh"], code)
    assert word in _procedure(examples["manufacturer"], code)  # the manufacturer keeps them


def test_the_saas_profile_names_technologies_not_processes(examples):
    profile = examples["saas"]["manual.zh.sections.profile.text"]
    assert "多租户微服务架构" in profile and "工艺" not in profile
    assert "关键技术和工艺" in examples["manufacturer"]["manual.zh.sections.profile.text"]


# -- 5. numbers not used are said, with the fact that decided it ----------------------------------
def test_coverage_lists_the_numbers_not_used_and_why(corpus, templates):
    plan = draft_package(_trading(), corpus, None, "zh", templates=templates).plan
    report = coverage_report(plan, templates=templates)
    section = report[report.index("## 未使用的编号"):]
    lines = {line.split(" ", 2)[1]: line for line in section.splitlines() if line.startswith("- ")}
    # no patents held or planned: the annuity sheet; no financing plans: P20 and its R54
    assert "专利" in lines["HT-IPM-R-48"]
    # a procedure not drafted is said to be not drafted (未编制), never 删减: in GB/T 29490 删减
    # excludes a clause, and the clauses P20 serves stay addressed (不删减 may say so)
    line = lines["HT-IPM-P-20"]
    assert "未编制" in line and "删减" not in line.replace("不删减", "")
    assert "HT-IPM-P-20" in lines["HT-IPM-R-54"]
    assert "HT-IPM-P-01" not in lines and "HT-IPM-R-49" not in lines
    # numbers stay: the form after the unused R48 is still R49
    assert plan.context["docno"]["R49"] == "HT-IPM-R-49"


# -- a company without R&D of its own ---------------------------------------------------------------
def test_a_company_without_rd_says_so_instead_of_naming_a_mode(templates, corpus):
    raw = yaml.safe_load(TRADING)
    raw["rd"] = {"modes": []}  # a trader: no R&D, nothing recorded
    intake = parse_intake(yaml.safe_dump(raw, allow_unicode=True), "trading.yaml")
    texts = {lang: _rendered(intake, templates, corpus, lang) for lang in ("zh", "en")}
    zh, en = "\n".join(texts["zh"].values()), "\n".join(texts["en"].values())
    assert "研发模式为" not in zh and "R&D modes are" not in en
    assert "公司目前不开展研发活动" in zh and "does no R&D at present" in en
    assert "以自主研发为主" not in zh and "relies mainly on in-house R&D" not in en
    del raw["rd"]  # or no rd section at all
    assert parse_intake(yaml.safe_dump(raw, allow_unicode=True), "trading.yaml").rd.modes == []


def test_a_department_with_several_roles_has_one_row_of_duties(templates, corpus, tmp_path):
    from docx import Document

    from generators.documents import build_procedure

    intake = _trading()
    plan = plan_package(intake, templates,
                        load_target(intake.standard, corpus.get(BJ), templates.directory), "zh")
    for procedure in plan.procedures:
        path = tmp_path / f"{procedure.code}.docx"
        build_procedure(plan, templates, procedure, path)
        table = next(t for t in Document(str(path)).tables
                     if [c.text for c in t.rows[0].cells][:2] == ["部门/岗位", "职责"])
        roles = [row.cells[0].text for row in table.rows[1:]]
        assert len(roles) == len(set(roles)), (procedure.code, roles)
