"""Issue 17, part O: a company of another kind gets neutral wording, never a software house's.

A consultant's tryout drafted an engineering design institute (tests/data/intakes/design.zh.yaml:
business_model [other], design drawings, CAD, bids, R&D kept in documents, services exported to
Laos) and found a software company's wording from the templates' else-branches: versions
released and operations in the manual's 8.3, a code repository and commits in the R&D record,
an R&D laboratory made a restricted area from the site word 研发, a production duty for its
design studios, a user agreement and platform complaints abroad, e-commerce platforms in the
market watch, 出口产品 for exported services and no document system among R-13's carriers.

These tests draft the design institute (design.zh.yaml, and design.en.yaml, the same facts in
English) and
the shipped SaaS example in-process and read the packages back, both ways: each software phrase
the institute must not get the SaaS company keeps, and the institute gets the templates' own
neutral words instead. The manufacturer example shows the goods wording stays a goods company's.
Expected phrases are the consultant's findings and the templates' own words.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.company_kind import derived_facts
from generators.company_sites import physical_areas
from generators.intake import check_intake, load_intake, parse_intake
from generators.lint import _Package
from generators.lint_kinds import check_rd_services
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, read_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.roles import department_duties
from generators.templates_io import TEMPLATES_DIR, context_for, template_strings

DESIGN = Path(__file__).parent / "data" / "intakes" / "design.zh.yaml"
DESIGN_EN = Path(__file__).parent / "data" / "intakes" / "design.en.yaml"  # the same, in English
FOOD = Path(__file__).parent / "data" / "intakes" / "food.zh.yaml"
SAAS = {lang: TEMPLATES_DIR / "examples" / f"saas.{lang}.yaml" for lang in ("zh", "en")}
MAKER = {lang: TEMPLATES_DIR / "examples" / f"manufacturer.{lang}.yaml" for lang in ("zh", "en")}

# a software house's words (the consultant's findings), which the institute must not get
SOFTWARE = {
    "zh": ["每次版本发布前", "运维中形成的技术改进", "生产环境和客户数据", "研发、采购、运维、销售",
           "代码仓库", "主要提交", "迭代", "系统自动记录的账号和时间戳", "用户协议", "平台投诉",
           "应用商店", "电商平台"],
    "en": ["before each release", "made in operation", "production environment",
           "operations, sales", "code repositor", "Main commits", "iteration", "time stamps",
           "terms of service", "platform complaints", "app store", "e-commerce"],
}
# the templates' neutral words for a company providing services of another kind (the institute
# calls itself 本院 where the templates write 公司: tests/test_wording_round3.py)
SERVICES = {
    "zh": ["交付成果的知识产权归属、客户的使用范围和本院的署名权利", "按合同约定标注著作权声明和署名",
           "同类服务和技术的市场发展情况",
           "研发、采购、技术服务、销售", "并在服务合同中明确知识产权归属和许可条款",
           "通过警告函、行政或司法途径处理", "擅自使用本院交付成果和技术资料",
           "每份文档注明编写人、日期和版本", "地点及记录位置（文档存放位置和编号）",
           "图档/文档管理系统"],
    "en": ["who owns the deliverables, how the client may use them",
           "the market for similar services and technologies",
           "carry the copyright notice and authorship the contract provides for",
           "technical services, sales", "the service contracts state IP ownership",
           "through warning letters, administrative or judicial action",
           "using without consent the results and technical material the company delivers",
           "names its author, date and version", "(document location and numbers)",
           "document management system"],
}


def _text(folder: Path) -> dict[str, str]:
    """{document number's tail ('M-01', 'R-39'): its text}, read back from the Word files."""
    return {d.number.split("-IPM-")[-1]: d.title + "\n" + "\n".join(t for _, t in d.texts())
            for d in read_package(folder)}


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{(company, language): {document: text}}, each drafted once (GB/T 29490-2023)."""
    out = {}
    for company, paths in (("design", {"zh": DESIGN, "en": DESIGN_EN}), ("saas", SAAS)):
        for lang, path in paths.items():
            folder = tmp_path_factory.mktemp(f"{company}-{lang}") / "pkg"
            result = draft_package(load_intake(path), corpus, folder, lang, templates=templates)
            out[company, lang] = _text(folder)
            out[company, lang, "lint"] = [f.kind for f in result.findings]
    return out


def _all(package: dict[str, str]) -> str:
    return "\n".join(package.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_institute_gets_no_software_wording_the_saas_company_keeps(lang, packages):
    design, saas = _all(packages["design", lang]), _all(packages["saas", lang])
    for word in SOFTWARE[lang]:
        assert word not in design, word
        assert word in saas, word


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_institute_is_worded_as_a_service_provider(lang, packages):
    design, saas = _all(packages["design", lang]), _all(packages["saas", lang])
    for word in SERVICES[lang]:
        assert word in design, word
        assert word not in saas, word


def test_the_rd_record_follows_rd_records_documents(packages):
    """rd.records [documents, other]: R-39 and P-14 5.1 speak of documents, not systems."""
    design, saas = packages["design", "zh"], packages["saas", "zh"]
    assert "记录期间（迭代或版本）" not in design["R-39"] and "记录期间（迭代或版本）" in saas["R-39"]
    assert "代码仓库、分支或系统" not in design["R-39"] and "代码仓库、分支或系统" in saas["R-39"]
    assert "账号和时间戳" not in design["P-14"] and "账号和时间戳" in saas["P-14"]
    assert "修改时保留修订记录" in design["P-14"] and "修改时保留修订记录" not in saas["P-14"]


def test_export_survey_is_titled_by_what_is_exported(packages, templates):
    # the institute and the SaaS company export services; the manufacturer ships goods
    assert "出口服务知识产权调查表" in packages["design", "zh"]["R-47"]
    assert "《出口服务知识产权调查表》" in packages["design", "zh"]["P-17"]
    assert "出口产品" not in packages["design", "zh"]["R-47"]
    assert "Export service IP investigation" in packages["design", "en"]["R-47"]
    assert "Export product" not in packages["design", "en"]["P-17"]
    context = context_for(load_intake(MAKER["zh"]), templates, None, "zh")
    assert context["title"]["R47"] == "出口产品知识产权调查表"
    context = context_for(load_intake(MAKER["en"]), templates, None, "en")
    assert context["title"]["R47"] == "Export product IP investigation"


def test_site_word_rd_makes_no_laboratory_for_a_company_without_labs():
    """院本部's activities name 研发: an R&D laboratory for a manufacturer, none for the
    institute (nor a software house), whose restricted areas are its archive and server rooms."""
    design = load_intake(DESIGN)
    kind = derived_facts(design)["kind"]
    assert physical_areas(design, kind) == [] and not kind["plant_or_lab"]
    data = yaml.safe_load(DESIGN.read_text("utf-8"))
    data["company"]["business_model"] = ["manufacturing"]
    maker = parse_intake(yaml.safe_dump(data, allow_unicode=True), "design.zh.yaml")
    assert ("研发实验室", "R&D laboratories") in physical_areas(maker, derived_facts(maker)["kind"])


def test_restricted_areas_of_the_institute(packages):
    p06 = packages["design", "zh"]["P-06"]
    assert "研发实验室" not in p06
    assert "档案室、网络设备间和服务器机房" in p06
    p06 = packages["design", "en"]["P-06"]
    assert "R&D laborator" not in p06 and "the archive room, the network equipment room" in p06


def _duty(path: Path, name: str, templates, lang: str = "zh", model=None) -> str:
    data = yaml.safe_load(path.read_text("utf-8"))
    if model:
        data["company"]["business_model"] = model
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    context = context_for(intake, templates, None, lang)
    return next(d["duties"] for d in department_duties(intake, templates, context, lang)
                if name in d["names"])


def test_a_design_studio_given_production_gets_no_production_duty(templates):
    studio = _duty(DESIGN, "建筑设计所", templates)
    assert "生产工艺和现场" not in studio and "服务提供过程中的知识产权风险" in studio
    # the same department of a manufacturer keeps the production duty
    assert "负责生产工艺和现场的保密" in _duty(DESIGN, "建筑设计所", templates,
                                             model=["manufacturing"])
    studio = _duty(DESIGN_EN, "Architectural Design Studio", templates, "en")
    assert "production processes" not in studio and "providing the company's services" in studio


def test_it_keeps_code_repositories_only_with_software_or_git(templates):
    assert "代码仓库" not in _duty(DESIGN, "信息中心", templates)
    assert "代码仓库" in _duty(DESIGN, "信息中心", templates, model=["software"])


@pytest.mark.parametrize("name, warned", [(DESIGN, True), (DESIGN_EN, True), (SAAS["zh"], False),
                                          (MAKER["en"], False)])
def test_intake_check_says_which_wording_other_gets(name, warned):
    warnings = [w for w in check_intake(name.read_text("utf-8"), name.name)[1].warnings
                if w.path == "company.business_model"]
    assert bool(warnings) == warned
    if warned:
        assert "other" in warnings[0].message
        assert "服务合同" in warnings[0].message or "service contracts" in warnings[0].message
        assert warnings[0].line is not None


@pytest.mark.parametrize("lang, release", [
    ("zh", "每次版本发布前核查第三方组件的授权；运维中形成的技术改进及时报告。"),
    ("en", "Before each release the licences are checked; the production environment is "
           "accessed by authorisation."),
])
def test_the_lint_finds_software_words_in_an_institutes_package_not_a_saas_companys(lang, release):
    """The consultant's finding, as a manual paragraph: a `kind` finding for the institute (the
    design intake), none for the SaaS example."""
    def kinds(intake) -> list[str]:
        manual = PackageDocument("01-manual/M.docx", "manual", "M-01", "M", "",
                                 [Paragraph(release)])
        package = _Package([manual], intake)
        package.language = lang
        check_rd_services(package)
        return [f.kind for f in package.findings]

    assert set(kinds(load_intake(DESIGN))) == {"kind"}
    assert kinds(load_intake(SAAS[lang])) == []


def _nda(path: Path, templates, corpus, lang: str) -> str:
    """The confidentiality agreement's (R-14) text rendered for the intake at `path`."""
    intake = load_intake(path)
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                        templates.directory), lang)
    return next(templates.render(text, plan.context) for where, text in template_strings(templates)
                if where == f"forms/R14.{lang}.text")


def test_the_nda_names_source_code_only_for_a_company_with_software(templates, corpus):
    """R-14 named 源代码 for every company but a laboratory: a food maker with no software
    (food.zh.yaml: no software copyrights, R&D in notebooks and documents) has none; the SaaS
    company and the institute (5 software copyrights) have."""
    assert "源代码" not in _nda(FOOD, templates, corpus, "zh")
    assert "源代码" in _nda(SAAS["zh"], templates, corpus, "zh")
    assert "源代码" in _nda(DESIGN, templates, corpus, "zh")
    assert "source code" not in _nda(FOOD, templates, corpus, "en")
    assert "technical documents" in _nda(FOOD, templates, corpus, "en")
    assert "source code" in _nda(SAAS["en"], templates, corpus, "en")


def test_a_long_department_name_broken_in_the_matrix_header_is_still_its_owner(packages):
    """'Technology and Quality Department' is broken over two lines in the function matrix's
    narrow header; the manual names it in every section it leads, so the lint finds no
    section that never names its owner (it did, 18 times)."""
    assert "matrix-owner" not in packages["design", "en", "lint"]
    assert "matrix-owner" not in packages["design", "zh", "lint"]
