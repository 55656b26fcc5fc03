"""Issue 17, a consultant's tryout of the machine-vision, ODM and WFOE companies (session 35):

1. One confidentiality form for employees and outsiders (R-14). An employee's undertaking and
   an outside party's NDA differ — who the parties are, a term running after leaving or after
   the project, returning materials on leaving or when the project ends, non-solicitation for
   an employee only — so employees sign one form and outside parties another (numbers stay:
   R-14 is the NDA, the employees' undertaking a new number). Both list the company's trade
   secrets by category (技术信息, 经营信息: 反不正当竞争法 第九条), the intake's examples under
   the category they belong to, so that the signer knows what is covered.
2. A department in two rows of one table of duties (P-15: 国际业务部 alone and with 国内销售部):
   every department in one row, its duties joined; the package lint reports a department in two
   rows of any duties table.
3. P-11 (risk) hands the licence review of open-source components to P-26 and of models and
   datasets to P-31 without naming them: it names them, 《title》docno, and the lint reports a
   step handed to an unnamed procedure ('纳入相关程序执行').
4. A manual printing 4.3.2.1 under 4.3 without 4.3.2: every level of the standard's clause tree
   above a printed clause is a heading before it.

Everything is read back from the drafted .docx files (tests/helpers.py); expected values come
from the intakes and the law's categories, never from the code under test.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from generators.intake import load_intake
from generators.lint import _Package
from generators import lint_people, lint_wording
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table
from helpers import docx_text, procedure_documents

INTAKES = Path(__file__).parent / "data" / "intakes"
DRAFTED = ("machine-vision.zh", "machine-vision.en", "ai-startup.zh")


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates) -> dict[str, Path]:
    """{intake name: the folder its package is drafted to}, each drafted once."""
    out = {}
    for name in DRAFTED:
        folder = tmp_path_factory.mktemp(name.replace(".", "-")) / "pkg"
        draft_package(load_intake(INTAKES / f"{name}.yaml"), corpus, folder, name[-2:],
                      templates=templates)
        out[name] = folder
    return out


def _raw(name: str) -> dict:
    return yaml.safe_load((INTAKES / f"{name}.yaml").read_text(encoding="utf-8"))


def _forms(folder: Path) -> dict[str, str]:
    """{form title: its text} of the package's record forms."""
    return {p.stem.split(" ", 1)[1]: docx_text(p) for p in (folder / "03-forms").glob("*.docx")}


def _named_forms(sentence: str, language: str) -> list[str]:
    """The form titles a sentence names: 《…》 in Chinese, 'the … (XX-IPM-R-nn)' in English."""
    if language == "zh":
        return re.findall(r"《([^》]+)》", sentence)
    return re.findall(r"(?:the|a) ([A-Z][^()]+?) \([A-Z]+-IPM-R-\d+\)", sentence)


# words of the employees' and the outside parties' sentences in P-06
EMPLOYEES = {"zh": "全体员工入职时", "en": "Every employee signs"}
OUTSIDERS = {"zh": "合作开发方、供方、服务机构", "en": "development partners, suppliers, service providers"}


def _signed_forms(folder: Path, language: str) -> tuple[str, str]:
    """(the form employees sign, the form outside parties sign) as P-06's step says."""
    p06 = next(t for k, t in procedure_documents(folder).items() if k.startswith("P-06 "))
    sentences = re.split(r"[。；]|(?<=[.;])\s", p06)
    employee = next(s for s in sentences if EMPLOYEES[language] in s)
    outsider = next(s for s in sentences if OUTSIDERS[language] in s)
    return _named_forms(employee, language)[0], _named_forms(outsider, language)[0]


# -- 1. two forms: the employee's undertaking and the outside party's NDA ---------------------------
@pytest.mark.parametrize("name", ["machine-vision.zh", "machine-vision.en"])
def test_employees_and_outside_parties_sign_different_forms(packages, name):
    employee, outsider = _signed_forms(packages[name], name[-2:])
    assert employee != outsider
    forms = _forms(packages[name])
    assert employee in forms and outsider in forms


# what each agreement must and must not say: parties, term, return, non-solicitation
EMPLOYEE_TERMS = {"zh": (["离职", "招揽", "劳动关系"], ["外部单位", "合作项目结束"]),
                  "en": (["leav", "solicit", "employment"], ["outside party", "after the project ends"])}
OUTSIDER_TERMS = {"zh": (["外部单位", "合作项目结束后", "单位名称"], ["招揽", "离职", "员工"]),
                  "en": (["outside party", "after the project ends", "organisation"],
                         ["solicit", "leav", "employee"])}


