"""Two kinds of outside party that handle the company's goods and marks: distributors or sales
agents abroad, and contract manufacturers making its products (templates: `kind.distributors`,
`kind.contract_made`, `kind.firmware`).

A distributor or agent abroad uses the company's marks in its country and may register them
there in its own name (an agent's registration can be refused or cancelled: Paris Convention
art. 6septies; in China, 商标法 第十五条): P-03 reviews the distributor contract's IP clauses and
P-17 checks the distributor's use of the marks (R-86). A contract manufacturer holds the
company's drawings, moulds and firmware and makes goods bearing its marks: P-03 reviews the
manufacturing contract, P-06 keeps what it is given under control, and surplus, rejected and
over-run goods bearing the marks are destroyed or returned with a record (R-87).

Both facts are optional in the intake (business.distributors_abroad,
business.contract_manufacturers: true, or the parties by name); when not given they are read
from the intake's own words, so an intake written before the facts existed is drafted as it says.
"""
from __future__ import annotations

import re

from generators.company_sites import own_sites
from generators.intake import Intake

# distributors, resellers or sales agents (经销商、分销商、代理商), as objectives, disputes or the
# scope name them; not 'distribution' (logistics) nor a patent or trademark agent (代理机构)
_DISTRIBUTORS = re.compile(r"经销商|分销商|(?:销售|海外|境外|当地|独家)代理商?|代理商|"
                           r"\bdistributors?\b|\bresellers?\b|\bdealers?\b|\bsales agents?\b",
                           re.IGNORECASE)
# the company's goods made by others for it: commissioned processing, a contract manufacturer, an
# OEM supplier or goods bought made under its marks (贴牌采购) — never 受托加工 or 来图加工, where
# the company is the one that makes
_MADE_FOR_US = re.compile(r"委托(?:他人|外部|供应商|代工厂)?(?:加工|生产|代工|贴牌|定牌|OEM)|"
                          r"(?:贴牌|定牌|OEM|代工)(?:采购|供应商|厂商?)|代工厂|"
                          r"contract manufacturers?\b|OEM (?:suppliers?|sourcing|purchas\w*)|"
                          r"sourced? (?:OEM|under our)|made (?:for us|for the company) by",
                          re.IGNORECASE)
# products carrying firmware or embedded software that the maker loads (烧录)
_FIRMWARE = re.compile(r"固件|烧录|嵌入式|firmware|embedded|flash(?:ing|ed) program",
                       re.IGNORECASE)


def _named(given: bool | list[str] | None) -> bool | None:
    """A fact given as true/false or as a list of names: whether there is any; None: not given."""
    if isinstance(given, list):
        return bool(given)
    return given


def distributors_abroad(intake: Intake) -> bool:
    """Whether the company sells abroad through distributors or sales agents in its export
    markets (none without export markets): business.distributors_abroad when given, else one whose business
    scope, objectives, disputes or certification scope name distributors or agents
    (_DISTRIBUTORS)."""
    if not intake.business.export_markets:
        return False  # no market abroad to sell in (`ipms intake check` asks for the markets)
    given = _named(intake.business.distributors_abroad)
    if given is not None:
        return given
    cert = intake.certification
    words = [intake.company.business_scope or "", *intake.policy.objectives,
             *(intake.ip.disputes or []), (cert.scope or "") if cert else ""]
    return any(_DISTRIBUTORS.search(str(w)) for w in words)


def contract_made(intake: Intake) -> bool:
    """Whether some of the company's products are made for it by a contract manufacturer:
    business.contract_manufacturers when given, else a site that is a contract manufacturer's
    plant (company_sites.own_sites leaves it out) or words of goods made for the company in its
    business scope, products, processes or certification scope (_MADE_FOR_US)."""
    given = _named(intake.business.contract_manufacturers)
    if given is not None:
        return given
    sites = intake.company.sites or []
    if len(own_sites(intake)) < len(sites):
        return True
    cert = intake.certification
    company = intake.company
    words = [company.business_scope or "", *company.products, *company.processes,
             (cert.scope or "") if cert else ""]
    return any(_MADE_FOR_US.search(str(w)) for w in words)


def carries_firmware(intake: Intake) -> bool:
    """Whether the company's goods carry firmware or embedded software a maker loads (烧录):
    its products, processes, trade-secret examples or open-source use name them (_FIRMWARE)."""
    company, ip = intake.company, intake.ip
    words = [*company.products, *company.processes, *ip.trade_secret_examples,
             (ip.open_source.how or "") if ip.open_source else ""]
    return any(_FIRMWARE.search(str(w)) for w in words)
