"""A Beijing machine-vision company (a consultant's tryout, session 34: tests/data/intakes/
machine-vision.*.yaml): faults of kinds any company may show, found in its package.

1. An objective of IP financing (a patent pledge loan) is deployed to the finance department,
   which takes the loan, not to R&D because the objective says 专利.
2. A contract manufacturer's plant listed among the sites ('非自有场所') is not the company's:
   not in the certification scope's sites, not a restricted area of its own, no testing
   laboratory read from its 测试.
3. A company planning IP financing reviews financing and pledge contracts (R-06, P-03).
4. A GPL component its products already ship (the Linux kernel in camera firmware) is an
   approved exception with the GPL's conditions in P-26, not a breach of its own rule.
5. The financing planned is the kind the objectives name (a pledge loan, not also
   IP-for-equity and securitisation).
6. The manual sends trademark licences to P-29 only when P-29 has its licensing sections.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.company_sites import own_sites
from generators.intake import load_intake
from generators.package import draft_package
from helpers import docx_text
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

INTAKE = str(Path(__file__).parent / "data" / "intakes" / "machine-vision.{}.yaml")


@pytest.fixture(scope="module", params=["zh", "en"])
def plan(request, corpus, templates):
    intake = load_intake(Path(INTAKE.format(request.param)))
    return plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       TEMPLATES_DIR), request.param)


def test_a_pledge_objective_is_the_finance_departments(plan):
    objectives = plan.intake.policy.objectives
    pledge = next(i for i, o in enumerate(objectives) if "质押" in o or "pledge" in o)
    finance = next(d.name for d in plan.intake.org.departments if "finance" in d.functions)
    owners = plan.context["owners"]["objectives"][pledge]
    assert finance in owners, owners
    rd = [d.name for d in plan.intake.org.departments if "rd" in d.functions]
    assert not set(rd) & set(owners), owners


@pytest.fixture(scope="module")
def package(tmp_path_factory, corpus, templates):
    """The Chinese package, drafted once: {document number's code part: its text}."""
    out = tmp_path_factory.mktemp("mv") / "pkg"
    draft_package(load_intake(Path(INTAKE.format("zh"))), corpus, out, "zh", templates=templates)
    return {p.name.split("IPM-")[1][:4]: docx_text(p) for p in out.rglob("*.docx") if "IPM-" in p.name}


def test_a_contract_manufacturers_plant_is_not_the_companys_site(package):
    """The intake lists '东莞委托加工厂（代工厂，非自有场所）': its system covers its own sites, so the
    plant is neither in the scope's sites nor one of the company's restricted areas, and its
    '测试' gives the company no testing laboratory."""
    intake = load_intake(Path(INTAKE.format("zh")))
    assert [s.name for s in own_sites(intake)] == ["总部及研发中心", "北京成品库"]
    scope = next(line for line in package["M-01"].splitlines() if "体系覆盖的经营场所" in line)
    assert "总部及研发中心" in scope and "东莞" not in scope
    areas = next(line for line in package["P-06"].splitlines() if "为保密区域" in line)
    assert "代工厂" not in areas and "委托加工厂" not in areas
    assert "检测实验室" not in package["P-06"] + package["M-01"]


def test_a_company_planning_ip_financing_reviews_its_financing_contracts(plan, corpus, templates):
    """R-06's contract categories and P-03's scope have financing and pledge contracts for a
    company planning an IP pledge loan (plans.financing), and only for one."""
    words = "融资和质押" if plan.language == "zh" else "financing and pledges"
    assert words in plan.context["contract"]["categories"]
    other = load_intake(TEMPLATES_DIR / "examples" / f"saas.{plan.language}.yaml")
    assert not other.business.financing_plans
    plain = plan_package(other, templates, load_target(other.standard, corpus.get(BJ),
                                                       TEMPLATES_DIR), plan.language)
    assert words not in plain.context["contract"]["categories"]


def test_a_gpl_component_already_shipped_is_a_managed_exception(package):
    """The cameras ship the Linux kernel (GPL-2.0, the intake says): P-26 must not leave the
    company breaking its own rule ('GPL用于分发的软件…原则上不批准') on day one — the kernel is an
    approved exception with the GPL's conditions (source or a written offer of it)."""
    p26 = package["P-26"]
    assert "原则上不批准" in p26  # the rule stands for new components
    exception = next(s for s in p26.split("。") if "Linux 内核" in s and "例外" in s)
    assert "书面要约" in exception and "源代码" in exception


def test_no_gpl_exception_without_a_gpl_component(plan, corpus, templates):
    other = load_intake(TEMPLATES_DIR / "examples" / f"saas.{plan.language}.yaml")
    plain = plan_package(other, templates, load_target(other.standard, corpus.get(BJ),
                                                       TEMPLATES_DIR), plan.language)
    assert "GPL" not in (other.ip.open_source.how or "").replace("LGPL", "").replace("AGPL", "")
    assert plain.context["says"]["gpl_shipped"] == ""


def test_the_financing_planned_is_the_kind_the_objectives_name(package):
    """Only a patent pledge loan is planned (objective 3): the manual does not say the company
    plans pledge financing, IP-for-equity or securitisation."""
    manual = package["M-01"]
    planned = next(s for s in manual.split("。") if "公司计划开展" in s and "投融资活动" in s)
    planned = planned[planned.index("公司计划开展"):planned.index("投融资活动")]
    assert "质押融资" in planned and "作价入股" not in planned and "证券化" not in planned


def test_the_manual_sends_trademark_licensing_to_p29_only_when_it_has_a_licensing_section(
        package):
    """The company licenses nothing out (business.licensing_out: false): P-29 is its trademark
    and brand management procedure without licensing sections, so the manual's licensing
    clause (11.4.2.3) must not send trademark licences to it."""
    assert "商标与品牌许可" not in package["P-29"][:200]
    licensing = next(p for p in package["M-01"].splitlines() if "今后许可时" in p)
    assert "P-29" not in licensing and "商标和品牌的许可" not in licensing
