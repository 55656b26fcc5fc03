"""A trademark-centred company gets the procedures its IP needs (issue 17, part T).

A consultant drafted the package of a food maker (tests/data/intakes/food.zh.yaml: 24 trademarks,
trade secrets, franchise licences out, no patents, no exports) and found: patent search but no
trademark or brand-licensing procedure, P-12 titled with patent layout, "发明人" in P-20, and the
intake's domain names used nowhere. The food maker is drafted once here, with a trademark pledge
financing plan added so that P-20 is in its package too; the patent companies are only planned.

Expected values come from what a reader sees in the data files: the intake's domain names and
trademark count, the catalogue's titles, the Beijing standard's own term for the people who made
a result (3.7 知识产权成果完成人), the issue's words for what a trademark procedure covers.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from helpers import BJ_PATH, docx_text, procedure_documents
from generators.intake import load_intake
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

FOOD = Path(__file__).parent / "data" / "intakes" / "food.zh.yaml"
EXAMPLES = TEMPLATES_DIR / "examples"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|bj-ipm|(?<![A-Za-z])(?:TODO|XXX|TBD)(?![A-Za-z])")
# what the issue asks a trademark and brand-licensing procedure to cover, in the words it uses
COVERS = ["尼斯分类", "异议", "续展", "质量", "备案", "特许经营", "域名"]


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _title(code: str, language: str = "zh") -> str:
    entry = next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)
    return entry["title"][language]


def _creator_term() -> str:
    """The standard's term for those who made an IP result (its definition 3.7)."""
    return re.search(r"^3\.7\s*(\S+)", BJ_PATH.read_text(encoding="utf-8"), re.M)[1]


@pytest.fixture(scope="module")
def food(tmp_path_factory, corpus, templates):
    """(result, folder, {file stem: text}) of the food maker's package, with a pledge plan."""
    raw = _raw(FOOD)
    raw["business"]["financing_plans"] = True  # 商标质押融资: P-20 is drafted
    folder = tmp_path_factory.mktemp("food")
    path = folder / "food-pledge.zh.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = draft_package(load_intake(path), corpus, folder / "pkg", "zh", templates=templates)
    texts = {p.stem: docx_text(p) for p in (folder / "pkg").rglob("*.docx")}
    # each procedure by its own title, also where a small company's bundle holds it
    texts.update(procedure_documents(folder / "pkg"))
    return result, folder / "pkg", texts


def _document(texts: dict[str, str], title: str) -> str:
    found = [t for stem, t in texts.items() if stem.split(" ", 1)[-1] == title]
    assert found, f"no document titled {title}: {sorted(texts)}"
    return found[0]


def _plan(name: str, corpus, templates):
    intake = load_intake(EXAMPLES / f"{name}.zh.yaml")
    target = load_target(intake.standard, corpus.get(BJ), templates.directory)
    return plan_package(intake, templates, target, "zh")


def test_the_food_maker_gets_a_trademark_and_brand_licensing_procedure(food, corpus, templates):
    result, _, texts = food
    raw = _raw(FOOD)
    procedure = _document(texts, _title("P29"))
    for word in COVERS:
        assert word in procedure, word
    for name in raw["ip"]["domain_names"]:
        assert name in procedure
    assert f"{raw['ip']['trademarks']}件商标" in procedure
    assert "专利" not in procedure  # nothing patent-specific
    for code in ("R74", "R75", "R76"):  # its records are in the package and it names them
        _document(texts, _title(code))
        assert f"《{_title(code)}》" in procedure
    # and the package still reads back clean
    assert result.findings == []
    assert {s: LEFTOVER.findall(t) for s, t in texts.items() if LEFTOVER.search(t)} == {}
    # not for a company whose IP is mainly patents though it licenses out (life sciences), nor
    # for one that licenses nothing out
    for name in ("life-sciences", "manufacturer", "saas"):
        raw = _raw(EXAMPLES / f"{name}.zh.yaml")
        patents = sum((raw["ip"].get("patents") or {}).values())
        assert not raw["business"]["licensing_out"] or patents > raw["ip"]["trademarks"]
        plan = _plan(name, corpus, templates)
        assert "P29" not in {p.code for p in plan.procedures}, name
        assert not {"R74", "R75", "R76"} & {f.code for f in plan.forms}, name


def test_the_ip_ledger_has_a_row_for_each_domain_name(food):
    _, folder, _ = food
    path = next(folder.rglob(f"*{_title('R42')}.docx"))
    rows = [[c.text for c in row.cells] for t in docx.Document(str(path)).tables
            for row in t.rows]
    for name in _raw(FOOD)["ip"]["domain_names"]:
        assert any(name in cells and "域名" in cells for cells in rows), name


def test_p20_names_the_creators_not_inventors_without_patents(food):
    _, _, texts = food
    p20 = _document(texts, _title("P20"))
    assert "发明人" not in p20
    assert _creator_term() in p20


def test_p12_speaks_of_layout_only_for_a_company_with_patents(food, corpus, templates):
    _, folder, texts = food
    # the food maker: no patents held or planned, so no layout in P-12's title or headings
    path = next(p for p in folder.rglob("*.docx") if "-P-12 " in p.name)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    assert headings and not [h for h in headings if "布局" in h]
    assert "布局" not in path.stem
    # the manufacturer holds invention patents: P-12 keeps its layout title and steps
    assert _raw(EXAMPLES / "manufacturer.zh.yaml")["ip"]["patents"]["invention"] > 0
    plan = _plan("manufacturer", corpus, templates)
    p12 = next(p for p in plan.procedures if p.code == "P12")
    assert p12.title["zh"] == _title("P12") and "布局" in _title("P12")
    steps = [templates.render(s["title"], plan.context) for s in p12.content["zh"]["steps"]]
    assert any("布局" in s for s in steps)
