"""Issue 17, part B: a testing laboratory worded as a testing laboratory.

A consultant's tryout drafted a 检验检测 company (tests/data/intakes/testing-lab.*.yaml) and found
its laboratory given the manufacturer's duty 生产…, software-company wording because it holds
software copyrights, and none of what a testing company's IP work is about: test reports, test
methods, clients' samples and data, the standards it tests to and the CMA/CNAS marks. These tests
draft the lab and the shipped manufacturer in-process and read the packages back, both ways: what
the lab's package must say the manufacturer's must not, and the other way round.

Expected phrases are the consultant's findings and the templates' own words (duties.yaml,
the manual, P-13, P-15), never text taken from the output under test.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import procedure_documents
from generators.company_kind import derived_facts
from generators.form_layout import choice_columns
from generators.intake import check_intake, load_intake, parse_intake
from generators.lint import _Package
from generators.lint_kinds import check_rd_services
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, read_package
from generators.roles import department_duties
from generators.templates_io import TEMPLATES_DIR, context_for

INTAKES = Path(__file__).parent / "data" / "intakes"
LAB = {lang: INTAKES / f"testing-lab.{lang}.yaml" for lang in ("zh", "en")}
MAKER = {lang: TEMPLATES_DIR / f"intake.{lang}.yaml" for lang in ("zh", "en")}
LAB_NAME = {"zh": "检测实验室", "en": "Testing Laboratory"}

# what a testing company's package speaks of (the consultant's findings), by language
TESTING_WORDS = {
    "zh": ["检测报告", "客户样品", "检测数据", "检测方法", "资质认定（CMA）标志", "认可（CNAS）标识",
           "委托检测合同", "分包检测"],
    "en": ["test report", "clients' samples", "test data", "test method", "CMA and CNAS marks",
           "test contract", "subcontracted testing"],
}
# a manufacturer's and a software house's wording, which a laboratory must not get
MAKER_WORDS = {"zh": ["负责生产工艺和现场的保密", "委托加工", "产品、包装、说明书"],
               "en": ["confidentiality of production processes", "contract manufacturing",
                      "products, packaging, manuals"]}
SOFTWARE_WORDS = {"zh": ["软件界面", "应用商店", "用户协议", "云服务和外包开发合同", "运维"],
                  "en": ["software interface", "app-store", "terms of service",
                         "cloud and outsourced development contracts", "before each release"]}


def _text(folder: Path, but: str = "") -> str:
    """The package's text, read back from its Word files; without the document numbered
    `but` ('-P-25'), or without its chapter where a small company's bundle holds it."""
    documents = read_package(folder)
    if not but or any(d.number.endswith(but) for d in documents):
        return "\n".join(text for document in documents
                         if not (but and document.number.endswith(but))
                         for _, text in document.texts())
    chapters = procedure_documents(folder)  # every procedure's own text, but the one left out
    return "\n".join([text for document in documents if document.kind != "procedure"
                       for _, text in document.texts()]
                      + [text for key, text in chapters.items()
                         if not key.startswith(but.lstrip("-") + " ")])


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{(company, language): the package's text}, each drafted once (GB/T 29490-2023)."""
    out = {}
    for company, paths in (("lab", LAB), ("maker", MAKER)):
        for lang, path in paths.items():
            folder = tmp_path_factory.mktemp(f"{company}-{lang}") / "pkg"
            result = draft_package(load_intake(path), corpus, folder, lang, templates=templates)
            assert not result.findings, result.findings
            out[company, lang] = _text(folder)
            # P-25 registers the company's own software, whose interface is where its
            # registration number goes: the one place a laboratory's package names one
            out[company, lang, "no P-25"] = _text(folder, but="-P-25")
            form = next(d for d in read_package(folder) if d.number.endswith("-R-68"))
            out[company, lang, "R-68"] = max(form.tables(), key=lambda t: len(t.rows)).rows
    return out


# -- the vocabulary and the derived fact ---------------------------------------------------------
@pytest.mark.parametrize("model, function", [("检验检测", "检测"), ("testing and inspection", "testing"),
                                             ("testing", "检验")])
def test_testing_is_a_business_model_and_a_function_in_either_language(model, function):
    data = yaml.safe_load(LAB["zh"].read_text("utf-8"))
    data["company"]["business_model"] = [model]
    data["org"]["departments"][2]["functions"] = [function, "技术服务"]
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), "lab.zh.yaml")
    assert intake.company.business_model == ["testing"]
    assert intake.org.departments[2].functions == ["testing", "service"]
    kind = derived_facts(intake)["kind"]
    assert kind["testing"] and not kind["manufacturing"] and not kind["software"]


def test_the_manufacturer_and_the_software_examples_are_no_testing_company():
    for path in (MAKER["zh"], TEMPLATES_DIR / "examples" / "saas.zh.yaml"):
        assert not derived_facts(load_intake(path))["kind"]["testing"]


def test_a_testing_companys_clients_samples_and_data_are_not_its_trade_secrets():
    says = derived_facts(load_intake(LAB["zh"]), "zh")["says"]
    assert "客户样品及检测数据" in says["client_info"]
    assert "客户样品" not in says["own_secrets"]