@pytest.mark.parametrize("name", ["machine-vision.zh", "machine-vision.en"])
def test_each_form_has_the_terms_of_its_signer(packages, name):
    language = name[-2:]
    employee, outsider = _signed_forms(packages[name], language)
    forms = _forms(packages[name])
    for title, (present, absent) in ((employee, EMPLOYEE_TERMS[language]),
                                     (outsider, OUTSIDER_TERMS[language])):
        text = forms[title].split(title, 1)[1].casefold()  # its body, after the title
        assert all(w.casefold() in text for w in present), (title, present)
        assert not [w for w in absent if w.casefold() in text], (title, absent)


# the law's two categories (反不正当竞争法 第九条) as the agreements print them
CATEGORIES = {"zh": ("技术信息", "经营信息"), "en": ("technical information", "business information")}
# an example of machine-vision's intake that is business information (prices), one technical
BUSINESS_EXAMPLE = {"zh": "客户及经销商价格信息", "en": "customer and distributor prices"}
TECHNICAL_EXAMPLE = {"zh": "相机标定算法源代码", "en": "source code of the camera calibration algorithms"}


@pytest.mark.parametrize("name", ["machine-vision.zh", "machine-vision.en"])
def test_both_forms_list_the_trade_secrets_by_category(packages, name):
    language = name[-2:]
    examples = _raw(name)["ip"]["trade_secret_examples"]
    assert BUSINESS_EXAMPLE[language] in examples and TECHNICAL_EXAMPLE[language] in examples
    technical, business = CATEGORIES[language]
    forms = _forms(packages[name])
    for title in _signed_forms(packages[name], language):
        lines = forms[title].splitlines()
        line = {c: next((x for x in lines if re.match(rf"^(?:（.）|\(.\) ){c}", x, re.I)), "")
                for c in (technical, business)}
        assert BUSINESS_EXAMPLE[language] in line[business], (title, line)
        assert TECHNICAL_EXAMPLE[language] in line[technical], (title, line)
        assert BUSINESS_EXAMPLE[language] not in line[technical]


def test_the_employees_form_is_kept_by_hr_and_the_ndas_by_the_secrecy_office(packages):
    """The record list (R-05) gives each form its keeper: HR files the employees' undertakings
    with the personnel files, the office managing trade secrets the outside parties' NDAs."""
    folder = packages["machine-vision.zh"]
    raw = _raw("machine-vision.zh")
    hr = next(d["name"] for d in raw["org"]["departments"] if "hr" in d["functions"])
    employee, outsider = _signed_forms(folder, "zh")
    record_list = next(p for p in (folder / "03-forms").glob("*.docx") if "记录清单" in p.name)
    table = next(t for t in docx.Document(str(record_list)).tables
                 if "记录名称" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    name, keeper = header.index("记录名称"), header.index("保管部门")
    keepers = {r.cells[name].text: r.cells[keeper].text for r in table.rows[1:]}
    assert keepers[employee] == hr
    assert keepers[outsider] != hr


# -- 2. one department, one row ---------------------------------------------------------------------
def _departments_in(cell: str, names: list[str]) -> list[str]:
    """The department names a cell holds, longest first so that a name inside another one
    (研发部 in 硬件研发部) is not counted twice."""
    found = []
    for name in sorted(names, key=len, reverse=True):
        if name in cell:
            found.append(name)
            cell = cell.replace(name, "")
    return found


@pytest.mark.parametrize("name", DRAFTED)
def test_every_department_is_in_one_row_of_each_duties_table(packages, name):
    names = [d["name"] for d in _raw(name)["org"]["departments"]]
    twice = []
    for path in (packages[name] / "02-procedures").glob("*.docx"):
        for table in docx.Document(str(path)).tables:
            header = [c.text for c in table.rows[0].cells]
            if header[:2] not in (["部门/岗位", "职责"], ["Department / role", "Responsibility"]):
                continue
            counts: dict[str, int] = {}
            for row in table.rows[1:]:
                for department in _departments_in(row.cells[0].text, names):
                    counts[department] = counts.get(department, 0) + 1
            twice += [(path.stem, d) for d, n in counts.items() if n > 1]
    assert twice == []


def test_a_department_merged_keeps_all_its_duties(packages):
    """P-15 of the machine-vision company: 国际业务部 marks the products (marketing) and, with
    国内销售部, collects leads (sales) — both duties in its one row."""
    p15 = next(p for p in (packages["machine-vision.zh"] / "02-procedures").glob("*P-15 *.docx"))
    table = next(t for t in docx.Document(str(p15)).tables if t.rows[0].cells[0].text == "部门/岗位")
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows[1:]}
    assert "宣示" in rows["国际业务部"] and "线索" in rows["国际业务部"]
    assert "线索" in rows["国内销售部"] and "宣示" not in rows["国内销售部"]


def _package(language: str, *blocks) -> _Package:
    """A package of one procedure holding `blocks`, its title in `language` (the lint reads the
    package's language from it)."""
    title = "知识产权保护与纠纷处理控制程序" if language == "zh" else "IP protection procedure"
    document = PackageDocument("02-procedures/X-P-15.docx", "procedure", "X-P-15", title, "",
                               list(blocks))
    return _Package([document], None)


