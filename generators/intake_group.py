"""Warnings for `ipms intake check` about a subsidiary whose parent owns and licenses in IP
(company.parent): the facts a consultant still collects in the diagnosis (调查诊断) because the
package words its parent-IP passages with them, and the ownership split that contradicts the
objectives.

- the group reporting line (parent.reports_to) and the group policy's name (parent.policy_name)
  when the parent sets the IP policy: the manual's organisation section, 5.3, 7.5 and R-17;
- for technology licensed in from the parent: whether the licence grants have-made and sublicence
  rights (P-03's drawings to suppliers, R-78), its registration number when the parent is abroad
  (技术进口合同登记证号), and each group licence's products and territory (R-78's rows);
- 高新技术企业 status (company.high_tech) of a company doing R&D;
- which inventions the parent files and which the company (parent.assigns) when the parent
  registers patents for the group;
- owns_ip: true (the parent owns everything the company creates) while the company holds or
  plans 高企 status or its objectives plan patent filings of its own: 高企 needs core IP the company
  owns, and licensed group patents do not count.
All the fields are optional: an intake without them drafts as before, with these warnings.
"""
from __future__ import annotations

import re

from generators.intake_report import Problem, _line

# an objective planning the company's own patent filings
_FILINGS = re.compile(r"专利申请|申请.{0,12}专利|提交.{0,12}专利|patent (?:applications?|filings?)|"
                      r"fil(?:e|es|ing) .{0,30}patent", re.IGNORECASE)


def parent_problems(intake, root, lang: str) -> list[Problem]:
    """The warnings above for `intake` (none without company.parent), in `lang`."""
    if intake.company.parent is None:
        return []
    return [Problem(path, _line(root, loc), zh if lang == "zh" else en)
            for loc, path, zh, en in _to_collect(intake) + _ownership_conflict(intake)]


def _ask(loc: tuple, path: str, zh: str, en: str) -> tuple[tuple, str, str, str]:
    """A fact still to collect, worded as the other 调查诊断 warnings."""
    return (loc, path, f"尚未填写{zh}——调查诊断时请收集",
            f"not given yet: {en} — collect it in the diagnosis (调查诊断)")


def _to_collect(intake) -> list[tuple[tuple, str, str, str]]:
    """(location, path, zh, en) of the parent facts that apply and are not given."""
    from generators.company_kind import group_technology, group_technology_licences

    company, parent = intake.company, intake.company.parent
    here = ("company", "parent")
    out = []
    if parent.sets_policy and not parent.reports_to:
        out.append(_ask(here, "company.parent.reports_to",
                        "集团汇报线（reports_to：公司知识产权工作向集团哪个部门报告，如集团知识产权部）",
                        "the reporting line to the group (reports_to: the group department the "
                        "company's IP work reports to, e.g. Group IP department)"))
    if parent.sets_policy and not parent.policy_name:
        out.append(_ask(here, "company.parent.policy_name",
                        "集团知识产权政策的名称（policy_name：作为外来文件受控）",
                        "the name of the group's IP policy (policy_name: controlled as an "
                        "external document)"))
    if group_technology(intake):
        if parent.have_made is None or parent.sublicense is None:
            out.append(_ask(here, "company.parent.have_made",
                            "集团技术许可是否允许委托第三方制造和再许可（have_made、sublicense："
                            "true/false；决定能否把源自集团设计的图纸交供方加工）",
                            "whether the group's technology licence grants have-made and "
                            "sublicence rights (have_made, sublicense: true/false; it decides "
                            "whether drawings from the group's designs may go to suppliers)"))
        if parent.abroad and not parent.licence_registration:
            out.append(_ask(here, "company.parent.licence_registration",
                            "集团技术许可合同的技术进口合同登记证号（licence_registration）",
                            "the registration number of the group's technology licence "
                            "(licence_registration: 技术进口合同登记证号)"))
        for lic in group_technology_licences(intake):
            if lic.products and lic.territory:
                continue
            i = intake.ip.licences_in.index(lic)
            out.append(_ask(("ip", "licences_in", i), f"ip.licences_in[{i + 1}].products",
                            f"“{lic.what}”许可的产品和地域（products、territory）",
                            f"the products and territory licensed by '{lic.what}' (products, "
                            "territory)"))
    if company.high_tech is None and intake.rd.modes and company.rd_staff:
        out.append(_ask(("company",), "company.high_tech",
                        "公司是否为高新技术企业（high_tech：true/false；高企须拥有自主知识产权）",
                        "whether the company holds 高新技术企业 (High and New Technology "
                        "Enterprise) status (high_tech: true/false; it needs IP the company owns)"))
    if "patents" in parent.registers and not parent.owns_ip and not parent.assigns:
        out.append(_ask(here, "company.parent.assigns",
                        "哪些发明由母公司申请或转让母公司、哪些由公司在中国申请（assigns）",
                        "which inventions the parent files or is assigned and which the company "
                        "files in China (assigns)"))
    return out


def _ownership_conflict(intake) -> list[tuple[tuple, str, str, str]]:
    """owns_ip: true while 高企 status or the objectives' patent filings need IP the company
    owns."""
    from generators.company_kind import HIGH_TECH

    parent = intake.company.parent
    if not parent.owns_ip:
        return []
    objectives = " ".join(intake.policy.objectives)
    high_tech = (intake.company.high_tech if intake.company.high_tech is not None
                 else bool(HIGH_TECH.search(objectives)))
    if not (high_tech or _FILINGS.search(objectives)):
        return []
    why_zh = "保持高新技术企业资格须公司拥有核心自主知识产权，许可使用的集团专利不计入" if high_tech \
        else "目标中的专利申请须以公司名义提出"
    why_en = ("高新技术企业 status needs core IP the company owns, and group patents used under "
              "licence do not count") if high_tech else \
        "the objectives plan patent filings in the company's name"
    return [(("company", "parent"), "company.parent.owns_ip",
             f"母公司拥有公司创造的全部知识产权（owns_ip: true），但{why_zh}——如公司在中国自行申请、"
             "只将选定的发明转让母公司，请写 owns_ip: false 并在 assigns 中写明转让的范围",
             f"the parent owns all the IP the company creates (owns_ip: true), but {why_en} — "
             "if the company files in China itself and assigns selected inventions to the "
             "parent, write owns_ip: false and say which in assigns")]
