"""Rights held with others and trade partners, round 36 (issue 17: what session 35's co-owned,
pledged and distributor work left). Expected values come from the laws and the issue, not from
the generator:

- 商标法 (2019) 第五条: two or more may jointly apply for the same mark and jointly enjoy and
  exercise the exclusive right — no default lets one co-owner act alone.
- 著作权法 (2020) 第十四条: co-authors exercise the copyright by agreement; failing agreement
  without good reason, none may stop another exercising any right but assignment, an exclusive
  licence and a pledge, the proceeds shared; 著作权法实施条例 第九条 says so of a work that
  cannot be divided; 计算机软件保护条例 第十条 of co-developed software that cannot be divided.
- 民法典 第四百四十四条: a pledge of a registered mark or a copyright is created on registration:
  marks with CNIPA (注册商标专用权质押登记程序规定), copyrights with the National Copyright
  Administration (著作权质权登记办法).
- Issue 17: intake check asks for the facts a document turns on (an ODM exporting goods: its
  distributors abroad and contract manufacturers); the manual says what P-17 does.

The base company is tests/data/intakes/machine-vision.*.yaml (marks, software, a distributor
abroad), given co-owned or pledged marks and copyrights; texts are rendered from its plan.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.intake import check_intake, load_intake
from generators.intake_rights import CoOwned
from generators.registers import register_rows
from generators.rights import co_owner_cell
from generators.templates_io import TEMPLATES_DIR, template_strings
from helpers import intake_variant, planned, rendered_texts

INTAKES = Path(__file__).parent / "data" / "intakes"
BASE = {lang: INTAKES / f"machine-vision.{lang}.yaml" for lang in ("zh", "en")}
KINDS = {"zh": ("商标", "著作权"), "en": ("trademark", "copyright")}
# each law as the package cites it: (the law, its article) per language
MARK_LAW = {"zh": "《中华人民共和国商标法》第五条", "en": "Trademark Law art. 5"}
WORK_LAW = {"zh": "《中华人民共和国著作权法》第十四条", "en": "Copyright Law art. 14"}
WORK_RULES = {"zh": "《中华人民共和国著作权法实施条例》第九条",
              "en": "Implementing Regulations of the Copyright Law art. 9"}
PATENT_LAW = {"zh": "专利法》第十四条", "en": "Patent Law art. 14"}


def _co_owned_variant(tmp_path: Path, language: str) -> Path:
    """machine-vision co-owning a mark and a software copyright, neither under an agreement."""
    mark, work = KINDS[language]

    def change(data):
        data["ip"]["co_owned"] = [
            {"right": "SJ-VISION", "kind": mark, "co_owners": ["Partner A"], "agreement": False},
            {"right": "VisionStudio V3.0", "kind": work, "co_owners": ["Partner B"],
             "agreement": False}]
    return intake_variant(BASE[language], tmp_path, change)


def _pledged_variant(tmp_path: Path, language: str) -> Path:
    """machine-vision having pledged a mark and a software copyright (no patent pledged)."""
    mark, work = KINDS[language]

    def change(data):
        data["ip"]["pledges"] = [
            {"rights": "SJ-VISION", "kind": mark, "pledgee": "Bank A", "registered": True},
            {"rights": "VisionStudio V3.0", "kind": work, "pledgee": "Bank A", "registered": True}]
    return intake_variant(BASE[language], tmp_path, change)


def _procedure(plan, templates, code: str, language: str) -> list[str]:
    """The rendered texts of procedure `code`'s steps (title + text), one string a step."""
    rendered: dict[str, list[str]] = {}
    for where, text in template_strings(templates):
        match = re.match(rf"procedures/{code}\.{language}\.steps\[(\d+)\]\.(title|text)$", where)
        if match:
            rendered.setdefault(match[1], []).append(templates.render(text, plan.context))
    return [" ".join(parts) for parts in rendered.values()]


def _step(steps: list[str], *words: str) -> str:
    """The one step holding all `words` ('' when none does)."""
    found = [s for s in steps if all(w in s for w in words)]
    assert len(found) <= 1, found
    return found[0] if found else ""


CONSENT = {"zh": ("共有人", "同意"), "en": ("co-owners", "consent")}


# -- co-owned marks and works: each kind's own law ---------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p19_states_the_rule_for_co_owned_marks_and_works(language, tmp_path, templates, corpus):
    """P-19's consent step cites the Trademark Law for the mark and the Copyright Law (and its
    regulations on a work that cannot be divided) for the work, and not the Patent Law: the
    company co-owns no patent."""
    plan = planned(load_intake(_co_owned_variant(tmp_path, language)), templates, corpus, language)
    step = _step(_procedure(plan, templates, "P19", language), *CONSENT[language])
    assert step
    for law in (MARK_LAW, WORK_LAW, WORK_RULES):
        assert law[language] in step, law[language]
    assert PATENT_LAW[language] not in step


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_ledger_cell_names_the_law_of_the_kind(language):
    """R-42's co-owner cell for a right without an agreement names the law that then applies,
    by kind: the Trademark Law for a mark, the Copyright Law for a work, never the Patent Law."""
    short = {"zh": ("商标法第五条", "著作权法第十四条", "专利法"),
             "en": ("Trademark Law art. 5", "Copyright Law art. 14", "Patent Law")}[language]
    for kind, law in (("trademark", short[0]), ("copyright", short[1])):
        cell = co_owner_cell(CoOwned(right="x", kind=kind, co_owners=["Partner"],
                                     agreement=False), language)
        assert law in cell and short[2] not in cell, cell


