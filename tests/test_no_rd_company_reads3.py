"""Issue 17 (the consultant's tryout, part A2): what part A left for a company without R&D.

The trading companies of tests/data (no R&D modes, no R&D staff, no partners; registered
trademarks and trade secrets of business information, no patents) still had
1. the joint-development contract checklist R-40 drafted, and the manual's 9.3.2 text and P-03
   sending contracts to it — GB/T 29490 9.3.2 is about collaborative and commissioned
   development, which such a company does not do: R-40 is drafted only with R&D or partners;
2. P-14 titled "… for own R&D, joint development and transfer" wherever it was named;
3. a technical value score in the IP grading sheet R-49 for a company holding no IP that
   concerns technology (P-18 grades technical value only for such IP);
4. P-05 requiring trademark management rules of a company that holds and plans no marks.
Each is checked both ways: the trader lacks it, the shipped manufacturer (in-house R&D with a
university, patents, marks) keeps it. Expected phrases are the templates' and the catalogue's
words.
"""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from helpers import docx_text, intake_variant
from generators.documents import build_form, procedure_text
from generators.intake import load_intake
from generators.package import draft_package, unused_numbers
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data"
TRADER = {"zh": DATA / "trademarks" / "trade.zh.yaml", "en": DATA / "trademarks" / "trade.en.yaml"}
MANUFACTURER = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
NOT_DRAFTED = yaml.safe_load((TEMPLATES_DIR / "not_drafted.yaml").read_text(encoding="utf-8"))


def _entry(code: str) -> dict:
    return next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)


def _plan(path: Path, language: str, corpus, templates):
    return plan_package(load_intake(path), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)


def _procedure(plan, templates, code: str) -> str:
    """A procedure's text as the package prints it, in one string."""
    p = next(p for p in plan.procedures if p.code == code)
    printed = procedure_text(templates, p.content[plan.language], plan.context)
    return " ".join([printed.purpose, printed.scope]
                    + [w for row in printed.definitions + printed.responsibilities
                       + printed.steps for w in row])


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """{(company, language): {file name: text}} of whole drafted packages, each procedure issued
    as its own document (package.compact: false for the small trader): these tests read how
    the manual and the procedures name P-14 as a document of its own."""
    out = {}
    for company, paths in (("trader", TRADER), ("manufacturer", MANUFACTURER)):
        for language, path in paths.items():
            folder = tmp_path_factory.mktemp(f"{company}-{language}") / "pkg"
            path = intake_variant(path, folder.parent, lambda d: d.setdefault(
                "package", {}).update(compact=False))
            result = draft_package(load_intake(path), corpus, folder, language)
            assert [f.message for f in result.findings] == []
            out[(company, language)] = {p.name: docx_text(p) for p in folder.rglob("*.docx")}
            out[(company, language)]["coverage.md"] = (folder / "coverage.md").read_text(
                encoding="utf-8")
    return out


