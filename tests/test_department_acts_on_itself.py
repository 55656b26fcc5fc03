"""Issue 17, part H8: a department that informs, reviews or approves after itself.

When one department holds several functions (a two-department company, or one department for
IP, sales and HR), the texts must not have it notify, report or hand over to itself, nor review
what it has itself prepared ('综合管理部提前3个月通知综合管理部', '由综合管理部核定、综合管理部
审核'). The lint (generators.lint_people.check_acts_on_itself) is checked on sentences such
packages printed, and two such companies, made from the SaaS example, are drafted once each:
expected texts come from the intakes' department names and the templates' wording.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import parse_intake
from generators.lint import _Package
from generators.lint_people import check_acts_on_itself
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table, read_package
from generators.templates_io import TEMPLATES_DIR, _ENV

SAAS = str(TEMPLATES_DIR / "examples" / "saas.{}.yaml")
ALL_BUT_RD = ["management", "admin", "ip", "legal", "hr", "finance", "purchasing", "sales",
              "marketing"]


def _two_departments(language: str) -> tuple[str, str, str]:
    """The SaaS example as a company of two departments: (intake text, the one holding
    management, IP, HR, finance, sales …, the technology department)."""
    data = yaml.safe_load(Path(SAAS.format(language)).read_text(encoding="utf-8"))
    old = data["org"]["departments"]
    office, tech = (("综合管理部", "技术部") if language == "zh" else
                    ("General Management Department", "Technology Department"))
    data["org"]["departments"] = [
        {"key": "gm", "name": office, "head": old[0]["head"], "functions": ALL_BUT_RD},
        {"key": "tech", "name": tech, "head": old[2]["head"], "functions": ["rd", "it",
                                                                          "quality"]}]
    data["org"]["ip_department"] = "gm"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), office, tech


def _ip_sales_hr(language: str) -> tuple[str, str]:
    """The SaaS example with one department for IP, sales and HR (legal falls back to it):
    (intake text, its name)."""
    data = yaml.safe_load(Path(SAAS.format(language)).read_text(encoding="utf-8"))
    name = "知识产权与业务部" if language == "zh" else "IP and Business Department"
    kept = [d for d in data["org"]["departments"] if d["key"] not in ("legal", "sales", "hr")]
    kept.insert(1, {"key": "ipb", "name": name, "head": kept[0]["head"],
                    "functions": ["ip", "sales", "hr"]})
    data["org"]["departments"] = kept
    data["org"]["ip_department"] = "ipb"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), name


# -- the lint, on sentences a package printed ---------------------------------------------
def _package(language: str, sentences: list[str], names: list[str]) -> _Package:
    company = "某公司" if language == "zh" else "Some Co., Ltd."
    document = PackageDocument(
        "01-manual/M.docx", "manual", "M-01", "manual", f"{company}  M-01  GB/T",
        [Paragraph(s) for s in sentences]
        + [Paragraph("附录A" if language == "zh" else "Annex A", "Heading1"),
           Table(((company, ""), *((n, "") for n in names)))])
    package = _Package([document], None)
    package.language = language
    return package


ZH_SELF = [  # printed for the two-department company before the fix, one finding each
    "向新的国家或地区提供服务前，综合管理部提前3个月通知综合管理部；综合管理部调查目的地的法律。",
    "奖励由综合管理部核定、综合管理部审核、综合管理部发放，记录于《知识产权奖励申请及发放表》。",
    "综合管理部建立离职人员跟踪记录，发现违约的交综合管理部处理。",
    "综合管理部负责组织风险管理，技术部和综合管理部等部门识别本部门的风险并报综合管理部；",
    "综合管理部应设立知识产权工作经费：综合管理部每年编制下一年度的《知识产权经费预算表》，经综合管理部审核汇总、"
    "最高管理者批准后纳入公司年度预算。",
    "预算外或超出预算的支出，由综合管理部书面说明理由，经综合管理部审核、首席执行官批准后支出；",
]
ZH_FINE = [  # another department acts, or the department is the receiver first
    "发现泄密时，发现人立即报告综合管理部，综合管理部当日采取补救措施并报知识产权管理者代表；",
    "综合管理部负责组织风险管理，技术部等部门识别本部门的风险并报综合管理部；",
    "综合管理部应设立知识产权工作经费：技术部每年编制预算，经综合管理部审核汇总后纳入公司年度预算。",
    "所在部门负责人或综合管理部填写《知识产权奖励申请及发放表》，综合管理部审核，首席执行官批准；",
    "技术部提前3个月通知综合管理部；综合管理部调查目的地的法律。",
    "综合管理部审核后报知识产权管理者代表批准，由综合管理部登记于《涉密信息清单》。",
]
EN_SELF = [
    "The General Office informs the General Office three months before products are first sold "
    "to a new country or region.",
    "The General Office determines the rewards, the General Office checks them and Finance pays "
    "them.",
    "the General Office keeps a follow-up record on leavers, and any breach found is passed to "
    "the General Office.",
    "the Technology Department and the General Office and the other departments identify the "
    "risks in their own work and report them to the General Office.",
    "Spending outside the budget needs a written justification from the General Office, review "
    "by the General Office and approval by the Chief Executive Officer.",
    "List these items; the General Office drafts it and the General Office reviews it into the "
    "annual budget.",
]
EN_FINE = [
    "The Technology Department informs the General Office three months before products are "
    "first sold to a new country or region.",
    "The General Office organises risk management; the Technology Department and the other "
    "departments identify the risks in their own work and report them to the General Office.",
    "the General Office shall mark the products correctly, and the General Office checks the "
    "legal status before the marking is published.",
    "Finance sets up a budget: each year the General Office prepares it, which Finance checks.",
]


@pytest.mark.parametrize("language, bad, fine, names", [
    ("zh", ZH_SELF, ZH_FINE, ["综合管理部", "技术部"]),
    ("en", EN_SELF, EN_FINE, ["General Office", "Technology Department", "Finance"])])
def test_the_lint_finds_a_department_acting_on_itself(language, bad, fine, names):
    for sentence in bad:
        package = _package(language, [sentence], names)
        check_acts_on_itself(package)
        assert len(package.findings) == 1, sentence
        assert package.findings[0].kind == "department"
    package = _package(language, fine, names)
    check_acts_on_itself(package)
    assert [f.message for f in package.findings] == []


# -- the helper ------------------------------------------------------------------------------------
def test_steps_writes_a_department_once_for_steps_in_a_row():
    text = "{{ steps(a, '核定', b, '审核', c, '发放') }}"
    render = _ENV.from_string(text).render
    assert render(_language="zh", a="知识产权部", b="人力资源部", c="财务部") == \
        "知识产权部核定、人力资源部审核、财务部发放"
    assert render(_language="zh", a="综合部", b="综合部", c="财务部") == "综合部核定并审核、财务部发放"
    assert render(_language="zh", a="综合部", b="综合部", c="综合部") == "综合部核定、审核并发放"
    text = "{{ steps(a, 'determines the rewards', b, 'checks them', c, 'pays them') | The }}"
    render = _ENV.from_string(text).render
    assert render(_language="en", a="IP Department", b="Human Resources", c="Finance") == \
        "The IP Department determines the rewards, Human Resources checks them and Finance pays " \
        "them"
    assert render(_language="en", a="General Office", b="General Office", c="Finance") == \
        "The General Office determines the rewards and checks them, and Finance pays them"


# -- two drafted packages -----------------------------------------------------------------
def _sentences(folder) -> list[str]:
    out = []
    for document in read_package(folder):
        for _, text in document.texts():
            out += [s for s in text.replace("；", "。").split("。") if s]
    return out


@pytest.fixture(scope="module")
def two_departments_zh(tmp_path_factory, corpus):
    text, office, tech = _two_departments("zh")
    out = tmp_path_factory.mktemp("two") / "zh"
    result = draft_package(parse_intake(text, "two.zh.yaml"), corpus, out, "zh")
    return result, _sentences(out), office, tech


@pytest.fixture(scope="module")
def ip_sales_hr_en(tmp_path_factory, corpus):
    text, name = _ip_sales_hr("en")
    out = tmp_path_factory.mktemp("ipsh") / "en"
    result = draft_package(parse_intake(text, "ipsh.en.yaml"), corpus, out, "en")
    return result, " ".join(_sentences(out)), name


def test_a_two_department_company_never_acts_on_itself(two_departments_zh):
    result, sentences, office, tech = two_departments_zh
    assert [f.message for f in result.findings if f.kind == "department"] == []
    assert not [s for s in sentences if f"通知{office}" in s and s.count(office) > 1]
    assert not [s for s in sentences if f"违约的交{office}" in s]  # P07: no hand-over to itself
    # R-22's chain (forms.yaml): HR collects, the IP department reviews, top management approves,
    # finance pays; the office holding HR and IP does its two steps in one clause
    assert f"{office}汇总并审核、" in "。".join(sentences)
    assert f"{office}汇总、{office}审核" not in "。".join(sentences)
    assert any(f"{office}提前3个月调查目的地" in s for s in sentences)  # P17: no notice to itself
    assert any(f"{office}的知识产权管理人员对照预算计划" in s for s in sentences)  # P10: not 会同 itself
    assert any(s.startswith(f"{office}负责组织风险管理，{tech}等部门识别本部门的风险") for s in sentences)


def test_one_department_for_ip_sales_and_hr_reads_naturally_in_english(ip_sales_hr_en):
    result, text, name = ip_sales_hr_en
    assert [f.message for f in result.findings if f.kind == "department"] == []
    assert f"the {name} informs the {name}" not in text.replace("The ", "the ")
    assert f"passed to the {name}" not in text
    assert f"the {name}, together with the R&D Centre and the other departments, analyses" in text
    assert f"the {name} collects the applications and reviews them, " in text
    assert f"the {name} collects the applications, the {name} reviews" not in text
