"""Issue 17 (late round, des): copyright in works other than software.

An engineering design institute's core IP is the copyright in its design drawings, design
documents and bid documents; the package had no place for it (`ip.copyrights` rejected, P-03 and
R-06 without design contracts or tenders). Now an intake may name `ip.works` (the kinds of works
that are the company's product); `held.works` then gives, as a kind (design, architecture,
media, surveying …):
- P-03's scope naming design, commissioned-work and service contracts and tender and bid
  documents, its points reviewed naming the ownership and scope of use of commissioned works,
  a step reviewing bid documents for others' IP before submission (recorded in R-06), and the
  two categories in its register step;
- R-06's contract categories 设计和服务 and 招标投标;
- P-18's scope counting the copyright in those works among the assets;
- P-14's copyright notice and authorship check before works are delivered, recorded in a field
  of R-27 (form: deliverable).
Checked both ways: the design institute with `ip.works` has them; the same intake without the
key (an old intake, still valid) and the SaaS example have none. Phrases are the templates' own
words and the task's.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import docx_text
from generators.documents import build_form, procedure_text
from generators.intake import load_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

DATA = Path(__file__).parent / "data" / "intakes"
DESIGN = {lang: DATA / f"design.{lang}.yaml" for lang in ("zh", "en")}
SAAS = {lang: TEMPLATES_DIR / "examples" / f"saas.{lang}.yaml" for lang in ("zh", "en")}

# language -> (P-03 scope, P-03 bid step title, R-06 category, P-14 step title, R-27 field)
WORDS = {
    "zh": ("招标文件和投标文件", "投标文件的知识产权审查", "招标投标", "作品交付前的著作权核查",
           "作品的著作权声明及作者署名核查结果"),
    "en": ("tender and bid documents", "IP review of bid documents", "tenders and bids",
           "Copyright check before works are delivered",
           "Copyright notice and authorship of the works checked"),
}


def _without_works(path: Path, folder: Path) -> Path:
    """The intake at `path` as written before `ip.works` existed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["ip"].pop("works", None)
    out = folder / path.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def _printed(intake: Path, language: str, corpus, folder: Path) -> dict[str, str]:
    """P-03, P-14 (all their text), R-06 and R-27 (as drafted) of the company of `intake`."""
    templates = TemplateSet()
    plan = plan_package(load_intake(intake), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    texts = {"held.works": str(plan.context["held"]["works"])}
    for code in ("P03", "P14", "P18"):
        body = next(p for p in plan.procedures if p.code == code).content[language]
        printed = procedure_text(templates, body, plan.context)
        texts[code] = " ".join([printed.scope, *(f"{t} {x}" for t, x in printed.steps)])
        texts[code + " steps"] = " ".join(t for t, _ in printed.steps)
        texts[code + " bodies"] = {t: x for t, x in printed.steps}
    for code in ("R06", "R27"):
        out = folder / f"{code}.docx"
        build_form(plan, templates, next(f for f in plan.forms if f.code == code), out)
        texts[code] = docx_text(out).replace("\u00a0", " ")
    texts["docno"] = plan.context["docno"]
    return texts


@pytest.fixture(scope="module")
def printed(corpus, tmp_path_factory):
    """language -> company -> its printed texts."""
    result = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"works-{language}")
        old, design = folder / "old", folder / "design"
        old.mkdir()
        design.mkdir()
        result[language] = {
            "design": _printed(DESIGN[language], language, corpus, design),
            "old": _printed(_without_works(DESIGN[language], old), language, corpus, old),
            "saas": _printed(SAAS[language], language, corpus, folder),
        }
    return result


def test_intake_takes_works_and_old_intakes_stay_valid():
    """`ip.works` is a known key (no longer rejected as unknown); an intake without it loads."""
    intake = load_intake(DESIGN["zh"])
    assert intake.ip.works == ["设计图纸", "设计文件", "投标文件"]
    assert load_intake(SAAS["zh"]).ip.works is None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_held_works_follows_the_intake(printed, language):
    assert printed[language]["design"]["held.works"] == "True"
    assert printed[language]["old"]["held.works"] == "False"
    assert printed[language]["saas"]["held.works"] == "False"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p03_covers_design_contracts_and_bids_only_for_works(printed, language):
    scope, bid_title = WORDS[language][:2]
    design = printed[language]["design"]
    assert scope in design["P03"]
    assert bid_title in design["P03 steps"]
    # the bid review is recorded in R-06
    assert design["docno"]["R06"] in design["P03 bodies"][bid_title]
    for other in ("old", "saas"):
        assert scope not in printed[language][other]["P03"]
        assert bid_title not in printed[language][other]["P03 steps"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_r06_offers_design_and_tender_categories_only_for_works(printed, language):
    category = WORDS[language][2]
    assert category in printed[language]["design"]["R06"]
    assert category not in printed[language]["old"]["R06"]
    assert category not in printed[language]["saas"]["R06"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p14_checks_copyright_before_delivery_in_r27(printed, language):
    """The pre-delivery check names the R-27 field it is recorded in, and R-27 has that field."""
    title, field = WORDS[language][3:]
    design = printed[language]["design"]
    assert title in design["P14 steps"]
    step = design["P14 bodies"][title]
    assert design["docno"]["R27"] in step and field in step
    assert field in design["R27"]
    for other in ("old", "saas"):
        assert title not in printed[language][other]["P14 steps"]
        assert field not in printed[language][other]["R27"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p18_counts_works_among_the_assets(printed, language):
    words = {"zh": "设计图纸、设计文件和投标文件等作品的著作权",
             "en": "copyright in works such as design drawings, design documents and bid documents"}
    assert words[language] in printed[language]["design"]["P18"]
    marker = {"zh": "等作品的著作权", "en": "copyright in works"}[language]
    for other in ("old", "saas"):
        assert marker not in printed[language][other]["P18"]


def _warned(intake: Path, language: str) -> list:
    """The intake check's warnings about `ip.works` for the intake at `intake`."""
    from generators.intake import query_warnings
    return [p for p in query_warnings(load_intake(intake), None, language) if p.path == "ip.works"]


def _edited(path: Path, folder: Path, **ip) -> Path:
    """The intake at `path` with its `ip` keys set (None: removed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in ip.items():
        if value is None:
            data["ip"].pop(key, None)
        else:
            data["ip"][key] = value
    out = folder / path.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


@pytest.mark.parametrize("language", ["zh", "en"])
def test_objective_on_drawings_without_works_is_warned(tmp_path, language):
    """The design institute's objective on drawings' copyright notices (设计图纸…著作权声明) with no
    `ip.works` is warned about, naming the key; with works given, or `works: []` (none held),
    or a software company's software-copyright objective, it is not."""
    assert not _warned(DESIGN[language], language)
    old = _warned(_edited(DESIGN[language], tmp_path, works=None), language)
    assert len(old) == 1 and "works" in old[0].message
    (tmp_path / "none").mkdir()
    assert not _warned(_edited(DESIGN[language], tmp_path / "none", works=[]), language)
    assert not _warned(SAAS[language], language)