def test_intake_check_warns_with_the_kinds_law(tmp_path):
    """A co-owned copyright with no word on an agreement: the warning gives the Copyright Law's
    rule, not the Patent Law's."""
    def change(data):
        data["ip"]["co_owned"] = [{"right": "VisionStudio V3.0", "kind": "著作权",
                                   "co_owners": ["某合作方"]}]
    _, report = check_intake(intake_variant(BASE["zh"], tmp_path, change).read_text("utf-8"))
    message = {p.path: p.message for p in report.warnings}["ip.co_owned[1].agreement"]
    assert "著作权法第十四条" in message and "专利法" not in message


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p29_and_p25_ask_the_co_owners_first(language, tmp_path, templates, corpus):
    """The trademark procedure has a step for co-owned marks (filing, renewal, licensing,
    assignment, pledge with all co-owners' consent, Trademark Law art. 5) and the software
    copyright procedure one for co-owned works; the company co-owning only patents has neither."""
    plan = planned(load_intake(_co_owned_variant(tmp_path, language)), templates, corpus, language)
    marks = _step(_procedure(plan, templates, "P29", language), *CONSENT[language])
    assert MARK_LAW[language] in marks
    works = _step(_procedure(plan, templates, "P25", language), *CONSENT[language])
    assert WORK_LAW[language] in works
    patents_only = load_intake(INTAKES / f"soe-rail.{language}.yaml")
    plan = planned(patents_only, templates, corpus, language)
    for code in ("P29", "P25"):
        assert not _step(_procedure(plan, templates, code, language), *CONSENT[language])


# -- pledged marks and copyrights ---------------------------------------------------------------
REGISTRIES = {"zh": ("国家知识产权局", "国家版权局"),
              "en": ("China National Intellectual Property Administration",
                     "National Copyright Administration")}
PLEDGE_RULES = {"zh": ("注册商标专用权质押登记程序规定", "著作权质权登记办法", "专利权质押登记办法"),
                "en": ("Registration of Pledges of Exclusive Rights to Registered Trademarks",
                       "Measures for the Registration of Copyright Pledges",
                       "Measures for the Registration of Patent Pledges")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_pledged_marks_and_copyrights_are_registered_where_the_law_says(language, tmp_path,
                                                                         templates, corpus):
    """P-20's pledge step registers the mark's pledge with CNIPA and the copyright's with the
    National Copyright Administration; the laws list cites the two registration rules and not
    the patent pledge measures (no patent is pledged)."""
    plan = planned(load_intake(_pledged_variant(tmp_path, language)), templates, corpus, language)
    steps = _procedure(plan, templates, "P20", language)
    pledge = _step(steps, REGISTRIES[language][1])
    assert pledge and REGISTRIES[language][0] in pledge
    laws = " ".join(row["name"] for row in register_rows("laws", plan, templates))
    mark_rules, work_rules, patent_rules = PLEDGE_RULES[language]
    assert mark_rules in laws and work_rules in laws and patent_rules not in laws


# -- trade partners -----------------------------------------------------------------------------
FLAGS = {"business.distributors_abroad", "business.contract_manufacturers"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_check_asks_a_maker_exporting_goods_for_its_trade_partners(language, tmp_path):
    """The ODM maker exporting goods is asked for its distributors abroad and contract
    manufacturers until it answers; the SaaS example (no goods) is not asked."""
    odm = INTAKES / f"odm.{language}.yaml"
    _, report = check_intake(odm.read_text("utf-8"))
    assert FLAGS <= {p.path for p in report.warnings}

    def answer(data):
        data["business"]["distributors_abroad"] = False
        data["business"]["contract_manufacturers"] = []
    _, report = check_intake(intake_variant(odm, tmp_path, answer).read_text("utf-8"))
    assert not FLAGS & {p.path for p in report.warnings}
    saas = TEMPLATES_DIR / "examples" / f"saas.{language}.yaml"
    _, report = check_intake(saas.read_text("utf-8"))
    assert not FLAGS & {p.path for p in report.warnings}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_manual_names_the_distributor_check(language, templates, corpus):
    """The manual's export clause (10.1.2.2) says that the distributors' use of the marks is
    checked and recorded on R-86 under P-17, for machine-vision (distributors abroad) and not
    for the example manufacturer."""
    key = f"manual.{language}.clauses.10.1.2.2"
    texts = [rendered_texts(load_intake(path), templates, corpus, language, key)[key]
             for path in (BASE[language], TEMPLATES_DIR / "examples" / f"manufacturer.{language}.yaml")]
    plan = planned(load_intake(BASE[language]), templates, corpus, language)
    number = plan.context["docno"]["R86"]
    assert number in texts[0] and plan.context["title"]["R86"] in texts[0]
    assert plan.context["title"]["R86"] not in texts[1]
