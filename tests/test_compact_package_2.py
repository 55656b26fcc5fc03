"""The compact package for a small company, finished (issue 17, part cp34).

A small company (a start-up, 初创类, or at most cadences.yaml `small_staff` staff) now gets its
procedures issued in the bundles of templates/bundles.yaml unless its intake says
`package.compact: false`; a chapter naming another chapter of the same bundle says where in this
document it is ('见本程序第2章“外来文件与记录控制程序”' / 'see chapter 2 of this procedure'), not
the document's own title, and a chapter naming a procedure of another bundle names that bundle.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text, intake_variant, procedure_document, procedure_documents
from generators.bundles import is_compact
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
TRADEMARKS = Path(__file__).parent / "data" / "trademarks"
EXAMPLES = TEMPLATES_DIR / "examples"
SMALL = [INTAKES / "ai-startup.zh.yaml", INTAKES / "ai-startup.en.yaml", INTAKES / "trading.zh.yaml",
         INTAKES / "food.zh.yaml", INTAKES / "testing-lab.en.yaml", INTAKES / "rd-services.zh.yaml",
         TRADEMARKS / "trade.zh.yaml"]
LARGE = [EXAMPLES / "manufacturer.zh.yaml", EXAMPLES / "saas.en.yaml",
         EXAMPLES / "life-sciences.zh.yaml"]
AI = {lang: INTAKES / f"ai-startup.{lang}.yaml" for lang in ("zh", "en")}
BUNDLES = yaml.safe_load((TEMPLATES_DIR / "bundles.yaml").read_text(encoding="utf-8"))
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))


def _compact(path: Path, tmp_path: Path, on: bool) -> Path:
    """The intake at `path` with package.compact set to `on`."""
    return intake_variant(path, tmp_path, lambda d: d.setdefault("package", {}).update(compact=on))


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_a_small_company_is_compact_unless_it_says_not(path, tmp_path):
    assert is_compact(load_intake(path))
    assert not is_compact(load_intake(_compact(path, tmp_path, False)))


@pytest.mark.parametrize("path", LARGE, ids=lambda p: p.name)
def test_a_large_company_is_not_compact_unless_it_says_so(path, tmp_path):
    assert not is_compact(load_intake(path))
    assert is_compact(load_intake(_compact(path, tmp_path, True)))


@pytest.fixture(scope="module", params=["zh", "en"])
def drafted(request, tmp_path_factory, corpus, templates):
    """The AI start-up's package as its intake gives it (no package.compact: a small company)."""
    language = request.param
    folder = tmp_path_factory.mktemp(f"cp34-{language}") / "pkg"
    result = draft_package(load_intake(AI[language]), corpus, folder, language,
                           templates=templates)
    return language, result, folder


def _chapter_title(code: str, language: str) -> str:
    return next(p for p in CATALOGUE["procedures"] if p["code"] == code)["title"][language]


def test_the_small_company_gets_its_procedures_in_bundles_by_default(drafted):
    language, result, folder = drafted
    assert any(d.bundled for d in result.plan.issued)
    assert len(list((folder / "02-procedures").glob("*.docx"))) < len(result.plan.procedures)
    assert result.findings == []


def test_a_chapter_names_another_chapter_of_its_bundle_by_chapter(drafted):
    """P-01's scope hands external documents to P-02 (《{{ title.P02 }}》): in the bundle
    文件和记录控制程序 both are chapters, so chapter 1 says 'chapter 2 of this procedure'."""
    language, result, folder = drafted
    document = result.plan.issued_for("P01")
    assert [m.code for m in document.members][:2] == ["P01", "P02"]
    number = result.plan.context["docno"]["P01"]
    wording = BUNDLES["same_bundle"][language]
    chapter1 = procedure_document(folder, "P-01")
    said = wording.format(n=2, title=_chapter_title("P02", language))
    assert said in chapter1
    whole = docx_text(next((folder / "02-procedures").glob(f"*{number} *.docx")))
    own = (f"《{document.title}》（{number}）" if language == "zh"
           else f"{document.title} ({number})")
    assert own not in whole  # the document never names itself as another document


def test_no_bundle_names_its_own_title_as_another_document(drafted):
    language, result, folder = drafted
    for document in (d for d in result.plan.issued if d.bundled):
        number = result.plan.context["docno"][document.code]
        whole = docx_text(next((folder / "02-procedures").glob(f"*{number} *.docx")))
        named = (f"《{document.title}》" if language == "zh"
                 else re.compile(rf"\b{re.escape(document.title)} \(", re.I))
        hits = named in whole if language == "zh" else bool(named.search(whole))
        assert not hits, document.title


def test_a_chapter_names_a_procedure_of_another_bundle_by_that_bundle(drafted):
    """P-11 (risks) has searches done as P-12 says: P-12 is in the acquisition bundle, so the
    protection bundle's chapter names that bundle's title and number."""
    language, result, folder = drafted
    other = result.plan.issued_for("P12")
    assert other is not None and other.bundled
    assert result.plan.issued_for("P11") is not other
    number = result.plan.context["docno"]["P12"]
    named = (f"《{other.title}》（{number}）" if language == "zh" else f"{other.title} ({number})")
    texts = procedure_documents(folder)
    assert any(named in t for key, t in texts.items() if key.startswith(("P-11 ", "P-15 ",
                                                                           "P-17 ")))


def test_a_chapter_names_itself_as_this_chapter(drafted):
    """A procedure's text saying 'this procedure' (本程序) means, in a bundle, the chapter: the
    bundle is the procedure document ('本程序第2章'), so the chapter says 本章 / 'this chapter';
    only where the text gives the document's number ('如本程序为…') it stays the document."""
    language, result, folder = drafted
    own, chapter = {"zh": ("本程序", "本章"), "en": ("this procedure", "this chapter")}[language]
    texts = procedure_documents(folder)
    chapters = {k: t for k, t in texts.items()
                if result.plan.issued_for(k.split(" ")[0].replace("-", "")).bundled}
    assert any(chapter in t for t in chapters.values())
    left = [re.search(rf".{{0,30}}{own}(?!第| is|为).{{0,10}}", t, re.I) for t in
            chapters.values()]
    assert not [m.group(0) for m in left if m and not re.search(
        r"chapter \d+ of this procedure", m.group(0))]
