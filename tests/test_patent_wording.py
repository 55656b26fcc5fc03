"""Patent wording only where the company holds or plans patents (issue 17, part H7).

A consultant found about 30 sentences about the company's own patents in the packages of two
companies that hold and plan none: the SaaS example (software copyrights, trade secrets,
trademarks) and a food maker (trademarks and trade secrets; tests/data/intakes/food.zh.yaml).
Both are drafted in-process once (SaaS in Chinese and English, the food maker in Chinese). The
expected words are the consultant's findings and the intakes' own values, never the generator's:

- none of the sentences the consultant quoted is left (search before each patent filing beside
  "no patent filing procedure", patent counts as performance indicators, monitoring of patent
  infringement, inventors' rewards on the licence approval, the agency "filing patents" while
  the manual says it registers trademarks, patents divided by technical field);
- a sentence about filing patents appears only where it says the company holds and plans none
  (an exclusion with its reason), speaks of others' or prior patents, or is the joint
  development contract's clause on the right to file (a partner may file);
- the manufacturer, which holds patents, keeps its patent texts (rendered from the templates);
- product and partner names in running English text take their article ('the Yunzhan
  Workspace SaaS platform'), as do markets such as 'the United States'.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text
from generators.company_kind import articled
from generators.intake import load_intake
from generators.package import draft_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, context_for

EXAMPLES = TEMPLATES_DIR / "examples"
FOOD = Path(__file__).parent / "data" / "intakes" / "food.zh.yaml"
DRAFTS = {("saas", "zh"): EXAMPLES / "saas.zh.yaml", ("saas", "en"): EXAMPLES / "saas.en.yaml",
          ("food", "zh"): FOOD}

# the consultant's findings, as the old packages printed them
QUOTED = {"zh": ["每项专利申请提交前", "未经检索的技术点不得提交申请", "专利申请和授权数量",
                 "商标抢注和专利侵权", "发明人奖励安排", "给予发明人", "专利和技术秘密按", "发明专利申请量",
                 "专利、商标申请提交前", "专利和商标申请提交前", "专利和商标申请代理"],
          "en": ["Before any patent application is filed", "patent applications and grants",
                 "trademark squatting and patent infringement", "Reward for the inventors",
                 "patents and technical secrets are further divided",
                 "invention patent filings", "every patent and trademark application",
                 "the inventors shall be given",
                 "patent and trademark filing"]}
# a paragraph may speak of filing patents when it excludes them with the reason, or speaks of
# others' or prior patents, or is the joint development contract's right to file
FILING = {"zh": re.compile(r"专利申请"), "en": re.compile(r"patent (?:application|filing)s?", re.I)}
# a paragraph excluding filing: the reason (未持有专利), or, after the manual has given it once,
# the exclusion alone (不编制专利申请控制程序: tests/test_wording_round3.py)
ALLOWED = {"zh": re.compile(r"未持有专利|不编制专利申请控制程序|他人|在先|专利申请权"),
           "en": re.compile(r"holds no patents|No patent filing procedure is drafted|others'|"
                            r"prior|right to file patent", re.I)}


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{(company, language): [paragraphs and cells of every document]}: each drafted once."""
    out = {}
    for (name, language), path in DRAFTS.items():
        folder = tmp_path_factory.mktemp(f"{name}-{language}") / "pkg"
        draft_package(load_intake(path), corpus, folder, language, templates=templates)
        out[name, language] = [line for p in sorted(folder.rglob("*.docx"))
                               for line in docx_text(p).splitlines() if line.strip()]
    return out


def test_the_intakes_hold_and_plan_no_patents():
    for path in DRAFTS.values():
        raw = _raw(path)
        assert not any((raw["ip"].get("patents") or {}).values())
        assert not any(re.search(r"专利|patent|PCT", o, re.I) for o in raw["policy"]["objectives"])


@pytest.mark.parametrize("key", sorted(DRAFTS))
def test_no_sentence_the_consultant_quoted_is_left(packages, key):
    text = "\n".join(packages[key])
    left = [q for q in QUOTED[key[1]] if q in text]
    assert not left, left