# -- the laboratory's duties ---------------------------------------------------------------------
def _lab_duty(intake, templates, lang: str) -> str:
    context = context_for(intake, templates, None, lang)
    duties = department_duties(intake, templates, context, lang)
    return next(d["duties"] for d in duties if d["name"] == LAB_NAME[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_laboratory_gets_the_testing_duty_never_production(lang, templates):
    duty = _lab_duty(load_intake(LAB[lang]), templates, lang)
    assert all(word.split("（")[0] in duty for word in TESTING_WORDS[lang][:4]), duty
    assert "生产" not in duty and "production" not in duty


def test_a_laboratory_given_production_in_an_older_intake_still_gets_no_production_duty(templates):
    # an intake written before `testing` existed gives its lab the only function it had
    data = yaml.safe_load(LAB["zh"].read_text("utf-8"))
    data["org"]["departments"][2]["functions"] = ["production"]
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), "lab.zh.yaml")
    duty = _lab_duty(intake, templates, "zh")
    assert "检测报告" in duty and "生产" not in duty


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_intake_check_asks_for_testing_where_a_lab_is_given_production(lang):
    def functions_warned(text: str, name: str) -> list:
        return [w for w in check_intake(text, name)[1].warnings
                if w.path.startswith("org.departments")]

    assert functions_warned(LAB[lang].read_text("utf-8"), f"lab.{lang}.yaml") == []
    data = yaml.safe_load(LAB[lang].read_text("utf-8"))
    data["org"]["departments"][2]["functions"] = ["production"]
    warned = functions_warned(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                              f"lab.{lang}.yaml")
    assert [w.path for w in warned] == ["org.departments[3].functions"]
    assert "testing" in warned[0].message and LAB_NAME[lang] in warned[0].message
    assert warned[0].line is not None
    # a manufacturer's production department is what it says
    assert functions_warned(MAKER[lang].read_text("utf-8"), f"maker.{lang}.yaml") == []


# -- the package, both ways ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_labs_package_speaks_of_reports_samples_methods_and_marks(lang, packages):
    lab, maker = packages["lab", lang], packages["maker", lang]
    for word in TESTING_WORDS[lang]:
        assert word in lab, word
        assert word not in maker, word


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_labs_package_has_no_manufacturing_or_software_wording(lang, packages):
    lab, maker = packages["lab", lang], packages["maker", lang]
    for word in MAKER_WORDS[lang]:
        assert word not in lab, word
        assert word in maker, word
    # it holds software copyrights, but software wording follows kind.software
    for word in SOFTWARE_WORDS[lang]:
        assert word not in packages["lab", lang, "no P-25"], word


def test_the_labs_contract_register_and_market_watch_are_a_laboratorys(packages):
    lab = packages["lab", "zh"]
    assert "伪造、篡改公司检测报告" in lab  # what is infringed: its reports and marks
    assert "检测报告真伪查询" in lab
    assert "检测方法侵权" in lab and "标准文本使用" in lab  # R-31's risk categories
    assert "产品侵权" in packages["maker", "zh"] and "标准文本使用" not in packages["maker", "zh"]
    assert "样品处置" in lab  # ISO/IEC 17025's processes take in the IP requirements (systems.yaml)


@pytest.mark.parametrize("lang, secret, release", [
    ("zh", "非标检测方法作业指导书、客户样品及检测数据等信息作为商业秘密保护。",
     "运维中形成的技术改进及时报告。"),
    ("en", "Work instructions and clients' samples and test data are protected as trade secrets.",
     "The production environment is accessed by authorisation."),
])
def test_the_lint_finds_clients_data_as_own_secret_and_software_words_in_a_lab(lang, secret,
                                                                                release):
    manual = PackageDocument("01-manual/M.docx", "manual", "M-01", LAB_NAME[lang], "",
                             [Paragraph(secret), Paragraph(release)])
    package = _Package([manual], load_intake(LAB[lang]))
    check_rd_services(package)
    assert [f.kind for f in package.findings] == ["kind", "kind"], package.findings


@pytest.mark.parametrize("lang, marks, standards", [
    ("zh", "资质认定（CMA）标志", "标准文本"), ("en", "CMA and CNAS marks", "standards the tests follow")])
def test_the_labs_self_check_asks_about_marks_standards_and_samples_numbered_in_order(
        lang, marks, standards, packages):
    lab, maker = packages["lab", lang, "R-68"], packages["maker", lang, "R-68"]
    questions = {"lab": [row[2] for row in lab[1:]], "maker": [row[2] for row in maker[1:]]}
    assert any(marks in q for q in questions["lab"]) and any(standards in q for q in questions["lab"])
    assert not any(marks in q or standards in q for q in questions["maker"])
    # a question for other companies only is left out, and the rows stay numbered 1, 2, 3 …;
    # after the items only the blank rows a checklist that runs on gets for further items
    # (lo34: its last page keeps room for the sign-off), no number and no question
    items = [row for row in lab[1:] if "".join(row[:3]).strip()]
    assert all(not "".join(row[:3]).strip() for row in lab[1 + len(items):])
    assert [row[0] for row in items] == [str(i) for i in range(1, len(items) + 1)]
    assert not any(row[2].strip() == "" for row in items)


# -- tick boxes in even columns ------------------------------------------------------------------
def test_many_choices_are_set_in_even_columns_with_no_box_alone():
    # the lab's R-06 contract categories: eight options in a cell about 11 cm wide
    options = ["技术开发", "采购", "技术服务", "许可", "委托检测", "分包检测", "劳动", "其他"]
    per_line, columns = choice_columns(options, 11.0)
    assert per_line >= 2 and len(columns) == per_line
    lines = -(-len(options) // per_line)
    last = len(options) - per_line * (lines - 1)
    assert last >= per_line - 1  # the lines as even as they can be: no box alone
    assert abs(sum(columns) - (11.0 - 0.4)) < 1e-6  # the columns share the cell (its padding)


def test_a_column_is_as_wide_as_its_widest_option():
    per_line, columns = choice_columns(["甲", "乙", "一个很长很长的选项名称", "丁"], 8.0)
    assert per_line == 2 and columns[0] > 3.0  # 甲 and 一个很长… share the first column


def test_few_choices_stay_on_one_line():
    assert choice_columns(["同意签订", "修改后签订", "不同意签订"], 11.0) == (0, ())
