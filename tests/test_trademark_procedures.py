"""The procedures a company's IP needs, by what it holds and plans (issue 17, part K).

A consultant drafted a trading company whose only IP is trademarks (tests/data/trademarks/
trade.en.yaml: 5 registered trademarks, an objective to register abroad, no licensing out) and a
testing lab holding software copyrights (U's report, items 3 and 4): the trading company had no
procedure for trademark clearance searches, filing approval, renewal and use, although the
manual's trademark rules said registration was in P-14, which says nothing about it; the lab's
software copyright registration procedure P-25 was left out because it is no software company.

The IP ledger R-42 pre-filled only the domain names although the intake counts the patents,
trademarks and software copyrights held (item 16).

Expected values come from the data files a reader sees: the intakes, the catalogue's titles
(P-29's title for a company that licenses nothing out is its `title_when` variant), the words of
P-29's own steps.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from helpers import docx_text, intake_variant
from generators.documents import build_form
from generators.intake import load_intake, parse_intake
from generators.package import draft_package, unused_numbers
from generators.plan import plan_package
from generators.registers import PER_RIGHT_ROWS
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data"
TRADE = DATA / "trademarks" / "trade.en.yaml"
RD_SERVICES = DATA / "intakes" / "rd-services.zh.yaml"
EXAMPLES = TEMPLATES_DIR / "examples"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
P29 = yaml.safe_load((TEMPLATES_DIR / "procedures" / "P29.yaml").read_text(encoding="utf-8"))
P14_TITLE = {"zh": "知识产权取得控制程序",
             "en": "IP acquisition procedure for own R&D, joint development and transfer"}


def _entry(code: str) -> dict:
    return next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)


def _unlicensed_title(code: str, language: str) -> str:
    """The title the catalogue gives `code` for a company that licenses nothing out."""
    variant = next(v for v in _entry(code)["title_when"] if "licensing_out" in v["when"])
    return variant[language]


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _plan(intake, corpus, templates, language: str = "zh"):
    target = load_target(intake.standard, corpus.get(BJ), templates.directory)
    return plan_package(intake, templates, target, language)


def _document(texts: dict[str, str], number: str) -> tuple[str, str]:
    """(file stem, text) of the document numbered `number`."""
    found = [(stem, text) for stem, text in texts.items() if stem.split(" ", 1)[0] == number]
    assert found, f"no document {number}: {sorted(texts)}"
    return found[0]


@pytest.fixture(scope="module")
def trade(tmp_path_factory, corpus, templates):
    """(result, {file stem: text}, document numbers) of the trading company's English package,
    each procedure issued as its own document (package.compact: false): these tests read the
    trademark procedure as a document of its own, titled and numbered as the manual names it."""
    folder = tmp_path_factory.mktemp("trade") / "pkg"
    intake = load_intake(intake_variant(TRADE, folder.parent, lambda d: d.setdefault(
        "package", {}).update(compact=False)))
    result = draft_package(intake, corpus, folder, "en", templates=templates)
    texts = {p.stem: docx_text(p) for p in folder.rglob("*.docx")}
    docno = _plan(intake, corpus, templates, "en").context["docno"]
    return result, texts, docno


# -- item 3: trademarks ----------------------------------------------------------------------------
def test_a_company_whose_ip_is_trademarks_gets_a_trademark_procedure_without_licensing(trade):
    result, texts, docno = trade
    raw = _raw(TRADE)
    assert raw["ip"]["trademarks"] > 0 and not any(raw["ip"]["patents"].values())
    assert raw["business"]["licensing_out"] is False
    stem, procedure = _document(texts, docno["P29"])
    assert stem.split(" ", 1)[1] == _unlicensed_title("P29", "en")
    # clearance search and filing approval, renewal, use and marking: the steps a reader expects,
    # with the filing approval form in the package and named
    for step in ("Clearance search and filing", "Renewal and evidence of use",
                 "Correct use and marking", "Domain names"):
        assert step in procedure
    r74 = _entry("R74")["title"]["en"]
    assert _document(texts, docno["R74"])[0].endswith(r74)
    assert f"{r74} ({docno['R74']})" in procedure
    assert f"its {raw['ip']['trademarks']} registered trademarks" in procedure
    for name in raw["ip"]["domain_names"]:
        assert name in procedure
    # registration abroad (its objective) goes through the foreign filing procedure
    assert f"({docno['P17']})" in procedure
    # nothing about licensing the marks out: no licensing steps, terms or registers
    assert not re.search(r"licen[cs]", procedure, re.I), re.findall(r".{40}licen[cs].{40}",
                                                                    procedure, re.I)
    for code in ("R75", "R76"):
        assert not [s for s in texts if s.startswith(docno[code] + " ")], code
    assert result.findings == []


def test_the_manual_names_the_procedure_that_holds_trademark_registration(trade):
    _, texts, docno = trade
    manual = next(t for s, t in texts.items() if s.split(" ", 1)[0] == docno["M01"])
    rules = next(line for line in manual.splitlines()
                 if line.startswith("The company's trademark management requirements"))
    assert f"{_unlicensed_title('P29', 'en')} ({docno['P29']})" in rules
    assert f"registration in the {P14_TITLE['en']}" not in rules


def test_a_patent_company_keeps_its_package_and_its_manual_holds_trademark_filing(
        corpus, templates):
    """The manufacturer (patents far more than trademarks): no P-29, and the manual no longer
    sends trademark registration to P-14, which has no trademark filing step; it states the
    clearance search and approval itself, as P-29 words them."""
    raw = _raw(EXAMPLES / "manufacturer.zh.yaml")
    assert sum(raw["ip"]["patents"].values()) > raw["ip"]["trademarks"] > 0
    plan = _plan(load_intake(EXAMPLES / "manufacturer.zh.yaml"), corpus, templates)
    assert "P29" not in {p.code for p in plan.procedures}
    assert not {"R74", "R75", "R76"} & {f.code for f in plan.forms}
    p14 = next(p for p in plan.procedures if p.code == "P14")
    p14_text = " ".join(templates.render(s["text"], plan.context) for s in p14.content["zh"]["steps"])
    search = "检索相同和近似商标"  # P-29's clearance search, in its own words
    assert search in P29["zh"]["steps"][1]["text"] and search not in p14_text
    rules = templates.render(templates.manual("zh")["clauses"]["6.2.2"], plan.context)
    assert f"商标注册见《{P14_TITLE['zh']}》" not in rules
    assert search in rules


# -- item 4: software copyrights -------------------------------------------------------------------
def test_software_copyright_registration_follows_the_copyrights_not_the_business_model(
        corpus, templates):
    """An R&D-services company (a testing lab) holding 3 software copyrights and planning more:
    P-25 and its approval form are drafted, scoped to its 3 copyrights and not to its services."""
    raw = _raw(RD_SERVICES)
    assert raw["company"]["business_model"] == ["rd-services"]
    raw["ip"]["software_copyrights"] = 3
    raw["policy"]["objectives"].append("每年登记软件著作权不少于 1 件")
    intake = parse_intake(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "lab.yaml")
    plan = _plan(intake, corpus, templates)
    assert "P25" in {p.code for p in plan.procedures}
    assert "R69" in {f.code for f in plan.forms}
    p25 = next(p for p in plan.procedures if p.code == "P25")
    scope = templates.render(p25.content["zh"]["scope"], plan.context)
    assert "3件软件著作权" in scope
    assert not [p for p in raw["company"]["products"] if p in scope]  # services, not software
    unused = {number for number, _, _ in unused_numbers(plan, templates)}
    assert plan.context["docno"]["P25"] not in unused


# -- item 16: the IP ledger ------------------------------------------------------------------------
# the kinds of right the intake counts, in the words of the law and the manual ('发明专利12件')
KINDS = {"invention": "发明专利", "utility_model": "实用新型专利", "design": "外观设计专利",
         "trademarks": "注册商标", "software_copyrights": "软件著作权"}


def test_the_ip_ledger_has_a_row_per_kind_of_right_held_with_its_count(corpus, templates,
                                                                        tmp_path):
    """Every kind of right held is in the ledger with how many are held: a kind held at most
    PER_RIGHT_ROWS times as that many rows typed with the kind (session 30's per-right rows: an
    auditor samples single rights), a kind held more often as one row with its count
    ('实用新型专利（30件）') and the itemised list exported from the IP system attached; the
    rights themselves are entered by hand, and blank rows follow for rights added."""
    raw = _raw(EXAMPLES / "manufacturer.zh.yaml")
    counts = {**raw["ip"]["patents"], **raw["ip"]}
    plan = _plan(load_intake(EXAMPLES / "manufacturer.zh.yaml"), corpus, templates)
    form = next(f for f in plan.forms if f.code == "R42")
    build_form(plan, templates, form, tmp_path / "r42.docx")
    ledger = next(t for t in docx.Document(str(tmp_path / "r42.docx")).tables
                  if len(t.columns) > 5)
    heads = [c.text for c in ledger.rows[0].cells]
    # a count keeps its unit by invisible joiners ('30\u2060件'): read as shown
    rows = [[c.text.replace("\u2060", "").replace("\u202f", " ") for c in row.cells]
            for row in ledger.rows[1:]]
    kind, title = heads.index("类型"), heads.index("名称")
    assert {counts[key] <= PER_RIGHT_ROWS for key in KINDS} == {True, False}  # both ways
    for key, word in KINDS.items():
        assert counts[key] > 0
        if counts[key] <= PER_RIGHT_ROWS:  # a row per right, typed with its kind
            rights = [r for r in rows if r[kind] == word]
            assert len(rights) == counts[key], (word, counts[key], len(rights))
            assert not any(r[title] for r in rights)  # the rights themselves by hand
            continue
        found = [r for r in rows if word in r[kind] and f"{counts[key]}件" in r[kind]]
        assert found, (word, counts[key], [r[kind] for r in rows if r[kind]])
        assert "导出" in found[0][title] and "附" in found[0][title]  # the itemised list
    for name in raw["ip"]["domain_names"]:
        assert any(r[title] == name for r in rows)
    # and blank rows below them for the rights added
    typed = max(i for i, r in enumerate(rows) if any(r[1:]))
    assert rows[typed + 1:] and not any(any(r[1:]) for r in rows[typed + 1:])