def test_the_lint_reports_a_department_in_two_rows_of_a_duties_table(monkeypatch):
    package = _package("zh", Paragraph("4 职责", "Heading1"), Table((
        ("部门/岗位", "职责"), ("国际业务部", "宣示知识产权。"), ("国内销售部、国际业务部", "收集线索。"),
        ("知识产权管理者代表", "批准方案。"))))
    monkeypatch.setattr("generators.lint_people._names",
                        lambda _package: ["国际业务部", "国内销售部"])
    lint_people.check_duty_rows(package)
    assert [(f.kind, f.where) for f in package.findings] == [("department", "4 职责")]
    assert "国际业务部" in package.findings[0].message


def test_the_lint_leaves_one_row_per_department_alone(monkeypatch):
    package = _package("en", Table((
        ("Department / role", "Responsibility"), ("International Business Department", "Marks."),
        ("Domestic Sales Department", "Collects."))))
    monkeypatch.setattr("generators.lint_people._names", lambda _package: [
        "International Business Department", "Domestic Sales Department"])
    lint_people.check_duty_rows(package)
    assert package.findings == []


# -- 3. P-11 names the procedures it hands work to ------------------------------------------------
@pytest.mark.parametrize("name", ["machine-vision.zh", "machine-vision.en", "ai-startup.zh"])
def test_the_risk_procedure_names_the_open_source_and_model_procedures(packages, name):
    """By the number of the document it is issued in: its own, or in a small company's package
    the bundle's (coverage.md: '编入 SH-IPM-P-26《…》第2章')."""
    folder = packages[name]
    p11 = next(t for k, t in procedure_documents(folder).items() if k.startswith("P-11 "))
    coverage = (folder / "coverage.md").read_text(encoding="utf-8")
    for code in ("P-26", "P-31"):
        bundled = re.search(rf"^- \S+-{code} [^\n]*?(?:编入 |issued as chapter \d+ of )(\S+?)[《 ]",
                            coverage, re.M)
        number = bundled.group(1) if bundled else next(
            p.stem.split(" ")[0] for p in (folder / "02-procedures").glob(f"*-{code} *.docx"))
        assert number in p11, (code, number)


@pytest.mark.parametrize("language, text", [
    ("zh", "对较高等级的风险，经管理者代表批准后纳入相关程序执行。"),
    ("zh", "发现的问题按有关规定处理。"),
    ("en", "Actions are carried out under the relevant procedures."),
])
def test_the_lint_reports_a_step_handed_to_an_unnamed_procedure(language, text):
    package = _package(language, Paragraph("5.3 X", "Heading2"), Paragraph(text))
    lint_wording.check_unnamed_handover(package)
    assert [f.kind for f in package.findings] == ["handover"]


@pytest.mark.parametrize("language, text", [
    ("zh", "风险演变为纠纷的，转入《知识产权保护与纠纷处理控制程序》（X-IPM-P-15）处理。"),
    ("en", "Disputes are handled under the IP protection procedure (X-IPM-P-15)."),
])
def test_the_lint_leaves_a_named_handover_alone(language, text):
    package = _package(language, Paragraph(text))
    lint_wording.check_unnamed_handover(package)
    assert package.findings == []


# -- 4. every level of the clause tree above a printed clause ---------------------------------------
@pytest.mark.parametrize("name", ["machine-vision.zh", "machine-vision.en"])
def test_the_manual_prints_every_parent_heading_before_a_clause(packages, name):
    manual = next((packages[name] / "01-manual").glob("*.docx"))
    headings = [p.text for p in docx.Document(str(manual)).paragraphs
                if p.style.name.startswith("Heading")]
    seen: set[str] = set()
    missing = []
    for heading in headings:
        match = re.match(r"^(\d+(?:\.\d+)+)\s", heading)
        if not match:
            continue
        parts = match.group(1).split(".")
        missing += [(".".join(parts[:n]), heading) for n in range(2, len(parts))
                    if ".".join(parts[:n]) not in seen]
        seen.add(match.group(1))
    assert missing == []
    assert "4.3.2 " in "\n".join(headings) or "4.3.2\t" in "\n".join(headings)


def test_a_deeper_clause_is_a_deeper_heading(packages):
    """4.3.2.1 under 4.3.2 under 4.3: each a heading level below its parent's."""
    manual = next((packages["machine-vision.zh"] / "01-manual").glob("*.docx"))
    level = {p.text.split(" ")[0]: int(p.style.name[-1]) for p in
             docx.Document(str(manual)).paragraphs if p.style.name.startswith("Heading")
             and re.match(r"^\d+\.\d", p.text)}
    assert level["4.3"] < level["4.3.2"] < level["4.3.2.1"]