# -- 1. R-40 only with R&D or partners ------------------------------------------------------------
CHECKLIST = {lang: _entry("R40")["title"][lang] for lang in ("zh", "en")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_joint_development_checklist_follows_rd_or_partners(packages, language):
    """The trader's package has no R-40 and no text names it; coverage.md says why, in
    not_drafted.yaml's words. The manufacturer's package has R-40 and its manual, P-03 and P-14
    name it."""
    trader, maker = packages[("trader", language)], packages[("manufacturer", language)]
    naming = [name for name, text in trader.items() if CHECKLIST[language] in text
              and name != "coverage.md"]
    assert naming == []
    reason = NOT_DRAFTED["drafted_when"][_entry("R40")["drafted_when"]][language]
    assert reason in trader["coverage.md"]
    for part in ("-M-01", "-P-03", "-P-14", "-R-40"):
        assert [n for n, text in maker.items() if part in n and CHECKLIST[language] in text
                or part == "-R-40" and part in n], part
    assert reason not in maker["coverage.md"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_without_rd_but_with_a_partner_keeps_the_checklist(
        tmp_path, corpus, templates, language):
    """rd.partners alone (a design institute it commissions) brings R-40 back, and the manual's
    9.3.2.1 and P-03 name it again."""
    def partner(data):
        data["rd"]["partners"] = ["上海某设计研究院" if language == "zh"
                                  else "Shanghai Example Design Institute"]
    for path, drafted in ((TRADER[language], False),
                          (intake_variant(TRADER[language], tmp_path, partner), True)):
        plan = _plan(path, language, corpus, templates)
        assert ("R40" in {f.code for f in plan.forms}) == drafted
        manual = templates.render(templates.manual(language)["clauses"]["9.3.2.1"], plan.context)
        assert (CHECKLIST[language] in manual) == drafted
        assert (CHECKLIST[language] in _procedure(plan, templates, "P03")) == drafted


# -- 2. P-14's title ------------------------------------------------------------------------------
def test_p14_is_titled_by_the_routes_the_company_has(packages):
    """The catalogue's full English title (own R&D, joint development) appears nowhere in the
    trader's package, which prints the catalogue's `title_when` wording wherever P-14 is named;
    the manufacturer's package prints the full title."""
    full = _entry("P14")["title"]["en"]
    worded = next(v["en"] for v in _entry("P14")["title_when"] if "rd.partners" in v["when"])
    trader, maker = packages[("trader", "en")], packages[("manufacturer", "en")]
    assert [name for name, text in trader.items() if full in text] == []
    manual = next(text for name, text in trader.items() if "-M-01" in name)
    assert manual.count(worded) >= 5  # 6.2.x, 9.3.x name it
    assert [name for name, text in maker.items() if worded in text] == []
    assert full in next(text for name, text in maker.items() if "-M-01" in name)


def test_p14_without_own_rd_but_with_a_partner_names_joint_development(tmp_path, corpus,
                                                                        templates):
    data_change = (lambda d: d["rd"].update(partners=["Shanghai Example Design Institute"]))
    plan = _plan(intake_variant(TRADER["en"], tmp_path, data_change), "en", corpus, templates)
    # its own title (its document's, or its chapter's in a small company's bundle)
    p14 = next(p for p in plan.procedures if p.code == "P14")
    assert p14.title["en"] == next(v["en"] for v in _entry("P14")["title_when"]
                                   if v["when"] == "not kind.rd")
    document = plan.issued_for("P14")
    assert plan.context["title"]["P14"] == (document.title if document.bundled
                                            else p14.title["en"])


# -- 3. R-49's technical value column -------------------------------------------------------------
SCORE = {"zh": "技术价值得分", "en": "Technical value score"}
TECHNICAL = {"zh": "技术价值", "en": "technical value"}


def _r49_header(plan, templates, tmp_path: Path) -> list[str]:
    form = next(f for f in plan.forms if f.code == "R49")
    path = tmp_path / f"R49-{plan.language}-{id(plan)}.docx"
    build_form(plan, templates, form, path)
    ledger = max(docx.Document(str(path)).tables, key=lambda t: len(t.columns))
    return [c.text for c in ledger.rows[0].cells]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_grading_sheet_scores_technical_value_only_for_technical_ip(
        tmp_path, corpus, templates, language):
    """The trader (marks, and customer lists and prices as its secrets): no technical value in
    P-18's grading or R-49's columns. The same trader holding software copyrights grades them
    for technical value 'only for IP that concerns technology' (part A's P-18 wording) and R-49
    has the column; so does the manufacturer, with its R&D criteria."""
    copyrights = intake_variant(TRADER[language], tmp_path,
                          lambda d: d["ip"].update(software_copyrights=2))
    only = {"zh": "只评涉及技术的知识产权", "en": "only for IP that concerns technology"}[language]
    for path, scored, only_technical in ((TRADER[language], False, False),
                                         (copyrights, True, True),
                                         (MANUFACTURER[language], True, False)):
        plan = _plan(path, language, corpus, templates)
        header = _r49_header(plan, templates, tmp_path)
        assert (SCORE[language] in header) == scored, path.name
        assert any("法律价值" in h or "Legal value" in h for h in header)
        p18 = _procedure(plan, templates, "P18")
        assert (TECHNICAL[language] in p18.replace("Technical", "technical")) == scored
        assert (only in p18) == only_technical
        manual = templates.render(templates.manual(language)["clauses"]["11.2.2"], plan.context)
        assert (TECHNICAL[language] in manual) == scored


# -- 4. P-05's rules follow the IP held and planned -----------------------------------------------
# P-05 in a GB/T package sets requirements by category (test_manual_2023_structure), not bj-ipm
# 6.2's rules
RULES = {"zh": {"trademarks": "商标管理要求", "secrets": "商业秘密管理要求", "none": "暂不规定商标管理要求",
                "printing": "商标标识印制管理"},
         "en": {"trademarks": "trademark requirements",
                "secrets": "trade secret requirements",
                "none": "so it sets no trademark requirements for now",
                "printing": "trademark label printing"}}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p05_requires_rules_only_for_ip_held_or_planned(tmp_path, corpus, templates, language):
    """The trader without marks (none held, no trademark objective) and without trade secrets:
    P-05 requires neither trademark nor trade secret rules and says once why it sets no trademark
    rules yet; the trader with marks and the manufacturer require both."""
    def bare(data):
        data["ip"].update(trademarks=0, trade_secrets=False, trade_secret_examples=[])
        data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                        if "商标" not in o and "trademark" not in o.lower()]
    words = RULES[language]
    for path, held in ((intake_variant(TRADER[language], tmp_path, bare), False),
                       (TRADER[language], True), (MANUFACTURER[language], True)):
        plan = _plan(path, language, corpus, templates)
        p05 = _procedure(plan, templates, "P05")
        p = next(p for p in plan.procedures if p.code == "P05")
        printed = procedure_text(templates, p.content[language], plan.context)
        # what it requires: its purpose, definitions and steps (not the steps' titles), without
        # the sentence saying it sets no trademark rules yet
        required = " ".join([printed.purpose] + [m for _, m in printed.definitions]
                            + [t for _, t in printed.steps]).replace(words["none"], "")
        assert (words["trademarks"] in required) == held, path.name
        assert (words["secrets"] in required) == held, path.name
        assert (words["none"] in p05) == (not held), path.name
        assert (words["printing"] in p05) == held  # all three sell physical goods


def test_a_software_company_prints_no_trademark_labels(corpus, templates):
    """Label printing (商标标识印制) is for marks on goods: the SaaS example's trademark rules
    leave it out, the manufacturer's keep it."""
    saas = _plan(TEMPLATES_DIR / "examples" / "saas.zh.yaml", "zh", corpus, templates)
    assert RULES["zh"]["trademarks"] in _procedure(saas, templates, "P05")
    assert RULES["zh"]["printing"] not in _procedure(saas, templates, "P05")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_abandonment_form_asks_whom_p18_asks(tmp_path, corpus, templates, language):
    """P-18 asks the departments using the right (not R&D) about abandoning a trader's IP and
    values it by its use on the products it deals in: R-50's fields say the same; the
    manufacturer's keep the R&D department's opinion and the use in products."""
    rd = {"zh": "研发部门意见", "en": "R&D department's opinion"}[language]
    dealt = {"zh": "在经营产品上的使用", "en": "Use on the products dealt in"}[language]
    for path, has_rd in ((TRADER[language], False), (MANUFACTURER[language], True)):
        plan = _plan(path, language, corpus, templates)
        form = next(f for f in plan.forms if f.code == "R50")
        out = tmp_path / f"R50-{language}-{has_rd}.docx"
        build_form(plan, templates, form, out)
        labels = [row.cells[0].text for t in docx.Document(str(out)).tables for row in t.rows]
        assert (rd in labels) == has_rd
        assert any(dealt in label for label in labels) == (not has_rd)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p05s_forms_offer_only_the_kinds_of_ip_held_or_planned(tmp_path, corpus, templates,
                                                                language):
    """P-05's list of rules (R-11) and its credit check record (R-12) offered a trademark (and
    trade secret) choice to a company with neither: a choice rendering empty is left out. The
    manufacturer's forms keep them."""
    def bare(data):
        data["ip"].update(trademarks=0, trade_secrets=False, trade_secret_examples=[])
        data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                        if "商标" not in o and "trademark" not in o.lower()]
    words = {"zh": {"R11": ["商标", "商业秘密"], "R12": ["商标申请"]},
             "en": {"R11": ["trademark", "trade secret"], "R12": ["trademark filing"]}}[language]
    for path, held in ((intake_variant(TRADER[language], tmp_path, bare), False),
                       (MANUFACTURER[language], True)):
        plan = _plan(path, language, corpus, templates)
        for code, choices in words.items():
            out = tmp_path / f"{code}-{language}-{held}.docx"
            build_form(plan, templates, next(f for f in plan.forms if f.code == code), out)
            text = docx_text(out)
            assert [c for c in choices if c in text] == (choices if held else []), code
