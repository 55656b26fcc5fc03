"""Issue 17 (the consultant's tryout, part A3): a company names only the IP it holds or plans,
everywhere in its package.

Parts A and A2 made P-04/05/09/11/14/18 and R-11/12/40/49/50 follow the IP held or planned. Left:
1. a company with no trademarks held or planned (the trader of tests/data without its marks and
   its trademark objective) still got its own marks managed: the manual's trademark rules
   (6.2.2, the 6.2 list, marking, foreign filing routes), P-15's ® marking and trademark gazette
   watch, P-17's trademark filing routes, P-18's renewals, P-21's trademark registrations as an
   indicator, R-42's Nice class column, R-45's trademark agency, R-68's questions on filing and
   printing its marks. Checks about others' marks (clearance, use of a supplier's mark with
   authorisation) stay: they concern any company that sells or promotes products;
2. the manual's "see also" lines named 专利管理 / 商标管理 (and 联合开发 with universities) for a
   company that has no such rules, whose text there only says so once;
3. R-23 offered 研发人员 as trainees, R-31 a joint-development ownership risk, R-34 a pre-filing
   novelty search to companies without R&D, partners or patents.
Each phrase is checked both ways: the company without the IP lacks it, the shipped manufacturer
(patents, marks, in-house R&D with a university) keeps it. The phrases are the templates' words.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import docx_text, procedure_documents
from generators.documents import build_form, procedure_text
from generators.intake import load_intake
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

DATA = Path(__file__).parent / "data"
TRADER = {"zh": DATA / "trademarks" / "trade.zh.yaml", "en": DATA / "trademarks" / "trade.en.yaml"}
MANUFACTURER = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}
SAAS = {"zh": TEMPLATES_DIR / "examples" / "saas.zh.yaml",
        "en": TEMPLATES_DIR / "examples" / "saas.en.yaml"}
MANUAL = {lang: yaml.safe_load((TEMPLATES_DIR / f"manual.{lang}.yaml").read_text(encoding="utf-8"))
          for lang in ("zh", "en")}


def _without_marks(path: Path, folder: Path) -> Path:
    """The intake at `path` with no registered marks and no objective naming marks."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["ip"]["trademarks"] = 0
    data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                    if "商标" not in o and "trademark" not in o.lower()]
    out = folder / path.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def _part(name: str) -> str:
    """'M-01', 'P-15', 'R-42' from a document's file name ('HLT-IPM-P-15 …')."""
    return name.split(" ")[0].split("-IPM-")[-1]


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """{(company, language): ({document part: text}, plan)} of whole drafted packages."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"intakes-{language}")
        for company, path in (("no-marks", _without_marks(TRADER[language], folder)),
                              ("trader", TRADER[language]),
                              ("manufacturer", MANUFACTURER[language])):
            target = tmp_path_factory.mktemp(f"{company}-{language}") / "pkg"
            result = draft_package(load_intake(path), corpus, target, language)
            assert [f.message for f in result.findings] == []
            texts = {_part(p.name): docx_text(p).replace("\u00a0", " ")
                     for p in target.rglob("*.docx")}
            # each procedure by its number ('P-15'), also where a small company's bundle
            # holds it as a chapter (the bundle's number then reads its first chapter)
            texts.update({key.split(" ")[0]: text.replace("\u00a0", " ")
                          for key, text in procedure_documents(target).items()})
            out[(company, language)] = (texts, result.plan)
    return out


# -- 1. the company's own marks -------------------------------------------------------------------
OWN_MARKS = {
    "zh": [("M-01", "公司的商标管理要求"), ("M-01", "商标——"), ("M-01", "注册商标标记"),
           ("M-01", "商标：逐一国家申请或马德里国际注册"),
           ("P-15", "注册商标加注“®”或“注册商标”"), ("P-15", "商标公告"),
           ("P-17", "商标可选择马德里国际注册或逐一国家申请"), ("P-17", "优先完成商标注册"),
           ("P-18", "商标在到期前12个月内办理续展"), ("R-42", "商标类别（尼斯分类）"),
           ("R-45", "商标代理"), ("R-68", "囤积商标"), ("R-68", "为公司注册商标或已获授权"),
           ("R-68", "商标标识的印制")],
    "en": [("M-01", "The company's trademark management requirements"), ("M-01", "trademarks — "),
           ("M-01", "registered trademark symbols"),
           ("M-01", "trademarks: national filings or an international registration under the "
                    "Madrid system"),
           ("P-15", "'®' or 'registered trademark' for registered trademarks"),
           ("P-15", "trademark gazettes"),
           ("P-17", "for trademarks, Madrid international registration or national filings"),
           ("P-17", "giving priority to trademark registration"),
           ("P-18", "trademarks are renewed within the 12 months before expiry"),
           ("R-42", "Trademark class (Nice)"), ("R-45", "trademark agency"),
           ("R-68", "avoided hoarding marks"),
           ("R-68", "the company's registered marks or licensed to it"),
           ("R-68", "trademark labels printed")],
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_without_marks_manages_none_of_its_own(packages, language):
    """The trader without marks: no text about registering, marking, renewing, watching or
    printing its own marks; the manufacturer's package keeps every one of them."""
    bare, maker = packages[("no-marks", language)][0], packages[("manufacturer", language)][0]
    assert [(part, words) for part, words in OWN_MARKS[language] if words in bare[part]] == []
    assert [(part, words) for part, words in OWN_MARKS[language]
            if words not in maker[part]] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_what_a_trader_without_patents_says_of_its_marks_follows_them(packages, language):
    """Where a company without patents names its marks instead (P-21's indicator, R-43's
    trademark gazette channel, the manual's outsourced trademark registration), the trader with
    marks keeps the words and the one without has none of them."""
    words = {"zh": [("P-21", "商标注册量"), ("R-43", "商标公告"), ("M-01", "商标注册、检索和维权")],
             "en": [("P-21", "trademark registrations"), ("R-43", "trademark gazette"),
                    ("M-01", "trademark registration, searches and enforcement")]}[language]
    with_marks, bare = packages[("trader", language)][0], packages[("no-marks", language)][0]
    assert [(part, w) for part, w in words if w not in with_marks[part]] == []
    assert [(part, w) for part, w in words if w in bare[part]] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_others_marks_are_still_checked(packages, language):
    """Clearing the products dealt in and authorisation to use others' marks concern a company
    without marks too (P-11's check of the marks used in publicity, R-68's trademark category)."""
    texts = packages[("no-marks", language)][0]
    check = {"zh": "核查所使用的商标", "en": "checks the source of the trademarks"}[language]
    assert check in texts["P-11"]
    assert ("商标" if language == "zh" else "Trademarks") in texts["R-68"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_manual_says_once_it_sets_no_trademark_rules(packages, language, corpus, templates):
    """6.2.2's topic still addresses its clauses: it says once, in P-05's terms, that the company
    sets no trademark rules until it registers marks; the clause statuses are the trader's with
    marks."""
    once = {"zh": "不规定商标管理要求", "en": "so it sets no trademark management requirements"}
    texts, plan = packages[("no-marks", language)]
    assert texts["M-01"].count(once[language]) == 1
    assert once[language] not in packages[("manufacturer", language)][0]["M-01"]
    with_marks = packages[("trader", language)][1]
    assert ({c.key: c.status for c in plan.clauses}
            == {c.key: c.status for c in with_marks.clauses})


# -- 2. see also ----------------------------------------------------------------------------------
# the research-information text is headed by what it is about where the standard splits 联合开发
# over two sections (placement.yaml section_headings)
PLACEMENT = yaml.safe_load((TEMPLATES_DIR / "placement.yaml").read_text(encoding="utf-8"))
TOPICS = {"zh": {"patents": "专利管理", "marks": "商标管理",
                 "academic": PLACEMENT["section_headings"]["9.3.2.2"]["zh"]},
          "en": {"patents": "Patent management", "marks": "Trademark management",
                 "academic": MANUAL["en"]["topic_titles"]["9.3.2.2"][0]["title"]}}


def _see_also(text: str, language: str) -> str:
    lead = MANUAL[language]["labels"]["see_also"].split("{")[0]
    return "\n".join(line for line in text.splitlines() if line.startswith(lead))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_see_also_names_only_rules_the_company_has(packages, language):
    """The trader (marks, no patents, no R&D) is referred to its trademark rules only; without
    marks to none of the three; the manufacturer to its patent and trademark rules. Its research
    information text is named nowhere else in a 2023 manual: the crosswalk relates it to 7.1 资源
    by topic only (placement.yaml topic_pointers; 2013's 6.4 names it, test_manual_2023_structure)."""
    topics = TOPICS[language]
    expected = {"no-marks": set(), "trader": {"marks"}, "manufacturer": {"patents", "marks"}}
    for company, kinds in expected.items():
        lines = _see_also(packages[(company, language)][0]["M-01"], language)
        assert lines, company
        # topics of one clause are named together before its number: '专利管理、商标管理（7.5）'
        assert {k for k, title in topics.items() if title in lines} == kinds, company


# -- 3. choices naming R&D, joint development and patent filing -----------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_forms_offer_no_rd_choices_without_rd(packages, language):
    """R-23's trainees and note, and R-31's risk categories: no R&D personnel and no ownership
    in joint development for the trader (no R&D, no partners); the manufacturer keeps them."""
    words = {"zh": {"R-23": "研发人员", "R-31": "合作开发权属"},
             "en": {"R-23": "R&D personnel", "R-31": "ownership in joint development"}}[language]
    for company, shown in (("trader", False), ("manufacturer", True)):
        texts = packages[(company, language)][0]
        assert {part: phrase in texts[part] for part, phrase in words.items()} == {
            part: shown for part in words}, company


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_search_request_offers_novelty_only_with_patents(packages, tmp_path, corpus,
                                                             templates, language):
    """R-34 of the SaaS example (R&D, no patents held or planned) offers no pre-filing novelty
    search; the manufacturer's does."""
    words = {"zh": "申请前新颖性", "en": "pre-filing novelty"}[language]
    plan = plan_package(load_intake(SAAS[language]), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    out = tmp_path / "R34.docx"
    build_form(plan, templates, next(f for f in plan.forms if f.code == "R34"), out)
    assert words not in docx_text(out).replace("\u00a0", " ")
    assert words in packages[("manufacturer", language)][0]["R-34"]


def test_p17_without_marks_or_patents_names_no_filing_route(packages):
    """P-17 of the trader without marks (it exports, holds and plans no patents or marks)
    names neither a patent nor a trademark route; its steps still ask for the approval form."""
    texts, plan = packages[("no-marks", "zh")]
    p17 = next(p for p in plan.procedures if p.code == "P17")
    printed = procedure_text(TemplateSet(), p17.content["zh"], plan.context)
    steps = " ".join(t for _, t in printed.steps)
    assert "马德里" not in steps and "PCT" not in steps
    assert plan.context["docno"]["R46"] in steps



@pytest.mark.parametrize("language", ["zh", "en"])
def test_people_forms_name_rd_records_only_with_rd(packages, language):
    """The NDA (R-14) and the departure undertaking (R-20) of the trader (no R&D, its secrets
    business information: supplier price lists, customer lists) name no R&D records or source
    code; the manufacturer's do."""
    words = {"zh": {"R-14": ["研发记录", "源代码"], "R-20": ["研发记录"]},
             "en": {"R-14": ["R&D records", "source code"], "R-20": ["R&D records"]}}[language]
    for company, shown in (("trader", False), ("manufacturer", True)):
        texts = packages[(company, language)][0]
        found = [(part, w) for part, phrases in words.items() for w in phrases if w in texts[part]]
        assert found == ([(part, w) for part, phrases in words.items() for w in phrases]
                         if shown else []), company


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_compliance_self_check_asks_only_about_what_the_company_does(
        packages, tmp_path, corpus, templates, language):
    """R-68: a trader registers no works and puts no software in the goods it deals in, so it is
    not asked about copyright registrations or open source in its products; the SaaS example is
    asked both, the manufacturer about open source."""
    registered = {"zh": "申请登记的作品", "en": "filed for registration really created"}[language]
    open_source = {"zh": "产品中使用的开源软件", "en": "open-source software in the products"}[language]
    trader = packages[("trader", language)][0]["R-68"]
    assert registered not in trader and open_source not in trader
    assert open_source in packages[("manufacturer", language)][0]["R-68"]
    plan = plan_package(load_intake(SAAS[language]), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    out = tmp_path / "R68.docx"
    build_form(plan, templates, next(f for f in plan.forms if f.code == "R68"), out)
    saas = docx_text(out)
    assert registered in saas and open_source in saas


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p17_asks_for_the_patent_confidentiality_examination_only_with_patents(packages,
                                                                              language):
    """The confidentiality examination before filing abroad (Patent Law art. 19) is for patents:
    the trader (no patents held or planned) is given no such duty in P-17; the manufacturer is."""
    words = {"zh": "保密审查", "en": "confidentiality examination"}[language]
    assert words not in packages[("no-marks", language)][0]["P-17"]
    assert words not in packages[("trader", language)][0]["P-17"]
    assert words in packages[("manufacturer", language)][0]["P-17"]