@pytest.mark.parametrize("key", sorted(DRAFTS))
def test_filing_patents_is_named_only_to_exclude_it_or_about_others(packages, key):
    language = key[1]
    wrong = [p for p in packages[key]
             if FILING[language].search(p) and not ALLOWED[language].search(p)]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("key", [("saas", "zh"), ("food", "zh")])
def test_the_agency_does_what_the_manual_says_it_does(packages, key):
    """The manual's 5.3 entrusts the agency with trademark registration; 8.1 names the same."""
    agency = _raw(DRAFTS[key])["org"]["agency"]
    text = "\n".join(packages[key])
    assert f"商标注册等专业事务委托{agency}" in text
    assert f"{agency}代理的商标注册" in text
    assert f"{agency}代理的专利申请" not in text


def test_a_company_with_patents_keeps_its_patent_texts(corpus, templates):
    """The manufacturer (invention patents in its intake) is told to search before each filing,
    counts patent filings and rewards its inventors."""
    raw = _raw(EXAMPLES / "manufacturer.zh.yaml")
    assert raw["ip"]["patents"]["invention"] > 0
    target = load_target("gbt29490-2023", corpus.get(BJ), templates.directory)
    context = context_for(load_intake(EXAMPLES / "manufacturer.zh.yaml"), templates, target, "zh")
    clauses = templates.manual("zh")["clauses"]
    assert "每项专利申请提交前" in templates.render(clauses["9.1.2"], context)
    assert "专利申请和授权数量" in templates.render(clauses["12.3.3"], context)
    r53 = next(f for f in templates.forms if f.code == "R53")
    assert "发明人奖励安排" in [templates.render(x if isinstance(x, str) else x["label"], context)
                          for x in r53.content["zh"]["fields"]]


# names as the intakes spell them, and how running English text names them
ARTICLES = [("Yunzhan Workspace SaaS platform", "the Yunzhan Workspace SaaS platform"),
            ("Yunzhan Analytics API service", "the Yunzhan Analytics API service"),
            ("College of Computer Science and Software Engineering, Shenzhen University",
             "the College of Computer Science and Software Engineering, Shenzhen University"),
            ("innovative anti-tumour drug RL-101 (phase II clinical trial)",
             "the innovative anti-tumour drug RL-101 (phase II clinical trial)"),
            ("School of Pharmacy, Suzhou Example University",
             "the School of Pharmacy, Suzhou Example University"),
            ("Shanghai Example Contract Research Organization (CRO)",
             "Shanghai Example Contract Research Organization (CRO)"),
            ("Beijing University of Chemical Technology", "Beijing University of Chemical Technology"),
            ("carbon-fibre composite panels", "carbon-fibre composite panels"),
            ("hot-press moulding", "hot-press moulding"),
            ("United States", "the United States"), ("EU", "the EU"),
            ("South-East Asia", "South-East Asia"), ("云栈协同办公 SaaS 平台", "云栈协同办公 SaaS 平台")]


@pytest.mark.parametrize("name, expected", ARTICLES)
def test_a_name_in_running_english_takes_its_article(name, expected):
    assert articled(name) == expected


def test_the_saas_english_package_articles_products_and_partners(packages):
    raw = _raw(DRAFTS["saas", "en"])
    first, second = raw["company"]["products"]
    partner = raw["rd"]["partners"][0]
    text = "\n".join(packages["saas", "en"])
    assert f"main products and services are the {first} and the {second}" in text
    assert f"partners include the {partner}" in text
    assert f"are {first}" not in text


def test_the_life_sciences_english_procedure_articles_its_products(corpus, templates):
    """P28's scope ends 'for its products: …' (the consultant's third example)."""
    path = EXAMPLES / "life-sciences.en.yaml"
    products = _raw(path)["company"]["products"]
    target = load_target("gbt29490-2023", corpus.get(BJ), templates.directory)
    context = context_for(load_intake(path), templates, target, "en")
    p28 = next(p for p in templates.procedures if p.code == "P28")
    scope = templates.render(p28.content["en"]["scope"], context)
    assert f"for its products: the {products[0]} and the {products[1]}" in scope
    assert "the United States, the EU and South-East Asia" in scope
